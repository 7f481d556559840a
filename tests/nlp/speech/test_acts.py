"""Acts that show a position (graphbuild/nlp/speech/acts.py), alone and through the
positions component that credits them to their doers."""
from __future__ import annotations

import pytest

from graphbuild.nlp.extensions import AttributionSpan
from graphbuild.nlp.positions import PositionFinder
from graphbuild.nlp.speech.acts import is_act


def _verb(doc, text):
    return next(t for t in doc if t.text == text)


def test_a_listed_act_with_its_particle_or_preposition(nlp_base):
    assert is_act(_verb(nlp_base("The agency has lifted the rules on coal plants."), "lifted"))
    assert is_act(_verb(nlp_base("The two senators will roll out an outline next week."), "roll"))
    assert is_act(_verb(nlp_base("The president withdrew from the agreement in May."), "withdrew"))
    # the particle is part of the act: "roll" alone, "withdraw" alone are not listed
    assert not is_act(_verb(nlp_base("The ball will roll down the hill."), "roll"))
    assert not is_act(_verb(nlp_base("She withdrew the money on Friday."), "withdrew"))


def test_any_verb_that_acts_against_or_in_favor_of_something(nlp_base):
    assert is_act(_verb(nlp_base("The newspaper editorialized against the pact."), "editorialized"))
    assert is_act(_verb(nlp_base("The economist testified in favor of the tariffs."), "testified"))
    # "in" something else, or "against" with nothing after it, is no act
    assert not is_act(_verb(nlp_base("The economist testified in court on Monday."), "testified"))


def test_a_verb_that_shows_no_position_is_no_act(nlp_base):
    assert not is_act(_verb(nlp_base("The agency has read the rules on coal plants."), "read"))
    assert not is_act(_verb(nlp_base("The senators walked out of the room."), "walked"))
    # a noun spelled like a listed verb is no act
    assert not is_act(_verb(nlp_base("The draft was published."), "draft"))


@pytest.fixture(scope="module")
def positions(nlp_base):
    """The positions component alone, over a text the author wrote in full."""
    finder = PositionFinder()

    def run(text: str):
        doc = nlp_base(text)
        doc._.author = "Pat Writer"
        doc._.attributions = [AttributionSpan(doc[:], "author")]
        return finder(doc)._.attributions
    return run


def test_an_act_is_its_doers_position_beside_the_writers_voice(positions):
    found = positions("Governor Lena Ostrova has lifted the regulations on coal plants.")
    reported = [(a.actor.name, a.cue.text, a.content.text) for a in found if a.kind == "reported"]
    assert reported == [("Lena Ostrova", "lifted", "has lifted the regulations on coal plants")]
    # the writer may judge the act in the same words: the author's voice stays
    assert [a.kind for a in found].count("author") == 1


def test_a_stance_verb_takes_the_words_from_the_writers_voice(positions):
    found = positions("Governor Lena Ostrova opposes the regulations on coal plants.")
    assert [a.kind for a in found] == ["reported"]
    assert found[0].actor.name == "Lena Ostrova"


def test_an_act_under_a_modal_or_by_a_thing_is_no_position(positions):
    assert not [a for a in positions("Governor Lena Ostrova might lift the regulations.") if a.kind == "reported"]
    assert not [a for a in positions("The storm lifted the roof off the barn.") if a.kind == "reported"]
