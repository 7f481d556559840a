"""SHACL validation: built graphs conform, broken ones fail with the right message."""
from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
# xsd: warns when pytest probes module globals, so keep it behind a module.
import rdflib.namespace as rns

from graphbuild.cli import cli
from graphbuild.errors import InputError
from graphbuild.rdf.build import build_graph
from graphbuild.rdf.io import serialize_graph
from graphbuild.rdf.iri import actor_iri, claim_iri, document_iri
from graphbuild.rdf.namespace import GB, OA
from graphbuild.rdf.validate import ValidationResult, validate_file, validate_graph

from rdf_samples import ALIASES, CODEBOOK, documents, statements

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def good() -> Graph:
    return build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES)


def copy(graph: Graph) -> Graph:
    g = Graph()
    for t in graph:
        g.add(t)
    return g


def first_statement(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, GB.Statement))


def selector(g: Graph, node: URIRef, kind: URIRef) -> URIRef:
    target = g.value(node, GB.evidence)
    return next(s for s in g.objects(target, OA.hasSelector) if (s, RDF.type, kind) in g)


def set_value(g, s, p, o):
    g.set((s, p, o))


# Each break of the model, and a phrase of the sh:message it must produce.
BREAKS = {
    "missing actor": (lambda g, s: g.remove((s, GB.actor, None)), "exactly one gb:actor"),
    "actor not an actor": (lambda g, s: set_value(g, s, GB.actor, claim_iri("c1")), "exactly one gb:actor"),
    "confidence 1.5": (lambda g, s: set_value(g, s, GB.confidence, Literal(Decimal("1.5"))), "from 0 to 1"),
    "confidence as text": (lambda g, s: set_value(g, s, GB.confidence, Literal("high")), "from 0 to 1"),
    "bad stance": (lambda g, s: set_value(g, s, GB.stance, GB.DirectQuote), "gb:Supports or gb:Opposes"),
    "two stances": (lambda g, s: g.add((s, GB.stance, GB.Opposes if (s, GB.stance, GB.Supports) in g
                                         else GB.Supports)), "exactly one gb:stance"),
    "bad kind": (lambda g, s: set_value(g, s, GB.attributionKind, GB.Supports), "gb:attributionKind"),
    "no claim": (lambda g, s: g.remove((s, GB.claim, None)), "exactly one gb:claim"),
    "no document": (lambda g, s: g.remove((s, PROV.wasDerivedFrom, None)), "prov:wasDerivedFrom"),
    "evidence from another document": (
        lambda g, s: set_value(g, g.value(s, GB.evidence), OA.hasSource,
                               document_iri("d3") if g.value(s, PROV.wasDerivedFrom) != document_iri("d3")
                               else document_iri("d1")), "oa:hasSource"),
    "no quote selector": (lambda g, s: g.remove((g.value(s, GB.evidence), OA.hasSelector,
                                                 selector(g, s, OA.TextQuoteSelector))), "oa:TextQuoteSelector"),
    "start after end": (lambda g, s: set_value(g, selector(g, s, OA.TextPositionSelector), OA.start,
                                               Literal(10 ** 6, datatype=rns.XSD.nonNegativeInteger)), "not after oa:end"),
    "negative end": (lambda g, s: set_value(g, selector(g, s, OA.TextPositionSelector), OA.end,
                                            Literal(-1)), "oa:end"),
    "actor both types": (lambda g, s: g.add((g.value(s, GB.actor), RDF.type, GB.Organization
                                             if (g.value(s, GB.actor), RDF.type, GB.Person) in g else GB.Person)),
                         "exactly one of gb:Person or gb:Organization"),
    "actor without label": (lambda g, s: g.remove((g.value(s, GB.actor), RDFS.label, None)), "rdfs:label"),
    "claim kind": (lambda g, s: set_value(g, g.value(s, GB.claim), GB.claimKind, Literal("speculative")),
                   "gb:claimKind"),
    "claim outside codebook": (lambda g, s: g.remove((g.value(s, GB.claim), URIRef(
        "http://www.w3.org/2004/02/skos/core#inScheme"), None)), "skos:inScheme"),
    "document without id": (lambda g, s: g.remove((g.value(s, PROV.wasDerivedFrom), DCTERMS.identifier, None)),
                            "dcterms:identifier"),
    "shortcut to a non-claim": (lambda g, s: g.add((actor_iri("Jane Roe"), GB.supports, actor_iri("Bo Li"))),
                                "gb:supports points to a gb:Claim"),
}


def add_coalition(g: Graph, *members: URIRef) -> URIRef:
    # As graphbuild.analysis writes them back into a graph.
    node = URIRef("https://w3id.org/graphbuild/id/coalition/test")
    g.add((node, RDF.type, GB.Coalition))
    g.add((node, RDFS.label, Literal("coalition 1")))
    for m in members:
        g.add((node, GB.hasMember, m))
    return node


BREAKS["coalition member not an actor"] = (lambda g, s: add_coalition(g, actor_iri("Bo Li"), claim_iri("c1")),
                                           "each a gb:Actor")
BREAKS["empty coalition"] = (lambda g, s: add_coalition(g), "at least one gb:hasMember")


def test_graph_with_coalitions_conforms(good):
    g = copy(good)
    add_coalition(g, actor_iri("Bo Li"), actor_iri("Acme Party"))
    assert validate_graph(g).conforms


def test_built_graph_conforms(good):
    result = validate_graph(good)
    assert isinstance(result, ValidationResult)
    assert result.conforms and bool(result) and result.violations == 0


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_each_break_is_a_violation_with_its_message(good, name):
    g = copy(good)
    brk, message = BREAKS[name]
    brk(g, first_statement(g))
    result = validate_graph(g)
    assert not result.conforms and not result
    assert result.violations >= 1
    assert message in result.report


def test_several_breaks_are_all_reported(good):
    g = copy(good)
    for name in ("missing actor", "confidence 1.5", "bad stance"):
        BREAKS[name][0](g, first_statement(g))
    result = validate_graph(g)
    assert result.violations == 3
    for name in ("missing actor", "confidence 1.5", "bad stance"):
        assert BREAKS[name][1] in result.report


def test_conforms_when_every_string_is_typed_xsd_string(good, tmp_path):
    # What oxrdflib (or any RDF 1.1 parser) gives when reading the Turtle back,
    # without graphbuild's normalisation: the shapes must not depend on it.
    path = serialize_graph(good, tmp_path / "g.ttl")
    raw = Graph().parse(path, format="ox-turtle")
    assert (None, GB.claimKind, Literal("normative", datatype=rns.XSD.string)) in raw
    result = validate_graph(raw)
    assert result.conforms, result.report


def test_validate_file(good, tmp_path):
    assert validate_file(serialize_graph(good, tmp_path / "g.nt", "nt")).conforms
    broken = copy(good)
    BREAKS["bad stance"][0](broken, first_statement(broken))
    assert not validate_file(serialize_graph(broken, tmp_path / "bad.jsonld", "json-ld")).conforms
    with pytest.raises(InputError, match="missing.ttl"):
        validate_file(tmp_path / "missing.ttl")


def test_cli_validate_exit_codes(good, tmp_path):
    ok = serialize_graph(good, tmp_path / "ok.ttl")
    result = CliRunner().invoke(cli, ["validate", str(ok)])
    assert result.exit_code == 0 and "conforms" in result.output
    broken = copy(good)
    BREAKS["confidence 1.5"][0](broken, first_statement(broken))
    bad = serialize_graph(broken, tmp_path / "bad.ttl")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code != 0
    assert "does not conform" in result.output and "1 violation" in result.output
