"""Bags: one actor's words about one claim, read as named features."""
from __future__ import annotations

import numpy as np
import pytest

from graphbuild.models import Codebook, Claim, Document
from graphbuild.nlp import bags as bg
from graphbuild.nlp.pipeline import codebook_config, load_nlp, make_doc

BOOK = Codebook((
    Claim("checks", "Background checks should be required for all gun sales", "normative",
          aliases=("expand background checks",), opposing=("background checks would not stop shootings",)),
    Claim("rates", "The central bank will raise interest rates", "descriptive"),
))
TEXT = ("Gun bill advances in the Senate\n\n"
        "Senator Ann Lee said Congress must expand background checks for every gun sale. "
        "“Universal checks will save lives,” Lee said. "
        "Tom Hill, an economist, said the central bank will raise interest rates in June. "
        "The weather in Ohio was mild.")


@pytest.fixture(scope="module")
def parsed():
    nlp = load_nlp(BOOK)
    nlp.remove_pipe("graphbuild_statements")
    doc = nlp(make_doc(nlp, Document(id="d", text=TEXT, authors=("Jo Reporter",), outlet="Daily Planet")))
    claims = codebook_config(BOOK)
    bags, ctx = bg.document_bags(doc, bg.ClaimVectors.of(claims), {c["id"]: c["kind"] for c in claims})
    return {(b.actor, b.claim_id): b for b in bags}, ctx


def test_each_actor_gets_a_bag_per_claim(parsed):
    bags, _ = parsed
    assert {("Ann Lee", "checks"), ("Ann Lee", "rates"), ("Tom Hill", "checks"), ("Tom Hill", "rates")} <= set(bags)


def test_an_actor_speaking_of_a_claim_comes_closer_to_it_than_one_who_does_not(parsed):
    bags, ctx = parsed
    lee = bg.bag_features(bags[("Ann Lee", "checks")], ctx).relevance
    hill = bg.bag_features(bags[("Tom Hill", "checks")], ctx).relevance
    assert lee["sim_max"] > hill["sim_max"] + 0.2
    assert lee["margin_max"] > 0 > hill["margin_max"]
    # the claim an actor comes closest to ranks first among the actor's claims
    assert lee["actor_rank"] == 0 and bg.bag_features(bags[("Ann Lee", "rates")], ctx).relevance["actor_rank"] == 1
    assert lee["rules_state"] == 1.0 and lee["quote"] + lee["reported"] == 1.0


def test_features_are_exactly_the_named_ones(parsed):
    bags, ctx = parsed
    feats = bg.bag_features(bags[("Tom Hill", "rates")], ctx)
    assert set(feats.relevance) == set(bg.RELEVANCE_FEATURES)
    assert set(feats.stance) == set(bg.STANCE_FEATURES)
    assert feats.best.claim_id == "rates" and "interest rates" in feats.best.unit.text
    assert all(np.isfinite(v) for v in [*feats.relevance.values(), *feats.stance.values()])


def test_best_other_is_the_best_of_the_other_claims():
    sim = np.array([[0.9, 0.5, 0.1], [0.2, 0.2, 0.7]])
    assert bg._best_other(sim).tolist() == [[0.5, 0.9, 0.9], [0.7, 0.7, 0.2]]
    assert bg._best_other(np.array([[0.4]])).tolist() == [[0.0]]


def test_a_news_outlet_is_press():
    assert bg.is_press("Hartford Courant", None) and bg.is_press("Daily Planet", "Daily Planet")
    assert not bg.is_press("Ann Lee", "Daily Planet")
