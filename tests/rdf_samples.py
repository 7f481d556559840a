"""A small hand-made debate for the RDF, query and stats tests.

Three documents, four actors, four claims; the answers of the example
queries on it are worked out by hand in tests/test_query.py.

    c3: Jane Roe, John Doe support      Acme Party, Bo Li oppose   (2 vs 2)
    c1: Jane Roe supports (twice)       Acme Party, John Doe oppose (1 vs 2)
    c2: John Doe, Acme Party support    Jane Roe opposes           (2 vs 1)
    c4: Bo Li supports                                              (no camp against)
"""
from __future__ import annotations

from graphbuild.models import Claim, Codebook, Document, Statement

TEXTS = {
    "d1": 'Jane Roe said "the tax must go". The Acme Party rejected the tax plan. '
          "Acme Party officials back more trains. Roe doubts that trains help.",
    "d2": "Dr. Jane Roe told reporters the tax must go. John Doe disagreed about the tax. "
          '"Trains help," Doe said. Doe also wants a new bridge; Bo Li does not.',
    "d3": "Bo Li, the Acme Party chair, wants a park. Bo Li calls the bridge a waste. "
          "The Acme Party voted against the bridge. Jane Roe agrees on the bridge.",
}

CODEBOOK = Codebook(claims=(
    Claim("c1", "The tax should be abolished"),
    Claim("c2", "Trains reduce traffic", kind="descriptive", aliases=("rail helps",),
          opposing=("trains do not help",)),
    Claim("c3", "A new bridge should be built", description="The river crossing."),
    Claim("c4", "The city needs a park"),
), name="city debate", source="city.yaml")


def documents() -> list[Document]:
    meta = {
        "d1": dict(title="Tax fight", authors=("Ann Author",), date="2024-05-01", outlet="The Daily",
                   url="https://example.org/a b?x=\"1\""),
        "d2": dict(title="Bridge and trains", date="May 2024"),
        "d3": dict(),
    }
    return [Document(id=k, text=v, **meta[k]) for k, v in TEXTS.items()]


def stmt(doc: str, actor: str, actor_type: str, claim: str, stance: str, kind: str,
         evidence: str, confidence: float = 0.8, **extra) -> Statement:
    """A Statement whose offsets are found in the sample text, so text[start:end] == evidence."""
    start = TEXTS[doc].index(evidence)
    return Statement(doc, actor, actor_type, claim, stance, kind, evidence, start,
                     start + len(evidence), confidence, **extra)


def statements() -> list[Statement]:
    return [
        stmt("d1", "Jane Roe", "Person", "c1", "supports", "quote", "the tax must go", 0.9, cue="said"),
        stmt("d1", "Acme Party", "Organization", "c1", "opposes", "reported",
             "The Acme Party rejected the tax plan", 0.7, cue="rejected"),
        stmt("d1", "the Acme Party", "Organization", "c2", "supports", "reported",
             "Acme Party officials back more trains", 0.6, cue="back"),
        stmt("d1", "Roe", "Person", "c2", "opposes", "reported", "Roe doubts that trains help", 0.5,
             cue="doubts"),
        stmt("d2", "Dr. Jane Roe", "Person", "c1", "supports", "reported", "the tax must go", 0.8,
             cue="told", actor_role="economist"),
        stmt("d2", "John Doe", "Person", "c1", "opposes", "reported", "John Doe disagreed about the tax"),
        stmt("d2", "John Doe", "Person", "c2", "supports", "quote", "Trains help", 0.95, cue="said"),
        stmt("d2", "Doe", "Person", "c3", "supports", "reported", "Doe also wants a new bridge"),
        stmt("d2", "Bo Li", "Person", "c3", "opposes", "reported", "Bo Li does not"),
        stmt("d3", "Bo Li", "Person", "c4", "supports", "reported", "wants a park",
             actor_affiliation="Acme Party"),
        stmt("d3", "Bo Li", "Person", "c3", "opposes", "reported", "Bo Li calls the bridge a waste", 0.4),
        stmt("d3", "Acme Party", "Organization", "c3", "opposes", "reported",
             "The Acme Party voted against the bridge", 0.3),
        stmt("d3", "Jane Roe", "Person", "c3", "supports", "reported", "Jane Roe agrees on the bridge"),
    ]


# "Roe" and "Doe" are surnames the extractor leaves unresolved; the alias file
# maps them, as a user would.
ALIASES = {"Roe": "Jane Roe", "Doe": "John Doe"}
