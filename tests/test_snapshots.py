"""Extraction output is byte-for-byte what tests/snapshots/ holds.

A refactoring must not change a single statement: ``graphbuild extract`` on
the seeds and on the guns debate, and ``graphbuild build seeds/``'s
``statements.jsonl``, are compared with files recorded before it.

When extraction changes on purpose, regenerate the snapshots, read the diff
and commit it with the change::

    .venv/bin/python tests/regenerate_snapshots.py
    git diff tests/snapshots

(``--check`` only lists what differs.) The guns snapshot needs ../shared and
is skipped without it.
"""
from __future__ import annotations

import difflib

import pytest

from regenerate_snapshots import BUILD, EXTRACTS, GUNS, SNAPSHOTS, run


def _same(name: str, got: bytes) -> None:
    want = (SNAPSHOTS / name).read_bytes()
    if got != want:
        diff = "\n".join(list(difflib.unified_diff(want.decode().splitlines(), got.decode().splitlines(),
                                                   f"snapshot {name}", "now", lineterm=""))[:40])
        pytest.fail(f"{name} changed; if on purpose, run tests/regenerate_snapshots.py\n{diff}")


@pytest.mark.slow
def test_seeds_extract_is_unchanged():
    _same("seeds.extract.jsonl", run(EXTRACTS["seeds.extract.jsonl"]))


@pytest.mark.slow
@pytest.mark.shared
def test_guns_extract_is_unchanged():
    if not GUNS.is_dir():
        pytest.skip("../shared/eval/guns is not beside this checkout (the evaluation data)")
    _same("guns.extract.jsonl", run(EXTRACTS["guns.extract.jsonl"]))


def test_seeds_build_statements_are_unchanged(seeds_build):
    _same(BUILD, (seeds_build.out_dir / "statements.jsonl").read_bytes())


def test_a_changed_statement_fails_with_a_diff(tmp_path):
    # The comparison must not pass two different outputs.
    want = (SNAPSHOTS / BUILD).read_bytes()
    changed = want.replace(b'"supports"', b'"opposes"', 1)
    assert changed != want
    with pytest.raises(pytest.fail.Exception, match="regenerate_snapshots"):
        _same(BUILD, changed)
