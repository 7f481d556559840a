"""Write the README's sample outputs from real runs of the commands they show.

Each sample in README.md is a fenced block right after a marker line

    <!-- sample: graphbuild build seeds/ --out out/ -->

This script runs the marker's command in a scratch folder (so paths read
``out/…``), with the seeds copied there, and puts its output in the block.
tests/test_readme.py checks that the README's samples are what the seeds
give; when extraction changes, run again:

    .venv/bin/python scripts/readme_samples.py
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
MARKER = re.compile(r"(<!-- sample: (graphbuild [^\n]*?) -->\n```[^\n]*\n)(.*?)(```)", re.S)


def sample_output(command: str) -> str:
    """What ``command`` (a ``graphbuild …`` line using ``seeds/`` and ``out/``) prints, as in a fresh checkout."""
    from click.testing import CliRunner

    from graphbuild.cli import cli

    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(REPO / "seeds", Path(tmp) / "seeds")
        os.chdir(tmp)
        try:
            result = CliRunner().invoke(cli, shlex.split(command)[1:], catch_exceptions=False)
        finally:
            os.chdir(here)
    if result.exit_code != 0:
        raise SystemExit(f"{command} failed (exit {result.exit_code}):\n{result.output}")
    return result.stdout


def samples(text: str) -> list[tuple[str, str]]:
    """(command, sample text) of every sample block in README text."""
    return [(m.group(2), m.group(3)) for m in MARKER.finditer(text)]


def main() -> None:
    text = README.read_text(encoding="utf-8")
    found = samples(text)
    if not found:
        sys.exit("README.md has no '<!-- sample: graphbuild … -->' block")
    for command, _ in found:
        output = sample_output(command)
        text = MARKER.sub(lambda m, c=command, o=output: m.group(1) + o + m.group(4) if m.group(2) == c
                          else m.group(0), text)
        print(f"README sample updated: {command}")
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
