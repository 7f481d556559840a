"""Regenerate the extraction snapshots that tests/test_snapshots.py compares with.

Run it from the repository root after changing extraction on purpose, read
the diff (``git diff tests/snapshots``) and commit it with the change::

    .venv/bin/python tests/regenerate_snapshots.py          # write tests/snapshots/
    .venv/bin/python tests/regenerate_snapshots.py --check  # only say what differs

The guns snapshot needs ../shared (the evaluation data beside the repo); it
is left as it is when ../shared is absent.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from graphbuild.cli import cli

REPO = Path(__file__).resolve().parents[1]
SNAPSHOTS = REPO / "tests" / "snapshots"
SEEDS = REPO / "seeds"
GUNS = REPO.parent / "shared" / "eval" / "guns"

# snapshot file -> the graphbuild command whose stdout it holds
EXTRACTS = {
    "seeds.extract.jsonl": ["extract", str(SEEDS), "--codebook", str(SEEDS / "codebook.yaml")],
    "guns.extract.jsonl": ["extract", str(GUNS / "corpus.jsonl"), "--codebook", str(GUNS / "codebook.yaml")],
}
# snapshot file of `graphbuild build seeds/ --out DIR`'s DIR/statements.jsonl
BUILD = "seeds.build.statements.jsonl"


def run(args: list[str]) -> bytes:
    """What ``graphbuild ARGS`` prints on stdout (an error if it fails)."""
    result = CliRunner().invoke(cli, args)
    if result.exit_code != 0:
        raise RuntimeError(f"graphbuild {' '.join(args)} failed ({result.exit_code}): {result.output}")
    return result.stdout_bytes


def build_statements() -> bytes:
    """The statements.jsonl of ``graphbuild build seeds/``."""
    with tempfile.TemporaryDirectory() as out:
        run(["build", str(SEEDS), "--out", out, "--no-map"])
        return (Path(out) / "statements.jsonl").read_bytes()


def current() -> dict[str, bytes]:
    """Every snapshot as the code makes it now (guns only when ../shared is there)."""
    made = {name: run(args) for name, args in EXTRACTS.items() if name != "guns.extract.jsonl" or GUNS.is_dir()}
    made[BUILD] = build_statements()
    return made


def main(argv: list[str]) -> int:
    check = "--check" in argv
    differ = []
    for name, data in current().items():
        path = SNAPSHOTS / name
        if path.is_file() and path.read_bytes() == data:
            print(f"unchanged {path.relative_to(REPO)}")
            continue
        differ.append(name)
        if not check:
            path.write_bytes(data)
        lines = data.count(b"\n")
        print(f"{'differs' if check else 'wrote'} {path.relative_to(REPO)} ({lines} statements)")
    return 1 if check and differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
