"""From Documents to Statements: run the pipeline and read off its decisions.

Which actor takes which stance on which claim is decided inside the
pipeline (``graphbuild_statements``, :mod:`.statement_model`); this module
feeds documents through it and turns each decision into a
:class:`~graphbuild.models.Statement` with its evidence and offsets.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..models import ACTOR_TYPES, Attribution, Codebook, Document, Statement
from .attribution import iter_attributions
from .extensions import ClaimMatch
from .pipeline import load_nlp, make_doc


@dataclass(frozen=True)
class ExtractOptions:
    """How documents are fed to the pipeline."""

    batch_size: int = 16


def extract_statements(documents: Iterable[Document], codebook: Codebook, *,
                       nlp: Language | None = None, options: ExtractOptions = ExtractOptions()
                       ) -> Iterator[Statement]:
    """Statements for every document, in input order.

    >>> from graphbuild.codebook.codebook import load_codebook
    >>> from graphbuild.text.ingest import read_documents
    >>> book = load_codebook(SEEDS / "codebook.yaml")
    >>> s = next(extract_statements(read_documents([SEEDS]), book, nlp=nlp))
    >>> s.doc_id, s.actor, s.claim, s.stance in ("supports", "opposes"), 0 < s.confidence <= 1
    ('000_5cc2ea6aac582717', 'Brandon J. Weichert', 'russia-dissolution', True, True)
    """
    yield from extract_with(nlp or load_nlp(codebook), documents, options=options)


def extract_with(nlp: Language, documents: Iterable[Document], *, options: ExtractOptions = ExtractOptions()
                 ) -> Iterator[Statement]:
    """Statements for every document, in input order, with a pipeline loaded for the codebook.

    >>> from graphbuild.text.ingest import document_from_text
    >>> text = "Dissolving the Russian Federation would be a grave mistake, the minister said."
    >>> [(s.actor, s.claim, s.stance) for s in extract_with(nlp, [document_from_text("a", text)])]
    []
    """
    for doc, document in parse(documents, nlp, batch_size=options.batch_size):
        yield from statements_from_doc(doc, document)


def parse(documents: Iterable[Document], nlp: Language, *, batch_size: int = 16
          ) -> Iterator[tuple[Doc, Document]]:
    """Run the pipeline over documents lazily, keeping each Document beside its Doc.

    >>> from graphbuild.models import Document
    >>> [(document.id, len(doc)) for doc, document in parse([Document("a", "Yes."), Document("b", "No, no.")], nlp)]
    [('a', 2), ('b', 4)]
    """
    def pairs():
        for document in documents:
            yield make_doc(nlp, document), document

    yield from nlp.pipe(pairs(), as_tuples=True, batch_size=batch_size)


def statements_from_doc(doc: Doc, document: Document) -> list[Statement]:
    """A parsed document's claim matches as statements, in text order.

    An actor who argues both sides of a claim in one document gets both
    statements, each marked ``mixed``.

    >>> text = "“Russia should be broken up into smaller states,” Ann Lee said."
    >>> doc, document = next(parse([Document("a", text)], nlp))
    >>> [(s.actor, s.claim, s.stance) for s in statements_from_doc(doc, document)]
    [('Ann Lee', 'russia-dissolution', 'supports')]
    """
    sides: dict[tuple[str, str], set[int]] = defaultdict(set)
    for m in doc._.claim_matches:
        sides[(m.attribution.actor.name, m.claim_id)].add(m.polarity)
    statements = []
    for m in doc._.claim_matches:
        mixed = len(sides[(m.attribution.actor.name, m.claim_id)]) > 1
        confidence = min(1.0, round(m.score * m.stance_confidence, 3))
        statements.append(_statement(document, m, m.polarity, confidence, mixed))
    statements.sort(key=lambda s: (s.start, s.actor, s.claim, s.stance))
    return statements


def _statement(document: Document, match: ClaimMatch, side: int, confidence: float,
               mixed: bool) -> Statement:
    actor = match.attribution.actor
    ev = match.evidence
    cue = match.attribution.cue
    return Statement(
        doc_id=document.id,
        actor=actor.name,
        actor_type=actor.type if actor.type in ACTOR_TYPES else "Person",
        claim=match.claim_id,
        stance="supports" if side > 0 else "opposes",
        attribution=match.attribution.kind,
        evidence=document.text[ev.start_char:ev.end_char],
        start=ev.start_char,
        end=ev.end_char,
        confidence=confidence,
        cue=cue.text if cue is not None else None,
        actor_role=actor.role,
        actor_affiliation=actor.affiliation,
        anonymous=actor.anonymous,
        actor_party=actor.party,
        actor_region=actor.region,
        extra={"mixed": True} if mixed else {},
    )


def find_attributions(documents: Iterable[Document], *, nlp: Language | None = None,
                      batch_size: int = 16) -> Iterator[Attribution]:
    """Who said what (docs/formats.md §5) for every document, without claims or stance.

    >>> from graphbuild.text.ingest import document_from_text
    >>> text = 'Critics say it will fail. "No," Ann Lee said.'
    >>> [(a.kind, a.actor) for a in find_attributions([document_from_text("a", text)], nlp=nlp)]
    [('reported', None), ('quote', 'Ann Lee')]
    """
    nlp = nlp or load_nlp(None, positions=False)
    for doc, _ in parse(documents, nlp, batch_size=batch_size):
        yield from iter_attributions(doc)
