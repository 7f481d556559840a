"""The attribution component end to end: quotes, reported speech, author voice."""
from __future__ import annotations

import json
import sys

import pytest

from graphbuild.models import Attribution
from graphbuild.nlp.attribution import iter_attributions


def _said(doc):
    """(kind, content text, source text, actor name) of every non-author attribution."""
    return [(a.kind, a.content.text, a.source.text if a.source is not None else None,
             a.actor.name if a.actor else None) for a in doc._.attributions if a.kind != "author"]


@pytest.mark.parametrize("text, content", [
    ("“We will win,” Sokolov said.", "“We will win,”"),
    ("‘We will win,’ Sokolov said.", "‘We will win,’"),
    ('"We will win," Sokolov said.', '"We will win,"'),
])
def test_quote_styles_with_the_speaker_after(attributed, text, content):
    assert _said(attributed(text)) == [("quote", content, "Sokolov", "Sokolov")]


def test_speaker_before_with_a_colon(attributed):
    doc = attributed("Zakayev told Foreign Policy: “Putin’s war must end in Moscow.”")
    [(kind, content, source, actor)] = _said(doc)
    assert (kind, source, content) == ("quote", "Zakayev", "“Putin’s war must end in Moscow.”")


def test_em_dash_dialogue_with_its_frame_inside_the_line(attributed):
    doc = attributed("The minister spoke briefly.\n— We will win the war, said the minister Ivan Petrov.")
    [(kind, content, source, actor)] = _said(doc)
    assert (kind, content, actor) == ("quote", "We will win the war", "Ivan Petrov")


def test_a_bulleted_dash_line_is_no_quotation(attributed):
    doc = attributed("The evidence:\n\n— Tax revenue fell by a third in a year.")
    assert _said(doc) == []


def test_split_quotation_is_one_content(attributed):
    doc = attributed("“We want,” Sokolov said, “a better deal.”")
    assert _said(doc) == [("quote", "“We want,” Sokolov said, “a better deal.”", "Sokolov", "Sokolov")]
    doc = attributed("“The plan is dead,” Sokolov said on Friday. “Nobody will revive it.”")
    [(_, content, _, _)] = _said(doc)
    assert content.endswith("“Nobody will revive it.”")


def test_quote_with_its_own_cue_is_not_merged(attributed):
    doc = attributed("“We wrote two dozen songs,” Kiedis said, mentioning the album is “in the home stretch.”")
    contents = [c for _, c, _, _ in _said(doc)]
    assert "“We wrote two dozen songs,”" in contents


def test_multi_sentence_quotation(attributed):
    doc = attributed("“Russia is weak. Its army is tired. Its economy is failing,” said Ivan Sokolov.")
    [(kind, content, _, actor)] = _said(doc)
    assert content == "“Russia is weak. Its army is tired. Its economy is failing,”"
    assert actor == "Ivan Sokolov"


def test_quote_inside_a_reported_clause_keeps_the_clause(attributed):
    doc = attributed("He said that the plan was “dead on arrival” and would never pass.")
    [(kind, content, source, _)] = _said(doc)
    assert content == "that the plan was “dead on arrival” and would never pass" and source == "He"


def test_according_to_and_org_positions(attributed):
    doc = attributed("According to the Giffords Law Center to Prevent Gun Violence, the laws save lives. "
                     "The Free Nations of Post-Russia Forum calls for the dissolution of Russia.")
    found = {(content, actor) for _, content, _, actor in _said(doc)}
    assert ("the laws save lives", "Giffords Law Center to Prevent Gun Violence") in found
    assert ("the dissolution of Russia", "Free Nations of Post-Russia Forum") in found


def test_a_cue_inside_a_quotation_belongs_to_it(attributed):
    doc = attributed("“I think we will lose the vote,” Sokolov said.")
    assert [k for k, *_ in _said(doc)] == ["quote"]


def test_author_voice_with_and_without_a_byline(attributed):
    text = "Russia is weaker than it looks. “We will win,” Sokolov said."
    with_byline = attributed(text, author="Sarah Fields")
    authored = [a for a in with_byline._.attributions if a.kind == "author"]
    assert [a.content.text for a in authored] == ["Russia is weaker than it looks"]
    assert authored[0].actor.name == "Sarah Fields"
    without = attributed(text)
    assert [a.actor for a in without._.attributions if a.kind == "author"] == [None]


def test_iter_attributions_gives_format_5_records(attributed):
    text = "Critics say the plan will fail. “It will work,” Sokolov said."
    rows = list(iter_attributions(attributed(text)))
    assert all(isinstance(r, Attribution) and r.doc_id == "t" for r in rows)
    assert {(r.kind, text[r.content[0]:r.content[1]], text[r.source[0]:r.source[1]]) for r in rows} == {
        ("reported", "the plan will fail", "Critics"), ("quote", "“It will work,”", "Sokolov")}
    assert json.loads(json.dumps(rows[0].to_json()))["content"]["start"] == rows[0].content[0]


# Floor on a PolNeAR dev sample: measured 0.746 on the first 12 dev articles,
# minus a margin for parser differences across platforms.
POLNEAR_SAMPLE = 12
POLNEAR_FLOOR = 0.68


def test_polnear_dev_sample_stays_above_the_floor(attributed, shared_dir):
    sys.path.insert(0, str(shared_dir / "eval"))
    import score_attribution

    with open(shared_dir / "data" / "polnear" / "dev.jsonl", encoding="utf-8") as f:
        docs = [json.loads(line) for _, line in zip(range(POLNEAR_SAMPLE), f)]
    preds = []
    for d in docs:
        doc = attributed(d["text"])
        doc._.doc_id = d["id"]
        preds.extend(r.to_json() for r in iter_attributions(doc))
    f1 = score_attribution.score(docs, preds)["source_and_content"]["f1"]
    assert f1 >= POLNEAR_FLOOR


def test_a_poll_headline_label_is_the_polls_finding(attributed):
    doc = attributed("Poll: Sanders Leads Clinton In Iowa\n\nThe race is close.")
    assert ("quote", "Sanders Leads Clinton In Iowa", "Poll", None) in _said(doc)
