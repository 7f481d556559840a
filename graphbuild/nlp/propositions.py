"""Can a sentence stand alone as a claim, one a person can agree or disagree with?

A drafted codebook label must be a clean, self-contained proposition: a
finite clause with its own subject, not a fragment cut from a longer
sentence, not a report of speech, not text addressed to the reader
("By signing up, you agree …"), not a caption or scraped page furniture.
The checks are linguistic, read off spaCy's parse and tags, and hold for
any topic: nothing here knows a debate, a name or a phrase.

:func:`proposition_problem` says what is wrong with a span (None when
nothing is); :func:`proposition_text` is the span as a label, a leading
"But" or "And" dropped.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from ..lexicons import load_lexicon
from ..text.boilerplate import scan

__all__ = ["proposition_problem", "proposition_text", "MIN_WORDS", "MAX_WORDS"]

MIN_WORDS, MAX_WORDS = 5, 30
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
# Pronouns whose referent lies outside the sentence: a label built on one
# says nothing by itself ("It would be a disaster", "They should resign").
_REFERRING = {"he", "she", "it", "they", "i", "this", "that", "these", "those", "him", "her", "them", "who",
              "which", "one", "me", "us"}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_POSSESSIVES = {"his", "her", "its", "their", "my"}
_SUBJECT_CASE = {"he", "she", "they", "we", "i"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves", "u"}
# A lower-case letter run into capitals: headlines scraped together ("McConnellGOP senators").
_GLUED = re.compile(r"[a-z][A-Z]{2,}")
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


def _words(span: Span) -> list[Token]:
    return [t for t in span if not t.is_space]


def _start(span: Span) -> int:
    """Index past a leading coordinating conjunction ("But the plan …"), which joins the sentence to the one
    before, or the "that" of reported speech ("[said] that the plan will fail")."""
    words = _words(span)
    i = 0
    while i < len(words) - 1 and (words[i].pos_ == "CCONJ" or (words[i].is_punct and i > 0)
                                  or (words[i].lower_ == "that" and words[i].dep_ == "mark")):
        i += 1
    return words[i].i - span.start if words else 0


def proposition_text(span: Span) -> str:
    """The span as a label: a leading conjunction or "that" dropped, "this"/"these" before the subject
    made "the" (the referent is the claim's own), the first letter a capital.

    >>> proposition_text(nlp("But this plan will fail.")[:])
    'The plan will fail.'
    >>> proposition_text(nlp("that tariffs hurt farmers")[:])
    'Tariffs hurt farmers'
    """
    span = span[_start(span):]
    subject = _subject(span)
    parts = []
    for t in span:
        if subject is not None and t.head == subject and t.dep_ == "det" and t.lower_ in _DEMONSTRATIVES:
            parts.append("the" + t.whitespace_)
        else:
            parts.append(t.text_with_ws)
    text = "".join(parts).strip()
    return text[:1].upper() + text[1:]


def _subject(span: Span) -> Token | None:
    root = span.root
    return next((c for c in root.children if c.dep_ in _SUBJECTS and span.start <= c.i < span.end), None)


def proposition_problem(span: Span) -> str | None:
    """Why the span cannot be a codebook label, or None when it can.

    >>> proposition_problem(nlp("Congress should expand background checks on gun sales.")[:]) is None
    True
    >>> proposition_problem(nlp("By signing up, you agree to our Privacy Policy.")[:])
    'addresses the reader'
    >>> proposition_problem(nlp("to had attempted to obstruct justice by thwarting the inquiry")[:])
    'starts mid-sentence'
    """
    if not span.text.strip():
        return "empty"
    if any(t.lower_ in _SECOND_PERSON for t in span):
        return "addresses the reader"
    span = span[_start(span):]
    words = _words(span)
    alpha = [t for t in words if t.is_alpha]
    if not MIN_WORDS <= len(alpha) <= MAX_WORDS:
        return "too short or too long"
    first, last = words[0], next((t for t in reversed(words) if not t.is_punct), words[-1])
    if first.pos_ in ("ADP", "SCONJ", "CCONJ", "PART") or first.tag_ in ("TO", "WDT", "WP", "WRB"):
        return "starts mid-sentence"
    if last.pos_ in ("ADP", "CCONJ", "SCONJ", "DET", "PART", "AUX") or last.tag_ in ("PRP$", "TO"):
        return "ends mid-phrase"
    if words[-1].text in (",", ":", ";", "-", "—", "–") or span.text.rstrip().endswith("?"):
        return "not a statement"
    if not span.text.lstrip()[:1].isalnum():
        return "starts with punctuation"
    if last.lower_ in _SUBJECT_CASE:  # "… the next time he"
        return "ends mid-phrase"
    if sum(t.text[:1].isupper() for t in alpha[1:]) > 0.6 * (len(alpha) - 1):
        return "a headline in title case"
    if _GLUED.search(span.text) or ":" in span.text or scan(span.text).ranges:
        return "scraped text (glued headlines, a caption or page furniture)"
    if _unbalanced(span.text):
        return "unbalanced quotes or brackets"
    if any(t.is_upper and len(t) > 2 and t.is_stop for t in words):
        return "scraped text (a capitalised common word)"
    if sum(t.like_url or t.like_email or "@" in t.text for t in words):
        return "a web address"
    return _clause_problem(span)


def _clause_problem(span: Span) -> str | None:
    """The parse: one finite main clause with a subject of its own, stating rather than reporting."""
    roots = [t for t in span if t.head == t or t.head.i < span.start or t.head.i >= span.end]
    if len(roots) != 1:
        return "not one sentence"
    root = roots[0]
    if root.pos_ not in ("VERB", "AUX"):
        return "no main verb"
    # only words of the span count: in "[X] introduced a bill", X is the speaker, outside the claim
    children = [c for c in root.children if span.start <= c.i < span.end]
    subjects = [c for c in children if c.dep_ in _SUBJECTS]
    finite = root.morph.get("VerbForm") == ["Fin"] or any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.morph.get("VerbForm") == ["Fin"]) for c in children)
    if not subjects:
        return "imperative or no subject" if root.tag_ == "VB" else "no subject"
    broken = _broken_parse(subjects, span)
    if broken:
        return broken
    auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if not finite or (root.tag_ == "VB" and not auxiliaries):  # "[demanded that] Comey testify"
        return "not a finite clause"
    # a singular noun with a plural present verb: the subjunctive of a reported demand, parsed alone
    if root.tag_ == "VBP" and len(subjects) == 1 and subjects[0].tag_ in ("NN", "NNP") and not any(
            c.dep_ in ("conj", "nummod", "quantmod") or (c.dep_ == "prep" and c.lower_ == "of")
            for c in subjects[0].children):  # "58 percent of voters support": plural by its "of"
        return "not a finite clause"
    negated = any(c.dep_ == "neg" for c in children)
    if not negated and not any(c.tag_ == "MD" for c in auxiliaries) and \
            any(t.lower_ == "any" and t.dep_ == "det" for t in span):
        return "part of a negated sentence ('[denied] there was any threat')"
    subject = subjects[0]
    if any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in children) or \
            (root.pos_ == "AUX" and root.i < subject.i and root.i == span.start):
        return "a question"
    if subject.lower_ in _REFERRING or subject.tag_ in ("WP", "WDT"):
        return "its subject refers to an earlier sentence"
    if any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in subject.children):
        return "its subject refers to an earlier sentence"
    if root.lemma_.lower() in _reporting_verbs() and any(c.dep_ in ("ccomp", "xcomp") for c in children):
        return "reports speech"
    return None


def _broken_parse(subjects: list[Token], span: Span) -> str | None:
    """Signs that the parser could not read the span as one sentence: a fragment run into a clause
    ("The ad after the campaign sent …": two nouns as subjects of the main verb) or a clause cut after
    a participle ("… with a provision allowing")."""
    if sum(s.dep_ in ("nsubj", "nsubjpass") and s.pos_ in ("NOUN", "PROPN") for s in subjects) > 1:
        return "not one sentence (a fragment run into a clause)"
    last = next((t for t in reversed(span) if not t.is_punct), None)
    if last is not None and last.tag_ in ("VBG", "VBN") and last.dep_ == "acl" and not list(last.children):
        return "ends mid-phrase"
    return None


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    # a line is "LEMMA [PREP] [FRAME ...]": the lemma is what reports
    return frozenset(line.split()[0] for line in load_lexicon("reporting_verbs.txt"))


def _unbalanced(text: str) -> bool:
    if text.count('"') % 2:
        return True
    return any(text.count(a) != text.count(b) for a, b in _PAIRS)
