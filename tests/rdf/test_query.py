"""The example SPARQL queries give the answers worked out by hand; parameters stay values."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph

from graphbuild.errors import QueryError
from graphbuild.rdf.query import QUERIES, QueryResult, bind_value, format_result, load_query, run_query
from graphbuild.rdf.build import build_graph
from graphbuild.rdf.io import serialize_graph
from graphbuild.rdf.iri import actor_iri

from rdf_samples import ALIASES, CODEBOOK, documents, statements

REPO_QUERIES = Path(__file__).resolve().parents[2] / "queries"
ALL_QUERIES = sorted(p.stem for p in REPO_QUERIES.glob("*.rq"))
INJECTIONS = [
    'c1" } ; DROP ALL ; SELECT * WHERE { "',
    '"} UNION {?s ?p ?o}',
    "c1' } UNION { ?actor ?p ?o } #",
    "c1\n} UNION { ?actor ?p ?claim }",
    "<https://w3id.org/graphbuild/id/claim/c1>",  # an IRI is not the notation literal
]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES)


def ask(graph, query, /, **params) -> QueryResult:
    return run_query(graph, load_query(query), params)


def test_every_shipped_query_is_documented_and_runs(graph):
    assert len(ALL_QUERIES) >= 6
    readme = (REPO_QUERIES / "README.md").read_text(encoding="utf-8")
    params = {"who-supports": {"claimId": "c1"}, "who-opposes": {"claimId": "c1"},
              "evidence-for-actor": {"name": "Jane Roe"}}
    for name in ALL_QUERIES:
        assert f"`{name}.rq`" in readme, f"{name}.rq is missing from queries/README.md"
        result = run_query(graph, load_query(name), params.get(name))
        assert result.columns and result.rows, name


def test_who_supports_and_who_opposes(graph):
    jane, acme, john = (str(actor_iri(n)) for n in ("Jane Roe", "Acme Party", "John Doe"))
    assert ask(graph, "who-supports", claimId="c1").rows == [(jane, "Jane Roe", 2)]
    assert ask(graph, "who-opposes", claimId="c1").rows == [(acme, "Acme Party", 1), (john, "John Doe", 1)]
    assert [r[1] for r in ask(graph, "who-supports", claimId="c3").rows] == ["Jane Roe", "John Doe"]
    assert ask(graph, "who-opposes", claimId="c4").rows == []
    assert ask(graph, "who-supports", claimId="C1").rows == []  # ids are case-sensitive


def test_disagreements(graph):
    assert ask(graph, "disagreements").rows == [
        ("c1", "Jane Roe", "Acme Party"), ("c1", "Jane Roe", "John Doe"),
        ("c2", "Acme Party", "Jane Roe"), ("c2", "John Doe", "Jane Roe"),
        ("c3", "Jane Roe", "Acme Party"), ("c3", "Jane Roe", "Bo Li"),
        ("c3", "John Doe", "Acme Party"), ("c3", "John Doe", "Bo Li"),
    ]


def test_contested_claims_most_balanced_first(graph):
    result = ask(graph, "contested-claims")
    assert result.columns == ["claimId", "label", "supporters", "opponents"]
    # c3 is 2 vs 2; c1 (1 vs 2) and c2 (2 vs 1) tie and go by id; c4 has no opponent.
    assert result.rows == [
        ("c3", "A new bridge should be built", 2, 2),
        ("c1", "The tax should be abolished", 1, 2),
        ("c2", "Trains reduce traffic", 2, 1),
    ]


def test_evidence_for_actor(graph):
    result = ask(graph, "evidence-for-actor", name="Jane Roe")
    assert result.columns == ["document", "claimId", "stance", "kind", "confidence", "start", "end", "evidence"]
    assert [(r[0], r[1], r[2], r[3], r[7]) for r in result.rows] == [
        ("d1", "c1", "supports", "quote", "the tax must go"),
        ("d1", "c2", "opposes", "reported", "Roe doubts that trains help"),
        ("d2", "c1", "supports", "reported", "the tax must go"),
        ("d3", "c3", "supports", "reported", "Jane Roe agrees on the bridge"),
    ]
    first = result.rows[0]
    assert first[4] == 0.9 and first[6] - first[5] == len("the tax must go")
    assert ask(graph, "evidence-for-actor", name="Nobody").rows == []
    # The alias file renamed "Roe"; without it, any recorded spelling finds the same actor.
    assert ask(graph, "evidence-for-actor", name="Roe").rows == []
    plain = build_graph(documents(), statements(), CODEBOOK)
    assert ask(plain, "evidence-for-actor", name="Dr. Jane Roe").rows == ask(plain, "evidence-for-actor",
                                                                              name="Jane Roe").rows != []


def test_statements_per_document(graph):
    assert ask(graph, "statements-per-document").rows == [
        ("d2", "Bridge and trains", 5, 3, 3),
        ("d1", "Tax fight", 4, 2, 2),
        ("d3", None, 4, 3, 2),
    ]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", ["who-supports", "who-opposes"])
def test_injection_attempts_are_plain_values(graph, name, value):
    assert ask(graph, name, claimId=value).rows == []
    assert len(graph) == len(build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES))


def test_injection_through_the_name_parameter(graph):
    assert ask(graph, "evidence-for-actor", name='Jane Roe" } UNION { ?a ?b ?c } #').rows == []


def test_parameters_may_carry_a_question_mark_and_iris(graph):
    q = "SELECT ?name WHERE { ?actor rdfs:label ?name }"
    assert run_query(graph, q, {"?actor": f"<{actor_iri('Bo Li')}>"}).rows == [("Bo Li",)]
    with pytest.raises(QueryError, match="not a valid IRI"):
        bind_value("<http://a b>")


def test_query_a_graph_file(graph, tmp_path):
    path = serialize_graph(graph, tmp_path / "g.ttl")
    # Strings come back plain, so the bound literal matches as in memory.
    assert run_query(path, load_query("who-supports"), {"claimId": "c1"}) == ask(graph, "who-supports", claimId="c1")


def test_ask_queries(graph):
    assert run_query(graph, "ASK { ?a gb:opposes ?c }").rows == [(True,)]


@pytest.mark.parametrize("sparql, fragment", [
    ("SELEC ?x WHERE { ?x ?p ?o }", "SPARQL error"),
    ("SELECT ?x WHERE { ?x ?p }", "SPARQL error"),
    ("SELECT ?x WHERE { ?x nope:p ?o }", "nope"),
    ("DROP ALL", "SPARQL error"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT and ASK"),
])
def test_bad_queries_are_one_line_errors(graph, sparql, fragment):
    with pytest.raises(QueryError) as info:
        run_query(graph, sparql)
    assert fragment in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("name", ["nope", "../README", "who-supports/../disagreements"])
def test_load_query_knows_only_the_shipped_queries(name):
    with pytest.raises(QueryError, match="who-supports"):
        load_query(name)


def test_load_query_by_stem_or_file_name():
    assert load_query("who-supports") == load_query("who-supports.rq")
    assert load_query("disagreements") == (QUERIES / "disagreements.rq").read_text(encoding="utf-8")


RESULT = QueryResult(["name", "n", "note"], [("Jane Roe", 2, None), ('Acme, "the" Party', 10, "two\nlines")])


def test_format_table():
    lines = format_result(RESULT, "table").split("\n")
    assert lines[0].split() == ["name", "n", "note"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[3].startswith('Acme, "the" Party') and lines[3].endswith("two lines")
    # Columns line up: the second column starts at the same place in every row.
    assert len({line.index(v) for line, v in zip(lines[2:4], ("2", "10"))}) == 1
    assert lines[-1] == "(2 rows)"


def test_format_csv_round_trips():
    rows = list(csv.reader(io.StringIO(format_result(RESULT, "csv"))))
    assert rows == [["name", "n", "note"], ["Jane Roe", "2", ""], ['Acme, "the" Party', "10", "two\nlines"]]


def test_format_json():
    assert json.loads(format_result(RESULT, "json")) == [
        {"name": "Jane Roe", "n": 2, "note": None},
        {"name": 'Acme, "the" Party', "n": 10, "note": "two\nlines"},
    ]


def test_format_unknown():
    with pytest.raises(QueryError, match="xml"):
        format_result(RESULT, "xml")


@pytest.mark.parametrize("sparql", [
    "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?s FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/g> { ?s ?p ?o } }",
])
def test_named_graph_queries_on_a_graph_file_are_one_line(seeds_build, sparql):
    """A graph file is one graph: GRAPH and FROM NAMED get a one-line answer, not a traceback (issue 16)."""
    from click.testing import CliRunner

    from graphbuild.cli import cli

    for timeout in ("0", "30"):
        result = CliRunner().invoke(cli, ["query", sparql, "--graph", str(seeds_build.out_dir / "graph.ttl"),
                                          "--timeout", timeout])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and "GRAPH" in lines[0] and "--store" in lines[0], lines
