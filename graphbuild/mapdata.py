"""Read what the debate map shows out of an RDF graph.

:func:`read_map_data` runs a few SPARQL queries over a graphbuild graph
(docs/architecture.md, "Vocabulary") and folds the rows into plain, sorted
records: actors, claims and one :class:`StanceEdge` per (actor, claim,
stance) with the quotes behind it. :func:`actor_pairs` derives the
actor–actor congruence and conflict networks of discourse network analysis
from those edges. Nothing here knows about HTML; ``render.py`` draws it.

Multi-valued properties (two labels, two authors) are resolved by taking the
smallest value, so the same graph always gives the same records.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rdflib import Graph, Literal as RDFLiteral, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SDO, SKOS
from rdflib.term import Node

from graphbuild.rdf.namespace import GB, OA

StanceName = Literal["supports", "opposes"]
PairKind = Literal["congruence", "conflict"]

_STANCES: dict[URIRef, StanceName] = {GB.Supports: "supports", GB.Opposes: "opposes"}
_TYPES: dict[URIRef, str] = {GB.Person: "Person", GB.Organization: "Organization"}

# SPARQL prefixes as plain namespace IRIs: stores such as oxrdflib reject rdflib's
# DefinedNamespace classes (GB, PROV, SKOS, ...) in initNs.
_NS = {prefix: Namespace(str(ns)) for prefix, ns in {
    "gb": GB, "oa": OA, "prov": PROV, "dcterms": DCTERMS, "rdfs": RDFS, "skos": SKOS, "schema": SDO,
}.items()}

_STATEMENTS = """
SELECT ?st ?actor ?claim ?stance ?exact ?start ?doc WHERE {
  ?st gb:actor ?actor ; gb:claim ?claim ; gb:stance ?stance .
  OPTIONAL {
    ?st gb:evidence ?ev . ?ev oa:hasSelector ?sel . ?sel oa:exact ?exact .
    OPTIONAL { ?ev oa:hasSelector ?pos . ?pos oa:start ?start }
  }
  OPTIONAL { ?st prov:wasDerivedFrom ?doc }
}"""

_ACTORS = """
SELECT DISTINCT ?actor ?label ?type ?role ?affiliation WHERE {
  { SELECT DISTINCT ?actor WHERE { ?st gb:actor ?actor } }  # each once, then its details
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor a ?type FILTER (?type IN (gb:Person, gb:Organization)) }
  OPTIONAL { ?actor gb:role ?role }
  OPTIONAL { ?actor gb:affiliation ?affiliation }
}"""

_CLAIMS = """
SELECT DISTINCT ?claim ?label ?notation WHERE {
  { SELECT DISTINCT ?claim WHERE { ?st gb:claim ?claim } }  # each once, then its details
  OPTIONAL { ?claim skos:prefLabel ?label }
  OPTIONAL { ?claim skos:notation ?notation }
}"""

_DOCUMENTS = """
SELECT DISTINCT ?doc ?id ?title ?creator ?date ?publisher ?url WHERE {
  { SELECT DISTINCT ?doc WHERE { ?st prov:wasDerivedFrom ?doc } }  # each once, then its details
  OPTIONAL { ?doc dcterms:identifier ?id }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:creator ?creator }
  OPTIONAL { ?doc dcterms:date ?date }
  OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?doc schema:url ?url }
}"""


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
class ActorInfo:
    iri: str
    label: str
    type: str = "Actor"  # "Person", "Organization", or "Actor" when untyped
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class ClaimInfo:
    iri: str
    label: str
    notation: str | None = None


@dataclass(frozen=True)
class StanceEdge:
    """All statements of one actor taking one stance on one claim."""

    actor: str
    claim: str
    stance: StanceName
    statements: int
    quotes: tuple[Quote, ...] = ()


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


def _text(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _first(values: set[str]) -> str | None:
    return min(values) if values else None


def _short(iri: str) -> str:
    """A readable fallback label: the IRI's last path segment."""
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _pick_label(labels: set[RDFLiteral]) -> str | None:
    # Prefer English or untagged labels so a multilingual codebook stays readable.
    if not labels:
        return None
    ranked = sorted(labels, key=lambda l: (getattr(l, "language", None) not in (None, "en"), str(l)))
    return str(ranked[0])


def _collect(rows, key: str, fields: tuple[str, ...]) -> dict[str, dict[str, set]]:
    out: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        subject = str(row[key])
        values = out[subject]  # create the entry even when every field is unbound
        for name in fields:
            if row[name] is not None:
                values[name].add(row[name])
    return out


def read_map_data(graph: Graph) -> MapData:
    """Actors, claims and stance edges of ``graph``, sorted and de-duplicated.

    >>> read_map_data(Graph()).edges
    ()
    """
    documents = _collect(graph.query(_DOCUMENTS, initNs=_NS), "doc",
                         ("id", "title", "creator", "date", "publisher", "url"))
    sources: dict[str, Source] = {}
    for doc, values in documents.items():
        s = {k: {str(v) for v in vs} for k, vs in values.items()}
        sources[doc] = Source(
            doc_id=_first(s.get("id", set())) or _short(doc), title=_first(s.get("title", set())),
            author=", ".join(sorted(s.get("creator", set()))) or None,
            date=_first(s.get("date", set())), publisher=_first(s.get("publisher", set())),
            url=_first(s.get("url", set())),
        )

    actors: dict[str, ActorInfo] = {}
    for iri, values in _collect(graph.query(_ACTORS, initNs=_NS), "actor",
                                ("label", "type", "role", "affiliation")).items():
        types = sorted(_TYPES[t] for t in values.get("type", set()) if t in _TYPES)
        actors[iri] = ActorInfo(
            iri=iri, label=_pick_label(values.get("label", set())) or _short(iri),
            type=types[0] if types else "Actor",
            role=_first({str(v) for v in values.get("role", set())}),
            affiliation=_first({str(v) for v in values.get("affiliation", set())}),
        )

    claims: dict[str, ClaimInfo] = {}
    for iri, values in _collect(graph.query(_CLAIMS, initNs=_NS), "claim", ("label", "notation")).items():
        notation = _first({str(v) for v in values.get("notation", set())})
        claims[iri] = ClaimInfo(
            iri=iri, label=_pick_label(values.get("label", set())) or notation or _short(iri),
            notation=notation,
        )

    # Group statement rows by (actor, claim, stance); a statement may carry several quotes.
    statements: dict[tuple[str, str, StanceName], set[str]] = defaultdict(set)
    quotes: dict[tuple[str, str, StanceName], set[Quote]] = defaultdict(set)
    for row in graph.query(_STATEMENTS, initNs=_NS):
        # Filtering stances here, not in SPARQL: rdflib evaluates a FILTER after the
        # OPTIONALs and that is several times slower on large graphs.
        if row.stance not in _STANCES:
            continue
        key = (str(row.actor), str(row.claim), _STANCES[row.stance])
        statements[key].add(str(row.st))
        if row.exact is not None:
            doc = _text(row.doc)
            source = sources.get(doc) if doc else None
            try:
                start = int(str(row.start))
            except ValueError:  # no position selector: "None", or a malformed literal
                start = -1
            quotes[key].add(Quote(source or Source(doc_id=_short(doc) if doc else "?"), start, str(row.exact)))
    edges = tuple(
        StanceEdge(a, c, s, len(statements[(a, c, s)]), tuple(sorted(quotes[(a, c, s)])))
        for a, c, s in sorted(statements)
    )
    return MapData(actors=dict(sorted(actors.items())), claims=dict(sorted(claims.items())), edges=edges)


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
