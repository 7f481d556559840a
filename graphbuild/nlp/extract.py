"""From Documents to Statements: run the pipeline and aggregate its matches.

Several mentions of one claim by one actor in one document become one
statement whose stance is the confidence-weighted majority; when both sides
carry real weight the position is genuinely mixed and both statements are
kept, each marked ``mixed`` (they are not forced into one).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import load_lexicon
from ..models import ACTOR_TYPES, Attribution, Codebook, Document, Statement
from .attribution import iter_attributions
from .extensions import ClaimMatch
from .pipeline import load_nlp, make_doc

_KIND_RANK = {"quote": 0, "reported": 1, "author": 2}


@dataclass(frozen=True)
class ExtractOptions:
    """Tunables of aggregation, chosen on the development sets (docs/quality.md)."""

    min_confidence: float = 0.35
    # A minority stance this close to the majority makes the position mixed.
    mixed_ratio: float = 0.8
    batch_size: int = 16
    # Genre: below this share of attributed (quoted or reported) text a
    # document is read as opinion, whose own voice takes stances; above it as
    # a news report, whose own voice only does so in its headline and lede.
    opinion_max_attributed: float = 0.3
    lede_sentences: int = 3
    news_author_min_score: float = 0.6


def extract_statements(documents: Iterable[Document], codebook: Codebook, *,
                       nlp: Language | None = None, options: ExtractOptions = ExtractOptions()
                       ) -> Iterator[Statement]:
    """Statements for every document, in input order.

    >>> from graphbuild.codebook.codebook import load_codebook
    >>> from graphbuild.text.ingest import read_documents
    >>> book = load_codebook(SEEDS / "codebook.yaml")
    >>> s = next(extract_statements(read_documents([SEEDS]), book, nlp=nlp))
    >>> s.doc_id, s.actor, s.claim, s.stance
    ('000_5cc2ea6aac582717', 'Brandon J. Weichert', 'russia-dissolution', 'opposes')
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
        yield from statements_from_doc(doc, document, options)


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


def statements_from_doc(doc: Doc, document: Document,
                        options: ExtractOptions = ExtractOptions()) -> list[Statement]:
    """Aggregate a parsed document's claim matches into statements.

    >>> from graphbuild.models import Document
    >>> document = Document("a", "Russia should be broken up, Ann Lee said.")
    >>> doc = nlp(document.text)
    >>> [(s.actor, s.claim, s.stance) for s in statements_from_doc(doc, document)]
    [('Ann Lee', 'russia-dissolution', 'supports')]
    """
    groups: dict[tuple[str, str], list[ClaimMatch]] = defaultdict(list)
    lede_end = lede_boundary(doc, options.lede_sentences)
    opinion = attributed_share(doc) < options.opinion_max_attributed
    for match in doc._.claim_matches:
        actor = match.attribution.actor
        if actor is None or not actor.name:
            continue  # never credit a pronoun, a bare role or an absent byline
        if not opinion and match.attribution.kind != "author" and _is_press(actor.name, document):
            continue  # another outlet's report, relayed, describes
        if match.attribution.kind == "author" and not opinion and (
                match.evidence.start >= lede_end or match.score < options.news_author_min_score
                or _about_someone(match.evidence)):
            continue  # a reporter describing events or people takes no stance
        groups[(actor.name, match.claim_id)].append(match)
    statements = []
    for (_, claim_id), matches in groups.items():
        weight = {+1: 0.0, -1: 0.0}
        for m in matches:
            weight[m.polarity] += m.score * m.stance_confidence
        major = +1 if weight[+1] >= weight[-1] else -1
        sides = [major]
        mixed = weight[-major] >= options.mixed_ratio * weight[major] and weight[-major] > 0
        if mixed:
            sides.append(-major)
        for side in sides:
            best = max((m for m in matches if m.polarity == side),
                       key=lambda m: (m.score * m.stance_confidence, -_KIND_RANK[m.attribution.kind]))
            share = weight[side] / (weight[+1] + weight[-1])
            confidence = round(best.score * best.stance_confidence * (0.5 + 0.5 * share) * 2, 3)
            confidence = min(1.0, confidence)
            if confidence < options.min_confidence:
                continue
            statements.append(_statement(document, best, side, confidence, mixed))
    statements.sort(key=lambda s: (s.start, s.actor, s.claim, s.stance))
    return statements


def _is_press(name: str, document: Document) -> bool:
    """True for a news outlet: the document's own, or a name ending in a word
    of ``news_outlets.txt`` ("Hartford Courant", "the Associated Press").

    >>> _is_press("Courant", Document(id="d", text="x"))
    True
    """
    words = name.lower().split()
    return bool(words) and (words[-1] in load_lexicon("news_outlets.txt")
                            or (document.outlet is not None and name.lower() == document.outlet.lower()))


def _about_someone(span) -> bool:
    """True when a sentence's subject is a named person or group: in a news
    report it describes them ("Sen. Joe Manchin, who lent his name to …"),
    it does not argue."""
    root = span.root
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "NORP")
    return False


def attributed_share(doc: Doc) -> float:
    """Share of the text that the document attributes to someone other than its author.

    Opinion pieces speak mostly in their own voice; news reports mostly
    relay what others say.

    >>> attributed_share(nlp("Critics say the plan will fail. The plan works well."))
    0.5
    """
    own = sum(len(a.content) for a in doc._.attributions if a.kind == "author")
    other = sum(len(a.content) for a in doc._.attributions if a.kind != "author")
    return other / (own + other) if own + other else 0.0


def lede_boundary(doc: Doc, sentences: int) -> int:
    """Token index where the headline-and-lede opening of an article ends.

    >>> doc = nlp("One. Two. Three. Four.")
    >>> lede_boundary(doc, 2), len(doc)
    (4, 8)
    """
    for n, sent in enumerate(doc.sents, 1):
        if n >= sentences:
            return sent.end
    return len(doc)


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
