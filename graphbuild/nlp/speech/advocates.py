"""
Positions held as a description
-------------------------------

A position is often told by what someone is rather than by what they said:
"Warren has been perhaps the deal's most vocal critic", "Kasich remains a
defender of the TPP", "Harris, Warren and Booker are backers of the Sanders
plan", "Jane Doe, a longtime advocate of gun control, said …". A noun of
``position_nouns.txt`` that is the predicate of a copula (be, remain,
become) or an apposition to a name holds its subject's (or the name's)
position on what it is "of"/"for", or on its possessive or compound
("the deal's critic", "a longtime Trump supporter"). The content is the
noun phrase.

The same holds of a stance noun of ``backing_nouns.txt`` whose "of" names
who holds it: "The concept has the backing of Booker, Gillibrand and
Harris" is their position on the concept; the content is the clause.

:mod:`graphbuild.nlp.positions` resolves the holders and adds the positions.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from ...lexicons import load_lexicon
from .spans import trim

__all__ = ["described_positions"]

_COPULAS = {"be", "remain", "become", "stay"}
_ABOUT_PREPS = {"of", "for"}


def _about(noun: Token) -> Token | None:
    """What a position noun is about: its "of"/"for" object, else its possessive or compound."""
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in _ABOUT_PREPS:
            obj = next((p for p in c.children if p.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:
                return obj
    return next((c for c in noun.lefts if c.dep_ in {"poss", "compound"} and c.pos_ in {"NOUN", "PROPN"}), None)


def _holder(noun: Token) -> Token | None:
    """Who holds the position: the subject of the copula it is the predicate of,
    or the name it stands in apposition to."""
    if noun.dep_ in {"attr", "oprd"} and noun.head.lemma_.lower() in _COPULAS:
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if noun.dep_ == "appos" and noun.head.pos_ in {"PROPN", "NOUN"}:
        return noun.head
    return None


def _clause_subject(noun: Token) -> Token | None:
    """The subject of the clause a backing noun is the object of: "The concept has the backing of …"."""
    verb = noun.head
    if noun.dep_ not in {"dobj", "pobj"}:
        return None
    if noun.dep_ == "pobj":  # "with the support of …" hangs on the clause's verb
        verb = verb.head
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None) \
        if verb.pos_ in {"VERB", "AUX"} else None


def described_positions(doc: Doc) -> Iterator[tuple[Token, Token, tuple[int, int]]]:
    """(cue noun, holder token, content token range) of every described position.

    >>> [(n.text, h.text) for n, h, _ in described_positions(nlp("Kasich remains a defender of the TPP."))]
    [('defender', 'Kasich')]
    """
    positions = load_lexicon("position_nouns.txt")
    backing = load_lexicon("backing_nouns.txt")
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        lemma = tok.lemma_.lower()
        if lemma in positions:
            holder = _holder(tok)
            about = _about(tok)
            if holder is None or about is None or holder.i == about.i:
                continue
            lo, hi = trim(doc, tok.left_edge.i, tok.right_edge.i + 1)
            if hi > lo and not lo <= holder.i < hi:
                yield tok, holder, (lo, hi)
        elif lemma in backing:
            of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            holder = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
            subject = _clause_subject(tok)
            if holder is None or holder.pos_ != "PROPN" or subject is None:
                continue
            sent = tok.sent
            lo, hi = trim(doc, sent.start, sent.end)
            yield tok, holder, (lo, hi)
