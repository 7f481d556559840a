"""Keep a batch going when one document makes the pipeline fail.

Articles come from the open web: sooner or later one will trip a bug no test
foresaw. :func:`guarded` runs a batch step (extraction, attribution) over
documents a batch at a time; when a batch raises, it runs that batch's
documents one by one, reports each one that still fails as an
:class:`~graphbuild.errors.InputError` naming its file and id, and goes on.
Batches keep spaCy's speed; only a failing batch is processed twice, and
nothing it produced is yielded before it has finished, so no output is
duplicated.

>>> halve = lambda docs: [1 / d for d in docs]
>>> failed = []
>>> list(guarded(halve, [1, 0, 4], failed.append, batch_size=2))
[1.0, 0.25]
>>> len(failed)
1
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

from ..errors import InputError

__all__ = ["DocumentError", "guarded", "document_error"]

D = TypeVar("D")
R = TypeVar("R")

# Characters of an exception message kept in the one-line report.
_MAX_REASON = 200


class DocumentError(InputError):
    """A document was read but the pipeline failed on it; ``doc_id`` names it."""

    def __init__(self, path: str, reason: str, doc_id: str | None = None):
        super().__init__(path, reason)
        self.doc_id = doc_id


def guarded(process: Callable[[list[D]], Iterable[R]], documents: Iterable[D],
            on_error: Callable[[InputError], None], *, batch_size: int = 16) -> Iterator[R]:
    """``process``'s results for every document, skipping (and reporting) those it fails on.

    ``process`` maps a list of documents to an iterable of results and must
    not keep state between calls. ``KeyboardInterrupt`` and ``SystemExit``
    still stop the run; only ``Exception`` is caught.

    >>> list(guarded(lambda ds: [d.upper() for d in ds], ["a", "b"], print))
    ['A', 'B']
    """
    stream = iter(documents)
    while batch := list(islice(stream, batch_size)):
        try:
            results = list(process(batch))
        except Exception:  # noqa: BLE001  (which document failed is found below)
            results = []
            for document in batch:
                try:
                    results.extend(process([document]))
                except Exception as err:  # noqa: BLE001  (reported, and the batch goes on)
                    on_error(document_error(document, err))
        yield from results


def document_error(document, err: BaseException) -> DocumentError:
    """One line for a document the pipeline failed on: its file, id and the exception.

    >>> from graphbuild.models import Document
    >>> str(document_error(Document("a1", "text", source_path="c.jsonl"), ValueError("bad\\nthing")))
    "c.jsonl: document 'a1' could not be processed (ValueError: bad thing); skipped"
    """
    doc_id = getattr(document, "id", None)
    source = getattr(document, "source_path", None) or (f"<document {doc_id}>" if doc_id else "<document>")
    reason = " ".join(str(err).split()) or "no message"
    if len(reason) > _MAX_REASON:
        reason = reason[: _MAX_REASON - 1] + "…"
    what = f"document {doc_id!r}" if doc_id is not None else "document"
    return DocumentError(source, f"{what} could not be processed ({type(err).__name__}: {reason}); skipped", doc_id)
