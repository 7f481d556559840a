"""The store's mechanics (graphbuild.store), on hand-made statements: no parsing needed.

Whatever is committed, replaced or removed, the store's graph must equal an
in-memory build_graph of the documents it holds — in particular the shared
actor nodes and gb:supports/gb:opposes shortcuts.
"""
from __future__ import annotations

import json

import pytest
from rdflib import Literal
from store_samples import quads_of

import graphbuild as gb
from graphbuild.models import Claim, Codebook, Document, Statement
from graphbuild.rdf.build import build_graph
from graphbuild.rdf.iri import actor_iri, claim_iri, document_iri
from graphbuild.rdf.namespace import GB
from graphbuild.rdf.query import QUERIES, bind_values
from graphbuild.run.outputs import export_graph, write_store_statements
from graphbuild.store import StoreError, StoreLockedError, open_store, query_store
from graphbuild.store.base import INDEX_GRAPH, SHARED_GRAPH
from graphbuild.store.ledger import (Pending, commit, content_hash, is_dirty, read_index, read_statements, remove,
                                     store_codebook, stored_codebook)
from graphbuild.store.shared import refresh_shared

BOOK = Codebook((Claim("c1", "Taxes should rise"), Claim("c2", "Trade is good", kind="descriptive")), name="test")


def stmt(doc, actor, claim, stance, start=0, **kw) -> Statement:
    text = kw.pop("evidence", f"{actor} on {claim}")
    return Statement(doc, actor, kw.pop("actor_type", "Person"), claim, stance, kw.pop("attribution", "quote"),
                     text, start, start + len(text), kw.pop("confidence", 0.8), **kw)


DOCS = {
    "d1": (Document("d1", "one", title="One", authors=("Ann Lee",), date="2024-01-02"),
           [stmt("d1", "Ann Lee", "c1", "supports"), stmt("d1", "Acme Corp", "c2", "opposes", 5,
                                                         actor_type="Organization")]),
    "d2": (Document("d2", "two", url="https://example.org/?a=1&b=<2>"),
           [stmt("d2", "Dr. Ann Lee", "c1", "opposes", cue="said"), stmt("d2", "Ann Lee", "c9", "supports", 9),
            stmt("d2", "Bo Chan", "c1", "supports", 20, actor_role="a senator", actor_affiliation="Senate")]),
    "d3": (Document("d3", "three"), []),
}


def fill(store, ids, *, seq0=0):
    batch = [Pending(DOCS[i][0], DOCS[i][1], content_hash(DOCS[i][0], "f"), seq0 + n) for n, i in enumerate(ids)]
    commit(store, batch)
    store_codebook(store, BOOK)
    refresh_shared(store, BOOK)


def expected(ids) -> set[str]:
    docs = [DOCS[i][0] for i in ids]
    return quads_of(build_graph(docs, [s for i in ids for s in DOCS[i][1]], BOOK))


def exported(store, tmp_path) -> set[str]:
    return quads_of(export_graph(store, tmp_path / "graph.ttl"))


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store") as s:
        yield s


def test_store_graph_equals_an_in_memory_build(store, tmp_path):
    fill(store, ["d1", "d2", "d3"])
    assert exported(store, tmp_path) == expected(["d1", "d2", "d3"])
    assert not is_dirty(store)


def test_each_document_has_its_own_named_graph(store):
    fill(store, ["d1", "d2"])
    graphs = {g.value for g in store.store.named_graphs()}
    assert graphs == {str(document_iri("d1")), str(document_iri("d2")), INDEX_GRAPH.value, SHARED_GRAPH.value}
    in_d1 = list(store.query(f"SELECT ?s WHERE {{ GRAPH <{document_iri('d1')}> {{ ?s a <{GB.Statement}> }} }}",
                             union=False))
    assert len(in_d1) == 2
    # No actor node or shortcut lives in a document's graph: those are shared.
    ask = f"ASK {{ GRAPH <{document_iri('d1')}> {{ ?a <{GB.supports}> ?c }} }}"
    assert not bool(store.query(ask, union=False))


def test_export_leaves_out_the_bookkeeping(store, tmp_path):
    fill(store, ["d1"])
    text = export_graph(store, tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "graphbuild/store#" not in text and "graph/index" not in text


def test_removing_a_document_recomputes_actors_and_shortcuts(store, tmp_path):
    fill(store, ["d1", "d2", "d3"])
    ann, c1 = actor_iri("Ann Lee"), claim_iri("c1")
    assert f"<{ann}> <{GB.opposes}> <{c1}>" in exported(store, tmp_path)
    removed, unknown = remove(store, ["d2", "nope"])
    assert (removed, unknown) == (["d2"], ["nope"])
    assert is_dirty(store)
    refresh_shared(store, stored_codebook(store))
    after = exported(store, tmp_path)
    assert after == expected(["d1", "d3"])
    # d2 alone said Ann Lee opposes c1, named Bo Chan and used claim c9.
    assert f"<{ann}> <{GB.opposes}> <{c1}>" not in after
    assert f"<{ann}> <{GB.supports}> <{c1}>" in after
    assert not any(str(actor_iri("Bo Chan")) in q for q in after)
    assert not any(str(claim_iri("c9")) in q for q in after)


def test_replacing_a_document_drops_its_old_statements(store, tmp_path):
    fill(store, ["d1", "d2"])
    new = [stmt("d2", "Cy Dee", "c2", "supports", 3)]
    commit(store, [Pending(DOCS["d2"][0], new, "h2", 1)])
    refresh_shared(store, BOOK)
    want = quads_of(build_graph([DOCS["d1"][0], DOCS["d2"][0]], DOCS["d1"][1] + new, BOOK))
    assert exported(store, tmp_path) == want
    assert read_index(store)["d2"].hash == "h2" and len(read_index(store)) == 2


def test_statements_come_back_in_build_order_with_every_field(store, tmp_path):
    fill(store, ["d2", "d1"])
    back = list(read_statements(store))
    assert [d for d, _ in back] == ["d2", "d1"]
    assert back[0][1] == DOCS["d2"][1] and back[0][1][2].actor_affiliation == "Senate"
    contents = write_store_statements(store, tmp_path / "statements.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == [s.to_json() for s in DOCS["d2"][1] + DOCS["d1"][1]]
    assert (contents.documents, contents.statements) == (2, 5)
    assert contents.counts[("Ann Lee", "c1", "supports")] == 1


def test_the_codebook_is_kept_for_later_removals(store):
    assert stored_codebook(store) is None
    assert store_codebook(store, BOOK) is True
    assert store_codebook(store, BOOK) is False  # unchanged: nothing written
    assert stored_codebook(store) == BOOK


def test_content_hash_follows_text_metadata_and_codebook():
    d = Document("a", "text", title="T")
    assert content_hash(d, "f") != content_hash(Document("a", "text!", title="T"), "f")
    assert content_hash(d, "f") != content_hash(Document("a", "text", title="U"), "f")
    assert content_hash(d, "f") != content_hash(d, "g")


def test_query_store_binds_parameters_as_terms(store):
    fill(store, ["d1", "d2"])
    rows = query_store(store, gb.load_query("who-supports"), {"claimId": "c1"}).rows
    assert sorted(r[1] for r in rows) == ["Ann Lee", "Bo Chan"]
    assert all(isinstance(r[2], int) for r in rows)
    # A value that would end the query if pasted in is just a string that matches nothing.
    hostile = 'c1" } } ; DROP ALL ; SELECT * { ?s ?p ?o #'
    assert query_store(store, gb.load_query("who-supports"), {"claimId": hostile}).rows == []
    assert query_store(store, "ASK { ?s a gb:Statement }").rows == [(True,)]
    with pytest.raises(gb.QueryError):
        query_store(store, "SELECT ?x WHERE { ?x ?p ?o }", {"x y": "1"})
    with pytest.raises(gb.QueryError, match="SPARQL"):
        query_store(store, "SELECT WHERE {")


def test_bind_values_skips_braces_in_strings_iris_and_comments():
    q = 'PREFIX a: <http://x/> # { not here\nSELECT (STRLEN("{\\"{") AS ?n) ?m WHERE { ?s ?p "}{" . }'
    bound = bind_values(q, {"m": Literal("v")})
    assert bound.index("VALUES") > bound.index("WHERE {")
    assert bound.endswith('?s ?p "}{" . }')


def test_a_store_is_exclusive_while_open(tmp_path):
    with open_store(tmp_path / "s"):
        with pytest.raises(StoreLockedError, match=r"in use by another graphbuild run \(pid \d+"):
            open_store(tmp_path / "s")
    with open_store(tmp_path / "s") as again:  # released on close
        assert not bool(again.query("ASK { ?s ?p ?o }"))


def test_a_file_is_not_a_store(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="not a store directory"):
        open_store(tmp_path / "f")


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES.glob("*.rq")))
def test_every_bundled_query_answers_as_on_the_in_memory_graph(store, name):
    fill(store, ["d1", "d2", "d3"])
    params = {"claimId": "c1", "name": "Ann Lee"}
    text = gb.load_query(name)
    used = {k: v for k, v in params.items() if f"Parameter: ?{k}" in text}
    graph = build_graph([DOCS[i][0] for i in DOCS], [s for i in DOCS for s in DOCS[i][1]], BOOK)
    want = gb.run_query(graph, text, used)
    got = query_store(store, text, used)
    assert got.columns == want.columns
    assert sorted(got.rows, key=repr) == sorted(want.rows, key=repr) != []


@pytest.mark.parametrize("fmt, name", [("turtle", "graph.ttl"), ("nt", "graph.nt"), ("json-ld", "graph.jsonld")])
def test_the_exported_file_itself_validates(store, tmp_path, fmt, name):
    """Oxigraph stores every integer type as xsd:integer; the shapes want oa:start/oa:end as
    xsd:nonNegativeInteger. Comparing after loading both through Oxigraph hides that: the file
    written from the store is validated as a user would (issue 16 item 2)."""
    from rdflib import XSD

    from graphbuild.rdf.io import load_graph
    from graphbuild.rdf.namespace import OA
    from graphbuild.rdf.validate import validate_file, validate_graph

    fill(store, ["d1", "d2", "d3"])
    in_memory = build_graph([DOCS[i][0] for i in DOCS], [s for i in DOCS for s in DOCS[i][1]], BOOK)
    assert validate_graph(in_memory).conforms
    path = export_graph(store, tmp_path / name, fmt)
    result = validate_file(path)
    assert result.conforms, result.report
    types = {o.datatype for p in (OA.start, OA.end) for o in load_graph(path).objects(None, p)}
    assert types == {XSD.nonNegativeInteger}


# -- a path that is not a store, a damaged store, an unfinished one (issue 16 item 5) -----------

def _one_line_error(result, *needles):
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and all(n in lines[0] for n in needles), lines


def _cli(*args):
    from click.testing import CliRunner

    from graphbuild.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def test_query_and_remove_on_a_path_without_a_store_fail_and_create_nothing(tmp_path):
    missing = tmp_path / "stor"  # a typo for "store"
    for timeout in (None, 30):
        with pytest.raises(StoreError, match=f"no store at {missing}"):
            gb.query_store(missing, "SELECT * WHERE { ?s ?p ?o }", timeout=timeout)
    with pytest.raises(StoreError, match=f"no store at {missing}"):
        gb.remove_documents(["d1"], missing)
    _one_line_error(_cli("query", "SELECT * WHERE { ?s ?p ?o }", "--store", missing), f"no store at {missing}")
    _one_line_error(_cli("remove", "d1", "--store", missing), f"no store at {missing}")
    assert not missing.exists(), "nothing was created"
    (tmp_path / "empty").mkdir()
    _one_line_error(_cli("query", "SELECT * WHERE { ?s ?p ?o }", "--store", tmp_path / "empty"), "no store at")
    assert list((tmp_path / "empty").iterdir()) == []


@pytest.mark.parametrize("content", [{"notes.txt": b"my notes"}, {"000001.log": b"\x00\x01 not rocksdb"}])
def test_a_folder_that_is_not_a_store_is_refused_and_left_alone(tmp_path, content):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, data in content.items():
        (folder / name).write_bytes(data)
    with pytest.raises(StoreError, match="not a graphbuild store"):
        open_store(folder)
    (tmp_path / "a.txt").write_text("Senator Jane Doe said taxes should rise.", encoding="utf-8")
    book = tmp_path / "book.yaml"
    book.write_text("claims:\n  - id: c1\n    label: Taxes should rise\n", encoding="utf-8")
    _one_line_error(_cli("build", tmp_path / "a.txt", "-c", book, "--store", folder, "--out", tmp_path / "out"),
                    str(folder), "not a graphbuild store")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == content, "nothing added or changed"


def _damage(path, how):
    if how == "current":
        (path / "CURRENT").write_text("garbage\n")
    else:
        for f in list(path.glob("MANIFEST-*")) + list(path.glob("*.sst")):
            f.write_bytes(b"\x13" * 100)


@pytest.mark.parametrize("how", ["current", "manifest"])
def test_a_damaged_store_is_one_line_everywhere(tmp_path, how):
    path = tmp_path / "store"
    with open_store(path) as s:
        fill(s, ["d1", "d2"])
    _damage(path, how)
    with pytest.raises(StoreError, match=f"store {path}: .*damaged"):
        open_store(path)
    for timeout in ("0", "30"):
        _one_line_error(_cli("query", "SELECT * WHERE { ?s ?p ?o }", "--store", path, "--timeout", timeout),
                        f"store {path}", "damaged")
    _one_line_error(_cli("remove", "d1", "--store", path), f"store {path}", "damaged")
    (tmp_path / "a.txt").write_text("Senator Jane Doe said taxes should rise.", encoding="utf-8")
    book = tmp_path / "book.yaml"
    book.write_text("claims:\n  - id: c1\n    label: Taxes should rise\n", encoding="utf-8")
    _one_line_error(_cli("build", tmp_path / "a.txt", "-c", book, "--store", path, "--out", tmp_path / "out"),
                    f"store {path}", "damaged")


def test_a_query_on_an_unfinished_store_says_so(tmp_path):
    """A build stopped between a commit and the shared graph's refresh: the statements are there,
    the actors and shortcuts are not, so who-supports answers nothing. Say it, and how to finish."""
    path = tmp_path / "store"
    with open_store(path) as s:
        fill(s, ["d1"])
        commit(s, [Pending(DOCS["d2"][0], DOCS["d2"][1], content_hash(DOCS["d2"][0], "f"), 1)])
        assert is_dirty(s)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a gb:Statement }"
    for timeout in (None, 30):
        with pytest.warns(UserWarning, match=f"store {path} is incomplete.*run the build again"):
            assert gb.query_store(path, query, timeout=timeout).rows == [(5,)]
    with open_store(path) as s:
        with pytest.warns(UserWarning, match="is incomplete"):
            gb.query_store(s, query)
    result = _cli("query", query, "--store", path)
    assert result.exit_code == 0 and result.stderr.startswith(f"Warning: store {path} is incomplete")
    # graphbuild actors asks three queries: one warning line, not a Python warning's two lines each
    listed = _cli("actors", "--store", path)
    assert listed.exit_code == 0 and listed.stderr.splitlines() == [result.stderr.splitlines()[0]], listed.stderr
    with open_store(path) as s:
        refresh_shared(s, BOOK)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gb.query_store(path, query, timeout=30).rows == [(5,)]
