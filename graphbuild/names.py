"""Actor names: the keys that merge them and the name a mention displays.

Two keys, for two jobs. :func:`normalize_name` decides which names are one
actor across documents (it gives actor IRIs and alias-file look-ups), so it
drops only what never changes who is meant: case, accents, punctuation,
possessives, a leading "the" and courtesy titles ("Dr. Ana Núñez's" is "Ana
Nunez", "General Smith" stays a general). :func:`actor_key` merges the
mentions of one actor inside one document, where "Sen. Rand Paul", "Rand
Paul" and "Paul" meet, so it also drops ranks and initials.
:func:`canonical_name` is the name a mention displays, and :func:`fold_name`
the key of the name lists in ``data/`` (nicknames, places).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicons import load_table

if TYPE_CHECKING:  # annotations only: names work on any token-like objects
    from spacy.tokens import Span, Token

__all__ = ["normalize_name", "actor_key", "canonical_name", "titles", "fold_name"]


_POSSESSIVE = re.compile(r"['\u2019\u02bc]s\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=None)
def titles(*kinds: str) -> frozenset[str]:
    """Titles of the given kinds (``courtesy``, ``honorific``, ``office``; all without kinds), from ``titles.tsv``.

    >>> sorted(titles("courtesy"))
    ['messrs', 'miss', 'mr', 'mrs', 'ms', 'mx']
    >>> "general" in titles(), "general" in titles("courtesy", "honorific")
    (True, False)
    """
    table = load_table("titles.tsv")
    return frozenset(t for t, kind in table.items() if not kinds or kind in kinds)


def normalize_name(name: str) -> str:
    """The comparison key of an actor name: case, accents, punctuation, titles.

    >>> normalize_name("the Free Nations of Post-Russia Forum")
    'free nations of post russia forum'
    >>> normalize_name("Dr. Ana Núñez's")
    'ana nunez'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.casefold())
    words = _NON_WORD.sub(" ", text).split()
    # A leading article, then any titles: "the Rev. Dr. X" is X.
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    # Ranks and offices stay: "General" may be the only name given.
    dropped = titles("courtesy", "honorific")
    while len(words) > 1 and words[0] in dropped:
        words = words[1:]
    return " ".join(words)


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fold_name(text: str) -> str:
    """A name as the name lists (``nicknames.tsv``, ``places.tsv``) are looked up: case, accents and
    extra spaces off, punctuation kept.

    >>> fold_name("  José   the U.S. ")
    'jose the u.s.'
    """
    return " ".join(_strip_accents(text).casefold().split())


def actor_key(name: str) -> str:
    """A normalised key for merging actor names.

    Lowercase, no accents, honorifics, single-letter initials, leading
    "the", possessive endings or punctuation.

    >>> actor_key("Dr. Ivan  Sokolov")
    'ivan sokolov'
    >>> actor_key("Brandon J. Weichert") == actor_key("Brandon Weichert")
    True
    >>> actor_key("the Free Nations of Post-Russia Forum")
    'free nations of post russia forum'
    """
    s = _strip_accents(name).lower()
    s = re.sub(r"[’']s\b", "", s)
    words = re.sub(r"[^\w\s]", " ", s).split()
    honor = titles()
    while len(words) > 1 and (words[0] in honor or words[0] == "the"):
        words.pop(0)
    kept = [w for w in words if len(w) > 1]
    return " ".join(kept or words)


def canonical_name(tokens: list[Token] | Span) -> str:
    """The display name of a mention: no leading det/honorifics, no "'s".

    >>> canonical_name(nlp("the Sen. Ted Cruz's"))
    'Ted Cruz'
    """
    toks = list(tokens)
    honor = titles()
    while toks and (toks[0].lower_ in {"the", "a", "an"} or toks[0].tag_ == "DT"):
        toks.pop(0)
    while len(toks) > 1 and toks[0].lower_.rstrip(".") in honor:
        toks.pop(0)
    while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if not toks:
        return ""
    doc = toks[0].doc
    return doc[toks[0].i:toks[-1].i + 1].text
