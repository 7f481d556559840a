"""Claim matching: which codebook claims a sentence is about, by the rules alone.

The component records every (unit, claim) pair of a named actor's words
with its rule signals (``doc._.claim_evidence``); these tests read the
pairs the rules alone call a match (``rule_match``).
"""
from __future__ import annotations

import numpy as np
import pytest

from graphbuild.nlp.claims import ClaimMatcher
from graphbuild.models import Actor
from graphbuild.nlp.extensions import AttributionSpan
from graphbuild.nlp.units import content_stems

CLAIMS = [
    {"id": "checks", "label": "Background checks should be required for all gun sales", "kind": "normative",
     "aliases": ["expand background checks", "close the gun show loophole"],
     "opposing": ["background checks would not have stopped the shooter"]},
    {"id": "ban", "label": "Military-style semi-automatic rifles should be banned", "kind": "normative",
     "aliases": ["ban assault weapons"]},
    {"id": "rates", "label": "The central bank will raise interest rates", "kind": "descriptive",
     "opposing": ["interest rates will stay low"]},
]
AUTHOR = Actor("Ann Lee", "Person")


def _matched(doc):
    return [e for e in doc._.claim_evidence if e.rule_match]


@pytest.fixture(scope="module")
def matcher(nlp_base):
    return ClaimMatcher(nlp_base, "graphbuild_claims", claims=CLAIMS)


@pytest.fixture(scope="module")
def matches(nlp_base, matcher):
    """Claim matches of a text read as the author's voice, one attribution per sentence."""
    def run(text: str):
        doc = nlp_base(text)
        doc._.attributions = [AttributionSpan(s, "author", actor=AUTHOR) for s in doc.sents]
        return [(e.claim_id, e.polarity, e.unit.text) for e in _matched(matcher(doc))]
    return run


def test_stems_meet_across_word_forms(nlp_base):
    assert content_stems(nlp_base("the dissolution of the federation")) & content_stems(nlp_base("dissolve it"))
    assert "the" not in content_stems(nlp_base("the checks"))


def test_a_sentence_using_an_alias_matches_its_claim(matches):
    found = matches("Congress must expand background checks for gun buyers.")
    assert [(c, p) for c, p, _ in found] == [("checks", +1)]


def test_an_unrelated_sentence_matches_nothing(matches):
    assert matches("The weather in Ohio was mild all week.") == []


def test_an_opposing_phrasing_gives_the_opposite_stance(matches):
    found = matches("Interest rates will stay low for another year, the bank's economists expect.")
    assert ("rates", -1) in [(c, p) for c, p, _ in found]


def test_one_sentence_one_claim_unless_another_has_its_own_words(matches):
    both = matches("Lawmakers should ban assault weapons and expand background checks for every gun sale.")
    assert {c for c, _, _ in both} == {"ban", "checks"}


def test_a_proposal_named_again_inherits_the_claim(matches):
    found = matches("Senators debated a plan to expand background checks. "
                    "The vote was close. Many lawmakers strongly supported the measure.")
    assert [(c, p, e) for c, p, e in found if "measure" in e] == [
        ("checks", +1, "Many lawmakers strongly supported the measure.")]


def test_a_proposal_named_far_from_any_claim_is_not_guessed(matches):
    filler = " ".join(f"The hearing lasted hour {n} of the day." for n in range(6))
    found = matches("Senators debated a plan to expand background checks. " + filler
                    + " Many lawmakers strongly supported the measure.")
    assert not [e for _, _, e in found if "measure" in e]


def test_each_sentence_of_a_long_quote_is_a_unit(nlp_base, matcher):
    doc = nlp_base('He said: "Congress must expand background checks. The central bank will raise interest rates."')
    quote = doc[3:len(doc) - 1]
    doc._.attributions = [AttributionSpan(quote, "quote", doc[0:1], doc[1:2], Actor("Tom Hill", "Person"))]
    found = {e.claim_id: e.unit.text for e in _matched(matcher(doc))}
    assert set(found) == {"checks", "rates"}
    assert found["checks"].startswith("Congress") and found["rates"].startswith("The central bank")


VICTORY = [{"id": "victory", "label": "Ukraine can defeat Russia militarily", "kind": "descriptive"},
           {"id": "crime", "label": "Illegal immigration increases crime", "kind": "descriptive"},
           {"id": "wall", "label": "The United States should build a wall on the border", "kind": "normative"}]


@pytest.fixture(scope="module")
def victory(nlp_base):
    matcher = ClaimMatcher(nlp_base, "graphbuild_claims", claims=VICTORY)

    def run(text: str):
        doc = nlp_base(text)
        doc._.attributions = [AttributionSpan(s, "author", actor=AUTHOR) for s in doc.sents]
        return [e.claim_id for e in _matched(matcher(doc))]
    return run


def test_names_alone_do_not_make_a_claim(victory):
    assert victory("He spoke to his son about his business dealings in Ukraine and Russia.") == []
    assert victory("Ukraine can still defeat Russia on the battlefield, the general said.") == ["victory"]


def test_a_state_of_affairs_needs_its_words_in_relation(nlp_base, victory):
    assert victory("Illegal immigration increases crime in border towns.") == ["crime"]
    matcher = ClaimMatcher(nlp_base, "graphbuild_claims", claims=VICTORY)
    matcher._prepare()
    no_cosine = np.zeros(len(matcher._phrasings))

    def coverage(text):
        return matcher.score_unit(nlp_base(text)[:], no_cosine)["crime"].coverage
    # the same three words, once in relation and once side by side
    related = coverage("Immigration increases crime.")
    apart = coverage("Immigration lawyers expect that crime rates will increase.")
    assert apart < 0.7 * related


def test_a_unit_of_two_words_needs_shared_words_not_just_similarity(nlp_base):
    matcher = ClaimMatcher(nlp_base, "graphbuild_claims", claims=CLAIMS)
    matcher._prepare()
    # as if the unit were near the "rates" claim and far from the others
    close = np.array([0.9 if p.claim_id == "rates" else 0.3 for p in matcher._phrasings])
    thin = matcher.score_unit(nlp_base("the democratic idea")[:], close)
    full = matcher.score_unit(nlp_base("lawmakers want a democratic idea for the nation")[:], close)
    assert thin["rates"].score < 0.5 <= full["rates"].score


def test_every_unit_of_a_named_actor_is_recorded_against_every_claim(nlp_base, matcher):
    doc = nlp_base("Congress must expand background checks. The weather was mild.")
    sents = list(doc.sents)
    doc._.attributions = [AttributionSpan(sents[0], "author", actor=AUTHOR),
                          AttributionSpan(sents[1], "reported", doc[5:6], None, None)]
    evidence = matcher(doc)._.claim_evidence
    # the unnamed speaker's words are not recorded: nobody could be credited
    assert {e.unit.text for e in evidence} == {"Congress must expand background checks."}
    assert sorted(e.claim_id for e in evidence) == ["ban", "checks", "rates"]
    by_claim = {e.claim_id: e for e in evidence}
    assert by_claim["checks"].rule_match and by_claim["checks"].rule_score > by_claim["rates"].rule_score
    assert not by_claim["rates"].rule_match
