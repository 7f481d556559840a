"""Bags: everything one actor says in a document about one claim, as named features.

The statement model (:mod:`.statement_model`) decides per *bag*, the
(actor, claim) pair of a document, because that is what a statement is: an
actor's stance on a claim in a document, shown by any of the actor's words.
A bag holds the units of the actor's words with their rule signals
(``doc._.claim_evidence``, :mod:`.claims`) and their contextual sentence
similarity to the claim's phrasings (MiniLM, :mod:`.embeddings`);
:func:`bag_features` reads it as named numbers for "does the actor take a
stance on the claim here" (relevance), :func:`stance_features` as named
numbers for "which stance", for the bags that hold a statement only.

>>> bag = Bag("Ann Lee", "ban", [])
>>> feats = bag_features(bag, BagContext.empty())
>>> sorted(feats.relevance) == sorted(RELEVANCE_FEATURES), feats.best is None
(True, True)
>>> stance_features([bag], [feats], ClaimVectors((), (), ())) == [dict.fromkeys(STANCE_FEATURES, 0.0)]
True
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc

from ..lexicons import load_lexicon
from . import embeddings
from .extensions import ClaimEvidence
from .rule_verdict import rule_verdicts
from .stance_features import POLARITY_FEATURES, ClaimPhrasings, PhrasingVectors, pair_features

# A news report's own voice argues, if anywhere, in its headline and lede
# (the rules' verdict, :mod:`.rule_verdict`).
LEDE_SENTENCES = 3
# Similarity from which a unit counts as speaking of the claim it is closest
# to (all-MiniLM-L6-v2 cosines of a sentence and a paraphrase of it lie
# above 0.5, of unrelated sentences below 0.2).
TOPICAL = 0.35

# Kept by leave-one-debate-out (docs/quality.md): the kind of attribution
# beyond the author's own voice, the lede, a question mark, press names and
# the rules' bare verdict added nothing the others do not carry.
RELEVANCE_FEATURES = (
    "sim_max", "rel_max", "margin_max", "topical_units", "rule_max", "coverage_max", "rule_matched", "units",
    "peak_gap", "actor_rank", "author", "author_news", "person", "anonymous", "normative")
# The stance the hand rules state, the side of the codebook's phrasings the
# best unit comes closer to, and how much closer it comes to the claim than
# to its negation (:mod:`.stance_features`). Leave-one-debate-out kept these
# three of the rules' and stance_features' signals (docs/quality.md).
STANCE_FEATURES = ("rules_stance", "side_gap", "negation_contrast")


@dataclass(frozen=True)
class ClaimVectors:
    """Sentence embeddings of every claim's phrasings, for one codebook."""

    ids: tuple[str, ...]
    support: tuple[np.ndarray, ...]  # label and aliases, one row each
    oppose: tuple[np.ndarray | None, ...]  # ``opposing`` phrasings, None without
    phrasings: dict[str, ClaimPhrasings] = field(default_factory=dict)
    # the claims' phrasings and their negations, embedded when first needed
    polarity_vectors: PhrasingVectors = field(default_factory=PhrasingVectors, compare=False)

    @classmethod
    def of(cls, claims: list[dict]) -> "ClaimVectors":
        """Embed every claim's phrasings (codebook entries as the pipeline's config holds them).

        >>> v = ClaimVectors.of([{"id": "tax", "label": "Taxes should rise", "opposing": ["Taxes should fall"]},
        ...                      {"id": "war", "label": "The war must end"}])
        >>> v.ids, v.support[0].shape, v.oppose[1] is None
        (('tax', 'war'), (1, 384), True)
        """
        texts, spans = [], []
        for c in claims:
            sup = [c["label"], *c.get("aliases", [])]
            opp = list(c.get("opposing", []))
            spans.append((len(texts), len(sup), len(opp)))
            texts += sup + opp
        vectors = embeddings.embed(texts)
        support, oppose = [], []
        for start, n_sup, n_opp in spans:
            support.append(vectors[start:start + n_sup])
            oppose.append(vectors[start + n_sup:start + n_sup + n_opp] if n_opp else None)
        phrasings = {c["id"]: ClaimPhrasings(c["label"], tuple(c.get("aliases", ())), tuple(c.get("opposing", ())))
                     for c in claims}
        return cls(tuple(c["id"] for c in claims), tuple(support), tuple(oppose), phrasings)

    def similarities(self, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(closest support phrasing, closest opposing phrasing) cosines, units × claims.

        A claim without opposing phrasings gets -1 on that side.

        >>> v = ClaimVectors.of([{"id": "tax", "label": "Taxes should rise"},
        ...                      {"id": "war", "label": "The war must end"}])
        >>> sup, opp = v.similarities(embeddings.embed(["We must raise taxes on the rich"]))
        >>> sup.shape, bool(sup[0, 0] > sup[0, 1]), opp.tolist()
        ((1, 2), True, [[-1.0, -1.0]])
        """
        sup = np.stack([(units @ v.T).max(axis=1) for v in self.support], axis=1)
        opp = np.stack([(units @ v.T).max(axis=1) if v is not None else np.full(len(units), -1.0)
                        for v in self.oppose], axis=1)
        return sup, opp


@dataclass
class Bag:
    """One actor and one claim in one document, with the actor's units.

    Per unit: ``sim`` its similarity to the claim, ``rel`` that minus the
    unit's mean over all claims, ``margin`` that minus the unit's best other
    claim, ``side_gap`` support-side minus opposing-side similarity.
    """

    actor: str
    claim_id: str
    evidence: list[ClaimEvidence]
    sim: np.ndarray = field(default_factory=lambda: np.zeros(0))
    rel: np.ndarray = field(default_factory=lambda: np.zeros(0))
    margin: np.ndarray = field(default_factory=lambda: np.zeros(0))
    side_gap: np.ndarray = field(default_factory=lambda: np.zeros(0))
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # the units' embeddings
    actor_rank: int = 0  # how many of the actor's other claims come closer
    rules: frozenset[int] = frozenset()  # the stances the hand rules alone would state


@dataclass(frozen=True)
class BagContext:
    """What a bag's features need to know of its document."""

    attributed_share: float
    claim_peak: dict[str, float]  # best unit similarity of any actor, per claim
    kinds: dict[str, str]  # claim id -> "normative" | "descriptive"

    @classmethod
    def empty(cls) -> "BagContext":
        """The context of a document that attributes nothing and matches no claim.

        >>> BagContext.empty()
        BagContext(attributed_share=0.0, claim_peak={}, kinds={})
        """
        return cls(0.0, {}, {})


@dataclass(frozen=True)
class BagFeatures:
    relevance: dict[str, float]
    best: ClaimEvidence | None  # the unit that shows the statement best
    best_index: int = 0


def bag_features(bag: Bag, ctx: BagContext) -> BagFeatures:
    """The named relevance features of one bag, and its best unit.

    >>> feats = bag_features(Bag("Ann Lee", "tax", []), BagContext.empty())  # no evidence: all zero
    >>> set(feats.relevance.values()), feats.best
    ({0.0}, None)
    """
    ev = bag.evidence
    if not ev:
        return BagFeatures(dict.fromkeys(RELEVANCE_FEATURES, 0.0), None)
    rule = np.array([e.rule_score for e in ev])
    best_i = int(np.argmax(bag.sim + rule))
    best = ev[best_i]
    att = best.attribution
    topical = (bag.margin >= 0) & (bag.sim >= TOPICAL)
    sim_max = float(bag.sim.max())
    author = float(att.kind == "author")
    relevance = {
        "sim_max": sim_max,
        "rel_max": float(bag.rel.max()),
        "margin_max": float(bag.margin.max()),
        "topical_units": math.log1p(int(topical.sum())),
        "rule_max": float(rule.max()),
        "coverage_max": max(e.coverage for e in ev),
        "rule_matched": float(any(e.rule_match for e in ev)),
        "units": math.log1p(len(ev)),
        "peak_gap": sim_max - ctx.claim_peak.get(bag.claim_id, sim_max),
        "actor_rank": float(bag.actor_rank),
        "author": author,
        # a news report's writer relays; an opinion writer argues
        "author_news": author * ctx.attributed_share,
        "person": float(att.actor is not None and att.actor.type == "Person"),
        "anonymous": float(att.actor is not None and att.actor.anonymous),
        "normative": float(ctx.kinds.get(bag.claim_id) == "normative"),
    }
    return BagFeatures(relevance, best, best_i)


def stance_features(bags: list[Bag], feats: list[BagFeatures], vectors: ClaimVectors) -> list[dict[str, float]]:
    """The named stance features of bags already judged to hold a statement.

    Computed apart from relevance, and only for the bags that need them:
    comparing the best unit with the claim's negation costs embeddings of
    the negated phrasings.

    >>> bag = Bag("Ann Lee", "tax", [])
    >>> stance_features([bag], [bag_features(bag, BagContext.empty())], ClaimVectors((), (), ()))
    [{'rules_stance': 0.0, 'side_gap': 0.0, 'negation_contrast': 0.0}]
    """
    chosen = [(b, f) for b, f in zip(bags, feats) if f.best is not None]
    if not chosen:
        return [dict.fromkeys(STANCE_FEATURES, 0.0) for _ in bags]
    _, polarity = pair_features([f.best.unit.text for _, f in chosen],
                                [vectors.phrasings[b.claim_id] for b, _ in chosen],
                                np.stack([b.vectors[f.best_index] for b, f in chosen]),
                                vectors.polarity_vectors)
    contrasts = iter(polarity[:, POLARITY_FEATURES.index("negation_contrast")])
    out = []
    for bag, f in zip(bags, feats):
        if f.best is None:
            out.append(dict.fromkeys(STANCE_FEATURES, 0.0))
            continue
        out.append({
            "rules_stance": float((+1 in bag.rules) - (-1 in bag.rules)),
            "side_gap": float(bag.side_gap[f.best_index]),
            "negation_contrast": float(next(contrasts)),
        })
    return out


def document_bags(doc: Doc, vectors: ClaimVectors, kinds: dict[str, str]) -> tuple[list[Bag], BagContext]:
    """Every (actor, claim) bag of a parsed document, with its context.

    Each unit is embedded once (batched); a document without evidence costs
    nothing.

    >>> doc = nlp("“Russia should be broken up into smaller states,” Ann Lee said.")
    >>> claims = nlp.get_pipe("graphbuild_claims").claims
    >>> bags, ctx = document_bags(doc, ClaimVectors.of(claims), {})
    >>> len(bags) == len(claims), {b.actor for b in bags}, ctx.attributed_share
    (True, {'Ann Lee'}, 1.0)
    """
    units: dict[tuple[int, int], int] = {}
    for e in doc._.claim_evidence:
        units.setdefault((e.unit.start, e.unit.end), len(units))
    share = attributed_share(doc)
    if not units:
        return [], BagContext(share, {}, kinds)
    unit_vectors = embeddings.embed([doc[a:b].text for a, b in units])
    sup, opp = vectors.similarities(unit_vectors)
    sim = np.maximum(sup, opp)
    rel = sim - sim.mean(axis=1, keepdims=True)
    margin = sim - _best_other(sim)
    column = {cid: j for j, cid in enumerate(vectors.ids)}
    grouped: dict[tuple[str, str], list[ClaimEvidence]] = defaultdict(list)
    for e in doc._.claim_evidence:
        grouped[(e.attribution.actor.name, e.claim_id)].append(e)
    verdicts = rule_verdicts(doc._.claim_evidence, is_news=share >= OPINION_MAX_ATTRIBUTED,
                             lede_end=lede_boundary(doc, LEDE_SENTENCES),
                             is_press=lambda name: is_press(name, doc._.outlet))
    bags = []
    for (actor, claim_id), ev in grouped.items():
        rows = [units[(e.unit.start, e.unit.end)] for e in ev]
        j = column[claim_id]
        bags.append(Bag(actor, claim_id, ev, sim[rows, j], rel[rows, j], margin[rows, j],
                        sup[rows, j] - opp[rows, j], unit_vectors[rows],
                        rules=verdicts.get((actor, claim_id), frozenset())))
    peak: dict[str, float] = {}
    own = [_strength(bag) for bag in bags]
    strength: dict[str, list[float]] = defaultdict(list)
    for bag, mine in zip(bags, own):
        peak[bag.claim_id] = max(peak.get(bag.claim_id, -1.0), float(bag.sim.max()))
        strength[bag.actor].append(mine)
    for bag, mine in zip(bags, own):
        bag.actor_rank = sum(1 for s in strength[bag.actor] if s > mine)
    return bags, BagContext(share, peak, kinds)


def _strength(bag: Bag) -> float:
    return float(bag.sim.max()) + max(e.rule_score for e in bag.evidence)


def _best_other(sim: np.ndarray) -> np.ndarray:
    """For each unit and claim, the unit's best similarity to any *other* claim."""
    if sim.shape[1] < 2:
        return np.zeros_like(sim)
    top2 = np.sort(sim, axis=1)[:, -2:]
    return np.where(sim >= top2[:, [1]], top2[:, [0]], top2[:, [1]])


# -- document signals -----------------------------------------------------------

# Below this share of attributed (quoted or reported) text a document reads
# as opinion, whose own voice takes stances; above it as a news report.
OPINION_MAX_ATTRIBUTED = 0.3


def is_press(name: str, outlet: str | None) -> bool:
    """True for a news outlet: the document's own, or a name ending in a word
    of ``news_outlets.txt`` ("Hartford Courant", "the Associated Press").

    >>> is_press("Hartford Courant", None), is_press("Ann Lee", None)
    (True, False)
    """
    words = name.lower().split()
    return bool(words) and (words[-1] in load_lexicon("news_outlets.txt")
                            or (outlet is not None and name.lower() == outlet.lower()))


def attributed_share(doc: Doc) -> float:
    """Share of the text that the document attributes to someone other than its author.

    Opinion pieces speak mostly in their own voice; news reports mostly
    relay what others say.

    >>> attributed_share(nlp("“We will win,” Mr. Sokolov said.")), attributed_share(nlp("Hello."))
    (1.0, 0.0)
    """
    own = sum(len(a.content) for a in doc._.attributions if a.kind == "author")
    other = sum(len(a.content) for a in doc._.attributions if a.kind != "author")
    return other / (own + other) if own + other else 0.0


def lede_boundary(doc: Doc, sentences: int) -> int:
    """Token index where the headline-and-lede opening of an article ends.

    >>> doc = nlp("One. Two. Three.")
    >>> lede_boundary(doc, 2), lede_boundary(doc, 9) == len(doc)
    (4, True)
    """
    for n, sent in enumerate(doc.sents, 1):
        if n >= sentences:
            return sent.end
    return len(doc)
