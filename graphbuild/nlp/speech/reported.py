"""
Reported speech
---------------

Find the cues of a parsed Doc: a reporting verb or verb of internal state
from ``graphbuild/data/reporting_verbs.txt`` (or "according to", or a frame
such as "in his view"), its source (the subject as written, or the agent of
a passive) and its content (what was said or thought).

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
only next to a direct quotation; ``graphbuild.nlp.attribution`` uses
them there.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterator, NamedTuple

from spacy.tokens import Doc, Token

from .cues import cue_lemma
from .light import light_cue_parts
from .spans import is_agent_noun, is_dateline, source_range, trim
from .survey import survey_cue_parts
from .viewpoints import viewpoint_cue_parts

__all__ = ["Cue", "find_cues", "reporting_verbs", "source_range"]

_SUBJ_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
_CLAUSE_DEPS = {"ccomp", "xcomp"}
# verb links through which a verb shares its head's subject
_SHARE_SUBJ = {"conj", "xcomp", "advcl", "acomp"}
_OBJ_DEPS = {"dobj", "oprd", "attr"}
_DASHES = {"—", "–", "-", "―"}
_FRAMES = {"clause", "object", "prep", "quote"}


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
def reporting_verbs() -> dict[str, dict]:
    """``{lemma: {"frames": {...}, "preps": {...}, "bare": bool}}`` from the
    data file; a lemma listed only with prepositions ("point out", "refer
    to") is a cue only with one of them.

    >>> "object" in reporting_verbs()["reject"]["frames"]
    True
    """
    text = resources.files("graphbuild.data").joinpath("reporting_verbs.txt").read_text(encoding="utf-8")
    out: dict[str, dict] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split()
        entry = out.setdefault(words[0].lower(), {"frames": set(), "preps": set(), "bare": False})
        rest = words[1:]
        if rest and rest[0] not in _FRAMES:
            entry["preps"].add(rest.pop(0))
            rest = rest or ["prep"]
        else:
            entry["bare"] = True
        entry["frames"].update(rest or ["clause", "object"])
    return out


def _subject(verb: Token) -> Token | None:
    """The cue's speaker: its subject, the agent of a passive, a subject it
    shares with its head (conjunction, "declined to comment", "…, adding"),
    or the noun a participle or relative clause hangs on."""
    v = verb
    for depth in range(5):
        subjects = [c for c in v.children if c.dep_ in _SUBJ_DEPS]
        if subjects:
            # "Voters, Clinton suggested, don't …": the nearest subject speaks,
            # but not a date ("Warren on Saturday said") or a dateline
            good = [c for c in subjects if c.ent_type_ not in {"DATE", "TIME"} and not is_dateline(c)]
            if not good and all(c.ent_type_ in {"DATE", "TIME"} for c in subjects):
                return None  # "Thursday called …": a misparsed date speaks for nobody
            if not good:
                # "CLEVELAND, July 19 (UPI) — Michael Mukasey told …"
                good = [a for c in subjects if is_dateline(c) for a in c.rights if a.dep_ == "appos"
                        and any(t.text in _DASHES for t in c.doc[c.i:a.left_edge.i])] or subjects
            subj = min(good, key=lambda c: abs(c.i - v.i))
            if depth > 0 and subj.lower_ in {"it", "this", "that"}:
                return None  # "It is hard to know …", "it remains to be seen"
            return subj
        if depth == 0 and v.tag_ in {"VBZ", "VBP", "VBD"}:
            # "About 4 in 10 say …", parsed without a subject
            nums = [c for c in v.lefts if c.dep_ in {"nummod", "npadvmod", "dep", "nmod"} and c.pos_ in {"NUM", "NOUN", "PROPN"}]
            if nums:
                return nums[-1]
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
            # "Trump, saying …"; not "efforts to address …", "the plan announced …"
            # or "a microphone telling …"
            head = v.head
            if head.pos_ in {"PROPN", "PRON"} or (head.pos_ == "NOUN" and (
                    v.dep_ == "relcl" or head.ent_type_ or is_agent_noun(head))):
                return head
            return None
        return None
    return None


def _cut_children(verb: Token) -> list[Token]:
    """Right children that end the content: coordinated predicates and
    clauses that are cues themselves."""
    verbs = reporting_verbs()
    out = []
    for c in verb.rights:
        if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and not any(k.dep_ in _SUBJ_DEPS for k in c.children):
            out.append(c)  # "said … and urged …"; "said …, but he doesn't want …" goes on
        elif c.dep_ in {"advcl", "parataxis"} and cue_lemma(c) in verbs and c.tag_ in {"VBG", "VBD", "VBZ", "VBP"}:
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
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in entry["preps"] for m in c.children):
                return c  # "calling for the US to take a stronger role"
    if "object" in frames:
        obj = next((c for c in kids if c.dep_ in _OBJ_DEPS), None)
        if obj is not None:
            return obj
    if clause is not None and "object" in frames and clause.dep_ == "xcomp":
        return clause  # "wants to win"
    return None


def _content(verb: Token, entry: dict) -> tuple[int, int] | None:
    sent = verb.sent
    comp = _complement(verb, entry)
    if comp is not None and comp.i > verb.i:
        if comp.dep_ == "xcomp" and cue_lemma(comp) in reporting_verbs() and any(
                c.dep_ in {"ccomp", "dobj"} for c in comp.children) and not any(
                c.dep_ == "dobj" and c.i < comp.i for c in verb.children):
            return None  # "continued to say that …": the inner verb is the cue
        lo = comp.left_edge.i
        if comp.dep_ == "xcomp":
            # "urged him to resign": the object belongs to the content
            lo = min([lo] + [c.left_edge.i for c in verb.rights if c.dep_ == "dobj"])
        return lo, max(lo + 1, _phrase_end(verb, sent.end))
    passive = next((c for c in verb.lefts if c.dep_ in _PASSIVE_SUBJ), None)
    if passive is not None and any(c.dep_ == "agent" for c in verb.children):
        return passive.left_edge.i, passive.right_edge.i + 1  # "it was never mentioned by the moderators"
    if "clause" not in entry["frames"]:
        return None
    # a complement in front of the cue: "The plan is dead, he said, for now."
    front = next((c for c in verb.lefts if c.dep_ in {"ccomp", "parataxis"}), None)
    if front is not None:
        return front.left_edge.i, _phrase_end(verb, sent.end)
    aside = _aside(verb)
    if aside is not None:
        return aside
    if verb.dep_ == "parataxis" or (verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)):
        # "The plan, he said, is dead." / "As Trump said, the wall will rise."
        head = verb.head
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        if verb.left_edge.i <= lo:
            lo = verb.right_edge.i + 1  # the frame opens the sentence
        elif verb.right_edge.i + 1 >= hi:
            hi = verb.left_edge.i  # the frame closes it
        return max(lo, sent.start), min(hi, sent.end)
    return None


def _aside(verb: Token) -> tuple[int, int] | None:
    """The sentence around a frame set off by commas that the parser made its
    root: "A practical step, she told a USIP audience, is for governments to
    …" (the frame's subject follows a comma, the rest of the sentence follows
    a comma as a subjectless coordinated predicate)."""
    if verb.dep_ != "ROOT":
        return None
    doc = verb.doc
    subj = next((c for c in verb.lefts if c.dep_ in _SUBJ_DEPS), None)
    if subj is None or subj.left_edge.i == 0 or doc[subj.left_edge.i - 1].text != ",":
        return None
    front = [c for c in verb.lefts if c.i < subj.i and c.dep_ not in {"punct", "cc", "advmod"}]
    rest = next((c for c in verb.rights if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}), None)
    if not front or rest is None or doc[rest.left_edge.i - 1].text != "," or any(
            c.dep_ == "cc" for c in verb.rights if c.i < rest.i) or any(c.dep_ in _SUBJ_DEPS for c in rest.children):
        return None
    return front[0].left_edge.i, rest.right_edge.i + 1


@lru_cache(maxsize=None)
def cue_nouns() -> dict[str, frozenset[str]]:
    """``{noun lemma: prepositions that introduce its content}``.

    >>> "for" in cue_nouns()["call"]
    True
    """
    text = resources.files("graphbuild.data").joinpath("cue_nouns.txt").read_text(encoding="utf-8")
    return {w[0]: frozenset(w[1:]) for w in (l.split() for l in text.splitlines())
            if w and not w[0].startswith("#")}


def _noun_cues(doc: Doc) -> Iterator[Cue]:
    """"Trump's call for a ban", "criticism of the plan by Democrats": the
    holder (possessive, or "by"/"from") is the source, the clause or the
    named preposition's object the content."""
    nouns = cue_nouns()
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns:
            continue
        holder = next((c for c in tok.children if c.dep_ == "poss"), None)
        if holder is None:
            by = next((c for c in tok.rights if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"}), None)
            holder = next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None
        if holder is None or holder.pos_ not in {"PROPN", "NOUN", "PRON"}:
            continue
        preps = nouns[tok.lemma_.lower()]
        comp = None
        for c in tok.rights:
            if c.dep_ in {"acl", "ccomp", "relcl"} and any(m.lower_ in {"that", "to"} for m in c.children
                                                          if m.dep_ in {"mark", "aux"}):
                comp = c
            elif c.dep_ == "prep" and c.lower_ in preps:
                comp = next((p for p in c.children if p.dep_ in {"pobj", "pcomp"}), None)
            if comp is not None:
                break
        if comp is None:
            continue
        lo, hi = trim(doc, comp.left_edge.i, min(comp.right_edge.i + 1, tok.sent.end))
        if holder.i >= lo and holder.i < hi or hi <= lo:
            continue
        cue_end = tok.i + 1 if comp.dep_ in {"acl", "ccomp", "relcl"} else comp.head.i + 1
        src = source_range(holder) if holder.tag_ != "POS" else (holder.i, holder.i + 1)
        yield Cue(tok, (tok.i, cue_end), src, (lo, hi), holder)


def _is_cue_token(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")) or (
        tok.pos_ == "ADJ" and tok.dep_ == "acomp")


def find_cues(doc: Doc) -> Iterator[Cue]:
    """Every cue of ``doc`` in token order, with its source and content.

    >>> doc = nlp("Critics say the plan will fail.")
    >>> [(doc[c.source[0]:c.source[1]].text, c.verb.text, doc[c.content[0]:c.content[1]].text)
    ...  for c in find_cues(doc)]
    [('Critics', 'say', 'the plan will fail')]
    """
    verbs = reporting_verbs()
    for verb in doc:
        if not _is_cue_token(verb):
            continue
        entry = verbs.get(cue_lemma(verb))
        if entry is None or not (entry["bare"] or any(
                c.lower_ in entry["preps"] and c.dep_ in {"prep", "prt", "dative", "advcl"} or (
                    c.dep_ == "advcl" and any(m.lower_ in entry["preps"] for m in c.children if m.dep_ == "mark"))
                for c in verb.rights)):
            continue
        subj = _subject(verb)
        content = _content(verb, entry)
        if content is not None:
            content = trim(doc, *content)
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
    for verb, cue, content in light_cue_parts(doc):
        subj = _subject(verb)
        lo, hi = trim(doc, *content)
        if subj is not None and hi > lo and not lo <= subj.i < hi:
            yield Cue(verb, cue, source_range(subj), (lo, hi), subj)
    for tok, src, content, noun in survey_cue_parts(doc, verbs):
        yield Cue(tok, (tok.i, tok.i + 1), src, content, noun)
    for tok, cue, src, content, root in viewpoint_cue_parts(doc):
        yield Cue(tok, cue, src, content, root)
    yield from _noun_cues(doc)
