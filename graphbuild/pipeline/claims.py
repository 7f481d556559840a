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
from spacy.tokens import Doc, Span, Token

from .. import similarity
from .extensions import AttributionSpan, ClaimMatch
from .stance import NEGATORS, lexicon, stance_of

# Parts of speech that carry a proposition's content.
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}
# Verbs too general to count as shared content.
_LIGHT_VERBS = {"be", "have", "do", "make", "get", "take", "go", "become", "say", "would", "should", "can", "will"}
_STEM = 6
# Determiners that point back to something already named.
_BACK_DETERMINERS = {"the", "this", "these", "that", "those", "such", "its", "their"}


def _stem(lemma: str) -> str:
    return lemma[:_STEM] if len(lemma) > _STEM else lemma


def token_stem(t) -> str | None:
    """The stem of a content word (lower-cased lemma, clipped), None for other words."""
    lemma = t.lemma_.lower()
    if t.pos_ in _CONTENT_POS and not t.is_stop and lemma not in _LIGHT_VERBS and t.is_alpha:
        return _stem(lemma)
    return None


def content_stems(tokens) -> frozenset[str]:
    """Stems of the content words of a span (lower-cased lemmas, clipped)."""
    return frozenset(s for s in map(token_stem, tokens) if s is not None)


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
        self.relative = True
        self.min_shared = 2
        self.anaphora_window = 3
        self.anaphora_decay = 0.8
        self.second_coverage = 0.6
        self.rel_offset = 0.2
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
        self._labels = {}
        for p in self._phrasings:
            self._labels.setdefault(p.claim_id, p)
        # A stem that many claims share ("Russia" in a codebook about Russia)
        # says little about which claim a sentence is about.
        spread = Counter(stem for cid in {p.claim_id for p in self._phrasings}
                         for stem in set().union(*(p.stems for p in self._phrasings if p.claim_id == cid)))
        n_claims = len({p.claim_id for p in self._phrasings})
        self._codebook_weight = {stem: _rarity(n, n_claims) for stem, n in spread.items()}

    def __call__(self, doc: Doc) -> Doc:
        if self._phrasings is None:
            self._prepare()
        units: list[tuple[AttributionSpan, Span]] = []
        for att in doc._.attributions:
            for unit in _units(att.content):
                if sum(1 for t in unit if t.is_alpha) >= self.min_unit_words:
                    units.append((att, unit))
        units.sort(key=lambda au: (au[1].start, au[1].end))
        sentence_of = {}
        for n, sent in enumerate(doc.sents):
            sentence_of[sent.start] = n
        matches = []
        topics: list[tuple[int, UnitScore]] = []  # (sentence, claim) of units about a claim
        if units:
            vectors = similarity.embed([u.text for _, u in units])
            cos = similarity.cosine(vectors, self._vectors)
            for (att, unit), row in zip(units, cos):
                sentence = sentence_of.get(unit.sent.start, 0)
                found = self.best_claims(unit, row)
                anchor = None
                if found:
                    topics.append((sentence, found[0]))
                elif self.anaphora_window:
                    found, anchor = self._antecedent(unit, sentence, topics)
                for best in found:
                    polarity, confidence = stance_of(unit, att, best.phrasing, anchor=anchor)
                    if polarity == 0:
                        continue
                    matches.append(ClaimMatch(att, unit, best.claim_id, round(best.score, 4),
                                              polarity, confidence))
        doc._.claim_matches = matches
        return doc

    def _antecedent(self, unit: Span, sentence: int, topics: list[tuple[int, UnitScore]]
                    ) -> tuple[list[UnitScore], Token | None]:
        """The claim a unit refers back to: "senators who backed the measure",
        "it is a comprehensive, balanced approach" after a sentence about a bill."""
        anaphor = _anaphor(unit)
        if anaphor is None:
            return [], None
        # "their gun bans" points back to the one claim about a ban; "the
        # measure" or "these laws" (words of several claims) to any
        stem = token_stem(anaphor)
        named = {p.claim_id for p in self._phrasings if stem in p.stems}
        if len(named) > 1:
            named = set()
        for seen, topic in reversed(topics):
            if sentence - seen > self.anaphora_window:
                break
            if seen <= sentence and (not named or topic.claim_id in named):
                label = self._labels[topic.claim_id]
                return [UnitScore(topic.claim_id, topic.score * self.anaphora_decay, label, 0.0, 0.0)], anaphor
        return [], None

    def score_unit(self, unit: Span, cos_row: np.ndarray) -> dict[str, UnitScore]:
        """The best phrasing of each claim for one unit."""
        stems = content_stems(unit)
        claim_cos: dict[str, float] = {}
        for phrasing, cosine in zip(self._phrasings, cos_row):
            claim_cos[phrasing.claim_id] = max(claim_cos.get(phrasing.claim_id, -1.0), float(cosine))
        baseline = float(np.mean(list(claim_cos.values()))) if self.relative else 0.0
        best: dict[str, UnitScore] = {}
        for phrasing, cosine in zip(self._phrasings, cos_row):
            coverage = self._coverage(phrasing, stems)
            if len(phrasing.stems & stems) < self.min_shared:
                coverage *= 0.6  # one shared word is weak evidence
            cosine = float(cosine)
            sem = cosine - baseline + self.rel_offset if self.relative else cosine
            if self.combine == "mean":
                score = (sem + coverage) / 2
            else:
                score = max(sem, coverage)
            old = best.get(phrasing.claim_id)
            if old is None or score > old.score:
                best[phrasing.claim_id] = UnitScore(phrasing.claim_id, score, phrasing, cosine, coverage)
        return best

    def _coverage(self, phrasing: Phrasing, stems: frozenset[str]) -> float:
        """Share of the phrasing's content found in the unit, rare words weighing more.

        A word's weight is its rarity among the codebook's claims times its
        rarity among the document's sentences: the words every sentence of
        an article repeats name its topic, not one claim about it.
        """
        weight = {s: self._codebook_weight.get(s, 1.0) for s in phrasing.stems}
        total = sum(weight.values())
        return sum(weight[s] for s in phrasing.stems & stems) / total if total else 0.0

    def best_claims(self, unit: Span, cos_row: np.ndarray) -> list[UnitScore]:
        """Claims the unit is about: above threshold and close to the best one."""
        scored = sorted(self.score_unit(unit, cos_row).values(), key=lambda s: -s.score)
        if not scored or scored[0].score < self.threshold:
            return []
        top = scored[0].score
        # A second claim in the same sentence needs its own words there
        # ("… to take action on gun control … a bill that would create
        # universal background checks"), not just a near score.
        return [s for s in scored if s.score >= self.threshold and (
            s.score >= top - self.margin or s.coverage >= self.second_coverage)]


def _rarity(count: int, total: int) -> float:
    """1.0 for a word in one of ``total`` places, falling towards 0 as it is everywhere."""
    return math.log1p(total / count) / math.log1p(total) if total > 1 else 1.0


def _anaphor(unit: Span) -> Token | None:
    """A phrase that refers back to a proposal: "the measure", "these laws",
    "it is a … approach" (lexicon ``policy_nouns``)."""
    nouns = lexicon()["policy_nouns"]
    for tok in unit:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns:
            continue
        if any(c.dep_ in ("det", "poss") and c.lower_ in _BACK_DETERMINERS for c in tok.children):
            return tok
        if tok.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that")
                                      for c in tok.head.children):
            return tok
    return None


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
