"""What the hand rules alone would state: one signal among the statement model's.

Before the statement model was learned, graphbuild stated a stance when the
rules of :mod:`.claims` and :mod:`.stance` matched a claim, with these
aggregation rules (tuned on two debates, docs/quality.md):

* a reporter's own sentences in a news report take no stance, except in the
  headline and lede, with a strong match, about no named person;
* another outlet's report, relayed in a news report, takes none either;
* several matches of one actor and claim are weighed by score and stance
  confidence; the minority side counts too when it weighs ``MIXED_RATIO`` of
  the majority; a side weaker than ``MIN_CONFIDENCE`` is dropped.

The model reads the verdict as a feature: precise on the debates the rules
were tuned on, much less so elsewhere, and the model learns how far to
trust it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from spacy.tokens import Span

from .extensions import ClaimEvidence

MIN_CONFIDENCE = 0.35
MIXED_RATIO = 0.8
NEWS_AUTHOR_MIN_SCORE = 0.6


def rule_verdicts(evidence: Iterable[ClaimEvidence], *, is_news: bool, lede_end: int,
                  is_press: Callable[[str], bool]) -> dict[tuple[str, str], frozenset[int]]:
    """(actor, claim) → the stances (+1, -1) the rules state.

    >>> rule_verdicts([], is_news=False, lede_end=0, is_press=lambda name: False)
    {}
    """
    groups: dict[tuple[str, str], list[ClaimEvidence]] = defaultdict(list)
    for e in evidence:
        if not e.rule_match:
            continue
        kind, name = e.attribution.kind, e.attribution.actor.name
        if is_news and kind != "author" and is_press(name):
            continue  # another outlet's report, relayed, describes
        if kind == "author" and is_news and (
                e.unit.start >= lede_end or e.rule_score < NEWS_AUTHOR_MIN_SCORE or _about_someone(e.unit)):
            continue  # a reporter describing events or people takes no stance
        groups[(name, e.claim_id)].append(e)
    verdicts = {}
    for key, found in groups.items():
        weight = {+1: 0.0, -1: 0.0}
        for e in found:
            weight[e.polarity] += e.rule_score * e.stance_confidence
        major = +1 if weight[+1] >= weight[-1] else -1
        sides = [major]
        if weight[-major] > 0 and weight[-major] >= MIXED_RATIO * weight[major]:
            sides.append(-major)
        kept = set()
        for side in sides:
            best = max(e.rule_score * e.stance_confidence for e in found if e.polarity == side)
            share = weight[side] / (weight[+1] + weight[-1])
            if min(1.0, best * (0.5 + 0.5 * share) * 2) >= MIN_CONFIDENCE:
                kept.add(side)
        if kept:
            verdicts[key] = frozenset(kept)
    return verdicts


def _about_someone(span: Span) -> bool:
    """True when a sentence's subject is a named person or group: in a news
    report it describes them ("Sen. Joe Manchin, who lent his name to …"),
    it does not argue."""
    for c in span.root.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "NORP")
    return False
