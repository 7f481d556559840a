"""The debate as plain records, read once from a graphbuild RDF graph.

:func:`load_debate` reads the vocabulary of ``ontology/graphbuild.ttl`` (statements with ``gb:actor``, ``gb:claim``,
``gb:stance``, ``gb:confidence``, ``prov:wasDerivedFrom`` a document with
``dcterms:date``) and returns a :class:`Debate`: every analysis, export and
the map start from it. :func:`statement_counts` applies Discourse Network
Analysis' duplicate rules and gives the actor × claim × stance count array
every network is computed from.

Multi-valued properties (two labels, two dates) resolve to the smallest
value, so the same graph always gives the same records.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SDO, SKOS
from rdflib.term import Node

from graphbuild.models import STANCES, Actor, Stance
from graphbuild.rdf.namespace import GB, OA

__all__ = [
    "ClaimInfo", "DocumentInfo", "StatementRecord", "Debate", "load_debate",
    "statement_counts", "period_start", "pick_label", "short_label", "DUPLICATES",
]

# How often an identical statement (same actor, claim and stance) counts, as in
# DNA's "duplicates" setting: every time, once per document, once per period.
DUPLICATES: tuple[str, ...] = ("every", "document", "week", "month", "year")
_DUPLICATE_ALIASES = {"include": "every", "all": "every", "none": "every", "per-document": "document"}

_STANCE_IRIS: dict[URIRef, Stance] = {GB.Supports: "supports", GB.Opposes: "opposes"}
_TYPES: dict[URIRef, str] = {GB.Person: "Person", GB.Organization: "Organization"}
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

@dataclass(frozen=True)
class ClaimInfo:
    iri: str
    label: str
    notation: str | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """An article's metadata (all plain text); ``day`` is its parsed date, if any."""

    iri: str
    id: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    outlet: str | None = None
    url: str | None = None

    @property
    def day(self) -> dt.date | None:
        """The document's date as a day (None when it has none or it cannot be read).

        >>> DocumentInfo("iri", "d", date="2024-05-17").day, DocumentInfo("iri", "d", date="May 2024").day
        (datetime.date(2024, 5, 17), None)
        """
        return parse_day(self.date)


@dataclass(frozen=True, order=True)
class StatementRecord:
    """One statement: who took which stance on what, where, when and how surely."""

    actor: str
    claim: str
    stance: Stance
    document: str | None = None
    date: dt.date | None = None
    iri: str = ""
    confidence: float | None = None
    quote: str | None = None
    start: int = -1


@dataclass(frozen=True)
class Debate:
    """Everything the analytics need, as records keyed by IRI (strings).

    ``actors`` and ``claims`` hold every actor and claim of the whole graph even
    when :meth:`select` narrows ``statements`` to a time slice, so "keep
    isolates" can show who was silent in a period.
    """

    actors: dict[str, Actor] = field(default_factory=dict)
    claims: dict[str, ClaimInfo] = field(default_factory=dict)
    documents: dict[str, DocumentInfo] = field(default_factory=dict)
    statements: tuple[StatementRecord, ...] = ()

    def select(self, *, start: dt.date | None = None, end: dt.date | None = None,
               claims: Iterable[str] | None = None, stance: str | None = None,
               min_confidence: float | None = None) -> "Debate":
        """The same debate with only the statements that pass every filter.

        ``start`` is inclusive and ``end`` exclusive; an undated statement
        drops out as soon as either bound is given. ``claims`` are IRIs or
        notations.

        >>> d = Debate(statements=(StatementRecord("a", "c", "supports", date=dt.date(2024, 1, 5)),))
        >>> len(d.select(start=dt.date(2024, 2, 1)).statements)
        0
        """
        wanted = None
        if claims is not None:
            keys = set(claims)
            wanted = {iri for iri, c in self.claims.items() if iri in keys or c.notation in keys} | (keys & {
                s.claim for s in self.statements})
        if stance is not None and stance not in STANCES:
            raise ValueError(f"unknown stance {stance!r}; use one of {', '.join(STANCES)}")

        def keep(s: StatementRecord) -> bool:
            if (start or end) and s.date is None:
                return False
            return ((start is None or s.date >= start) and (end is None or s.date < end)
                    and (wanted is None or s.claim in wanted) and (stance is None or s.stance == stance)
                    and (min_confidence is None or (s.confidence is not None and s.confidence >= min_confidence)))

        return replace(self, statements=tuple(s for s in self.statements if keep(s)))

    @property
    def dated(self) -> bool:
        """True if any statement has a date (the periods of ``--by`` need one).

        >>> Debate(statements=(StatementRecord("a", "c", "supports"),)).dated
        False
        >>> Debate(statements=(StatementRecord("a", "c", "supports", date=dt.date(2024, 1, 5)),)).dated
        True
        """
        return any(s.date is not None for s in self.statements)


def parse_day(text: str | None) -> dt.date | None:
    """The date an ISO-like string names; a missing month or day means the first.

    >>> parse_day("2025-12-29"), parse_day("2024-03"), parse_day("29 Dec 2025")
    (datetime.date(2025, 12, 29), datetime.date(2024, 3, 1), None)
    """
    m = _ISO.match(text or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def period_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the ISO week, month or year that holds ``day``.

    >>> period_start(dt.date(2024, 5, 17), "month"), period_start(dt.date(2024, 5, 17), "week")
    (datetime.date(2024, 5, 1), datetime.date(2024, 5, 13))
    """
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown period {unit!r}; use week, month or year")


def normalize_duplicates(value: str) -> str:
    """The ``duplicates`` setting's canonical name; a ValueError names the choices.

    >>> normalize_duplicates("Per-Document"), normalize_duplicates("month")
    ('document', 'month')
    >>> normalize_duplicates("daily")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unknown duplicates setting 'daily'; use one of every, ...
    """
    key = _DUPLICATE_ALIASES.get(value.lower(), value.lower())
    if key not in DUPLICATES:
        raise ValueError(f"unknown duplicates setting {value!r}; use one of {', '.join(DUPLICATES)}")
    return key


def statement_counts(debate: Debate, duplicates: str = "every") -> Counter:
    """``Counter[(actor, claim, stance)]``: how many statements count after duplicate removal.

    ``every`` counts each statement; ``document`` an identical statement
    (same actor, claim and stance) once per document; ``week``/``month``/
    ``year`` once per calendar period of the document date (an undated
    statement falls back to once per document).

    >>> s = StatementRecord("a", "c", "supports", document="d1")
    >>> statement_counts(Debate(statements=(s, s)), "document")[("a", "c", "supports")]
    1
    """
    mode = normalize_duplicates(duplicates)
    if mode == "every":
        return Counter((s.actor, s.claim, s.stance) for s in debate.statements)
    seen = set()
    for s in debate.statements:
        if mode == "document" or s.date is None:
            bucket: object = ("doc", s.document if s.document is not None else s.iri)
        else:
            bucket = period_start(s.date, mode)
        seen.add((s.actor, s.claim, s.stance, bucket))
    return Counter((a, c, st) for a, c, st, _ in seen)


# --- reading the graph ---------------------------------------------------------

def _first(values: set[str]) -> str | None:
    return min(values) if values else None


def short_label(iri: str) -> str:
    """A readable fallback label: the IRI's last path segment.

    >>> short_label("https://w3id.org/graphbuild/id/actor/ann-lee")
    'ann-lee'
    """
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def pick_label(labels: set) -> str | None:
    """The label to show of several: English or untagged first (a multilingual codebook stays readable).

    >>> from rdflib import Literal
    >>> pick_label({Literal("Steuern", lang="de"), Literal("Taxes", lang="en")}), pick_label(set())
    ('Taxes', None)
    """
    ranked = sorted(labels, key=lambda l: (getattr(l, "language", None) not in (None, "en"), str(l)))
    return str(ranked[0]) if ranked else None


def _values(graph: Graph, subject: Node, predicate: URIRef) -> set:
    return set(graph.objects(subject, predicate))


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    return _first({str(v) for v in graph.objects(subject, predicate)})


def _number(term: Node | None, kind=float):
    if term is None:
        return None
    try:
        return kind(Decimal(str(term)))
    except (InvalidOperation, ValueError):
        return None


def _document(graph: Graph, node: Node) -> DocumentInfo:
    iri = str(node)
    return DocumentInfo(
        iri=iri, id=_text(graph, node, DCTERMS.identifier) or short_label(iri), title=_text(graph, node, DCTERMS.title),
        authors=tuple(sorted({str(v) for v in graph.objects(node, DCTERMS.creator)})),
        date=_text(graph, node, DCTERMS.date), outlet=_text(graph, node, DCTERMS.publisher),
        url=_text(graph, node, SDO.url))


def _actor(graph: Graph, node: Node) -> Actor:
    types = sorted(_TYPES[t] for t in graph.objects(node, RDF.type) if t in _TYPES)
    return Actor(name=pick_label(_values(graph, node, RDFS.label)) or short_label(str(node)),
                 type=types[0] if types else "Actor", role=_text(graph, node, GB.role),
                 affiliation=_text(graph, node, GB.affiliation))


def _claim(graph: Graph, node: Node) -> ClaimInfo:
    notation = _text(graph, node, SKOS.notation)
    return ClaimInfo(iri=str(node), label=pick_label(_values(graph, node, SKOS.prefLabel)) or notation
                     or short_label(str(node)), notation=notation)


def _evidence(graph: Graph, statement: Node) -> tuple[str | None, int]:
    """The smallest (quote, start) among the statement's evidence selectors."""
    found = []
    for ev in graph.objects(statement, GB.evidence):
        selectors = list(graph.objects(ev, OA.hasSelector))
        starts = [_number(v, int) for sel in selectors for v in graph.objects(sel, OA.start)]
        start = min((x for x in starts if x is not None), default=-1)
        found += [(str(q), start) for sel in selectors for q in graph.objects(sel, OA.exact)]
    return min(found) if found else (None, -1)


def load_debate(graph: Graph) -> Debate:
    """Actors, claims, documents and statements of ``graph``, sorted.

    Reads triple patterns, not SPARQL: rdflib evaluates OPTIONAL-heavy
    queries several times slower, and every store (rdflib's, Oxigraph)
    answers patterns the same way.

    >>> load_debate(Graph()).statements
    ()
    """
    actors: dict[str, Actor] = {}
    claims: dict[str, ClaimInfo] = {}
    documents: dict[str, DocumentInfo] = {}
    statements = []
    for st in set(graph.subjects(GB.actor, None)):
        actor_nodes, claim_nodes = _values(graph, st, GB.actor), _values(graph, st, GB.claim)
        stances = [_STANCE_IRIS[s] for s in graph.objects(st, GB.stance) if s in _STANCE_IRIS]
        if not (actor_nodes and claim_nodes and stances):
            continue
        actor, claim = min(actor_nodes), min(claim_nodes)
        for node, table, make in ((actor, actors, _actor), (claim, claims, _claim)):
            if str(node) not in table:
                table[str(node)] = make(graph, node)
        docs = sorted(_values(graph, st, PROV.wasDerivedFrom))
        doc = docs[0] if docs else None
        if doc is not None and str(doc) not in documents:
            documents[str(doc)] = _document(graph, doc)
        confidences = [x for x in (_number(v) for v in graph.objects(st, GB.confidence)) if x is not None]
        quote, start = _evidence(graph, st)
        statements.append(StatementRecord(
            actor=str(actor), claim=str(claim), stance=min(stances), document=None if doc is None else str(doc),
            date=documents[str(doc)].day if doc is not None else None, iri=str(st),
            confidence=max(confidences) if confidences else None, quote=quote, start=start))
    return Debate(actors=dict(sorted(actors.items())), claims=dict(sorted(claims.items())),
                  documents=dict(sorted(documents.items())),
                  statements=tuple(sorted(statements, key=_record_key)))


def _record_key(s: StatementRecord) -> tuple:
    return (s.actor, s.claim, s.stance, s.document or "", s.start, s.quote or "", s.iri,
            s.confidence if s.confidence is not None else -1.0)
