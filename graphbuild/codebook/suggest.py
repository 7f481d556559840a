"""Draft a claim codebook from a corpus: ``graphbuild codebook suggest``.

Most users start with a pile of articles and no codebook. This proposes one
for a person to edit. It gathers the sentences in which someone takes a
position (a quote or report with a stance word, a modal or an evaluation;
an opinion piece's own arguing sentences) and embeds them with MiniLM
(:mod:`graphbuild.nlp.embeddings`). A claim is the position shared by the
most documents: the sentence whose close paraphrases (cosine at least
``similarity``) come from the most documents, and which can stand alone as
a proposition (:mod:`graphbuild.nlp.propositions`), is the label; its
paraphrases are the claim's evidence. Then the next, among the sentences
left. Per claim, the learned stance model (:mod:`graphbuild.nlp.stance_model`)
reads every nearby sentence: those that argue against the label give the
``opposing`` phrasings and the share of documents against. Aliases are the
noun and verb phrases the evidence repeats that the rest of the corpus does
not use, and that mean something close to the label.

The result is a :class:`Draft` (:mod:`graphbuild.codebook.draft`); its YAML
carries, per claim, the documents for and against and two example sentences.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.tokens import Span

from ..lexicons import load_lexicon
from ..models import Document
from ..nlp import embeddings
from ..nlp.extract import parse
from ..nlp.pipeline import load_nlp
from ..nlp.propositions import proposition_problem, proposition_text
from ..nlp.stance import evaluation, lexicon, verb_polarity
from ..nlp.stance_features import ClaimPhrasings
from ..nlp.stance_model import classify_stance
from ..nlp.units import sentence_units, token_stem
from .draft import Draft, DraftClaim

__all__ = ["Position", "find_positions", "draft_from_positions", "suggest_codebook", "SIMILARITY"]

# MiniLM cosine at which two sentences state the same position (docs/suggest.md
# calibrates it on the six visible debates, leave one debate out).
SIMILARITY = 0.7
# Sentences this much less close to a label are read by the stance model:
# an argument against a claim shares its topic more than its wording.
_RING = 0.12
_MIN_WORDS, _MAX_WORDS = 5, 45
_MAX_ALIASES, _MAX_OPPOSING = 4, 2
_LONG_LABEL = 0.01  # centrality a label gives up per word beyond 15


@dataclass(frozen=True)
class Position:
    """One sentence in which someone takes a position."""

    doc_id: str
    text: str
    label: str | None  # the sentence as a codebook label, None when it cannot stand alone
    normative: bool  # it prescribes ("should", "must", "need to")
    phrases: tuple[tuple[str, str], ...]  # (key, surface) noun and verb phrases, for aliases


def suggest_codebook(documents: Iterable[Document], *, nlp: Language | None = None, max_claims: int = 12,
                     similarity: float = SIMILARITY, min_documents: int = 2) -> Draft:
    """A draft codebook: the positions most documents share, as claims to edit.

    ``Draft.codebook()`` is a codebook ready for extraction, ``codebook_yaml``
    the file a person edits; ``Draft.reason`` says why a draft has no claims.

    >>> from graphbuild.text.ingest import read_documents
    >>> draft = suggest_codebook(read_documents([SEEDS]), nlp=nlp, min_documents=1, max_claims=2)
    >>> len(draft.claims), draft.claims[0].documents >= 1, draft.reason
    (2, True, None)
    """
    nlp = nlp or load_nlp(None)
    n_documents = 0
    positions: list[Position] = []
    for doc, document in parse(documents, nlp):
        n_documents += 1
        positions.extend(find_positions(doc, document.id))
    vectors = embeddings.embed([p.text for p in positions])
    return draft_from_positions(positions, vectors, n_documents, max_claims=max_claims, similarity=similarity,
                                min_documents=min_documents)


def find_positions(doc, doc_id: str) -> list[Position]:
    """The sentences of a parsed document in which someone takes a position.

    >>> [p.label for p in find_positions(nlp('"Congress must act on guns now," Ann Lee said.'), "a")]
    ['Congress must act on guns now']
    """
    out, seen = [], set()
    modals = lexicon()["prescriptive_modals"]
    for att in doc._.attributions:
        for unit in sentence_units(att.content):
            words = sum(t.is_alpha for t in unit)
            if (not _MIN_WORDS <= words <= _MAX_WORDS or unit.text.rstrip().endswith("?")
                    or not any(t.pos_ in ("VERB", "AUX") for t in unit) or unit.text in seen):
                continue  # a claim is a clause, not a name or a question
            modal = any(t.lower_ in modals for t in unit)
            stance_verb = any(t.pos_ in ("VERB", "ADJ") and verb_polarity(t) for t in unit)
            cue = att.cue is not None and verb_polarity(att.cue.root) != 0
            if not (modal or stance_verb or cue or evaluation(unit)):
                continue
            seen.add(unit.text)
            label = proposition_text(unit) if proposition_problem(unit) is None else None
            out.append(Position(doc_id, unit.text, label, modal, _phrases(unit)))
    return out


def _phrases(unit: Span) -> tuple[tuple[str, str], ...]:
    """Noun phrases of two or more content words ("background checks") and short verb phrases
    with their object ("ban assault weapons"): the ways the evidence names a claim."""
    found = []
    for chunk in unit.noun_chunks:
        words = [t for t in chunk if t.dep_ not in ("det", "poss", "predet") and not t.is_punct]
        content = [t for t in words if token_stem(t) is not None and t.pos_ in ("NOUN", "PROPN", "ADJ")]
        if len(content) >= 2 and len(words) <= 5:
            found.append(_phrase(words))
    for verb in unit:
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
        if verb.pos_ == "VERB" and objects and token_stem(verb) is not None:
            obj = objects[0]  # with its modifiers on the left ("expand background checks"), not its clauses
            words = [verb] + [t for t in obj.subtree if t.i <= obj.i and t.dep_ not in ("det", "poss", "predet")
                              and not t.is_punct]
            if 2 <= len(words) <= 5 and all(t.i > verb.i for t in words[1:]):
                found.append(_phrase(words))
    return tuple(found)


def _phrase(words) -> tuple[str, str]:
    key = " ".join(token_stem(t) or t.lower_ for t in words)
    surface = " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in words)
    return key, surface


def draft_from_positions(positions: list[Position], vectors: np.ndarray, n_documents: int, *,
                         max_claims: int = 12, similarity: float = SIMILARITY, min_documents: int = 2) -> Draft:
    """Group positions (with their MiniLM vectors) into draft claims; see :func:`suggest_codebook`.

    >>> positions = [Position("a", "Taxes should rise.", "Taxes should rise", True, ()),
    ...              Position("b", "Taxes should go up.", "Taxes should go up", True, ())]
    >>> vectors = embeddings.embed([p.text for p in positions])
    >>> [(c.label, c.documents) for c in draft_from_positions(positions, vectors, 2).claims]
    [('Taxes should rise', 2)]
    >>> draft_from_positions(positions, vectors, 2, min_documents=3).reason  # doctest: +ELLIPSIS
    'no position is argued in 3 or more of the 2 documents (the most shared is argued in 2); ...'
    """
    if not positions:
        return Draft([], n_documents, 0, _no_positions(n_documents))
    neighbours = _neighbours(vectors, similarity - _RING)
    doc_of = [p.doc_id for p in positions]
    candidates = {i for i, p in enumerate(positions) if p.label}
    if not candidates:
        return Draft([], n_documents, len(positions),
                     f"{len(positions)} sentences take a position, but none reads as a stand-alone claim "
                     "(a full sentence with its own subject); more articles would give some")
    assigned: set[int] = set()
    claims: list[DraftClaim] = []
    most_shared = 0
    phrase_docs = _phrase_documents(positions)
    used_ids: set[str] = set()
    while candidates and len(claims) < max_claims:
        def members(i: int) -> list[int]:
            return [j for j, s in neighbours[i] if s >= similarity and j not in assigned]

        def score(i: int) -> tuple:
            found = set(members(i))
            return len({doc_of[j] for j in found}), sum(s for j, s in neighbours[i] if j in found), -i

        best = max(candidates, key=score)
        group = members(best)
        docs = len({doc_of[j] for j in group})
        most_shared = max(most_shared, docs)
        if docs < min_documents:
            break
        # the group's sentences and every sentence near enough to be a reply to it
        assigned.update(group)
        candidates -= {j for j, _ in neighbours[best]} | {best}
        claims.append(_claim(best, group, neighbours[best], positions, vectors, phrase_docs, used_ids))
    if not claims:
        return Draft([], n_documents, len(positions),
                     f"no position is argued in {min_documents} or more of the {n_documents} documents (the most "
                     f"shared is argued in {most_shared}); --min-documents {max(most_shared, 1)} would draft claims")
    return Draft(claims, n_documents, len(positions), None)


def _no_positions(n_documents: int) -> str:
    if not n_documents:
        return "no documents were read; check the inputs (and --max-chars, which skips long ones)"
    return (f"none of the {n_documents} documents has a sentence that takes a position (a quote, a report or "
            "an opinion); a draft needs articles that argue, and more of them")


def _neighbours(vectors: np.ndarray, threshold: float, block: int = 1024) -> list[list[tuple[int, float]]]:
    """Per sentence, the sentences at least ``threshold`` close (itself included), in blocks to bound memory."""
    out: list[list[tuple[int, float]]] = []
    for start in range(0, len(vectors), block):
        sims = vectors[start:start + block] @ vectors.T
        for row in sims:
            idx = np.nonzero(row >= threshold)[0]
            out.append([(int(j), float(row[j])) for j in idx])
    return out


def _phrase_documents(positions: list[Position]) -> Counter:
    """In how many documents each phrase key occurs."""
    per_doc: dict[str, set[str]] = defaultdict(set)
    for p in positions:
        per_doc[p.doc_id].update(k for k, _ in p.phrases)
    return Counter(k for keys in per_doc.values() for k in keys)


def _label_index(seed: int, group: list[int], positions: list[Position], vectors: np.ndarray) -> int:
    """The group's most central stand-alone sentence, shorter ones preferred: a label is read by a person."""
    labelled = [j for j in group if positions[j].label] or [seed]
    centrality = (vectors[labelled] @ vectors[group].T).mean(axis=1)
    words = np.array([len(positions[j].label.split()) for j in labelled])
    return labelled[int(np.argmax(centrality - _LONG_LABEL * np.clip(words - 15, 0, None)))]


def _claim(seed: int, group: list[int], ring: list[tuple[int, float]], positions: list[Position],
           vectors: np.ndarray, phrase_docs: Counter, used_ids: set[str]) -> DraftClaim:
    label_index = _label_index(seed, group, positions, vectors)
    label_pos = positions[label_index]
    label = label_pos.label
    aliases = _aliases(label, [positions[j] for j in group], phrase_docs)
    # the stance model reads the group and its ring: who argues for, who against
    nearby = sorted(ring, key=lambda js: -js[1])[:200]
    idx = [j for j, _ in nearby]
    results = classify_stance([positions[j].text for j in idx], [ClaimPhrasings(label, tuple(aliases))] * len(idx),
                              text_vectors=vectors[idx])
    in_group = set(group)
    sides: dict[str, Counter] = defaultdict(Counter)
    against: list[int] = []
    for j, result in zip(idx, results):
        if j in in_group:  # a paraphrase addresses the claim; the polarity head says which way
            side = "for" if result.support >= 0.5 else "against"
        elif result.stance == "none":
            continue
        else:
            side = "for" if result.stance == "supports" else "against"
        sides[positions[j].doc_id][side] += 1
        if side == "against":
            against.append(j)
    for_docs = sum(1 for c in sides.values() if c["for"] >= c["against"])
    opposing, seen_docs = [], set()
    for j in against:  # closest to the label first
        p = positions[j]
        if p.label and p.doc_id not in seen_docs and p.label != label and len(opposing) < _MAX_OPPOSING:
            opposing.append(p.label)
            seen_docs.add(p.doc_id)
    examples, seen_docs = [], set()
    for j in sorted(group, key=lambda j: -float(vectors[j] @ vectors[label_index])):
        if positions[j].doc_id not in seen_docs and len(examples) < 2:
            examples.append((positions[j].doc_id, positions[j].text))
            seen_docs.add(positions[j].doc_id)
    return DraftClaim(id=_slug(aliases[0] if aliases else label, used_ids), label=label,
                      kind="normative" if label_pos.normative else "descriptive",
                      aliases=tuple(aliases), opposing=tuple(opposing), documents=len(sides),
                      supporting=for_docs, opposing_documents=len(sides) - for_docs, examples=tuple(examples))


def _aliases(label: str, members: list[Position], phrase_docs: Counter) -> list[str]:
    """Phrases the group's documents repeat, that the rest of the corpus rarely uses, close in meaning to the label."""
    docs: dict[str, set[str]] = defaultdict(set)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    for p in members:
        for key, surface in p.phrases:
            docs[key].add(p.doc_id)
            surfaces[key][surface] += 1
    n_group_docs = len({p.doc_id for p in members})
    need = 2 if n_group_docs >= 2 else 1
    scored = []
    for key, in_docs in docs.items():
        # a phrase most of whose documents are elsewhere names something else ("white house")
        if len(in_docs) >= need and len(in_docs) / phrase_docs[key] >= 0.25:
            scored.append((len(in_docs) * math.log1p(1.0 / phrase_docs[key] * 100), key))
    if not scored:
        return []
    scored.sort(key=lambda sk: (-sk[0], sk[1]))
    keys = [k for _, k in scored[:3 * _MAX_ALIASES]]
    texts = [surfaces[k].most_common(1)[0][0] for k in keys]
    vectors = embeddings.embed([label, *texts])
    close = [t for t, v in zip(texts, vectors[1:]) if float(v @ vectors[0]) >= 0.4]
    out: list[str] = []
    for t in close:  # no alias inside another one
        if not any(t in o or o in t for o in out):
            out.append(t)
    return out[:_MAX_ALIASES]


def _slug(text: str, used: set[str]) -> str:
    stop = load_lexicon("english_function_words.txt")
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop]
    base = "-".join(words[:4]) or "claim"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug
