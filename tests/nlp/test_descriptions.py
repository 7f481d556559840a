"""Descriptions that stand for an actor (graphbuild/nlp/descriptions.py), through the resolver."""
from __future__ import annotations

import pytest

from graphbuild.nlp.descriptions import issuer, organisation_name, principal


def _speakers(doc):
    return [(a.source.text, a.actor.name if a.actor else None) for a in doc._.attributions if a.kind != "author"]


@pytest.mark.parametrize("text, source, actor", [
    ("The Obama administration claimed the changes would produce jobs.", "The Obama administration",
     "Obama administration"),
    ("“The deal is a violation,” the Russian foreign ministry said in a statement.",
     "the Russian foreign ministry", "Russian foreign ministry"),
])
def test_an_organisation_noun_with_a_naming_modifier_is_that_organisation(attributed, text, source, actor):
    assert (source, actor) in _speakers(attributed(text))


def test_the_administration_is_the_last_administration_named(attributed):
    doc = attributed("Critics believe the Trump administration is reviving a risky battle. "
                     "The administration wants a federal court to strike the protections.")
    assert ("The administration", "Trump administration") in _speakers(doc)


def test_a_persons_office_or_spokesman_speaks_for_the_person(attributed):
    doc = attributed("Maria Ocampo-Reyes filed the bill on Monday. The goal is to end coal power by 2030, "
                     "Ocampo-Reyes's office told reporters.")
    assert ("Ocampo-Reyes's office", "Maria Ocampo-Reyes") in _speakers(doc)


def test_the_statement_speaks_for_whoever_issued_it(attributed):
    doc = attributed("The Commerce Ministry released a scathing statement on Friday.\n\n"
                     "“This move undermines the world trade order,” the statement said.")
    assert ("the statement", "Commerce Ministry") in _speakers(doc)


def test_descriptions_that_name_no_one(nlp_base):
    doc = nlp_base("The new committee said the statement was false, and the office closed.")
    committee, statement, office = doc[2], doc[6], doc[12]
    assert organisation_name(committee) is None  # no naming modifier
    assert issuer(statement) is None  # no statement was issued before
    assert principal(office) is None  # no one's office
