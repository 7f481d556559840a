"""
Survey findings
---------------

"In a new Fox News poll, Trump leads Cruz 45 to 33": a clause that opens
with a finding "in" a survey of opinion (``survey_nouns.txt``) is the
survey's content, with the survey
as source and "in" as cue, as PolNeAR annotates them. "In" later in the clause ("she trails in the
polls", "a lead in the polls") is the writer's own summary. A clause whose own
verb is a reporting verb ("In the poll, 40 percent said …") is left to that
verb.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from ...lexicons import load_lexicon
from .cues import cue_lemma
from .spans import source_range, trim

__all__ = ["survey_cue_parts"]


def _clause(tok: Token) -> Token | None:
    return tok.head if tok.head.pos_ in {"VERB", "AUX"} else None


def survey_cue_parts(doc: Doc, reporting: set[str] | frozenset[str] | dict) -> Iterator[
        tuple[Token, tuple[int, int], tuple[int, int], Token]]:
    """``(cue token, source range, content range, survey noun)`` for every
    finding reported "in" a survey; ``reporting`` are the reporting verbs'
    lemmas, whose clauses are left alone.

    >>> doc = nlp("In a new poll, Trump leads Cruz.")
    >>> [doc[c[0]:c[1]].text for _, _, c, _ in survey_cue_parts(doc, set())]
    ['Trump leads Cruz']
    """
    nouns = load_lexicon("survey_nouns.txt")
    for tok in doc:
        if tok.lower_ != "in" or tok.dep_ != "prep":
            continue
        noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if noun is None or noun.lemma_.lower() not in nouns or noun.pos_ != "NOUN":
            continue
        clause = _clause(tok)
        if clause is None or cue_lemma(clause) in reporting:
            continue
        sent = clause.sent
        lo, hi = max(clause.left_edge.i, sent.start), min(clause.right_edge.i + 1, sent.end)
        if tok.left_edge.i > lo:
            continue  # "a lead in the polls", "she trails in the polls": the writer's own summary
        lo, hi = trim(doc, tok.right_edge.i + 1, hi)
        if hi - lo >= 3:
            src = source_range(noun)
            yield tok, src, (lo, hi), noun
