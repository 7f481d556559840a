"""Component ``graphbuild_claims``: find codebook claims in what actors say.

Each attribution's content (a quote, a reported clause, an author-voice
sentence) is split into sentence units and compared with every phrasing of
every claim: the label, the aliases and the ``opposing`` phrasings.

Two signals are combined, because neither is enough alone: lemma overlap
catches the paraphrases that reuse the codebook's words, and wordllama
sentence similarity catches those that do not (on unseen articles only about
half the evidence sentences share half their content words with any
phrasing of the claim).

Notes
-----
The score of a unit for a claim is the best over the claim's phrasings of
``max(cosine, coverage)``, where coverage is the share of the phrasing's
content lemmas found in the unit (stems, so "dissolution" meets
"dissolve"), discounted for one-word phrasings. Which phrasing won tells the
stance component whether the unit asserts the claim or its opposite.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import similarity
from .extensions import AttributionSpan, ClaimMatch
from .stance import NEGATORS, stance_of

# Parts of speech that carry a proposition's content.
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}
# Verbs too general to count as shared content.
_LIGHT_VERBS = {"be", "have", "do", "make", "get", "take", "go", "become", "say", "would", "should", "can", "will"}
_STEM = 5


def _stem(lemma: str) -> str:
    return lemma[:_STEM] if len(lemma) > _STEM + 1 else lemma


def content_stems(tokens) -> frozenset[str]:
    """Stems of the content words of a span (lower-cased lemmas, clipped)."""
    stems = set()
    for t in tokens:
        lemma = t.lemma_.lower()
        if t.pos_ in _CONTENT_POS and not t.is_stop and lemma not in _LIGHT_VERBS and t.is_alpha:
            stems.add(_stem(lemma))
    return frozenset(stems)


@dataclass(frozen=True)
class Phrasing:
    claim_id: str
    text: str
    polarity: int  # +1 label or alias, -1 an ``opposing`` phrasing
    kind: str  # the claim's kind: "normative" or "descriptive"
    negated: bool  # the phrasing itself contains a negation ("cannot win")
    stems: frozenset[str]


@dataclass(frozen=True)
class UnitScore:
    claim_id: str
    score: float
    phrasing: Phrasing
    cosine: float
    coverage: float


class ClaimMatcher:
    """Score attribution contents against a codebook.

    >>> nlp = load_nlp(codebook)  # doctest: +SKIP
    >>> doc = nlp("NATO must strengthen its eastern flank.")  # doctest: +SKIP
    >>> [m.claim_id for m in doc._.claim_matches]  # doctest: +SKIP
    ['nato-eastern-defense']
    """

    def __init__(self, nlp: Language, name: str, *, claims: list[dict], threshold: float,
                 margin: float, min_unit_words: int):
        self.name = name
        self.claims = [dict(c) for c in claims]
        self.threshold = threshold
        self.margin = margin
        self.min_unit_words = min_unit_words
        self.combine = "max"
        self.doc_rarity = False
        self._nlp = nlp
        self._phrasings: list[Phrasing] | None = None
        self._vectors: np.ndarray | None = None

    def _prepare(self) -> None:
        texts, meta = [], []
        for claim in self.claims:
            for text in [claim["label"], *claim.get("aliases", [])]:
                texts.append(text); meta.append((claim["id"], +1, claim.get("kind", "normative")))
            for text in claim.get("opposing", []):
                texts.append(text); meta.append((claim["id"], -1, claim.get("kind", "normative")))
        # Phrasings are parsed by the pipeline's own tagger/lemmatizer so their
        # lemmas are comparable with the article's.
        components = [n for n in self._nlp.pipe_names if not n.startswith("graphbuild")]
        with self._nlp.select_pipes(enable=components):
            docs = list(self._nlp.pipe(texts))
        self._phrasings = [
            Phrasing(cid, text, pol, kind, any(t.lower_ in NEGATORS or t.lemma_.lower() in NEGATORS for t in d),
                     content_stems(d))
            for (cid, pol, kind), text, d in zip(meta, texts, docs)
        ]
        self._vectors = similarity.embed(texts)
        # A stem that many claims share ("Russia" in a codebook about Russia)
        # says little about which claim a sentence is about.
        spread = Counter(stem for cid in {p.claim_id for p in self._phrasings}
                         for stem in set().union(*(p.stems for p in self._phrasings if p.claim_id == cid)))
        n_claims = len({p.claim_id for p in self._phrasings})
        self._codebook_weight = {stem: _rarity(n, n_claims) for stem, n in spread.items()}

    def __call__(self, doc: Doc) -> Doc:
        if self._phrasings is None:
            self._prepare()
        self._doc_weight = _document_rarity(doc) if self.doc_rarity else {}
        units: list[tuple[AttributionSpan, Span]] = []
        for att in doc._.attributions:
            for unit in _units(att.content):
                if sum(1 for t in unit if t.is_alpha) >= self.min_unit_words:
                    units.append((att, unit))
        matches = []
        if units:
            vectors = similarity.embed([u.text for _, u in units])
            cos = similarity.cosine(vectors, self._vectors)
            for (att, unit), row in zip(units, cos):
                for best in self.best_claims(unit, row):
                    polarity, confidence = stance_of(unit, att, best.phrasing)
                    if polarity == 0:
                        continue
                    matches.append(ClaimMatch(att, unit, best.claim_id, round(best.score, 4),
                                              polarity, confidence))
        doc._.claim_matches = matches
        return doc

    def score_unit(self, unit: Span, cos_row: np.ndarray) -> dict[str, UnitScore]:
        """The best phrasing of each claim for one unit."""
        stems = content_stems(unit)
        best: dict[str, UnitScore] = {}
        for phrasing, cosine in zip(self._phrasings, cos_row):
            coverage = self._coverage(phrasing, stems)
            if len(phrasing.stems) < 2:
                coverage *= 0.6  # one shared word is weak evidence
            if self.combine == "mean":
                score = (float(cosine) + coverage) / 2
            else:
                score = max(float(cosine), coverage)
            old = best.get(phrasing.claim_id)
            if old is None or score > old.score:
                best[phrasing.claim_id] = UnitScore(phrasing.claim_id, score, phrasing, float(cosine), coverage)
        return best

    def _coverage(self, phrasing: Phrasing, stems: frozenset[str]) -> float:
        """Share of the phrasing's content found in the unit, rare words weighing more.

        A word's weight is its rarity among the codebook's claims times its
        rarity among the document's sentences: the words every sentence of
        an article repeats name its topic, not one claim about it.
        """
        weight = {s: self._codebook_weight.get(s, 1.0) * self._doc_weight.get(s, 1.0) for s in phrasing.stems}
        total = sum(weight.values())
        return sum(weight[s] for s in phrasing.stems & stems) / total if total else 0.0

    def best_claims(self, unit: Span, cos_row: np.ndarray) -> list[UnitScore]:
        """Claims the unit is about: above threshold and close to the best one."""
        scored = sorted(self.score_unit(unit, cos_row).values(), key=lambda s: -s.score)
        if not scored or scored[0].score < self.threshold:
            return []
        top = scored[0].score
        return [s for s in scored if s.score >= self.threshold and s.score >= top - self.margin]


def _rarity(count: int, total: int) -> float:
    """1.0 for a word in one of ``total`` places, falling towards 0 as it is everywhere."""
    return math.log1p(total / count) / math.log1p(total) if total > 1 else 1.0


def _document_rarity(doc: Doc) -> dict[str, float]:
    """Rarity of each content stem among the document's sentences."""
    sentences = [content_stems(sent) for sent in doc.sents]
    df = Counter(stem for stems in sentences for stem in stems)
    return {stem: _rarity(n, len(sentences)) for stem, n in df.items()}


def _units(content: Span) -> list[Span]:
    """Sentence-sized pieces of a content span (a quote may run for several)."""
    doc = content.doc
    pieces = []
    for sent in doc[content.start:content.end].sents:
        start, end = max(sent.start, content.start), min(sent.end, content.end)
        while start < end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in "?!."):
            end -= 1
        if end > start:
            pieces.append(doc[start:end])
    return pieces


@Language.factory(
    "graphbuild_claims",
    requires=["doc._.attributions"],
    assigns=["doc._.claim_matches"],
    default_config={"claims": [], "threshold": 0.5, "margin": 0.0, "min_unit_words": 3},
)
def make_claim_matcher(nlp: Language, name: str, claims: list[dict], threshold: float,
                       margin: float, min_unit_words: int) -> ClaimMatcher:
    return ClaimMatcher(nlp, name, claims=claims, threshold=threshold, margin=margin,
                        min_unit_words=min_unit_words)
