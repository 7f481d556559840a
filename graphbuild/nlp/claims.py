"""Component ``graphbuild_claims``: find codebook claims in what actors say.

Each attribution's content (a quote, a reported clause, an author-voice
sentence) is split into sentence units and compared with every phrasing of
every claim: the label, the aliases and the ``opposing`` phrasings.

Two signals are combined, because neither is enough alone: lemma overlap
catches the paraphrases that reuse the codebook's words, and wordllama
sentence similarity catches those that do not.

Notes
-----
The score of a unit for a claim is the best over the claim's phrasings of
``max(semantic, coverage)``:

* coverage is the share of the phrasing's content stems found in the unit,
  each stem weighted by its rarity among the codebook's claims ("Russia" in
  a codebook about Russia says little); it is discounted when the unit
  shares only one word or only actors' names with the phrasing, when the
  phrasing's words are not related in the unit as they are in
  the phrasing, and when the unit is semantically far (``min_cosine``);
* semantic is the wordllama cosine of the texts without actors' names,
  *relative to the unit's mean cosine over all claims*, plus
  ``semantic_offset``: a sentence about the debate's topic is close to
  every claim, one about a claim is closer to it than to the others
  (docs/quality.md has the measurements behind this). It counts only from
  an absolute cosine of ``semantic_floor``, and not at all for a unit with
  fewer than ``min_semantic_words`` content words besides names.

A unit is about its best claim when that scores ``threshold`` or more; a
second claim needs its own words (coverage ``second_coverage``). A unit
about no claim that names a proposal again ("senators who backed the
measure", "it is a balanced approach") takes the claim of a unit up to
``anaphora_window`` sentences before it. Which phrasing won tells the stance
component whether the unit asserts the claim or its opposite.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import similarity
from .extensions import AttributionSpan, ClaimEvidence
from .stance import NEGATORS, evaluation, lexicon, stance_of
from .units import ACTOR_ENTS, Phrasing, content_stems, masked, related_pairs, sentence_units, token_stem

# Determiners that point back to something already named.
_BACK_DETERMINERS = {"the", "this", "these", "that", "those", "such", "its", "their"}


@dataclass(frozen=True)
class UnitScore:
    claim_id: str
    score: float
    phrasing: Phrasing
    cosine: float
    coverage: float


class ClaimMatcher:
    """Score what named actors say against a codebook, unit by unit and claim by claim.

    >>> doc = nlp("“Russia should be broken up into smaller states,” Ann Lee said.")  # the seeds' codebook
    >>> [(e.claim_id, e.polarity) for e in doc._.claim_evidence if e.rule_match]
    [('russia-dissolution', 1)]
    >>> len(doc._.claim_evidence) == len(nlp.get_pipe("graphbuild_claims").claims)  # one unit, every claim
    True
    """

    def __init__(self, nlp: Language, name: str, *, claims: list[dict], threshold: float = 0.5,
                 margin: float = 0.0, min_unit_words: int = 3, second_coverage: float = 0.6,
                 semantic_offset: float = 0.2, semantic_floor: float = 0.45, min_cosine: float = 0.15,
                 anaphora_window: int = 3, anaphora_decay: float = 0.8, min_semantic_words: int = 3):
        self.name = name
        self.claims = [dict(c) for c in claims]
        self.threshold = threshold
        self.margin = margin
        self.min_unit_words = min_unit_words
        self.second_coverage = second_coverage
        self.semantic_offset = semantic_offset
        self.anaphora_window = anaphora_window
        self.anaphora_decay = anaphora_decay
        self.min_semantic_words = min_semantic_words
        self.min_cosine = min_cosine
        self.semantic_floor = semantic_floor
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
        self._pairs = {p: related_pairs(d) for p, d in zip(self._phrasings, docs)}
        self._vectors = similarity.embed([masked(d) for d in docs])
        self._labels = {}
        for p in self._phrasings:
            self._labels.setdefault(p.claim_id, p)
        # A stem that many claims share ("Russia" in a codebook about Russia)
        # says little about which claim a sentence is about.
        spread = Counter(stem for cid in {p.claim_id for p in self._phrasings}
                         for stem in set().union(*(p.stems for p in self._phrasings if p.claim_id == cid)))
        n_claims = len({p.claim_id for p in self._phrasings})
        self._codebook_weight = {stem: _rarity(n, n_claims) for stem, n in spread.items()}
        self._actor_names = frozenset(token_stem(t) for d in docs for t in d if t.ent_type_ in ACTOR_ENTS) - {None}

    def __call__(self, doc: Doc) -> Doc:
        if self._phrasings is None:
            self._prepare()
        units: list[tuple[AttributionSpan, Span]] = []
        for att in doc._.attributions:
            if att.actor is None or not att.actor.name:
                continue  # words nobody can be credited with take no stance
            for unit in sentence_units(att.content):
                if sum(1 for t in unit if t.is_alpha) >= self.min_unit_words:
                    units.append((att, unit))
        units.sort(key=lambda au: (au[1].start, au[1].end))
        sentence_of = {sent.start: n for n, sent in enumerate(doc.sents)}
        evidence: list[ClaimEvidence] = []
        topics: list[tuple[int, UnitScore]] = []  # (sentence, claim) of units about a claim
        if units:
            vectors = similarity.embed([masked(u) for _, u in units])
            cos = similarity.cosine(vectors, self._vectors)
            for (att, unit), row in zip(units, cos):
                sentence = sentence_of.get(unit.sent.start, 0)
                scores = self.score_unit(unit, row)
                found = self.best_claims(unit, row, scores)
                anchor = None
                if found:
                    topics.append((sentence, found[0]))
                elif self.anaphora_window:
                    found, anchor = self._antecedent(unit, sentence, topics)
                matched = {s.claim_id: s for s in found}
                for claim_id, score in scores.items():
                    if claim_id not in matched:
                        # The stance reading costs a walk of the parse per claim
                        # and counts only where the rules match the claim
                        # (rule_verdict); the model reads the others' stance itself.
                        evidence.append(ClaimEvidence(att, unit, claim_id, round(score.score, 4),
                                                      round(score.coverage, 4), False, 0, 0.0, 0))
                        continue
                    best = matched[claim_id]
                    polarity, confidence = stance_of(unit, att, best.phrasing, anchor=anchor)
                    evidence.append(ClaimEvidence(
                        att, unit, claim_id, round(best.score, 4), round(score.coverage, 4),
                        polarity != 0, polarity, confidence, evaluation(unit, best.phrasing.stems)))
        doc._.claim_evidence = evidence
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
        # "the union efforts" name something outside the debate; "their gun
        # bans" do not
        modifiers = {token_stem(c) for c in anaphor.children if c.dep_ == "compound"} - {None}
        if not modifiers <= self._codebook_weight.keys():
            return [], None
        for seen, topic in reversed(topics):
            if sentence - seen > self.anaphora_window:
                break
            if seen <= sentence and (not named or topic.claim_id in named):
                label = self._labels[topic.claim_id]
                return [UnitScore(topic.claim_id, topic.score * self.anaphora_decay, label, 0.0, 0.0)], anaphor
        return [], None

    def score_unit(self, unit: Span, cos_row: np.ndarray) -> dict[str, UnitScore]:
        """The best phrasing of each claim for one unit.

        >>> matcher = nlp.get_pipe("graphbuild_claims")
        >>> doc = nlp("“Russia should be broken up into smaller states,” Ann Lee said.")  # prepares the phrasings
        >>> phrasings = sum(1 + len(c["aliases"]) + len(c["opposing"]) for c in matcher.claims)
        >>> scores = matcher.score_unit(doc[1:9], np.zeros(phrasings))  # the quote, no semantic help
        >>> max(scores.values(), key=lambda s: s.score).claim_id, len(scores) == len(matcher.claims)
        ('russia-dissolution', True)
        """
        stems = content_stems(unit)
        pairs = related_pairs(unit)
        # two or three words ("the idea of a democratic Russia") make a
        # vector of one or two words: too thin for a semantic match alone
        thin = len(content_stems(t for t in unit if t.ent_type_ not in ACTOR_ENTS)) < self.min_semantic_words
        claim_cos: dict[str, float] = {}
        for phrasing, cosine in zip(self._phrasings, cos_row):
            claim_cos[phrasing.claim_id] = max(claim_cos.get(phrasing.claim_id, -1.0), float(cosine))
        baseline = float(np.mean(list(claim_cos.values())))
        best: dict[str, UnitScore] = {}
        for phrasing, cosine in zip(self._phrasings, cos_row):
            coverage = self._coverage(phrasing, stems)
            shared = phrasing.stems & stems
            if len(shared) < 2 or shared <= self._actor_names:
                # one shared word is weak evidence, and so are the names of
                # the debate's actors alone: a sentence naming Russia and
                # Ukraine is not about Ukraine's victory
                coverage *= 0.6
            cosine = float(cosine)
            if self._pairs[phrasing] and not self._pairs[phrasing] & pairs:
                # a claim is made by its words in relation ("illegal
                # immigration increases crime"), not side by side: "a system
                # of international passports" is no "international system"
                coverage *= 0.6
            if cosine < self.min_cosine:
                # shared words in a sentence about something else entirely
                # ("new-business formation" is no "formation of new states")
                coverage *= 0.5
            semantic = cosine - baseline + self.semantic_offset if cosine >= self.semantic_floor else cosine
            if thin:
                semantic = 0.0
            score = max(semantic, coverage)
            old = best.get(phrasing.claim_id)
            if old is None or score > old.score:
                best[phrasing.claim_id] = UnitScore(phrasing.claim_id, score, phrasing, cosine, coverage)
        return best

    def _coverage(self, phrasing: Phrasing, stems: frozenset[str]) -> float:
        """Share of the phrasing's content found in the unit, rare words weighing more.

        A word's weight is its rarity among the codebook's claims. (Weighing
        it also by its rarity among the document's sentences was tried and
        lost half the gun-debate recall: in an article about gun control,
        "gun control" is in every sentence and still names the claim.)
        """
        weight = {s: self._codebook_weight.get(s, 1.0) for s in phrasing.stems}
        total = sum(weight.values())
        return sum(weight[s] for s in phrasing.stems & stems) / total if total else 0.0

    def best_claims(self, unit: Span, cos_row: np.ndarray,
                    scores: dict[str, UnitScore] | None = None) -> list[UnitScore]:
        """Claims the unit is about: above threshold and close to the best one.

        >>> matcher = nlp.get_pipe("graphbuild_claims")
        >>> doc = nlp("“Russia should be broken up into smaller states,” Ann Lee said.")
        >>> phrasings = sum(1 + len(c["aliases"]) + len(c["opposing"]) for c in matcher.claims)
        >>> [s.claim_id for s in matcher.best_claims(doc[1:9], np.zeros(phrasings))]
        ['russia-dissolution']
        """
        scores = scores if scores is not None else self.score_unit(unit, cos_row)
        scored = sorted(scores.values(), key=lambda s: -s.score)
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
        if any(c.dep_ in ("acl", "prep") and (c.dep_ == "acl" or c.lower_ in ("of", "for", "to"))
               for c in tok.children):
            continue  # "the idea of a democratic Russia" says what it is
        if any(c.dep_ in ("det", "poss") and c.lower_ in _BACK_DETERMINERS for c in tok.children):
            return tok
        if tok.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that")
                                      for c in tok.head.children):
            return tok
    return None


@Language.factory(
    "graphbuild_claims",
    requires=["doc._.attributions"],
    assigns=["doc._.claim_evidence"],
    default_config={"claims": [], "threshold": 0.5, "margin": 0.0, "min_unit_words": 3,
                    "second_coverage": 0.6, "semantic_offset": 0.2, "semantic_floor": 0.45,
                    "min_cosine": 0.15, "anaphora_window": 3, "anaphora_decay": 0.8, "min_semantic_words": 3},
)
def make_claim_matcher(nlp: Language, name: str, claims: list[dict], threshold: float,
                       margin: float, min_unit_words: int, second_coverage: float,
                       semantic_offset: float, semantic_floor: float, min_cosine: float,
                       anaphora_window: int, anaphora_decay: float, min_semantic_words: int) -> ClaimMatcher:
    """The claim matcher; tunables were chosen on both development sets (docs/quality.md)."""
    return ClaimMatcher(nlp, name, claims=claims, threshold=threshold, margin=margin,
                        min_unit_words=min_unit_words, second_coverage=second_coverage,
                        semantic_offset=semantic_offset, semantic_floor=semantic_floor,
                        min_cosine=min_cosine, anaphora_window=anaphora_window,
                        anaphora_decay=anaphora_decay, min_semantic_words=min_semantic_words)
