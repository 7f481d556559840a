"""Crashes and concurrency lose nothing: SIGKILL mid-build, Ctrl-C, and two runs on one store.

Each run is a real child process; the parent waits for the child's first
commit (a line it prints from ``on_commit``) before signalling it, so the
signal always lands mid-run.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

import graphbuild as gb
from graphbuild.cli import cli
from graphbuild.store import open_store
from graphbuild.store.ledger import is_dirty, read_index, read_statements
from store_samples import CODEBOOK, TINY, quads_of, write_corpus

N_DOCS = 60
# The child pauses after each commit so that the rest of its run outlasts
# the parent's signal even on a busy machine (the whole build of these short
# documents takes about a second).
# It also takes Ctrl-C as a terminal would deliver it: a test run started in
# the background by a non-interactive shell (`cmd &`) inherits SIGINT ignored.
CHILD = textwrap.dedent("""
    import signal
    import sys
    import time
    import graphbuild as gb

    signal.signal(signal.SIGINT, signal.default_int_handler)
    corpus, out, store, codebook = sys.argv[1:5]
    def tick(report):
        print("committed", report.added, flush=True)
        time.sleep(0.2)
    try:
        gb.build([corpus], out, codebook=codebook, store=store, batch_size=2, on_commit=tick, map_file=False)
        print("finished", flush=True)
    except gb.BuildInterrupted as stop:
        print("interrupted", stop.result.store.added, stop.result.store.documents, flush=True)
        sys.exit(130)
""")


@pytest.fixture
def corpus(tmp_path):
    texts = {f"x{n:02d}": f"Report {n}.\n" + list(TINY.values())[n % len(TINY)] for n in range(N_DOCS)}
    return write_corpus(tmp_path / "corpus.jsonl", texts)


def start_build(tmp_path, corpus) -> subprocess.Popen:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    return subprocess.Popen([sys.executable, str(script), str(corpus), str(tmp_path / "out"), str(tmp_path / "store"),
                             str(CODEBOOK)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_commit(proc: subprocess.Popen) -> None:
    line = proc.stdout.readline()
    assert line.startswith("committed"), (line, proc.stderr.read() if proc.poll() is not None else "")


def test_sigkill_mid_build_keeps_every_commit_and_a_rerun_finishes(tmp_path, corpus):
    proc = start_build(tmp_path, corpus)
    wait_for_commit(proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    with open_store(tmp_path / "store") as store:  # opens: the kill left no lock and no damage
        index = read_index(store)
        assert 2 <= len(index) < N_DOCS
        assert [d for d, _ in read_statements(store)] == sorted(index)  # committed in input order
        for doc_id in index:
            assert bool(store.query(f"ASK {{ GRAPH <https://w3id.org/graphbuild/id/doc/{doc_id}> "
                                    "{ ?d a <https://w3id.org/graphbuild/ontology#Document> } }", union=False))
        assert is_dirty(store), "the shared graph was not rebuilt before the kill"
    committed = len(index)

    rerun = gb.build([corpus], tmp_path / "out", codebook=CODEBOOK, store=tmp_path / "store", map_file=False)
    assert (rerun.store.unchanged, rerun.store.added, rerun.store.documents) == (committed, N_DOCS - committed, N_DOCS)
    gb.build([corpus], tmp_path / "ref", codebook=CODEBOOK, map_file=False)
    assert (tmp_path / "out" / "statements.jsonl").read_bytes() == (tmp_path / "ref" / "statements.jsonl").read_bytes()
    assert quads_of(tmp_path / "out" / "graph.ttl") == quads_of(tmp_path / "ref" / "graph.ttl")


def test_ctrl_c_commits_what_is_finished_and_says_so(tmp_path, corpus):
    proc = start_build(tmp_path, corpus)
    wait_for_commit(proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    word, added, documents = out.strip().splitlines()[-1].split()
    assert word == "interrupted" and 2 <= int(added) == int(documents) < N_DOCS
    assert "Traceback" not in err
    with open_store(tmp_path / "store") as store:
        assert len(read_index(store)) == int(documents)
        assert not is_dirty(store), "the shared graph is brought up to date before stopping"


def test_a_second_build_on_a_held_store_fails_clearly_and_changes_nothing(tmp_path, corpus):
    small = write_corpus(tmp_path / "small.jsonl", TINY)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from graphbuild.store import open_store
        store = open_store({str(tmp_path / 'store')!r})
        print("ready", flush=True)
        time.sleep(120)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        run = CliRunner().invoke(cli, ["build", str(small), "-c", str(CODEBOOK), "--store", str(tmp_path / "store"),
                                       "--out", str(tmp_path / "out"), "--no-map"])
        assert run.exit_code == 1
        assert f"in use by another graphbuild run (pid {holder.pid}" in run.output
        assert "Traceback" not in run.output and not (tmp_path / "out" / "statements.jsonl").exists()
    finally:
        os.kill(holder.pid, signal.SIGKILL)  # a holder that dies leaves no stale lock
        holder.wait(timeout=30)
    run = CliRunner().invoke(cli, ["build", str(small), "-c", str(CODEBOOK), "--store", str(tmp_path / "store"),
                                   "--out", str(tmp_path / "out"), "--no-map"])
    assert run.exit_code == 0, run.output
    assert "4 added" in run.output
