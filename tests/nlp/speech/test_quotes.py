"""Direct quotations found in raw text, whatever the quote style."""
from __future__ import annotations

import pytest

from graphbuild.nlp.speech.quotes import Quote, find_quotes


def _texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize("text, expected", [
    ("“We won,” she said.", ["“We won,”"]),
    ("He called it ‘a fluke’ and left.", ["‘a fluke’"]),
    ('"Yes," I said. "No," you said.', ['"Yes,"', '"No,"']),
    # guillemets and low-high marks open like curly quotes
    ("Il a dit «non» hier.", ["«non»"]),
])
def test_every_quote_style(text, expected):
    assert _texts(text) == expected


def test_apostrophes_never_close_a_single_quotation():
    text = "She called it ‘the people’s choice, don’t forget’ twice."
    assert _texts(text) == ["‘the people’s choice, don’t forget’"]


def test_a_mark_inside_an_open_quotation_is_ignored():
    text = "“He said ‘no’ twice,” she recalled."
    assert _texts(text) == ["“He said ‘no’ twice,”"]


def test_em_dash_dialogue_is_the_whole_line():
    text = "The minister spoke.\n— We will win, — he said.\nNo more."
    assert _texts(text) == ["— We will win, — he said."]


def test_a_dash_inside_a_sentence_is_no_dialogue():
    assert _texts("The plan — he said — is dead.") == []


def test_quotation_reopened_on_the_next_paragraph_continues():
    text = "“First paragraph of the speech.\n\n“Second paragraph,” he said.\n\nAfter."
    [q] = find_quotes(text)
    assert text[q.start:q.end] == "“First paragraph of the speech.\n\n“Second paragraph,”"


def test_unclosed_quotation_ends_with_its_paragraph():
    text = "“Never closed here.\n\nNew paragraph without marks."
    assert _texts(text) == ["“Never closed here."]


def test_inner_strips_the_marks_and_min_words_filters():
    text = "“Go,” he said, “now and fast.”"
    quotes = find_quotes(text, min_words=2)
    assert len(quotes) == 1
    s, e = quotes[0].inner(text)
    assert text[s:e] == "now and fast."
    assert Quote(0, 5).inner("“Go,”") == (1, 4)

