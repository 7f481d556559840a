"""What the debate map shows, folded out of the debate records.

:func:`read_map_data` reads a graphbuild graph through
:func:`graphbuild.analysis.load_debate` (the same SPARQL reader the analytics
use) and folds its statements into one :class:`StanceEdge` per (actor,
claim, stance) with the quotes and documents behind it. :func:`actor_pairs`
derives the actor–actor congruence and conflict ties of discourse network
analysis from those edges. Nothing here knows about HTML; ``render.py``
draws it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rdflib import Graph

from graphbuild.analysis.data import ActorInfo, ClaimInfo, Debate, DocumentInfo, load_debate

__all__ = ["ActorInfo", "ClaimInfo", "Source", "Quote", "StanceEdge", "PairEdge", "MapData",
           "read_map_data", "map_data", "actor_pairs"]

StanceName = Literal["supports", "opposes"]
PairKind = Literal["congruence", "conflict"]


@dataclass(frozen=True, order=True)
class Source:
    """The article a quote comes from (all fields plain text)."""

    doc_id: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True, order=True)
class Quote:
    """One piece of evidence: the exact text and where it was found."""

    source: Source
    start: int
    text: str


@dataclass(frozen=True)
class StanceEdge:
    """All statements of one actor taking one stance on one claim.

    ``documents`` holds ``(document IRI, statements in it)`` pairs, so the
    page can re-weigh the edge when a user filters by document or outlet.
    """

    actor: str
    claim: str
    stance: StanceName
    statements: int
    quotes: tuple[Quote, ...] = ()
    documents: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class PairEdge:
    """Two actors (``a`` < ``b``) who agree or disagree on some claims.

    ``claims`` holds ``(claim iri, stance of a, stance of b)`` rows.
    """

    a: str
    b: str
    kind: PairKind
    claims: tuple[tuple[str, StanceName, StanceName], ...]

    @property
    def weight(self) -> int:
        return len({claim for claim, _, _ in self.claims})


@dataclass(frozen=True)
class MapData:
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    claims: dict[str, ClaimInfo] = field(default_factory=dict)
    edges: tuple[StanceEdge, ...] = ()
    documents: dict[str, DocumentInfo] = field(default_factory=dict)


def _source(doc: DocumentInfo) -> Source:
    return Source(doc_id=doc.id, title=doc.title, author=", ".join(doc.authors) or None, date=doc.date,
                  publisher=doc.outlet, url=doc.url)


def map_data(debate: Debate) -> MapData:
    """Fold a debate's statements into sorted stance edges.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> map_data(Debate(statements=(S("a", "c", "supports"), S("a", "c", "supports", iri="2")))).edges[0].statements
    2
    """
    statements: Counter = Counter()
    per_doc: dict[tuple, Counter] = defaultdict(Counter)
    quotes: dict[tuple, set[Quote]] = defaultdict(set)
    for s in debate.statements:
        key = (s.actor, s.claim, s.stance)
        statements[key] += 1
        if s.document is not None:
            per_doc[key][s.document] += 1
        if s.quote is not None:
            doc = debate.documents.get(s.document) if s.document else None
            source = _source(doc) if doc else Source(doc_id=s.document.rsplit("/", 1)[-1] if s.document else "?")
            quotes[key].add(Quote(source, s.start, s.quote))
    edges = tuple(StanceEdge(a, c, st, statements[(a, c, st)], tuple(sorted(quotes[(a, c, st)])),
                             tuple(sorted(per_doc[(a, c, st)].items())))
                  for a, c, st in sorted(statements))
    used_actors = {e.actor for e in edges}
    used_claims = {e.claim for e in edges}
    return MapData(actors={k: v for k, v in debate.actors.items() if k in used_actors},
                   claims={k: v for k, v in debate.claims.items() if k in used_claims},
                   edges=edges, documents=dict(debate.documents))


def read_map_data(graph: Graph) -> MapData:
    """Actors, claims and stance edges of ``graph``, sorted and de-duplicated.

    >>> read_map_data(Graph()).edges
    ()
    """
    return map_data(load_debate(graph))


def actor_pairs(data: MapData, kind: PairKind) -> tuple[PairEdge, ...]:
    """Actor–actor edges: shared stances (``congruence``) or opposite ones (``conflict``).

    >>> e = (StanceEdge("a", "c", "supports", 1), StanceEdge("b", "c", "supports", 1),
    ...      StanceEdge("d", "c", "opposes", 1))
    >>> [(p.a, p.b) for p in actor_pairs(MapData(edges=e), "congruence")]
    [('a', 'b')]
    >>> [(p.a, p.b) for p in actor_pairs(MapData(edges=e), "conflict")]
    [('a', 'd'), ('b', 'd')]
    """
    if kind not in ("congruence", "conflict"):
        raise ValueError(f"unknown pair kind {kind!r}; use 'congruence' or 'conflict'")
    by_claim: dict[str, list[tuple[str, StanceName]]] = defaultdict(list)
    for edge in data.edges:
        by_claim[edge.claim].append((edge.actor, edge.stance))
    rows: dict[tuple[str, str], set[tuple[str, StanceName, StanceName]]] = defaultdict(set)
    for claim, takers in by_claim.items():
        for actor_a, stance_a in takers:
            for actor_b, stance_b in takers:
                if actor_a >= actor_b:
                    continue
                if (stance_a == stance_b) == (kind == "congruence"):
                    rows[(actor_a, actor_b)].add((claim, stance_a, stance_b))
    return tuple(PairEdge(a, b, kind, tuple(sorted(rows[(a, b)]))) for a, b in sorted(rows))
