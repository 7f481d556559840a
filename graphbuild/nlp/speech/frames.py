"""
Quotation frames
----------------

Tie every direct quotation of a Doc to its cue and source, and read
headline and transcript labels ("Sanders: I'm not much of a socialist",
"TAPPER: And obviously …") as attributions.

Rules for a quotation, in order
===============================
1. A cue whose content the quotation is part of ("called the deal “a
   disaster”", "said that the plan was “dead on arrival”"): the content is
   the cue's whole content; it stays a ``quote`` while the quoted words are
   the larger part.
2. A cue beside it: after it when the quotation ends with a comma, "?",
   "!" or a dash (“…,” she said), else before it (He said: “…”).
3. A short frame after it with any verb and a subject (“…,” she laughed),
   or a colon frame before it (The U.S. position has been simple: “…”).
4. A paragraph that opens with a quotation right after a paragraph that
   ended with the same speaker's quotation continues it.

A quotation that follows its frame sentence at once (“…,” he said. “…”)
or the frame's comma (“…,” he said, “…”) is one content with the first,
unless a cue of its own introduces it. A line of em-dash dialogue takes
the speech frame inside the line ("— We will win, — the minister said");
a dash line without one is a list item, not a quotation. A quotation
inside a speaker's description (Joe Scarborough, host of “Morning Joe,”
said …) is part of the source. Cues whose parse took a quoted word for
their subject get the name right after the quotation instead
(“…,” Ramos, 58, told AFP).
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...lexicons import load_lexicon
from ...models import Actor
from .quotes import Quote, find_quotes
from .reported import Cue
from .spans import is_quoted_name, overlaps, source_range, within

__all__ = ["Found", "label_frames", "quote_attributions"]

_SENT_END = {".", "!", "?"}
# an after-quote frame this short may use any verb with a subject
_SHORT_FRAME = 8
# after “…,” the speech verb of a frame comes within this many tokens
_FRAME_HEAD = 5
_LABEL_MAX = 7
_DASHES = {"—", "―", "–"}
_FRAME_OPEN = {",", "—", "―", "–", "?", "!"}
_LABEL_POS = {"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM", "PUNCT", "CCONJ"}
# a headline label may name its addressee or topic: "Obama To Asians: …"
_LABEL_TO = {"to", "on", "at", "about"}


class Found:
    """One attribution in token ranges, before its actor is resolved."""

    __slots__ = ("content", "kind", "source", "cue", "root", "verb", "actor")

    def __init__(self, content, kind, source, cue, root, verb=None):
        self.content, self.kind, self.source, self.cue, self.root = content, kind, source, cue, root
        self.verb: int | None = verb
        self.actor: Actor | None = None

    def cue_at(self) -> int:
        """The token that marks the attribution: cue, else source, else content.

        >>> Found((4, 9), "quote", (0, 2), (2, 3), 2).cue_at(), Found((4, 9), "quote", (0, 2), None, 2).cue_at()
        (2, 0)
        """
        return self.cue[0] if self.cue else (self.source[0] if self.source else self.content[0])

    def __repr__(self) -> str:
        return f"Found({self.kind}, content={self.content}, source={self.source}, cue={self.cue})"


def _words(doc: Doc, lo: int, hi: int) -> int:
    return sum(1 for t in doc[lo:hi] if t.is_alpha)


def _quote_tokens(doc: Doc, quotes: list[Quote]) -> list[tuple[int, int]]:
    out = []
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and len(span) >= 2:
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


def _any_verb(doc: Doc, win: tuple[int, int]) -> Cue | None:
    """A verb with a subject in a short frame: “…,” she laughed."""
    for i in range(*win):
        t = doc[i]
        if t.pos_ == "VERB":
            subj = [c for c in t.children if c.dep_ == "nsubj" and within(c.i, win)]
            if subj:
                return Cue(t, (t.i, t.i + 1), source_range(subj[0]), (t.i, t.i), subj[0])
    return None


def _colon_frame(doc: Doc, win: tuple[int, int]) -> Cue | None:
    """“X has been simple: “…”": the colon is the cue, the subject the source."""
    last = win[1] - 1
    while last >= win[0] and doc[last].is_space:
        last -= 1
    if last < win[0] or doc[last].text not in {":", "—"}:
        return None
    root = doc[last].head if doc[last].head.i != last else doc[last].sent.root
    if not within(root.i, win):
        if last - 1 < win[0]:
            return None
        root = doc[last - 1]
    while root.dep_ != "ROOT" and within(root.head.i, win) and root.head is not root:
        root = root.head
    subj = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and within(c.i, win)]
    if not subj:
        if root.pos_ not in {"PROPN", "NOUN"} or not within(root.i, win):
            return None
        subj = [root]
    return Cue(doc[last], (last, last + 1), source_range(subj[0]), (last, last), subj[0])


def _continues(doc: Doc, prev: Found, q: tuple[int, int], cues: list[Cue]) -> bool:
    """``q`` opens the paragraph right after the one where quote ``prev`` ends,
    and nobody else is said to speak between them: “…,” Geng told a
    briefing. ⏎ “American farmers are now footing the bill.” goes on in Geng's voice."""
    i = q[0] - 1
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if i < 0 or "\n" not in doc[i].text or prev.kind != "quote":
        return False
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].is_punct):
        j -= 1
    if j < 0 or not prev.content[0] <= j or any("\n" in t.text for t in doc[prev.content[1]:j]):
        return False  # the quote does not end in the paragraph before
    frame = max(prev.content[1], prev.cue[1] if prev.cue else 0)
    return not any(frame <= c.verb.i < i and c.source is not None for c in cues)


def _frame_source(doc: Doc, cue: Cue, in_quote: list[bool]) -> Cue | None:
    """Repair a cue whose parse took a quoted word for its subject (or found
    none): “…,” Ramos, 58, told AFP → Ramos; "…, telling the crowd, “…”"
    → the subject of the sentence."""
    verb = cue.verb
    subj = None
    if verb.tag_ == "VBG":
        root = verb.sent.root
        subj = next((c for c in root.children if c.dep_ == "nsubj" and not in_quote[c.i]), None)
    else:
        i = verb.i - 1
        while i >= 0 and verb.i - i <= 6 and not in_quote[i]:
            t = doc[i]
            if t.pos_ in {"VERB", "AUX"} or "\n" in t.text:
                break
            if t.pos_ in {"PROPN", "PRON", "NOUN"} and (i == 0 or in_quote[i - 1] or doc[i - 1].pos_ not in {"PROPN", "NOUN", "ADJ", "DET"}):
                subj = t
            i -= 1
        if subj is not None and not (i >= 0 and in_quote[i]):
            subj = None  # only right after a quotation: “…,” NAME, …, VERB
        while subj is not None and subj.dep_ == "compound" and subj.head.i < verb.i:
            subj = subj.head
    if subj is None:
        return None
    return cue._replace(source=source_range(subj), source_root=subj)


def _intro_line(doc: Doc, q: tuple[int, int]) -> tuple[int, int] | None:
    """The sentence before a line break and a colon that introduces ``q``."""
    i = q[0] - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in {'"', "“", "''"}):
        i -= 1
    if i < 0 or doc[i].text != ":" or "\n" not in doc[i].whitespace_ + doc[i + 1].text:
        return None
    return doc[i].sent.start, i + 1


def _choose(doc: Doc, q: tuple[int, int], before: tuple[int, int], after: tuple[int, int],
            speech: list[Cue], used: set[int]) -> tuple[Cue | None, bool]:
    """The cue of quotation ``q`` and whether its content holds the quote."""
    free = [c for c in speech if c.verb.i not in used and not within(c.source_root.i, q) and not within(c.verb.i, q)]
    linked = [c for c in free if not c.quote_only and overlaps(c.content, q)]
    if linked:
        # the outermost cue: "He says if people think … “…”" is what he says
        outer = [c for c in linked if not any(o is not c and within(c.verb.i, o.content) for o in linked)] or linked
        return min(outer, key=lambda c: min(abs(c.verb.i - q[0]), abs(c.verb.i - q[1]))), True
    inner_last = doc[q[1] - 2].text
    cand_after = [c for c in free if within(c.verb.i, after)]
    cand_before = [c for c in free if within(c.verb.i, before)]
    if cand_after and (inner_last in {",", "?", "!", "—", "-"} or not cand_before or q[0] == before[0]):
        return min(cand_after, key=lambda c: c.verb.i), False
    if cand_before:
        return max(cand_before, key=lambda c: c.verb.i), False
    words = _words(doc, *q)
    intro = _intro_line(doc, q)
    if intro is not None:
        # He said:\n\n“…”
        cand = [c for c in free if within(c.verb.i, intro)]
        if cand:
            return max(cand, key=lambda c: c.verb.i), False
        cue = _colon_frame(doc, intro)
        if cue is not None:
            return cue, False
    if words >= 3 and (after[1] - after[0] <= _SHORT_FRAME or doc[q[1] - 2].text in {",", "?", "!"}):
        cue = _any_verb(doc, (after[0], min(after[1], after[0] + _FRAME_HEAD)))
        if cue is not None:
            return cue, False
    return (_colon_frame(doc, before) if words >= 3 else None), False


def _dialogue(doc: Doc, q: tuple[int, int], cues: list[Cue]) -> Found | None:
    """A line of em-dash dialogue with its frame inside the line:
    "— We will win, — the minister said. — The enemy is weak." A dash
    line without a speech frame (a bulleted list) is no quotation."""
    for c in cues:
        if c.source is None or not within(c.verb.i, q) or not within(c.source[0], q):
            continue
        start = min(c.verb.i, c.source[0])
        while start > q[0] + 1 and doc[start - 1].text not in _FRAME_OPEN:
            start -= 1
        if start - q[0] > 1 and doc[start - 1].text in _FRAME_OPEN and start - q[0] >= 3:
            frame_end = max(c.cue[1], c.source[1])
            while frame_end < q[1] and doc[frame_end].text not in _SENT_END | _DASHES:
                frame_end += 1
            lo, hi = q[0] + 1, start - 1
            if _words(doc, frame_end, q[1]) >= 2:
                hi = q[1]  # the speech goes on after the frame
            while hi > lo and (doc[hi - 1].text in _FRAME_OPEN or doc[hi - 1].is_space):
                hi -= 1
            return Found((lo, hi), "quote", c.source, c.cue, c.source_root, c.verb.i)
    return None


def quote_attributions(doc: Doc, cues: list[Cue], taken: list[Found], min_quote_words: int = 1) -> list[Found]:
    """Attributions for the direct quotations of ``doc`` (see module rules).

    >>> from graphbuild.nlp.speech.reported import find_cues
    >>> doc = nlp("“We want,” he said, “a deal.”")
    >>> [(f.kind, f.content) for f in quote_attributions(doc, list(find_cues(doc)), [])]
    [('quote', (0, 13))]

    Args:
        cues: every cue of the Doc (:func:`.reported.find_cues`).
        taken: attributions found already (labels); quotations overlapping them
            are left alone.
    """
    # a quotation running over a label's line is a transcript quoted whole: its labels speak
    quotes = [q for q in _quote_tokens(doc, find_quotes(doc.text))
              if not any(overlaps(f.content, q) for f in taken)
              and not is_quoted_name(doc[q[0]:q[1]])]
    in_quote = [False] * len(doc)
    for q in quotes:
        for i in range(*q):
            in_quote[i] = True
    # a quotation inside a speaker's description is part of the source:
    # Joe Scarborough, host of MSNBC’s “Morning Joe,” suggested …
    quotes = [q for q in quotes if not any(c.source and c.source[0] <= q[0] and q[1] <= c.source[1] + 1
                                           for c in cues)]
    speech = []
    for c in cues:
        if in_quote[c.verb.i]:
            continue
        if c.source_root is None or in_quote[c.source_root.i]:
            c = _frame_source(doc, c, in_quote)
        if c is not None:
            speech.append(c)
    by_verb = {c.verb.i for c in speech}
    found: list[Found] = []
    used: set[int] = set()
    k = 0
    while k < len(quotes):
        q = quotes[k]
        if doc[q[0]].text in _DASHES:
            f = _dialogue(doc, q, cues)
            if f is not None:
                found.append(f)
            k += 1
            continue
        prev_end = quotes[k - 1][1] if k else 0
        next_start = quotes[k + 1][0] if k + 1 < len(quotes) else len(doc)
        before, after = _windows(doc, q, prev_end, next_start)
        words = _words(doc, *q)
        cue, linked = _choose(doc, q, before, after, speech, used)
        if cue is None:
            if words >= 3 and found and _continues(doc, found[-1], q, speech):
                # one content with the quotation it continues, as PolNeAR's discontinuous contents
                found[-1].content = (found[-1].content[0], q[1])
            k += 1
            continue
        inner_last = doc[q[1] - 2].text
        if words < min_quote_words or (not linked and words < 3 and inner_last not in _SENT_END
                                       and not (within(cue.verb.i, after) and inner_last == ",")):
            k += 1
            continue  # a scare quote beside a verb is no quotation
        content = q
        kind = "quote"
        if linked:
            hi = cue.content[1] if cue.verb.i < q[0] else q[1]  # “…,” the governor said, before …
            content = (min(q[0], cue.content[0]), max(q[1], hi))
            quoted = sum(_words(doc, *r) for r in quotes if content[0] <= r[0] and r[1] <= content[1])
            if _words(doc, *content) - quoted > quoted:
                kind = "reported"
        if within(cue.verb.i, after) or (linked and cue.verb.i >= q[1]):
            # split quotation: “…,” he said, “…” / “…,” he said. “…”
            while k + 1 < len(quotes):
                nq = quotes[k + 1]
                gap = doc[q[1]:nq[0]]
                last = next((t for t in reversed(gap) if not t.is_space), None)
                if "\n" in gap.text or last is None or last.text not in {",", ".", ":", ";", "—", "-"}:
                    break  # “…,” Kiedis said, mentioning the album is “…”: no split quotation
                n_next = quotes[k + 2][0] if k + 2 < len(quotes) else len(doc)
                _, nafter = _windows(doc, nq, q[1], n_next)
                if any(within(i, nafter) for i in by_verb) or any(
                        c.verb.i not in used and overlaps(c.content, nq) and not within(c.verb.i, nq)
                        for c in speech if c is not cue):
                    break
                content = (content[0], max(content[1], nq[1]))
                k += 1
                q, after = nq, nafter
        used.add(cue.verb.i)
        found.append(Found(content, kind, cue.source, cue.cue, cue.source_root, cue.verb.i))
        k += 1
    return found


# -- labels ---------------------------------------------------------------------

def _line_starts(doc: Doc) -> list[int]:
    starts = [0]
    for t in doc[:-1]:
        if "\n" in t.text or "\n" in t.whitespace_:
            starts.append(t.i + 1)
    return starts


def label_frames(doc: Doc) -> list[Found]:
    """Headline and transcript labels: "Ryan: ‘Anti-Semitic Images’ Have No
    Place …", "TAPPER: And obviously, …", "Clinton to Planned Parenthood:
    …". The label opening the line must be a short name (a proper noun or
    words in capitals, not a word of ``label_stopwords.txt``); the content
    is the rest of the line.

    >>> [f.kind for f in label_frames(nlp("Sanders: Clinton Email Story Has Moved."))]
    ['quote']
    """
    skip = load_lexicon("label_stopwords.txt")
    out = []
    for start in _line_starts(doc):
        while start < len(doc) and (doc[start].is_space or doc[start].text in {'"', "“", "''"}):
            start += 1
        colon = next((t.i for t in doc[start:start + _LABEL_MAX + 4]
                      if t.text == ":" or "\n" in t.text), None)
        if colon is None or doc[colon].text != ":" or not doc[colon].whitespace_:
            continue
        lo = start
        for t in doc[start:colon]:
            if t.text in {"-", "–", "—"}:
                lo = t.i + 1  # "Pollsters agree - Carl Bialik: …"
        hi = lo
        while hi < colon and (doc[hi].pos_ in _LABEL_POS or doc[hi].is_title) and doc[hi].text not in {"(", ","} \
                and doc[hi].lower_ not in _LABEL_TO:
            hi += 1
        if hi < colon and hi > lo and doc[hi].lower_ in _LABEL_TO:
            # "Clinton to Planned Parenthood: …", "CNN President On Trump: …"
            pass
        elif hi != colon:
            continue
        toks = doc[lo:hi]
        if not 1 <= len(toks) <= _LABEL_MAX or any(t.lower_ in skip for t in toks):
            continue
        named = any(t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or t.pos_ == "PROPN" for t in toks) or all(
            t.is_title or (t.is_upper and len(t) > 2) for t in toks if t.is_alpha)
        if not named or not toks[0].text[:1].isupper():
            continue
        end = colon + 1
        while end < len(doc) and "\n" not in doc[end].text:
            end += 1
        c_lo, c_hi = colon + 1, end
        while c_hi > c_lo and (doc[c_hi - 1].is_space or doc[c_hi - 1].text in {".", ")"}):
            c_hi -= 1
        if _words(doc, c_lo, c_hi) < 3:
            continue
        out.append(Found((c_lo, c_hi), "quote", (lo, hi), (colon, colon + 1), doc[lo:hi].root, None))
    return out
