"""Speaker mentions resolved to canonical actors by rules (no coreference model)."""
from __future__ import annotations

import pytest

from graphbuild.names import actor_key
from graphbuild.nlp.actors import ActorResolver


def _speakers(doc):
    return [(a.source.text, a.actor) for a in doc._.attributions if a.kind != "author"]


def _actor_of(doc, source_text):
    return next(actor for src, actor in _speakers(doc) if src == source_text)


def test_surname_resolves_to_the_full_name(attributed):
    doc = attributed("Akhmed Zakayev leads the government in exile. “We will win,” Zakayev told Foreign Policy.")
    assert _actor_of(doc, "Zakayev").name == "Akhmed Zakayev"
    assert _actor_of(doc, "Zakayev").type == "Person"


def test_titles_are_stripped_and_mr_finds_the_full_name(attributed):
    doc = attributed("Ivan Sokolov teaches politics. Mr. Sokolov said the regime could fracture. "
                     "Dr. Elena Klimova said the economy was in freefall.")
    assert _actor_of(doc, "Mr. Sokolov").name == "Ivan Sokolov"
    assert _actor_of(doc, "Mr. Sokolov").role is None  # a courtesy title is no role
    assert _actor_of(doc, "Dr. Elena Klimova").name == "Elena Klimova"


def test_pronoun_and_role_description_resolve_to_the_speaker(attributed):
    doc = attributed("Akhmed Zakayev spoke in Kyiv. The Chechen leader said the war was lost. "
                     "He added that Russia would collapse.")
    assert _actor_of(doc, "The Chechen leader").name == "Akhmed Zakayev"
    assert _actor_of(doc, "He").name == "Akhmed Zakayev"


def test_a_name_inside_a_quotation_is_no_antecedent_for_the_frame(attributed):
    doc = attributed("Oleg Magaletsky disagrees. “Putin is the result,” he said.")
    assert _actor_of(doc, "he").name == "Oleg Magaletsky"


def test_pronouns_and_bare_roles_without_antecedent_are_no_actors(attributed):
    doc = attributed("She said the plan would work. The minister said it was fine. Officials said nothing changed.")
    actors = dict(_speakers(doc))
    assert actors["She"] is None and actors["The minister"] is None and actors["Officials"] is None


def test_appositive_gives_role_and_affiliation(attributed):
    doc = attributed("“It will fail,” said Mary Glantz, a senior adviser at the U.S. Institute of Peace.")
    actor = _actor_of(doc, "Mary Glantz, a senior adviser at the U.S. Institute of Peace")
    assert actor.name == "Mary Glantz"
    assert actor.role == "senior adviser"
    assert actor.affiliation == "U.S. Institute of Peace"


def test_title_before_the_name_is_the_role(attributed):
    doc = attributed("Former Attorney General Michael Mukasey told the convention that Clinton was unfit.")
    actor = _actor_of(doc, "Former Attorney General Michael Mukasey")
    assert (actor.name, actor.role) == ("Michael Mukasey", "Former Attorney General")


@pytest.mark.parametrize("text, source", [
    ("“We are seeing panic,” an official from the CIA said.", "an official from the CIA"),
    ("A senior NATO official said desertion was rampant.", "A senior NATO official"),
])
def test_anonymous_source_is_its_organisation(attributed, text, source):
    actor = _actor_of(attributed(text), source)
    assert actor.type == "Organization" and actor.anonymous
    assert actor.name in {"CIA", "NATO"}


def test_organisations_are_whole_and_typed(attributed):
    doc = attributed("The Free Nations of Post-Russia Forum calls for the dissolution of Russia. "
                     "The group argues that Moscow is weak. The Rada has recognized Ichkeria.")
    forum = _actor_of(doc, "The Free Nations of Post-Russia Forum")
    assert (forum.name, forum.type) == ("Free Nations of Post-Russia Forum", "Organization")
    assert _actor_of(doc, "The group") == forum
    assert _actor_of(doc, "The Rada").type == "Organization"


def test_a_group_of_people_is_a_group_but_a_thing_is_no_actor(attributed):
    doc = attributed("Gun rights advocates argue that the law is unconstitutional. "
                     "Recent reports suggest that the army is weak.")
    actor = _actor_of(doc, "Gun rights advocates")
    assert (actor.name, actor.type) == ("Gun rights advocates", "Group")
    assert _actor_of(doc, "Recent reports") is None


def test_they_is_blocked_by_an_unnamed_plural_group(attributed):
    doc = attributed("Russians voted in March. Russia's exiled dissidents will matter. "
                     "Yet they say the West has been slow.")
    assert _actor_of(doc, "they") is None


def test_resolver_on_its_own(nlp_base):
    doc = nlp_base("Senator Rand Paul spoke. Paul said he would filibuster.")
    resolver = ActorResolver(doc)
    assert resolver.resolve(doc[5:6]).name == "Rand Paul"
    assert actor_key("Sen. Rand  Paul") == actor_key("Rand Paul")


def test_a_quoted_name_is_a_name_not_a_quotation(attributed):
    doc = attributed("Known as the “Free Nations of Post-Russia Forum,” this group calls for the "
                     "dissolution of the Russian Federation.")
    assert [a for a in doc._.attributions if a.kind == "quote"] == []


def test_a_group_speaks_through_its_named_example(attributed):
    doc = attributed("Exiles lack passports, according to emigrés such as Yevgenia Albats, the editor. "
                     "A practical step, she told an audience, is to issue new ones.")
    assert [a.actor.name for a in doc._.attributions if a.kind == "reported"] == ["Yevgenia Albats"] * 2


def test_the_governor_is_the_person_titled_governor_not_the_last_named(attributed):
    doc = attributed("Gov. Andrew Cuomo pushed the bill. “It turns citizens into criminals,” said Ball, "
                     "who represents the Hudson Valley.\n\nThe governor confirmed the proposal called for a ban.")
    reported = [a for a in doc._.attributions if a.kind == "reported"]
    assert [(a.cue.text, a.actor.name) for a in reported] == [("confirmed", "Andrew Cuomo")]


def test_a_role_without_a_titled_holder_is_the_last_person_named(attributed):
    doc = attributed("Akhmed Zakayev spoke in London. The Chechen leader said the war must end in Moscow.")
    assert [a.actor.name for a in doc._.attributions if a.kind == "reported"] == ["Akhmed Zakayev"]


@pytest.mark.parametrize("text, actor", [
    ("The Senate on Thursday said the bill must pass.", "Senate"),
    ("The Council on Foreign Relations said the war will end.", "Council on Foreign Relations"),
])
def test_organisation_names_run_over_joiners_but_not_into_dates(attributed, text, actor):
    assert [a.actor.name for a in attributed(text)._.attributions if a.kind == "reported"] == [actor]


def test_he_is_the_person_of_the_nearest_sentence_not_an_older_subject(attributed):
    doc = attributed("Jamie Rollins said the plan went too far. Several members agreed. "
                     "One such member was John Delaney of Maryland.\n\n"
                     "In January, he told the Guardian: “A carbon price is the best way to do it.”")
    assert _actor_of(doc, "he").name == "John Delaney"


def test_a_surname_the_ner_missed_is_still_an_antecedent(attributed):
    doc = attributed("Pavel Mezerin enlisted in 2022. Akhmed Zakayev's forces joined early.\n\n"
                     "Mezerin, who hails from Ingria, joined the battalion.\n\n"
                     "The leadership, he told Foreign Policy, “was not interested in combat units.”")
    assert _actor_of(doc, "he").name == "Pavel Mezerin"


def test_a_headline_in_title_case_names_no_person(attributed):
    # "Desert Halden" is a run of capitalised words on a headline line, not a name
    doc = attributed("Halden has few beds left, the council said.\n\nShelters Desert Halden")
    assert ActorResolver(doc).resolve(doc[0:1]).name == "Halden"


def test_a_bare_surname_is_no_one_named_in_full_only_later(attributed):
    doc = attributed("Lindqvist, who grew up in the north, joined the union.\n\n"
                     "The leadership, he told reporters, “was not interested in strikes.”\n\n"
                     "Later that year, Anna Lindqvist left the union.")
    assert _actor_of(doc, "he") is None
