"""Stance polarity on real parses: negation, stance verbs, evaluation, questions."""
from __future__ import annotations

import pytest

from graphbuild.nlp.extensions import AttributionSpan
from graphbuild.nlp.stance import NEGATORS, evaluation, is_negated, stance_of
from graphbuild.nlp.units import Phrasing, content_stems


def _phrasing(nlp, text, polarity=+1, kind="normative"):
    doc = nlp(text)
    return Phrasing("c", text, polarity, kind, any(t.lower_ in NEGATORS for t in doc), content_stems(doc))


def _author(doc):
    sent = next(doc.sents)
    return sent, AttributionSpan(sent, "author")


@pytest.mark.parametrize("sentence, phrase, polarity, kind, expected", [
    # plain assertion of a normative claim
    ("NATO must strengthen the defense of countries bordering Russia.",
     "NATO should strengthen its eastern flank", +1, "normative", +1),
    # negated assertion of a descriptive claim
    ("Kyiv will not defeat Russia militarily.", "Ukraine can defeat Russia militarily", +1, "descriptive", -1),
    # negation inside the opposing phrasing is not counted twice
    ("Kyiv cannot defeat Russia militarily.", "Ukraine cannot win militarily", -1, "descriptive", -1),
    # condemnation of a normative proposal
    ("Breaking up Russia is a dangerous fantasy.", "breaking up Russia", +1, "normative", -1),
    # praise of it
    ("The most constructive solution would be the formation of new states.",
     "formation of new states", +1, "normative", +1),
    # an opposing stance verb inside the unit
    ("They will filibuster any gun control legislation.", "tougher gun control", +1, "normative", -1),
    # "against" on the predicate
    ("He spoke out against gun control during the campaign.", "tougher gun control", +1, "normative", -1),
    # evaluation does not flip a descriptive claim
    ("A breakup would produce dangerous proliferation risks.", "proliferation risks", +1, "descriptive", +1),
])
def test_author_voice_polarity(nlp_base, sentence, phrase, polarity, kind, expected):
    doc = nlp_base(sentence)
    unit, att = _author(doc)
    got, confidence = stance_of(unit, att, _phrasing(nlp_base, phrase, polarity, kind))
    assert got == expected
    assert 0.5 <= confidence <= 1.0


def test_question_without_judgement_takes_no_stance(nlp_base):
    doc = nlp_base("Should Russia be broken up?")
    unit, att = _author(doc)
    assert stance_of(unit, att, _phrasing(nlp_base, "breakup of Russia"))[0] == 0


def test_reporting_cue_that_rejects_flips_the_stance(nlp_base):
    doc = nlp_base("The senator rejected tougher gun control.")
    sent = next(doc.sents)
    cue = doc[2:3]
    att = AttributionSpan(doc[3:6], "reported", doc[0:2], cue)
    assert stance_of(doc[3:6], att, _phrasing(nlp_base, "tougher gun control"))[0] == -1
    att_support = AttributionSpan(doc[3:6], "reported", doc[0:2], nlp_base("The senator urged it.")[2:3])
    assert stance_of(doc[3:6], att_support, _phrasing(nlp_base, "tougher gun control"))[0] == +1
    assert sent.text.endswith(".")


def test_negation_and_evaluation_helpers(nlp_base):
    assert is_negated(nlp_base("Russia is not collapsing.")[:].root)
    assert not is_negated(nlp_base("Russia is collapsing.")[:].root)
    assert evaluation(nlp_base("It is a reckless idea.")[:]) == -1
    assert evaluation(nlp_base("It is not a good idea.")[:]) == -1
    assert evaluation(nlp_base("It is an essential step.")[:]) == +1


@pytest.mark.parametrize("sentence, phrase, polarity, kind, expected", [
    # a negation in the second clause, where the claim's words are
    ("The forum is an exile movement, and such movements are almost never effective at bringing about change.",
     "exile movements bring change", +1, "descriptive", -1),
    # the opposite predicate: "protects" the amendment a phrasing says laws "attack"
    ("It is well balanced and it protects the Second Amendment.",
     "an attack on the Second Amendment", +1, "descriptive", -1),
    # "rather than" sets the claim aside
    ("We need to look at ways to prevent that, rather than eliminate the rights of gun owners.",
     "eliminate the rights of gun owners", +1, "normative", -1),
    # a stance noun governing the claim
    ("Trump has indicated support for gun control measures.", "tougher gun control", +1, "normative", +1),
    ("Polls show broad opposition to gun control.", "tougher gun control", +1, "normative", -1),
    # an opposing stance verb inside a negated question-free report
    ("Senators said they will not back gun control legislation.", "tougher gun control", +1, "normative", -1),
    # a support verb that is the claim's own word is content, not a cue
    ("NATO must strengthen the defense of countries bordering Russia.",
     "NATO should strengthen the defence of countries bordering Russia", +1, "normative", +1),
])
def test_stance_follows_the_words_governing_the_claim(nlp_base, sentence, phrase, polarity, kind, expected):
    doc = nlp_base(sentence)
    unit, att = _author(doc)
    got, confidence = stance_of(unit, att, _phrasing(nlp_base, phrase, polarity, kind))
    assert got == expected
    assert confidence > 0.5


def test_evaluation_of_a_harm_that_is_reduced_is_praise(nlp_base):
    assert evaluation(nlp_base("These laws reduce harm in mass shootings.")[:]) == +1
    assert evaluation(nlp_base("These laws cause harm.")[:]) == -1


def test_a_normative_claim_needs_a_sign_of_advocacy(nlp_base):
    # mentioning a proposal is not advocating it
    doc = nlp_base("The dissolution of Russia was discussed at the forum.")
    unit, att = _author(doc)
    assert stance_of(unit, att, _phrasing(nlp_base, "dissolution of Russia"))[0] == 0
    # a descriptive claim is asserted by a plain statement
    doc = nlp_base("The Russian state is heading toward collapse.")
    unit, att = _author(doc)
    assert stance_of(unit, att, _phrasing(nlp_base, "collapse of Russia", kind="descriptive"))[0] == +1


def test_a_modal_counts_as_advocacy_and_raises_confidence(nlp_base):
    plain = nlp_base("Washington will engage Russian emigres.")
    modal = nlp_base("Washington should engage Russian emigres.")
    phrasing = _phrasing(nlp_base, "engage Russian emigres")
    assert stance_of(*_author(plain), phrasing)[0] == 0
    polarity, confidence = stance_of(*_author(modal), phrasing)
    assert polarity == +1 and confidence >= 0.65


def test_an_explicit_anchor_is_where_the_stance_is_read(nlp_base):
    # "the measure" refers back to a claim; the verb governing it decides
    doc = nlp_base("Senators who backed the measure met on Tuesday.")
    unit, att = _author(doc)
    measure = next(t for t in doc if t.lower_ == "measure")
    phrasing = _phrasing(nlp_base, "expand background checks")
    assert stance_of(unit, att, phrasing, anchor=measure)[0] == +1
    assert stance_of(unit, att, phrasing)[0] == 0


def test_ruling_out_is_a_stance_but_a_negated_event_is_not(nlp_base):
    phrasing = _phrasing(nlp_base, "Sanctions on Russia should be lifted")
    ruled_out = nlp_base("Russia cannot simply rejoin the world and have economic sanctions lifted.")
    assert stance_of(*_author(ruled_out), phrasing)[0] == -1
    wall = _phrasing(nlp_base, "build the border wall")
    event = nlp_base("The soldiers are not going to the border wall.")
    assert stance_of(*_author(event), wall)[0] == 0


def test_a_conditional_report_takes_no_stance(nlp_base):
    doc = nlp_base("Officials would oppose gun control if the lobby objected.")
    cue = next(t for t in doc if t.lower_ == "oppose")
    content = doc[cue.i + 1:cue.i + 3]
    att = AttributionSpan(content, "reported", doc[0:1], doc[cue.i:cue.i + 1])
    assert stance_of(content, att, _phrasing(nlp_base, "tougher gun control"))[0] == 0
    plain = nlp_base("Officials oppose gun control.")
    att = AttributionSpan(plain[2:4], "reported", plain[0:1], plain[1:2])
    assert stance_of(plain[2:4], att, _phrasing(nlp_base, "tougher gun control"))[0] == -1


def test_verb_and_object_idioms_take_a_stance(nlp_base):
    doc = nlp_base("He lent his name to legislation that would expand background checks.")
    unit, att = _author(doc)
    assert stance_of(unit, att, _phrasing(nlp_base, "expand background checks"))[0] == +1


def test_the_claims_own_words_are_not_an_evaluation_of_it(nlp_base):
    doc = nlp_base("This is not a comprehensive reform bill.")
    phrasing = _phrasing(nlp_base, "comprehensive immigration reform")
    assert stance_of(*_author(doc), phrasing)[0] == 0
    assert evaluation(doc[:]) == -1  # without the phrasing, "not comprehensive" condemns


@pytest.mark.parametrize("sentence, expected", [
    # the noun denies the act that governs the claim
    ("She announced her refusal to endorse tougher gun control.", -1),
    ("Their reluctance to back tougher gun control is well known.", -1),
    # deploring a failure to act is demanding the act; praising a refusal is opposing
    ("The failure to pass tougher gun control is a disgrace.", +1),
    ("The lack of tougher gun control is outrageous.", +1),
    ("Her refusal to back tougher gun control was wise.", -1),
    # without the noun, the same act is advocated
    ("She announced her decision to endorse tougher gun control.", +1),
])
def test_a_noun_that_denies_the_act_flips_the_stance(nlp_base, sentence, expected):
    doc = nlp_base(sentence)
    assert stance_of(*_author(doc), _phrasing(nlp_base, "tougher gun control"))[0] == expected

