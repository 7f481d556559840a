"""One article as a :class:`~graphbuild.models.Document`: its text kept exactly as
read, its furniture marked and the metadata the record lacks found in the text.

A plain ``.txt`` file, an ``.html`` page (the article text taken out with
trafilatura) or a corpus record all end here; :mod:`graphbuild.text.ingest`
finds them and :mod:`graphbuild.text.corpus` reads corpus lines.

>>> doc = document_from_text("a", "Sanctions Work\\nBy Jane Doe\\nThey do.\\n© 2024 Daily Planet")
>>> doc.title, doc.authors, doc.outlet, len(doc.clean_text) == len(doc.text)
('Sanctions Work', ('Jane Doe',), 'Daily Planet', True)
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graphbuild.errors import InputError
from graphbuild.models import Document
from graphbuild.text.boilerplate import scan
from graphbuild.text.language import has_words
from graphbuild.text.metadata import parse_date, split_authors

__all__ = ["document_from_text", "document_from_html", "check_words"]


def document_from_text(
    doc_id: str,
    text: str,
    *,
    source_path: str | Path | None = None,
    title: str | None = None,
    authors: Sequence[str] | str = (),
    date: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Document:
    """A :class:`Document` with boilerplate marked and missing metadata found in the text.

    Metadata passed in wins over metadata discovered in the text, but for
    the authors: a byline or closing bio in the text that names someone the
    record does not comes first (scraped author fields often list a site's
    other writers; the text names its own).

    >>> d = document_from_text("a", "Big News\\nBy Jane Doe\\nIt rained.\\nShare")
    >>> d.title, d.authors, d.clean_text.split()
    ('Big News', ('Jane Doe',), ['Big', 'News', 'It', 'rained.'])
    """
    found = scan(text, title=title or None)
    if isinstance(authors, str):
        authors = split_authors(authors)
    return Document(
        id=doc_id,
        text=text,
        title=title or found.title,
        authors=_authors(tuple(authors), tuple(found.authors)),
        date=(parse_date(date) or date) if date else found.date,
        outlet=outlet or found.outlet,
        url=url or None,
        source_path=str(source_path) if source_path is not None else None,
        boilerplate=tuple(found.ranges),
        title_span=found.title_span,
    )


def _authors(given: tuple[str, ...], found: tuple[str, ...]) -> tuple[str, ...]:
    """The record's authors with the writers the text names: after them when the
    text's byline shares one of them (co-authors the record left out), before
    them when it shares none (the record lists other people).

    >>> _authors(("Ann Lee", "Bo Chan"), ("Dana Whitfield",))
    ('Dana Whitfield', 'Ann Lee', 'Bo Chan')
    >>> _authors(("Ann Lee",), ("Ann Lee", "Dana Whitfield"))
    ('Ann Lee', 'Dana Whitfield')
    >>> _authors(("Dana Whitfield",), ("Dana R. Whitfield",))
    ('Dana Whitfield',)
    """
    surnames = {n.split()[-1].lower() for n in given if n.split()}
    named = tuple(n for n in found if n.split() and n.split()[-1].lower() not in surnames)
    return given + named if len(named) < len(found) else named + given


def check_words(text: str, path: Path, line: int | None = None) -> None:
    """Raise an :class:`InputError` naming the file (and line) when the text holds no words.

    >>> check_words("12 345 -- 6", "a.txt", 3)
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: a.txt:3: no words in the text, only digits, punctuation or symbols
    """
    if not has_words(text):
        raise InputError(path, "no words in the text, only digits, punctuation or symbols", line=line)


def document_from_html(path: Path, html: str) -> Document:
    """The article of an HTML page: its text, title, authors and date taken out by trafilatura.

    >>> page = "<html><head><title>Taxes</title></head><body><article><p>" + "Taxes should rise. " * 20 + "</p></article></body></html>"
    >>> d = document_from_html(Path("page.html"), page)
    >>> d.id, d.text.split()[:3]
    ('page', ['Taxes', 'should', 'rise.'])
    """
    import trafilatura  # heavy import, only when there is HTML to read

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    get = (lambda name: getattr(meta, name, None) or None) if meta else (lambda name: None)
    authors = tuple(a.strip() for a in (get("author") or "").split(";") if a.strip())
    return document_from_text(
        path.name.rsplit(".", 1)[0], text, source_path=path, title=get("title"),
        authors=authors, date=get("date"), outlet=get("sitename"), url=get("url"),
    )
