"""
Social-media posts
------------------

Articles paste posts with their poster's signature, as the embed code of
the platform prints them:

    Nancy Reagan was an example to us all. — John McCain (@SenJohnMcCain) March 6, 2016

    Sarah Sanders (@PressSec) In Helsinki, @POTUS agreed to ongoing working level dialogue …

The line is a direct quotation of the poster: the name is the source, the
handle the cue, the rest of the line (links at its end left out) the
content. The patterns are data (``graphbuild/data/post_signatures.yaml``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ...lexicons import load_yaml
from .frames import Found

__all__ = ["post_frames"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[re.Pattern], re.Pattern]:
    data = load_yaml("post_signatures.yaml")
    return ([re.compile(data["signature_after"]), re.compile(data["signature_before"])],
            re.compile(data["trailing_links"]))


def _tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def post_frames(doc: Doc) -> list[Found]:
    """Quotations of the posts pasted with their signature into ``doc``.

    >>> [f.kind for f in post_frames(nlp("Sarah Lee (@slee) We will win this fight."))]
    ['quote']
    """
    signatures, links = _patterns()
    out = []
    at = 0
    for line in doc.text.splitlines(keepends=True):
        start, text = at, line.rstrip("\r\n")
        at += len(line)
        for pattern in signatures:
            m = pattern.match(text)
            if m is None:
                continue
            content = m["content"]
            content = content[:links.search(content).start()] if links.search(content) else content
            if sum(c.isalpha() for c in content) < 10:
                break  # a shared link or picture alone says nothing
            spans = [_tokens(doc, start + m.start(g), start + m.start(g) + len(content if g == "content" else m[g]))
                     for g in ("content", "source", "handle")]
            if None not in spans:
                src = spans[1]
                out.append(Found(spans[0], "quote", src, spans[2], doc[src[0]:src[1]].root))
            break
    return out
