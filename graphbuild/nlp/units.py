"""What claims and stance compare: sentence units, content stems, claim phrasings.

A content span (a quote, a reported clause) is compared with a codebook
sentence by sentence (:func:`sentence_units`); words meet through their clipped
lemmas (:func:`token_stem`), so "dissolve" and "dissolution" are one stem;
names of actors and places are masked before a semantic comparison
(:func:`masked`). :mod:`.claims` finds claims with them, :mod:`.stance` their
polarity, and :mod:`graphbuild.codebook.suggest` groups positions.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

__all__ = ["ACTOR_ENTS", "Phrasing", "stem", "token_stem", "content_stems", "related_pairs", "masked", "sentence_units"]

# Parts of speech that carry a proposition's content.
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}
# Verbs too general to count as shared content ("so-called" gives "call").
_LIGHT_VERBS = {"be", "have", "do", "make", "get", "take", "go", "become", "say", "call", "would", "should",
                "can", "will"}
_STEM = 6
# Entities that are the debate's actors and places, not what a claim says of them.
ACTOR_ENTS = {"GPE", "ORG", "NORP", "PERSON"}


def stem(lemma: str) -> str:
    """A lemma clipped to its first letters, so "dissolve" and "dissolution" meet.

    >>> stem("dissolution"), stem("tax")
    ('dissol', 'tax')
    """
    return lemma[:_STEM] if len(lemma) > _STEM else lemma


def token_stem(t) -> str | None:
    """The stem of a content word (lower-cased lemma, clipped), None for other words.

    >>> [token_stem(t) for t in nlp("The dissolution of Russia")]
    [None, 'dissol', None, 'russia']
    """
    lemma = t.lemma_.lower()
    if t.pos_ in _CONTENT_POS and not t.is_stop and lemma not in _LIGHT_VERBS and t.is_alpha:
        return stem(lemma)
    return None


def content_stems(tokens) -> frozenset[str]:
    """Stems of the content words of a span (lower-cased lemmas, clipped).

    >>> sorted(content_stems(nlp("Russia should be broken up")))
    ['break', 'russia']
    """
    return frozenset(s for s in map(token_stem, tokens) if s is not None)


def related_pairs(tokens) -> frozenset[frozenset[str]]:
    """Pairs of content stems joined by a dependency (through a preposition):
    "collapse of Russia" and "Russia's collapse" both give {collapse, russia}.

    >>> related_pairs(nlp("the collapse of Russia")) == related_pairs(nlp("Russia's collapse"))
    True
    """
    out = set()
    for t in tokens:
        own = token_stem(t)
        if own is None:
            continue
        head = t.head
        if token_stem(head) is None and head.dep_ in ("prep", "agent"):
            head = head.head
        other = token_stem(head)
        if head.i != t.i and other is not None and other != own:
            out.add(frozenset((own, other)))
    return frozenset(out)


@dataclass(frozen=True)
class Phrasing:
    """One wording of a codebook claim (label, alias or opposing phrasing) with its content stems."""

    claim_id: str
    text: str
    polarity: int  # +1 label or alias, -1 an ``opposing`` phrasing
    kind: str  # the claim's kind: "normative" or "descriptive"
    negated: bool  # the phrasing itself contains a negation ("cannot win")
    stems: frozenset[str]


def masked(span) -> str:
    """The text without the names of actors and places, for semantic comparison.

    Static embeddings average word vectors, and names weigh heavily in
    them: any sentence naming Ukraine comes close to "Ukraine can defeat
    Russia". What a claim says of its actors is in the other words.

    >>> masked(nlp("Ukraine can defeat Russia."))
    'can defeat .'
    """
    words = [t.text + t.whitespace_ for t in span
             if not (t.ent_type_ in ACTOR_ENTS or (t.tag_ == "POS" and t.head.ent_type_ in ACTOR_ENTS))]
    text = "".join(words).strip()
    return text or span.text


def sentence_units(content: Span) -> list[Span]:
    """Sentence-sized pieces of a content span (a quote may run for several).

    >>> doc = nlp("“We will win. They will lose,” he said.")
    >>> [u.text for u in sentence_units(doc[1:9])]  # the quotation, without its marks
    ['We will win.', 'They will lose']
    """
    doc = content.doc
    pieces = []
    for sent in doc[content.start:content.end].sents:
        start, end = max(sent.start, content.start), min(sent.end, content.end)
        while start < end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in "?!."):
            end -= 1
        if end > start:
            pieces.append(doc[start:end])
    return pieces
