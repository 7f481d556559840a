"""What the debate map shows, read with aggregate SPARQL queries.

:func:`read_map_data` asks a graph or a store for counts, not for its
triples: statements per (actor, claim, stance), per document, the first
evidence quotes of each such edge, and the labels and metadata of the actors,
claims and documents involved. The whole graph is never loaded: a store of
20,000 articles is queried where it lies (docs/performance.md has figures),
and an rdflib graph is copied into an in-memory Oxigraph store first, so both
go through the same queries and give the same page.

:func:`actor_pairs` derives the actor–actor congruence and conflict ties of
discourse network analysis from the edges. Nothing here knows about HTML;
``views.py`` turns it into nodes and edges, ``render.py`` into the page.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import pyoxigraph as ox
from rdflib import Graph

from ..analysis.data import ClaimInfo, DocumentInfo, pick_label, short_label
from ..models import Actor, Stance
from ..rdf.build import PREFIXES
from ..rdf.terms import to_ox, to_rdflib
from ..store.base import GraphStore

__all__ = ["ClaimInfo", "Source", "Quote", "StanceEdge", "PairEdge", "MapData",
           "read_map_data", "actor_pairs", "pair_weights", "MAX_QUOTES"]

PairKind = Literal["congruence", "conflict"]
MAX_QUOTES = 50  # evidence quotes kept per edge; the page lists them when the edge is clicked


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
    page can re-weigh the edge when a user filters by document or outlet;
    ``quotes`` the first :data:`MAX_QUOTES` pieces of evidence in document order.
    """

    actor: str
    claim: str
    stance: Stance
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
    claims: tuple[tuple[str, Stance, Stance], ...]

    @property
    def weight(self) -> int:
        """How many claims the two actors share in this way.

        >>> PairEdge("a", "b", "conflict", (("c1", "supports", "opposes"), ("c1", "opposes", "supports"),
        ...                                 ("c2", "supports", "opposes"))).weight
        2
        """
        return len({claim for claim, _, _ in self.claims})


@dataclass(frozen=True)
class MapData:
    actors: dict[str, Actor] = field(default_factory=dict)
    claims: dict[str, ClaimInfo] = field(default_factory=dict)
    edges: tuple[StanceEdge, ...] = ()
    documents: dict[str, DocumentInfo] = field(default_factory=dict)

    def counts(self) -> Counter:
        """``Counter[(actor, claim, stance)]`` of statements, what coalitions are computed from.

        >>> MapData(edges=(StanceEdge("a", "c", "supports", 3),)).counts()
        Counter({('a', 'c', 'supports'): 3})
        """
        return Counter({(e.actor, e.claim, e.stance): e.statements for e in self.edges})


# --- the queries ---------------------------------------------------------------------
# Every query starts from the same statement pattern; the default graph is the
# union of a store's graphs. Multi-valued properties are folded in Python with the
# rules of analysis.data (smallest value, English or untagged labels first).

_STATEMENT = ("?st gb:actor ?actor ; gb:claim ?claim ; gb:stance ?stance . "
              "FILTER (?stance IN (gb:Supports, gb:Opposes))")
_EDGES = f"SELECT ?actor ?claim ?stance (COUNT(DISTINCT ?st) AS ?n) WHERE {{ {_STATEMENT} }} GROUP BY ?actor ?claim ?stance"
_PER_DOCUMENT = (f"SELECT ?actor ?claim ?stance ?doc (COUNT(DISTINCT ?st) AS ?n) WHERE {{ {_STATEMENT} "
                 "?st prov:wasDerivedFrom ?doc } GROUP BY ?actor ?claim ?stance ?doc")
_EVIDENCE = (f"SELECT DISTINCT ?actor ?claim ?stance ?doc ?start ?quote WHERE {{ {_STATEMENT} "
             "?st gb:evidence ?ev . ?ev oa:hasSelector ?qs . ?qs oa:exact ?quote . "
             "OPTIONAL { ?ev oa:hasSelector ?ps . ?ps oa:start ?start } "
             "OPTIONAL { ?st prov:wasDerivedFrom ?doc } } "
             "ORDER BY ?actor ?claim ?stance ?doc ?start ?quote")
_PROPERTIES = ("SELECT ?node ?p ?v WHERE {{ {{ SELECT DISTINCT ?node WHERE {{ {pattern} }} }} "
               "?node ?p ?v FILTER (?p IN ({properties})) }}")
_ACTOR_PROPS = "rdfs:label rdf:type gb:role gb:affiliation"
_CLAIM_PROPS = "skos:prefLabel skos:notation"
_DOC_PROPS = "dcterms:identifier dcterms:title dcterms:creator dcterms:date dcterms:publisher schema:url"

_GB = str(PREFIXES["gb"])
_STANCES = {f"{_GB}Supports": "supports", f"{_GB}Opposes": "opposes"}
_TYPES = {f"{_GB}Person": "Person", f"{_GB}Organization": "Organization"}
_PROLOGUE = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" + "".join(
    f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def _runner(source: Graph | GraphStore | ox.Store) -> Callable[[str], Iterable]:
    """A function running SELECT text on ``source``, the default graph being all of it."""
    if isinstance(source, GraphStore):
        return lambda sparql: source.query(_PROLOGUE + sparql, union=True)
    if isinstance(source, Graph):
        # Oxigraph answers the aggregates far faster than rdflib's evaluator, and
        # this way an rdflib graph and a store give the same rows.
        copy = ox.Store()
        copy.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in source)
        source = copy
    return lambda sparql: source.query(_PROLOGUE + sparql)


def _properties(run, pattern: str, properties: str) -> dict[str, dict[str, set]]:
    """``{node: {property IRI: {rdflib values}}}`` for every node the pattern binds to ``?node``."""
    out: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in run(_PROPERTIES.format(pattern=pattern, properties=", ".join(properties.split()))):
        out[row["node"].value][row["p"].value].add(to_rdflib(row["v"]))
    return out


def _first(values: set | None) -> str | None:
    return min(str(v) for v in values) if values else None


def _prop(name: str) -> str:
    prefix, local = name.split(":")
    ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" if prefix == "rdf" else str(PREFIXES[prefix])
    return ns + local


def _actors(run) -> dict[str, Actor]:
    label, kind, role, affiliation = (_prop(p) for p in _ACTOR_PROPS.split())
    out = {}
    for iri, props in _properties(run, "?st gb:actor ?node", _ACTOR_PROPS).items():
        types = sorted(_TYPES[str(t)] for t in props.get(kind, ()) if str(t) in _TYPES)
        out[iri] = Actor(name=pick_label(props.get(label, set())) or short_label(iri),
                         type=types[0] if types else "Actor", role=_first(props.get(role)),
                         affiliation=_first(props.get(affiliation)))
    return out


def _claims(run) -> dict[str, ClaimInfo]:
    label, notation = (_prop(p) for p in _CLAIM_PROPS.split())
    out = {}
    for iri, props in _properties(run, "?st gb:claim ?node", _CLAIM_PROPS).items():
        code = _first(props.get(notation))
        out[iri] = ClaimInfo(iri=iri, label=pick_label(props.get(label, set())) or code or short_label(iri),
                             notation=code)
    return out


def _documents(run) -> dict[str, DocumentInfo]:
    ident, title, creator, date, publisher, url = (_prop(p) for p in _DOC_PROPS.split())
    out = {}
    for iri, props in _properties(run, "?st gb:actor ?a ; prov:wasDerivedFrom ?node", _DOC_PROPS).items():
        out[iri] = DocumentInfo(iri=iri, id=_first(props.get(ident)) or short_label(iri), title=_first(props.get(title)),
                                authors=tuple(sorted(str(v) for v in props.get(creator, ()))),
                                date=_first(props.get(date)), outlet=_first(props.get(publisher)),
                                url=_first(props.get(url)))
    return out


def _key(row) -> tuple[str, str, str]:
    return row["actor"].value, row["claim"].value, _STANCES[row["stance"].value]


def _source(doc: DocumentInfo) -> Source:
    return Source(doc_id=doc.id, title=doc.title, author=", ".join(doc.authors) or None, date=doc.date,
                  publisher=doc.outlet, url=doc.url)


def read_map_data(source: Graph | GraphStore | ox.Store, *, max_quotes: int = MAX_QUOTES) -> MapData:
    """Actors, claims and stance edges of a graph or a store, sorted, with at most ``max_quotes`` quotes per edge.

    >>> read_map_data(Graph()).edges
    ()
    """
    run = _runner(source)
    statements = {_key(row): int(row["n"].value) for row in run(_EDGES)}
    per_doc: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
    for row in run(_PER_DOCUMENT):
        per_doc[_key(row)].append((row["doc"].value, int(row["n"].value)))
    documents = _documents(run)
    quotes: dict[tuple, list[Quote]] = defaultdict(list)
    for row in run(_EVIDENCE):  # sorted by edge, then document: keep each edge's first quotes
        key = _key(row)
        if len(quotes[key]) >= max_quotes:
            continue
        doc = row["doc"].value if row["doc"] is not None else None
        src = _source(documents[doc]) if doc in documents else Source(doc_id=short_label(doc) if doc else "?")
        start = row["start"]
        quotes[key].append(Quote(src, int(start.value) if start is not None else -1, row["quote"].value))
    edges = tuple(StanceEdge(a, c, st, n, tuple(sorted(set(quotes[(a, c, st)]))), tuple(sorted(per_doc[(a, c, st)])))
                  for (a, c, st), n in sorted(statements.items()))
    known_actors, known_claims = _actors(run), _claims(run)
    # a statement's actor or claim may have no triples of its own: it is named by its IRI
    actors = {a: known_actors.get(a) or Actor(short_label(a), "Actor") for a in sorted({e.actor for e in edges})}
    claims = {c: known_claims.get(c) or ClaimInfo(iri=c, label=short_label(c)) for c in sorted({e.claim for e in edges})}
    return MapData(actors=actors, claims=claims, edges=edges, documents=dict(sorted(documents.items())))


def _takers(data: MapData) -> dict[str, list[tuple[str, Stance, int]]]:
    by_claim: dict[str, list[tuple[str, Stance, int]]] = defaultdict(list)
    for edge in data.edges:
        by_claim[edge.claim].append((edge.actor, edge.stance, edge.statements))
    return by_claim


def _check_kind(kind: str) -> None:
    if kind not in ("congruence", "conflict"):
        raise ValueError(f"unknown pair kind {kind!r}; use 'congruence' or 'conflict'")


def pair_weights(data: MapData, kind: PairKind) -> dict[tuple[str, str], int]:
    """``{(a, b): weight}`` of the actor projection, weighted as DNA does (no normalisation).

    Congruence: the sum over claims of the two actors' statement counts with
    the same stance multiplied; conflict: with opposite stances.

    >>> e = (StanceEdge("a", "c", "supports", 2), StanceEdge("b", "c", "supports", 3))
    >>> pair_weights(MapData(edges=e), "congruence")
    {('a', 'b'): 6}
    """
    _check_kind(kind)
    out: Counter = Counter()
    for takers in _takers(data).values():
        for actor_a, stance_a, n_a in takers:
            for actor_b, stance_b, n_b in takers:
                if actor_a < actor_b and (stance_a == stance_b) == (kind == "congruence"):
                    out[(actor_a, actor_b)] += n_a * n_b
    return dict(sorted(out.items()))


def actor_pairs(data: MapData, kind: PairKind, only: set[tuple[str, str]] | None = None) -> tuple[PairEdge, ...]:
    """Actor–actor edges: shared stances (``congruence``) or opposite ones (``conflict``).

    ``only`` limits them to these ``(a, b)`` pairs (a backbone).

    >>> e = (StanceEdge("a", "c", "supports", 1), StanceEdge("b", "c", "supports", 1),
    ...      StanceEdge("d", "c", "opposes", 1))
    >>> [(p.a, p.b) for p in actor_pairs(MapData(edges=e), "congruence")]
    [('a', 'b')]
    >>> [(p.a, p.b) for p in actor_pairs(MapData(edges=e), "conflict")]
    [('a', 'd'), ('b', 'd')]
    """
    _check_kind(kind)
    rows: dict[tuple[str, str], set[tuple[str, Stance, Stance]]] = defaultdict(set)
    for claim, takers in _takers(data).items():
        for actor_a, stance_a, _ in takers:
            for actor_b, stance_b, _ in takers:
                if actor_a >= actor_b or (stance_a == stance_b) != (kind == "congruence"):
                    continue
                if only is None or (actor_a, actor_b) in only:
                    rows[(actor_a, actor_b)].add((claim, stance_a, stance_b))
    return tuple(PairEdge(a, b, kind, tuple(sorted(rows[(a, b)]))) for a, b in sorted(rows))
