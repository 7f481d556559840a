"""The debate as plain records, read once from a graphbuild RDF graph.

:func:`load_debate` runs a handful of SPARQL queries over the vocabulary of
``ontology/graphbuild.ttl`` (statements with ``gb:actor``, ``gb:claim``,
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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Literal

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SDO, SKOS
from rdflib.term import Node

from graphbuild.rdf.namespace import GB, OA

__all__ = [
    "ActorInfo", "ClaimInfo", "DocumentInfo", "StatementRecord", "Debate", "load_debate",
    "statement_counts", "period_start", "DUPLICATES", "STANCES",
]

StanceName = Literal["supports", "opposes"]
STANCES: tuple[str, ...] = ("supports", "opposes")
# How often an identical statement (same actor, claim and stance) counts, as in
# DNA's "duplicates" setting: every time, once per document, once per period.
DUPLICATES: tuple[str, ...] = ("every", "document", "week", "month", "year")
_DUPLICATE_ALIASES = {"include": "every", "all": "every", "none": "every", "per-document": "document"}

_STANCE_IRIS: dict[URIRef, StanceName] = {GB.Supports: "supports", GB.Opposes: "opposes"}
_TYPES: dict[URIRef, str] = {GB.Person: "Person", GB.Organization: "Organization"}
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# Plain namespaces for initNs: stores such as oxrdflib reject DefinedNamespace classes.
_NS = {prefix: Namespace(str(ns)) for prefix, ns in {
    "gb": GB, "oa": OA, "prov": PROV, "dcterms": DCTERMS, "rdfs": RDFS, "skos": SKOS, "schema": SDO,
}.items()}

_STATEMENTS = """
SELECT ?st ?actor ?claim ?stance ?confidence ?doc ?exact ?start WHERE {
  ?st gb:actor ?actor ; gb:claim ?claim ; gb:stance ?stance .
  OPTIONAL { ?st gb:confidence ?confidence }
  OPTIONAL { ?st prov:wasDerivedFrom ?doc }
  OPTIONAL {
    ?st gb:evidence ?ev . ?ev oa:hasSelector ?sel . ?sel oa:exact ?exact .
    OPTIONAL { ?ev oa:hasSelector ?pos . ?pos oa:start ?start }
  }
}"""

_ACTORS = """
SELECT DISTINCT ?actor ?label ?type ?role ?affiliation WHERE {
  { SELECT DISTINCT ?actor WHERE { ?st gb:actor ?actor } }
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor a ?type FILTER (?type IN (gb:Person, gb:Organization)) }
  OPTIONAL { ?actor gb:role ?role }
  OPTIONAL { ?actor gb:affiliation ?affiliation }
}"""

_CLAIMS = """
SELECT DISTINCT ?claim ?label ?notation WHERE {
  { SELECT DISTINCT ?claim WHERE { ?st gb:claim ?claim } }
  OPTIONAL { ?claim skos:prefLabel ?label }
  OPTIONAL { ?claim skos:notation ?notation }
}"""

_DOCUMENTS = """
SELECT DISTINCT ?doc ?id ?title ?creator ?date ?publisher ?url WHERE {
  { SELECT DISTINCT ?doc WHERE { ?st prov:wasDerivedFrom ?doc } }
  OPTIONAL { ?doc dcterms:identifier ?id }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:creator ?creator }
  OPTIONAL { ?doc dcterms:date ?date }
  OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?doc schema:url ?url }
}"""


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
        return parse_day(self.date)


@dataclass(frozen=True, order=True)
class StatementRecord:
    """One statement: who took which stance on what, where, when and how surely."""

    actor: str
    claim: str
    stance: StanceName
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

    actors: dict[str, ActorInfo] = field(default_factory=dict)
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


def _short(iri: str) -> str:
    """A readable fallback label: the IRI's last path segment."""
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _pick_label(labels: set) -> str | None:
    # English or untagged labels first, so a multilingual codebook stays readable.
    ranked = sorted(labels, key=lambda l: (getattr(l, "language", None) not in (None, "en"), str(l)))
    return str(ranked[0]) if ranked else None


def _collect(rows, key: str, fields: tuple[str, ...]) -> dict[str, dict[str, set]]:
    out: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        values = out[str(row[key])]  # the entry exists even when every field is unbound
        for name in fields:
            if row[name] is not None:
                values[name].add(row[name])
    return out


def _number(term: Node | None, kind=float):
    if term is None:
        return None
    try:
        return kind(Decimal(str(term)))
    except (InvalidOperation, ValueError):
        return None


def load_debate(graph: Graph) -> Debate:
    """Actors, claims, documents and statements of ``graph``, sorted.

    >>> load_debate(Graph()).statements
    ()
    """
    documents: dict[str, DocumentInfo] = {}
    for iri, values in _collect(graph.query(_DOCUMENTS, initNs=_NS), "doc",
                                ("id", "title", "creator", "date", "publisher", "url")).items():
        s = {k: {str(v) for v in vs} for k, vs in values.items()}
        documents[iri] = DocumentInfo(
            iri=iri, id=_first(s.get("id", set())) or _short(iri), title=_first(s.get("title", set())),
            authors=tuple(sorted(s.get("creator", set()))), date=_first(s.get("date", set())),
            outlet=_first(s.get("publisher", set())), url=_first(s.get("url", set())))

    actors: dict[str, ActorInfo] = {}
    for iri, values in _collect(graph.query(_ACTORS, initNs=_NS), "actor",
                                ("label", "type", "role", "affiliation")).items():
        types = sorted(_TYPES[t] for t in values.get("type", set()) if t in _TYPES)
        actors[iri] = ActorInfo(
            iri=iri, label=_pick_label(values.get("label", set())) or _short(iri),
            type=types[0] if types else "Actor",
            role=_first({str(v) for v in values.get("role", set())}),
            affiliation=_first({str(v) for v in values.get("affiliation", set())}))

    claims: dict[str, ClaimInfo] = {}
    for iri, values in _collect(graph.query(_CLAIMS, initNs=_NS), "claim", ("label", "notation")).items():
        notation = _first({str(v) for v in values.get("notation", set())})
        claims[iri] = ClaimInfo(iri=iri, label=_pick_label(values.get("label", set())) or notation or _short(iri),
                                notation=notation)

    # A statement normally has one evidence quote; keep the smallest of any extras
    # so each statement is one record.
    rows: dict[str, StatementRecord] = {}
    for row in graph.query(_STATEMENTS, initNs=_NS):
        # Stances are filtered here, not in SPARQL: rdflib evaluates a FILTER after
        # the OPTIONALs, several times slower on large graphs.
        if row.stance not in _STANCE_IRIS:
            continue
        doc = None if row.doc is None else str(row.doc)
        start = _number(row.start, int)
        record = StatementRecord(
            actor=str(row.actor), claim=str(row.claim), stance=_STANCE_IRIS[row.stance], document=doc,
            date=documents[doc].day if doc in documents else None, iri=str(row.st),
            confidence=_number(row.confidence), quote=None if row.exact is None else str(row.exact),
            start=-1 if start is None else start)
        old = rows.get(record.iri)
        rows[record.iri] = record if old is None else min(old, record, key=_record_key)
    statements = tuple(sorted(rows.values(), key=_record_key))
    return Debate(actors=dict(sorted(actors.items())), claims=dict(sorted(claims.items())),
                  documents=dict(sorted(documents.items())), statements=statements)


def _record_key(s: StatementRecord) -> tuple:
    return (s.actor, s.claim, s.stance, s.document or "", s.start, s.quote or "", s.iri,
            s.confidence if s.confidence is not None else -1.0)
