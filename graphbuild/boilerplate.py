"""Find site furniture in an article: ranges to blank, and the metadata it carries.

Nothing is cut: :func:`scan` returns ``(start, end)`` ranges that
:attr:`graphbuild.models.Document.clean_text` blanks, so every offset stays an
offset into the text as read. Furniture lines often carry metadata ("The post
<title> appeared first on <outlet>", "© 2023 <outlet>", "By: <name>"), so the
scan also returns what it learned. Patterns live in ``data/boilerplate.yaml``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from graphbuild.metadata import _lexicon, bio_author, find_date, is_person_name, parse_byline, parse_date

__all__ = ["Scan", "scan"]

# Priority of outlet hints: an explicit "appeared first on" beats a copyright line.
_OUTLET_RANK = {"appeared_first": 0, "published_by": 1, "copyright": 2, "source": 3}
_HEADER_LABEL = re.compile(r"(?:^|(?<=\s))([A-Z][a-z]+(?: [A-Z][a-z]+)?):\s")
_CAPTION_CREDIT = re.compile(
    r"\((?:[^()]{0,160}?\b(?:Photo|Photos|Photograph|Pool|AP|AFP|Reuters|Getty Images|EPA|Shutterstock)\b[^()]{0,80}"
    r"|[A-Z][^()/]{1,60}/\s?[A-Z][^()]{1,60})\)\s*(?:AP|AFP|Reuters|Getty)?$"
)
_QUOTES = str.maketrans("‘’‚‛“”„‟′″", "''''\"\"\"\"'\"")


@dataclass
class Scan:
    """What :func:`scan` found: furniture ranges and the metadata they gave away."""

    ranges: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    title_span: tuple[int, int] | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: str | None = None
    _outlet_rank: int = 99
    _date_rank: int = 99

    def blank(self, start: int, end: int) -> None:
        if end > start:
            self.ranges.append((start, end))

    def add_author(self, name: str) -> None:
        if name not in self.authors:
            self.authors.append(name)

    def offer_outlet(self, outlet: str | None, rule: str) -> None:
        rank = _OUTLET_RANK.get(rule, 50)
        if outlet and rank < self._outlet_rank:
            self.outlet, self._outlet_rank = outlet.strip(" .,"), rank

    def offer_date(self, date: str | None, rank: int) -> None:
        # A fuller date (day known) from an equally trusted line wins over a bare year.
        if date and (rank < self._date_rank or (rank == self._date_rank and len(date) > len(self.date or ""))):
            self.date, self._date_rank = date, rank

    def covered(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.ranges)


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # the stripped line


@lru_cache(maxsize=1)
def _rules() -> tuple[list[tuple[str, re.Pattern]], re.Pattern, set[str]]:
    lex = _lexicon()
    lines = [(name, re.compile(p)) for name, p in lex["lines"].items()]
    return lines, re.compile(lex["about_author"]), {h.lower() for h in lex["tail_headings"]}


def _lines(text: str) -> list[_Line]:
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(m.start() + lead, m.start() + lead + len(stripped), stripped))
    return out


def _script(s: str) -> str | None:
    counts = Counter(unicodedata.name(c, "?").split()[0] for c in s if c.isalpha())
    return counts.most_common(1)[0][0] if counts else None


def scan(text: str, *, title: str | None = None) -> Scan:
    """Furniture ranges and metadata hints of ``text``; ``title`` is a title known from elsewhere.

    >>> s = scan("Big News\\nIt rained.\\nShare\\n© 2023 Daily Planet")
    >>> [text for text in (s.title, s.outlet, s.date)], s.ranges
    (['Big News', 'Daily Planet', '2023'], [(19, 24), (25, 44)])
    """
    result = Scan()
    lines = _lines(text)
    if not lines:
        return result
    line_rules, about_rule, tail_headings = _rules()
    max_line = _lexicon()["max_line"]
    _banners(text, lines, result)
    rest = []
    for i, line in enumerate(lines):
        if len(line.text) <= max_line and _match_line(line, line_rules, result):
            continue
        if _CAPTION_CREDIT.search(line.text) and len(line.text) < 600:
            result.blank(line.start, line.end)
        elif len(line.text) <= max_line and _all_caps_teaser(line.text):
            result.blank(line.start, line.end)
        elif i < 8 and line.start < 2000:
            rest.append(line)
    # Second pass: a header line needs the title a trailer line may have given.
    for line in rest:
        _byline_or_header(line, result, title)
    _tail_block(text, lines, tail_headings, result)
    _about_author(lines, about_rule, result)
    _repeats(lines, result)
    _closing_bio(text, lines, result)
    _title(text, lines, result, title)
    result.ranges = _merge(result.ranges)
    return result


def _banners(text: str, lines: list[_Line], result: Scan) -> None:
    # A notice in another script than the article (e.g. a Russian legal banner over an English text).
    body = _script(text)
    for seq in (lines[:3], lines[::-1][:3]):
        for line in seq:
            letters = sum(c.isalpha() for c in line.text)
            if letters < 10 or _script(line.text) == body:
                break
            result.blank(line.start, line.end)


def _match_line(line: _Line, rules: list[tuple[str, re.Pattern]], result: Scan) -> bool:
    for name, pattern in rules:
        m = pattern.match(line.text)
        if not m:
            continue
        hints = {k: v for k, v in m.groupdict().items() if v}
        date = parse_date(hints.get("date"))
        if "date" in pattern.groupindex and hints.get("date") and not date:
            continue  # "Posted on the wall" is not a date line
        if name in ("published_on",) and not date:
            continue
        result.blank(line.start, line.end)
        result.offer_outlet(hints.get("outlet"), name)
        result.offer_date(date, 2 if name == "copyright" else 1)
        if name == "source" and not result.outlet:
            result.offer_outlet(hints.get("source"), name)
        if hints.get("title") and not result.title:
            result.title = hints["title"].strip()
        return True
    return False


def _all_caps_teaser(s: str) -> bool:
    # "RUSSIA'S PUTIN MAKES SURPRISE VISIT": an inline link to another story. Lines ending in ":"
    # are kept because transcripts label speakers that way ("ROBERT SIEGEL, HOST:").
    letters = [c for c in s if c.isalpha()]
    return (
        len(s.split()) >= 3 and len(letters) >= 15 and not s.endswith(":")
        and not any(c.islower() for c in s) and any(c.isupper() for c in s)
    )


def _byline_or_header(line: _Line, result: Scan, title: str | None) -> None:
    byline = parse_byline(line.text)
    labels = list(_HEADER_LABEL.finditer(line.text))
    if byline and byline[1] == 0:
        result.blank(line.start, line.end)
        for name in byline[0]:
            result.add_author(name)
        return
    if len(labels) < 2 or labels[0].start() != 0:
        if byline is None and (found := find_date(line.text)) and found[1] == 0 and len(line.text) < 60:
            result.blank(line.start, line.end)  # a dateline of its own: "November 5, 2024 10:00 AM"
            result.offer_date(found[0], 1)
        return
    # "Topic: … Brand: … Tags: …, and X <TITLE> <DATE> By: <Author>": blank all but the title.
    tail_end = len(line.text)
    if byline:
        tail_end = byline[1]
        labels = [m for m in labels if m.start() < tail_end]
        for name in byline[0]:
            result.add_author(name)
    last_value = labels[-1].end()
    found = find_date(line.text[last_value:tail_end])
    if found:
        result.offer_date(found[0], 1)
        tail_end = last_value + found[1]
    span = _header_title(line.text, last_value, tail_end, title or result.title)
    if span is None:
        result.blank(line.start, line.end)
        return
    result.blank(line.start, line.start + span[0])
    result.blank(line.start + span[1], line.end)
    result.title = result.title or line.text[span[0]:span[1]]
    result.title_span = (line.start + span[0], line.start + span[1])


def _header_title(s: str, start: int, end: int, known: str | None) -> tuple[int, int] | None:
    if known:
        at = s.translate(_QUOTES).find(known.translate(_QUOTES), start, end)
        return (at, at + len(known)) if at >= 0 else None
    # Without a known title, guess the last tag of an "a, b, and c" list is two words long.
    region = s[start:end]
    m = re.search(r",? and (\S+ \S+) (?=\S)", region)
    if not m:
        return None
    title_start = start + m.end()
    title_end = start + len(region.rstrip())
    return (title_start, title_end) if title_end > title_start else None


def _tail_block(text: str, lines: list[_Line], headings: set[str], result: Scan) -> None:
    cutoff = len(text) * (1 - _lexicon()["tail_fraction"])
    for line in lines:
        if line.start >= cutoff and line.text.lower().rstrip(" :") in headings:
            result.blank(line.start, len(text))
            return


def _about_author(lines: list[_Line], rule: re.Pattern, result: Scan) -> None:
    for i, line in enumerate(lines):
        m = rule.match(line.text)
        if not m or not is_person_name(m["author"].rstrip(" .")):
            continue
        name = m["author"].rstrip(" .")
        result.blank(line.start, line.end)
        result.add_author(name)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt and name.split()[-1] in nxt.text:
            result.blank(nxt.start, nxt.end)


def _repeats(lines: list[_Line], result: Scan) -> None:
    # A long line seen before is a repeated caption or headline; the first copy stays.
    seen: set[str] = set()
    for line in lines:
        if len(line.text) >= 30 and len(line.text.split()) >= 5:
            if line.text in seen and not result.covered(line.start, line.end):
                result.blank(line.start, line.end)
            seen.add(line.text)


def _closing_bio(text: str, lines: list[_Line], result: Scan) -> None:
    kept = [ln for ln in lines if not result.covered(ln.start, ln.end)]
    if len(kept) < 3:
        return
    last = kept[-1]
    name = bio_author(last.text)
    if not name:
        return
    # The bio's subject is not discussed in the article; a named actor in the closing line is.
    surname = name.split()[-1]
    if any(surname in ln.text for ln in kept[:-1]):
        return
    result.blank(last.start, last.end)
    result.add_author(name)


def _title(text: str, lines: list[_Line], result: Scan, given: str | None) -> None:
    known = (given or result.title or "").strip()
    if result.title_span and (not given or text[slice(*result.title_span)] == given):
        return
    if known:
        result.title = known
        result.title_span = _locate(text, known, result)
        return
    first = next((ln for ln in lines if not result.covered(ln.start, ln.end)), None)
    if first is None or first is lines[-1]:
        return
    words = first.text.split()
    if len(first.text) <= 200 and 2 <= len(words) <= 30 and first.text[-1] not in ".,;:" and first.start < 1000:
        result.title, result.title_span = first.text, (first.start, first.end)


def _locate(text: str, title: str, result: Scan) -> tuple[int, int] | None:
    # Quotes are compared straight so "Putin's" finds "Putin’s"; the mapping keeps offsets.
    plain, needle = text.translate(_QUOTES), title.translate(_QUOTES)
    hits = [m.start() for m in re.finditer(re.escape(needle), plain)]
    for at in hits:
        if not result.covered(at, at + len(title)):
            return at, at + len(title)
    if not hits:
        return None
    # The title is only in furniture ("The post <title> appeared first on …"): keep it visible there.
    at, end = hits[0], hits[0] + len(title)
    carved = []
    for s, e in result.ranges:
        if s <= at and end <= e:
            carved += [(s, at), (end, e)]
        else:
            carved.append((s, e))
    result.ranges = [(s, e) for s, e in carved if e > s]
    return at, end


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
