"""Site furniture a line shows on its own, and the record a scan keeps of what it found.

A line that matches a pattern of ``data/boilerplate.yaml`` ("Share",
"© 2023 <outlet>", "The post <title> appeared first on <outlet>"), a photo
credit, an all-caps teaser linking another story, a banner in another
script than the article, a hover card scraped in after a name: each is
furniture wherever it stands. Each rule marks its range in a :class:`Scan`,
with the metadata the line gave away; :func:`graphbuild.text.boilerplate.scan`
runs them and then the rules that need a line's neighbours or place.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from graphbuild.lexicons import load_yaml
from graphbuild.text.lines import Line, script, split_lines
from graphbuild.text.metadata import parse_date

__all__ = ["FurnitureRules", "Scan", "blank_banners", "blank_hover_cards", "furniture_rules", "line_furniture"]

# Priority of outlet hints: an explicit "appeared first on" beats a copyright line.
_OUTLET_RANK = {"appeared_first": 0, "published_by": 1, "copyright": 2, "source": 3, "byline_block": 4}


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
    # (ranges list, its length, sorted starts, running max of ends): see covered().
    _index: tuple | None = field(default=None, repr=False, compare=False)

    def blank(self, start: int, end: int) -> None:
        """Mark ``start:end`` as furniture (an empty range is ignored).

        >>> s = Scan()
        >>> s.blank(0, 5); s.blank(7, 7)
        >>> s.ranges
        [(0, 5)]
        """
        if end > start:
            self.ranges.append((start, end))

    def add_author(self, name: str) -> None:
        """Add a byline author once.

        >>> s = Scan()
        >>> s.add_author("Ann Lee"); s.add_author("Ann Lee")
        >>> s.authors
        ['Ann Lee']
        """
        if name not in self.authors:
            self.authors.append(name)

    def offer_outlet(self, outlet: str | None, rule: str) -> None:
        """Take ``outlet`` if the rule that found it is more trusted than the one before.

        >>> s = Scan()
        >>> s.offer_outlet("The Daily Planet.", "source"); s.offer_outlet("Metro", "copyright")
        >>> s.outlet
        'Metro'
        """
        rank = _OUTLET_RANK.get(rule, 50)
        # A syndicate that distributes a column is not the outlet that published it.
        if outlet and rank < self._outlet_rank and not furniture_rules().distributor.search(outlet):
            self.outlet, self._outlet_rank = outlet.strip(" .,"), rank

    def offer_date(self, date: str | None, rank: int) -> None:
        # A fuller date (day known) from an equally trusted line wins over a bare year.
        """Take ``date`` if its line is more trusted (lower ``rank``), or as trusted and fuller.

        >>> s = Scan()
        >>> s.offer_date("2024", 3); s.offer_date("2024-05-17", 3); s.offer_date("2023-01-01", 4)
        >>> s.date
        '2024-05-17'
        """
        if date and (rank < self._date_rank or (rank == self._date_rank and len(date) > len(self.date or ""))):
            self.date, self._date_rank = date, rank

    def covered(self, start: int, end: int) -> bool:
        """True if one range holds all of ``start:end``.

        Asked once per line, so it must not scan every range: a page of
        thousands of furniture lines ("Share" 30,000 times) made the scan
        quadratic. Ranges sorted by start with the running maximum of their
        ends answer by bisection; the index is rebuilt only when ranges change.

        >>> s = Scan(ranges=[(0, 10), (5, 30)])
        >>> s.covered(2, 8), s.covered(2, 20), s.covered(12, 30)
        (True, False, True)
        """
        ranges = self.ranges
        if self._index is None or self._index[0] is not ranges or self._index[1] != len(ranges):
            ordered = sorted(ranges)
            reach, furthest = [], -1
            for _, e in ordered:
                furthest = max(furthest, e)
                reach.append(furthest)
            self._index = (ranges, len(ranges), [s for s, _ in ordered], reach)
        _, _, starts, reach = self._index
        i = bisect_right(starts, start) - 1
        return i >= 0 and reach[i] >= end


@dataclass(frozen=True)
class FurnitureRules:
    """The patterns of ``data/boilerplate.yaml``, compiled (see :func:`furniture_rules`)."""

    lines: list[tuple[str, re.Pattern]]
    anywhere: list[tuple[str, re.Pattern]]
    caption_credit: re.Pattern
    caption_cue: re.Pattern
    header_fields: frozenset[str]
    header_label: re.Pattern
    distributor: re.Pattern
    about_author: re.Pattern
    tail_headings: frozenset[str]
    hover_card_end: re.Pattern
    hover_card_copy: str
    hover_card_reach: int


@lru_cache(maxsize=1)
def furniture_rules() -> FurnitureRules:
    """The patterns of ``data/boilerplate.yaml``, compiled once.

    >>> rules = furniture_rules()
    >>> rules is furniture_rules(), dict(rules.lines)["widget"].match("Share") is not None
    (True, True)
    """
    lex = load_yaml("boilerplate.yaml")
    return FurnitureRules(
        lines=[(name, re.compile(p)) for name, p in lex["lines"].items()],
        anywhere=[(name, re.compile(p)) for name, p in lex["anywhere"].items()],
        caption_credit=re.compile(lex["caption_credit"]),
        caption_cue=re.compile(lex["caption_cue"]),
        header_fields=frozenset(f.lower() for f in lex["header_fields"]),
        header_label=re.compile(lex["header_label"]),
        distributor=re.compile(lex["distributor"]),
        about_author=re.compile(lex["about_author"]),
        tail_headings=frozenset(h.lower() for h in lex["tail_headings"]),
        hover_card_end=re.compile(lex["hover_card_end"]),
        hover_card_copy=lex["hover_card_copy"],
        hover_card_reach=int(lex["hover_card_reach"]),
    )


def blank_banners(text: str, lines: list[Line], result: Scan) -> None:
    """Blank the first and last lines written in another script than the article
    (a Russian legal banner over an English text).

    >>> text = "Данное сообщение создано иноагентом\\nIt rained all day in the city, and the river rose."
    >>> s = Scan(); blank_banners(text, split_lines(text), s)
    >>> [text[a:b] for a, b in s.ranges]
    ['Данное сообщение создано иноагентом']
    """
    body = script(text)
    for seq in (lines[:3], lines[::-1][:3]):
        for line in seq:
            letters = sum(c.isalpha() for c in line.text)
            if letters < 10 or script(line.text) == body:
                break
            result.blank(line.start, line.end)


_SURNAME = re.compile(r"([A-Z][\w'’-]+)\s")


def blank_hover_cards(text: str, result: Scan) -> None:
    """Blank the hover cards scraped into sentences after a name (see ``hover_card_end``
    in ``data/boilerplate.yaml``); the name as written and the sentence stay.

    >>> text = "Sen. Ann Lee Ann LeeBudget talks stall MORE (R-Ohio) said no."
    >>> s = Scan(); blank_hover_cards(text, s)
    >>> [text[a:b] for a, b in s.ranges]
    ['Ann LeeBudget talks stall MORE']
    """
    rules = furniture_rules()
    done = 0
    for end in rules.hover_card_end.finditer(text):
        lo = max(done, end.start() - rules.hover_card_reach, text.rfind("\n", 0, end.start()) + 1)
        window = text[lo:end.start()]
        # the card starts after the name that its full form repeats, surname last; the
        # surname is glued to the first headline ("HatchTrump to …") but for a few cards
        starts = [(copy.group(1) is None, name.end()) for name in _SURNAME.finditer(window)
                  if (copy := re.match(rules.hover_card_copy + re.escape(name.group(1)) + r"(?:(?=[A-Z0-9'‘’\"“])|(\s))",
                                       window[name.end():]))]
        if starts:
            result.blank(lo + min(starts, key=lambda s: (not s[0], s[1]))[1], end.end())
        done = end.end()


def line_furniture(line: Line, rules: FurnitureRules, lex: dict, result: Scan) -> str | None:
    """Blank ``line`` if it is furniture on its own; the name of the rule that said so.

    >>> text = "Share\\nIt rained."
    >>> s = Scan()
    >>> [line_furniture(ln, furniture_rules(), load_yaml("boilerplate.yaml"), s) for ln in split_lines(text)]
    ['widget', None]
    >>> [text[a:b] for a, b in s.ranges]
    ['Share']
    """
    if len(line.text) <= lex["max_line"] and (name := _match_line(line, rules.lines, result)):
        return name
    for name, pattern in rules.anywhere:
        if pattern.search(line.text):
            result.blank(line.start, line.end)
            return name
    if len(line.text) <= lex["max_caption"] and rules.caption_credit.search(line.text):
        result.blank(line.start, line.end)
        return "caption_credit"
    if len(line.text) <= lex["max_line"] and _all_caps_teaser(line.text):
        result.blank(line.start, line.end)
        return "teaser"
    return None


def _match_line(line: Line, rules: list[tuple[str, re.Pattern]], result: Scan) -> str | None:
    for name, pattern in rules:
        m = pattern.match(line.text)
        if not m:
            continue
        hints = {k: v for k, v in m.groupdict().items() if v}
        date = parse_date(hints.get("date"))
        if "date" in pattern.groupindex and hints.get("date") and not date:
            continue  # "Posted on the wall" is not a date line
        if name == "published_on" and not date:
            continue
        if "keep" in hints:
            result.blank(line.start, line.start + m.start("keep"))
            result.blank(line.start + m.end("keep"), line.end)
        else:
            result.blank(line.start, line.end)
        result.offer_outlet(hints.get("outlet") or hints.get("source"), name)
        result.offer_date(date, 2 if name == "copyright" else 1)
        if hints.get("title") and not result.title:
            result.title = hints["title"].strip()
        return name
    return None


def _all_caps_teaser(s: str) -> bool:
    # "RUSSIA'S PUTIN MAKES SURPRISE VISIT": an inline link to another story. Lines ending in ":"
    # are kept because transcripts label speakers that way ("ROBERT SIEGEL, HOST:").
    letters = [c for c in s if c.isalpha()]
    return (
        len(s.split()) >= 3 and len(letters) >= 15 and not s.endswith(":")
        and not any(c.islower() for c in s) and any(c.isupper() for c in s)
    )
