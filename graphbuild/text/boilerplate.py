"""Find site furniture in an article: ranges to blank, and the metadata it carries.

Nothing is cut: :func:`scan` returns ``(start, end)`` ranges that
:attr:`graphbuild.models.Document.clean_text` blanks, so every offset stays an
offset into the text as read. Furniture lines often carry metadata ("The post
<title> appeared first on <outlet>", "© 2023 <outlet>", "By: <name>"), so the
scan also returns what it learned. Patterns live in ``data/boilerplate.yaml``.

>>> text = "Big News\\nBy Jane Doe\\nIt rained.\\nRelated Content\\nOther story"
>>> s = scan(text)
>>> s.title, s.authors, [text[a:b] for a, b in s.ranges]
('Big News', ['Jane Doe'], ['By Jane Doe', 'Related Content\\nOther story'])
"""
from __future__ import annotations

import re

from graphbuild.lexicons import load_yaml
from graphbuild.text.furniture import Scan, blank_banners, blank_hover_cards, furniture_rules, line_furniture
from graphbuild.text.lines import SENTENCE_END, Line, is_headline, is_tag_line, prose_run, split_lines
from graphbuild.text.metadata import (bio_author, find_date, is_person_name, is_role_line, name_with_role, parse_byline,
                                      split_authors)

__all__ = ["scan"]

# Rules whose lines belong to a photo: a tag line beside them is part of the photo too.
_CAPTION_RULES = {"caption_credit", "image_credit", "media_caption", "caption_widget", "gallery"}
_QUOTES = str.maketrans("‘’‚‛“”„‟′″", "''''\"\"\"\"'\"")


def scan(text: str, *, title: str | None = None) -> Scan:
    """Furniture ranges and metadata hints of ``text``; ``title`` is a title known from elsewhere.

    >>> text = "Big News\\nIt rained.\\nShare\\n© 2023 Daily Planet"
    >>> s = scan(text)
    >>> s.title, s.outlet, s.date, [text[a:b] for a, b in s.ranges]
    ('Big News', 'Daily Planet', '2023', ['Share', '© 2023 Daily Planet'])
    """
    result = Scan()
    lines = split_lines(text)
    if not lines:
        return result
    rules = furniture_rules()
    lex = load_yaml("boilerplate.yaml")
    blank_banners(text, lines, result)
    blank_hover_cards(text, result)
    kinds: dict[int, str] = {}
    head = []
    for i, line in enumerate(lines):
        near_top = i < lex["header_lines"] and line.start < 2000
        if near_top and _header_labels(line.text):
            head.append(line)  # a "Topic: … Tags: …" row is more than a "Tags:" line
        elif near_top and (writer := name_with_role(line.text)):
            result.blank(line.start, line.end)  # "Jane Doe / Opinion contributor"
            result.add_author(writer)
        elif kind := line_furniture(line, rules, lex, result):
            kinds[i] = kind
        elif near_top:
            head.append(line)
    # Second pass: a header line needs the title a trailer line may have given.
    for line in head:
        _byline_or_header(line, result, title)
    _bare_byline(head, result)
    _caption_tags(lines, kinds, result, title, lex["caption_tag_max_words"])
    _repeats(lines, rules.caption_cue, result)
    _tail_block(text, lines, rules.tail_headings, lex["tail_fraction"], result)
    _about_author(lines, rules.about_author, result)
    _closing_bio(lines, result)
    _title(text, lines, result, title)
    result.ranges = _merge(result.ranges)
    return result


def _bare_byline(head: list[Line], result: Scan) -> None:
    # "Susan Page" over "USA TODAY", "Wendy R. Sherman" over "Opinion columnist": a byline
    # without "By", told from a headline that is a name by the short affiliation or job
    # line under it.
    for line, nxt in zip(head, head[1:]):
        if result.covered(line.start, line.end) or result.covered(nxt.start, nxt.end):
            continue
        names = split_authors(line.text)
        words = nxt.text.split()
        job = is_role_line(nxt.text)
        if (names and all(is_person_name(n) for n in names) and 1 <= len(words) <= 4
                and not SENTENCE_END.search(nxt.text) and (nxt.text.isupper() or nxt.text.istitle() or job)
                and not is_person_name(nxt.text)):
            for name in names:
                result.add_author(name)
            if not job:
                result.offer_outlet(nxt.text, "byline_block")
            result.blank(line.start, line.end)
            result.blank(nxt.start, nxt.end)
            return


def _header_labels(s: str) -> list[re.Match]:
    """The field labels of a header row ("Topic: … Region: … Tags: …"), or [] if ``s`` is not one."""
    fields = furniture_rules().header_fields
    # "Diplomacy Blog Brand: " ends a value and starts a label, so the last word decides.
    labels = [m for m in furniture_rules().header_label.finditer(s)
              if m.group(1).lower() in fields or m.group(1).split()[-1].lower() in fields]
    # A row strings different fields from its start; a photo gallery repeats one ("Photos: … Photos: …").
    return labels if len({m.group(1) for m in labels}) >= 2 and labels[0].start() == 0 else []


def _byline_or_header(line: Line, result: Scan, title: str | None) -> None:
    byline = parse_byline(line.text)
    if byline and byline[1] == 0:
        result.blank(line.start, line.end)
        for name in byline[0]:
            result.add_author(name)
        return
    labels = _header_labels(line.text)
    if not labels:
        if byline is None and (found := find_date(line.text)) and found[1] == 0 and len(line.text) < 60:
            result.blank(line.start, line.end)  # a dateline of its own: "November 5, 2024 10:00 AM"
            result.offer_date(found[0], 1)
        return
    # "Topic: … Tags: …, and X <TITLE> <DATE> By: <Author>": blank all but a title known from elsewhere.
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
    known = title or result.title
    at = line.text.translate(_QUOTES).find(known.translate(_QUOTES), last_value, tail_end) if known else -1
    if at < 0:
        result.blank(line.start, line.end)
        return
    result.blank(line.start, line.start + at)
    result.blank(line.start + at + len(known), line.end)
    result.title = result.title or known
    result.title_span = (line.start + at, line.start + at + len(known))


def _caption_tags(lines: list[Line], kinds: dict[int, str], result: Scan, title: str | None,
                  max_words: int) -> None:
    # The first line is left alone: it is where an article's own headline sits.
    for i, kind in kinds.items():
        if kind not in _CAPTION_RULES:
            continue
        for j in (i - 1, i + 1):
            if 0 < j < len(lines) and j not in kinds:
                line = lines[j]
                if line.text != title and is_tag_line(line.text, max_words):
                    result.blank(line.start, line.end)


def _repeats(lines: list[Line], cue: re.Pattern, result: Scan) -> None:
    # A line printed twice in a row is mostly a photo caption (caption and alt text), but
    # sometimes the lede repeated as a standfirst. Both copies go when the pair looks like a
    # caption (photo words, or one pair in a row of pairs: a gallery); otherwise the first
    # copy stays. A headline-like line seen before (the headline again under the photo, a
    # link list) loses its later copies. An argument's sentence repeated for effect ends
    # like a sentence and is not next to its twin, so it stays.
    kept = [ln for ln in lines if not result.covered(ln.start, ln.end)]
    long = [len(ln.text) >= 30 and len(ln.text.split()) >= 5 for ln in kept]
    twin = [i > 0 and long[i] and kept[i].text == kept[i - 1].text for i in range(len(kept))]
    seen: set[str] = set()
    first = 0  # the line before the current run of twins (kept, not walked back to: quadratic)
    for i, line in enumerate(kept):
        if not twin[i]:
            first = i
        if twin[i]:
            result.blank(line.start, line.end)
            gallery = (first > 1 and twin[first - 1]) or (i + 2 < len(kept) and twin[i + 2])
            if SENTENCE_END.search(line.text) and (gallery or cue.search(line.text)):
                result.blank(kept[first].start, kept[first].end)
        elif long[i] and line.text in seen and not SENTENCE_END.search(line.text):
            result.blank(line.start, line.end)
        if long[i]:
            seen.add(line.text)


def _tail_block(text: str, lines: list[Line], headings: frozenset[str], fraction: float, result: Scan) -> None:
    # "Related Content" and the links under it, only near the end. The block ends where the
    # article's prose comes back: a run of three prose paragraphs, or prose to the very end
    # (a link summary is a prose paragraph too, but alone between short lines).
    cutoff = len(text) * (1 - fraction)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.start < cutoff or line.text.lower().rstrip(" :") not in headings:
            i += 1
            continue
        resume = prose_run(lines, i + 1)
        result.blank(line.start, lines[resume - 1].end if resume < len(lines) else len(text))
        i = resume


def _about_author(lines: list[Line], rule: re.Pattern, result: Scan) -> None:
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


def _closing_bio(lines: list[Line], result: Scan) -> None:
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


def _title(text: str, lines: list[Line], result: Scan, given: str | None) -> None:
    known = (given or result.title or "").strip()
    if result.title_span and (not given or text[slice(*result.title_span)] == given):
        return
    if known:
        result.title = known
        result.title_span = _locate(text, known, result)
        return
    first = next((ln for ln in lines if not result.covered(ln.start, ln.end)), None)
    # A line with furniture blanked inside it ("Media caption …") is no headline.
    if first is None or first is lines[-1] or any(s < first.end and first.start < e for s, e in result.ranges):
        return
    limits = load_yaml("boilerplate.yaml")["headline"]
    if first.start < limits["max_offset"] and is_headline(first.text, limits["max_words"], limits["max_chars"]):
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
