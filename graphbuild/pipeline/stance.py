"""Stance: does a unit that mentions a claim support it or oppose it?

The polarity starts from the phrasing the unit matched (a label or alias
asserts the claim, an ``opposing`` phrasing its opposite) and is flipped by
what the sentence does with it:

* negation of the main predicate ("Kyiv cannot defeat Russia"), compared
  with the negation already inside the phrasing so that "cannot win" matched
  by "cannot win" is not flipped twice;
* verbs that take a stance on their object or complement ("reject",
  "filibuster", "warn against" oppose; "call for", "urge", "back" support),
  both inside the unit and as the attribution's cue;
* the preposition "against" on the predicate ("spoke out against gun control");
* evaluative language about a normative claim ("a dangerous fantasy" opposes,
  "the most constructive solution" supports);
* questions carry no stance of their own unless they judge.

The lexicon is data (``graphbuild/data/stance_lexicon.yaml``).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from spacy.tokens import Span, Token

if TYPE_CHECKING:  # pragma: no cover
    from .claims import Phrasing
    from .extensions import AttributionSpan


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """The stance lexicon as sets of lower-case lemmas and multi-word cues."""
    text = resources.files("graphbuild").joinpath("data/stance_lexicon.yaml").read_text(encoding="utf-8")
    return {k: frozenset(str(v).lower() for v in vals) for k, vals in yaml.safe_load(text).items()}


NEGATORS = lexicon()["negators"] | {"n't", "not"}


def _verb_cues(token: Token) -> set[str]:
    """The lemma of a verb alone and with its particle or preposition."""
    lemma = token.lemma_.lower()
    cues = {lemma}
    for child in token.children:
        if child.dep_ in ("prt", "prep") :
            cues.add(f"{lemma} {child.lemma_.lower()}")
            for grandchild in child.children:
                if grandchild.dep_ == "prep":
                    cues.add(f"{lemma} {child.lemma_.lower()} {grandchild.lemma_.lower()}")
    return cues


def is_negated(token: Token) -> bool:
    """True when a predicate carries a negation ("not", "never", "cannot")."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "aux") and child.lower_ in NEGATORS):
            return True
    # "no one should …", "nothing will …": a negative subject negates the clause.
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("no", "nobody", "nothing", "none", "no-one")
               for c in token.children)


def verb_polarity(token: Token) -> int:
    """+1 when a verb supports its object, -1 when it opposes it, else 0."""
    lex = lexicon()
    cues = _verb_cues(token)
    if cues & lex["oppose_verbs"] or any(c.dep_ == "prep" and c.lower_ == "against" for c in token.children):
        return -1
    if cues & lex["support_verbs"]:
        return +1
    return 0


def evaluation(unit: Span) -> int:
    """Net evaluative polarity of a unit: +1 praise, -1 condemnation, 0 neither."""
    lex = lexicon()
    lemmas = [t.lemma_.lower() for t in unit]
    text = unit.text.lower()
    neg = sum(l in lex["negative_evaluation"] for l in lemmas) + sum(
        p in text for p in lex["negative_evaluation"] if " " in p)
    pos = sum(l in lex["positive_evaluation"] for l in lemmas) + sum(
        p in text for p in lex["positive_evaluation"] if " " in p)
    # A negated judgement ("not a good idea") is read as its opposite.
    if neg != pos and is_negated(unit.root):
        neg, pos = pos, neg
    return (pos > neg) - (neg > pos)


def stance_of(unit: Span, attribution: "AttributionSpan", phrasing: "Phrasing") -> tuple[int, float]:
    """Polarity (+1 supports, -1 opposes, 0 none) and a confidence in it.

    >>> # "The breakup of Russia is a dangerous fantasy." matched by the alias
    >>> # "breakup of Russia" -> (-1, ...): condemnation of a normative claim.
    """
    root = unit.root
    polarity = phrasing.polarity
    cues = 0
    if is_negated(root) != phrasing.negated:
        polarity = -polarity
        cues += 1
    # A stance verb inside the unit ("they will filibuster any gun control")
    # or introducing it ("the group rejects …").
    verb = verb_polarity(root) if root.pos_ in ("VERB", "AUX", "ADJ") else 0
    cue_verb = 0
    if (attribution.cue is not None and attribution.kind == "reported"
            and not unit.start <= attribution.cue.root.i < unit.end):
        cue_verb = verb_polarity(attribution.cue.root)
    for v in (verb, cue_verb):
        if v:
            polarity *= v
            cues += 1
    judged = evaluation(unit)
    if judged and phrasing.kind == "normative" and not verb:
        polarity *= judged
        cues += 1
    if unit.text.rstrip().endswith("?") and not judged:
        return 0, 0.0
    if any(t.lower_ in lexicon()["prescriptive_modals"] for t in unit):
        cues += 1
    if phrasing.kind == "normative" and cues == 0:
        # Mentioning a proposal ("the dissolution of Russia enjoys little
        # support") is not advocating it: a normative claim needs a sign of
        # endorsement or rejection.
        return 0, 0.0
    confidence = min(1.0, 0.5 + 0.15 * cues)
    return polarity, confidence
