"""
Reported speech
---------------

Find reporting-verb clauses in a parsed Doc: a cue (a reporting verb or
verb of internal state from ``graphbuild/data/reporting_verbs.txt``, or
"according to"), its source (the subject as written) and its content (the
clausal complement, or the object for verbs such as "reject"/"urge", or
the object of the preposition for "call for").

Notes
=====
The dependency rules follow textacy's ``extract.triples`` (subject deps,
clausal complements) and the PARC/PolNeAR notion of content as the whole
complement clause (Pareti 2016; Newell et al. 2018).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterator, NamedTuple

from spacy.tokens import Doc, Span, Token

__all__ = ["Cue", "find_reported", "find_speech_verbs", "reporting_verbs"]

# nominal subjects of the cue verb
_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
# clausal complements that hold what was said or thought
_CLAUSE_DEPS = {"ccomp", "xcomp"}
# verb links through which a verb shares its head's subject
_SHARE_SUBJ = {"conj", "xcomp", "advcl"}
# object dependencies that hold the content of object-taking cues
_OBJ_DEPS = {"dobj"}
# modifiers cut from the end of a source mention
_SOURCE_CUT = {"relcl", "acl", "advcl", "punct"}


class Cue(NamedTuple):
    """One reporting clause, in token indices of the Doc."""

    verb: Token
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int]
    source_root: Token | None = None


@lru_cache(maxsize=None)
def reporting_verbs() -> dict[str, dict[str, set[str]]]:
    """``{lemma: {"frames": {...}, "preps": {...}}}`` from the data file."""
    text = resources.files("graphbuild.data").joinpath("reporting_verbs.txt").read_text(encoding="utf-8")
    out: dict[str, dict[str, set[str]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split()
        entry = out.setdefault(words[0].lower(), {"frames": set(), "preps": set()})
        rest = words[1:]
        if rest and rest[0] not in {"clause", "object", "prep"}:
            entry["preps"].add(rest.pop(0))
            rest = rest or ["prep"]
        entry["frames"].update(rest or ["clause"])
    return out


def _subtree_range(tok: Token, *, exclude: Token | None = None, limit: tuple[int, int] | None = None) -> tuple[int, int]:
    idx = [t.i for t in tok.subtree if exclude is None or not (exclude.left_edge.i <= t.i <= exclude.right_edge.i)]
    lo, hi = min(idx), max(idx) + 1
    if limit:
        lo, hi = max(lo, limit[0]), min(hi, limit[1])
    return lo, hi


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].is_punct and doc[lo].text not in "“‘\"" or doc[lo].dep_ == "cc" or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct and doc[hi - 1].text not in "”’\"" or doc[hi - 1].is_space or doc[hi - 1].dep_ == "cc"):
        hi -= 1
    return lo, hi


def _source_range(subj: Token) -> tuple[int, int]:
    """The subject mention as written, without trailing relative clauses,
    and never across a line break."""
    doc = subj.doc
    lo = subj.left_edge.i
    hi = subj.i + 1
    for c in subj.rights:
        if c.dep_ in _SOURCE_CUT or "\n" in c.text:
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
    return lo, hi


def _subject(verb: Token) -> Token | None:
    """The cue's subject: its own, a shared one (conj, xcomp, participle), or
    the noun a participial clause modifies ("Trump, saying ...")."""
    v = verb
    for _ in range(4):
        for c in v.children:
            if c.dep_ in _SUBJ_DEPS:
                return c
        if v.dep_ == "agent":
            return None
        if v.dep_ in _SHARE_SUBJ and v.head is not v:
            v = v.head
            continue
        if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return v.head
        if v.dep_ == "relcl":
            return v.head
        return None
    return None


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _content(verb: Token, entry: dict) -> tuple[int, int] | None:
    doc = verb.doc
    sent = (verb.sent.start, verb.sent.end)
    frames = entry["frames"]
    clause = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS]
    if clause:
        c = clause[0]
        if c.dep_ == "xcomp" and c.lemma_.lower() in reporting_verbs():
            return None  # "continued to say": the inner verb is the cue
        return _subtree_range(c, limit=sent)
    if "prep" in frames:
        for c in verb.children:
            if c.dep_ in {"prep", "prt"} and c.lower_ in entry["preps"]:
                objs = [p for p in c.children if p.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return _subtree_range(objs[0], limit=sent)
    if "object" in frames:
        for c in verb.children:
            if c.dep_ in _OBJ_DEPS and c.pos_ != "PRON":
                return _subtree_range(c, limit=sent)
    if verb.dep_ == "parataxis" and "clause" in frames:
        # "The plan is dead, he said." with said attached as parataxis
        return _subtree_range(verb.head, exclude=verb, limit=sent)
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        # "As Trump said, the wall will be built."
        return _subtree_range(verb.head, exclude=verb, limit=sent)
    return None


def _according_to(doc: Doc) -> Iterator[Cue]:
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            if not objs:
                continue
            src = _source_range(objs[0])
            sent = tok.sent
            # the content is the rest of the sentence
            before = (sent.start, tok.i)
            after = (src[1], sent.end)
            lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
            lo, hi = _trim(doc, lo, hi)
            if hi - lo >= 2:
                yield Cue(tok, (tok.i, tok.i + 2), src, (lo, hi), objs[0])


def find_speech_verbs(doc: Doc) -> Iterator[Cue]:
    """Reporting verbs with a subject, content or not (for quotations).

    Yields:
        :class:`Cue` tuples whose content is the complement when there is
        one, else the empty range at the verb.
    """
    verbs = reporting_verbs()
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        entry = verbs.get(verb.lemma_.lower())
        if entry is None:
            continue
        subj = _agent(verb) or _subject(verb)
        if subj is None:
            continue
        content = _content(verb, entry) or (verb.i, verb.i)
        cue_end = verb.i + 1
        for c in verb.children:
            if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in entry["preps"]):
                cue_end = max(cue_end, c.i + 1)
        yield Cue(verb, (verb.i, cue_end), _source_range(subj), _trim(doc, *content) if content[1] > content[0] else content, subj)
    yield from _according_to(doc)


def find_reported(doc: Doc) -> Iterator[Cue]:
    """Every reporting clause of ``doc`` with a content (source may be None).

    Yields:
        :class:`Cue` tuples in token order.
    """
    verbs = reporting_verbs()
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} and not (verb.pos_ == "NOUN" and verb.tag_.startswith("VB")):
            continue
        entry = verbs.get(verb.lemma_.lower())
        if entry is None:
            continue
        content = _content(verb, entry)
        if content is None:
            continue
        lo, hi = _trim(doc, *content)
        if hi - lo < 1:
            continue
        subj = _agent(verb) or _subject(verb)
        src = _source_range(subj) if subj is not None else None
        if src and lo <= src[0] < hi:
            continue  # subject inside its own content: a bad parse
        cue_end = verb.i + 1
        for c in verb.children:
            if c.dep_ in {"prt"} or (c.dep_ == "prep" and c.lower_ in entry["preps"]):
                cue_end = max(cue_end, c.i + 1)
        yield Cue(verb, (verb.i, cue_end), src, (lo, hi), subj)
    yield from _according_to(doc)
