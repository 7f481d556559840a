"""A remote store: build, query, remove and lock through a real Oxigraph server over SPARQL 1.1."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import graphbuild as gb
from graphbuild.cli import cli
from graphbuild.store import StoreError, StoreLockedError, open_store
from graphbuild.store.lock import LeaseLock
from graphbuild.store.remote import RemoteStore
from store_samples import CODEBOOK, TINY, OxigraphServer, free_port, quads_of, write_corpus


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = OxigraphServer(tmp_path_factory.mktemp("oxigraph-data"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def built(server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("remote")
    corpus = write_corpus(tmp / "c.jsonl", TINY)
    run = CliRunner().invoke(cli, ["build", str(corpus), "-c", str(CODEBOOK), "--store", server.url,
                                   "--out", str(tmp / "out"), "--no-map"])
    assert run.exit_code == 0, run.output
    return tmp, corpus, run


def test_a_remote_build_equals_a_local_one(built):
    tmp, corpus, run = built
    assert "4 added" in run.output
    gb.build([corpus], tmp / "local", codebook=CODEBOOK, store=tmp / "local-store", map_file=False)
    assert (tmp / "out" / "statements.jsonl").read_bytes() == (tmp / "local" / "statements.jsonl").read_bytes()
    assert quads_of(tmp / "out" / "graph.ttl") == quads_of(tmp / "local" / "graph.ttl")
    for built_from in ("out", "local"):  # the files themselves, not as Oxigraph reads them back (issue 16)
        result = gb.validate_file(tmp / built_from / "graph.ttl")
        assert result.conforms, (built_from, result.report[:2000])


def test_queries_run_on_the_server_with_bound_parameters(built, server):
    tmp, _, _ = built
    args = ["query", "--file", "who-supports", "-p", "claimId=russia-dissolution", "--format", "json"]
    remote = CliRunner().invoke(cli, [*args, "--store", server.url])
    local = CliRunner().invoke(cli, [*args, "--graph", str(tmp / "out" / "graph.ttl")])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output) != []
    hostile = CliRunner().invoke(cli, ["query", "--file", "who-supports", "-p", 'claimId=x" } } ; CLEAR ALL ; #',
                                       "--store", server.url])
    assert hostile.exit_code == 0 and "(0 rows)" in hostile.output
    assert gb.query_store(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?d a gb:Document }").rows == [(4,)]


def test_incremental_and_remove_through_the_server(built, server):
    tmp, corpus, _ = built
    again = gb.build([corpus], tmp / "out", codebook=CODEBOOK, store=server.url, map_file=False)
    assert (again.store.added, again.store.unchanged) == (0, 4)
    removed = gb.remove_documents(["t1"], server.url, tmp / "out", map_file=False)
    assert removed.store.removed == 1 and removed.store.documents == 3
    assert "t1" not in {json.loads(x)["doc_id"] for x in (tmp / "out" / "statements.jsonl").read_text().splitlines()}
    back = gb.build([corpus], tmp / "out", codebook=CODEBOOK, store=server.url, map_file=False)
    assert (back.store.added, back.store.unchanged) == (1, 3)


def test_a_held_lease_stops_a_second_build(built, server):
    tmp, corpus, _ = built
    holder = LeaseLock(RemoteStore(server.url), "store", ttl=60)
    try:
        with pytest.raises(StoreLockedError, match="in use by another graphbuild run"):
            gb.build([corpus], tmp / "out", codebook=CODEBOOK, store=server.url, map_file=False)
    finally:
        holder.release()
    assert gb.build([corpus], tmp / "out", codebook=CODEBOOK, store=server.url, map_file=False).store.unchanged == 4


def test_an_expired_lease_is_taken_over(server):
    stale = LeaseLock(RemoteStore(server.url), "store", ttl=-1)  # as if its run had been killed long ago
    fresh = LeaseLock(RemoteStore(server.url), "store", ttl=60)
    assert fresh.held
    stale.release()  # releasing someone else's lease removes nothing
    with pytest.raises(StoreLockedError):
        LeaseLock(RemoteStore(server.url), "store", ttl=60)
    fresh.release()


def test_an_unreachable_endpoint_is_one_clear_error(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        gb.query_store(url, "ASK {}")
    run = CliRunner().invoke(cli, ["query", "ASK {}", "--store", url])
    assert run.exit_code == 1 and "cannot reach" in run.output and "Traceback" not in run.output
    assert isinstance(open_store(url), RemoteStore)


@pytest.mark.parametrize("url", ["http://[::1/query", "http://127.0.0.1:99999/query", "http://:80/query"])
def test_a_malformed_endpoint_url_is_one_line(tmp_path, url):
    with pytest.raises(StoreError, match="not a valid endpoint URL"):
        open_store(url)
    for args in (["query", "ASK {}", "--store", url], ["remove", "x", "--store", url],
                 ["build", str(write_corpus(tmp_path / "c.jsonl", TINY)), "-c", str(CODEBOOK), "--store", url,
                  "--out", str(tmp_path / "out"), "--no-map"]):
        run = CliRunner().invoke(cli, args)
        assert run.exit_code == 1 and "Traceback" not in run.output, run.output
        assert run.stderr.splitlines() == [f"Error: {url}: not a valid endpoint URL" + run.stderr.split(
            "not a valid endpoint URL", 1)[1].rstrip("\n")], run.stderr


def test_a_password_in_the_url_is_sent_as_basic_auth_and_never_shown(server, tmp_path):
    """user:password@ goes into an Authorization header; every line graphbuild prints names the
    endpoint as user:***@host, whether it answers or not."""
    host = server.url.split("//", 1)[1]
    with_secret = f"http://ann:s3cret-pw@{host}"
    corpus = write_corpus(tmp_path / "c.jsonl", TINY)
    run = CliRunner().invoke(cli, ["build", str(corpus), "-c", str(CODEBOOK), "--store", with_secret,
                                   "--out", str(tmp_path / "out"), "--no-map"])
    assert run.exit_code == 0, run.output
    assert "s3cret" not in run.output and f"store http://ann:***@{host}: " in run.stdout
    store = open_store(with_secret)
    assert store.location == f"http://ann:***@{host}" and "s3cret" not in repr(store)
    assert store.query_url == server.url, "the credentials are not part of the URL sent"
    assert store.headers["Authorization"] == "Basic YW5uOnMzY3JldC1wdw=="
    gone = f"http://ann:s3cret-pw@127.0.0.1:{free_port()}/query"
    for args in (["query", "ASK {}", "--store", gone], ["remove", "x", "--store", gone]):
        run = CliRunner().invoke(cli, args)
        assert run.exit_code == 1 and "cannot reach" in run.stderr, run.output
        assert "s3cret" not in run.output and gone.split("@")[1].split("/")[0] in run.stderr
