"""Cross-document resolution of actor names (graphbuild.identity)."""
from __future__ import annotations

import random

from graphbuild.identity import place_of, resolve_actors


def groups(names, **kw):
    r = resolve_actors(names, **kw)
    return r, {n: r.key(n) for n, _ in names}


def test_people_named_several_ways_are_one():
    names = [("Charles E. Grassley", "Person"), ("Chuck Grassley", "Person"), ("Grassley", "Person"),
             ("Sen. Charles Grassley", "Person"), ("Javad Zarif", "Person"), ("Mohammad Javad Zarif", "Person"),
             ("Bill Pascrell Jr.", "Person"), ("Bill Pascrell", "Person"), ("De Blasio", "Person"),
             ("Bill de Blasio", "Person"), ("Senate Majority Leader Mitch McConnell", "Person"),
             ("Mitch McConnell", "Person"), ("Mr. McConnell", "Person")]
    r, key = groups(names)
    assert len({key[n] for n, _ in names[:4]}) == 1
    assert r.label("Grassley") == "Charles E. Grassley"  # the fullest form
    assert key["Javad Zarif"] == key["Mohammad Javad Zarif"]
    assert key["Bill Pascrell"] == key["Bill Pascrell Jr."] and r.label("Bill Pascrell") == "Bill Pascrell Jr."
    assert key["De Blasio"] == key["Bill de Blasio"]
    assert len({key[n] for n, _ in names[-3:]}) == 1 and r.label("Mr. McConnell") == "Mitch McConnell"


def test_conflicting_given_names_and_initials_stay_apart():
    names = [("John F. Kerry", "Person"), ("John D. Kerry", "Person"), ("Hillary Clinton", "Person"),
             ("Chelsea Clinton", "Person"), ("Clinton", "Person"), ("Bob Smith", "Person"), ("Bill Smith", "Person")]
    r, key = groups(names)
    assert key["John F. Kerry"] != key["John D. Kerry"]
    assert len({key["Hillary Clinton"], key["Chelsea Clinton"], key["Clinton"]}) == 3
    assert r.ambiguous["clinton"] == ["Chelsea Clinton", "Hillary Clinton"]
    assert key["Bob Smith"] != key["Bill Smith"]


def test_a_surname_joins_a_person_who_dominates_it():
    names = [("Donald Trump", "Person")] * 6 + [("Melania Trump", "Person"), ("Trump", "Person")]
    r, key = groups(names)
    assert key["Trump"] == key["Donald Trump"] != key["Melania Trump"]
    even = [("Hillary Clinton", "Person")] * 2 + [("Bill Clinton", "Person")] * 2 + [("Clinton", "Person")]
    r, key = groups(even)
    assert key["Clinton"] not in {key["Hillary Clinton"], key["Bill Clinton"]}


def test_groups_acronyms_and_organisations():
    names = [("Democrat", "Group"), ("Democrats", "Group"), ("House Democrats", "Group"),
             ("EPA", "Organization"), ("Environmental Protection Agency", "Organization"),
             ("IRS", "Organization"), ("Paul", "Person"), ("Rand Paul", "Person")]
    r, key = groups(names)
    assert key["Democrat"] == key["Democrats"] != key["House Democrats"]
    assert r.label("Democrat") == "Democrats" and r.type("Democrat") == "Group"
    assert key["EPA"] == key["Environmental Protection Agency"]
    assert r.label("EPA") == "Environmental Protection Agency" and r.label("IRS") == "IRS"
    assert key["Paul"] == key["Rand Paul"]


def test_pinned_names_are_never_merged_with_each_other():
    names = [("Bill Barr", "Person"), ("William Barr", "Person")]
    assert groups(names)[1]["Bill Barr"] == groups(names)[1]["William Barr"]
    r, key = groups(names, pinned=["Bill Barr", "William Barr"])
    assert key["Bill Barr"] != key["William Barr"]


def test_resolution_is_a_function_of_the_names_not_their_order():
    names = [("Bob Tanner", "Person"), ("Robert Tanner", "Person"), ("Tanner", "Person"), ("Ann Lee", "Person"),
             ("Lee", "Person"), ("Socialist", "Organization"), ("Socialists", "Organization")] * 2
    first = resolve_actors(names)
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        again = resolve_actors(shuffled)
        assert {n: (again.key(n), again.label(n)) for n, _ in names} == \
               {n: (first.key(n), first.label(n)) for n, _ in names}


def test_data_files():
    assert place_of("Kyiv") == "Ukraine" and place_of("Washington") == "United States"
    assert place_of("Ky.") == "Kentucky" and place_of("Springfield Rifle") is None
