"""Features of (text, claim) pairs: the negation rule, cue counts, similarities."""
from __future__ import annotations

import numpy as np
import pytest

from graphbuild.nlp.stance_features import (POLARITY_FEATURES, RELEVANCE_FEATURES, ClaimPhrasings, cue_counts,
                                            negate, pair_features)


@pytest.mark.parametrize("proposition, denial", [
    ("We should ban boxing", "We should not ban boxing"),
    ("States should not subsidize the growing of tobacco", "States should subsidize the growing of tobacco"),
    ("Advertising is harmful", "Advertising is not harmful"),
    ("We should never have children", "We should ever have children"),
    ("Tariffs are not the right tool", "Tariffs are the right tool"),
    ("Foreign countries pay the tariffs", "It is not true that foreign countries pay the tariffs"),
    ("breakup of Russia", "It is not true that breakup of Russia"),
])
def test_negate(proposition, denial):
    assert negate(proposition) == denial


def test_negation_is_its_own_inverse_where_an_auxiliary_carries_it():
    for p in ("We should ban boxing", "Advertising is harmful", "The deal will fail"):
        assert negate(negate(p)) == p


def test_phrasing_sides():
    claim = ClaimPhrasings("Tariffs raise prices", ("tariffs are a tax",), ("tariffs are negligible",))
    assert claim.supporting() == ("Tariffs raise prices", "tariffs are a tax", "tariffs are not negligible")
    assert claim.against() == ("tariffs are negligible", "It is not true that tariffs raise prices",
                               "tariffs are not a tax")


def _cues(text):
    return dict(zip(POLARITY_FEATURES[3:13], cue_counts(text)))


def test_negated_nouns_and_conditions_are_counted():
    # issue 11 item 5: negated nouns, "if" clauses
    cues = _cues("Her refusal to endorse the plan surprised no one.")
    assert cues["negating_nouns"] == 1 and cues["negators"] == 1
    assert _cues("A failure to act would be a disaster.")["negating_nouns"] == 1
    cues = _cues("If the bill passes, she will back it.")
    assert cues["condition"] == 1 and cues["negators"] == 0
    assert _cues("They don't want it and won't vote for it.")["negators"] == 2
    assert _cues("Is this really a good idea?")["question"] == 1
    assert _cues("The bill passed.") == dict.fromkeys(POLARITY_FEATURES[3:13], 0.0)


def test_pair_features_shapes_and_similarity_order():
    claim = ClaimPhrasings("Tariffs raise prices for American consumers",
                           ("tariffs are a tax on American consumers",), ("foreign countries pay the tariffs",))
    texts = ["The tariffs are a tax that American shoppers pay at the register.",
             "The orchestra opened its season with Mahler."]
    rel, pol = pair_features(texts, [claim, claim])
    assert rel.shape == (2, len(RELEVANCE_FEATURES)) and pol.shape == (2, len(POLARITY_FEATURES))
    cos_max = RELEVANCE_FEATURES.index("cos_max")
    assert rel[0, cos_max] > rel[1, cos_max] + 0.3
    # given vectors are used as they are
    from graphbuild.nlp.embeddings import embed
    rel2, pol2 = pair_features(texts, [claim, claim], text_vectors=embed(texts))
    assert np.allclose(rel, rel2) and np.allclose(pol, pol2)


def test_flipped_contrast_follows_the_parity_of_negations():
    claim = ClaimPhrasings("The Senate should endorse the plan")
    _, pol = pair_features(["The senator endorsed the plan.", "Her refusal to endorse the plan was no surprise."],
                           [claim, claim])
    contrast, flipped = POLARITY_FEATURES.index("negation_contrast"), POLARITY_FEATURES.index("negation_contrast_flipped")
    assert pol[0, flipped] == pytest.approx(pol[0, contrast])  # no negation: unchanged
    assert pol[1, flipped] == pytest.approx(pol[1, contrast])  # two (refusal, no): even, unchanged
    _, pol = pair_features(["Her refusal to endorse the plan surprised everyone."], [claim])
    assert pol[0, flipped] == pytest.approx(-pol[0, contrast])


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        pair_features(["a text"], [])
