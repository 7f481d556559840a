"""Incremental builds and removals against a store, and the outputs written from it.

A build streams documents past the index: unchanged ones (same content
hash) are skipped before any parsing, the rest are extracted and committed
``batch_size`` at a time, each batch one transaction. Then the shared graph
is rebuilt and ``graph.ttl``, ``statements.jsonl`` and the map are written
from the store — unless nothing changed and they are already newer than the
store's last change, which is how an unchanged corpus finishes in seconds.
"""
from __future__ import annotations

import hashlib
import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import output_set
from ..codebook.fingerprint import codebook_fingerprint
from ..map.render import render_map
from ..models import Codebook, Document, Statement
from ..rdf.io import FORMATS
from ..store import open_store
from ..store.base import GraphStore
from ..store.ledger import (IndexEntry, Pending, commit, content_hash, is_dirty, next_sequence, read_files, read_index,
                            record_files, refreshed_at, remove, store_codebook, stored_codebook)
from ..store.shared import refresh_shared
from ..text.ingest import input_files
from .outputs import StoreContents, export_graph, store_contents

__all__ = ["StoreReport", "build_into_store", "remove_from_store", "file_digest"]

Extract = Callable[[Iterable[Document]], Iterator[tuple[Document, list[Statement]]]]


@dataclass
class StoreReport:
    """What a run did to a store, and what the store holds afterwards.

    >>> StoreReport("store/", added=2, unchanged=3, documents=5, statements=9).line()
    'store store/: 2 added, 0 replaced, 3 unchanged, 0 removed; it holds 5 documents, 9 statements'
    """

    location: str
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    interrupted: bool = False
    documents: int = 0
    statements: int = 0
    # False when the output files were already up to date with the store and left alone
    outputs_written: bool = True

    def line(self) -> str:
        """The one-line summary the CLI prints.

        >>> StoreReport("store/", replaced=1, interrupted=True, documents=4, statements=6).line()
        'interrupted: committed store/: 0 added, 1 replaced, 0 unchanged, 0 removed; it holds 4 documents, 6 statements'
        """
        head = "interrupted: committed" if self.interrupted else "store"
        return (f"{head} {self.location}: {self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.removed} removed; it holds {self.documents} documents, {self.statements} statements")


def build_into_store(location, inputs: Sequence[str | Path], read: Callable[[list[Path]], Iterable[Document]],
                     book: Codebook, extract: Extract, out: Path, *, fmt: str, map_file: bool, batch_size: int,
                     interrupted: Callable, on_commit: Callable | None = None, whole: bool = True,
                     failed: set[str] | frozenset = frozenset()):
    """Add new and changed documents of ``inputs`` to the store; returns (report, files, counts).

    ``read`` turns input paths into documents. Input files whose bytes are
    those of a run that read them completely (``whole``, no error in
    ``failed``) are not read again: an unchanged corpus costs a hash of its
    files. On Ctrl-C the finished documents are committed, the shared graph
    is brought up to date and ``interrupted(report, files, counts)`` is raised.

    >>> import tempfile
    >>> from graphbuild.models import Claim
    >>> from graphbuild.text.ingest import read_documents
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Taxes should rise.", encoding="utf-8")
    >>> def no_statements(documents):  # extraction stands aside: this shows the bookkeeping
    ...     return ((d, []) for d in documents)
    >>> def run():
    ...     return build_into_store(folder / "store", [folder / "a.txt"], read_documents,
    ...                             Codebook((Claim("tax", "Taxes should rise"),)), no_statements, folder / "out",
    ...                             fmt="turtle", map_file=False, batch_size=8, interrupted=RuntimeError)
    >>> report, files, counts = run()
    >>> report.added, report.documents, sorted(files)
    (1, 1, ['graph', 'statements'])
    >>> run()[0].unchanged  # the same file again: not read, nothing to do
    1
    """
    report = StoreReport(str(location))
    with open_store(location) as store, store.lock() as lock:
        report.location = store.location  # a password in an endpoint URL is not shown
        fingerprint = codebook_fingerprint(book)
        store_codebook(store, book)
        index = read_index(store)
        order = itertools.count(next_sequence(index))
        waiting: dict[str, tuple[str, IndexEntry | None, int]] = {}
        paths, digests, to_read = input_files(inputs), {}, []
        known = read_files(store)
        for path in paths:
            digest = file_digest(path, fingerprint)
            if digest is not None and known.get(str(path.resolve()), (None,))[0] == digest:
                report.unchanged += known[str(path.resolve())][1]
                continue
            digests[str(path)] = digest
            to_read.append(path)
        per_file: Counter = Counter()

        def todo() -> Iterator[Document]:
            for doc in read(to_read) if to_read else ():
                per_file[doc.source_path] += 1
                digest = content_hash(doc, fingerprint)
                entry = index.get(doc.id)
                if entry is not None and entry.hash == digest:
                    report.unchanged += 1
                    continue
                waiting[doc.id] = (digest, entry, entry.sequence if entry else next(order))
                yield doc

        pending: list[Pending] = []

        def flush() -> None:
            if not pending:
                return
            commit(store, pending)
            lock.renew()
            for p in pending:
                if waiting.pop(p.document.id)[1] is None:
                    report.added += 1
                else:
                    report.replaced += 1
            pending.clear()
            if on_commit is not None:
                on_commit(report)

        try:
            for doc, statements in extract(todo()):
                digest, _, sequence = waiting[doc.id]
                pending.append(Pending(doc, statements, digest, sequence))
                if len(pending) >= batch_size:
                    flush()
            flush()
        except KeyboardInterrupt:
            flush()
            report.interrupted = True
            _refresh(store, book)
            contents = store_contents(store, None)
            report.documents, report.statements = contents.documents, contents.statements
            raise interrupted(report, {}, contents.counts) from None
        if whole:
            # Only files read to the end without an error may be skipped next time.
            record_files(store, {str(Path(p).resolve()): (d, per_file[p]) for p, d in digests.items()
                                 if d is not None and p not in failed})
        files, contents, report.outputs_written = _finish(store, book, out, fmt, map_file,
                                                          report.added + report.replaced > 0)
    report.documents, report.statements = contents.documents, contents.statements
    return report, files, contents.counts


def file_digest(path: Path, fingerprint: str) -> str | None:
    """A hash of a file's bytes and the codebook; None if it cannot be read (read_documents will say why).

    >>> file_digest(SEEDS / "codebook.yaml", "f") == file_digest(SEEDS / "codebook.yaml", "f") != file_digest(SEEDS / "codebook.yaml", "g")
    True
    >>> file_digest(SEEDS / "missing.txt", "f") is None
    True
    """
    digest = hashlib.sha256(fingerprint.encode("utf-8"))
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def remove_from_store(location, doc_ids: list[str], out: Path | None, *, fmt: str, map_file: bool):
    """Remove documents by id; returns (report, files, counts, unknown ids).

    >>> store = one_statement_store()  # conftest.py: document "d" where Ann Lee supports "tax"
    >>> location = store.location; store.close()
    >>> report, files, counts, unknown = remove_from_store(location, ["d", "e"], None, fmt="turtle", map_file=False)
    >>> report.removed, report.documents, unknown
    (1, 0, ['e'])
    """
    report = StoreReport(str(location))
    with open_store(location, create=False) as store, store.lock():
        report.location = store.location
        removed, unknown = remove(store, doc_ids)
        report.removed = len(removed)
        book = stored_codebook(store)
        if out is None:
            if removed or is_dirty(store):
                refresh_shared(store, book)
            files, contents = {}, store_contents(store, None)
        else:
            files, contents, report.outputs_written = _finish(store, book, out, fmt, map_file, bool(removed))
    report.documents, report.statements = contents.documents, contents.statements
    return report, files, contents.counts, unknown


def _refresh(store: GraphStore, book: Codebook | None) -> None:
    if is_dirty(store):
        refresh_shared(store, book)


_CLOCK_SLACK = 0.5  # seconds


def _finish(store: GraphStore, book: Codebook | None, out: Path, fmt: str, map_file: bool,
            changed: bool) -> tuple[dict[str, Path], StoreContents, bool]:
    """Bring the shared graph up to date, then write the outputs if any is older than the store.

    Returns the output paths, what the store holds, and whether the outputs were written."""
    if changed or is_dirty(store):
        refresh_shared(store, book)
    files = {"graph": out / f"graph{FORMATS[fmt][1]}", "statements": out / "statements.jsonl"}
    if map_file:
        files["map"] = out / "map.html"
    stamp = refreshed_at(store)
    # File times come from the kernel's coarse clock, which lags time.time()
    # by up to a tick: an output written just after the refresh can look a
    # few milliseconds older than it. A store changed since the outputs were
    # written is older than them by at least a build.
    stale = changed or any(not p.is_file() or os.stat(p).st_mtime < stamp - _CLOCK_SLACK for p in files.values())
    if not stale:
        return files, store_contents(store, None), stale
    with output_set(out) as stage:  # all new, or all as they were
        contents = store_contents(store, stage / files["statements"].name)
        export_graph(store, stage / files["graph"].name, fmt)
        if map_file:
            render_map(store, stage / files["map"].name)
    return files, contents, stale


