"""
Direct quotations
-----------------

Find the quoted passages of a text as character ranges, whatever the quote
style: curly double (“ ”), curly single (‘ ’), straight double (" or the
'' of newspaper archives), and dialogue introduced by an em dash at the
start of a paragraph.

Rules
=====
- Curly quotes pair opening with closing marks; an opening mark inside an
  open quotation is ignored.
- Straight double quotes (" and '') alternate open/close within a
  paragraph; in mixed text a straight mark that looks like a closing one
  (after a word, before a space or punctuation) closes a curly quotation,
  and a curly closing mark closes a straight one.
- A curly single quote is a closing mark only when it is not an apostrophe
  (not followed by a letter), so “don’t” never closes a ‘quotation’.
- A quotation left open at the end of a paragraph continues when the next
  paragraph opens with a quote mark (the newspaper convention for
  multi-paragraph quotations); otherwise it ends with the paragraph.

The ranges include the quote marks, as PolNeAR content spans do.
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

__all__ = ["Quote", "find_quotes"]

_OPEN_CURLY = "“„«"
_CLOSE_CURLY = "”»"
_DASHES = "—―"


class Quote(NamedTuple):
    """A quoted passage: ``start``/``end`` include the marks."""

    start: int
    end: int

    def inner(self, text: str) -> tuple[int, int]:
        """The range without the surrounding quote marks.

        >>> Quote(0, 6).inner("“Yes,”")
        (1, 5)
        """
        s, e = self.start, self.end
        while s < e and text[s] in "“„«‘\"'":
            s += 1
        while e > s and text[e - 1] in "”»’\"'":
            e -= 1
        return s, e


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _is_apostrophe(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev = text[i - 1] if i > 0 else " "
    return nxt.isalpha() or (prev.isalpha() and nxt.isalnum())


def _straight(text: str, i: int) -> int:
    """Width of a straight double mark at ``i``: '"', or "''" as in wire and
    newspaper archives (0 when there is none)."""
    if text[i] == '"':
        return 1
    return 2 if text.startswith("''", i) else 0


def _looks_closing(text: str, i: int, width: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    return not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)—–-")


def _scan(text: str, start: int, end: int, open_at: int | None) -> tuple[list[Quote], int | None]:
    """Quotes in one paragraph; ``open_at`` is a quotation carried over."""
    quotes: list[Quote] = []
    single_open: int | None = None
    i = start
    while i < end:
        ch = text[i]
        width = _straight(text, i)
        if open_at is not None:
            # inside a double quotation only a closing mark counts; scraped
            # text mixes styles (“…," / "…”), so a straight mark that looks
            # like a closing one closes a curly quotation and vice versa
            opened = _straight(text, open_at)
            closes = width == opened if width and opened else (
                ch in _CLOSE_CURLY or (width and _looks_closing(text, i, width)))
            if closes:
                quotes.append(Quote(open_at, i + width if width else i + 1))
                open_at = None
                i += max(width, 1)
                continue
        elif ch in _OPEN_CURLY or width:
            open_at = i
            single_open = None
            i += max(width, 1)
            continue
        elif ch == "‘" and single_open is None:
            prev = text[i - 1] if i > start else " "
            if not prev.isalnum():
                single_open = i
        elif ch == "’" and single_open is not None and not _is_apostrophe(text, i):
            quotes.append(Quote(single_open, i + 1))
            single_open = None
        i += 1
    return quotes, open_at


def _dialogue(text: str, start: int, end: int) -> Quote | None:
    """A paragraph that opens with an em dash is a line of dialogue."""
    s = start
    while s < end and text[s].isspace():
        s += 1
    if s < end and text[s] in _DASHES and s + 1 < end and text[s + 1].isspace():
        return Quote(s, end)
    return None


def find_quotes(text: str, *, min_words: int = 1) -> list[Quote]:
    """Every quoted passage in ``text``, sorted by start.

    Args:
        text: the document text.
        min_words: drop quotations with fewer words than this.

    >>> t = '“We won,” she said. He called it ‘a fluke’. "Yes," I said.'
    >>> [t[q.start:q.end] for q in find_quotes(t)]
    ['“We won,”', '‘a fluke’', '"Yes,"']
    """
    out: list[Quote] = []
    open_at: int | None = None
    last_para_end = 0
    for p_start, p_end in _paragraphs(text):
        if open_at is not None:
            first = text[p_start:p_end].lstrip()[:1]
            if not first or first not in _OPEN_CURLY + '"\'':
                out.append(Quote(open_at, last_para_end))
                open_at = None
            else:
                # skip the re-opening mark of a continued quotation
                lead = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
                p_start = lead + max(1, _straight(text, lead))
        d = _dialogue(text, p_start, p_end) if open_at is None else None
        if d is not None:
            out.append(d)
            last_para_end = p_end
            continue
        quotes, open_at = _scan(text, p_start, p_end, open_at)
        out.extend(quotes)
        last_para_end = p_end
    if open_at is not None:
        out.append(Quote(open_at, last_para_end))
    out = [q for q in out if len(text[q.start:q.end].split()) >= min_words]
    return sorted(out)
