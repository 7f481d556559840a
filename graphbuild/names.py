"""
Names and lexicons
------------------

Normalised actor keys and display names shared by the attribution
components, and the loader of the plain-text lexicons in
``graphbuild/data`` (one entry a line, ``#`` comments).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

__all__ = ["actor_key", "canonical_name", "load_lexicon", "load_table", "pronoun_classes"]


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> frozenset[str]:
    """Lines of ``graphbuild/data/<name>``, lowercased (comments and blanks skipped).

    >>> "mr" in load_lexicon("honorifics.txt")
    True
    """
    text = resources.files("graphbuild.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(l.strip().lower() for l in text.splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=None)
def load_table(name: str) -> dict[str, str]:
    """``{first column: second column}`` of a tab-separated lexicon in ``graphbuild/data``.

    >>> load_table("title_roles.tsv")["gov"]
    'governor'
    """
    rows = (line.split("\t", 1) for line in load_lexicon(name))
    return {key.strip(): value.strip() for key, value in rows}


def pronoun_classes() -> dict[str, str]:
    """``{pronoun: referent class}`` from ``pronouns.tsv``.

    >>> pronoun_classes()["she"], pronoun_classes()["they"]
    ('female', 'plural')
    """
    return load_table("pronouns.tsv")


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


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
    honor = load_lexicon("honorifics.txt")
    while len(words) > 1 and (words[0] in honor or words[0] == "the"):
        words.pop(0)
    kept = [w for w in words if len(w) > 1]
    return " ".join(kept or words)


def canonical_name(tokens: list[Token] | Span) -> str:
    """The display name of a mention: no leading det/honorifics, no "'s".

    >>> canonical_name(nlp("the Sen. Ted Cruz's"))  # doctest: +SKIP
    'Ted Cruz'
    """
    toks = list(tokens)
    honor = load_lexicon("honorifics.txt")
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
