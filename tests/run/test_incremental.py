"""Incremental builds into a store: unchanged documents are skipped, changed ones
replaced, removed ones gone, and the outputs always equal a fresh in-memory build
of what the store holds."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import graphbuild as gb
from graphbuild.cli import cli
from graphbuild.store import open_store
from graphbuild.store.ledger import is_dirty, read_index
from store_samples import CODEBOOK, TINY, quads_of, write_corpus


def fresh(corpus, out) -> tuple[bytes, set[str]]:
    """statements.jsonl bytes and graph triples of an in-memory build (the reference)."""
    gb.build([corpus], out, codebook=CODEBOOK, map_file=False)
    return (out / "statements.jsonl").read_bytes(), quads_of(out / "graph.ttl")


def outputs(out) -> tuple[bytes, set[str]]:
    return (out / "statements.jsonl").read_bytes(), quads_of(out / "graph.ttl")


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """TINY built into a store once; tests copy nothing and only read it."""
    tmp = tmp_path_factory.mktemp("incremental")
    corpus = write_corpus(tmp / "tiny.jsonl", TINY)
    result = gb.build([corpus], tmp / "out", codebook=CODEBOOK, store=tmp / "store")
    return tmp, corpus, result


def test_a_store_build_writes_what_an_in_memory_build_writes(first, tmp_path):
    tmp, corpus, result = first
    assert (result.store.added, result.store.unchanged, result.store.documents) == (4, 0, 4)
    assert result.statement_count > 0 and result.graph is None and result.documents == []
    assert outputs(tmp / "out") == fresh(corpus, tmp_path / "ref")
    assert (tmp / "out" / "map.html").is_file()
    with open_store(tmp / "store") as store:
        assert not is_dirty(store)


def test_the_map_from_the_store_equals_the_map_of_an_in_memory_build(first, tmp_path):
    # The store renders the map from the shared graph and the documents that
    # hold statements only (t4 holds none); the page must not change for it.
    tmp, corpus, _ = first
    gb.build([corpus], tmp_path / "ref", codebook=CODEBOOK)
    assert (tmp / "out" / "map.html").read_bytes() == (tmp_path / "ref" / "map.html").read_bytes()


def test_an_unchanged_corpus_is_skipped_and_outputs_left_alone(first):
    tmp, corpus, _ = first
    stamps = {p.name: p.stat().st_mtime_ns for p in (tmp / "out").iterdir()}
    read = []
    again = gb.build([corpus], tmp / "out", codebook=CODEBOOK, store=tmp / "store",
                     progress=lambda docs: read.append(1) or docs)
    assert (again.store.added, again.store.replaced, again.store.unchanged) == (0, 0, 4)
    assert read == [], "a file read completely before, unchanged since, is not read again"
    assert {p.name: p.stat().st_mtime_ns for p in (tmp / "out").iterdir()} == stamps
    assert again.summary() == first[2].summary()


def test_new_and_changed_documents_only_are_extracted(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", TINY)
    gb.build([corpus], tmp_path / "out", codebook=CODEBOOK, store=tmp_path / "store", map_file=False)
    changed = dict(TINY, t3=TINY["t3"].replace("Oleg Magaletsky", "Anna Petrova"),
                   t5='"Russia should be broken up," said Vera Lind.\n')
    corpus = write_corpus(tmp_path / "c.jsonl", changed)
    result = gb.build([corpus], tmp_path / "out", codebook=CODEBOOK, store=tmp_path / "store", map_file=False)
    assert (result.store.added, result.store.replaced, result.store.unchanged) == (1, 1, 3)
    assert outputs(tmp_path / "out") == fresh(corpus, tmp_path / "ref")
    text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "Anna Petrova" in text and "Magaletsky" not in text
    with open_store(tmp_path / "store") as store:
        index = read_index(store)
    # A replaced document keeps its place in the order; a new one goes last.
    assert sorted(index, key=lambda i: index[i].sequence) == ["t1", "t2", "t3", "t4", "t5"]


def test_documents_missing_from_a_later_input_stay(tmp_path):
    gb.build([write_corpus(tmp_path / "a.jsonl", TINY)], tmp_path / "out", codebook=CODEBOOK,
             store=tmp_path / "store", map_file=False)
    result = gb.build([write_corpus(tmp_path / "b.jsonl", {"t9": TINY["t1"].replace("Bugajski", "Bugajsky")})],
                      tmp_path / "out", codebook=CODEBOOK, store=tmp_path / "store", map_file=False)
    assert (result.store.added, result.store.documents) == (1, 5)


def test_a_new_codebook_means_extracting_again(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", TINY)
    gb.build([corpus], tmp_path / "out", codebook=CODEBOOK, store=tmp_path / "store", map_file=False)
    book = gb.load_codebook(CODEBOOK)
    smaller = gb.Codebook(book.claims[:1], name=book.name)
    result = gb.build([corpus], tmp_path / "out", codebook=smaller, store=tmp_path / "store", map_file=False)
    assert (result.store.replaced, result.store.unchanged) == (4, 0)
    claims = {json.loads(line)["claim"] for line in (tmp_path / "out" / "statements.jsonl").read_text().splitlines()}
    assert claims <= {book.claims[0].id}


def test_remove_through_the_cli_rewrites_the_outputs(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", TINY)
    gb.build([corpus], tmp_path / "out", codebook=CODEBOOK, store=tmp_path / "store", map_file=False)
    run = CliRunner().invoke(cli, ["remove", "t1", "t3", "--store", str(tmp_path / "store"), "--out",
                                   str(tmp_path / "out"), "--no-map"])
    assert run.exit_code == 0, run.output
    assert "2 removed; it holds 2 documents" in run.output
    rest = write_corpus(tmp_path / "rest.jsonl", {k: v for k, v in TINY.items() if k in ("t2", "t4")})
    assert outputs(tmp_path / "out") == fresh(rest, tmp_path / "ref")
    missing = CliRunner().invoke(cli, ["remove", "t1", "--store", str(tmp_path / "store")])
    assert missing.exit_code == 1
    assert "no document 't1' in the store" in missing.output


def test_cli_build_with_store_limit_and_store_queries(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", TINY)
    store, out = str(tmp_path / "store"), str(tmp_path / "out")
    run = CliRunner().invoke(cli, ["build", str(corpus), "-c", str(CODEBOOK), "--store", store, "--out", out,
                                   "--limit", "2", "--no-map"])
    assert run.exit_code == 0, run.output
    assert "2 added, 0 replaced, 0 unchanged" in run.output and "it holds 2 documents" in run.output
    on_file = CliRunner().invoke(cli, ["query", "--file", "who-supports", "-p", "claimId=russia-dissolution",
                                       "--graph", f"{out}/graph.ttl", "--format", "json"])
    on_store = CliRunner().invoke(cli, ["query", "--file", "who-supports", "-p", "claimId=russia-dissolution",
                                        "--store", store, "--format", "json"])
    assert on_store.exit_code == 0, on_store.output
    assert json.loads(on_store.output) == json.loads(on_file.output) != []
    both = CliRunner().invoke(cli, ["query", "ASK {}", "--store", store, "--graph", f"{out}/graph.ttl"])
    assert both.exit_code == 2 and "either --graph FILE or --store" in both.output


def test_the_progress_bar_knows_how_many_documents_are_coming(tmp_path, seeds_dir):
    from graphbuild.text.ingest import count_documents

    corpus = write_corpus(tmp_path / "c.jsonl", TINY)
    with open(corpus, "a", encoding="utf-8") as f:
        f.write("\n\n")  # blank lines are not documents
    assert count_documents([corpus, seeds_dir]) == len(TINY) + len(list(seeds_dir.glob("*.txt")))
    assert count_documents([corpus, seeds_dir], limit=3) == 3
    assert count_documents([tmp_path / "missing.jsonl"]) is None
