"""Features of a (text, claim) pair for the learned stance model.

Shared by the model at run time (``nlp/stance_model.py``) and by its
training script (``training/train_stance.py``), so both compute exactly the
same numbers. Everything is topic-independent: similarities to the claim's
phrasings, not the vectors themselves, so a model fitted on some debates
carries to a debate it has never seen.

*Relevance* (does the text address the claim at all): cosine to the label,
to the closest alias and opposing phrasing, shared content words, length.

*Polarity* (supports or opposes): the claim is negated by a general English
rule ("We should ban boxing" -> "We should not ban boxing"), and the text
is compared with the claim's supporting side (label, aliases, negated
opposing phrasings) and its opposing side (opposing phrasings, negated label
and aliases). Cue counts from the stance lexicon (negators, negating nouns
such as "refusal" or "failure", stance verbs, evaluative words, "if"
clauses, contrast, hedges, questions) and their interaction with the
contrast complete the vector.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import embeddings
from .stance import lexicon

RELEVANCE_FEATURES = ("cos_label", "cos_alias", "cos_opposing", "cos_max", "word_overlap", "log_words")
POLARITY_FEATURES = ("negation_contrast", "side_contrast_max", "side_contrast_mean",
                     "negators", "negating_nouns", "oppose_words", "support_words", "negative_words",
                     "positive_words", "condition", "contrast", "hedge", "question",
                     "negation_contrast_flipped")


@dataclass(frozen=True)
class ClaimPhrasings:
    """A claim as the model reads it: the proposition and the codebook's other phrasings.

    >>> ClaimPhrasings("Tariffs raise prices", opposing=("foreign countries pay the tariffs",)).supporting()
    ('Tariffs raise prices', 'It is not true that foreign countries pay the tariffs')
    """

    label: str
    aliases: tuple[str, ...] = field(default=())
    opposing: tuple[str, ...] = field(default=())

    def supporting(self) -> tuple[str, ...]:
        """Phrasings that assert the claim: label, aliases, negated opposing phrasings.

        >>> ClaimPhrasings("Taxes should rise", aliases=("raise taxes",), opposing=("Taxes should fall",)).supporting()
        ('Taxes should rise', 'raise taxes', 'Taxes should not fall')
        """
        return (self.label, *self.aliases, *(negate(o) for o in self.opposing))

    def against(self) -> tuple[str, ...]:
        """Phrasings that deny it: opposing phrasings, negated label and aliases.

        >>> ClaimPhrasings("Taxes should rise", opposing=("Taxes should fall",)).against()
        ('Taxes should fall', 'Taxes should not rise')
        """
        return (*self.opposing, *(negate(p) for p in (self.label, *self.aliases)))


_AUX = ("should", "would", "must", "can", "could", "will", "shall", "is", "are", "was", "were", "has", "have",
        "had", "does", "do", "did", "may", "might", "ought to", "need to")
_AUX_RE = re.compile(r"\b(" + "|".join(_AUX) + r")\b", re.IGNORECASE)
_AUX_NOT_RE = re.compile(r"\b(" + "|".join(_AUX) + r") not\b", re.IGNORECASE)
_NEVER_RE = re.compile(r"\bnever\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def negate(proposition: str) -> str:
    """The proposition's denial, by a general English rule.

    A negated auxiliary loses its "not" ("never" becomes "ever"); otherwise
    "not" follows the first auxiliary; a text with none ("foreign countries
    pay the tariffs", "ban assault weapons") is denied as a whole.

    >>> negate("We should ban boxing")
    'We should not ban boxing'
    >>> negate("States should not subsidize tobacco")
    'States should subsidize tobacco'
    >>> negate("Foreign countries pay the tariffs")
    'It is not true that foreign countries pay the tariffs'
    """
    text = proposition.strip()
    m = _AUX_NOT_RE.search(text)
    if m:
        return text[:m.start()] + m.group(1) + text[m.end():]
    m = _NEVER_RE.search(text)
    if m:
        return text[:m.start()] + "ever" + text[m.end():]
    m = _AUX_RE.search(text)
    if m:
        return text[:m.end()] + " not" + text[m.end():]
    return "It is not true that " + text[:1].lower() + text[1:]


_WORD = re.compile(r"[a-z][a-z'-]*")
_STOP = frozenset("the a an of to in and or for on is are be that this with as by it its at from should would will "
                  "not we they he she has have was were been".split())


def _content_prefixes(text: str) -> set[str]:
    # Five-letter prefixes: a cheap stem that matches "tariff"/"tariffs", "ban"/"banning".
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


@lru_cache(maxsize=1)
def _cue_words() -> dict[str, frozenset[str]]:
    lex = lexicon()
    single = {k: frozenset(w for w in lex[k] if " " not in w)
              for k in ("negators", "negating_nouns", "oppose_verbs", "support_verbs", "oppose_nouns",
                        "support_nouns", "negative_evaluation", "positive_evaluation")}
    return {
        "negators": single["negators"],
        "negating_nouns": single["negating_nouns"],
        "oppose": single["oppose_verbs"] | single["oppose_nouns"],
        "support": single["support_verbs"] | single["support_nouns"],
        "negative": single["negative_evaluation"],
        "positive": single["positive_evaluation"],
    }


_CONDITION = re.compile(r"\b(if|unless|whether)\b")
_CONTRAST = re.compile(r"\b(but|however|although|though|yet|instead|rather)\b")
_HEDGE = re.compile(r"\b(may|might|could|would|perhaps|possibly)\b")


def cue_counts(text: str) -> list[float]:
    """Counts of general-English stance cues in a text (see POLARITY_FEATURES[3:13]).

    >>> cue_counts("Her refusal to endorse the plan, if it passes, would not help.")[:3]
    [1.0, 1.0, 0.0]
    """
    low = text.lower().replace("’", "'")
    words = _WORD.findall(low)
    # "don't", "won't": one regex word ending in "n't".
    negators = sum(w in _cue_words()["negators"] or w.endswith("n't") for w in words)
    cues = _cue_words()
    return [float(negators),
            float(sum(w in cues["negating_nouns"] for w in words)),
            float(sum(w in cues["oppose"] for w in words)),
            float(sum(w in cues["support"] for w in words)),
            float(sum(w in cues["negative"] for w in words)),
            float(sum(w in cues["positive"] for w in words)),
            float(bool(_CONDITION.search(low))),
            float(bool(_CONTRAST.search(low))),
            float(bool(_HEDGE.search(low))),
            float("?" in low)]


class PhrasingVectors:
    """Embeddings of claim phrasings, computed once per distinct phrasing."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}

    def add(self, claims: list[ClaimPhrasings]) -> None:
        """Embed the claims' phrasings and their negations not embedded yet.

        >>> vectors = PhrasingVectors()
        >>> vectors.add([ClaimPhrasings("Taxes should rise")]); vectors.add([ClaimPhrasings("Taxes should rise")])
        >>> len(vectors)  # the label and its negation, once
        2
        """
        wanted = sorted({p for c in claims for p in (*c.supporting(), *c.against())} - self._vectors.keys())
        for text, vector in zip(wanted, embeddings.embed(wanted)):
            self._vectors[text] = vector

    def __len__(self) -> int:
        return len(self._vectors)

    def clear(self) -> None:
        """Forget every vector (a new codebook).

        >>> vectors = PhrasingVectors()
        >>> vectors.add([ClaimPhrasings("Taxes should rise")]); vectors.clear()
        >>> len(vectors)
        0
        """
        self._vectors.clear()

    def matrix(self, phrasings: tuple[str, ...]) -> np.ndarray:
        """The vectors of ``phrasings`` (all added before), one row each.

        >>> vectors = PhrasingVectors()
        >>> vectors.add([ClaimPhrasings("Taxes should rise")])
        >>> vectors.matrix(("Taxes should rise", "Taxes should not rise")).shape
        (2, 384)
        """
        return np.stack([self._vectors[p] for p in phrasings])


def pair_features(texts: list[str], claims: list[ClaimPhrasings],
                  text_vectors: np.ndarray | None = None,
                  phrasing_vectors: PhrasingVectors | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(relevance features, polarity features), one row per (text, claim) pair.

    ``text_vectors`` may hold the texts' embeddings when the caller already
    has them (the extractor embeds its units once for every claim).

    >>> rel, pol = pair_features(["Tariffs are a tax on American consumers."],
    ...                          [ClaimPhrasings("Tariffs raise prices for U.S. consumers")])
    >>> rel.shape, pol.shape
    ((1, 6), (1, 14))
    """
    if len(texts) != len(claims):
        raise ValueError(f"pair_features: {len(texts)} texts but {len(claims)} claims")
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(RELEVANCE_FEATURES))), np.zeros((0, len(POLARITY_FEATURES)))
    vectors = embeddings.embed(texts) if text_vectors is None else text_vectors
    phr = phrasing_vectors if phrasing_vectors is not None else PhrasingVectors()
    phr.add(claims)
    rel = np.zeros((n, len(RELEVANCE_FEATURES)))
    pol = np.zeros((n, len(POLARITY_FEATURES)))
    for i, (text, claim) in enumerate(zip(texts, claims)):
        u = vectors[i]
        cos_label = float(phr.matrix((claim.label,))[0] @ u)
        cos_alias = float((phr.matrix(claim.aliases) @ u).max()) if claim.aliases else cos_label
        cos_opp = float((phr.matrix(claim.opposing) @ u).max()) if claim.opposing else cos_label
        words = _content_prefixes(text)
        overlap = len(words & _content_prefixes(" ".join((claim.label, *claim.aliases, *claim.opposing))))
        rel[i] = [cos_label, cos_alias, cos_opp, max(cos_label, cos_alias, cos_opp),
                  overlap / max(1, len(words)), np.log1p(len(text.split()))]
        contrast = cos_label - float(phr.matrix((negate(claim.label),))[0] @ u)
        pro = phr.matrix(claim.supporting()) @ u
        con = phr.matrix(claim.against()) @ u
        cues = cue_counts(text)
        # An odd number of negations (words or negating nouns) turns the text's
        # similarity to the claim round: "her refusal to endorse the plan".
        flips = (cues[0] + cues[1]) % 2
        pol[i] = [contrast, float(pro.max() - con.max()), float(pro.mean() - con.mean()), *cues,
                  contrast * (1 - 2 * flips)]
    return rel, pol
