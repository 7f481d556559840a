"""Positions held as a description (graphbuild/nlp/speech/advocates.py), through the
positions component that resolves their holders."""
from __future__ import annotations

import pytest

from graphbuild.nlp.positions import PositionFinder
from graphbuild.nlp.speech.advocates import described_positions


@pytest.fixture(scope="module")
def positions(nlp_base):
    finder = PositionFinder()

    def run(text: str):
        doc = nlp_base(text)
        doc._.author = None
        doc._.attributions = []
        doc = finder(doc)
        return [(a.actor.name, a.cue.text, a.content.text) for a in doc._.attributions if a.kind == "reported"]
    return run


def test_a_copula_with_a_position_noun(positions):
    assert positions("Senator Ruth Alden remains a defender of the trade pact.") == [
        ("Ruth Alden", "defender", "a defender of the trade pact")]
    found = positions("Alden has been perhaps the pact's most vocal critic.")
    assert [(name, cue) for name, cue, _ in found] == [("Alden", "critic")]
    assert "the pact's most vocal critic" in found[0][2]


def test_an_apposition_with_a_position_noun(positions):
    found = positions("John Maris, a longtime advocate of stricter gun laws, said the bill was too weak.")
    assert ("John Maris", "advocate", "a longtime advocate of stricter gun laws") in found
    found = positions("Rep. Dan Colby, a longtime Trump supporter, voted for the bill.")
    assert ("Dan Colby", "supporter", "a longtime Trump supporter") in found


def test_coordinated_holders_each_hold_it_but_party_tags_do_not(positions):
    found = positions("Sens. Ann Reyes (D-Calif.), Ben Ortiz (D-Mass.) and Cal Dunn (D-N.J.) are backers of the plan.")
    assert sorted(name for name, _, _ in found) == ["Ann Reyes", "Ben Ortiz", "Cal Dunn"]


def test_backing_of_named_people_is_their_position_on_the_subject(positions):
    found = positions("The proposal has the backing of Senators Ann Reyes and Ben Ortiz.")
    assert sorted(name for name, _, _ in found) == ["Ann Reyes", "Ben Ortiz"]
    assert all(content.startswith("The proposal") for _, _, content in found)


def test_no_position_without_a_holder_or_an_object(nlp_base):
    # a critic who is no one's predicate or apposition, a "supporter" of nothing
    assert list(described_positions(nlp_base("Critics of the plan gathered outside."))) == []
    assert list(described_positions(nlp_base("Ruth Alden is a supporter."))) == []
    # a thing's backing by a thing is no one's position
    assert list(described_positions(nlp_base("The bridge has the support of steel cables."))) == []
