"""A synthetic debate of any size, for the map's scale tests and benchmarks/map.py.

Actors belong to one of two camps, which take opposite stances on every
claim (with some dissent); claims and actors are used with a skewed
(Zipf-like) frequency, as in real corpora, so a few actors speak often and
most once. Seeded: the same arguments give the same debate.
"""
from __future__ import annotations

import random

from graphbuild.models import Document, Statement


def synthetic_debate(actors: int = 2000, claims: int = 20, *, statements: int | None = None,
                     documents: int = 200, seed: int = 3) -> tuple[list[Document], list[Statement]]:
    """Documents and statements in which every one of ``actors`` speaks at least once."""
    rnd = random.Random(seed)
    total = statements if statements is not None else actors + actors // 2
    docs = [Document(id=f"d{i}", text="x" * 40, title=f"Article {i}", date=f"2024-{i % 12 + 1:02d}-01",
                     outlet=f"Outlet {i % 7}") for i in range(documents)]
    out = []
    for i in range(total):
        actor = i if i < actors else min(int(rnd.paretovariate(1.2)) - 1, actors - 1)
        claim = min(int(rnd.expovariate(1 / (claims / 4))), claims - 1)
        agrees = (actor + claim) % 2 == 0
        if rnd.random() < 0.1:
            agrees = not agrees
        doc = rnd.randrange(documents)
        start = (i * 7) % 30
        out.append(Statement(f"d{doc}", f"Actor {actor}", "Person" if actor % 3 else "Organization", f"c{claim}",
                             "supports" if agrees else "opposes", "reported", "x" * 8, start, start + 8, 0.8))
    return docs, out
