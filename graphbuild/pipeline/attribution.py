"""
Attribution: who said what
--------------------------

The spaCy component ``graphbuild_attribution`` fills ``doc._.attributions``
with :class:`~graphbuild.pipeline.extensions.AttributionSpan` records:

- ``quote``: a direct quotation (:mod:`.quotes`) tied to the reporting verb
  next to it ("“…,” he said", "Zakayev told Foreign Policy: “…”"), a colon
  frame ("The U.S. position has been simple: “…”"), split quotations
  (“…,” he said, “…”) are one content;
- ``reported``: a reporting-verb clause (:mod:`.reported`) with its
  complement, object or "according to";
- ``author``: every remaining sentence part, in the byline author's voice.

Sources are resolved to canonical actors by :mod:`.actors`.
:func:`iter_attributions` gives the FORMAT §5 records.
"""
from __future__ import annotations

from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..models import Attribution
from .actors import ActorResolver, actor_key  # noqa: F401  (re-exported)
from .extensions import ActorRef, AttributionSpan
from .quotes import Quote, find_quotes
from .reported import Cue, find_reported, find_speech_verbs

__all__ = ["AttributionExtractor", "iter_attributions", "actor_key"]

_SENT_END = {".", "!", "?"}
# a short after-quote frame may use any verb with a subject ("…,” he laughed)
_SHORT_FRAME = 8


class _Found:
    __slots__ = ("content", "kind", "source", "cue", "root", "actor")

    def __init__(self, content, kind, source, cue, root):
        self.content, self.kind, self.source, self.cue, self.root = content, kind, source, cue, root
        self.actor: ActorRef | None = None


@Language.component("graphbuild_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (headlines, datelines and
    paragraphs are never one sentence). Add it before the parser:
    ``nlp.add_pipe("graphbuild_line_breaks", before="parser")``."""
    for tok in doc[:-1]:
        if "\n" in tok.text or (tok.is_space and "\n" in tok.whitespace_):
            doc[tok.i + 1].is_sent_start = True
        elif tok.text.endswith("\n"):
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
    """Stateless rules; the class only holds the options."""

    def __init__(self, *, name: str = "graphbuild_attribution", min_quote_words: int = 1, author_voice: bool = True):
        self.name = name
        self.min_quote_words = min_quote_words
        self.author_voice = author_voice

    def __call__(self, doc: Doc) -> Doc:
        found = _find(doc, self.min_quote_words)
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


# -- quotes -------------------------------------------------------------------

def _quote_tokens(doc: Doc, quotes: list[Quote]) -> list[tuple[int, int]]:
    out = []
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end))
    return out


def _windows(doc: Doc, q: tuple[int, int], prev_end: int, next_start: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Token ranges before and after a quote, up to a sentence end, a line
    break or another quotation."""
    lo = q[0]
    while lo > prev_end and not (doc[lo - 1].text in _SENT_END or "\n" in doc[lo - 1].text):
        lo -= 1
    hi = q[1]
    while hi < next_start and not (doc[hi].text in _SENT_END or "\n" in doc[hi].text):
        hi += 1
    return (lo, q[0]), (q[1], hi)


def _in(i: int, r: tuple[int, int]) -> bool:
    return r[0] <= i < r[1]


def _any_verb(doc: Doc, win: tuple[int, int]) -> Cue | None:
    """A verb with a subject in a short frame: “…,” she laughed."""
    from .reported import _source_range  # local: a private helper
    for i in range(*win):
        t = doc[i]
        if t.pos_ == "VERB":
            subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} and _in(c.i, win)]
            if subj:
                return Cue(t, (t.i, t.i + 1), _source_range(subj[0]), (t.i, t.i), subj[0])
    return None


def _colon_frame(doc: Doc, win: tuple[int, int]) -> Cue | None:
    """“X has been simple: “…”": the colon is the cue, the subject the source."""
    from .reported import _source_range
    last = win[1] - 1
    while last >= win[0] and doc[last].is_space:
        last -= 1
    if last < win[0] or doc[last].text not in {":", "—"}:
        return None
    root = doc[last].head if doc[last].head.i != last else doc[last].sent.root
    if not _in(root.i, win):
        root = doc[last - 1] if last - 1 >= win[0] else None
        if root is None:
            return None
    while root.dep_ not in {"ROOT"} and _in(root.head.i, win) and root.head is not root:
        root = root.head
    subj = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and _in(c.i, win)]
    if not subj:
        if root.pos_ in {"PROPN", "NOUN"} and _in(root.i, win):
            subj = [root]
        else:
            return None
    return Cue(doc[last], (last, last + 1), _source_range(subj[0]), (last, last), subj[0])


def _continues(doc: Doc, prev: _Found, q: tuple[int, int]) -> bool:
    """``q`` opens the paragraph after the one where ``prev`` ends."""
    i = q[0] - 1
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if i < 0 or "\n" not in doc[i].text:
        return False
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].is_punct):
        j -= 1
    if j < 0 or prev.content[1] <= j - 6 or prev.content[0] > j:
        return False
    return prev.kind == "quote" or prev.content[1] >= j - 2


def _find(doc: Doc, min_quote_words: int) -> list[_Found]:
    quotes = [q for q in _quote_tokens(doc, find_quotes(doc.text)) if q[1] - q[0] >= 2]
    cues = [c for c in find_reported(doc) if c.source is not None]
    by_verb = {c.verb.i: c for c in find_speech_verbs(doc)}
    found: list[_Found] = []
    used_cues: set[int] = set()
    covered: list[tuple[int, int]] = []
    k = 0
    while k < len(quotes):
        q = quotes[k]
        prev_end = quotes[k - 1][1] if k else 0
        next_start = quotes[k + 1][0] if k + 1 < len(quotes) else len(doc)
        before, after = _windows(doc, q, prev_end, next_start)
        words = sum(1 for t in doc[q[0]:q[1]] if t.is_alpha)
        inner_last = doc[q[1] - 2].text if q[1] - q[0] >= 2 else ""
        cand_after = [c for i, c in by_verb.items() if _in(i, after) and c.verb.i not in used_cues
                      and not _in(c.source_root.i, q)]
        cand_before = [c for i, c in by_verb.items() if _in(i, before) and c.verb.i not in used_cues
                       and not _in(c.source_root.i, q)]
        cue: Cue | None = None
        if cand_after and (inner_last in {",", "?", "!", "—", "-"} or not cand_before or doc[q[0]].i == before[0]):
            cue = min(cand_after, key=lambda c: c.verb.i)
        elif cand_before:
            cue = max(cand_before, key=lambda c: c.verb.i)
        elif words >= 3 and after[1] - after[0] <= _SHORT_FRAME:
            cue = _any_verb(doc, after)
        if cue is None and words >= 3:
            cue = _colon_frame(doc, before)
        if cue is None and words >= 3 and found and _continues(doc, found[-1], q):
            # a paragraph-long quotation right after a quoted speaker's paragraph
            prev = found[-1]
            found.append(_Found(q, "quote", prev.source, None, prev.root))
            covered.append(q)
            k += 1
            continue
        if cue is None or words < min_quote_words:
            k += 1
            continue
        content = q
        kind = "quote"
        # a quotation inside a reported clause: the clause is the content
        # ('Sanders says “the wind is at our backs” despite his loss')
        if cue.content[1] > cue.content[0] and cue.content[0] < q[0] and cue.verb.i < q[0] and cue.content[1] > q[0]:
            lo = cue.content[0]
            outside = sum(1 for t in doc[lo:q[0]] if t.is_alpha)
            if outside >= 1:
                content = (lo, max(cue.content[1], q[1]))
                kind = "reported" if outside > words else "quote"
        elif words < 3 and not (inner_last in _SENT_END) and not (_in(cue.verb.i, after) and inner_last == ","):
            k += 1
            continue
        # split quotation: “…,” he said, “…”
        while (k + 1 < len(quotes) and _in(cue.verb.i, after)
               and quotes[k + 1][0] - after[1] <= 1 and "\n" not in doc[q[1]:quotes[k + 1][0]].text):
            nq = quotes[k + 1]
            n_next = quotes[k + 2][0] if k + 2 < len(quotes) else len(doc)
            _, nafter = _windows(doc, nq, q[1], n_next)
            if any(_in(i, nafter) for i in by_verb):
                break
            content = (content[0], nq[1])
            k += 1
            q = nq
            after = nafter
        used_cues.add(cue.verb.i)
        found.append(_Found(content, kind, cue.source, cue.cue, cue.source_root))
        covered.append(content)
        k += 1
    quote_ranges = quotes
    # univocal: a cue inside another cue's content belongs to that content
    outer = [c.content for c in cues if c.verb.i in used_cues] + [
        c.content for c in cues if c.verb.i not in used_cues]
    for c in cues:
        if c.verb.i in used_cues:
            continue
        if any(r != c.content and r[0] <= c.verb.i < r[1] and (c.source_root is None or r[0] <= c.source_root.i < r[1])
               for r in outer):
            continue
        if any(_in(c.verb.i, r) for r in covered):
            continue
        if any(_in(c.verb.i, r) and (r[1] - r[0]) > 4 for r in quote_ranges) and any(
            f.content[0] <= c.verb.i < f.content[1] for f in found):
            continue
        if any(c.content[0] < r[1] and r[0] < c.content[1] for r in covered):
            continue
        found.append(_Found(c.content, "reported", c.source, c.cue, c.source_root))
    found.sort(key=lambda f: f.content)
    return _dedupe(found)


def _dedupe(found: list[_Found]) -> list[_Found]:
    """Univocal output: drop an attribution whose cue lies in another's content
    when both share the same content start (keeps the outer clause)."""
    out: list[_Found] = []
    for f in found:
        if out and out[-1].content == f.content:
            continue
        out.append(f)
    return out


# -- actors -------------------------------------------------------------------

def _resolve(doc: Doc, found: list[_Found]) -> None:
    resolver = ActorResolver(doc, doc._.author)
    quotes = [f for f in found if f.kind == "quote"]
    for f in sorted(found, key=lambda f: f.source[0] if f.source else f.content[0]):
        if f.source is None:
            continue
        speaker = None
        for q in quotes:
            if q is not f and q.content[0] <= f.source[0] < q.content[1]:
                speaker = q.actor
        root = f.root if f.root is not None and _in(f.root.i, f.source) else doc[f.source[0]:f.source[1]].root
        f.actor = resolver.resolve(doc[root.i:root.i + 1] if root.pos_ == "PRON" else doc[f.source[0]:f.source[1]],
                                   speaker=speaker)
        if f.actor is not None:
            resolver.note(root.i, f.actor, root.lower_)


# -- author voice ---------------------------------------------------------------

def _author_spans(doc: Doc, found: list[_Found]) -> Iterator[AttributionSpan]:
    covered = [False] * len(doc)
    for f in found:
        for r in (f.content, f.source, f.cue):
            if r:
                for i in range(r[0], r[1]):
                    covered[i] = True
    author = ActorRef(doc._.author, "Person") if doc._.author else None
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
