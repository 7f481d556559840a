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
        "statements": 13, "supporting_statements": 7, "opposing_statements": 6,  # they add up
        # distinct (actor, claim) pairs, not statements: Jane Roe supports c1 twice
        "supporting_pairs": 6, "opposing_pairs": 5,
    }


def test_a_statement_without_a_stance_is_counted_as_such():
    from rdflib import URIRef

    from graphbuild.rdf.namespace import GB

    g = build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES)
    st = next(g.subjects(GB.stance, GB.Supports))
    g.remove((st, GB.stance, None))
    g.add((st, GB.stance, URIRef("https://example.org/neutral")))
    counts = graph_stats(g)
    assert (counts["supporting_statements"], counts["statements_without_stance"]) == (6, 1)
    assert counts["supporting_statements"] + counts["opposing_statements"] + 1 == counts["statements"] == 13


def test_a_surname_counts_as_the_one_person_who_bears_it():
    # without the alias file, cross-document resolution (identity.py) still
    # joins "Roe" to Jane Roe and "Doe" to John Doe: one actor each
    g = build_graph(documents(), statements(), CODEBOOK)
    assert graph_stats(g)["actors"] == 4


def test_empty_graph():
    assert set(graph_stats(Graph()).values()) == {0}
