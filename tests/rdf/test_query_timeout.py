"""A query that would run for hours is stopped at its time limit, on every kind of target.

The pathological queries are real cartesian products over a graph of 3,000
triples (27 billion solutions for three patterns): rdflib in memory or from
a file, an Oxigraph directory (open or not), and a real ``oxigraph serve``.
Timing is only checked with generous bounds that prove the query stopped.
"""
from __future__ import annotations

import faulthandler
import threading
import time
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef

from graphbuild.cli import cli
from graphbuild.rdf.deadline import DEFAULT_TIMEOUT, time_limit
from graphbuild.errors import QueryError, QueryTimeoutError
from graphbuild.rdf.query import run_query
from graphbuild.rdf.io import serialize_graph
from graphbuild.store import StoreLockedError, open_store
from graphbuild.rdf.terms import to_ox
from graphbuild.store import query_store
from graphbuild.store.local import LOCK_FILE
from graphbuild.store.lock import FileLock
from graphbuild.store.remote import RemoteStore
from store_samples import OxigraphServer

EX = "https://example.org/"
TRIPLES = 3000
# No rows come out before the whole product has been counted: only a stop from outside ends it.
COUNT_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Streams rows without end.
SELECT_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# rdflib evaluates FILTER(?unbound) inside a bare `except:`, which swallows what lands there.
FILTERED_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER (?unbound) }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Every kind of value a result cell can hold, to compare the paths that produce them.
VALUES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (?s = <https://example.org/typed>) } ORDER BY ?p"
LIMIT = 1  # seconds
STOPPED_WITHIN = 30  # seconds: proves the query stopped, with room for a loaded machine


@pytest.fixture(autouse=True)
def no_hang():
    # Were the limit broken, these queries would run for hours: end the run with tracebacks instead.
    faulthandler.dump_traceback_later(300, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def big_graph() -> Graph:
    g = Graph()
    for i in range(TRIPLES - 6):
        g.add((URIRef(f"{EX}s{i % 300}"), URIRef(f"{EX}p{i % 7}"), Literal(i)))
    typed = URIRef(f"{EX}typed")
    for p, o in [("a", Literal("x\ny")), ("b", Literal("chat", lang="fr")), ("c", Literal(Decimal("0.5"))),
                 ("d", Literal(True)), ("e", URIRef(f"{EX}o")), ("f", BNode("b1"))]:
        g.add((typed, URIRef(f"{EX}{p}"), o))
    assert len(g) == TRIPLES
    return g


@pytest.fixture(scope="module")
def graph() -> Graph:
    return big_graph()


@pytest.fixture(scope="module")
def graph_file(graph, tmp_path_factory) -> Path:
    return serialize_graph(graph, tmp_path_factory.mktemp("graph") / "big.nt", "nt")


@pytest.fixture(scope="module")
def store_dir(graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    with open_store(path) as store:
        store.store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(f"{EX}g")) for s, p, o in graph)
    return path


def stopped(call) -> float:
    """Seconds ``call`` took to raise QueryTimeoutError for a LIMIT-second limit."""
    start = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=f"^query stopped after {LIMIT} s: it ran past the time limit"):
        call()
    return time.monotonic() - start


def query_workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "graphbuild-query" and t.is_alive()]


# rdflib


@pytest.mark.parametrize("sparql", [COUNT_PRODUCT, SELECT_PRODUCT, FILTERED_PRODUCT])
def test_rdflib_cartesian_products_are_stopped(graph, sparql):
    assert LIMIT <= stopped(lambda: run_query(graph, sparql, timeout=LIMIT)) < STOPPED_WITHIN
    assert query_workers() == []  # stopped, not left running in the background
    assert run_query(graph, COUNT, timeout=LIMIT).rows == [(TRIPLES,)]  # and the graph is still fine


def test_rdflib_graph_file_is_stopped(graph_file):
    assert stopped(lambda: run_query(graph_file, COUNT_PRODUCT, timeout=LIMIT)) < STOPPED_WITHIN


def test_rdflib_answers_and_errors_are_the_same_under_a_limit(graph):
    assert run_query(graph, VALUES, timeout=30) == run_query(graph, VALUES)
    assert run_query(graph, f"ASK {{ <{EX}typed> ?p ?o }}", timeout=30).rows == [(True,)]
    with pytest.raises(QueryError, match="SPARQL error"):
        run_query(graph, "SELECT ?x WHERE { ?x", timeout=30)
    assert query_workers() == []


def test_time_limits():
    assert (time_limit(None), time_limit(0), time_limit(float("inf")), time_limit("2.5")) == (None, None, None, 2.5)
    for bad in (-1, float("nan"), "soon"):
        with pytest.raises(ValueError, match="timeout"):
            time_limit(bad)


# An Oxigraph directory


def test_a_store_directory_query_is_stopped_and_the_store_let_go(store_dir):
    assert stopped(lambda: query_store(store_dir, COUNT_PRODUCT, timeout=LIMIT)) < STOPPED_WITHIN
    assert stopped(lambda: query_store(str(store_dir), SELECT_PRODUCT, timeout=LIMIT)) < STOPPED_WITHIN
    with open_store(store_dir) as store:  # neither the lock nor the database is still held
        assert query_store(store, COUNT).rows == [(TRIPLES,)]


def test_an_open_store_query_is_stopped(store_dir):
    with open_store(store_dir) as store:
        assert stopped(lambda: query_store(store, COUNT_PRODUCT, timeout=LIMIT)) < STOPPED_WITHIN
        assert query_store(store, COUNT, timeout=30).rows == [(TRIPLES,)]


def test_store_answers_and_errors_are_the_same_under_a_limit(store_dir, graph):
    limited = query_store(store_dir, VALUES, timeout=30)
    with open_store(store_dir) as store:
        assert query_store(store, VALUES, timeout=30) == limited == query_store(store, VALUES)
    assert limited.rows == run_query(graph, VALUES).rows  # the same plain values as rdflib's
    assert query_store(store_dir, "ASK { ?s ?p 42 }", {"p": f"<{EX}p0>"}, timeout=30).rows == [(True,)]
    with pytest.raises(QueryError, match="SPARQL error"):
        query_store(store_dir, "SELECT ?x WHERE { ?x", timeout=30)
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        query_store(store_dir, "CONSTRUCT WHERE { ?s ?p ?o }", timeout=30)


def test_a_limited_query_waits_for_no_running_build(store_dir):
    held = FileLock(store_dir / LOCK_FILE, "store")
    try:
        with pytest.raises(StoreLockedError, match="in use by another graphbuild run"):
            query_store(store_dir, COUNT, timeout=30)
    finally:
        held.release()


def test_a_limited_query_on_a_new_directory(tmp_path):
    """A path without a store is a mistake, never an empty store answering 0 rows (issue 16)."""
    from graphbuild.store import StoreError

    with pytest.raises(StoreError, match="no store at"):
        query_store(tmp_path / "new", COUNT, timeout=30)
    assert not (tmp_path / "new").exists()


# A remote endpoint


@pytest.fixture(scope="module")
def server(graph, tmp_path_factory):
    # Its own server: a stopped client leaves the server counting until it is stopped.
    srv = OxigraphServer(tmp_path_factory.mktemp("oxigraph-timeout"))
    rows = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)
    RemoteStore(srv.url).update(f"INSERT DATA {{ GRAPH <{EX}g> {{ {rows} }} }}")
    yield srv
    srv.stop()


def test_a_remote_query_answers_under_a_limit(server, graph):
    assert query_store(server.url, COUNT, timeout=30).rows == [(TRIPLES,)]
    remote, local = query_store(server.url, VALUES, timeout=30).rows, run_query(graph, VALUES).rows
    assert remote[:-1] == local[:-1] and remote[-1][2].startswith("_:")  # the server names blank nodes afresh


def test_a_streaming_remote_query_is_stopped(server):
    assert stopped(lambda: query_store(server.url, SELECT_PRODUCT, timeout=LIMIT)) < STOPPED_WITHIN


def test_a_silent_remote_query_is_stopped(server):
    # Last in the module: the server goes on counting after the client has given up.
    assert stopped(lambda: query_store(server.url, COUNT_PRODUCT, timeout=LIMIT)) < STOPPED_WITHIN


# The command line


def test_cli_stops_a_query_with_one_line_and_no_result(graph_file, store_dir):
    for target in (["--graph", str(graph_file)], ["--store", str(store_dir)]):
        run = CliRunner().invoke(cli, ["query", COUNT_PRODUCT, *target, "--timeout", str(LIMIT), "--format", "csv"])
        assert run.exit_code == 1, run.output
        assert run.stdout == ""
        assert run.stderr.strip() == (f"Error: query stopped after {LIMIT} s: it ran past the time limit; narrow the "
                                      "query or raise --timeout (timeout= in Python, 0 = no limit)")


def test_cli_limit_default_and_no_limit(graph_file):
    default = {p.name: p.default for p in cli.commands["query"].params}["timeout"]
    assert default == DEFAULT_TIMEOUT == 60
    for limit in ("0", "30"):
        run = CliRunner().invoke(cli, ["query", COUNT, "--graph", str(graph_file), "--timeout", limit, "--format", "csv"])
        assert run.exit_code == 0 and run.stdout == f"n\n{TRIPLES}\n", run.output
    run = CliRunner().invoke(cli, ["query", COUNT, "--graph", str(graph_file), "--timeout", "-1"])
    assert run.exit_code == 2 and "--timeout" in run.output


# -- memory: a store query child gets a ceiling (issue 16) ---------------------------------------

ORDERED_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
MEMORY = 256  # MB


@pytest.mark.parametrize("timeout", [60, None])
def test_a_store_query_past_its_memory_limit_is_stopped_with_one_line(store_dir, timeout):
    """ORDER BY over a cartesian product keeps every solution: 12.7 GB in 60 s without a ceiling."""
    start = time.monotonic()
    with pytest.raises(QueryError, match=f"^query stopped: it needed more than {MEMORY} MB of memory"):
        query_store(store_dir, ORDERED_PRODUCT, timeout=timeout, max_memory=MEMORY)
    assert time.monotonic() - start < STOPPED_WITHIN
    with open_store(store_dir) as store:  # the lock is free and the store still answers
        assert query_store(store, COUNT, max_memory=MEMORY).rows == [(TRIPLES,)]
    assert query_store(store_dir, VALUES, timeout=30, max_memory=MEMORY) == query_store(store_dir, VALUES)


def test_the_memory_limit_through_the_command_line(store_dir):
    result = CliRunner().invoke(cli, ["query", ORDERED_PRODUCT, "--store", str(store_dir), "--max-memory",
                                      str(MEMORY)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: query stopped: it needed more than {MEMORY} MB of memory; narrow the query or raise --max-memory "
        "(max_memory= in Python, 0 = no limit)"]
