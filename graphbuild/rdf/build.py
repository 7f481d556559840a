"""Documents + Statements + Codebook → one merged rdflib graph.

The graph follows ``ontology/graphbuild.ttl`` and conforms to
``ontology/shapes.ttl``. Building is deterministic: IRIs come from names and
ids (:mod:`graphbuild.rdf.iri`), duplicates collapse, and every choice among
variants (an actor's display name, type, a statement's cue) is made by a
stable ordering, so building twice gives isomorphic graphs.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, SKOS

from ..codebook.aliases import apply_aliases
from ..errors import OntologyError
from ..models import ACTOR_TYPES, Codebook, Document, Statement
from ..names import normalize_name
from .iri import actor_iri, claim_iri, codebook_iri, document_iri, statement_iri
from .namespace import GB, ID, OA

__all__ = ["build_graph", "shared_graph", "bind_prefixes", "PREFIXES"]

PREFIXES: dict[str, object] = {
    "gb": GB, "id": ID, "prov": PROV, "skos": SKOS, "dcterms": DCTERMS, "oa": OA,
    "schema": SDO, "foaf": FOAF, "org": ORG, "xsd": XSD, "rdfs": RDFS,
}

_STANCES = {"supports": GB.Supports, "opposes": GB.Opposes}
_SHORTCUTS = {"supports": GB.supports, "opposes": GB.opposes}
_ATTRIBUTIONS = {"author": GB.AuthorVoice, "quote": GB.DirectQuote, "reported": GB.ReportedSpeech}
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_CLAIM_KINDS = ("normative", "descriptive")
_DEFAULT_SCHEME = "codebook"


def bind_prefixes(graph: Graph) -> Graph:
    """Bind graphbuild's prefixes (gb, id, prov, skos, …) on ``graph``; returns it.

    >>> dict(bind_prefixes(Graph()).namespaces())["gb"]
    rdflib.term.URIRef('https://w3id.org/graphbuild/ontology#')
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


@dataclass
class _ActorInfo:
    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    roles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    anonymous: bool = False


def _confidence(value: float) -> Literal:
    # xsd:decimal with three places: floats would make 0.1 + 0.2 style noise
    # part of the graph and break isomorphism between equivalent builds.
    dec = Decimal(str(max(0.0, min(1.0, float(value))))).quantize(Decimal("0.001"), ROUND_HALF_EVEN)
    return Literal(dec, datatype=XSD.decimal)


def _check(stmt: Statement) -> None:
    if not stmt.actor.strip():
        raise OntologyError(f"statement in {stmt.doc_id!r}: the actor name is empty")
    if not str(stmt.doc_id).strip():
        raise OntologyError(f"statement by {stmt.actor!r}: the document id is empty")
    if not stmt.claim:
        raise OntologyError(f"statement in {stmt.doc_id!r} by {stmt.actor!r}: the claim id is empty")
    if not math.isfinite(stmt.confidence):
        raise OntologyError(f"statement in {stmt.doc_id!r} by {stmt.actor!r}: confidence {stmt.confidence!r} is not a number")
    if stmt.stance not in _STANCES:
        raise OntologyError(f"statement in {stmt.doc_id!r} by {stmt.actor!r}: stance {stmt.stance!r} is not one of {', '.join(_STANCES)}")
    if stmt.attribution not in _ATTRIBUTIONS:
        raise OntologyError(f"statement in {stmt.doc_id!r} by {stmt.actor!r}: attribution {stmt.attribution!r} is not one of {', '.join(_ATTRIBUTIONS)}")
    if not 0 <= stmt.start <= stmt.end:
        raise OntologyError(f"statement in {stmt.doc_id!r} by {stmt.actor!r}: bad offsets {stmt.start}..{stmt.end}")


def _is_date(text: str) -> bool:
    # "2023-13-45" has the shape of a date but is no xsd:date; typing it so
    # would make the graph fail its shapes, so it stays a plain string.
    if not _ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _add_document(g: Graph, doc: Document) -> None:
    if not doc.id.strip():
        raise OntologyError(f"document {doc.source_path or ''!r}: the document id is empty")
    node = document_iri(doc.id)
    g.add((node, RDF.type, GB.Document))
    g.add((node, DCTERMS.identifier, Literal(doc.id)))
    if doc.title:
        g.add((node, DCTERMS.title, Literal(doc.title)))
    for author in doc.authors:
        g.add((node, DCTERMS.creator, Literal(author)))
    if doc.date:
        dtype = XSD.date if _is_date(doc.date) else None
        g.add((node, DCTERMS.date, Literal(doc.date, datatype=dtype)))
    if doc.outlet:
        g.add((node, DCTERMS.publisher, Literal(doc.outlet)))
    if doc.url:
        # A literal, not an IRI: scraped URLs may hold spaces or quotes.
        g.add((node, SDO.url, Literal(doc.url, datatype=XSD.anyURI)))


def _add_codebook(g: Graph, codebook: Codebook | None, used: set[str]) -> None:
    name = codebook.name if codebook else _DEFAULT_SCHEME
    scheme = codebook_iri(name)
    g.add((scheme, RDF.type, GB.Codebook))
    g.add((scheme, SKOS.prefLabel, Literal(name)))
    if codebook and codebook.source:
        g.add((scheme, DCTERMS.source, Literal(codebook.source)))
    known = set()
    for claim in codebook or ():
        # load_codebook checks these; a Codebook built in Python may not be.
        if claim.kind not in _CLAIM_KINDS or not claim.label.strip() or not claim.id:
            raise OntologyError(f"codebook {name!r}: claim {claim.id!r} needs an id, a label and kind normative or descriptive")
        known.add(claim.id)
        node = claim_iri(claim.id)
        g.add((node, RDF.type, GB.Claim))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, node))
        g.add((node, SKOS.notation, Literal(claim.id)))
        g.add((node, SKOS.prefLabel, Literal(claim.label)))
        g.add((node, GB.claimKind, Literal(claim.kind)))
        g.add((node, GB.inCodebook, Literal(True)))
        for alias in claim.aliases:
            g.add((node, SKOS.altLabel, Literal(alias)))
        for phrase in claim.opposing:
            g.add((node, GB.opposingLabel, Literal(phrase)))
        if claim.description:
            g.add((node, SKOS.definition, Literal(claim.description)))
    # A statement about a claim the codebook lacks still needs a node; it
    # joins the scheme so every gb:Claim has one, flagged gb:inCodebook false.
    for cid in sorted(used - known):
        node = claim_iri(cid)
        g.add((node, RDF.type, GB.Claim))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.notation, Literal(cid)))
        g.add((node, SKOS.prefLabel, Literal(cid)))
        g.add((node, GB.inCodebook, Literal(False)))


def _pick_name(info: _ActorInfo) -> str:
    # Most frequent surface form; ties go to the shorter, then alphabetical one,
    # which prefers "X Forum" over "the X Forum".
    return min(info.names, key=lambda n: (-info.names[n], len(n), n))


def _add_actors(g: Graph, actors: dict[str, _ActorInfo]) -> dict[str, URIRef]:
    nodes = {}
    for key, info in actors.items():
        label = _pick_name(info)
        # Every name in the group normalises to ``key``, so any gives the IRI.
        node = actor_iri(next(iter(info.names)))
        nodes[key] = node
        kind = min(info.types, key=lambda t: (-info.types[t], t))
        g.add((node, RDF.type, GB.Person if kind == "Person" else GB.Organization))
        g.add((node, RDFS.label, Literal(label)))
        for name in sorted(set(info.names) - {label}):
            g.add((node, SKOS.altLabel, Literal(name)))
        for role in sorted(info.roles):
            g.add((node, GB.role, Literal(role)))
        for aff in sorted(info.affiliations):
            g.add((node, GB.affiliation, Literal(aff)))
        if info.anonymous:
            g.add((node, GB.anonymous, Literal(True)))
    return nodes


def _actor_key(name: str) -> str:
    # A name that normalises to nothing ("Dr.") only merges with itself.
    return normalize_name(name) or "\x00" + name.strip()


def _note_actor(actors: dict[str, _ActorInfo], stmt: Statement) -> str:
    """Record what ``stmt`` says about its actor; returns the actor's merge key."""
    key = _actor_key(stmt.actor)
    info = actors[key]
    info.names[stmt.actor.strip()] += 1
    info.types[stmt.actor_type if stmt.actor_type in ACTOR_TYPES else "Person"] += 1
    if stmt.actor_role:
        info.roles.add(stmt.actor_role)
    if stmt.actor_affiliation:
        info.affiliations.add(stmt.actor_affiliation)
    info.anonymous |= bool(stmt.anonymous)
    return key


def shared_graph(
    statements: Iterable[Statement],
    codebook: Codebook | None = None,
    *,
    aliases: Mapping[str, str] | None = None,
) -> Graph:
    """The part of :func:`build_graph`'s graph that no single document owns.

    The codebook and its claims, the actors and the ``gb:supports`` /
    ``gb:opposes`` shortcuts, aggregated over all ``statements`` exactly as
    :func:`build_graph` does; a graph store keeps it beside the per-document
    graphs and rebuilds it when documents change. Statements are streamed:
    memory grows with actors, not statements.

    >>> from graphbuild.models import Statement
    >>> s = Statement("d1", "Jane Roe", "Person", "c1", "opposes", "quote", "No.", 0, 3, 0.9)
    >>> (actor_iri("Jane Roe"), GB.opposes, claim_iri("c1")) in shared_graph([s])
    True
    """
    g = bind_prefixes(Graph())
    actors: dict[str, _ActorInfo] = defaultdict(_ActorInfo)
    shortcuts: set[tuple[str, str, str]] = set()
    for stmt in apply_aliases(statements, aliases):
        _check(stmt)
        shortcuts.add((_note_actor(actors, stmt), stmt.stance, stmt.claim))
    nodes = _add_actors(g, actors)
    _add_codebook(g, codebook, {claim for _, _, claim in shortcuts})
    for key, stance, claim in shortcuts:
        g.add((nodes[key], _SHORTCUTS[stance], claim_iri(claim)))
    return g


def _evidence(g: Graph, node: URIRef, doc: URIRef, stmt: Statement) -> URIRef:
    target = URIRef(f"{node}/evidence")
    quote_sel, pos_sel = URIRef(f"{node}/evidence/quote"), URIRef(f"{node}/evidence/position")
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, doc))
    g.add((target, OA.hasSelector, quote_sel))
    g.add((target, OA.hasSelector, pos_sel))
    g.add((quote_sel, RDF.type, OA.TextQuoteSelector))
    g.add((quote_sel, OA.exact, Literal(stmt.evidence)))
    g.add((pos_sel, RDF.type, OA.TextPositionSelector))
    g.add((pos_sel, OA.start, Literal(stmt.start, datatype=XSD.nonNegativeInteger)))
    g.add((pos_sel, OA.end, Literal(stmt.end, datatype=XSD.nonNegativeInteger)))
    return target


def build_graph(
    documents: Iterable[Document],
    statements: Iterable[Statement],
    codebook: Codebook | None = None,
    *,
    aliases: Mapping[str, str] | None = None,
) -> Graph:
    """One merged graph for many documents and their statements.

    Actors whose names normalise alike (:func:`~graphbuild.names.normalize_name`)
    are one node. ``aliases`` (``{variant: canonical}``, the user's alias
    file) renames actors first, with :func:`~graphbuild.codebook.aliases.apply_aliases`,
    as a build does before it writes anything.
    Statements equal in (document, actor, claim, stance, attribution, span)
    collapse into one node, keeping the highest confidence.

    >>> from graphbuild.models import Document, Statement
    >>> s = Statement("d1", "Jane Roe", "Person", "c1", "supports", "quote", "Yes.", 0, 4, 0.9)
    >>> g = build_graph([Document(id="d1", text="Yes.")], [s])
    >>> (actor_iri("Jane Roe"), GB.supports, claim_iri("c1")) in g
    True
    """
    g = bind_prefixes(Graph())
    doc_ids: set[str] = set()
    for doc in documents:
        if doc.id not in doc_ids:
            doc_ids.add(doc.id)
            _add_document(g, doc)

    actors: dict[str, _ActorInfo] = defaultdict(_ActorInfo)
    merged: dict[URIRef, tuple[Statement, str, Decimal, str | None]] = {}
    for stmt in apply_aliases(statements, aliases):
        _check(stmt)
        key = _note_actor(actors, stmt)
        node = statement_iri([stmt.doc_id, key, stmt.claim, stmt.stance, stmt.attribution, stmt.start, stmt.end])
        conf = _confidence(stmt.confidence).toPython()
        if node in merged:
            old, _, old_conf, old_cue = merged[node]
            cues = [c for c in (old_cue, stmt.cue) if c]
            merged[node] = (old, key, max(old_conf, conf), min(cues) if cues else None)
        else:
            merged[node] = (stmt, key, conf, stmt.cue)

    actor_nodes = _add_actors(g, actors)
    _add_codebook(g, codebook, {s.claim for s, *_ in merged.values()})
    for node, (stmt, key, conf, cue) in merged.items():
        doc = document_iri(stmt.doc_id)
        if stmt.doc_id not in doc_ids:
            # Statements may arrive without their Document record (a JSONL of
            # triples): the document still exists, only its metadata is missing.
            doc_ids.add(stmt.doc_id)
            g.add((doc, RDF.type, GB.Document))
            g.add((doc, DCTERMS.identifier, Literal(stmt.doc_id)))
        actor, claim = actor_nodes[key], claim_iri(stmt.claim)
        g.add((node, RDF.type, GB.Statement))
        g.add((node, GB.actor, actor))
        g.add((node, GB.claim, claim))
        g.add((node, GB.stance, _STANCES[stmt.stance]))
        g.add((node, GB.attributionKind, _ATTRIBUTIONS[stmt.attribution]))
        g.add((node, GB.confidence, Literal(conf, datatype=XSD.decimal)))
        if cue:
            g.add((node, GB.cue, Literal(cue)))
        g.add((node, PROV.wasDerivedFrom, doc))
        g.add((node, GB.evidence, _evidence(g, node, doc, stmt)))
        g.add((actor, _SHORTCUTS[stmt.stance], claim))
    return g

