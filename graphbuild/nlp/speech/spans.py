"""
Mention spans
-------------

Token ranges of sources and contents as written: a source mention with its
modifiers and appositions ("Mary Glantz, a senior adviser at USIP"), an
organisation name kept whole ("the Giffords Law Center to Prevent Gun
Violence"), a relative pronoun with its antecedent, and content edges
without stray punctuation (quotation marks are kept).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...lexicons import load_lexicon

__all__ = ["is_agent_noun", "is_dateline", "is_quoted_name", "overlaps", "source_range", "trim", "within"]

# modifiers that end a source mention
_SOURCE_CUT = {"relcl", "acl", "advcl", "punct", "cc", "conj"}
# prepositions whose phrase still belongs to a source ("an official from the CIA")
_SOURCE_PREPS = {"of", "for", "from", "at", "with", "in"}
_RELATIVE = {"who", "that", "which", "whom"}
# quotation marks kept at the edges of a content
_OPEN_MARKS = {"“", "‘", '"', "''", "«", "„"}
_CLOSE_MARKS = {"”", "’", '"', "''", "»"}


def within(i: int, r: tuple[int, int]) -> bool:
    """Is token ``i`` inside the range ``[r[0], r[1])``?

    >>> within(3, (3, 5)), within(5, (3, 5))
    (True, False)
    """
    return r[0] <= i < r[1]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Do two token ranges share a token?

    >>> overlaps((0, 3), (2, 5)), overlaps((0, 3), (3, 5))
    (True, False)
    """
    return a[0] < b[1] and b[0] < a[1]


def trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Drop leading/trailing punctuation (keeping quote marks), spaces and
    conjunctions from the token range ``[lo, hi)``.

    >>> trim(nlp("and the plan will fail."), 0, 6)
    (1, 5)
    """
    while lo < hi and (doc[lo].is_punct and doc[lo].text not in _OPEN_MARKS or doc[lo].dep_ == "cc" or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct and doc[hi - 1].text not in _CLOSE_MARKS or doc[hi - 1].is_space
                       or doc[hi - 1].dep_ == "cc"):
        hi -= 1
    return lo, hi


def source_range(subj: Token) -> tuple[int, int]:
    """The mention of a source as written: the subject with its modifiers
    and appositions, without relative clauses, never across a line break.

    A relative pronoun ("the group, which said …") gives its antecedent and
    the pronoun together.

    >>> doc = nlp("Mary Glantz, an adviser at USIP, who left, said no.")
    >>> doc[slice(*source_range(doc[1]))].text
    'Mary Glantz, an adviser at USIP'
    """
    doc = subj.doc
    if subj.lower_ in _RELATIVE and subj.head.dep_ == "relcl":
        ante = subj.head.head
        lo, _ = source_range(ante)
        return lo, subj.i + 1
    lo = subj.left_edge.i
    hi = subj.i + 1
    rights = list(subj.rights)
    for k, c in enumerate(rights):
        if c.dep_ == "punct" and any(r.dep_ == "appos" for r in rights[k + 1:]):
            continue  # "Mary Glantz, a senior adviser at USIP,"
        if c.dep_ in _SOURCE_CUT:
            break
        if c.dep_ == "prep" and c.lower_ not in _SOURCE_PREPS:
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
    while lo < subj.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    if subj.ent_iob_ in {"B", "I"}:
        # keep a name whole: "the Free Nations of Post-Russia Forum"
        end = subj.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        hi = max(hi, _extend_name(doc, end, subj.sent.end) if subj.ent_type_ in {"ORG", "FAC"} else end)
    return lo, hi


def _extend_name(doc: Doc, end: int, limit: int) -> int:
    """Extend an organisation name over "of"/"for"/"to" + capitalised words
    ("Giffords Law Center to Prevent Gun Violence")."""
    while end + 1 < limit and doc[end].lower_ in {"of", "for", "to", "on", "and"}:
        k = end + 1
        while k < limit and (doc[k].text[:1].isupper() or doc[k].text in {"-", "&"}):
            k += 1
        if k == end + 1:
            break
        end = k
    return end


def is_agent_noun(tok: Token) -> bool:
    """A noun for people or organisations ("critics", "the group", "an official").

    >>> is_agent_noun(nlp("critics")[0])
    True
    """
    lemma = tok.lemma_.lower()
    return any(lemma in load_lexicon(name) for name in
               ("role_nouns.txt", "group_nouns.txt", "org_nouns.txt", "anonymous_nouns.txt"))


def is_dateline(tok: Token) -> bool:
    """A dateline: the first words of a line before a comma or parenthesis.

    >>> is_dateline(nlp("CLEVELAND, July 19 (UPI) — Mukasey said.")[0])
    True
    """
    doc = tok.doc
    start = tok.left_edge.i
    at_line_start = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
    return at_line_start and tok.i + 1 < len(doc) and doc[tok.i + 1].text in {",", "("} and (
        tok.is_upper or tok.ent_type_ == "GPE")


# Small words inside a name: "Free Nations of Post-Russia Forum".
_NAME_LINKS = {"of", "the", "and", "for", "on", "in", "de", "du", "von", "van", "&"}
_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}


def is_quoted_name(span: Span) -> bool:
    """A name in quotation marks ("known as the “Free Nations of Post-Russia
    Forum,” this group …"): no speech, and an antecedent like any name.

    >>> doc = nlp("Known as the “Free Nations of Post-Russia Forum,” this group met.")
    >>> is_quoted_name(doc[4:9]), is_quoted_name(doc[11:14])
    (True, False)
    """
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.is_title or t.is_upper or t.lower_ in _NAME_LINKS for t in words) \
        and any(t.ent_type_ in _NAME_ENTS for t in span) and not any(t.pos_ in ("VERB", "AUX") for t in span)
