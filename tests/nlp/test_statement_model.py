"""The learned statement model: its file, its arithmetic, its decisions, its training."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graphbuild.nlp import bags as bg
from graphbuild.nlp import statement_model as sm
from graphbuild.nlp.embeddings import embed
from graphbuild.models import Actor
from graphbuild.nlp.extensions import AttributionSpan, ClaimEvidence

REPO = Path(__file__).resolve().parents[2]


def test_a_logistic_is_a_standardised_sigmoid_and_survives_json():
    lg = sm.Logistic(("a", "b"), (1.0, 0.0), (2.0, 1.0), (2.0, -1.0), 0.5)
    p = lg.probability([{"a": 3.0, "b": 1.0}, {"a": 1.0, "b": 0.0}])
    # z = ((3-1)/2)*2 + (1/1)*-1 + 0.5 = 1.5 ; z = 0.5
    assert np.allclose(p, [1 / (1 + np.exp(-1.5)), 1 / (1 + np.exp(-0.5))])
    assert sm.Logistic.from_json(json.loads(json.dumps(lg.to_json()))) == lg
    assert lg.probability([]).shape == (0,)


def test_the_shipped_model_reads_the_features_the_bags_give():
    model = sm.load_model()
    assert model.relevance.names == bg.RELEVANCE_FEATURES
    assert model.stance.names == bg.STANCE_FEATURES
    assert 0 < model.threshold < 1
    meta = model.meta
    assert set(meta["trained_on"]) == {"seeds", "guns", "trade", "climate", "healthcare", "iran"}
    assert 0 < meta["positive_bags"] < meta["bags"]
    # the closer an actor's words come to a claim, the likelier a statement
    assert model.relevance.weights[model.relevance.names.index("sim_max")] > 0


@pytest.fixture(scope="module")
def two_bags(nlp_base):
    doc = nlp_base("Ann Lee backs the ban. Tom Hill talked about the weather.")
    sents = list(doc.sents)
    out = []
    for sent, name in zip(sents, ("Ann Lee", "Tom Hill")):
        att = AttributionSpan(sent, "author", actor=Actor(name, "Person"))
        ev = ClaimEvidence(att, sent, "ban", 0.9 if name == "Ann Lee" else 0.1, 0.5, name == "Ann Lee", +1, 0.8, 0)
        out.append(bg.Bag(name, "ban", [ev], np.array([0.8 if name == "Ann Lee" else 0.1]), np.zeros(1),
                          np.zeros(1), np.array([0.3]), embed([sent.text])))
    return out


@pytest.fixture(scope="module")
def ban_vectors():
    return bg.ClaimVectors.of([{"id": "ban", "label": "Assault weapons should be banned", "kind": "normative"}])


def _model(threshold: float, stance_bias: float) -> sm.StatementModel:
    names = bg.RELEVANCE_FEATURES
    weights = tuple(10.0 if n == "sim_max" else 0.0 for n in names)
    relevance = sm.Logistic(names, (0.4,) + (0.0,) * (len(names) - 1), (1.0,) * len(names), weights, 0.0)
    stance = sm.Logistic(bg.STANCE_FEATURES, (0.0,) * len(bg.STANCE_FEATURES), (1.0,) * len(bg.STANCE_FEATURES),
                         (0.0,) * len(bg.STANCE_FEATURES), stance_bias)
    return sm.StatementModel(relevance, stance, threshold)


def test_decide_keeps_the_bags_at_or_above_the_threshold_with_the_stance_read(two_bags, ban_vectors):
    ctx = bg.BagContext(0.0, {"ban": 0.8}, {"ban": "normative"})
    found = sm.decide(two_bags, ctx, ban_vectors, _model(0.5, stance_bias=-2.0))
    assert [(m.attribution.actor.name, m.claim_id, m.polarity) for m in found] == [("Ann Lee", "ban", -1)]
    assert found[0].score == pytest.approx(1 / (1 + np.exp(-4.0)), abs=1e-4)
    assert found[0].evidence.text == "Ann Lee backs the ban."
    assert sm.decide(two_bags, ctx, ban_vectors, _model(0.999, stance_bias=0.0)) == []


def test_fitting_is_deterministic():
    sys.path.insert(0, str(REPO / "training"))
    import train_statements as ts

    rng = np.random.default_rng(0)
    rows = [{n: float(v) for n, v in zip(bg.RELEVANCE_FEATURES, rng.normal(size=len(bg.RELEVANCE_FEATURES)))}
            for _ in range(60)]
    y = np.array([r["sim_max"] > 0 for r in rows])
    a = ts._logistic(rows, y, bg.RELEVANCE_FEATURES, ts.C_RELEVANCE)
    b = ts._logistic([dict(r) for r in rows], y.copy(), bg.RELEVANCE_FEATURES, ts.C_RELEVANCE)
    assert json.dumps(a.to_json()) == json.dumps(b.to_json())
    # the one feature the labels follow carries the largest weight
    weights = np.abs(a.weights)
    assert weights.argmax() == bg.RELEVANCE_FEATURES.index("sim_max") and a.weights[weights.argmax()] > 0


@pytest.fixture(scope="module")
def debates(shared_dir):
    """Every annotated debate parsed once, its bags labelled (the training script's own path)."""
    sys.path.insert(0, str(REPO / "training"))
    import train_statements as ts

    return ts, {name: ts.collect(name) for name in ts.DEBATES}


@pytest.mark.shared
@pytest.mark.slow
def test_the_training_script_rebuilds_the_shipped_model_byte_for_byte(debates):
    ts, data = debates
    text = ts.model_text(ts.build_model([data[name] for name in ts.DEBATES]))
    shipped = (REPO / "graphbuild" / "data" / "models" / "statements.json").read_text(encoding="utf-8")
    assert text == shipped, "the shipped model differs from what training/train_statements.py builds: rerun it"


# Triple F1 of the shipped model on each debate (docs/quality.md), minus a
# margin: a change that loses real quality on any debate fails here. These
# are in-sample figures; the leave-one-debate-out ones come from
# benchmarks/quality.py.
FLOORS = {"seeds": 0.78, "guns": 0.58, "trade": 0.40, "climate": 0.41, "healthcare": 0.30, "iran": 0.26}


@pytest.mark.shared
@pytest.mark.slow
def test_triple_f1_stays_above_the_measured_floor_on_every_debate(debates):
    ts, data = debates
    model = sm.load_model()
    got = {name: ts.triple_f1(data[name], ts.predict(data[name], model)) for name in ts.DEBATES}
    assert all(got[name] >= FLOORS[name] for name in FLOORS), got


def test_the_rules_stance_wins_where_they_state_one_and_a_mixed_position_keeps_both(two_bags, ban_vectors):
    ctx = bg.BagContext(0.0, {"ban": 0.8}, {"ban": "normative"})
    lee = two_bags[0]
    leaning_supports = _model(0.5, stance_bias=2.0)
    [m] = sm.decide([dataclasses.replace(lee, rules=frozenset({-1}))], ctx, ban_vectors, leaning_supports)
    assert m.polarity == -1 and m.stance_confidence == 0.5  # the model disagreed
    both = sm.decide([dataclasses.replace(lee, rules=frozenset({+1, -1}))], ctx, ban_vectors, leaning_supports)
    assert [m.polarity for m in both] == [+1, -1]
    [alone] = sm.decide([lee], ctx, ban_vectors, leaning_supports)
    assert alone.polarity == +1 and alone.stance_confidence == pytest.approx(1 / (1 + np.exp(-2.0)), abs=1e-4)
