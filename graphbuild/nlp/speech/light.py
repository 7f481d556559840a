"""
Light-verb cues
---------------

A verb with little meaning of its own whose object carries the speech or
the attitude: "Rubio made the case for amnesty", "Trump took a swipe at
Bush", "Sanders has no plans to drop out", "He made it clear that he would
stay". The verb and its noun are the cue (``light_verbs.txt``), the verb's
subject the source, and the content the object of the noun's preposition
(attached to the noun or, as the parser often does, to the verb) or the
clause the noun or the verb takes.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterator

from spacy.tokens import Doc, Token

from .cues import cue_lemma

__all__ = ["light_verbs", "light_cue_parts"]

# dependency labels under which the noun hangs on its verb ("made it clear":
# ccomp; "made clear Monday": amod of the time word)
_NOUN_DEPS = {"dobj", "oprd", "acomp", "attr", "ccomp", "amod", "npadvmod", "advmod", "dep"}
_CLAUSE_DEPS = {"ccomp", "xcomp", "acl", "relcl", "advcl"}
# how far after the verb its noun may stand ("took a firm stance against")
_NOUN_WINDOW = 5


@lru_cache(maxsize=None)
def light_verbs() -> dict[str, dict[str, frozenset[str]]]:
    """``{verb lemma: {noun lemma: prepositions (and "that")}}``.

    >>> "at" in light_verbs()["take"]["swipe"]
    True
    """
    text = resources.files("graphbuild.data").joinpath("light_verbs.txt").read_text(encoding="utf-8")
    out: dict[str, dict[str, frozenset[str]]] = {}
    for line in text.splitlines():
        words = line.split()
        if len(words) < 3 or words[0].startswith("#"):
            continue
        out.setdefault(words[0], {})[words[1]] = frozenset(words[2:])
    return out


def _noun(verb: Token, nouns: dict[str, frozenset[str]]) -> Token | None:
    doc = verb.doc
    for tok in doc[verb.i + 1:min(verb.i + 1 + _NOUN_WINDOW, verb.sent.end)]:
        if tok.lemma_.lower() not in nouns:
            continue
        if tok.head.i == verb.i and tok.dep_ in _NOUN_DEPS or tok.head.head.i == verb.i and tok.dep_ == "amod":
            return tok
    return None


def _clause(tok: Token, after: int) -> Token | None:
    for c in tok.rights:
        if c.i > after and c.dep_ in _CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"}:
            return c
    return None


def light_cue_parts(doc: Doc) -> Iterator[tuple[Token, tuple[int, int], tuple[int, int]]]:
    """``(verb, cue range, content range)`` of every light-verb cue of a
    parsed Doc, in token indices; the source is the verb's subject.

    >>> doc = nlp("She took issue with the ruling.")
    >>> [(doc[c[0]:c[1]].text, doc[t[0]:t[1]].text) for _, c, t in light_cue_parts(doc)]
    [('took issue with', 'the ruling')]
    """
    table = light_verbs()
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        nouns = table.get(cue_lemma(verb))
        noun = _noun(verb, nouns) if nouns else None
        if noun is None:
            continue
        allowed = nouns[noun.lemma_.lower()]
        comp, cue_end = None, noun.i + 1
        for holder in (noun, verb):
            for c in holder.rights:
                if c.i > noun.i and c.dep_ in {"prep", "dative"} and c.lower_ in allowed:
                    comp = next((p for p in c.children if p.dep_ in {"pobj", "pcomp"}), None)
                    if comp is not None:
                        cue_end = c.i + 1
                        break
            if comp is None and "that" in allowed:
                comp = _clause(holder, noun.i)
            if comp is not None:
                break
        if comp is None:
            continue
        lo, hi = comp.left_edge.i, min(comp.right_edge.i + 1, verb.sent.end)
        if lo <= noun.i:
            lo = cue_end
        if hi - lo >= 1:
            yield verb, (verb.i, cue_end), (lo, hi)
