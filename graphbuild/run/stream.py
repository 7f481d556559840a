"""``graphbuild extract`` and ``graphbuild attributions``: records streamed as documents are parsed.

Each yields its records as soon as a chunk of documents is done, writes
nothing, and reports a document it cannot read or the pipeline fails on
to ``on_error`` (a bad input costs only itself); without ``on_error`` the
error is raised.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..codebook.aliases import apply_aliases, load_aliases
from ..codebook.codebook import resolve_codebook
from ..errors import InputError
from ..models import Attribution, Codebook, Document, Statement
from ..nlp.extract import find_attributions
from ..nlp.pipeline import load_nlp
from ..text.ingest import read_documents
from .guard import guarded
from .parallel import extract_documents

__all__ = ["stream_statements", "stream_attributions"]

ErrorHandler = Callable[[InputError], None]
Progress = Callable[[Iterable[Document]], Iterable[Document]]


def _raise(err: InputError) -> None:
    raise err


def _documents(inputs: Iterable[str | Path], on_error: ErrorHandler | None, max_chars: int | None,
               progress: Progress | None) -> Iterable[Document]:
    documents = read_documents(inputs, on_error=on_error, max_chars=max_chars)
    return progress(documents) if progress is not None else documents


def stream_statements(inputs: list[str | Path], codebook: Codebook | str | Path | None = None, *,
                      aliases: Mapping[str, str] | str | Path | None = None, on_error: ErrorHandler | None = None,
                      max_chars: int | None = None, progress: Progress | None = None,
                      jobs: int = 1) -> Iterator[Statement]:
    """The statements a build of ``inputs`` would write, as they are found (FORMAT.md §3).

    The codebook (or the one beside the inputs) and the alias file are read
    first, so a mistake in either stops before any parsing. ``jobs`` > 1
    parses in that many processes; the statements and their order are the same.

    >>> rows = stream_statements([SEEDS / "001_8efe145ea01ff212.txt"], SEEDS / "codebook.yaml")
    >>> sorted({(s.claim, s.stance) for s in rows})[:2]
    [('nato-eastern-defense', 'supports'), ('russia-collapse', 'supports')]
    """
    book = resolve_codebook(codebook, inputs)
    table = load_aliases(aliases) if isinstance(aliases, (str, Path)) else dict(aliases or {})

    def found() -> Iterator[Statement]:
        documents = _documents(inputs, on_error, max_chars, progress)
        for _, statements in extract_documents(documents, book, jobs=jobs, on_error=on_error):
            yield from apply_aliases(statements, table)

    return found()


def stream_attributions(inputs: list[str | Path], *, on_error: ErrorHandler | None = None,
                        max_chars: int | None = None, progress: Progress | None = None) -> Iterator[Attribution]:
    """Who said what in ``inputs`` (FORMAT.md §5), as it is found; no codebook needed.

    >>> rows = list(stream_attributions([SEEDS / "004_c24847f011466667.txt"]))
    >>> sorted({a.kind for a in rows}), "Ivan Sokolov" in {a.actor for a in rows}
    (['quote', 'reported'], True)
    """
    def found() -> Iterator[Attribution]:
        nlp = load_nlp(None, positions=False)
        yield from guarded(lambda batch: find_attributions(batch, nlp=nlp),
                           _documents(inputs, on_error, max_chars, progress), on_error or _raise)

    return found()
