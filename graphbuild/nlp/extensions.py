"""Every ``Doc``/``Span`` extension graphbuild sets, registered once at import.

Following spaCy's advice (processing-pipelines, "Best practices"): register
on the global classes early, guard with ``has_extension``, use getters for
derived values.

Doc extensions
--------------
``doc._.doc_id`` (str): the Document id.
``doc._.author`` (str | None): the byline author, the voice of the text's own sentences.
``doc._.blocked`` (list[tuple[int, int]]): character ranges that are headings
    or boilerplate-adjacent lines (set by the caller, may be empty).
``doc._.attributions`` (list[AttributionSpan]): who said what, set by
    ``graphbuild_attribution``; an author-voice sentence has ``kind == "author"``.
``doc._.outlet`` (str | None): the publication the Document names.
``doc._.claim_evidence`` (list[ClaimEvidence]): every (unit, claim) pair of
    a named actor's words with the rule signals of ``graphbuild_claims``.
``doc._.claim_matches`` (list[ClaimMatch]): the claims actors take a stance
    on, one per actor, claim and stance, set by ``graphbuild_statements``.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span

from ..models import Actor


class AttributionSpan(NamedTuple):
    """One attribution inside a Doc: who (source) said (cue) what (content).

    ``source`` is the mention as written (may be a pronoun); ``actor`` is the
    resolved actor or None when it could not be resolved. For the author's
    own voice, source and cue are None and kind is "author".
    """

    content: Span
    kind: str  # "quote" | "reported" | "author"
    source: Span | None = None
    cue: Span | None = None
    actor: Actor | None = None


class ClaimEvidence(NamedTuple):
    """What the rules read in one unit of an actor's words about one claim.

    ``rule_score`` is the rule matcher's relevance (lexical coverage or
    wordllama similarity, 0..1); ``rule_match`` says whether the rules alone
    would call the unit about the claim; ``polarity`` is the rules' stance
    reading of the unit (+1 asserts the claim, -1 its opposite, 0 no stance).
    The stance reading (``polarity``, ``stance_confidence``, ``evaluation``)
    is made only where the rules match the claim; elsewhere it is 0.
    """

    attribution: AttributionSpan
    unit: Span
    claim_id: str
    rule_score: float
    coverage: float
    rule_match: bool
    polarity: int
    stance_confidence: float  # how many signs the rules' stance reading rests on, 0..1
    evaluation: int  # praise (+1) or condemnation (-1) in the unit, claim words aside


class ClaimMatch(NamedTuple):
    """A codebook claim an actor takes a stance on, with the evidence that shows it."""

    attribution: AttributionSpan
    evidence: Span  # the sentence or clause that shows the claim
    claim_id: str
    score: float  # 0..1, how surely the evidence is about the claim
    polarity: int  # +1 evidence asserts the claim, -1 asserts its opposite
    stance_confidence: float = 0.5


_DOC_EXTENSIONS = {
    "doc_id": None,
    "author": None,
    "blocked": [],
    "attributions": [],
    "outlet": None,
    "claim_evidence": [],
    "claim_matches": [],
}

for _name, _default in _DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
