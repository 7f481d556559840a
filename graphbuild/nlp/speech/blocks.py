"""
Block quotations
----------------

Op-eds and blogs often quote a statement as a paragraph of its own, without
quotation marks, right after a sentence that says who is speaking:

    Last week in an op-ed for Townhall, Rubio explained his firm stance
    against any new gun control measures.

    As Congress prepares to consider new gun control legislation, I stand
    firmly against any attempt to restrict …

The paragraph is the speaker's, not the byline author's, although nothing
but its layout and its voice says so. A paragraph is taken as a block
quotation of the speaker named in the last sentence before it when

- its main act is a named speaker (or "he"/"she") saying something, and
- it ends with a colon ("Cuomo said in a statement:"), or it says the speaker
  wrote something (``writing_verbs.txt``: "tweeted"; ``statement_nouns.txt``:
  "in an op-ed") and the paragraph speaks in the first person singular
  ("I", "my", "me") without pointing at anyone as he or she ("I disagree
  with him" is the author answering, not the speaker writing),

and the paragraph holds no quotation marks, reports nobody's words itself
("McConnell said Monday that …" is the reporter again) and introduces
nothing itself (it does not end with a colon). Further paragraphs
in the same voice continue the quotation.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...lexicons import load_lexicon, pronoun_classes
from .frames import Found
from .quotes import find_quotes
from .reported import Cue

__all__ = ["block_quotes"]

_THIRD_PERSON = {"male", "female"}
_SPEAKER_ENTS = {"PERSON", "ORG", "NORP"}
# The sentence's own act, not a verb inside a noun phrase ("its refusal to tell …").
_MAIN_ACT = {"ROOT", "conj", "advcl", "parataxis", "ccomp"}


def _paragraphs(doc: Doc) -> list[Span]:
    """Token spans of the paragraphs: text between line breaks."""
    out, start = [], 0
    for tok in doc:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            end = tok.i if tok.is_space else tok.i + 1
            if end > start:
                out.append(doc[start:end])
            start = tok.i + 1
    if start < len(doc):
        out.append(doc[start:len(doc)])
    return [p for p in out if any(t.is_alpha for t in p)]


def _introducer(sent: Span, cues: list[Cue]) -> Cue | None:
    """The cue of a sentence whose main act is a named speaker ("Rubio",
    "he") saying something, the last one if several."""
    classes = pronoun_classes()
    found = None
    for c in cues:
        root = c.source_root
        if not (sent.start <= c.verb.i < sent.end and root is not None and c.source is not None):
            continue
        if any(m.dep_ == "mark" and m.lower_ == "as" for m in c.verb.children):
            continue  # "as reported by the Post, the trend holds …:" introduces no speaker's text
        if c.verb.dep_ in _MAIN_ACT and (root.ent_type_ in _SPEAKER_ENTS or root.pos_ == "PROPN"
                                         or classes.get(root.lower_) in _THIRD_PERSON):
            found = c
    return found


def _names_a_text(sent: Span, cue: Cue) -> bool:
    """True when the sentence says the speaker wrote something ("tweeted",
    "in an op-ed for Townhall", "in a statement")."""
    return cue.verb.lemma_.lower() in load_lexicon("writing_verbs.txt") or any(
        t.lemma_.lower() in load_lexicon("statement_nouns.txt") and not t.ent_type_ for t in sent)


def _reports(par: Span, cues: list[Cue]) -> bool:
    """True when the paragraph reports someone else's words itself
    ("McConnell said Monday that …"): it is the reporter's text."""
    return any(par.start <= c.verb.i < par.end and c.source_root is not None
               and (c.source_root.ent_type_ in _SPEAKER_ENTS or c.source_root.pos_ == "PROPN") for c in cues)


def _voice(par: Span) -> tuple[bool, bool]:
    """(speaks in the first person singular, mentions someone as he or she)."""
    classes = pronoun_classes()
    first = any(t.lower_ in ("i", "me", "my", "myself") for t in par if t.pos_ == "PRON" or t.lower_ == "i")
    third = any(classes.get(t.lower_) in _THIRD_PERSON for t in par if t.pos_ in ("PRON", "DET"))
    return first, third


def block_quotes(doc: Doc, cues: list[Cue], taken: list[Found]) -> list[Found]:
    """Paragraphs quoted without marks after a sentence naming their speaker.

    >>> from graphbuild.nlp.speech.reported import find_cues
    >>> doc = nlp("Rubio explained his stance in an op-ed:\\n\\nI stand firmly against any new law.")
    >>> [(f.kind, doc[f.content[0]:f.content[1]].text) for f in block_quotes(doc, list(find_cues(doc)), [])]
    [('quote', 'I stand firmly against any new law.')]

    Args:
        cues: every cue of the Doc (:func:`.reported.find_cues`).
        taken: attributions found already; a paragraph overlapping one is left alone.
    """
    quoted = find_quotes(doc.text)
    out: list[Found] = []
    paragraphs = _paragraphs(doc)
    cue = None  # the introducer of the block quotation running on, if any
    for before, par in zip(paragraphs, paragraphs[1:]):
        if any(par.start_char <= q.start < par.end_char for q in quoted) or any(
                f.content[0] < par.end and par.start < f.content[1] for f in taken):
            cue = None
            continue
        first, third = _voice(par)
        if _reports(par, cues) or par[-1].text == ":":
            # the reporter again, or another introduction
            cue = None
            continue
        goes_on = cue is not None and first and not third  # the quoted statement's next paragraph
        if not goes_on:
            last = list(before.sents)[-1]
            cue = _introducer(last, cues)
            if cue is None:
                continue
            colon = last[-1].text == ":" or (len(last) > 1 and last[-1].is_space and last[-2].text == ":")
            if not colon and (not first or third or not _names_a_text(last, cue)):
                cue = None
                continue
        hi = par.end
        while hi > par.start and par.doc[hi - 1].is_space:
            hi -= 1
        out.append(Found((par.start, hi), "quote", cue.source, cue.cue, cue.source_root))
    return out
