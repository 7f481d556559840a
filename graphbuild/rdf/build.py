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
from ..identity import Resolution, government_label, resolve_actors
from ..models import ACTOR_TYPES, Codebook, Document, Statement
from ..names import normalize_name
from .iri import actor_iri, claim_iri, codebook_iri, document_iri, statement_iri
from .namespace import GB, ID, OA

__all__ = ["build_graph", "shared_graph", "actor_links", "actor_resolution", "bind_prefixes", "PREFIXES"]

PREFIXES: dict[str, object] = {
    "gb": GB, "id": ID, "prov": PROV, "skos": SKOS, "dcterms": DCTERMS, "oa": OA,
    "schema": SDO, "foaf": FOAF, "org": ORG, "xsd": XSD, "rdfs": RDFS,
}

_STANCES = {"supports": GB.Supports, "opposes": GB.Opposes}
# Subclasses are stated with their superclass so that plain SPARQL (no
# inference) finds a government among the organisations.
_ACTOR_CLASSES = {"Person": (GB.Person,), "Organization": (GB.Organization,),
                  "Group": (GB.Group, GB.Organization), "Government": (GB.Government, GB.Organization)}
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
    """What the statements say about the actor of one name (after the alias file)."""

    names: Counter = field(default_factory=Counter)  # (surface name, type) -> statements
    roles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    anonymous: bool = False
    canonical: str | None = None  # the name the alias file gives it, if any


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


def actor_resolution(actors: Mapping[str, _ActorInfo]) -> Resolution:
    """Cross-document resolution over every name the statements use (see :mod:`graphbuild.identity`).

    >>> actors = {"trump": _ActorInfo(Counter({("Trump", "Person"): 2})),
    ...           "donald trump": _ActorInfo(Counter({("Donald Trump", "Person"): 1}))}
    >>> actor_resolution(actors).groups()
    {'Donald Trump': ['Donald Trump', 'Trump']}
    """
    names: Counter = Counter()
    for info in actors.values():
        names.update(info.names)
    return resolve_actors(names, pinned=sorted({i.canonical for i in actors.values() if i.canonical}))


def _add_actors(g: Graph, actors: dict[str, _ActorInfo]) -> dict[str, URIRef]:
    """One node per group of names that name one actor; returns {name key: node}."""
    resolution = actor_resolution(actors)
    groups: dict[str, list[_ActorInfo]] = defaultdict(list)
    nodes = {}
    for key, info in actors.items():
        group = resolution.key(next(iter(info.names))[0])
        groups[group].append(info)
        nodes[key] = actor_iri(group)
    for group, infos in groups.items():
        node = actor_iri(group)
        names = sorted({name for info in infos for name, _ in info.names})
        kind = resolution.type(names[0]) or "Person"
        kind = kind if kind in ACTOR_TYPES else "Person"
        pinned = sorted(i.canonical for i in infos if i.canonical)
        label = pinned[0] if pinned else resolution.label(names[0])
        if kind == "Government" and not pinned:
            label = government_label(label)
        for cls in _ACTOR_CLASSES[kind]:
            g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        for name in sorted(set(names) - {label}):
            g.add((node, SKOS.altLabel, Literal(name)))
        for prop, values in ((GB.role, "roles"), (GB.affiliation, "affiliations"), (GB.party, "parties"),
                             (GB.region, "regions")):
            for value in sorted({v for info in infos for v in getattr(info, values)}):
                g.add((node, prop, Literal(value)))
        if any(info.anonymous for info in infos):
            g.add((node, GB.anonymous, Literal(True)))
    return nodes


def _actor_key(name: str) -> str:
    # A name that normalises to nothing ("Dr.") only merges with itself.
    return normalize_name(name) or "\x00" + name.strip()


def _pinned(aliases: Mapping[str, str] | None) -> frozenset[str]:
    """The names the alias file decides: cross-document resolution never merges them with each other."""
    return frozenset(v.strip() for v in (aliases or {}).values() if v.strip())


def _note_actor(actors: dict[str, _ActorInfo], stmt: Statement, pinned: frozenset[str]) -> str:
    """Record what ``stmt`` says about its actor (named as the alias file says); returns its name's key."""
    name = stmt.actor.strip()
    key = _actor_key(name)
    info = actors[key]
    kind = stmt.actor_type if stmt.actor_type in ACTOR_TYPES else "Person"
    info.names[(name, kind)] += 1
    if name in pinned:
        info.canonical = info.canonical or name
    if stmt.actor_role:
        info.roles.add(stmt.actor_role)
    if stmt.actor_affiliation:
        info.affiliations.add(stmt.actor_affiliation)
    if stmt.actor_party:
        info.parties.add(stmt.actor_party)
    if stmt.actor_region:
        info.regions.add(stmt.actor_region)
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
    pinned = _pinned(aliases)
    for stmt in apply_aliases(statements, aliases):
        _check(stmt)
        shortcuts.add((_note_actor(actors, stmt, pinned), stmt.stance, stmt.claim))
    nodes = _add_actors(g, actors)
    _add_codebook(g, codebook, {claim for _, _, claim in shortcuts})
    for key, stance, claim in shortcuts:
        g.add((nodes[key], _SHORTCUTS[stance], claim_iri(claim)))
    return g


def actor_links(statements: Iterable[Statement], *, aliases: Mapping[str, str] | None = None
                ) -> dict[tuple[str, URIRef], URIRef]:
    """{(document id, statement node): actor node} as :func:`build_graph` links them over all ``statements``.

    A store builds each document's graph alone; which node a statement's
    actor is depends on every other document (cross-document resolution), so
    the store rewrites these links when the shared graph is rebuilt.

    >>> s = [Statement("d1", "Trump", "Person", "c", "supports", "quote", "Yes.", 0, 4, 0.9),
    ...      Statement("d2", "Donald Trump", "Person", "c", "supports", "quote", "Yes.", 0, 4, 0.9)]
    >>> set(actor_links(s).values()) == {actor_iri("Donald Trump")}
    True
    """
    pinned = _pinned(aliases)
    actors: dict[str, _ActorInfo] = defaultdict(_ActorInfo)
    keys: dict[tuple[str, URIRef], str] = {}
    for stmt in apply_aliases(statements, aliases):
        _check(stmt)
        key = _note_actor(actors, stmt, pinned)
        keys[(stmt.doc_id, _statement_node(stmt, key))] = key
    nodes = _add_actors(Graph(), actors)
    return {link: nodes[key] for link, key in keys.items()}


def _statement_node(stmt: Statement, key: str) -> URIRef:
    # Keyed by the name as the document gives it (after the alias file), not by
    # its group: the group depends on other documents, the statement must not.
    return statement_iri([stmt.doc_id, key, stmt.claim, stmt.stance, stmt.attribution, stmt.start, stmt.end])


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

    Actors whose names normalise alike (:func:`~graphbuild.names.normalize_name`),
    or that cross-document resolution (:mod:`graphbuild.identity`) finds to
    name one actor, are one node. ``aliases`` (``{variant: canonical}``, the user's alias
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
    pinned = _pinned(aliases)
    for stmt in apply_aliases(statements, aliases):
        _check(stmt)
        key = _note_actor(actors, stmt, pinned)
        node = _statement_node(stmt, key)
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

