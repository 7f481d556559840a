"""What every graph store offers, and the terms they exchange.

A store is a SPARQL 1.1 dataset: :class:`~graphbuild.store.local.LocalStore`
(an embedded Oxigraph database on disk) and
:class:`~graphbuild.store.remote.RemoteStore` (any SPARQL 1.1 Query/Update
endpoint over HTTP) answer the same four calls with pyoxigraph terms, so the
bookkeeping above them is written once, as SPARQL, and runs on both.

Graph layout (see docs/performance.md):

* one named graph per document, named by the document IRI: its metadata,
  statements and evidence, exactly the triples
  :func:`~graphbuild.rdf.build.build_graph` makes for that document;
* ``SHARED_GRAPH``: what no single document owns (codebook, claims, actors,
  the ``gb:supports``/``gb:opposes`` shortcuts), derived from all documents;
* ``INDEX_GRAPH``: bookkeeping in the ``gbs:`` namespace (content hashes,
  order, the statement records); never exported.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..errors import GraphbuildError
from ..rdf.namespace import ID

__all__ = ["GraphStore", "StoreError", "StoreLockedError", "GBS", "INDEX_GRAPH", "SHARED_GRAPH",
           "to_ox", "to_rdflib", "nt", "triples_text"]

# Bookkeeping vocabulary: kept out of gb: because it describes the store, not the debate.
GBS = "https://w3id.org/graphbuild/store#"
INDEX_GRAPH = ox.NamedNode(f"{ID}graph/index")
SHARED_GRAPH = ox.NamedNode(f"{ID}graph/shared")


class StoreError(GraphbuildError):
    """A store cannot be opened, read or written; the message names it."""


class StoreLockedError(StoreError):
    """Another run holds the store; nothing was changed."""


class GraphStore(ABC):
    """A SPARQL dataset that graphbuild reads and writes.

    >>> from graphbuild.store import open_store  # doctest: +SKIP
    >>> with open_store("store/") as store:  # doctest: +SKIP
    ...     bool(store.query("ASK { ?s ?p ?o }"))
    """

    location: str

    @abstractmethod
    def query(self, sparql: str, *, union: bool = True):
        """Run a SPARQL query: solutions (SELECT), a bool-like (ASK) or triples (CONSTRUCT).

        With ``union`` the default graph is the union of all graphs, so the
        example queries see documents and shared nodes together.
        """

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction: all of it or nothing."""

    @abstractmethod
    def lock(self) -> AbstractContextManager:
        """Exclusive use for a writing run; raises :class:`StoreLockedError` when taken."""

    def close(self) -> None:
        """Release the store; the object must not be used afterwards."""

    def flush(self) -> None:
        """Make committed writes durable (a no-op where the server does it)."""

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term.

    >>> str(to_ox(Literal("a \\"b\\"")))
    '"a \\\\"b\\\\""'
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term) -> Node | None:
    """The rdflib term for a pyoxigraph term; ``xsd:string`` literals become plain ones.

    >>> to_rdflib(ox.Literal("x"))
    rdflib.term.Literal('x')
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not a supported RDF term: {term!r}")


def nt(term) -> str:
    """A term in N-Triples syntax, escaped by Oxigraph's serialiser: safe inside SPARQL.

    >>> nt(URIRef("https://example.org/a")), nt("x\\ny")
    ('<https://example.org/a>', '"x\\\\ny"')
    """
    if isinstance(term, str) and not isinstance(term, Node):
        term = ox.Literal(term)
    elif isinstance(term, Node):
        term = to_ox(term)
    return str(term)


def triples_text(triples: Iterator) -> str:
    """Triples (pyoxigraph or rdflib) as N-Triples lines for an ``INSERT DATA`` block."""
    lines = []
    for t in triples:
        s, p, o = (t.subject, t.predicate, t.object) if isinstance(t, ox.Triple) else t
        lines.append(f"{nt(s)} {nt(p)} {nt(o)} .")
    return "\n".join(lines)
