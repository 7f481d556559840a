"""
Cue words
---------

The lemma under which a token is looked up in the cue lexicons, with the
model's known lemmatisation slips repaired from ``lemma_fixes.tsv``
("hoping" → "hop" would hide the verb of attitude "hope").
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

__all__ = ["cue_lemma"]


@lru_cache(maxsize=None)
def _fixes() -> dict[str, str]:
    text = resources.files("graphbuild.data").joinpath("lemma_fixes.tsv").read_text(encoding="utf-8")
    rows = (l.split("\t") for l in text.splitlines() if l.strip() and not l.startswith("#"))
    return {form.strip(): lemma.strip() for form, lemma in rows}


def cue_lemma(tok: Token) -> str:
    """The token's lemma, lowercased, as the cue lexicons spell it.

    >>> cue_lemma(nlp("He is hoping to win.")[2])  # doctest: +SKIP
    'hope'
    """
    return _fixes().get(tok.lower_) or tok.lemma_.lower()
