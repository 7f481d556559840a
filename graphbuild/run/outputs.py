"""The files a build writes: ``graph.ttl``, ``statements.jsonl``, ``map.html``.

An in-memory build writes them from what it extracted; a store build writes
them from the store (:func:`export_graph`, :func:`write_store_statements`; the map
reads the store with aggregate queries, :mod:`graphbuild.map.data`), so they
always cover every document the store holds. Every file is written atomically;
a store's graph file by Oxigraph's serialisers, streaming.
"""
from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..atomic import atomic_open
from ..models import Statement
from ..rdf.build import PREFIXES
from ..rdf.io import FORMATS, load_graph, serialize_graph
from ..rdf.namespace import OA
from ..rdf.terms import nt
from ..store.base import INDEX_GRAPH, GraphStore
from ..store.ledger import read_statements

__all__ = ["write_statements", "export_graph", "StoreContents", "write_store_statements", "store_contents"]


def write_statements(statements: Iterable[Statement], path: str | Path) -> Path:
    """Write statements as docs/formats.md §3 JSON lines, atomically; returns the path.

    >>> s = Statement("d", "Ann Lee", "Person", "c", "supports", "quote", "Yes", 0, 3, 0.9)
    >>> import tempfile, pathlib
    >>> p = write_statements([s], pathlib.Path(tempfile.mkdtemp()) / "statements.jsonl")
    >>> p.read_text(encoding="utf-8").count("\\n"), '"actor": "Ann Lee"' in p.read_text(encoding="utf-8")
    (1, True)
    """
    with atomic_open(path) as f:
        for s in statements:
            f.write(json.dumps(s.to_json(), ensure_ascii=False) + "\n")
    return Path(path)


def _atomic(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
    with atomic_open(path, "wb") as fh:
        write(fh)
    return path


# Oxigraph keeps numbers by value and gives every integer type back as xsd:integer;
# these predicates are typed xsd:nonNegativeInteger by build_graph and the shapes.
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_NON_NEGATIVE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
_OFFSETS = {ox.NamedNode(str(OA.start)), ox.NamedNode(str(OA.end))}


def _content(store: GraphStore) -> Iterator[ox.Triple]:
    for t in store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                         f"FILTER (?g != <{INDEX_GRAPH.value}>) }}", union=False):
        o = t.object
        if t.predicate in _OFFSETS and isinstance(o, ox.Literal) and o.datatype == _XSD_INTEGER:
            o = ox.Literal(o.value, datatype=_NON_NEGATIVE)
        yield ox.Triple(t.subject, t.predicate, o)


def export_graph(store: GraphStore, path: str | Path, fmt: str = "turtle") -> Path:
    """Write the store's graph (every document graph and the shared graph) to ``path``.

    >>> store = one_statement_store()  # conftest.py: Ann Lee supports "tax" in document "d"
    >>> path = export_graph(store, Path(tempfile.mkdtemp()) / "graph.nt", "nt")
    >>> len(path.read_text(encoding="utf-8").splitlines())
    19
    >>> store.close()
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}: use one of {', '.join(FORMATS)}")
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    if fmt == "turtle":
        return _atomic(path, lambda fh: ox.serialize(_content(store), fh,
                                                     format=ox.RdfFormat.TURTLE, prefixes=prefixes))
    if fmt == "nt":
        # Sorted lines make N-Triples output stable and diffable, as in an in-memory build.
        lines = sorted(f"{nt(t.subject)} {nt(t.predicate)} {nt(t.object)} .\n" for t in _content(store))
        return _atomic(path, lambda fh: fh.writelines(line.encode("utf-8") for line in lines))
    # JSON-LD with our @context is rdflib's job; go through N-Triples to get there.
    with tempfile.TemporaryDirectory() as tmp:
        return serialize_graph(load_graph(export_graph(store, Path(tmp) / "graph.nt", "nt")), path, fmt)


@dataclass(frozen=True)
class StoreContents:
    """Counts over a whole store, and its (actor, claim, stance) statement counts."""

    documents: int
    statements: int
    counts: Counter


def write_store_statements(store: GraphStore, path: str | Path) -> StoreContents:
    """Write every stored statement as docs/formats.md §3 JSON lines, in build order, atomically.

    >>> store = one_statement_store()  # conftest.py: Ann Lee supports "tax" in document "d"
    >>> contents = write_store_statements(store, Path(tempfile.mkdtemp()) / "statements.jsonl")
    >>> contents.documents, contents.statements, dict(contents.counts)
    (1, 1, {('Ann Lee', 'tax', 'supports'): 1})
    >>> store.close()
    """
    docs, counts, total = 0, Counter(), 0

    def rows() -> Iterator[Statement]:
        nonlocal docs, total
        for _, statements in read_statements(store):
            docs += 1
            for s in statements:
                total += 1
                counts[(s.actor, s.claim, s.stance)] += 1
                yield s

    write_statements(rows(), path)
    return StoreContents(docs, total, counts)


def store_contents(store: GraphStore, path: Path | None = None) -> StoreContents:
    """Counts over the whole store; with ``path``, also writes its ``statements.jsonl`` there.

    >>> store = one_statement_store()  # conftest.py: Ann Lee supports "tax" in document "d"
    >>> store_contents(store).statements
    1
    >>> store.close()
    """
    if path is not None:
        return write_store_statements(store, path)
    docs, total, counts = 0, 0, Counter()
    for _, statements in read_statements(store):
        docs += 1
        total += len(statements)
        counts.update((s.actor, s.claim, s.stance) for s in statements)
    return StoreContents(docs, total, counts)
