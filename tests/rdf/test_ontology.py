"""ontology/graphbuild.ttl and ontology/shapes.ttl: documented terms, alignments, consistency."""
from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, SH, SKOS
# schema: warns when pytest probes module globals, so keep it behind a module.
import rdflib.namespace as rns

from graphbuild.rdf.build import build_graph
from graphbuild.rdf.namespace import GB, OA
from graphbuild.rdf.validate import ontology_path, shapes_path

from rdf_samples import ALIASES, CODEBOOK, documents, statements

GB_NS = str(GB._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def gb_terms(graph: Graph) -> set[URIRef]:
    return {t for t in graph.all_nodes() if isinstance(t, URIRef) and str(t).startswith(GB_NS)}


def test_every_term_has_one_label_and_one_comment(ontology):
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(GB_NS)}
    assert len(terms) >= 25
    for term in sorted(terms):
        labels = list(ontology.objects(term, RDFS.label))
        comments = list(ontology.objects(term, RDFS.comment))
        assert len(labels) == 1 and str(labels[0]).strip(), f"{term} needs one rdfs:label"
        assert len(comments) == 1 and len(str(comments[0])) > 15, f"{term} needs one rdfs:comment"


def test_every_referenced_gb_term_is_declared(ontology, shapes):
    # A typo such as gb:Statment in a range or shape would otherwise pass silently.
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(GB_NS)}
    assert gb_terms(ontology) <= declared
    assert gb_terms(shapes) <= declared


def test_every_term_the_builder_writes_is_declared(ontology):
    g = build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES)
    declared = set(ontology.subjects(RDF.type, None))
    used = {p for p in g.predicates()} | set(g.objects(None, RDF.type))
    assert {t for t in used if str(t).startswith(GB_NS)} <= declared
    assert gb_terms(g) <= declared


@pytest.mark.parametrize("cls, parent", [
    (GB.Document, PROV.Entity), (GB.Document, rns.SDO.Article),
    (GB.Actor, PROV.Agent),
    (GB.Person, GB.Actor), (GB.Person, FOAF.Person), (GB.Person, rns.SDO.Person), (GB.Person, PROV.Person),
    (GB.Organization, GB.Actor), (GB.Organization, ORG.Organization),
    (GB.Organization, FOAF.Organization), (GB.Organization, rns.SDO.Organization),
    (GB.Organization, PROV.Organization),
    (GB.Claim, SKOS.Concept), (GB.Codebook, SKOS.ConceptScheme),
    (GB.Statement, PROV.Entity),
])
def test_classes_reuse_standard_vocabularies(ontology, cls, parent):
    assert (cls, RDFS.subClassOf, parent) in ontology


def test_properties_have_domain_range_and_alignment(ontology):
    assert (GB.actor, RDFS.subPropertyOf, PROV.wasAttributedTo) in ontology
    assert (GB.evidence, RDFS.range, OA.SpecificResource) in ontology
    for prop in set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(ontology.subjects(RDF.type, OWL.DatatypeProperty)):
        if str(prop).startswith(GB_NS):
            assert ontology.value(prop, RDFS.domain) is not None, prop
            assert ontology.value(prop, RDFS.range) is not None, prop
    for shortcut in (GB.supports, GB.opposes):
        assert ontology.value(shortcut, RDFS.domain) == GB.Actor
        assert ontology.value(shortcut, RDFS.range) == GB.Claim


def test_person_and_organization_are_disjoint(ontology):
    assert (GB.Person, OWL.disjointWith, GB.Organization) in ontology


def test_stance_and_attribution_kind_enumerate_their_individuals(ontology):
    from rdflib.collection import Collection

    for cls, members in ((GB.Stance, {GB.Supports, GB.Opposes}),
                         (GB.AttributionKind, {GB.AuthorVoice, GB.DirectQuote, GB.ReportedSpeech})):
        assert set(Collection(ontology, ontology.value(cls, OWL.oneOf))) == members
        assert set(ontology.subjects(RDF.type, cls)) == members


def test_ontology_header(ontology):
    header = ontology.value(predicate=RDF.type, object=OWL.Ontology, any=False)
    assert header == URIRef(GB_NS.rstrip("#"))
    assert isinstance(ontology.value(header, OWL.versionInfo), Literal)


def test_no_string_shape_compares_literal_terms(shapes):
    # sh:in / sh:hasValue on literals break on graphs read through oxrdflib
    # ("x" vs "x"^^xsd:string); string values are checked by pattern instead.
    for pred in (SH["in"], SH.hasValue):
        for _, obj in shapes.subject_objects(pred):
            items = list(shapes.items(obj)) if pred == SH["in"] else [obj]
            assert not any(isinstance(i, Literal) for i in items), f"{pred} lists literals"
