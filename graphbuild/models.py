"""Typed records passed between the stages of graphbuild.

Data flows one way::

    text --ingest--> Document --nlp--> spaCy Doc --extract--> Statement --rdf--> Graph

Every record here is a frozen dataclass so stages cannot mutate what an
earlier stage produced. Character offsets always point into
``Document.text``, the text exactly as it was read.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

# A Group is a collective named by what its members share ("Democrats", "gun
# rights advocates"); a Government is a place speaking or acting ("Moscow said").
ActorType = Literal["Person", "Organization", "Group", "Government"]
Stance = Literal["supports", "opposes"]
AttributionKind = Literal["author", "quote", "reported"]

STANCES: tuple[str, ...] = ("supports", "opposes")
ATTRIBUTION_KINDS: tuple[str, ...] = ("author", "quote", "reported")
ACTOR_TYPES: tuple[str, ...] = ("Person", "Organization", "Group", "Government")


@dataclass(frozen=True)
class Document:
    """One article as read from disk.

    ``boilerplate`` lists ``(start, end)`` ranges of site furniture (banners,
    "The post … appeared first on …", related-content blocks) that are not
    part of the article. They are blanked, not cut, in :attr:`clean_text`, so
    offsets into the clean text are offsets into ``text``.

    >>> d = Document(id="a", text="Hello. Share", boilerplate=((7, 12),))
    >>> d.clean_text
    'Hello.      '
    """

    id: str
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    source_path: str | None = None
    boilerplate: tuple[tuple[int, int], ...] = ()
    title_span: tuple[int, int] | None = None

    @property
    def clean_text(self) -> str:
        """The text with its boilerplate ranges blanked (line breaks kept, so offsets still hold).

        >>> Document("d", "Share\\nTaxes rise.", boilerplate=((0, 5),)).clean_text
        '     \\nTaxes rise.'
        """
        if not self.boilerplate:
            return self.text
        chars = list(self.text)
        for start, end in self.boilerplate:
            for i in range(start, end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        return "".join(chars)

    @property
    def author(self) -> str | None:
        """The first byline author: the voice of the article's own sentences.

        >>> Document("d", "text", authors=("Ann Lee", "Bo Chen")).author, Document("d", "text").author
        ('Ann Lee', None)
        """
        return self.authors[0] if self.authors else None


@dataclass(frozen=True)
class Claim:
    """One proposition of a codebook (docs/formats.md §2)."""

    id: str
    label: str
    kind: str = "normative"
    aliases: tuple[str, ...] = ()
    opposing: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Codebook:
    """The claims an extraction looks for; also a SKOS concept scheme in RDF."""

    claims: tuple[Claim, ...]
    name: str = "codebook"
    source: str | None = None

    def __iter__(self):
        return iter(self.claims)

    def __len__(self) -> int:
        return len(self.claims)

    def get(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None.

        >>> book = Codebook((Claim("tax", "Raise taxes"),))
        >>> book.get("tax").label, book.get("war")
        ('Raise taxes', None)
        """
        return next((c for c in self.claims if c.id == claim_id), None)


@dataclass(frozen=True)
class Actor:
    """Someone who takes positions: a person or an organisation.

    The pipeline resolves each speaker to one (``AttributionSpan.actor``);
    the analyses read one per actor node of a graph (``Debate.actors``),
    where an untyped node is of type ``"Actor"``.

    >>> Actor("National Rifle Association", "Organization", anonymous=False).type
    'Organization'
    """

    name: str
    type: ActorType | Literal["Actor"] = "Person"
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    party: str | None = None  # from a "(R-Ky.)" tag after the name
    region: str | None = None


@dataclass(frozen=True)
class Attribution:
    """Who said what (docs/formats.md §5), before any claim or stance."""

    doc_id: str
    content: tuple[int, int]
    source: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    kind: AttributionKind = "reported"
    actor: str | None = None

    def to_json(self) -> dict:
        """The JSON row of ``graphbuild attributions`` (spans as start/end objects).

        >>> Attribution("d", (10, 20), source=(0, 7), actor="Ann Lee").to_json()  # doctest: +NORMALIZE_WHITESPACE
        {'doc_id': 'd', 'source': {'start': 0, 'end': 7}, 'cue': None, 'content': {'start': 10, 'end': 20},
         'kind': 'reported', 'actor': 'Ann Lee'}
        """
        span = lambda s: None if s is None else {"start": s[0], "end": s[1]}
        row = {
            "doc_id": self.doc_id,
            "source": span(self.source),
            "cue": span(self.cue),
            "content": span(self.content),
            "kind": self.kind,
        }
        if self.actor:
            row["actor"] = self.actor
        return row


@dataclass(frozen=True)
class Statement:
    """An actor's stance on a claim, with the evidence that shows it.

    ``to_json`` gives exactly the triple layout of docs/formats.md §3; the actor's
    role, affiliation, anonymity, party and region (from a "(R-Ky.)" tag)
    travel on into the RDF graph.
    """

    doc_id: str
    actor: str
    actor_type: ActorType
    claim: str
    stance: Stance
    attribution: AttributionKind
    evidence: str
    start: int
    end: int
    confidence: float
    cue: str | None = None
    actor_role: str | None = None
    actor_affiliation: str | None = None
    anonymous: bool = False
    actor_party: str | None = None
    actor_region: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    FORMAT_KEYS = (
        "doc_id", "actor", "actor_type", "claim", "stance", "attribution",
        "evidence", "start", "end", "confidence",
    )

    def to_json(self) -> dict:
        """The statements.jsonl row: the format's keys in order, confidence to three places.

        >>> row = Statement("d", "Ann Lee", "Person", "tax", "supports", "quote", "Yes", 0, 3, 0.91234).to_json()
        >>> row["actor"], row["stance"], row["confidence"]
        ('Ann Lee', 'supports', 0.912)
        """
        row = asdict(self)
        return {k: (round(row[k], 3) if k == "confidence" else row[k]) for k in self.FORMAT_KEYS}

    @classmethod
    def from_json(cls, row: dict) -> "Statement":
        """A statement from a statements.jsonl row (the inverse of :meth:`to_json`).

        >>> s = Statement("d", "Ann Lee", "Person", "tax", "supports", "quote", "Yes", 0, 3, 0.9)
        >>> Statement.from_json(s.to_json()) == s
        True
        """
        return cls(**{k: row[k] for k in cls.FORMAT_KEYS if k in row})
