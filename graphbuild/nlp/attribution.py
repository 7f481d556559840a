"""
Attribution: who said what
--------------------------

The spaCy component ``graphbuild_attribution`` fills ``doc._.attributions``
with :class:`~graphbuild.nlp.extensions.AttributionSpan` records:

- ``quote``: a direct quotation (:mod:`.quotes`) with its cue: the verb
  whose complement it is ("called the deal “a disaster”"), else the
  reporting verb beside it (“…,” he said / Zakayev told Foreign Policy:
  “…”), else a colon frame ("The U.S. position has been simple: “…”").
  Split quotations (“…,” he said, “…” and “…,” he said. “…”) are one
  content; a paragraph that continues a quoted speaker's quotation keeps
  that speaker. Headline and transcript labels ("Sanders: …", "TAPPER: …")
  are quotes of the label, and a paragraph quoted without marks after the
  sentence that introduces its speaker is a quote of that speaker (:mod:`.blocks`).
- ``reported``: a cue of :mod:`.reported` with its content.
- ``author``: every remaining sentence part, in the byline author's voice
  (actor None without a byline).

Attributions are univocal, as in PolNeAR: a cue inside another
attribution's content (“I think …,” she said) is part of that content.
Sources are resolved to canonical actors by :mod:`.actors`;
:func:`iter_attributions` gives the FORMAT §5 records.
"""
from __future__ import annotations

from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Attribution
from .actors import ActorResolver
from ..models import Actor
from .extensions import AttributionSpan
from .speech.blocks import block_quotes
from .speech.frames import Found, label_frames, quote_attributions
from .speech.posts import post_frames
from .speech.quotes import find_quotes
from .speech.reported import find_cues
from .speech.spans import overlaps, within

__all__ = ["AttributionExtractor", "iter_attributions"]

_SENT_FINAL = {".", "!", "?", "…", ":"}
# a cue inside a quotation this long is part of what is quoted
_NESTED_QUOTE_WORDS = 4


@Language.component("graphbuild_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Sentence hints for the parser: a sentence starts after every line
    break (headlines, datelines and paragraphs are never one sentence), and
    never inside a quotation except after ".", "!" or "?" (a quoted title
    such as “Make America Great Again” is no sentence). Add it before the
    parser: ``nlp.add_pipe("graphbuild_line_breaks", before="parser")``.

    >>> doc = line_breaks(nlp.make_doc("Taxes Rise\\nThe council voted."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Taxes', 'The']
    """
    for q in find_quotes(doc.text):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            prev = doc[tok.i - 1] if tok.i else None
            if prev is not None and prev.text not in _SENT_FINAL and not prev.is_space and "\n" not in prev.whitespace_:
                tok.is_sent_start = False
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.factory(
    "graphbuild_attribution",
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
    assigns=["doc._.attributions"],
    default_config={"min_quote_words": 1, "author_voice": True},
)
def make_attribution(nlp: Language, name: str, *, min_quote_words: int, author_voice: bool) -> "AttributionExtractor":
    """Build the attribution component.

    min_quote_words (int): quotations shorter than this are never direct quotes.
    author_voice (bool): add ``kind="author"`` spans for the rest of the text.
    """
    return AttributionExtractor(name=name, min_quote_words=min_quote_words, author_voice=author_voice)


class AttributionExtractor:
    """Stateless rules; the class only holds the options.

    >>> doc = nlp("“We will win,” Mr. Sokolov said.")
    >>> [(a.kind, a.actor.name) for a in doc._.attributions]
    [('quote', 'Sokolov')]
    """

    def __init__(self, *, name: str = "graphbuild_attribution", min_quote_words: int = 1, author_voice: bool = True):
        self.name = name
        self.min_quote_words = min_quote_words
        self.author_voice = author_voice

    def __call__(self, doc: Doc) -> Doc:
        found = collect_attributions(doc, self.min_quote_words)
        _resolve(doc, found)
        spans = [
            AttributionSpan(doc[f.content[0]:f.content[1]], f.kind,
                            doc[f.source[0]:f.source[1]] if f.source else None,
                            doc[f.cue[0]:f.cue[1]] if f.cue else None, f.actor)
            for f in found
        ]
        if self.author_voice:
            spans.extend(_author_spans(doc, found))
        spans.sort(key=lambda a: (a.content.start_char, a.content.end_char))
        doc._.attributions = spans
        return doc


def collect_attributions(doc: Doc, min_quote_words: int = 1) -> list[Found]:
    """Quotes, labels and reported speech of a parsed Doc, univocal, in
    token order (token ranges, actors not yet resolved).

    >>> [f.kind for f in collect_attributions(nlp("“No,” he said. Critics say it failed."))]
    ['quote', 'reported']
    """
    cues = list(find_cues(doc))
    found = label_frames(doc)
    found += [p for p in post_frames(doc) if not any(overlaps(p.content, f.content) for f in found)]
    found += quote_attributions(doc, cues, found, min_quote_words)
    found += block_quotes(doc, cues, found)
    used = {f.verb for f in found if f.verb is not None}
    taken = [f.content for f in found]
    quoted = [(q.start, q.end) for q in find_quotes(doc.text)]
    for c in cues:
        if c.verb.i in used or c.source is None or c.quote_only or c.content[1] <= c.content[0]:
            continue
        if any(r[0] <= c.verb.i < r[1] for r in taken):
            continue
        lo, hi = c.content
        for r in taken:
            if r[0] < hi and lo < r[1]:
                # "He says he respects Clinton and calls her “…”": stop
                # before the quotation another cue took
                hi = r[0] if r[0] > c.verb.i else lo
        if _words(doc, lo, hi) < 1:
            continue
        c = c._replace(content=(lo, hi))
        at, src_at = c.verb.idx, c.source_root.idx
        if any((s < at < e or s < src_at < e) and len(doc.text[s:e].split()) >= _NESTED_QUOTE_WORDS
               for s, e in quoted):
            continue  # a cue inside a quotation belongs to it; a quoted subject is a bad parse
        found.append(Found(c.content, "reported", c.source, c.cue, c.source_root, c.verb.i))
    return _univocal(found)


def _words(doc: Doc, lo: int, hi: int) -> int:
    return sum(1 for t in doc[lo:hi] if t.is_alpha)


def _univocal(found: list[Found]) -> list[Found]:
    """Keep the outer attribution when a cue lies inside another's content."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: f.content[0] - f.content[1]):
        cue_at = f.cue[0] if f.cue else (f.source[0] if f.source else f.content[0])
        if any(g.content[0] <= cue_at < g.content[1] and not (f.content[0] <= g.cue_at() < f.content[1])
               for g in kept):
            continue
        if any(g.content == f.content for g in kept):
            continue
        kept.append(f)
    kept.sort(key=lambda f: f.content)
    return kept


# -- actors -------------------------------------------------------------------

def _resolve(doc: Doc, found: list[Found]) -> None:
    resolver = ActorResolver(doc, doc._.author)
    quotes = [f for f in found if f.kind == "quote"]
    for f in sorted(found, key=lambda f: f.source[0] if f.source else f.content[0]):
        if f.source is None:
            continue
        speaker = next((q.actor for q in quotes if q is not f and within(f.source[0], q.content)), None)
        root = f.root if f.root is not None and within(f.root.i, f.source) else doc[f.source[0]:f.source[1]].root
        mention = doc[root.i:root.i + 1] if root.pos_ == "PRON" else doc[f.source[0]:f.source[1]]
        f.actor = resolver.resolve(mention, speaker=speaker)
        if f.actor is not None:
            resolver.note(root.i, f.actor, root.lower_)


# -- author voice ---------------------------------------------------------------

def _author_spans(doc: Doc, found: list[Found]) -> Iterator[AttributionSpan]:
    covered = [False] * len(doc)
    for f in found:
        for r in (f.content, f.source, f.cue):
            if r:
                for i in range(r[0], r[1]):
                    covered[i] = True
    author = Actor(doc._.author, "Person") if doc._.author else None
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            if covered[i]:
                i += 1
                continue
            j = i
            while j < sent.end and not covered[j] and "\n\n" not in doc[j].text:
                j += 1
            lo, hi = i, j
            while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
                lo += 1
            while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
                hi -= 1
            if sum(1 for t in doc[lo:hi] if t.is_alpha) >= 2:
                yield AttributionSpan(doc[lo:hi], "author", None, None, author)
            i = max(j, i + 1)


# -- FORMAT §5 ----------------------------------------------------------------

def iter_attributions(doc: Doc) -> Iterator[Attribution]:
    """FORMAT §5 records for the quotes and reported speech of ``doc``.

    Args:
        doc: a Doc processed by ``graphbuild_attribution``.

    Yields:
        :class:`graphbuild.models.Attribution`, char offsets into the text.

    >>> [a.kind for a in iter_attributions(nlp("Critics say it will fail."))]
    ['reported']
    """
    for a in doc._.attributions:
        if a.kind == "author":
            continue
        yield Attribution(
            doc_id=doc._.doc_id or "",
            content=(a.content.start_char, a.content.end_char),
            source=(a.source.start_char, a.source.end_char) if a.source is not None else None,
            cue=(a.cue.start_char, a.cue.end_char) if a.cue is not None else None,
            kind=a.kind,
            actor=a.actor.name if a.actor else None,
        )
