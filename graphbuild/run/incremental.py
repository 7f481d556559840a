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
from pathlib import Path

from ..models import Codebook, Document, Statement
from ..rdf.io import FORMATS
from ..store import open_store
from ..store.base import GraphStore
from ..store.export import StoreContents, export_graph, write_store_statements
from ..store.ledger import (IndexEntry, Pending, codebook_fingerprint, commit, content_hash, is_dirty, next_sequence,
                     read_files, read_index, read_statements, record_files, refreshed_at, remove, store_codebook,
                     stored_codebook)
from ..store.shared import refresh_shared

__all__ = ["build_into_store", "remove_from_store"]

Extract = Callable[[Iterable[Document]], Iterator[tuple[Document, list[Statement]]]]


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
    """
    from .build import StoreReport

    report = StoreReport(str(location))
    with open_store(location) as store, store.lock() as lock:
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
            contents = _contents(store, None)
            report.documents, report.statements = contents.documents, contents.statements
            raise interrupted(report, {}, contents.counts) from None
        if whole:
            # Only files read to the end without an error may be skipped next time.
            record_files(store, {str(Path(p).resolve()): (d, per_file[p]) for p, d in digests.items()
                                 if d is not None and p not in failed})
        files, contents = _finish(store, book, out, fmt, map_file, report.added + report.replaced > 0)
    report.documents, report.statements = contents.documents, contents.statements
    return report, files, contents.counts


def input_files(inputs: Sequence[str | Path]) -> list[Path]:
    """The files ``read_documents`` would read, in its order; a folder without any stays as it is."""
    from ..text.ingest import _walk

    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        files.extend((_walk(path) or [path]) if path.is_dir() else [path])
    return files


def file_digest(path: Path, fingerprint: str) -> str | None:
    """A hash of a file's bytes and the codebook; None if it cannot be read (read_documents will say why)."""
    digest = hashlib.sha256(fingerprint.encode("utf-8"))
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def remove_from_store(location, doc_ids: list[str], out: Path | None, *, fmt: str, map_file: bool):
    """Remove documents by id; returns (report, files, counts, unknown ids)."""
    from .build import StoreReport

    report = StoreReport(str(location))
    with open_store(location) as store, store.lock():
        removed, unknown = remove(store, doc_ids)
        report.removed = len(removed)
        book = stored_codebook(store)
        if out is None:
            if removed or is_dirty(store):
                refresh_shared(store, book)
            files, contents = {}, _contents(store, None)
        else:
            files, contents = _finish(store, book, out, fmt, map_file, bool(removed))
    report.documents, report.statements = contents.documents, contents.statements
    return report, files, contents.counts, unknown


def _refresh(store: GraphStore, book: Codebook | None) -> None:
    if is_dirty(store):
        refresh_shared(store, book)


def _contents(store: GraphStore, path: Path | None) -> StoreContents:
    if path is not None:
        return write_store_statements(store, path)
    docs, total, counts = 0, 0, Counter()
    for _, statements in read_statements(store):
        docs += 1
        total += len(statements)
        counts.update((s.actor, s.claim, s.stance) for s in statements)
    return StoreContents(docs, total, counts)


_CLOCK_SLACK = 0.5  # seconds


def _finish(store: GraphStore, book: Codebook | None, out: Path, fmt: str, map_file: bool,
            changed: bool) -> tuple[dict[str, Path], StoreContents]:
    """Bring the shared graph up to date, then write whichever outputs are older than the store."""
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
    contents = _contents(store, files["statements"] if stale else None)
    if stale:
        export_graph(store, files["graph"], fmt)
        if map_file:
            from ..map.render import render_map

            render_map(map_graph(store), files["map"])
    return files, contents


def map_graph(store: GraphStore):
    """The part of the store's graph the map reads, as an rdflib Graph.

    The map follows statements to their actors, claims, documents and
    evidence (``analysis.load_debate``), so the shared graph and the graphs of
    documents that hold a statement give the same map as the whole graph.
    Most documents hold none; loading them all into rdflib made the build's
    memory grow with the corpus (about 40 MB per 1,000 articles).

    >>> len(map_graph(store)) <= len(load_graph("out/graph.ttl"))  # doctest: +SKIP
    True
    """
    from rdflib import Graph

    from ..rdf.namespace import GB
    from ..store.base import SHARED_GRAPH, to_rdflib

    graph = Graph()
    found = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ GRAPH <{SHARED_GRAPH.value}> {{ ?s ?p ?o }} }} UNION "
        f"{{ {{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?st <{GB.actor}> ?a }} }} }} GRAPH ?g {{ ?s ?p ?o }} }} }}",
        union=False)
    for t in found:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph
