"""Positions ascribed to actors: stance predicates whose subject holds the position."""
from __future__ import annotations

import pytest

from graphbuild.nlp.extensions import AttributionSpan
from graphbuild.nlp.positions import PositionFinder


@pytest.fixture(scope="module")
def positions(nlp_base):
    """Parse a text and run the positions component on it alone (no other attributions)."""
    finder = PositionFinder()

    def run(text: str, attributions=()):
        doc = nlp_base(text)
        doc._.author = None
        doc._.attributions = list(attributions)
        doc = finder(doc)
        return [(a.actor.name, a.cue.text, a.content.text) for a in doc._.attributions if a.kind == "reported"]
    return run


def test_a_stance_adjective_with_its_holder(positions):
    found = positions("The Republican Party is hostile to gun control measures.")
    assert [(name, content) for name, _, content in found] == [("Republican Party", "hostile to gun control measures")]


def test_a_participle_on_the_holder(positions):
    found = positions("Democrats are calling on the Senate to take action on gun control.")
    assert found and found[0][0] == "Democrats" and found[0][1] == "calling"
    assert "action on gun control" in found[0][2]


def test_a_participial_adjunct_inherits_the_clause_subject(positions):
    found = positions("Days after calling for an overhaul of gun control, Gov. Andrew Cuomo worked out a proposal.")
    assert [(n, c) for n, c, _ in found] == [("Andrew Cuomo", "calling")]
    assert found[0][2].startswith("calling for an overhaul of gun control")


def test_coordinated_holders_each_get_the_position(positions):
    found = positions("Senators Paul, Cruz and Lee oppose the gun control bill.")
    assert {n for n, _, _ in found} == {"Paul", "Cruz", "Lee"}
    assert {c for _, _, c in found} == {"oppose the gun control bill"}


def test_a_relative_clause_names_its_head_or_the_group_members(positions):
    found = positions("Cornyn and Murphy were among a bipartisan group of lawmakers who supported the background check bill.")
    assert {n for n, _, _ in found} == {"Cornyn", "Murphy"}
    assert all(c == "supported" for _, c, _ in found)


def test_a_group_of_people_holds_a_position_but_a_thing_does_not(positions):
    assert [n for n, _, _ in positions("Students from the school have demanded action on gun control.")] == ["Students"]
    assert positions("Terror attacks committed against Russia have only made a change less likely.") == []
    assert positions("The new gun laws promote safe and responsible use.") == []


def test_modal_question_and_condition_are_not_positions(positions):
    assert positions("NATO must strengthen the defense of countries bordering Russia.") == []
    assert positions("Republican officials would oppose gun control if the NRA objected.") == []
    assert positions("Will mental health advocates support such a list?") == []


def test_a_verb_beside_the_position_is_left_out_of_its_content(positions):
    found = positions("The Rifle Association disagreed with the city, arguing that the rules still violated the Second Amendment.")
    assert found and all("arguing" not in content for _, _, content in found)


def test_a_report_keeps_its_speaker_and_a_named_holder_inside_holds_it_too(nlp_base):
    from graphbuild.models import Actor

    def run(text):
        doc = nlp_base(text)
        doc._.author = None
        report = AttributionSpan(doc[2:len(doc) - 1], "reported", doc[0:1], doc[1:2], Actor("Smith", "Person"))
        doc._.attributions = [report]
        doc = PositionFinder()(doc)
        return report, doc._.attributions

    # "Jeffers said Exxon Mobil would support …": the report is Smith's, the position the Democrats'
    report, found = run("Smith said that Democrats oppose the bill.")
    assert found[0] == report and [(a.actor.name, a.content.text) for a in found[1:]] == [
        ("Democrats", "oppose the bill")]
    # a pronoun inside a report is mostly its speaker: nothing more
    report, found = run("Smith said that he opposes the bill.")
    assert found == [report]


def test_an_idiom_of_support_on_an_apposed_name(positions):
    found = positions("Sen. Joe Manchin, the Democrat who lent his name to legislation expanding background "
                      "checks, spoke on Tuesday.")
    assert [(n, c) for n, c, _ in found] == [("Joe Manchin", "lent")]


def test_a_counted_part_of_a_group_is_not_the_group(positions):
    found = positions("Only eight Republicans backed the background checks bill.")
    assert not [a for a in found if a[0] and "Republican" in a[0]]
    # the whole group is
    assert [a[0] for a in positions("Republicans backed the background checks bill.")] == ["Republicans"]


def test_a_list_of_names_read_as_a_chain_of_appositions_holds_it_each(nlp_base):
    # the parse the small model gives "Paul of Kentucky, Johnson of Wisconsin, Cruz of
    # Texas and Lee of Utah said": Johnson an apposition of Paul, Cruz of Johnson, Lee a conjunct
    from spacy.tokens import Doc

    from graphbuild.nlp.positions import _with_conjuncts
    words = ["Paul", "of", "Ohio", ",", "Johnson", "of", "Iowa", ",", "Cruz", "and", "Lee", "said"]
    heads = [11, 0, 1, 0, 0, 4, 5, 4, 4, 8, 8, 11]
    deps = ["nsubj", "prep", "pobj", "punct", "appos", "prep", "pobj", "punct", "appos", "cc", "conj", "ROOT"]
    pos = ["PROPN", "ADP", "PROPN", "PUNCT", "PROPN", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB"]
    doc = Doc(nlp_base.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in _with_conjuncts(doc[0])] == ["Paul", "Johnson", "Cruz", "Lee"]


def test_party_and_state_tags_beside_names_hold_nothing(positions):
    found = positions("Rep. Ann Ortega, D-N.Y., and Sen. Ed Marks, D-Mass., support the framework.")
    assert sorted(name for name, _, _ in found) == ["Ann Ortega", "Ed Marks"]
