"""graphbuild/rdf/namespace.py is generated from the ontology and cannot drift from it."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from graphbuild.rdf import gen_namespace
from graphbuild.rdf.namespace import GB
from graphbuild.rdf.validate import ontology_path


def test_namespace_module_is_the_generator_output():
    committed = Path(gen_namespace.TARGET).read_text(encoding="utf-8")
    assert committed == gen_namespace.render(), "run: python -m graphbuild.rdf.gen_namespace"


def test_every_declared_term_is_an_attribute_and_nothing_else_is():
    onto = Graph().parse(ontology_path(), format="turtle")
    declared = {s for s in onto.subjects(RDF.type, None)
                if isinstance(s, URIRef) and str(s).startswith(str(GB._NS)) and (s, RDF.type, OWL.Ontology) not in onto}
    assert {getattr(GB, str(t)[len(str(GB._NS)):]) for t in declared} == declared
    with pytest.raises(AttributeError):
        GB.Statment  # a typo must fail, not mint a wrong IRI


def test_check_mode_detects_stale_module(tmp_path):
    fresh = tmp_path / "ns.py"
    assert gen_namespace.main(["--output", str(fresh)]) == 0
    assert gen_namespace.main(["--output", str(fresh), "--check"]) == 0
    fresh.write_text(fresh.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert gen_namespace.main(["--output", str(fresh), "--check"]) == 1


def test_a_new_ontology_term_appears_in_the_rendered_module(tmp_path):
    onto = tmp_path / "onto.ttl"
    onto.write_text(ontology_path().read_text(encoding="utf-8") + """
gb:Rebuttal a owl:Class ; rdfs:label "rebuttal" ;
    rdfs:comment "A statement answering another one." .
""", encoding="utf-8")
    text = gen_namespace.render(onto)
    assert "    Rebuttal: URIRef  # A statement answering another one.\n" in text
    # The generated module is valid Python that defines the term.
    scope: dict = {}
    exec(compile(text, "ns.py", "exec"), scope)
    assert str(scope["GB"].Rebuttal) == str(GB._NS) + "Rebuttal"
