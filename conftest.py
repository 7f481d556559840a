"""What graphbuild's docstring examples may use (``pytest --doctest-modules``).

``SEEDS`` (the demo corpus, with ``SEEDS / "codebook.yaml"``) and ``nlp``,
the full pipeline for the seeds' codebook, loaded on first use and kept for
the session. An example that writes files makes its own temporary folder.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent / "seeds"


class _Pipeline:
    """graphbuild's pipeline for the seeds' codebook, loaded when an example first calls it."""

    def __init__(self) -> None:
        self._nlp = None

    def __getattr__(self, name: str):
        return getattr(self.loaded, name)

    def __call__(self, text: str):
        return self.loaded(text)

    @property
    def loaded(self):
        if self._nlp is None:
            from graphbuild.codebook.codebook import load_codebook
            from graphbuild.nlp.pipeline import load_nlp

            self._nlp = load_nlp(load_codebook(SEEDS / "codebook.yaml"))
        return self._nlp


@pytest.fixture(scope="session", autouse=True)
def _doctest_names(doctest_namespace) -> None:
    doctest_namespace.update(SEEDS=SEEDS, nlp=_Pipeline())
