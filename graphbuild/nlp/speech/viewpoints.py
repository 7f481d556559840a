"""
Viewpoint frames
----------------

Phrases that make the rest of a sentence someone's view without a reporting
verb: "according to X", "in his eyes" / "in her view" (lexicon
``perspective_nouns.txt``), "To Manchin, …". Each gives a cue's parts (the
frame word, its span, the source span, the content span and the source's
head token) for :func:`.reported.find_cues`.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from ...lexicons import load_lexicon
from .spans import source_range, trim

__all__ = ["viewpoint_cue_parts"]

# (frame token, cue span, source span, content span, source head)
Parts = tuple[Token, tuple[int, int], tuple[int, int], tuple[int, int], Token]


def viewpoint_cue_parts(doc: Doc) -> Iterator[Parts]:
    """Cue parts of every viewpoint frame of ``doc``.

    >>> doc = nlp("In her view, the bill goes too far.")
    >>> [doc[c[3][0]:c[3][1]].text for c in viewpoint_cue_parts(doc)]
    ['the bill goes too far']
    """
    yield from _according_to(doc)
    yield from _perspective(doc)


def _according_to(doc: Doc) -> Iterator[Parts]:
    for tok in doc[:-1]:
        if tok.lower_ != "according" or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) or next(
            (c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        src = source_range(obj)
        src = (src[0], max(src[1], obj.i + 1))
        sent = tok.sent
        before = trim(doc, sent.start, tok.i)
        after = trim(doc, src[1], sent.end)
        if before[1] - before[0] >= 2 and after[1] - after[0] >= 2:
            lo, hi = before[0], after[1]  # "X, according to Y, is Z"
        else:
            lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
        if hi - lo >= 2:
            yield tok, (tok.i, tok.i + 2), src, (lo, hi), obj


def _to_whom(tok: Token) -> Parts | None:
    """ "To Manchin, the compromise fell victim to misinformation": a sentence
    opening with "To" and a named person or a pronoun, then a comma, gives
    that person's view."""
    doc, sent = tok.doc, tok.sent
    start = sent.start
    while start < sent.end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    if tok.lower_ != "to" or tok.i != start or tok.dep_ != "prep":
        return None
    holder = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if holder is None or not (holder.ent_type_ == "PERSON" or (holder.pos_ == "PROPN" and not holder.ent_type_)
                              or holder.lower_ in ("him", "her", "them")):
        return None
    end = holder.right_edge.i + 1
    if end >= sent.end or doc[end].text != ",":
        return None
    lo, hi = trim(doc, end + 1, sent.end)
    if hi - lo < 3:
        return None
    return tok, (tok.i, tok.i + 1), source_range(holder), (lo, hi), holder


def _perspective(doc: Doc) -> Iterator[Parts]:
    """ "In his eyes, independence can only be achieved …", "In her view, …":
    a framing phrase whose possessive is the holder of the sentence's view
    (lexicon ``perspective_nouns.txt``)."""
    nouns = load_lexicon("perspective_nouns.txt")
    for tok in doc:
        frame = _to_whom(tok)
        if frame is not None:
            yield frame
            continue
        if tok.lower_ != "in" or tok.dep_ != "prep":
            continue
        noun = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in nouns), None)
        holder = next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None
        if holder is None:
            continue
        sent = tok.sent
        before = trim(doc, sent.start, tok.left_edge.i)
        after = trim(doc, noun.right_edge.i + 1, sent.end)
        lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
        if hi - lo >= 3:
            yield tok, (tok.i, noun.i + 1), (holder.i, holder.i + 1), (lo, hi), holder
