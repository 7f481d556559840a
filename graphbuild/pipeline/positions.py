"""Component ``graphbuild_positions``: positions a text ascribes to actors.

News rarely quotes every side; it reports positions in its own sentences:
"Democrats are calling on the Senate to act on gun control", "the
Republican Party is hostile to gun control measures", "the group demands
…". Such a clause is not the author's voice but the subject's position, so
it becomes a ``reported`` attribution whose cue is the stance verb or
adjective and whose content is the predicate it governs.

The same component spreads an attribution over coordinated speakers
("Senators Paul, Cruz and Lee have said …": three actors, one content).

Which words carry a position is data: the ``support_verbs`` and
``oppose_verbs`` of ``graphbuild/data/stance_lexicon.yaml``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import ActorResolver
from .extensions import ActorRef, AttributionSpan
from .stance import verb_polarity

# Dependencies through which a predicate inherits the subject of its head:
# "wants to ban" (xcomp), "opposed and filibustered" (conj).
_INHERIT = {"xcomp", "conj"}
# A participle or relative clause hangs on the noun that takes the position:
# "Democrats calling on the Senate…", "the senator who sponsored the bill".
_ON_NOUN = {"acl", "relcl"}
_SUBJECTS = {"nsubj"}


def _subject(pred: Token) -> Token | None:
    """The noun that holds the position the predicate expresses."""
    tok = pred
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            if subj.tag_ == "WP" or subj.lower_ in ("who", "that", "which"):
                return tok.head if tok.dep_ == "relcl" else None
            return subj
        if tok.dep_ in _ON_NOUN and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        if tok.dep_ == "amod" and tok.head.dep_ == "attr":
            # "X is hostile to gun control measures", parsed as "is [hostile … measures]"
            tok = tok.head.head
            continue
        if tok.dep_ == "acomp" or tok.dep_ in _INHERIT:
            tok = tok.head
            continue
        return None
    return None


def _mention(doc: Doc, tok: Token) -> Span:
    """The entity a subject token belongs to, else the token with its left modifiers."""
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return doc[tok.left_edge.i if tok.left_edge.i >= tok.i - 4 else tok.i: tok.i + 1]


def _with_conjuncts(tok: Token) -> list[Token]:
    """A subject and the subjects coordinated with it ("Paul, Cruz and Lee").

    A list of names is often parsed as an apposition followed by conjuncts.
    """
    heads = [tok, *[c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]]
    found = []
    for h in heads:
        for t in (h, *h.conjuncts):
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t not in found:
                found.append(t)
    return found


def _content(pred: Token, subject: Token) -> Span:
    """The predicate with its negation, auxiliaries and complements, without the subject."""
    doc = pred.doc
    start = min([pred.i] + [c.i for c in pred.children
                            if c.dep_ in ("neg", "aux", "auxpass") and c.i < pred.i])
    end = (pred.head if pred.dep_ == "amod" else pred).right_edge.i + 1
    if pred.dep_ == "acomp":  # "is hostile to …": keep the copula's negation
        start = min([start] + [c.i for c in pred.head.children if c.dep_ == "neg"])
    if subject.i >= start:
        end = min(end, subject.left_edge.i) if subject.i > pred.i else end
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


class PositionFinder:
    """Add ``reported`` attributions for stance predicates with an actor as subject.

    >>> doc = nlp("The Republican Party is hostile to gun control measures.")  # doctest: +SKIP
    >>> [(a.actor.name, a.content.text) for a in doc._.attributions if a.kind == "reported"]  # doctest: +SKIP
    [('Republican Party', 'hostile to gun control measures')]
    """

    def __init__(self, name: str = "graphbuild_positions"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc._.attributions)
        attributed = [False] * len(doc)
        for att in existing:
            if att.kind != "author":
                for r in (att.content, att.source, att.cue):
                    if r is not None:
                        for i in range(r.start, r.end):
                            attributed[i] = True
        resolver = ActorResolver(doc, doc._.author)
        added: list[AttributionSpan] = []
        for tok in doc:
            if attributed[tok.i] or tok.pos_ not in ("VERB", "ADJ") or not verb_polarity(tok):
                continue
            subject = _subject(tok)
            if subject is None or attributed[subject.i]:
                continue
            content = _content(tok, subject)
            if len(content) < 2:
                continue
            for subj in _with_conjuncts(subject):
                actor = resolver.resolve(_mention(doc, subj))
                if actor is not None and actor.name:
                    added.append(AttributionSpan(content, "reported", _mention(doc, subj), doc[tok.i:tok.i + 1], actor))
        spread = [a for att in existing for a in _spread(doc, att, resolver)]
        doc._.attributions = _without_overlapping_author(existing + spread + added, added + spread)
        return doc


def _spread(doc: Doc, att: AttributionSpan, resolver: ActorResolver) -> list[AttributionSpan]:
    """Copies of a quote or report for each speaker coordinated with its source."""
    if att.kind == "author" or att.source is None or att.actor is None:
        return []
    copies = []
    root = att.source.root
    for other in _with_conjuncts(root)[1:]:
        if other.pos_ != "PROPN":
            continue
        actor = resolver.resolve(_mention(doc, other))
        if actor is not None and actor.name and actor.name != att.actor.name:
            copies.append(att._replace(source=_mention(doc, other), actor=actor))
    return copies


def _without_overlapping_author(attributions: list[AttributionSpan], added: list[AttributionSpan]
                                ) -> list[AttributionSpan]:
    """Drop author-voice spans that a newly found position now covers."""
    taken = set()
    for a in added:
        lo = min(a.content.start, a.source.start)
        hi = max(a.content.end, a.source.end)
        taken.update(range(lo, hi))
    return [a for a in attributions
            if a.kind != "author" or not any(i in taken for i in range(a.content.start, a.content.end))]


@Language.factory("graphbuild_positions", requires=["doc._.attributions"], assigns=["doc._.attributions"])
def make_position_finder(nlp: Language, name: str) -> PositionFinder:
    return PositionFinder(name)
