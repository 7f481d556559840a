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
    vectors = bg.ClaimVectors.of(claims)
    bags, ctx = bg.document_bags(doc, vectors, {c["id"]: c["kind"] for c in claims})
    return {(b.actor, b.claim_id): b for b in bags}, ctx, vectors


def test_each_actor_gets_a_bag_per_claim(parsed):
    bags, _, _ = parsed
    assert {("Ann Lee", "checks"), ("Ann Lee", "rates"), ("Tom Hill", "checks"), ("Tom Hill", "rates")} <= set(bags)


def test_an_actor_speaking_of_a_claim_comes_closer_to_it_than_one_who_does_not(parsed):
    bags, ctx, _ = parsed
    lee = bg.bag_features(bags[("Ann Lee", "checks")], ctx).relevance
    hill = bg.bag_features(bags[("Tom Hill", "checks")], ctx).relevance
    assert lee["sim_max"] > hill["sim_max"] + 0.2
    assert lee["margin_max"] > 0 > hill["margin_max"]
    # the claim an actor comes closest to ranks first among the actor's claims
    assert lee["actor_rank"] == 0 and bg.bag_features(bags[("Ann Lee", "rates")], ctx).relevance["actor_rank"] == 1
    assert lee["rule_matched"] == 1.0 and lee["author"] == 0.0 and bags[("Ann Lee", "checks")].rules == {+1}


def test_features_are_exactly_the_named_ones(parsed):
    bags, ctx, vectors = parsed
    bag = bags[("Tom Hill", "rates")]
    feats = bg.bag_features(bag, ctx)
    [stance] = bg.stance_features([bag], [feats], vectors)
    assert set(feats.relevance) == set(bg.RELEVANCE_FEATURES) and set(stance) == set(bg.STANCE_FEATURES)
    assert feats.best.claim_id == "rates" and "interest rates" in feats.best.unit.text
    assert all(np.isfinite(v) for v in [*feats.relevance.values(), *stance.values()])


def test_a_unit_denying_the_claim_reads_against_it(parsed):
    bags, ctx, vectors = parsed
    lee = bags[("Ann Lee", "checks")]
    [stance] = bg.stance_features([lee], [bg.bag_features(lee, ctx)], vectors)
    # "must expand background checks": closer to the claim than to its negation
    assert stance["negation_contrast"] > 0 and stance["rules_stance"] == 1.0


def test_best_other_is_the_best_of_the_other_claims():
    sim = np.array([[0.9, 0.5, 0.1], [0.2, 0.2, 0.7]])
    assert bg._best_other(sim).tolist() == [[0.5, 0.9, 0.9], [0.7, 0.7, 0.2]]
    assert bg._best_other(np.array([[0.4]])).tolist() == [[0.0]]


def test_a_news_outlet_is_press():
    assert bg.is_press("Hartford Courant", None) and bg.is_press("Daily Planet", "Daily Planet")
    assert not bg.is_press("Ann Lee", "Daily Planet")
