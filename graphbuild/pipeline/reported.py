"""
Reported speech
---------------

Find the cues of a parsed Doc: a reporting verb or verb of internal state
from ``graphbuild/data/reporting_verbs.txt`` (or "according to"), its
source (the subject as written, or the agent of a passive) and its content
(what was said or thought).

Content
=======
PolNeAR and PARC take the content to be the whole complement (Pareti 2016;
Newell et al. 2018), so the content runs from the first complement of the
cue (a clause, an object, or the object of the cue's preposition: "call
for", "talk about") to the end of the cue's phrase, leaving out
coordinated predicates ("… and urged him to resign") and other cues, which
are attributions of their own. A complement in front of the cue ("The plan
is dead, he said, for now") gives a content that spans the whole sentence;
the source and cue sit inside it, as discontinuous PolNeAR contents do.

Verbs marked ``quote`` in the data file ("continue", "laugh") are cues
only next to a direct quotation; ``graphbuild.pipeline.attribution`` uses
them there.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterator, NamedTuple

from spacy.tokens import Doc, Token

__all__ = ["Cue", "find_cues", "reporting_verbs", "source_range"]

_SUBJ_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
_CLAUSE_DEPS = {"ccomp", "xcomp"}
# verb links through which a verb shares its head's subject
_SHARE_SUBJ = {"conj", "xcomp", "advcl"}
_OBJ_DEPS = {"dobj", "oprd", "attr"}
# modifiers cut from the end of a source mention
_SOURCE_CUT = {"relcl", "acl", "advcl", "punct", "prep", "cc", "conj"}
_RELATIVE = {"who", "that", "which", "whom"}
_FRAMES = {"clause", "object", "prep", "quote"}
# clauses that are no complement: a cue inside one is an attribution of its own
_OWN_CLAUSE = {"conj", "parataxis"}


class Cue(NamedTuple):
    """One cue, in token indices of the Doc.

    ``content`` is the empty range ``(verb.i, verb.i)`` when the cue has no
    complement of its own (“…,” she said); ``quote_only`` cues count only
    beside a direct quotation.
    """

    verb: Token
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int]
    source_root: Token | None = None
    quote_only: bool = False


@lru_cache(maxsize=None)
def reporting_verbs() -> dict[str, dict[str, set[str]]]:
    """``{lemma: {"frames": {...}, "preps": {...}}}`` from the data file.

    >>> "object" in reporting_verbs()["reject"]["frames"]
    True
    """
    text = resources.files("graphbuild.data").joinpath("reporting_verbs.txt").read_text(encoding="utf-8")
    out: dict[str, dict[str, set[str]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split()
        entry = out.setdefault(words[0].lower(), {"frames": set(), "preps": set()})
        rest = words[1:]
        if rest and rest[0] not in _FRAMES:
            entry["preps"].add(rest.pop(0))
            rest = rest or ["prep"]
        entry["frames"].update(rest or ["clause", "object"])
    return out


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Drop leading/trailing punctuation (keeping quote marks), spaces and
    conjunctions."""
    while lo < hi and (doc[lo].is_punct and doc[lo].text not in "“‘\"" or doc[lo].dep_ == "cc" or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct and doc[hi - 1].text not in "”’\"" or doc[hi - 1].is_space
                       or doc[hi - 1].dep_ == "cc"):
        hi -= 1
    return lo, hi


def source_range(subj: Token) -> tuple[int, int]:
    """The mention of a source as written: the subject with its modifiers
    and appositions, without relative clauses, never across a line break.

    A relative pronoun ("the group, which said …") gives its antecedent and
    the pronoun together.
    """
    doc = subj.doc
    if subj.lower_ in _RELATIVE and subj.head.dep_ == "relcl":
        ante = subj.head.head
        lo, _ = source_range(ante)
        return lo, subj.i + 1
    lo = subj.left_edge.i
    hi = subj.i + 1
    for c in subj.rights:
        if c.dep_ in _SOURCE_CUT and not (c.dep_ == "punct" and c.i + 1 < len(doc) and doc[c.i + 1].dep_ == "appos"):
            break
        if c.dep_ == "prep" and c.lower_ not in {"of", "for", "from", "at", "with", "in"}:
            break
        hi = c.right_edge.i + 1
    for i in range(subj.i - 1, lo - 1, -1):
        if "\n" in doc[i].text:
            lo = i + 1
            break
    for i in range(subj.i + 1, hi):
        if "\n" in doc[i].text:
            hi = i
            break
    while hi > subj.i + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def _subject(verb: Token) -> Token | None:
    """The cue's speaker: its subject, the agent of a passive, a subject it
    shares with its head (conjunction, "declined to comment", "…, adding"),
    or the noun a participle or relative clause hangs on."""
    v = verb
    for depth in range(5):
        subjects = [c for c in v.children if c.dep_ in _SUBJ_DEPS]
        if subjects:
            # "Voters, Clinton suggested, don't …": the nearest subject speaks
            return min(subjects, key=lambda c: abs(c.i - v.i))
        for c in v.children:
            if c.dep_ == "agent":
                return next((p for p in c.children if p.dep_ == "pobj"), None)
        if any(c.dep_ in _PASSIVE_SUBJ for c in v.children):
            # "Trump is expected to say": the raised subject speaks, but the
            # subject of a passive cue ("he was asked") does not.
            return None if depth == 0 else next(c for c in v.children if c.dep_ in _PASSIVE_SUBJ)
        if v.dep_ in _SHARE_SUBJ and v.head is not v:
            v = v.head
            continue
        if v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ == "VBG"):
            # "Trump, saying …"; not "efforts to address …" or "the plan announced …"
            return v.head if v.head.pos_ in {"NOUN", "PROPN", "PRON"} else None
        return None
    return None


def _cut_children(verb: Token) -> list[Token]:
    """Right children that end the content: coordinated predicates and
    clauses that are cues themselves."""
    verbs = reporting_verbs()
    out = []
    for c in verb.rights:
        if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}:
            out.append(c)
        elif c.dep_ in {"advcl", "parataxis"} and c.lemma_.lower() in verbs and c.tag_ in {"VBG", "VBD", "VBZ", "VBP"}:
            out.append(c)
    return out


def _phrase_end(verb: Token, limit: int) -> int:
    """One past the last token of the cue's phrase, before any cut child."""
    cuts = _cut_children(verb)
    end = cuts[0].left_edge.i if cuts else verb.right_edge.i + 1
    if cuts:
        # the conjunction or comma before the cut belongs to neither
        while end > verb.i + 1 and (verb.doc[end - 1].dep_ in {"cc", "punct"}):
            end -= 1
    return min(end, limit)


def _complement(verb: Token, entry: dict) -> Token | None:
    frames = entry["frames"]
    kids = list(verb.rights)
    clause = next((c for c in kids if c.dep_ in _CLAUSE_DEPS), None)
    if clause is not None and "clause" in frames:
        return clause
    if "prep" in frames:
        for c in kids:
            if c.dep_ in {"prep", "prt", "dative"} and c.lower_ in entry["preps"]:
                obj = next((p for p in c.children if p.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None:
                    return obj
    if "object" in frames:
        obj = next((c for c in kids if c.dep_ in _OBJ_DEPS), None)
        if obj is not None:
            return obj
    if clause is not None and "object" in frames and clause.dep_ == "xcomp":
        return clause  # "wants to win"
    return None


def _content(verb: Token, entry: dict) -> tuple[int, int] | None:
    doc = verb.doc
    sent = verb.sent
    comp = _complement(verb, entry)
    if comp is not None and comp.i > verb.i:
        if comp.dep_ == "xcomp" and comp.lemma_.lower() in reporting_verbs() and comp.pos_ == "VERB":
            return None  # "continued to say": the inner verb is the cue
        lo = comp.left_edge.i
        if comp.dep_ == "xcomp":
            # "urged him to resign": the object belongs to the content
            lo = min([lo] + [c.left_edge.i for c in verb.rights if c.dep_ == "dobj"])
        return lo, max(lo + 1, _phrase_end(verb, sent.end))
    if "clause" not in entry["frames"]:
        return None
    # a complement in front of the cue: "The plan is dead, he said, for now."
    front = next((c for c in verb.lefts if c.dep_ in {"ccomp", "parataxis"}), None)
    if front is not None:
        return front.left_edge.i, _phrase_end(verb, sent.end)
    if verb.dep_ == "parataxis" or (verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)):
        # "The plan, he said, is dead." / "As Trump said, the wall will rise."
        head = verb.head
        lo = min(head.left_edge.i, verb.left_edge.i)
        return max(lo, sent.start), min(head.right_edge.i + 1, sent.end)
    return None


def _according_to(doc: Doc) -> Iterator[Cue]:
    for tok in doc[:-1]:
        if tok.lower_ != "according" or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) or next(
            (c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        src = source_range(obj)
        src = (src[0], max(src[1], obj.i + 1))
        sent = tok.sent
        before = _trim(doc, sent.start, tok.i)
        after = _trim(doc, src[1], sent.end)
        if before[1] - before[0] >= 2 and after[1] - after[0] >= 2:
            lo, hi = before[0], after[1]  # "X, according to Y, is Z"
        else:
            lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
        if hi - lo >= 2:
            yield Cue(tok, (tok.i, tok.i + 2), src, (lo, hi), obj)


def _is_cue_token(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB"))


def _own_clause(inner: Token, outer: Token, comp: Token | None) -> Token | None:
    """The clause around cue ``inner`` that is not part of ``outer``'s
    content: a coordinated, adverbial or relative clause ("…, and more than
    half said …", "a finish that he said defied expectations"), or a second
    clause of the outer cue. None when ``inner`` sits in the complement
    itself ("He said Clinton wants …")."""
    node = inner
    for _ in range(12):
        if node.dep_ in _OWN_CLAUSE:
            return node
        if node.head is outer:
            return node if comp is not None and node is not comp and node.i > comp.i else None
        if node.head is node:
            return None
        node = node.head
    return None


def _cut_nested(doc: Doc, cue: Cue, sourced: list[Token]) -> tuple[int, int]:
    lo, hi = cue.content
    comp = next((c for c in cue.verb.rights if c.left_edge.i == lo or c.i == lo), None)
    for v in sourced:
        if v is cue.verb or not lo < v.i < hi:
            continue
        clause = _own_clause(v, cue.verb, comp)
        if clause is not None and clause.left_edge.i > lo:
            hi = clause.left_edge.i
    return _trim(doc, lo, hi)


def find_cues(doc: Doc) -> Iterator[Cue]:
    """Every cue of ``doc`` in token order, with its source and content.

    >>> [(doc[c.source[0]:c.source[1]].text, c.verb.text, doc[c.content[0]:c.content[1]].text)
    ...  for c in find_cues(nlp("Critics say the plan will fail."))]  # doctest: +SKIP
    [('Critics', 'say', 'the plan will fail')]
    """
    raw = list(_raw_cues(doc))
    sourced = [c.verb for c in raw if c.source is not None and not c.quote_only
               and any(k.dep_ in _SUBJ_DEPS for k in c.verb.children)]
    for c in raw:
        if c.content[1] > c.content[0] and c.verb.lower_ != "according":
            lo, hi = _cut_nested(doc, c, sourced)
            c = c._replace(content=(lo, hi) if hi > lo else (c.verb.i, c.verb.i))
        yield c


def _raw_cues(doc: Doc) -> Iterator[Cue]:
    verbs = reporting_verbs()
    for verb in doc:
        if not _is_cue_token(verb):
            continue
        entry = verbs.get(verb.lemma_.lower())
        if entry is None:
            continue
        subj = _subject(verb)
        content = _content(verb, entry)
        if content is not None:
            content = _trim(doc, *content)
            if content[1] <= content[0]:
                content = None
        src = source_range(subj) if subj is not None else None
        if src is not None and content is not None and content[0] <= subj.i < content[1] and not (
                content[0] < verb.i < content[1]):
            src = subj = None  # subject inside its own content: a bad parse
        cue_end = verb.i + 1
        for c in verb.children:
            if c.i > verb.i and (c.dep_ == "prt" or (c.dep_ in {"prep", "dative"} and c.lower_ in entry["preps"])):
                cue_end = max(cue_end, c.i + 1)
        quote_only = entry["frames"] == {"quote"}
        yield Cue(verb, (verb.i, cue_end), src, content or (verb.i, verb.i), subj, quote_only)
    yield from _according_to(doc)
