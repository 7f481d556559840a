"""
Acts that show a position
-------------------------

A position shows in what someone does, not only in what they say: a
signature, a vote, a decision ("Trump has lifted the Clean Power Plan
regulations", "Ocasio-Cortez and Markey will roll out an outline", "The
Wall Street Journal editorialized against remaining in the pact"). A verb
is such an act when its lemma, with its particle or preposition, is in
``act_verbs.txt``, or when it acts "against" something or "in favor of" it
(any verb: "ruled against", "testified in favor of"). Whether the act
supports or opposes a claim is left to the stance step; this only says
whose position the words are (:mod:`graphbuild.nlp.positions`).
"""
from __future__ import annotations

from spacy.tokens import Token

from ...lexicons import load_lexicon

__all__ = ["is_act"]

_PARTICLES = {"prt", "prep"}


def _phrases(verb: Token) -> set[str]:
    """The verb's lemma alone and with its particles and prepositions: "roll out", "pull out of"."""
    lemma = verb.lemma_.lower()
    out = {lemma}
    for c in verb.children:
        if c.dep_ in _PARTICLES:
            out.add(f"{lemma} {c.lower_}")
            out.update(f"{lemma} {c.lower_} {g.lower_}" for g in c.children if g.dep_ == "prep")
        if c.dep_ == "dobj":
            # "take aim at": the object noun and its preposition
            out.update(f"{lemma} {c.lower_} {g.lower_}" for g in c.children if g.dep_ == "prep")
    return out


def _against_or_for(verb: Token) -> bool:
    """ "editorialized against …", "testified in favor of …"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "against" and any(g.dep_ in {"pobj", "pcomp"} for g in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and any(
                g.dep_ == "pobj" and g.lower_ in {"favor", "favour"} for g in c.children):
            return True
    return False


def is_act(verb: Token) -> bool:
    """True for a verb whose act shows its subject's position on its object.

    >>> is_act(nlp("Trump has lifted the rules.")[2]), is_act(nlp("Trump has read the rules.")[2])
    (True, False)
    """
    if verb.pos_ != "VERB":
        return False
    return bool(_phrases(verb) & load_lexicon("act_verbs.txt")) or _against_or_for(verb)
