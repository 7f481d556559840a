"""
Cue words
---------

The lemma under which a token is looked up in the cue lexicons, with the
model's known lemmatisation slips repaired from ``lemma_fixes.tsv``
("hoping" → "hop" would hide the verb of attitude "hope").
"""
from __future__ import annotations

from spacy.tokens import Token

from ...lexicons import load_table

__all__ = ["cue_lemma"]


def cue_lemma(tok: Token) -> str:
    """The token's lemma, lowercased, as the cue lexicons spell it.

    >>> cue_lemma(nlp("He is hoping to win.")[2])
    'hope'
    """
    return load_table("lemma_fixes.tsv").get(tok.lower_) or tok.lemma_.lower()
