"""build_graph: Documents + Statements + Codebook -> one merged, conforming, deterministic graph."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Literal
# xsd: warns when pytest probes module globals, so keep it behind a module.
import rdflib.namespace as rns
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SKOS

from graphbuild.errors import OntologyError
from graphbuild.models import Claim, Codebook, Document
from graphbuild.rdf.build import build_graph
from graphbuild.rdf.iri import actor_iri, claim_iri, codebook_iri, document_iri
from graphbuild.rdf.namespace import GB, OA
from graphbuild.rdf.validate import validate_graph

from rdf_samples import ALIASES, CODEBOOK, TEXTS, documents, statements, stmt


@pytest.fixture(scope="module")
def graph():
    return build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES)


def statement_nodes(g):
    return set(g.subjects(RDF.type, GB.Statement))


def test_sample_graph_conforms(graph):
    result = validate_graph(graph)
    assert result.conforms, result.report


def test_one_node_per_statement_with_all_its_parts(graph):
    assert len(statement_nodes(graph)) == len(statements())
    for node in statement_nodes(graph):
        for prop in (GB.actor, GB.claim, GB.stance, GB.attributionKind, GB.confidence, GB.evidence,
                     PROV.wasDerivedFrom):
            assert len(list(graph.objects(node, prop))) == 1, (node, prop)


def test_rebuild_is_isomorphic_with_the_same_iris(graph):
    again = build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES)
    assert isomorphic(graph, again)
    # No blank nodes: equal IRIs, not just an isomorphism, so graphs from two runs merge.
    assert set(graph) == set(again)


def test_input_order_does_not_matter(graph):
    shuffled = build_graph(reversed(documents()), list(reversed(statements())), CODEBOOK, aliases=ALIASES)
    assert set(graph) == set(shuffled)


def test_duplicate_statements_collapse_keeping_the_highest_confidence():
    s = stmt("d1", "Jane Roe", "Person", "c1", "supports", "quote", "the tax must go", 0.4, cue="said")
    g = build_graph(documents(), [s, s, replace(s, confidence=0.9, cue="added")], CODEBOOK)
    (node,) = statement_nodes(g)
    assert g.value(node, GB.confidence) == Literal(Decimal("0.900"), datatype=rns.XSD.decimal)
    assert g.value(node, GB.cue) == Literal("added")  # the smallest cue, whatever the order
    assert validate_graph(g).conforms


def test_same_actor_across_documents_is_one_node(graph):
    jane = actor_iri("Jane Roe")
    assert graph.value(jane, RDFS.label) == Literal("Jane Roe")
    # "Dr. Jane Roe" (d2) normalises to her; "Roe" (d1) reaches her through the alias file,
    # which renames both, as a build does: no other name of hers is left.
    assert set(graph.objects(jane, SKOS.altLabel)) == set()
    docs = {graph.value(s, PROV.wasDerivedFrom) for s in graph.subjects(GB.actor, jane)}
    assert docs == {document_iri("d1"), document_iri("d2"), document_iri("d3")}
    assert graph.value(jane, GB.role) == Literal("economist")
    acme = actor_iri("Acme Party")
    assert (acme, SKOS.altLabel, Literal("the Acme Party")) in graph
    people = set(graph.subjects(RDF.type, GB.Person)) | set(graph.subjects(RDF.type, GB.Organization))
    assert people == {jane, acme, actor_iri("John Doe"), actor_iri("Bo Li")}


def test_without_aliases_a_bare_surname_joins_the_one_person_of_that_surname():
    g = build_graph(documents(), statements(), CODEBOOK)
    jane = actor_iri("Jane Roe")
    assert not list(g.triples((actor_iri("Roe"), None, None)))
    assert (jane, SKOS.altLabel, Literal("Roe")) in g
    assert document_iri("d1") in {g.value(s, PROV.wasDerivedFrom) for s in g.subjects(GB.actor, jane)}
    assert validate_graph(g).conforms


def test_names_the_alias_file_keeps_apart_stay_apart():
    base = stmt("d1", "Jane Roe", "Person", "c1", "supports", "quote", "the tax must go")
    names = ["William Roe", "Bill Roe", "Roe"]
    stmts = [replace(base, actor=n, start=i) for i, n in enumerate(names)]
    merged = build_graph([], stmts)
    assert {merged.value(s, GB.actor) for s in statement_nodes(merged)} == {actor_iri("William Roe")}
    assert set(merged.objects(actor_iri("William Roe"), SKOS.altLabel)) == {Literal("Bill Roe"), Literal("Roe")}
    # A person who knows better pins both names: two actors, and "Roe" is ambiguous between them.
    apart = build_graph([], stmts, aliases={"Bill Roe": "Bill Roe", "William Roe": "William Roe"})
    assert {apart.value(s, GB.actor) for s in statement_nodes(apart)} == {
        actor_iri("William Roe"), actor_iri("Bill Roe"), actor_iri("Roe")}


def test_alias_chains_and_cycles_resolve_to_one_node():
    base = stmt("d1", "Jane Roe", "Person", "c1", "supports", "quote", "the tax must go")
    names = ["J. R.", "Roe", "Jane Roe"]
    chain = {"J. R.": "Roe", "Roe": "Jane Roe"}
    g = build_graph([], [replace(base, actor=n, start=i) for i, n in enumerate(names)], aliases=chain)
    assert {g.value(s, GB.actor) for s in statement_nodes(g)} == {actor_iri("Jane Roe")}
    assert g.value(actor_iri("Jane Roe"), RDFS.label) == Literal("Jane Roe")
    cycle = {"A Person": "B Person", "B Person": "A Person"}
    g = build_graph([], [replace(base, actor=n, start=i) for i, n in enumerate(["B Person", "A Person"])],
                    aliases=cycle)
    assert {g.value(s, GB.actor) for s in statement_nodes(g)} == {actor_iri("A Person")}


def test_actor_types_follow_the_majority(graph):
    assert (actor_iri("Acme Party"), RDF.type, GB.Organization) in graph
    for name in ("Jane Roe", "John Doe", "Bo Li"):
        assert set(graph.objects(actor_iri(name), RDF.type)) == {GB.Person}
    base = stmt("d1", "Acme Party", "Organization", "c1", "opposes", "reported", "The Acme Party rejected")
    votes = [replace(base, start=i, end=i + 1, actor_type=t)
             for i, t in enumerate(["Person", "Organization", "Organization"])]
    g = build_graph([], votes)
    assert set(g.objects(actor_iri("Acme Party"), RDF.type)) == {GB.Organization}


def test_evidence_is_a_web_annotation_with_both_selectors(graph):
    for node in statement_nodes(graph):
        target = graph.value(node, GB.evidence)
        doc = graph.value(node, PROV.wasDerivedFrom)
        assert graph.value(target, OA.hasSource) == doc
        selectors = {graph.value(s, RDF.type): s for s in graph.objects(target, OA.hasSelector)}
        exact = str(graph.value(selectors[OA.TextQuoteSelector], OA.exact))
        start = graph.value(selectors[OA.TextPositionSelector], OA.start)
        end = graph.value(selectors[OA.TextPositionSelector], OA.end)
        assert start.datatype == rns.XSD.nonNegativeInteger
        doc_id = str(graph.value(doc, DCTERMS.identifier))
        assert TEXTS[doc_id][start.toPython():end.toPython()] == exact


def test_shortcut_triples_match_the_statements(graph):
    expected = set()
    for node in statement_nodes(graph):
        prop = GB.supports if graph.value(node, GB.stance) == GB.Supports else GB.opposes
        expected.add((graph.value(node, GB.actor), prop, graph.value(node, GB.claim)))
    actual = set(graph.triples((None, GB.supports, None))) | set(graph.triples((None, GB.opposes, None)))
    assert actual == expected
    assert (actor_iri("Jane Roe"), GB.opposes, claim_iri("c2")) in graph
    assert (actor_iri("Bo Li"), GB.supports, claim_iri("c4")) in graph


def test_attribution_kinds_and_confidence(graph):
    kinds = {graph.value(s, GB.attributionKind) for s in statement_nodes(graph)}
    assert kinds == {GB.DirectQuote, GB.ReportedSpeech}
    for node in statement_nodes(graph):
        conf = graph.value(node, GB.confidence)
        assert conf.datatype == rns.XSD.decimal and 0 <= conf.toPython() <= 1


def test_codebook_is_a_skos_scheme(graph):
    scheme = codebook_iri("city debate")
    assert (scheme, RDF.type, GB.Codebook) in graph
    assert set(graph.subjects(SKOS.inScheme, scheme)) == {claim_iri(c.id) for c in CODEBOOK}
    c2 = claim_iri("c2")
    assert graph.value(c2, SKOS.notation) == Literal("c2")
    assert graph.value(c2, SKOS.prefLabel) == Literal("Trains reduce traffic")
    assert graph.value(c2, SKOS.altLabel) == Literal("rail helps")
    assert graph.value(c2, GB.opposingLabel) == Literal("trains do not help")
    assert graph.value(c2, GB.claimKind) == Literal("descriptive")
    assert graph.value(claim_iri("c3"), SKOS.definition) == Literal("The river crossing.")


def test_document_metadata(graph):
    d1, d2 = document_iri("d1"), document_iri("d2")
    assert graph.value(d1, DCTERMS.identifier) == Literal("d1")
    assert graph.value(d1, DCTERMS.title) == Literal("Tax fight")
    assert graph.value(d1, DCTERMS.creator) == Literal("Ann Author")
    assert graph.value(d1, DCTERMS.date) == Literal("2024-05-01", datatype=rns.XSD.date)
    assert graph.value(d2, DCTERMS.date) == Literal("May 2024")  # not ISO: kept as text


def test_a_date_shaped_but_impossible_date_stays_text():
    g = build_graph([Document(id="x", text="", date="2023-13-45")], [])
    assert g.value(document_iri("x"), DCTERMS.date) == Literal("2023-13-45")
    assert validate_graph(g).conforms


def test_statements_without_their_document_or_codebook_claim_still_conform():
    s = stmt("d1", "Jane Roe", "Person", "unlisted", "supports", "quote", "the tax must go")
    g = build_graph([], [s], CODEBOOK)
    assert g.value(document_iri("d1"), DCTERMS.identifier) == Literal("d1")
    assert g.value(claim_iri("unlisted"), GB.inCodebook) == Literal(False)
    assert g.value(claim_iri("c1"), GB.inCodebook) == Literal(True)
    assert validate_graph(g).conforms


def test_confidence_is_clamped_and_rounded():
    s = stmt("d1", "Jane Roe", "Person", "c1", "supports", "quote", "the tax must go", 1.5)
    g = build_graph([], [s, replace(s, start=1, confidence=0.12345)])
    values = {str(g.value(n, GB.confidence)) for n in statement_nodes(g)}
    assert values == {"1.000", "0.123"}


@pytest.mark.parametrize("change, message", [
    ({"stance": "maybe"}, "stance"),
    ({"attribution": "rumour"}, "attribution"),
    ({"start": 9, "end": 3}, "offsets"),
    ({"actor": "  "}, "actor"),
    ({"claim": ""}, "claim"),
    ({"confidence": float("nan")}, "confidence"),
])
def test_bad_statements_are_refused(change, message):
    s = replace(stmt("d1", "Jane Roe", "Person", "c1", "supports", "quote", "the tax must go"), **change)
    with pytest.raises(OntologyError, match=message):
        build_graph([], [s])


def test_a_bad_codebook_claim_is_refused():
    book = Codebook(claims=(Claim("c1", "Label", kind="speculative"),))
    with pytest.raises(OntologyError, match="c1"):
        build_graph([], [], book)


@pytest.mark.slow
def test_seeds_build_conforms_and_is_reproducible(seeds_build, seeds_dir, tmp_path):
    from click.testing import CliRunner

    from graphbuild.cli import cli
    from graphbuild.rdf.io import load_graph

    first = seeds_build.out_dir
    second = CliRunner().invoke(cli, ["build", str(seeds_dir), "--out", str(tmp_path), "--top", "0"])
    assert second.exit_code == 0, second.output
    graph = load_graph(first / "graph.ttl")
    assert len(statement_nodes(graph)) > 10
    result = validate_graph(graph)
    assert result.conforms, result.report
    assert isomorphic(graph, load_graph(tmp_path / "graph.ttl"))
    assert (first / "statements.jsonl").read_bytes() == (tmp_path / "statements.jsonl").read_bytes()
    assert (first / "graph.ttl").read_bytes() == (tmp_path / "graph.ttl").read_bytes()
