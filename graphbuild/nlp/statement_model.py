"""Component ``graphbuild_statements``: which actors take which stance on which claims.

For every (actor, claim) bag of a document (:mod:`.bags`: the actor's words
with their rule signals and contextual similarity to the claim), a logistic
model gives the probability that the actor takes a stance on the claim; a
second one reads which stance. Bags at or above the model's threshold become
``doc._.claim_matches``, evidenced by the bag's best unit.

Both models are learned, not hand-set: rules and thresholds fitted to two
debates scored about 0.2 on others. ``training/train_statements.py`` fits them
on the annotated debates of ../shared/eval and writes
``graphbuild/data/models/statements.json`` (numpy alone runs it);
``benchmarks/quality.py`` scores each debate with models fitted on the other
ones (leave-one-debate-out). docs/quality.md has the figures.

>>> model = load_model()
>>> set(model.relevance.names) == set(RELEVANCE_FEATURES), 0 < model.threshold < 1
(True, True)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .bags import (RELEVANCE_FEATURES, STANCE_FEATURES, Bag, BagContext, ClaimVectors, bag_features, document_bags,
                   stance_features)
from .extensions import ClaimMatch
from .stance_model import LogisticHead

__all__ = ["Logistic", "StatementModel", "load_model", "decide", "StatementScorer", "RELEVANCE_FEATURES",
           "STANCE_FEATURES"]

MODEL_FILE = "data/models/statements.json"


@dataclass(frozen=True)
class Logistic:
    """A standardised logistic regression over named features (numpy only at run time)."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, rows: list[dict[str, float]]) -> np.ndarray:
        """P(positive) for each row of named features.

        >>> Logistic(("x",), (0.0,), (1.0,), (2.0,), 0.0).probability([{"x": 0.0}, {"x": 1.0}]).round(3)
        array([0.5  , 0.881])
        """
        if not rows:
            return np.zeros(0)
        x = np.array([[r[n] for n in self.names] for r in rows], dtype=float)
        # The arithmetic is the stance model's; this class adds the names.
        head = LogisticHead(np.array(self.mean), np.array(self.scale), np.array(self.weights), self.bias)
        return head.probability(x)

    def to_json(self) -> dict:
        """The model file's JSON for this regression.

        >>> Logistic(("x",), (0.0,), (1.0,), (2.0,), 0.5).to_json()
        {'names': ['x'], 'mean': [0.0], 'scale': [1.0], 'weights': [2.0], 'bias': 0.5}
        """
        return {"names": list(self.names), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias}

    @classmethod
    def from_json(cls, d: dict) -> "Logistic":
        """The regression :meth:`to_json` wrote.

        >>> m = Logistic(("x",), (0.0,), (1.0,), (2.0,), 0.5)
        >>> Logistic.from_json(m.to_json()) == m
        True
        """
        return cls(tuple(d["names"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["weights"]), float(d["bias"]))


@dataclass(frozen=True)
class StatementModel:
    """Relevance and stance models with the decision threshold chosen in training."""

    relevance: Logistic
    stance: Logistic
    threshold: float
    meta: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        """The model file's JSON (what ``training/train_statements.py`` writes).

        >>> sorted(load_model().to_json())
        ['meta', 'relevance', 'stance', 'threshold']
        """
        return {"relevance": self.relevance.to_json(), "stance": self.stance.to_json(),
                "threshold": self.threshold, "meta": self.meta}

    @classmethod
    def from_json(cls, d: dict) -> "StatementModel":
        """The model :meth:`to_json` wrote.

        >>> model = load_model()
        >>> StatementModel.from_json(model.to_json()) == model
        True
        """
        return cls(Logistic.from_json(d["relevance"]), Logistic.from_json(d["stance"]), float(d["threshold"]),
                   d.get("meta", {}))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> StatementModel:
    """The shipped model, or one written by ``training/train_statements.py``.

    >>> load_model().threshold > 0
    True
    """
    if path is None:
        text = resources.files("graphbuild").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return StatementModel.from_json(json.loads(text))


def decide(bags: list[Bag], ctx: BagContext, vectors: ClaimVectors, model: StatementModel) -> list[ClaimMatch]:
    """The claims each actor takes a stance on, by the model.

    Which stance: where the hand rules state one (:mod:`.rule_verdict`:
    explicit cues such as "rejects", "a dangerous fantasy", a negated
    claim), theirs; where they state both sides, both (a mixed position,
    kept, not forced into one); elsewhere the stance model's. Measured by
    leave-one-debate-out, letting the rules decide where they speak raised
    the two debates whose opinion writers argue most (seeds, guns) and
    changed no other (docs/quality.md): the stance model's signals are
    weaker than explicit cues, and stronger than the prior where there are
    none.

    >>> doc = nlp("“Russia should be broken up into smaller states,” Ann Lee said.")
    >>> vectors = ClaimVectors.of(nlp.get_pipe("graphbuild_claims").claims)
    >>> bags, ctx = document_bags(doc, vectors, {})
    >>> [(m.attribution.actor.name, m.claim_id, m.polarity) for m in decide(bags, ctx, vectors, load_model())]
    [('Ann Lee', 'russia-dissolution', 1)]
    """
    feats = [bag_features(b, ctx) for b in bags]
    p = model.relevance.probability([f.relevance for f in feats])
    chosen = [(b, f, pi) for b, f, pi in zip(bags, feats, p) if pi >= model.threshold and f.best is not None]
    rows = stance_features([b for b, _, _ in chosen], [f for _, f, _ in chosen], vectors)
    ps = model.stance.probability(rows)
    matches = []
    for (bag, f, pi), si in zip(chosen, ps):
        sides = sorted(bag.rules, reverse=True) or [+1 if si >= 0.5 else -1]
        for polarity in sides:
            agree = si if polarity > 0 else 1 - si
            matches.append(ClaimMatch(f.best.attribution, f.best.unit, f.best.claim_id, round(float(pi), 4),
                                      polarity, round(float(max(agree, 0.5)), 4)))
    matches.sort(key=lambda m: (m.evidence.start, m.attribution.actor.name, m.claim_id, -m.polarity))
    return matches


class StatementScorer:
    """The component: bags of a document → ``doc._.claim_matches``."""

    def __init__(self, name: str, claims: list[dict], model_path: str | None = None):
        self.name = name
        self.claims = [dict(c) for c in claims]
        self.kinds = {c["id"]: c.get("kind", "normative") for c in self.claims}
        self.model_path = model_path
        self._vectors: ClaimVectors | None = None

    def __call__(self, doc: Doc) -> Doc:
        # Loaded at the first document, so that building a pipeline stays cheap.
        if self._vectors is None:
            self._vectors = ClaimVectors.of(self.claims)
        bags, ctx = document_bags(doc, self._vectors, self.kinds)
        doc._.claim_matches = decide(bags, ctx, self._vectors, load_model(self.model_path))
        return doc


@Language.factory("graphbuild_statements", requires=["doc._.claim_evidence"], assigns=["doc._.claim_matches"],
                  default_config={"claims": [], "model_path": None})
def make_statement_scorer(nlp: Language, name: str, claims: list[dict], model_path: str | None) -> StatementScorer:
    return StatementScorer(name, claims, model_path)
