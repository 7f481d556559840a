"""graph_stats: the headline counts of a graph."""
from __future__ import annotations

from rdflib import Graph

from graphbuild.rdf.build import build_graph
from graphbuild.rdf.stats import graph_stats

from rdf_samples import ALIASES, CODEBOOK, documents, statements


def test_counts_of_the_sample_debate():
    g = build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES)
    assert graph_stats(g) == {
        "documents": 3, "actors": 4, "persons": 3, "organizations": 1, "claims": 4,
        "statements": 13,
        # distinct (actor, claim) pairs, not statements: Jane Roe supports c1 twice
        "supports": 6, "opposes": 5,
    }


def test_unresolved_surnames_count_as_actors_of_their_own():
    g = build_graph(documents(), statements(), CODEBOOK)
    assert graph_stats(g)["actors"] == 6


def test_empty_graph():
    assert set(graph_stats(Graph()).values()) == {0}
