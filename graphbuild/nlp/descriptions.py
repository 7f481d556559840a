"""
Descriptions that stand for an actor
------------------------------------

Sources are often named by what they are, not by their name; each
function here reads one such description on the parse and gives the token
or the name it stands for, for :class:`graphbuild.nlp.actors.ActorResolver`:

- :func:`organisation_name`: an organisation noun (``org_nouns.txt``)
  whose modifiers name a person, nation or place is the organisation of
  that name: "the Obama administration" → "Obama administration", "the
  Russian foreign ministry" → "Russian foreign ministry".
- :func:`principal`: someone who speaks for a person named by a
  possessive (``proxy_nouns.txt``): "Ocasio-Cortez's office told NPR",
  "Trump's spokesman said" → the person.
- :func:`issuer`: a text that speaks (``statement_nouns.txt``): "the
  statement said" → whoever issued the last statement ("China's Commerce
  Ministry released a scathing statement"); "a press release from Paul
  Ryan's office" → its author.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import load_lexicon
from ..names import canonical_name

__all__ = ["issuer", "organisation_name", "principal"]

_NAMING = {"PERSON", "NORP", "GPE", "ORG"}
_MODIFIERS = {"compound", "amod", "nmod"}
_FROM = {"from", "by", "of", "for"}


def organisation_name(root: Token) -> str | None:
    """The name of an organisation described by its noun and a naming modifier.

    >>> organisation_name(nlp("The Obama administration said no.")[2])
    'Obama administration'
    """
    if root.pos_ not in {"NOUN", "PROPN"} or root.lemma_.lower() not in load_lexicon("org_nouns.txt"):
        return None
    mods = [c for c in root.lefts if c.dep_ in _MODIFIERS]
    if not any(c.ent_type_ in _NAMING for c in mods):
        return None
    first = min(c.left_edge.i for c in mods)
    words = [t for t in root.doc[first:root.i + 1] if t.dep_ != "case" and t.tag_ != "POS" and not t.is_punct]
    return canonical_name(words) or None


def principal(root: Token) -> Token | None:
    """The person a proxy noun speaks for: "Ocasio-Cortez's office", "the senator's spokeswoman".

    >>> principal(nlp("Dana Reyes's office declined to comment.")[3]).text
    'Reyes'
    """
    if root.lemma_.lower() not in load_lexicon("proxy_nouns.txt"):
        return None
    return next((c for c in root.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}), None)


def issuer(root: Token) -> Token | None:
    """Who a text that speaks comes from: the actor in its own phrase ("a press release
    from Paul Ryan's office", "the report for the Business Roundtable"), else for "the
    statement" the subject of the last clause before it that issued a text of that kind
    ("China's Commerce Ministry released a scathing statement").

    >>> issuer(nlp("A press release from the Acme Corporation said no.")[2]).text
    'Corporation'
    """
    lemma = root.lemma_.lower()
    if lemma not in load_lexicon("statement_nouns.txt"):
        return None
    for c in root.rights:
        if c.dep_ in {"prep", "agent"} and c.lower_ in _FROM:
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in _NAMING or obj.pos_ == "PROPN" or principal(obj) is not None):
                return obj
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in root.children):
        return None
    doc = root.doc
    for tok in reversed(doc[max(0, root.i - 150):root.i]):
        if tok.lemma_.lower() == lemma and tok.dep_ == "dobj":
            subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None
