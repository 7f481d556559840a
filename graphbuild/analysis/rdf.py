"""Coalition membership written back into the graph, as facts about the debate.

Each coalition becomes a ``gb:Coalition`` with ``rdfs:label``,
``gb:hasMember`` links to its actors and a ``dcterms:description`` of how it
was found. Its IRI is a hash of its sorted members, so the same camp gets the
same IRI on every run; :func:`add_coalitions` first removes the coalitions of
an earlier analysis, so re-analysing replaces rather than piles up.
"""
from __future__ import annotations

import hashlib

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graphbuild.rdf.namespace import GB, ID

from .coalitions import Coalitions

__all__ = ["add_coalitions", "coalition_iri", "read_coalitions"]


def coalition_iri(members: tuple[str, ...]) -> URIRef:
    """The IRI of the coalition with exactly these member IRIs.

    >>> coalition_iri(("b", "a")) == coalition_iri(("a", "b"))
    True
    """
    digest = hashlib.sha256("\x1f".join(sorted(members)).encode("utf-8")).hexdigest()[:16]
    return ID["coalition/" + digest]


def add_coalitions(graph: Graph, coalitions: Coalitions, *, description: str | None = None) -> Graph:
    """Add ``coalitions`` to ``graph`` (replacing earlier ones) and return it.

    >>> from graphbuild.analysis.coalitions import Coalitions
    >>> c = Coalitions(groups=(("https://w3id.org/graphbuild/id/actor/a",),), membership={}, modularity=0,
    ...                polarization=0, frustration=0)
    >>> g = add_coalitions(Graph(), c)
    >>> len(list(g.subjects(RDF.type, GB.Coalition)))
    1
    """
    for old in list(graph.subjects(RDF.type, GB.Coalition)):
        graph.remove((old, None, None))
    text = description or coalitions.method
    for rank, members in enumerate(coalitions.groups, start=1):
        node = coalition_iri(members)
        graph.add((node, RDF.type, GB.Coalition))
        graph.add((node, RDFS.label, Literal(f"coalition {rank}")))
        graph.add((node, DCTERMS.description, Literal(text)))
        for actor in members:
            graph.add((node, GB.hasMember, URIRef(actor)))
    return graph


def read_coalitions(graph: Graph) -> dict[str, tuple[str, ...]]:
    """``{coalition label: sorted member IRIs}`` as stored in ``graph``.

    >>> from graphbuild.analysis.coalitions import Coalitions
    >>> c = Coalitions(groups=(("urn:b", "urn:a"),), membership={}, modularity=0, polarization=0, frustration=0)
    >>> read_coalitions(add_coalitions(Graph(), c))
    {'coalition 1': ('urn:a', 'urn:b')}
    """
    out = {}
    for node in graph.subjects(RDF.type, GB.Coalition):
        label = str(graph.value(node, RDFS.label) or node)
        out[label] = tuple(sorted(str(m) for m in graph.objects(node, GB.hasMember)))
    return dict(sorted(out.items()))
