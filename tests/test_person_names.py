"""A person's name read on its own, and two names that may be one person (graphbuild.person_names)."""
from __future__ import annotations

from graphbuild.person_names import may_be_one_person, nickname_equivalent, parse_person


def test_data_files():
    assert nickname_equivalent("Chuck", "Charles") and nickname_equivalent("Mike", "Michael")
    assert not nickname_equivalent("Hillary", "Bill")


def test_titles_and_suffixes_are_not_the_name():
    assert parse_person("Senate Majority Leader Mitch McConnell") == parse_person("Mitch McConnell")
    assert parse_person("Mr. McConnell").given == () and parse_person("Mr. McConnell").surname == "mcconnell"
    assert parse_person("Bill Pascrell Jr.").given == ("bill",)
    assert parse_person("Bill Pascrell Jr.").parts > parse_person("Bill Pascrell").parts


def test_initials_are_compared_where_there_are_only_initials():
    assert may_be_one_person(parse_person("B. Hinkle"), parse_person("Barton Hinkle"))
    assert not may_be_one_person(parse_person("A. Hinkle"), parse_person("Barton Hinkle"))
    assert may_be_one_person(parse_person("Javad Zarif"), parse_person("Mohammad Javad Zarif"))
