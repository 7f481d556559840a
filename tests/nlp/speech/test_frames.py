"""Quotation frames: each quotation tied to its cue and speaker (graphbuild/nlp/speech/frames.py)."""
from __future__ import annotations


def _quotes(doc):
    return [(a.actor.name if a.actor else None, a.content.text) for a in doc._.attributions if a.kind == "quote"]


def test_a_quotation_paragraph_goes_on_after_a_frame_that_ends_the_paragraph_before(attributed):
    doc = attributed("“The talks have failed because Washington broke its promises,” Li Wen told a news "
                     "briefing on Thursday.\n\n“Farmers in Iowa are now paying for this dispute.”")
    # one content, as PolNeAR's discontinuous contents: the first quotation to the last
    [(speaker, content)] = _quotes(doc)
    assert speaker == "Li Wen" and content.startswith("“The talks") and content.endswith("this dispute.”")


def test_no_continuation_when_someone_else_speaks_in_between(attributed):
    doc = attributed("“The talks have failed,” Li Wen told reporters. A trade official said the talks would "
                     "resume next week.\n\n“Farmers in Iowa are now paying for this dispute.”")
    assert not any("Farmers" in content and speaker == "Li Wen" for speaker, content in _quotes(doc))


def test_a_transcript_quoted_whole_speaks_through_its_labels(attributed):
    doc = attributed("A partial transcript follows.\n\n"
                     "\"HOLT: Let us start with the budget, which passed the House last night.\n\n"
                     "\"BARRETT: Thank you, and I think the budget is a disaster for working families.\"")
    quotes = _quotes(doc)
    assert [speaker for speaker, _ in quotes] == ["HOLT", "BARRETT"]
    assert quotes[0][1].startswith("Let us start") and quotes[1][1].startswith("Thank you")
