"""The lines of an article and what they look like: prose, a photo's tag slug, a script.

Scraped articles put each paragraph, caption, heading and widget on a line of
its own, so :mod:`graphbuild.text.furniture` and :mod:`graphbuild.text.boilerplate`
judge furniture line by line. These helpers only describe a line's shape; what to
blank is decided there.

>>> [ln.text for ln in split_lines("  Title  \\r\\n\\r\\nBody text.\\n")]
['Title', 'Body text.']
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from graphbuild.text.metadata import find_date

__all__ = ["Line", "SENTENCE_END", "split_lines", "script", "is_prose", "is_tag_line", "is_headline", "is_title_case", "prose_run"]

# Captions and paragraphs end like sentences; headlines and lists of links do not.
SENTENCE_END = re.compile(r"(?:[.!?][\"'”’)\]]*|\))$")


@dataclass(frozen=True)
class Line:
    """One non-blank line: offsets of its first and after its last non-space character."""

    start: int
    end: int
    text: str  # the stripped line


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with offsets into ``text``; ``\\r\\n`` and ``\\r`` end lines too.

    >>> split_lines("a\\n  b c ")
    [Line(start=0, end=1, text='a'), Line(start=4, end=7, text='b c')]
    """
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(m.start() + lead, m.start() + lead + len(stripped), stripped))
    return out


def script(s: str) -> str | None:
    """The writing system most letters of ``s`` belong to.

    >>> script("Данное сообщение"), script("Hello"), script("123")
    ('CYRILLIC', 'LATIN', None)
    """
    if s.isascii():
        # the common case, answered without naming every letter in Unicode
        return "LATIN" if any(c.isalpha() for c in s) else None
    counts = Counter(_script_of(c) for c in s if c.isalpha())
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=4096)
def _script_of(letter: str) -> str:
    return unicodedata.name(letter, "?").split()[0]


def is_prose(s: str) -> bool:
    """A paragraph of running text: eight words or more, ending like a sentence.

    >>> is_prose("The sanctions have cut deeply into the Russian economy."), is_prose("Related Content")
    (True, False)
    """
    return len(s.split()) >= 8 and bool(SENTENCE_END.search(s))


def is_tag_line(s: str, max_words: int) -> bool:
    """A photo's keyword slug: capitalised words only, no punctuation, no lower-case word.

    Headlines and subheads have lower-case function words ("How the West Can
    Help") or end in punctuation ("What Comes Next?"); a slug has neither.

    >>> is_tag_line("Crimea Russia Putin Anniversary", 8), is_tag_line("How the West Can Help", 8)
    (True, False)
    """
    words = s.split()
    return (
        1 <= len(words) <= max_words and any(c.isalpha() for c in s)
        and all(w[0].isupper() or w[0].isdigit() for w in words)
        and not re.search(r"[.!?:;,\"“”]", s)
    )


def is_headline(s: str, max_words: int, max_chars: int) -> bool:
    """Could ``s``, the first line of an article, be its headline?

    A headline is one short phrase: no full stop at the end or between sentences,
    no dateline "(CNN)" or full date (those open a lede or a photo caption).

    >>> is_headline("Dealing with Moscow after Russia is defeated in Ukraine", 20, 150)
    True
    >>> is_headline("The divide is real. Anybody but Ashley?", 20, 150)
    False
    >>> is_headline("Sen. Warren speaks in Des Moines, Iowa, August 10, 2019", 20, 150)
    False
    """
    words = s.split()
    return (
        2 <= len(words) <= max_words and len(s) <= max_chars and s[-1] not in ".,;:" and not s.startswith("(")
        and not (s.isupper() and len(words) <= 3)  # "USA TODAY": an outlet or section label
        and not re.search(r"[a-z0-9][.!?][\"'”’]?\s+\S", s)
        and not ((found := find_date(s)) and found[0].count("-") == 2)
    )


def is_title_case(s: str) -> bool:
    """Is ``s`` written in title case, as headlines are? Three words or more, and
    every word of four letters or more starts with a capital ("of", "to", "the"
    may stay small).

    >>> is_title_case("Storm Leaves Thousands of Homes Without Power")
    True
    >>> is_title_case("The storm left Jane Doe without power")
    False
    """
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", s)]
    long = [w for w in words if len(w) >= 4]
    return len(words) >= 3 and bool(long) and all(w[0].isupper() for w in long)


def prose_run(lines: list[Line], start: int) -> int:
    """Index of the first line, at or after ``start``, of a run of article prose (``len(lines)`` if none).

    A run is three prose lines in a row, or prose that goes on to the last line:
    a link list's one-paragraph summary between short lines is not a run.

    >>> p = "This sentence is a paragraph of real article prose here."
    >>> prose_run(split_lines(f"Link one\\n{p}\\nType: Analysis\\n{p}\\n{p}"), 0)
    3
    """
    for i in range(start, len(lines)):
        run = 0
        while i + run < len(lines) and is_prose(lines[i + run].text):
            run += 1
        if run >= 3 or (run and i + run == len(lines)):
            return i
    return len(lines)
