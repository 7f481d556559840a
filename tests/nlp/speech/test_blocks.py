"""Block quotations: paragraphs quoted without marks after their introducer."""
from __future__ import annotations


def _quotes(doc):
    return [(a.actor.name if a.actor else None, a.content.text) for a in doc._.attributions if a.kind == "quote"]


def test_a_first_person_paragraph_after_a_named_speaker_is_his(attributed):
    doc = attributed("Last week in an op-ed, Rubio explained his firm stance.\n\n"
                     "I stand firmly against any attempt to restrict gun rights.\n\n"
                     "I will join efforts to filibuster any such bill.", author="Katie Pavlich")
    assert _quotes(doc) == [("Rubio", "I stand firmly against any attempt to restrict gun rights."),
                            ("Rubio", "I will join efforts to filibuster any such bill.")]


def test_the_author_answering_the_speaker_keeps_the_voice(attributed):
    doc = attributed("Senator Rubio explained his stance.\n\nI disagree with him: the law is sound.",
                     author="Ann Lee")
    assert _quotes(doc) == []
    assert any(a.kind == "author" and a.actor.name == "Ann Lee" and "disagree" in a.content.text
               for a in doc._.attributions)


def test_a_colon_introduces_a_statement_in_any_person(attributed):
    doc = attributed("Cuomo said in a statement:\n\nToday we passed the toughest gun law in the nation.")
    assert _quotes(doc) == [("Cuomo", "Today we passed the toughest gun law in the nation.")]


def test_a_paragraph_with_its_own_quotation_marks_is_left_to_them(attributed):
    doc = attributed("Marco Rubio explained his stance.\n\n“I stand firmly against it,” Rubio said.")
    assert _quotes(doc) == [("Marco Rubio", "“I stand firmly against it,”")]


def test_a_paragraph_reporting_someone_else_is_the_reporters(attributed):
    doc = attributed("He continued to push back Monday morning on Twitter:\n\n"
                     "Senate Majority Leader Mitch McConnell said Monday that the committee will review it.")
    assert _quotes(doc) == []


def test_a_first_person_paragraph_after_mere_speech_stays_the_authors(attributed):
    # nothing says the speaker wrote a text: the "I" is the op-ed author's
    doc = attributed("Murphy told reporters he had won.\n\nI post political updates on Twitter every week.",
                     author="Ken Rudin")
    assert _quotes(doc) == []
