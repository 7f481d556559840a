"""The learned stance model as shipped: real weights, real embeddings, real sentences."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graphbuild.nlp import stance_model
from graphbuild.nlp.stance_features import POLARITY_FEATURES, RELEVANCE_FEATURES, ClaimPhrasings
from graphbuild.nlp.stance_model import StanceModel, StanceModelError, classify_stance, load_model

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "graphbuild" / "data" / "stance_model.json"

TARIFFS = ClaimPhrasings("Tariffs raise prices for American consumers and businesses",
                         ("tariffs are a tax on American consumers",), ("foreign countries pay the tariffs",))


def test_shipped_model_records_its_data_settings_and_scores():
    model = load_model()
    meta = model.metadata
    files = {row["file"] for row in meta["data"]}
    assert "data/ibm_claim_stance/train.jsonl" in files and "eval/trade/gold.jsonl" in files
    assert not any("test" in f for f in files)  # IBM test is never trained on
    assert meta["excluded_debate"] is None and len(meta["debates"]) == 6
    chosen = meta["cross_validation"]["chosen"]
    assert chosen["threshold"] == model.threshold and 0 < model.threshold < 1
    for key in ("ibm_cv_3way_accuracy", "lodo_stance_accuracy_gold", "lodo_macro_f1_sentences"):
        assert 0 < chosen[key] < 1


def test_classification_of_clear_pairs():
    results = classify_stance(
        ["Tariffs are a tax that American families pay at the checkout.",
         "It is foreign countries, not Americans, who pay the tariffs.",
         "The orchestra opened its season with Mahler's second symphony."],
        [TARIFFS] * 3)
    assert [r.stance for r in results] == ["supports", "opposes", "none"]
    for r in results:
        assert 0 <= r.confidence <= 1 and 0 <= r.relevance <= 1 and 0 <= r.support <= 1
    # confidence is the probability of the answer given
    assert results[0].confidence == pytest.approx(results[0].relevance * results[0].support, abs=1e-3)
    assert results[2].confidence == pytest.approx(1 - results[2].relevance, abs=1e-3)


def test_a_plain_string_claim_and_given_vectors():
    from graphbuild.nlp.embeddings import embed

    texts = ["Tariffs are a tax that American families pay at the checkout."]
    a = classify_stance(texts, [TARIFFS.label])
    b = classify_stance(texts, [ClaimPhrasings(TARIFFS.label)], text_vectors=embed(texts))
    assert a == b


def test_negation_turns_the_answer_round():
    # issue 11 item 5: a negated assertion and a negated noun deny the claim
    claim = "We should ban boxing"
    yes, no = classify_stance(["We should ban boxing.", "We should not ban boxing."], [claim, claim])
    assert (yes.stance, no.stance) == ("supports", "opposes")
    assert no.support < yes.support
    # A negating noun weakens the support the same words would give (it does not yet
    # turn it round: docs/stance.md, what the model does not learn).
    plan = "The senator should endorse the plan"
    endorsed, refused = classify_stance(["The senator endorsed the plan on Tuesday.",
                                         "Her refusal to endorse the plan angered its sponsors."], [plan, plan])
    assert refused.support < endorsed.support - 0.2


def _valid() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("breakage, fragment", [
    (lambda m: m.update(format="something-else/9"), "not a graphbuild-stance-model/1 file"),
    (lambda m: m.update(polarity_features=["x"]), "rebuild it"),
    (lambda m: m["relevance"].update(coef=[1.0]), "expected 6 weights"),
    (lambda m: m["polarity"].pop("intercept"), "malformed"),
])
def test_malformed_model_is_one_clear_line(breakage, fragment):
    model = _valid()
    breakage(model)
    with pytest.raises(StanceModelError) as err:
        StanceModel.from_json(model, "m.json")
    assert fragment in str(err.value) and "\n" not in str(err.value) and str(err.value).startswith("m.json")


def test_missing_model_file_is_one_clear_line(monkeypatch):
    monkeypatch.setattr(stance_model, "MODEL_FILE", "no_such_stance_model.json")
    load_model.cache_clear()
    try:
        with pytest.raises(StanceModelError) as err:
            load_model()
        assert "no_such_stance_model.json: missing" in str(err.value) and "\n" not in str(err.value)
    finally:
        load_model.cache_clear()


def test_feature_names_match_the_model():
    model = _valid()
    assert tuple(model["relevance_features"]) == RELEVANCE_FEATURES
    assert tuple(model["polarity_features"]) == POLARITY_FEATURES
    assert np.all(np.asarray(model["polarity"]["scale"]) > 0)


@pytest.mark.shared
@pytest.mark.slow
def test_training_script_rebuilds_the_shipped_file_byte_for_byte(shared_dir, tmp_path):
    out = tmp_path / "stance_model.json"
    run = subprocess.run([sys.executable, str(REPO / "training" / "train_stance.py"), "--shared", str(shared_dir),
                          "--out", str(out), "--quiet"], capture_output=True, text=True, timeout=3000)
    assert run.returncode == 0, run.stderr[-2000:]
    assert out.read_bytes() == SHIPPED.read_bytes(), "rebuild graphbuild/data/stance_model.json with training/train_stance.py"


def test_claim_phrasings_are_embedded_once_per_process(monkeypatch):
    from graphbuild.nlp import embeddings

    claim = ClaimPhrasings("Coal plants should be closed by 2030", ("close coal plants",), ("keep coal plants open",))
    classify_stance(["The city voted to shut its last coal plant."], [claim])
    embedded = []
    real = embeddings.embed
    monkeypatch.setattr(embeddings, "embed", lambda texts, **kw: embedded.extend(texts) or real(texts, **kw))
    classify_stance(["Miners protested the closures."], [claim])
    assert embedded == ["Miners protested the closures."]  # the text only, not the claim's phrasings again
