"""Exports re-read by networkx (GraphML, GEXF, JSON), CSV edge lists, DNA statements, the analyze command."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF

from graphbuild.analysis import (actor_network, analyze, dynamic_network, read_coalitions, two_mode_network,
                                 write_analysis)
from graphbuild.cli import cli
from graphbuild.analysis.export import write_dna_csv, write_edge_csv, write_gexf, write_graphml, write_json, write_network
from graphbuild.rdf.io import load_graph, serialize_graph
from graphbuild.rdf.namespace import GB
from graphbuild.rdf.validate import validate_graph

from test_analysis import actor_iri, claim_iri, debate_from

ROWS = [
    ("d1", "Alice", "Person", "c1", "supports", 0.9), ("d2", "Alice", "Person", "c1", "supports", 0.5),
    ("d1", "Bob", "Person", "c1", "supports"), ("d2", "Acme; Ltd, \"Inc\"", "Organization", "c1", "opposes"),
    ("d3", "Bob", "Person", "c2", "opposes"), ("d3", "Alice", "Person", "c2", "opposes"),
]
DATES = {"d1": "2024-01-15", "d2": "2024-03-02", "d3": "2024-03-20"}


@pytest.fixture(scope="module")
def debate():
    return debate_from(ROWS, DATES)


def _same(g: nx.Graph, h: nx.Graph, attrs: tuple[str, ...]) -> None:
    assert set(map(str, g.nodes)) == set(h.nodes)
    assert {frozenset(map(str, e)) for e in g.edges} == {frozenset(e) for e in h.edges}
    for u, v, d in g.edges(data=True):
        for a in attrs:
            assert h.edges[str(u), str(v)][a] == pytest.approx(d[a]), (u, v, a)
    for n, d in g.nodes(data=True):
        assert h.nodes[str(n)]["label"] == d["label"]


def test_graphml_round_trip(debate, tmp_path):
    g = two_mode_network(debate)
    h = nx.read_graphml(write_graphml(g, tmp_path / "two-mode.graphml"))
    _same(g, h, ("weight", "supports", "opposes", "sign", "confidence"))
    assert h.nodes[actor_iri("Alice")]["kind"] == "actor" and h.nodes[claim_iri("c1")]["kind"] == "claim"
    # list-valued attributes (the claims behind a tie) become joined strings
    sub = actor_network(debate, "subtract")
    back = nx.read_graphml(write_network(sub, tmp_path / "sub.graphml"))
    assert back.edges[actor_iri("Alice"), actor_iri("Bob")]["shared"] == f"{claim_iri('c1')}; {claim_iri('c2')}"
    assert back.edges[actor_iri("Alice"), actor_iri('Acme; Ltd, "Inc"')]["weight"] == -2


def test_gexf_round_trip_and_dynamic_spells(debate, tmp_path):
    g = actor_network(debate, "congruence")
    h = nx.read_gexf(write_gexf(g, tmp_path / "cong.gexf"))
    _same(g, h, ("weight",))
    dyn = dynamic_network(debate, "two-mode", "month")
    back = nx.read_gexf(write_gexf(dyn, tmp_path / "dyn.gexf"))
    assert back.graph["mode"] == "dynamic"
    bob = back.nodes[actor_iri("Bob")]
    assert (bob["start"], bob["end"]) == ("2024-01-01", "2024-03-31")
    assert bob["spells"] == [("2024-01-01", "2024-01-31"), ("2024-03-01", "2024-03-31")]
    # Alice-c1: one statement in January, one in March
    assert back.edges[actor_iri("Alice"), claim_iri("c1")]["period_weight"] == [
        (1.0, "2024-01-01", "2024-01-31"), (1.0, "2024-03-01", "2024-03-31")]
    text = (tmp_path / "dyn.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text


def test_json_and_csv_edge_list(debate, tmp_path):
    g = actor_network(debate, "conflict")
    data = json.loads(write_json(g, tmp_path / "c.json").read_text(encoding="utf-8"))
    assert {"nodes", "links"} <= set(data)
    h = nx.node_link_graph(data, edges="links")
    _same(g, h, ("weight",))
    with write_edge_csv(g, tmp_path / "c.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == g.number_of_edges() == 2
    by_pair = {frozenset((r["source_label"], r["target_label"])): r for r in rows}
    assert float(by_pair[frozenset(("Alice", 'Acme; Ltd, "Inc"'))]["weight"]) == 2  # quoted, not split
    with pytest.raises(ValueError, match="graphml, gexf, csv, json"):
        write_network(g, tmp_path / "c.xlsx")


def test_dna_statement_csv(debate, tmp_path):
    path = write_dna_csv(debate, tmp_path / "dna.csv", documents=tmp_path / "docs.csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["document", "actor", "organisation", "concept", "agreement"]
    assert len(rows) == 1 + len(ROWS)
    assert ["d2", 'Acme; Ltd, "Inc"', 'Acme; Ltd, "Inc"', "c1", "0"] in rows
    assert sum(r[1] == "Alice" and r[4] == "1" for r in rows) == 2
    with (tmp_path / "docs.csv").open(encoding="utf-8", newline="") as f:
        docs = {r["id"]: r for r in csv.DictReader(f)}
    assert docs["d1"]["date"] == "2024-01-15" and docs["d1"]["source"] == "Outlet d1"


def test_write_analysis_files_and_rdf_coalitions(debate, tmp_path):
    from graphbuild.models import Document, Statement
    from graphbuild.rdf.build import build_graph

    g = build_graph([Document(id="d1", text="x y z", date="2024-01-15")], [
        Statement("d1", "Ann", "Person", "c1", "supports", "reported", "x", 0, 1, 0.9),
        Statement("d1", "Ben", "Person", "c1", "opposes", "reported", "y", 2, 3, 0.9)])
    result = analyze(g)
    files = write_analysis(result, tmp_path / "out", exports=("graphml", "dna"), graph=g)
    assert {"coalitions.csv", "claims.csv", "actors.csv", "analysis.json", "coalitions.ttl",
            "two-mode.graphml", "actor-subtract.graphml", "dna-statements.csv"} <= set(files)
    assert "two-mode.gexf" not in files
    assert validate_graph(g).conforms
    coalitions = list(g.subjects(RDF.type, GB.Coalition))
    assert len(coalitions) == 2 and all(len(list(g.objects(c, GB.hasMember))) == 1 for c in coalitions)
    # analysing again replaces the coalitions instead of adding more
    result.add_to_graph(g)
    assert len(list(g.subjects(RDF.type, GB.Coalition))) == 2
    stored = load_graph(files["coalitions.ttl"])
    assert read_coalitions(stored) == {"coalition 1": (actor_iri("Ann"),), "coalition 2": (actor_iri("Ben"),)}


def test_analyze_command(tmp_path):
    from graphbuild.models import Document, Statement
    from graphbuild.rdf.build import build_graph

    g = build_graph([Document(id="d1", text="a b c", date="2024-02-01", title="T"),
                     Document(id="d2", text="a b c", date="2024-04-01")], [
        Statement("d1", "Ann", "Person", "c1", "supports", "reported", "a", 0, 1, 0.9),
        Statement("d1", "Ben", "Person", "c1", "opposes", "reported", "b", 2, 3, 0.9),
        Statement("d2", "Cy", "Person", "c1", "opposes", "reported", "c", 4, 5, 0.9)])
    graph_file = serialize_graph(g, tmp_path / "graph.ttl")
    runner = CliRunner()
    res = runner.invoke(cli, ["analyze", str(graph_file), "--by", "month", "--out", str(tmp_path / "a"),
                              "--export", "gexf", "--graph-out", str(tmp_path / "with.ttl")])
    assert res.exit_code == 0, res.output
    assert "== coalitions ==" in res.output and "Ben; Cy" in res.output
    assert "2024-02" in res.output and "2024-04" in res.output
    assert (tmp_path / "a" / "two-mode-dynamic.gexf").exists() and not (tmp_path / "a" / "two-mode.graphml").exists()
    assert len(list(load_graph(tmp_path / "with.ttl").subjects(RDF.type, GB.Coalition))) == 2
    res = runner.invoke(cli, ["analyze", str(graph_file), "--format", "json"])
    # one against two: signed modularity 1/3 (worked by hand), polarisation 2/3
    assert res.exit_code == 0 and json.loads(res.output)["polarization"] == pytest.approx(2 / 3, abs=1e-6)
    res = runner.invoke(cli, ["analyze", str(tmp_path / "missing.ttl")])
    assert res.exit_code != 0 and "missing.ttl" in res.output and "Traceback" not in res.output


def test_gexf_bytes_do_not_depend_on_the_day(debate, tmp_path, monkeypatch):
    g = actor_network(debate, "congruence")
    first = write_gexf(g, tmp_path / "a.gexf").read_bytes()
    assert b"lastmodifieddate" not in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = write_gexf(g, tmp_path / "b.gexf").read_text(encoding="utf-8")
    assert 'lastmodifieddate="2023-11-14"' in stamped
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert write_gexf(g, tmp_path / "c.gexf").read_bytes() == first
