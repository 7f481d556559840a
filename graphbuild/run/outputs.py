"""The files a build writes: ``graph.ttl``, ``statements.jsonl``, ``map.html``.

An in-memory build writes them from what it extracted; a store build writes
them from the store (:func:`write_store_statements`; the map reads the store with
aggregate queries, :mod:`graphbuild.map.data`), so they always cover every document the store holds. Every file is written atomically.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_open
from ..models import Statement
from ..store.base import GraphStore
from ..store.ledger import read_statements

__all__ = ["write_statements", "StoreContents", "write_store_statements", "store_contents"]


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


@dataclass(frozen=True)
class StoreContents:
    """Counts over a whole store, and its (actor, claim, stance) statement counts."""

    documents: int
    statements: int
    counts: Counter


def write_store_statements(store: GraphStore, path: str | Path) -> StoreContents:
    """Write every stored statement as docs/formats.md §3 JSON lines, in build order, atomically."""
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
    """Counts over the whole store; with ``path``, also writes its ``statements.jsonl`` there."""
    if path is not None:
        return write_store_statements(store, path)
    docs, total, counts = 0, 0, Counter()
    for _, statements in read_statements(store):
        docs += 1
        total += len(statements)
        counts.update((s.actor, s.claim, s.stance) for s in statements)
    return StoreContents(docs, total, counts)
