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

- that sentence ends with a colon after a reporting verb ("Cuomo said in a
  statement:"), or
- it has a reporting verb with a named speaker, and the paragraph speaks in
  the first person singular ("I", "my", "me") without pointing back at that
  speaker in the third person ("I disagree with him" is the author
  answering, not the speaker talking),

and the paragraph holds no quotation marks of its own. Further paragraphs
in the same voice continue the quotation.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .frames import Found
from .names import pronoun_classes
from .quotes import find_quotes
from .reported import Cue

__all__ = ["block_quotes"]

_FIRST_PERSON = {"speaker"}
_THIRD_PERSON = {"male", "female"}
_SPEAKER_ENTS = {"PERSON", "ORG", "NORP"}


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
    """The cue of a sentence that names a speaker, the last one if several."""
    found = None
    for c in cues:
        root = c.source_root
        if sent.start <= c.verb.i < sent.end and root is not None and c.source is not None:
            if root.ent_type_ in _SPEAKER_ENTS or root.pos_ == "PROPN" or root.pos_ == "PRON":
                found = c
    return found


def _voice(par: Span) -> tuple[bool, bool]:
    """(speaks in the first person singular, mentions someone as he or she)."""
    classes = pronoun_classes()
    first = any(t.lower_ in ("i", "me", "my", "myself") for t in par if t.pos_ == "PRON" or t.lower_ == "i")
    third = any(classes.get(t.lower_) in _THIRD_PERSON for t in par if t.pos_ in ("PRON", "DET"))
    return first, third


def block_quotes(doc: Doc, cues: list[Cue], taken: list[Found]) -> list[Found]:
    """Paragraphs quoted without marks after a sentence naming their speaker.

    >>> doc = nlp("Rubio explained his stance.\\n\\nI stand firmly against any new law.")  # doctest: +SKIP
    >>> [(f.kind, doc[f.content[0]:f.content[1]].text) for f in block_quotes(doc, list(find_cues(doc)), [])]  # doctest: +SKIP
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
        if cue is not None and first and not third:
            pass  # the quoted statement goes on in the next paragraph
        else:
            last = list(before.sents)[-1]
            cue = _introducer(last, cues)
            if cue is None:
                continue
            colon = last[-1].text == ":" or (len(last) > 1 and last[-1].is_space and last[-2].text == ":")
            if not colon and (not first or third):
                cue = None
                continue
        hi = par.end
        while hi > par.start and par.doc[hi - 1].is_space:
            hi -= 1
        out.append(Found((par.start, hi), "quote", cue.source, cue.cue, cue.source_root))
    return out
