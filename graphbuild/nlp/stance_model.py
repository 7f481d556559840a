"""The learned stance model: does a text support, oppose or not address a claim?

Two logistic regressions over ``nlp/stance_features.py``: *relevance*
(does the text address the claim) and *polarity* (supports or opposes,
given that it does). Their weights live in ``graphbuild/data/stance_model.json``
as plain arrays with the training data, settings and scores that produced
them; ``training/train_stance.py`` rebuilds that file bit for bit. Run time
needs numpy and the sentence embeddings, nothing else.

The answer is "none" when P(relevant) is below the model's threshold;
otherwise the likelier side. ``confidence`` is the estimated probability of
the answer: 1 - P(relevant) for "none", P(relevant) x P(side) otherwise.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

import numpy as np

from ..errors import GraphbuildError
from .stance_features import POLARITY_FEATURES, RELEVANCE_FEATURES, ClaimPhrasings, PhrasingVectors, pair_features

MODEL_FILE = "stance_model.json"
FORMAT = "graphbuild-stance-model/1"


class StanceModelError(GraphbuildError):
    """The stance model file is missing or malformed."""


@dataclass(frozen=True)
class StanceResult:
    """One pair's answer: ``stance`` is "supports", "opposes" or "none"."""

    stance: str
    confidence: float
    relevance: float  # P(the text addresses the claim)
    support: float  # P(supports | it does)


@dataclass(frozen=True)
class LogisticHead:
    """A standardised logistic regression read from the model file."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_json(cls, data: dict, n_features: int, where: str) -> "LogisticHead":
        """A head from the model file's JSON; a :class:`StanceModelError` if it is malformed.

        >>> LogisticHead.from_json({"mean": [0], "scale": [1], "coef": [2], "intercept": 0}, 1, "m.json").coef
        array([2.])
        >>> LogisticHead.from_json({"mean": [0]}, 1, "m.json")
        Traceback (most recent call last):
        graphbuild.nlp.stance_model.StanceModelError: m.json: malformed (KeyError('scale'))
        """
        try:
            head = cls(np.asarray(data["mean"], dtype=np.float64), np.asarray(data["scale"], dtype=np.float64),
                       np.asarray(data["coef"], dtype=np.float64), float(data["intercept"]))
        except (KeyError, TypeError, ValueError) as err:
            raise StanceModelError(f"{where}: malformed ({err!r})") from None
        if not (head.mean.shape == head.scale.shape == head.coef.shape == (n_features,)):
            raise StanceModelError(f"{where}: expected {n_features} weights, found {head.coef.shape}")
        return head

    def probability(self, X: np.ndarray) -> np.ndarray:
        """P(positive) for each row of features.

        >>> head = LogisticHead(np.zeros(1), np.ones(1), np.array([2.0]), 0.0)
        >>> head.probability(np.array([[0.0], [1.0]])).round(3)
        array([0.5  , 0.881])
        """
        z = ((X - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class StanceModel:
    relevance: LogisticHead
    polarity: LogisticHead
    threshold: float
    metadata: dict

    @classmethod
    def from_json(cls, data: dict, where: str = MODEL_FILE) -> "StanceModel":
        """A model from the model file's JSON; a :class:`StanceModelError` names what is wrong.

        >>> StanceModel.from_json({"format": "something else"}, "m.json")
        Traceback (most recent call last):
        graphbuild.nlp.stance_model.StanceModelError: m.json: not a graphbuild-stance-model/1 file
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StanceModelError(f"{where}: not a {FORMAT} file")
        if tuple(data.get("relevance_features", ())) != RELEVANCE_FEATURES or \
                tuple(data.get("polarity_features", ())) != POLARITY_FEATURES:
            raise StanceModelError(f"{where}: its features are not this graphbuild's; rebuild it with "
                                   "training/train_stance.py")
        return cls(LogisticHead.from_json(data.get("relevance"), len(RELEVANCE_FEATURES), f"{where}: relevance"),
                   LogisticHead.from_json(data.get("polarity"), len(POLARITY_FEATURES), f"{where}: polarity"),
                   float(data.get("threshold", 0.5)), data.get("training", {}))

    def predict(self, relevance_features: np.ndarray, polarity_features: np.ndarray) -> list[StanceResult]:
        """One :class:`StanceResult` per pair: "none" below the relevance threshold, else the likelier side.

        >>> head = lambda n, bias: LogisticHead(np.zeros(n), np.ones(n), np.zeros(n), bias)
        >>> model = StanceModel(head(len(RELEVANCE_FEATURES), 2.0), head(len(POLARITY_FEATURES), -2.0), 0.5, {})
        >>> model.predict(np.zeros((1, len(RELEVANCE_FEATURES))), np.zeros((1, len(POLARITY_FEATURES))))
        [StanceResult(stance='opposes', confidence=0.7758, relevance=0.8808, support=0.1192)]
        """
        p_rel = self.relevance.probability(relevance_features)
        p_sup = self.polarity.probability(polarity_features)
        out = []
        for r, s in zip(p_rel.tolist(), p_sup.tolist()):
            if r < self.threshold:
                out.append(StanceResult("none", round(1.0 - r, 4), round(r, 4), round(s, 4)))
            elif s >= 0.5:
                out.append(StanceResult("supports", round(r * s, 4), round(r, 4), round(s, 4)))
            else:
                out.append(StanceResult("opposes", round(r * (1.0 - s), 4), round(r, 4), round(s, 4)))
        return out


@lru_cache(maxsize=1)
def load_model() -> StanceModel:
    """The model shipped in ``graphbuild/data/stance_model.json``, read once.

    >>> model = load_model()
    >>> model.relevance.coef.shape == (len(RELEVANCE_FEATURES),), load_model() is model
    (True, True)
    """
    where = f"graphbuild/data/{MODEL_FILE}"
    try:
        text = resources.files("graphbuild.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StanceModelError(f"{where}: missing; reinstall graphbuild or rebuild it with "
                               "training/train_stance.py") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise StanceModelError(f"{where}: not JSON ({err.msg} at line {err.lineno})") from None
    return StanceModel.from_json(data, where)


# Claim phrasings recur across calls (a codebook's claims, document after
# document): their vectors are kept for the life of the process, up to a bound.
_PHRASINGS = PhrasingVectors()
_PHRASINGS_MAX = 20_000


def _phrasings(claim: str | ClaimPhrasings) -> ClaimPhrasings:
    return claim if isinstance(claim, ClaimPhrasings) else ClaimPhrasings(str(claim))


def classify_stance(texts: Iterable[str], claims: Iterable[str | ClaimPhrasings], *,
                    text_vectors: np.ndarray | None = None, model: StanceModel | None = None) -> list[StanceResult]:
    """The stance of each text towards its claim (pairs by position).

    A claim is a proposition ("Tariffs raise prices for U.S. consumers"), or a
    :class:`ClaimPhrasings` with the codebook's aliases and opposing phrasings.
    ``text_vectors``: the texts' embeddings (``nlp.embeddings.embed``), when
    the caller has them already.

    >>> [r.stance for r in classify_stance(
    ...     ["Tariffs are a tax paid by American families.", "The match starts at noon."],
    ...     ["Tariffs raise prices for American consumers"] * 2)]
    ['supports', 'none']
    """
    texts = list(texts)
    phrasings = [_phrasings(c) for c in claims]
    if len(_PHRASINGS) > _PHRASINGS_MAX:
        _PHRASINGS.clear()
    relevance, polarity = pair_features(texts, phrasings, text_vectors, _PHRASINGS)
    return (model or load_model()).predict(relevance, polarity)
