"""Deterministic IRIs for the things graphbuild puts in a graph.

Every IRI lives under ``ID`` (``https://w3id.org/graphbuild/id/``) and is a
pure function of names and ids, so the same input always gives the same
graph, and two articles that name the same actor give one node.

Arbitrary text (names with quotes, ``>``, newlines, Cyrillic) is first
normalised and then percent-encoded, so a minted IRI is always valid in
Turtle and N-Triples.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from urllib.parse import quote

from rdflib import URIRef

from ..names import normalize_name
from .namespace import ID

__all__ = [
    "slug", "actor_iri", "claim_iri", "codebook_iri",
    "document_iri", "statement_iri",
]

# Slugs longer than this are cut and suffixed with a hash so IRIs stay readable.
_MAX_SLUG = 80


def _digest(*parts: object, size: int = 16) -> str:
    # \x1f cannot occur in the parts we hash in practice, so joins are unambiguous.
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:size]


def slug(text: str, *, normalize: bool = True) -> str:
    """A path segment for ``text`` that is always a valid IRI fragment of a path.

    >>> slug("Janusz Bugajski")
    'janusz-bugajski'
    >>> slug("Путин")
    '%D0%BF%D1%83%D1%82%D0%B8%D0%BD'
    """
    key = normalize_name(text) if normalize else text
    if normalize:
        key = key.replace(" ", "-")
    if not key:
        # Names that normalise to nothing ("Dr.", "...") still need a stable IRI.
        return "x-" + _digest(text, size=12)
    if len(key) > _MAX_SLUG:
        # Hash the key, not the raw text: two spellings of one long name
        # must still give one IRI.
        key = key[:_MAX_SLUG].rstrip("-") + "-" + _digest(key, size=12)
    return quote(key, safe="-._~")


def actor_iri(name: str) -> URIRef:
    """The IRI of the actor called ``name`` (after normalisation).

    >>> actor_iri("the Free Nations of Post-Russia Forum") == actor_iri("Free Nations of Post-Russia Forum")
    True
    """
    return ID["actor/" + slug(name)]


def claim_iri(claim_id: str) -> URIRef:
    """The IRI of a codebook claim; ids are case-sensitive and kept verbatim.

    >>> claim_iri("russia-dissolution")
    rdflib.term.URIRef('https://w3id.org/graphbuild/id/claim/russia-dissolution')
    """
    return ID["claim/" + slug(claim_id, normalize=False)]


def codebook_iri(name: str) -> URIRef:
    """The IRI of a codebook (a SKOS concept scheme) called ``name``.

    >>> codebook_iri("Gun debate")
    rdflib.term.URIRef('https://w3id.org/graphbuild/id/codebook/gun-debate')
    """
    return ID["codebook/" + slug(name)]


def document_iri(doc_id: str) -> URIRef:
    """The IRI of the document with id ``doc_id``.

    >>> document_iri("001_8efe145ea01ff212")
    rdflib.term.URIRef('https://w3id.org/graphbuild/id/doc/001_8efe145ea01ff212')
    """
    return ID["doc/" + slug(doc_id, normalize=False)]


def statement_iri(parts: Iterable[object]) -> URIRef:
    """The IRI of a statement, a hash of what makes it that statement.

    >>> statement_iri(["d1", "jane roe", "c1", "supports", "quote", 0, 9]).startswith(ID)
    True
    """
    return ID["statement/" + _digest(*parts, size=20)]
