"""Component ``graphbuild_positions``: positions a text ascribes to actors.

News rarely quotes every side; it reports positions in its own sentences:
"Democrats are calling on the Senate to act on gun control", "the
Republican Party is hostile to gun control measures", "Days after calling
for an overhaul of gun control, Gov. Cuomo …". Such a clause is not the
author's voice but the subject's position, so it becomes a ``reported``
attribution whose cue is the stance verb or adjective and whose content is
the predicate it governs.

The same component spreads an attribution over coordinated speakers
("Senators Paul, Cruz and Lee have said …": three actors, one content).

Notes
-----
A position needs a holder: a named person, organisation or group ("Fox
News", "Republicans", "gun rights advocates", "students"), never a thing
("Terror attacks", "federal laws"). A predicate under a modal ("NATO must
strengthen …", "officials would oppose …") or in a question or condition is
the writer's prescription or speculation, not a position taken.

Which words carry a position is data: the ``support_verbs``,
``oppose_verbs`` and ``hypothetical_modals`` of
``graphbuild/data/stance_lexicon.yaml``, and the people-denoting plurals of
``graphbuild/data/group_nouns.txt``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicons import load_lexicon
from ..names import canonical_name
from ..models import Actor
from .actors import ActorResolver, group_ref
from .extensions import AttributionSpan
from .speech.acts import is_act
from .speech.advocates import described_positions
from .stance import lexical_polarity, lexicon

# Dependencies through which a predicate inherits the subject of its head:
# "wants to ban" (xcomp), "opposed and filibustered" (conj), "Days after
# calling for …, Cuomo worked out" (pcomp of a preposition on the clause),
# "to sign the bill, Malloy sat down" (advcl).
_INHERIT = {"xcomp", "conj", "advcl", "pcomp"}
# A participle or relative clause hangs on the noun that takes the position:
# "Democrats calling on the Senate…", "the senator who sponsored the bill".
_ON_NOUN = {"acl", "relcl"}
_HOLDER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
_PARTY_TAG = re.compile(r"^[A-Z]{1,3}-[A-Z]")
_PARTY_PREFIX = re.compile(r"\b[A-Z]{1,3}\s?-\s?$")
_NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_CONDITIONS = {"if", "unless", "whether"}
_QUANTIFIERS = {"some", "many", "most", "few", "several", "all", "any", "no", "other", "both", "each"}
# Clauses beside a predicate rather than inside its content: "disagreed,
# arguing that …" is a second, reported act.
_BESIDE = {"advcl", "parataxis"}


def _subject(pred: Token) -> Token | None:
    """The noun that holds the position the predicate expresses."""
    tok = pred
    raised = False
    for _ in range(5):
        for c in tok.children:
            if c.dep_ == "nsubj" or (raised and c.dep_ == "nsubjpass"):
                if c.tag_ in ("WP", "WDT") or c.lower_ in ("who", "that", "which"):
                    return _members(tok.head) if tok.dep_ == "relcl" else None
                return c
        if tok.dep_ in _ON_NOUN and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        if tok.dep_ == "amod" and tok.head.dep_ == "attr":
            # "X is hostile to gun control measures", parsed as "is [hostile … measures]"
            tok = tok.head.head
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head.head
            continue
        if tok.dep_ == "acomp" or tok.dep_ in _INHERIT:
            # "was expected to sign": the passive subject of a raising verb signs
            raised = tok.dep_ == "xcomp"
            tok = tok.head
            continue
        return None
    return None


def _members(noun: Token) -> Token:
    """Who a relative clause is about: "Cornyn and Murphy were among a group
    of lawmakers who supported the bill" is about Cornyn and Murphy."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "among":
        subj = next((c for c in noun.head.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return noun


def _speculative(pred: Token) -> bool:
    """True for a predicate under a modal, in a question or in a condition."""
    tok = pred
    for _ in range(4):
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in lexicon()["hypothetical_modals"]:
                return True
            if c.dep_ == "mark" and c.lower_ in _CONDITIONS:
                return True
        if tok.dep_ not in ("xcomp", "conj", "acomp", "amod"):
            break
        tok = tok.head
    return pred.sent.text.rstrip().endswith("?")


def _mention(doc: Doc, tok: Token) -> Span:
    """The entity a subject token belongs to, else the token with its left modifiers."""
    if tok.ent_type_:
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    return doc[tok.left_edge.i if tok.left_edge.i >= tok.i - 4 else tok.i: tok.i + 1]


def _holder(doc: Doc, tok: Token, resolver: ActorResolver) -> tuple[Span, Actor] | None:
    """The actor a subject token names, when it names one that can hold a position."""
    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.ent_type_ != "PERSON":
        # "Joe Manchin, the Democrat who …": the name holds it; a list of names read as
        # appositions ("Reyes (D-Calif.), Ortiz (D-Mass.) and Dunn") is several holders
        tok = tok.head
    mention = _mention(doc, tok)
    if tok.pos_ == "NOUN":
        # a thing ("attacks", "laws") holds no position; a group of people does
        if tok.lemma_.lower() not in load_lexicon("group_nouns.txt"):
            return None
        actor = resolver.resolve(mention)
        if actor is None or not actor.name:
            mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod")]
            if not (mods or tok.tag_ == "NNS") or any(c.lower_ in _QUANTIFIERS for c in tok.children):
                # "some students" is no one in particular; "the party" that
                # could not be traced back is no one we can name
                return None
            actor = group_ref(canonical_name(mods + [tok]))
            if actor is None:
                return None
        return mention, actor
    if tok.pos_ == "PROPN" and tok.ent_type_ and tok.ent_type_ not in _HOLDER_ENTS:
        return None  # a date, a law, an event
    if tok.tag_ in ("NNS", "NNPS") and any(c.dep_ == "nummod" or c.lower_ in _QUANTIFIERS | {"only"}
                                          for c in tok.children):
        return None  # "only eight Republicans backed the bill": some members, not the party
    if tok.pos_ not in ("PROPN", "PRON"):
        return None
    actor = resolver.resolve(mention)
    if actor is None or not actor.name:
        return None
    return mention, actor


def _with_conjuncts(tok: Token) -> list[Token]:
    """A subject and the subjects coordinated with it ("Paul, Cruz and Lee").

    A list of names is often parsed as a chain of appositions and conjuncts
    ("Rand Paul of Kentucky, Ron Johnson of Wisconsin, Ted Cruz of Texas and
    Mike Lee of Utah": Johnson an apposition of Paul, Cruz of Johnson, Lee a
    conjunct of Cruz).
    """
    found, todo = [], [tok]
    while todo:
        h = todo.pop(0)
        for t in (h, *h.conjuncts):
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t not in found:
                found.append(t)
                todo.extend(c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN")
    return found


def _content(pred: Token, subject: Token) -> Span:
    """The predicate with its negation, auxiliaries and complements, without the subject."""
    doc = pred.doc
    start = min([pred.i] + [c.i for c in pred.children
                            if c.dep_ in ("neg", "aux", "auxpass") and c.i < pred.i])
    top = pred.head if pred.dep_ == "amod" else pred
    end = top.right_edge.i + 1
    beside = [c.left_edge.i for c in pred.children if c.dep_ in _BESIDE and c.i > pred.i]
    if beside:
        end = min(end, min(beside))
    if pred.dep_ == "acomp":  # "is hostile to …": keep the copula's negation
        start = min([start] + [c.i for c in pred.head.children if c.dep_ == "neg"])
    if subject.i >= start:
        end = min(end, subject.left_edge.i) if subject.i > pred.i else end
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


class PositionFinder:
    """Add ``reported`` attributions for stance predicates with an actor as subject.

    >>> doc = nlp("The Republican Party is hostile to gun control measures.")
    >>> [(a.actor.name, a.content.text) for a in doc._.attributions if a.kind == "reported"]
    [('Republican Party', 'hostile to gun control measures')]
    """

    def __init__(self, name: str = "graphbuild_positions"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc._.attributions)
        # Words someone else is quoted to say, and the cues that introduce
        # them, are not the author's and hold no position of their own. A report
        # in indirect speech may hold another's position ("Jeffers said Exxon
        # Mobil would support …", "the policy that Gore has endorsed"): a holder
        # other than its speaker is found inside it. A report whose speaker could
        # not be named does not count: a position found here may name its holder.
        spoken = [False] * len(doc)
        said_by: list[str | None] = [None] * len(doc)
        for att in existing:
            if att.kind != "author" and att.actor is not None:
                for r in (att.content, att.cue) if att.kind == "quote" else (att.cue,):
                    if r is not None:
                        for i in range(r.start, r.end):
                            spoken[i] = True
                if att.kind == "reported":
                    for i in range(att.content.start, att.content.end):
                        said_by[i] = said_by[i] or att.actor.name
        resolver = ActorResolver(doc, doc._.author)
        added: list[AttributionSpan] = []

        # acts and descriptions ("Trump has lifted the rules", "a longtime critic of …")
        # tell what someone did or is; the writer may judge it in the same words, so
        # they leave the author's voice in place, where a stance verb takes it over
        beside: set[int] = set()

        def add(pred: Token, holder: Token, content: Span, first: Token, own_voice: bool = False) -> None:
            if spoken[pred.i] or spoken[holder.i] or said_by[pred.i] != said_by[holder.i]:
                return
            if said_by[pred.i] is not None and holder.pos_ == "PRON":
                return  # "Trump said he wanted …": a pronoun in a report is mostly its speaker
            for subj in _with_conjuncts(holder):
                found = None if _is_tag(subj) and subj is not first else _holder(doc, subj, resolver)
                if found is not None and found[1].name != said_by[pred.i]:
                    mention, actor = found
                    added.append(AttributionSpan(content, "reported", mention, doc[pred.i:pred.i + 1], actor))
                    if own_voice:
                        beside.add(id(added[-1]))

        for tok in doc:
            if tok.pos_ not in ("VERB", "ADJ") or not (lexical_polarity(tok) or is_act(tok)):
                continue
            subject = _subject(tok)
            if subject is None or _speculative(tok):
                continue
            content = _content(tok, subject)
            if len(content) >= 2:
                add(tok, subject, content, subject, own_voice=not lexical_polarity(tok))
        for noun, holder, (lo, hi) in described_positions(doc):
            # "Kasich remains a defender of the TPP", "X, a longtime advocate of …"
            add(noun, holder, doc[lo:hi], holder, own_voice=True)
        spread = [a for att in existing for a in _spread(doc, att, resolver)]
        doc._.attributions = _without_overlapped(existing + spread + added,
                                                 [a for a in added if id(a) not in beside] + spread, added)
        return doc


def _is_tag(tok: Token) -> bool:
    """A party and state tag beside a name, no second holder: "Harris (D-Calif.)",
    "Tim Kaine, D-Va.,": inside parentheses, a letter or two, or letters and a hyphen."""
    doc = tok.doc
    opened = next((t.text for t in reversed(doc[tok.sent.start:tok.i]) if t.text in "()"), None)
    before = doc.text[max(0, tok.idx - 6):tok.idx]
    return opened == "(" or len(tok.text.rstrip(".")) <= 2 or bool(_PARTY_TAG.match(tok.text)) \
        or bool(_PARTY_PREFIX.search(before))


def _spread(doc: Doc, att: AttributionSpan, resolver: ActorResolver) -> list[AttributionSpan]:
    """Copies of a quote or report for each speaker coordinated with its source."""
    if att.kind == "author" or att.source is None or att.actor is None:
        return []
    copies = []
    root = att.source.root
    for other in _with_conjuncts(root)[1:]:
        if other.pos_ != "PROPN" or not other.text[:1].isalpha() or other.ent_type_ in _NOT_SPEAKERS \
                or _is_tag(other):
            continue  # a handle ("@SenJohnMcCain") or a date beside a name is no second speaker
        actor = resolver.resolve(_mention(doc, other))
        if actor is not None and actor.name and actor.name != att.actor.name:
            copies.append(att._replace(source=_mention(doc, other), actor=actor))
    return copies


def _without_overlapped(attributions: list[AttributionSpan], taking: list[AttributionSpan],
                        added: list[AttributionSpan]) -> list[AttributionSpan]:
    """Drop author-voice spans, and reports without a named speaker, that a position
    in ``taking`` covers; keep everything ``added``."""
    taken = set()
    for a in taking:
        lo = min(a.content.start, a.source.start)
        hi = max(a.content.end, a.source.end)
        taken.update(range(lo, hi))
    added_ids = {id(a) for a in added + taking}
    return [a for a in attributions
            if id(a) in added_ids or (a.kind != "author" and a.actor is not None)
            or not any(i in taken for i in range(a.content.start, a.content.end))]


@Language.factory("graphbuild_positions", requires=["doc._.attributions"], assigns=["doc._.attributions"])
def make_position_finder(nlp: Language, name: str) -> PositionFinder:
    return PositionFinder(name)
