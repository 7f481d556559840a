"""Cues of reported speech on real parses: source, cue and content spans."""
from __future__ import annotations

import pytest

from graphbuild.nlp.speech.reported import find_cues, reporting_verbs


@pytest.fixture(scope="module")
def cues(nlp_base):
    def run(text: str) -> list[tuple[str | None, str, str]]:
        doc = nlp_base(text)
        out = []
        for c in find_cues(doc):
            if c.content[1] <= c.content[0] or c.quote_only:
                continue
            src = doc[c.source[0]:c.source[1]].text if c.source else None
            out.append((src, doc[c.cue[0]:c.cue[1]].text, doc[c.content[0]:c.content[1]].text))
        return out
    return run


@pytest.mark.parametrize("text, expected", [
    # clausal complement, with and without "that"
    ("Critics say the plan will fail.", ("Critics", "say", "the plan will fail")),
    ("The minister argued that the war was lost.", ("The minister", "argued", "that the war was lost")),
    # object frame
    ("The senator rejected the proposal outright.", ("The senator", "rejected", "the proposal outright")),
    # phrasal cue: the content is the preposition's object
    ("The group calls for the dissolution of Russia.",
     ("The group", "calls for", "the dissolution of Russia")),
    # object control: the object belongs to the content
    ("Activists urged the Senate to act.", ("Activists", "urged", "the Senate to act")),
    # a predicate adjective of attitude
    ("Sanders is critical of the trade deal.", ("Sanders", "critical of", "the trade deal")),
    # a noun cue with its holder
    ("Trump's call for a border wall angered Mexico.", ("Trump's", "call for", "a border wall")),
])
def test_cue_source_and_content(cues, text, expected):
    assert expected in cues(text)


def test_a_relative_pronoun_source_keeps_its_antecedent(cues):
    found = cues("He praised the Rada, which has recognized the independence of Ichkeria.")
    assert ("the Rada, which", "recognized", "the independence of Ichkeria") in found


def test_organisation_names_stay_whole_in_the_source(cues):
    found = cues("The Giffords Law Center to Prevent Gun Violence says the laws work.")
    assert found[0][0] == "The Giffords Law Center to Prevent Gun Violence"


def test_fronted_content_spans_the_frame(cues):
    [(src, cue, content)] = cues("The argument would be aided, Devine said, by the primary calendar.")
    assert (src, cue) == ("Devine", "said")
    assert content == "The argument would be aided, Devine said, by the primary calendar"


def test_according_to_takes_the_rest_of_the_sentence(cues):
    [(src, cue, content)] = cues("According to the Pentagon, the troops will stay.")
    assert (src, cue, content) == ("the Pentagon", "According to", "the troops will stay")


def test_passive_cue_speaks_through_its_agent_only(cues):
    assert all(c[0] is None for c in cues("Trump is expected to win the primary.") if c[1] == "expected")
    found = cues("The plan was criticized by Democrats.")
    assert ("Democrats", "criticized", "The plan") in found


def test_a_raised_subject_speaks_for_the_inner_verb(cues):
    found = cues("Trump is expected to say that the wall will be built.")
    assert ("Trump", "say", "that the wall will be built") in found


def test_expletive_it_is_no_source(cues):
    assert all(c[0] is None or c[0].lower() != "it" for c in cues("It is hard to know whether he will run."))


def test_quote_only_verbs_are_no_reported_cues(cues):
    assert cues("Sanders continued to trail Clinton in the polls.") == []


def test_phrasal_entries_need_their_particle():
    entry = reporting_verbs()["point"]
    assert not entry["bare"] and {"out", "to"} <= entry["preps"]
    assert reporting_verbs()["say"]["bare"]


def test_a_frame_set_off_by_commas_spans_the_sentence(cues):
    # the parser makes "told" the root and the rest a coordinated predicate
    text = "A practical step, she told a USIP audience this summer, is for governments to issue passports."
    assert ("she", "told", text.rstrip(".")) in cues(text)


def test_a_perspective_frame_names_the_holder(cues):
    found = cues("In his eyes, independence for Chechnya can only be achieved through toppling the state.")
    assert ("his", "In his eyes",
            "independence for Chechnya can only be achieved through toppling the state") in found
    # a possessive is needed: "in the eyes of the law" holds no one's view
    assert not [c for c in cues("In recent years, the region has grown quickly.") if c[1].startswith("In")]


def test_a_ruling_is_a_cue(cues):
    found = cues("The court upheld the law, ruling the bans a reasonable restriction on gun rights.")
    assert ("The court", "ruling", "the bans a reasonable restriction on gun rights") in found


def test_to_a_named_person_frames_the_sentence_as_his_view(cues):
    found = cues("To Manchin, the bipartisan compromise fell victim to misinformation.")
    assert ("Manchin", "To", "the bipartisan compromise fell victim to misinformation") in found
    # "To" with a place or a thing frames nothing
    assert not [c for c in cues("To Moscow, the road runs north through the forest.") if c[1] == "To"]
    assert not [c for c in cues("To the surprise of many, the bill passed easily.") if c[1] == "To"]


@pytest.mark.parametrize("text, expected", [
    # the model lemmatises "hopes"/"hoping" as "hop"; the lexicon still finds the verb
    ("Christie hopes his endorsement will give him a boost.",
     ("Christie", "hopes", "his endorsement will give him a boost")),
    ("The senator is hoping to win the state.", ("The senator", "hoping", "to win the state")),
])
def test_mislemmatised_cue_verbs_are_found(cues, text, expected):
    assert expected in cues(text)


@pytest.mark.parametrize("text, expected", [
    ("Rubio repeatedly made the case for amnesty.", ("Rubio", "made the case for", "amnesty")),
    ("Obama will make the case that Clinton is qualified.",
     ("Obama", "make the case", "that Clinton is qualified")),
    ("He made it clear that he would stay in the race.",
     ("He", "made it clear", "that he would stay in the race")),
    ("Blackwell also took a shot at Hillary Clinton.", ("Blackwell", "took a shot at", "Hillary Clinton")),
    ("She took issue with the ruling.", ("She", "took issue with", "the ruling")),
    ("Sanders has no plans to drop out.", ("Sanders", "has no plans", "to drop out")),
    ("The report cast doubt on the claim.", ("The report", "cast doubt on", "the claim")),
])
def test_light_verb_cues(cues, text, expected):
    assert expected in cues(text)


def test_light_verbs_need_their_noun(cues):
    # "made" and "took" alone report nothing
    assert cues("Trump made a fortune and took a vacation in Florida.") == []


@pytest.mark.parametrize("text, expected", [
    ("The group seeks to prevent gun deaths.", ("The group", "seeks", "to prevent gun deaths")),
    ("Clinton agreed with the analysis.", ("Clinton", "agreed with", "the analysis")),
    ("Trump has not yet responded to the remarks.", ("Trump", "responded to", "the remarks")),
])
def test_attitude_verbs_and_their_prepositions(cues, text, expected):
    assert expected in cues(text)


def test_a_survey_opening_the_clause_is_its_source(cues):
    found = cues("In a new Fox News poll released Thursday, Trump leads Cruz by ten points.")
    assert ("a new Fox News poll", "In", "Trump leads Cruz by ten points") in found


def test_a_survey_inside_the_clause_is_the_writers_summary(cues):
    assert cues("Clinton still has a wide lead in the polls.") == []
