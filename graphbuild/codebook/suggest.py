"""Draft a claim codebook from a corpus: ``graphbuild codebook suggest``.

Without a codebook there is nothing to match, so this proposes one for a
person to edit. It gathers the sentences in which someone takes a position
(a quote or report with a stance word, a modal or an evaluation; an
opinion piece's own arguing sentences), embeds them with wordllama, groups
them by similarity and turns every group that several documents share into
a draft claim: the most central sentence as label, the group's most
distinctive noun phrases as aliases, and ``normative`` when most of its
sentences prescribe ("should", "must", "call for").

Notes
-----
Clustering is greedy single-pass over sentences ordered by how typical
they are (mean similarity to the rest): a sentence joins the first group
whose centre it is at least ``similarity`` close to, else founds a group.
It is deterministic and needs nothing beyond numpy.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import yaml
from spacy.language import Language
from spacy.tokens import Span

from ..models import Document
from ..nlp import similarity
from ..nlp.extract import parse
from ..nlp.pipeline import load_nlp
from ..nlp.stance import evaluation, lexicon, verb_polarity
from ..nlp.units import masked, sentence_units, token_stem

_MIN_WORDS, _MAX_WORDS = 6, 45


@dataclass(frozen=True)
class _Sentence:
    doc_id: str
    text: str  # as written, for the label
    compared: str  # without actors' names, for the similarity
    normative: bool
    phrases: tuple[str, ...]


def suggest_codebook(documents: Iterable[Document], *, nlp: Language | None = None, max_claims: int = 12,
                     similarity_threshold: float = 0.6, min_documents: int = 2) -> dict:
    """A draft codebook (docs/formats.md §2) as a mapping, for :func:`codebook_yaml`.

    >>> from graphbuild.text.ingest import read_documents
    >>> draft = suggest_codebook(read_documents([SEEDS]), nlp=nlp, min_documents=1, max_claims=2)
    >>> [sorted(claim) for claim in draft["claims"]][0]
    ['aliases', 'documents', 'id', 'kind', 'label', 'opposing', 'sentences']
    """
    nlp = nlp or load_nlp(None)
    sentences = [s for doc, document in parse(documents, nlp) for s in _positions(doc, document.id)]
    if not sentences:
        return {"claims": []}
    vectors = similarity.embed([s.compared for s in sentences])
    groups = _cluster(vectors, similarity_threshold)
    document_freq = Counter(p for s in sentences for p in set(s.phrases))
    claims, used = [], set()
    for members in groups:
        docs = {sentences[i].doc_id for i in members}
        if len(docs) < min_documents:
            continue
        centre = vectors[members].mean(axis=0)
        # the most central sentence, short ones first: a label is read by a person
        short = [i for i in members if len(sentences[i].text.split()) <= 25] or members
        medoid = short[int(np.argmax(vectors[short] @ centre))]
        aliases = _aliases([sentences[i] for i in members], document_freq, len(sentences))
        cid = _slug(aliases[0] if aliases else sentences[medoid].text, used)
        normative = sum(sentences[i].normative for i in members) * 2 >= len(members)
        claims.append({"id": cid, "label": sentences[medoid].text,
                       "kind": "normative" if normative else "descriptive",
                       "aliases": aliases, "opposing": [],
                       "documents": len(docs), "sentences": len(members)})
    claims.sort(key=lambda c: (-c["documents"], -c["sentences"], c["id"]))
    return {"claims": claims[:max_claims]}


def codebook_yaml(draft: dict) -> str:
    """The draft as YAML with a header saying what to edit.

    >>> print(codebook_yaml({"claims": [{"id": "tax", "label": "Taxes should rise"}]}).splitlines()[-3:])
    ['claims:', '- id: tax', '  label: Taxes should rise']
    """
    header = ("# Draft codebook suggested by `graphbuild codebook suggest` (docs/formats.md §2).\n"
              "# Edit before use: reword each label as one proposition, merge or drop\n"
              "# claims, add aliases and `opposing` phrasings. `documents` and\n"
              "# `sentences` say how much of the corpus each group covers; remove them.\n")
    return header + yaml.safe_dump(draft, sort_keys=False, allow_unicode=True, width=100)


def _positions(doc, doc_id: str) -> list[_Sentence]:
    """Sentences in which someone takes a position, with their noun phrases."""
    out = []
    lex = lexicon()
    for att in doc._.attributions:
        for unit in sentence_units(att.content):
            words = sum(t.is_alpha for t in unit)
            if (not _MIN_WORDS <= words <= _MAX_WORDS or unit.text.rstrip().endswith("?")
                    or not any(t.pos_ in ("VERB", "AUX") for t in unit)):
                continue  # a claim is a clause, not a name or a question
            modal = any(t.lower_ in lex["prescriptive_modals"] for t in unit)
            stance_verb = any(t.pos_ in ("VERB", "ADJ") and verb_polarity(t) for t in unit)
            cue = att.cue is not None and verb_polarity(att.cue.root) != 0
            if not (modal or stance_verb or cue or evaluation(unit)):
                continue
            out.append(_Sentence(doc_id, unit.text, masked(unit), modal or stance_verb or cue, _phrases(unit)))
    return out


def _phrases(unit: Span) -> tuple[str, ...]:
    """Lower-case noun phrases of two or more content words ("background checks", "gun control")."""
    found = []
    for chunk in unit.noun_chunks:
        words = [t for t in chunk if token_stem(t) is not None and t.pos_ in ("NOUN", "PROPN", "ADJ")]
        if len(words) >= 2:
            found.append(" ".join(t.lemma_.lower() if t.pos_ == "NOUN" else t.text.lower() for t in words[-3:]))
    return tuple(found)


def _cluster(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Greedy groups of similar sentences, most typical sentences first."""
    typical = np.argsort(-(vectors @ vectors.mean(axis=0)), kind="stable")
    centres: list[np.ndarray] = []
    groups: list[list[int]] = []
    for i in typical:
        sims = [float(vectors[i] @ c) for c in centres]
        best = int(np.argmax(sims)) if sims else -1
        if best >= 0 and sims[best] >= threshold:
            groups[best].append(int(i))
            centre = vectors[groups[best]].mean(axis=0)
            centres[best] = centre / (np.linalg.norm(centre) or 1.0)
        else:
            groups.append([int(i)])
            centres.append(vectors[i])
    return groups


def _aliases(members: list[_Sentence], document_freq: Counter, n: int, k: int = 4) -> list[str]:
    """The group's noun phrases that are frequent in it and rare elsewhere."""
    counts = Counter(p for s in members for p in set(s.phrases))
    scored = {p: c * np.log1p(n / document_freq[p]) for p, c in counts.items() if c >= 2 or len(members) < 3}
    return [p for p, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def _slug(text: str, used: set[str]) -> str:
    base = "-".join(re.findall(r"[a-z0-9]+", text.lower())[:4]) or "claim"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug
