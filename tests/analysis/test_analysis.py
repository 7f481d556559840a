"""Debate analytics on small hand-built graphs with answers worked out by hand.

Every graph goes the real way: Statement records -> build_graph (RDF) ->
load_debate (SPARQL) -> networkx.
"""
from __future__ import annotations

import datetime as dt
import math

import pytest

from graphbuild.analysis import (AnalysisOptions, Debate, actor_network, analyze,
                                 claim_controversy, claim_network, find_coalitions, load_debate,
                                 over_time, signed_louvain, signed_modularity, statement_counts,
                                 time_windows, two_mode_network)
from graphbuild.models import Document, Statement
from graphbuild.rdf.build import build_graph
from graphbuild.rdf import iri


def debate_from(rows, dates=None) -> Debate:
    """rows: (doc, actor, type, claim, stance[, confidence]); offsets made unique per row."""
    statements, texts = [], {}
    for i, (doc, actor, kind, claim, stance, *conf) in enumerate(rows):
        evidence = f"e{i}"
        start = len(texts.get(doc, ""))
        texts[doc] = texts.get(doc, "") + evidence + " "
        statements.append(Statement(doc, actor, kind, claim, stance, "reported", evidence, start,
                                    start + len(evidence), conf[0] if conf else 0.8))
    docs = [Document(id=d, text=t, date=(dates or {}).get(d), outlet=f"Outlet {d}") for d, t in texts.items()]
    return load_debate(build_graph(docs, statements))


def actor_iri(name: str) -> str:
    """Debate records key actors by plain strings (rdflib's URIRef never equals a str key)."""
    return str(iri.actor_iri(name))


def claim_iri(claim_id: str) -> str:
    return str(iri.claim_iri(claim_id))


A, B, X = actor_iri("Alice"), actor_iri("Bob"), actor_iri("Xena")
C1, C2 = claim_iri("c1"), claim_iri("c2")


@pytest.fixture
def small() -> Debate:
    """Alice supports c1 twice (d1, d2), Bob once; Xena opposes c1; Alice and Bob oppose c2."""
    return debate_from([
        ("d1", "Alice", "Person", "c1", "supports", 0.9),
        ("d2", "Alice", "Person", "c1", "supports", 0.5),
        ("d1", "Bob", "Person", "c1", "supports"),
        ("d2", "Xena", "Organization", "c1", "opposes"),
        ("d1", "Alice", "Person", "c2", "opposes"),
        ("d2", "Bob", "Person", "c2", "opposes"),
    ])


def test_load_debate_reads_the_rdf_vocabulary(small):
    assert len(small.statements) == 6
    assert small.actors[X].type == "Organization" and small.actors[A].name == "Alice"
    assert small.claims[C1].notation == "c1"
    assert {small.documents[s.document].id for s in small.statements} == {"d1", "d2"}
    assert sorted(s.confidence for s in small.statements if s.actor == A and s.claim == C1) == [0.5, 0.9]


def test_two_mode_network_is_signed_and_weighted(small):
    g = two_mode_network(small)
    assert g.edges[A, C1]["supports"] == 2 and g.edges[A, C1]["weight"] == 2
    assert g.edges[A, C1]["confidence"] == pytest.approx(0.7)
    assert g.edges[X, C1]["sign"] == -1 and g.edges[X, C1]["stance"] == "opposes"
    assert {d["bipartite"] for _, d in g.nodes(data=True)} == {0, 1}
    # activity: Alice made 3 statements, 2 of them on c1; prominence: c1 has 4 statements
    assert two_mode_network(small, normalization="activity").edges[A, C1]["weight"] == pytest.approx(2 / 3)
    assert two_mode_network(small, normalization="prominence").edges[A, C1]["weight"] == pytest.approx(2 / 4)
    assert set(two_mode_network(small, min_weight=2).edges) == {(A, C1)}


def test_one_mode_projections_follow_dna(small):
    # congruence(A,B) = c1: 2*1 + c2: 1*1 = 3; conflict(A,X) = 2*1; subtract(A,X) = -2
    cong = actor_network(small, "congruence")
    assert cong.edges[A, B]["weight"] == 3 and not cong.has_edge(A, X)
    conf = actor_network(small, "conflict")
    assert conf.edges[A, X]["weight"] == 2 and conf.edges[B, X]["weight"] == 1 and not conf.has_edge(A, B)
    sub = actor_network(small, "subtract")
    assert sub.edges[A, X]["weight"] == -2 and sub.edges[A, B]["weight"] == 3
    assert sorted(cong.edges[A, B]["shared"]) == sorted([C1, C2])


def test_one_mode_normalisations(small):
    # A = {c1+: 2, c2-: 1} (n=3), B = {c1+: 1, c2-: 1} (n=2); congruence 3
    w = lambda norm: actor_network(small, "congruence", normalization=norm).edges[A, B]["weight"]
    assert w("no") == 3
    assert w("average") == pytest.approx(3 / 2.5)
    assert w("jaccard") == pytest.approx(1.0)  # no cell used by only one of them
    assert w("cosine") == pytest.approx(3 / (math.sqrt(5) * math.sqrt(2)))
    # conflict A-X, jaccard: m10 = A's cells X lacks (c2-: 1) ... X = {c1-: 1}; m11 = 0; m01 = 1; m10 = 3
    assert actor_network(small, "conflict", normalization="jaccard").edges[A, X]["weight"] == pytest.approx(2 / 4)
    with pytest.raises(ValueError, match="average, jaccard, cosine"):
        actor_network(small, normalization="activity")


def test_duplicates_isolates_and_min_weight():
    d = debate_from([
        ("d1", "Alice", "Person", "c1", "supports"), ("d1", "Alice", "Person", "c1", "supports"),
        ("d2", "Alice", "Person", "c1", "supports"), ("d3", "Alice", "Person", "c1", "supports"),
        ("d1", "Bob", "Person", "c1", "supports"), ("d4", "Zoe", "Person", "c2", "opposes"),
    ], dates={"d1": "2024-01-02", "d2": "2024-01-20", "d3": "2024-03-05"})
    key = (A, C1, "supports")
    assert statement_counts(d, "every")[key] == 4
    assert statement_counts(d, "document")[key] == 3
    assert statement_counts(d, "month")[key] == 2  # January (d1, d2), March (d3)
    assert statement_counts(d, "year")[key] == 1
    with pytest.raises(ValueError, match="every, document, week, month, year"):
        statement_counts(d, "fortnight")
    zoe = actor_iri("Zoe")
    assert zoe not in actor_network(d) and zoe in actor_network(d, isolates=True)
    assert actor_network(d, duplicates="document").edges[A, B]["weight"] == 3
    assert actor_network(d, duplicates="document", min_weight=4).number_of_edges() == 0


def test_claim_co_support_network():
    d = debate_from([
        ("d1", "Alice", "Person", "c1", "supports"), ("d1", "Alice", "Person", "c2", "supports"),
        ("d1", "Bob", "Person", "c1", "supports"), ("d1", "Bob", "Person", "c2", "opposes"),
    ])
    cong = claim_network(d)
    assert cong.edges[C1, C2]["weight"] == 1 and cong.nodes[C1]["label"] == "c1"
    assert claim_network(d, "conflict").edges[C1, C2]["weight"] == 1
    # co-support proper: only supporting statements
    assert claim_network(d.select(stance="supports")).edges[C1, C2]["shared"] == (A,)


def test_signed_louvain_and_modularity_on_known_graphs():
    import networkx as nx

    camps = nx.Graph()
    camps.add_edges_from([("a", "b", {"weight": 1}), ("c", "d", {"weight": 1})])
    camps.add_edges_from((x, y, {"weight": -1}) for x in "ab" for y in "cd")
    parts = sorted(sorted(c) for c in signed_louvain(camps))
    assert parts == [["a", "b"], ["c", "d"]]
    assert signed_modularity(camps, parts) == pytest.approx(0.5)
    consensus = nx.complete_graph("abcd")
    nx.set_edge_attributes(consensus, 1, "weight")
    assert [sorted(c) for c in signed_louvain(consensus)] == [list("abcd")]
    assert signed_modularity(consensus, [set("abcd")]) == pytest.approx(0.0)


def test_coalitions_polarisation_and_frustration():
    two_camps = debate_from([(f"d{i}", n, "Person", "c1", s) for i, (n, s) in enumerate(
        [("Ann", "supports"), ("Ben", "supports"), ("Cy", "opposes"), ("Di", "opposes")])])
    c = find_coalitions(two_camps)
    assert sorted(len(g) for g in c.groups) == [2, 2]
    assert c.membership[actor_iri("Ann")] == c.membership[actor_iri("Ben")] != c.membership[actor_iri("Cy")]
    assert c.polarization == pytest.approx(1.0) and c.frustration == 0
    consensus = debate_from([("d1", n, "Person", "c1", "supports") for n in ("Ann", "Ben", "Cy")])
    assert find_coalitions(consensus).polarization == 0 and len(find_coalitions(consensus).groups) == 1
    # one dissenter against nine: a clean split, but hardly a polarised debate
    lopsided = debate_from([("d1", f"P{i}", "Person", "c1", "supports") for i in range(9)]
                           + [("d1", "Dissent", "Person", "c1", "opposes")])
    lop = find_coalitions(lopsided)
    assert [len(g) for g in lop.groups] == [9, 1] and 0 < lop.polarization < 0.5


def test_claim_controversy():
    d = debate_from([
        ("d1", "Ann", "Person", "c1", "supports"), ("d1", "Ben", "Person", "c1", "opposes"),
        ("d1", "Ann", "Person", "c2", "supports"), ("d1", "Ben", "Person", "c2", "supports"),
        ("d1", "Cy", "Person", "c2", "supports"), ("d1", "Di", "Person", "c2", "opposes"),
        # Ann both supports and opposes c3 in separate statements: she counts half each way
        ("d2", "Ann", "Person", "c3", "supports"), ("d2", "Ann", "Person", "c3", "opposes"),
    ])
    rows = {r.claim: r for r in claim_controversy(d)}
    assert rows[C1].controversy == 1.0 and rows[C2].controversy == pytest.approx(0.5)
    assert (rows[C2].supporters, rows[C2].opponents) == (3, 1)
    assert rows[claim_iri("c3")].supporters == 0.5 and rows[claim_iri("c3")].controversy == 1.0
    assert claim_controversy(d)[-1].claim == C2  # least controversial last


def test_bridging_actor_links_two_groups():
    # Ann-Ben agree on c1, Cy-Di on c2; Mo agrees with Ben (c1) and with Cy (c2)
    d = debate_from([
        ("d1", "Ann", "Person", "c1", "supports"), ("d1", "Ben", "Person", "c1", "supports"),
        ("d1", "Mo", "Person", "c1", "supports"), ("d2", "Mo", "Person", "c2", "opposes"),
        ("d2", "Cy", "Person", "c2", "opposes"), ("d2", "Di", "Person", "c2", "opposes"),
    ])
    result = analyze(d)
    assert result.bridges[0].actor == actor_iri("Mo") and result.bridges[0].betweenness > 0
    assert all(b.betweenness == 0 for b in result.bridges[1:])


def test_time_slices_and_sliding_windows_show_a_camp_forming():
    dates = {"d1": "2024-01-10", "d2": "2024-02-10", "d3": "2024-03-10"}
    d = debate_from([
        ("d1", "Ann", "Person", "c1", "supports"),
        ("d2", "Ben", "Person", "c1", "supports"), ("d2", "Cy", "Person", "c1", "opposes"),
        ("d3", "Di", "Person", "c1", "supports"), ("d3", "Ann", "Person", "c1", "supports"),
        ("d3", "Ben", "Person", "c1", "supports"), ("d3", "Cy", "Person", "c1", "opposes"),
    ], dates=dates)
    assert [w.label for w in time_windows(d, "month")] == ["2024-01", "2024-02", "2024-03"]
    monthly = over_time(d, "month")
    assert [(p.window.label, p.statements, p.actors) for p in monthly] == [
        ("2024-01", 1, 1), ("2024-02", 2, 2), ("2024-03", 4, 4)]
    assert [p.coalitions.polarization for p in monthly][0] == 0
    march = monthly[-1].coalitions
    camp = march.members(actor_iri("Ann"))
    assert set(camp) == {actor_iri("Ann"), actor_iri("Ben"), actor_iri("Di")}
    # the whole-debate coalition of Ann is what March's camp matches
    overall = find_coalitions(d)
    assert monthly[-1].matched[march.membership[actor_iri("Ann")]] == overall.membership[actor_iri("Ann")]
    sliding = over_time(d, "month", window=2)
    assert [p.window.label for p in sliding] == ["2024-01..2024-02", "2024-02..2024-03"]
    assert sliding[0].statements == 3 and sliding[0].window.last_day == dt.date(2024, 2, 29)
    assert [w.label for w in time_windows(d, "year")] == ["2024"]
    table = analyze(d, by="month").tables()["periods"]
    assert [row[0] for row in table[1]] == ["2024-01", "2024-02", "2024-03"]


def test_undated_statements_take_part_in_no_window():
    d = debate_from([("d1", "Ann", "Person", "c1", "supports"), ("d2", "Ben", "Person", "c1", "opposes")],
                    dates={"d1": "2024-05-02"})
    assert [p.statements for p in over_time(d, "year")] == [1]
    assert len(d.select(start=dt.date(2000, 1, 1)).statements) == 1


def test_analysis_options_name_valid_values():
    with pytest.raises(ValueError, match="no, activity, prominence"):
        AnalysisOptions(two_mode_normalization="cosine")
    assert AnalysisOptions(duplicates="include").duplicates == "every"  # DNA's name


def test_report_tables_and_json(small):
    from graphbuild.analysis import format_analysis

    result = analyze(small, duplicates="document")
    text = format_analysis(result)
    assert "== coalitions ==" in text and "Alice; Bob" in text and "polarization" in text
    data = result.to_json()
    assert data["options"]["duplicates"] == "document"
    assert [m["label"] for m in data["coalitions"][0]["members"]] == ["Alice", "Bob"]
    assert format_analysis(result, "csv").startswith("# summary\nmeasure,value\n")


# --- the seed debate, from hand-made records mirroring its facts ------------------------

SEED_FACTS = [
    ("000", "Brandon J. Weichert", "Person", "russia-dissolution", "opposes"),
    ("000", "Brandon J. Weichert", "Person", "russia-collapse", "opposes"),
    ("000", "Brandon J. Weichert", "Person", "ukraine-victory", "opposes"),
    ("000", "Brandon J. Weichert", "Person", "exile-opposition-effective", "opposes"),
    ("000", "Free Nations of Post-Russia Forum", "Organization", "russia-dissolution", "supports"),
    ("001", "Janusz Bugajski", "Person", "russia-dissolution", "supports"),
    ("001", "Janusz Bugajski", "Person", "russia-collapse", "supports"),
    ("001", "Janusz Bugajski", "Person", "ukraine-victory", "supports"),
    ("001", "Janusz Bugajski", "Person", "sanctions-relief", "opposes"),
    ("002", "Akhmed Zakayev", "Person", "russia-dissolution", "supports"),
    ("002", "Oleg Magaletsky", "Person", "russia-dissolution", "supports"),
    ("002", "Oleg Magaletsky", "Person", "russia-collapse", "supports"),
    ("002", "Pavel Mezerin", "Person", "russia-dissolution", "supports"),
    ("002", "Free Nations of Post-Russia Forum", "Organization", "russia-dissolution", "supports"),
    ("002", "United States", "Organization", "russia-dissolution", "opposes"),
    ("003", "Andrei Soldatov", "Person", "exile-opposition-effective", "supports"),
    ("003", "Dmitry Medvedev", "Person", "support-russian-exiles", "opposes"),
    ("003", "Mary Glantz", "Person", "support-russian-exiles", "supports"),
    ("004", "Sarah Fields", "Person", "russia-collapse", "supports"),
    ("004", "CIA", "Organization", "russia-collapse", "supports"),
]


@pytest.fixture(scope="module")
def seed_result():
    debate = debate_from(SEED_FACTS, dates={"000": "2025-12-29", "001": "2023", "004": "2024-11-05"})
    return analyze(debate)


def test_seed_facts_weichert_and_bugajski_clash_on_dissolution(seed_result):
    conflict = actor_network(seed_result.debate, "conflict")
    w, b = actor_iri("Brandon J. Weichert"), actor_iri("Janusz Bugajski")
    assert claim_iri("russia-dissolution") in conflict.edges[w, b]["shared"]
    assert seed_result.coalitions.membership[w] != seed_result.coalitions.membership[b]


def test_seed_facts_separatists_form_one_camp(seed_result):
    c = seed_result.coalitions
    camp = {c.membership[actor_iri(n)] for n in ("Akhmed Zakayev", "Oleg Magaletsky", "Pavel Mezerin")}
    assert len(camp) == 1
    (index,) = camp
    assert c.membership[actor_iri("Brandon J. Weichert")] != index
    assert c.membership[actor_iri("United States")] == c.membership[actor_iri("Brandon J. Weichert")]
    assert c.polarization > 0.3
    top = seed_result.controversy[0]
    assert seed_result.claim_id(top.claim) in {"russia-collapse", "exile-opposition-effective",
                                               "support-russian-exiles", "ukraine-victory"}
    dissolution = next(r for r in seed_result.controversy if r.claim == claim_iri("russia-dissolution"))
    assert (dissolution.supporters, dissolution.opponents) == (5, 2)  # the Forum counts once


# --- the seed debate as the real pipeline extracts it -------------------------------

def test_extracted_seed_debate_puts_weichert_apart_from_the_separatists(seeds_build):
    from rdflib import Graph

    graph = Graph().parse(seeds_build.out_dir / "graph.ttl")
    result = analyze(load_debate(graph))
    member = result.coalitions.membership
    w, b = actor_iri("Brandon J. Weichert"), actor_iri("Janusz Bugajski")
    conflict = actor_network(result.debate, "conflict")
    assert claim_iri("russia-dissolution") in conflict.edges[w, b]["shared"]
    camp = {member[actor_iri(n)] for n in ("Akhmed Zakayev", "Oleg Magaletsky", "Janusz Bugajski")}
    assert len(camp) == 1 and member[w] not in camp
