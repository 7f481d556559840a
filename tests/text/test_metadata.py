"""Dates, bylines, author names and bios found in article text (graphbuild/metadata.py)."""
from __future__ import annotations

import pytest

from graphbuild.text.metadata import (bio_author, find_date, is_person_name, name_with_role, parse_byline, parse_date,
                                      split_authors)


@pytest.mark.parametrize(("raw", "iso"), [
    ("2024-11-05", "2024-11-05"),
    ("November 5, 2024", "2024-11-05"),
    ("Nov. 5 2024", "2024-11-05"),
    ("5th of nothing, November 5th, 2024", "2024-11-05"),
    ("5 November 2024", "2024-11-05"),
    ("11/5/2024", "2024-11-05"),
    ("Sept. 2019", "2019-09"),
    ("2023", "2023"),
    ("Thursday, November 14, 2024", "2024-11-14"),
])
def test_parse_date_reads_common_layouts(raw, iso):
    assert parse_date(raw) == iso


@pytest.mark.parametrize("raw", [None, "", "someday", "13/45/2024", "Posted on the wall"])
def test_parse_date_refuses_what_is_not_a_date(raw):
    assert parse_date(raw) is None


def test_find_date_gives_the_first_date_and_its_offsets():
    s = "Tags: Russia Breaking Up Russia December 29, 2025 By: X, updated January 2, 2026"
    iso, start, end = find_date(s)
    assert iso == "2025-12-29"
    assert s[start:end] == "December 29, 2025"


@pytest.mark.parametrize(("name", "expected"), [
    ("Brandon J. Weichert", True),
    ("Sarah Fields", True),
    ("Ludwig van Beethoven", True),
    ("Janusz Bugajski", True),
    ("Madonna", False),  # one word is not enough to tell a name from a word
    ("The Washington Post", False),
    ("Senior Foreign Affairs Correspondent", False),
    ("President Vladimir Putin", False),  # a title, not a byline
    ("RUSSIA MAKES SURPRISE VISIT", False),
    ("the end of the war", False),
])
def test_is_person_name(name, expected):
    assert is_person_name(name) is expected


def test_split_authors_keeps_order_drops_quotes_and_joins_suffixes():
    assert split_authors('Katie Pavlich, "Cortney OBrien" and Leah Barkoukis') == (
        "Katie Pavlich", "Cortney OBrien", "Leah Barkoukis")
    assert split_authors("John Smith, Jr., Jane Doe") == ("John Smith, Jr.", "Jane Doe")
    assert split_authors("") == ()


@pytest.mark.parametrize(("line", "names"), [
    ("By: Sarah Fields, Senior Foreign Affairs Correspondent", ("Sarah Fields",)),
    ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ("BY JANE DOE", None),  # all capitals reads as a headline, not a name
    ("By Katherine Jacobsen | Updated", ("Katherine Jacobsen",)),
    ("By the end of the war, Russia was broke.", None),
    ("Stand by your man", None),
])
def test_parse_byline(line, names):
    found = parse_byline(line)
    assert (found[0] if found else None) == names


def test_parse_byline_reports_where_a_trailing_byline_starts():
    line = "Breaking Up Russia Is a Dangerous Fantasy December 29, 2025 By: Brandon J. Weichert"
    names, start = parse_byline(line)
    assert names == ("Brandon J. Weichert",)
    assert line[start:].startswith("By:")


@pytest.mark.parametrize(("paragraph", "name"), [
    ("Janusz Bugajski is a Senior Fellow at the Jamestown Foundation in Washington DC.", "Janusz Bugajski"),
    ("Mark Penn is a managing partner of the Stagwell Group, a private equity firm.", "Mark Penn"),
    ("Nicholas Fondacaro is a media analyst for NewsBusters and the Media Research Center.",
     "Nicholas Fondacaro"),
    ("Dana R. Whitfield is president, CEO, and John Q. Adams Fellow in Energy Policy at the Center for "
     "Market Studies.", "Dana R. Whitfield"),
    ("Lena Ortiz is director of the Climate Law Project at Westbrook University.", "Lena Ortiz"),
    ("Vladimir Putin is a threat to the security of Europe.", None),
    ("Capitol Attitude is a weekly column written by members of the Fox News Capitol Hill team.", None),
    ("The Kremlin is the seat of power in Russia.", None),
])
def test_bio_author(paragraph, name):
    assert bio_author(paragraph) == name


@pytest.mark.parametrize(("line", "name"), [
    ("Jane Doe / Opinion contributor", "Jane Doe"),
    ("Marcus Bell | Senior Correspondent", "Marcus Bell"),
    ("Kin Cheung/Associated Press", None),  # a photo credit
    ("Judith Miller, Fox News", None),  # a pundit quoted in a roundup
    ("By Patrik Jonsson, Staff writer", None),  # a "By" byline, read by parse_byline
    ("Hedge Fund Partners, Political Opposites", None),  # a headline
])
def test_name_with_role(line, name):
    assert name_with_role(line) == name
