"""What the hand rules alone would state: aggregation, genre, relayed reports."""
from __future__ import annotations

import pytest

from graphbuild.models import Actor
from graphbuild.nlp.extensions import AttributionSpan, ClaimEvidence
from graphbuild.nlp.rule_verdict import rule_verdicts

ANN = Actor("Ann Lee", "Person")
TEXT = ("Lawmakers must pass the bill. The bill would save lives. "
        "The bill is a mistake. Nobody else spoke.")


@pytest.fixture(scope="module")
def doc(nlp_base):
    return nlp_base(TEXT)


def _verdicts(doc, specs, *, actor=ANN, kind="quote", news=False, lede_end=None, press=()):
    """Verdicts from hand-made evidence: (sentence index, score, polarity, stance confidence)."""
    sents = list(doc.sents)
    att = AttributionSpan(doc[0:len(doc)], kind, doc[0:1] if kind != "author" else None, None, actor)
    evidence = [ClaimEvidence(att, sents[i], "bill", score, 0.5, True, pol, conf, 0) for i, score, pol, conf in specs]
    return rule_verdicts(evidence, is_news=news, lede_end=len(doc) if lede_end is None else lede_end,
                         is_press=lambda name: name in press)


def test_several_mentions_aggregate_into_one_stance(doc):
    assert _verdicts(doc, [(0, 0.9, +1, 0.8), (1, 0.7, +1, 0.65), (2, 0.5, -1, 0.5)]) == {
        ("Ann Lee", "bill"): frozenset({+1})}


def test_a_genuinely_mixed_position_keeps_both_sides(doc):
    assert _verdicts(doc, [(1, 0.8, +1, 0.8), (2, 0.8, -1, 0.8)]) == {("Ann Lee", "bill"): frozenset({+1, -1})}


def test_weak_evidence_states_nothing(doc):
    assert _verdicts(doc, [(0, 0.3, +1, 0.5)]) == {}


def test_a_news_reporter_argues_only_in_the_lede(doc):
    assert _verdicts(doc, [(2, 0.9, -1, 0.8)], kind="author") == {("Ann Lee", "bill"): frozenset({-1})}
    sents = list(doc.sents)
    lede = sents[1].end
    assert _verdicts(doc, [(2, 0.9, -1, 0.8)], kind="author", news=True, lede_end=lede) == {}
    assert _verdicts(doc, [(0, 0.9, +1, 0.8)], kind="author", news=True, lede_end=lede) == {
        ("Ann Lee", "bill"): frozenset({+1})}


def test_a_relayed_newspaper_report_takes_no_stance_in_news(doc):
    courant = Actor("Courant", "Organization")
    assert _verdicts(doc, [(0, 0.9, +1, 0.8)], actor=courant, news=True, press={"Courant"}) == {}
    assert _verdicts(doc, [(0, 0.9, +1, 0.8)], actor=courant, news=False, press={"Courant"})
