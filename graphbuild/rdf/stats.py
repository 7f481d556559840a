"""Headline counts of a graph: how big is this debate?"""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF

from .namespace import GB


def graph_stats(graph: Graph) -> dict[str, int]:
    """Numbers of documents, actors, claims, statements and stances in a graph.

    >>> graph_stats(Graph())["statements"]
    0
    """
    def count(cls) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    actors = set(graph.subjects(RDF.type, GB.Person)) | set(graph.subjects(RDF.type, GB.Organization))
    return {
        "documents": count(GB.Document),
        "actors": len(actors),
        "persons": count(GB.Person),
        "organizations": count(GB.Organization),
        "claims": count(GB.Claim),
        "statements": count(GB.Statement),
        "supports": len(set(graph.subject_objects(GB.supports))),
        "opposes": len(set(graph.subject_objects(GB.opposes))),
    }
