"""What graphbuild's docstring examples may use (``pytest --doctest-modules``).

``SEEDS`` (the demo corpus, with ``SEEDS / "codebook.yaml"``); ``nlp``,
the full pipeline for the seeds' codebook, loaded on first use and kept for
the session; ``one_statement_store()``, a new store in a temporary folder
holding document "d" in which Ann Lee supports claim "tax";
``two_sided_debate()``, an analysis debate over one claim with two sides.
An example that writes files makes its own temporary folder.
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


def one_statement_store():
    """An open store in a new temporary folder: document "d", where Ann Lee supports claim "tax"."""
    import tempfile

    from graphbuild.models import Document, Statement
    from graphbuild.store import open_store
    from graphbuild.store.ledger import Pending, commit

    store = open_store(tempfile.mkdtemp())
    statement = Statement("d", "Ann Lee", "Person", "tax", "supports", "quote", "Yes", 0, 3, 0.9)
    commit(store, [Pending(Document("d", "Yes, we must."), [statement], "hash", 0)])
    return store


def two_sided_debate():
    """A :class:`~graphbuild.analysis.data.Debate` over claim "tax" (urn:c, "Taxes should rise"):
    Ann Lee (urn:a) supports it, an actor the debate does not name (urn:b) opposes it."""
    from graphbuild.analysis.data import ClaimInfo, Debate, StatementRecord
    from graphbuild.models import Actor

    return Debate(actors={"urn:a": Actor("Ann Lee")}, claims={"urn:c": ClaimInfo("urn:c", "Taxes should rise", "tax")},
                  statements=(StatementRecord("urn:a", "urn:c", "supports"),
                              StatementRecord("urn:b", "urn:c", "opposes")))


@pytest.fixture(scope="session", autouse=True)
def _doctest_names(doctest_namespace) -> None:
    doctest_namespace.update(SEEDS=SEEDS, nlp=_Pipeline(), one_statement_store=one_statement_store,
                             two_sided_debate=two_sided_debate)
