"""Everything read back out of a store as a file: the graph, in any of graphbuild's syntaxes.

Graph files are written by Oxigraph's serialisers, streaming, and
atomically; JSON-LD (with graphbuild's ``@context``) goes through rdflib.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..atomic import atomic_open
from ..rdf.build import PREFIXES
from ..rdf.io import FORMATS, load_graph, serialize_graph
from .base import INDEX_GRAPH, GraphStore, nt

__all__ = ["export_graph"]


def _atomic(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
    with atomic_open(path, "wb") as fh:
        write(fh)
    return path


def _content(store: GraphStore) -> Iterator:
    return iter(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                            f"FILTER (?g != <{INDEX_GRAPH.value}>) }}", union=False))


def _triple(t) -> ox.Triple:
    return t if isinstance(t, ox.Triple) else ox.Triple(t.subject, t.predicate, t.object)


def export_graph(store: GraphStore, path: str | Path, fmt: str = "turtle") -> Path:
    """Write the store's graph (every document graph and the shared graph) to ``path``.

    >>> export_graph(store, "out/graph.ttl")  # doctest: +SKIP
    PosixPath('out/graph.ttl')
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}: use one of {', '.join(FORMATS)}")
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    if fmt == "turtle":
        return _atomic(path, lambda fh: ox.serialize((_triple(t) for t in _content(store)), fh,
                                                     format=ox.RdfFormat.TURTLE, prefixes=prefixes))
    if fmt == "nt":
        # Sorted lines make N-Triples output stable and diffable, as in an in-memory build.
        lines = sorted(f"{nt(t.subject)} {nt(t.predicate)} {nt(t.object)} .\n" for t in _content(store))
        return _atomic(path, lambda fh: fh.writelines(line.encode("utf-8") for line in lines))
    # JSON-LD with our @context is rdflib's job; go through N-Triples to get there.
    with tempfile.TemporaryDirectory() as tmp:
        return serialize_graph(load_graph(export_graph(store, Path(tmp) / "graph.nt", "nt")), path, fmt)
