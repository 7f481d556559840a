"""RDF terms in both libraries graphbuild uses: rdflib (graphs in memory) and Oxigraph (stores).

:func:`nt` writes any term in N-Triples syntax through Oxigraph's
serialiser, so a value pasted into SPARQL text (a bound parameter, an
``INSERT DATA`` block) is always escaped.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["to_ox", "to_rdflib", "nt", "triples_text"]


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


def triples_text(triples: Iterable) -> str:
    """Triples (pyoxigraph or rdflib) as N-Triples lines for an ``INSERT DATA`` block.

    >>> print(triples_text([(URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("x"))]))
    <https://example.org/a> <https://example.org/p> "x" .
    """
    lines = []
    for t in triples:
        s, p, o = (t.subject, t.predicate, t.object) if isinstance(t, ox.Triple) else t
        lines.append(f"{nt(s)} {nt(p)} {nt(o)} .")
    return "\n".join(lines)
