"""Is this text English? A cheap check on the share of common English words.

The pipeline (an English spaCy model, English cue and stance lexicons) reads
only English; on German or Russian text it would find nonsense actors and
claims. Running English prose is 25-35% common function words ("the",
"that", "with", …: ``data/english_function_words.txt``); other languages,
even in Latin script, stay under 4%. Words shared with other languages
("in", "a", "die", "was") are left out of the list on purpose. Measured on
seeds, guns, polnear and allsides (21,000 articles): no English article
under 10%.

>>> english_share("The minister said that the plan would work.") > 0.3
True
>>> looks_english("Der Minister sagte, dass der Plan funktionieren werde. " * 8)
False
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["english_share", "looks_english", "has_words"]

# Below this share of common English words a long enough text is another language.
MIN_ENGLISH_SHARE = 0.05
# Letters a text needs before its share means anything: headlines alone say little.
MIN_LETTERS = 150

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    text = resources.files("graphbuild").joinpath("data", "english_function_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def has_words(text: str) -> bool:
    """True when the text has at least one word (letters, not just digits and symbols).

    >>> has_words("12:30 -- !!!"), has_words("Ok.")
    (False, True)
    """
    return _WORD.search(text) is not None


def english_share(text: str) -> float:
    """Share of the words of ``text`` that are common English function words (0 without words).

    >>> english_share("Die Regierung hat es beschlossen.")
    0.0
    """
    words = _WORD.findall(text)
    if not words:
        return 0.0
    known = _function_words()
    return sum(w.lower() in known for w in words) / len(words)


def looks_english(text: str) -> bool:
    """False only for a text long enough to judge with almost no common English words.

    Short texts pass: a headline or a one-line test document is not enough
    to tell, and refusing English is worse than reading a short foreign text.

    >>> looks_english("Kurz."), looks_english("Москва заявила, что санкции не работают. " * 6)
    (True, False)
    """
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return True
    return english_share(text) >= MIN_ENGLISH_SHARE
