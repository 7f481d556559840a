"""Headline counts of a graph: how big is this debate?"""
from __future__ import annotations

from collections import Counter

from rdflib import Graph
from rdflib.namespace import RDF

from .namespace import GB


def graph_stats(graph: Graph) -> dict[str, int]:
    """Numbers of documents, actors, claims and statements in a graph.

    Statements are split by stance, so ``supporting_statements +
    opposing_statements (+ statements_without_stance)`` is ``statements``;
    the last key is there only when some statement has no supports/opposes
    stance. ``supporting_pairs`` and ``opposing_pairs`` count distinct
    (actor, claim) pairs (the ``gb:supports``/``gb:opposes`` links): an actor
    who says the same thing three times is one pair and three statements.

    >>> graph_stats(Graph())["statements"]
    0
    """
    def count(cls) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    actors = set(graph.subjects(RDF.type, GB.Person)) | set(graph.subjects(RDF.type, GB.Organization))
    stances: Counter = Counter()
    for st in set(graph.subjects(RDF.type, GB.Statement)):
        found = set(graph.objects(st, GB.stance)) & {GB.Supports, GB.Opposes}
        stances[found.pop() if len(found) == 1 else None] += 1
    counts = {
        "documents": count(GB.Document),
        "actors": len(actors),
        "persons": count(GB.Person),
        "organizations": count(GB.Organization),
        "claims": count(GB.Claim),
        "statements": sum(stances.values()),
        "supporting_statements": stances[GB.Supports],
        "opposing_statements": stances[GB.Opposes],
    }
    if stances[None]:
        counts["statements_without_stance"] = stances[None]
    counts["supporting_pairs"] = len(set(graph.subject_objects(GB.supports)))
    counts["opposing_pairs"] = len(set(graph.subject_objects(GB.opposes)))
    return counts
