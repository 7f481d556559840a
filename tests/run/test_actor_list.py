"""Actors on real-news shapes, through the real pipeline and a real store (issue 13).

A small corpus with the shapes found in news: one person named three ways in
three articles, nicknames and middle initials, a group in the singular and
the plural, a party tag after a name, a kicker glued to a name, a doubled
scraped name, a bare quantifier and a capital speaking for its government.
"""
from __future__ import annotations

import yaml
from click.testing import CliRunner
from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SKOS

import graphbuild as gb
from graphbuild.cli import cli
from graphbuild.rdf.iri import actor_iri
from graphbuild.rdf.namespace import GB
from graphbuild.text.boilerplate import scan
from store_samples import CODEBOOK, quads_of, write_corpus

CLAIM = "the Russian Federation should be broken up into independent states"
CORPUS = {
    "n1": f"Sen. Karen Holt (R-Ore.) said {CLAIM}.\n\nAnalysis Victor Grahn argued that {CLAIM}.\n\n"
          f"Others said {CLAIM}.\n\nA Socialist said {CLAIM}.\n",
    "n2": f'"Yes, {CLAIM}," Holt told reporters on Monday.\n\nSocialists said {CLAIM}.\n\n'
          f"Ottawa said {CLAIM}.\n\nPeter DaltonDalton said {CLAIM}.\n",
    "n3": f"Bob Tanner said {CLAIM}.\n\nChris M. Ward said {CLAIM}.\n\nKaren Holt said {CLAIM}.\n",
    "n4": f"Robert Tanner said {CLAIM}.\n\nChris Ward said {CLAIM}.\n\nVictor Grahn said {CLAIM}.\n",
}


def actor_names(graph) -> dict[str, set[str]]:
    """{label: other names} of every actor node."""
    return {str(graph.value(a, RDFS.label)): {str(n) for n in graph.objects(a, SKOS.altLabel)}
            for a in set(graph.subjects(RDF.type, GB.Actor)) | set(graph.subjects(RDF.type, GB.Person))
            | set(graph.subjects(RDF.type, GB.Organization))}


def test_pairs_are_one_node_each_and_junk_is_gone(tmp_path):
    corpus = write_corpus(tmp_path / "news.jsonl", CORPUS)
    result = gb.build([corpus], tmp_path / "out", codebook=CODEBOOK, map_file=False)
    names = actor_names(result.graph)
    assert names["Karen Holt"] >= {"Holt"}
    assert names["Robert Tanner"] == {"Bob Tanner"}
    assert names["Chris M. Ward"] == {"Chris Ward"}
    assert names["Socialists"] == {"Socialist"}
    assert "Victor Grahn" in names
    # no junk: no kicker, no tag, no quantifier, no doubled name, no bare place
    flat = " | ".join(n for label, others in names.items() for n in (label, *others))
    for junk in ("Analysis", "Ore.", "R-Ore.", "Others", "DaltonDalton", "Ottawa"):
        assert junk not in flat, (junk, flat)
    holt = actor_iri("Karen Holt")
    assert (holt, GB.party, Literal("Republican")) in result.graph
    assert (holt, GB.region, Literal("Oregon")) in result.graph
    canada = actor_iri("Canada")
    assert (canada, RDF.type, GB.Government) in result.graph and (canada, RDF.type, GB.Organization) in result.graph
    assert result.graph.value(canada, RDFS.label) == Literal("Canadian government")
    assert (canada, SKOS.altLabel, Literal("Canada")) in result.graph
    assert (actor_iri("Socialists"), RDF.type, GB.Organization) in result.graph
    assert gb.validate_graph(result.graph).conforms
    # the summary counts one actor per node too
    assert not [row for row in result.summary() if row[0] in {"Holt", "Bob Tanner", "Chris Ward"}]


def test_incremental_builds_into_a_store_group_names_as_one_build_does(tmp_path):
    corpus = write_corpus(tmp_path / "all.jsonl", CORPUS)
    gb.build([corpus], tmp_path / "fresh", codebook=CODEBOOK, map_file=False)
    # one document at a time, the fuller names arriving last
    for i, doc_id in enumerate(["n2", "n1", "n4", "n3"]):
        part = write_corpus(tmp_path / f"part{i}.jsonl", {doc_id: CORPUS[doc_id]})
        gb.build([part], tmp_path / "inc", codebook=CODEBOOK, store=tmp_path / "store", map_file=False)
    assert quads_of(tmp_path / "inc" / "graph.ttl") == quads_of(tmp_path / "fresh" / "graph.ttl")
    # and removing the only document with a full name splits the surname off again
    gb.remove_documents(["n1", "n3"], tmp_path / "store", tmp_path / "inc")
    rows = {r.name: r for r in gb.list_actors(store=tmp_path / "store")}
    assert "Karen Holt" not in rows and "Holt" in rows


def test_the_actors_command_lists_actors_and_drafts_an_alias_file(tmp_path):
    corpus = write_corpus(tmp_path / "news.jsonl", CORPUS)
    gb.build([corpus], tmp_path / "out", codebook=CODEBOOK, map_file=False, store=tmp_path / "store")
    runner = CliRunner()
    done = runner.invoke(cli, ["actors", str(tmp_path / "out" / "graph.ttl"), "--aliases-draft",
                               str(tmp_path / "aliases.yaml")])
    assert done.exit_code == 0, done.output
    line = next(l for l in done.output.splitlines() if l.startswith("Robert Tanner"))
    assert "Person" in line and "Bob Tanner" in line
    draft = gb.load_aliases(tmp_path / "aliases.yaml")
    assert draft["Bob Tanner"] == "Robert Tanner" and draft["Holt"] == "Karen Holt"
    assert yaml.safe_load((tmp_path / "aliases.yaml").read_text())["Robert Tanner"] == ["Bob Tanner"]
    from_store = runner.invoke(cli, ["actors", "--store", str(tmp_path / "store"), "--format", "json"])
    assert from_store.exit_code == 0 and '"name": "Robert Tanner"' in from_store.output
    # the draft, edited to keep the two Tanners apart, is honoured by the next build
    (tmp_path / "apart.yaml").write_text("Bob Tanner: [Bob Tanner]\nRobert Tanner: [Robert Tanner]\n")
    apart = gb.build([corpus], tmp_path / "apart", codebook=CODEBOOK, map_file=False, aliases=tmp_path / "apart.yaml")
    names = actor_names(apart.graph)
    assert "Bob Tanner" in names and "Robert Tanner" in names
    assert runner.invoke(cli, ["actors"]).exit_code != 0  # neither a graph nor a store


def test_publishers_legal_lines_are_site_furniture():
    text = "A report.\nBy signing up, you agree to our Privacy Policy\n© 2019 Acme Media. All rights reserved.\n"
    found = [text[a:b] for a, b in scan(text).ranges]
    assert "By signing up, you agree to our Privacy Policy" in found
    assert any("All rights reserved" in f for f in found)
