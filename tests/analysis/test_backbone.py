"""The backbone of a dense projection: disparity filter plus maximum spanning forest."""
from __future__ import annotations

import itertools

import networkx as nx
import pytest

from graphbuild.analysis.backbone import ALPHA, backbone, disparity_filter


def test_disparity_filter_keeps_a_tie_that_stands_out_for_one_end():
    # "a" has ties of 1, 1 and 8: the 8 is 80 % of its strength, alpha = (1 - 0.8)^2 = 0.04 < 0.05;
    # each 1 is 10 %: (1 - 0.1)^2 = 0.81. From b, c, d (one tie each) nothing is judged.
    weights = {("a", "b"): 1, ("a", "c"): 1, ("a", "d"): 8}
    assert disparity_filter(weights) == {("a", "d")}
    # a share of 70 %: (1 - 0.7)^2 = 0.09, not significant at 0.05, significant at 0.1
    weights = {("a", "b"): 1.5, ("a", "c"): 1.5, ("a", "d"): 7}
    assert disparity_filter(weights) == set()
    assert disparity_filter(weights, alpha=0.1) == {("a", "d")}


def test_uniform_clique_keeps_a_star_around_the_most_active_actor():
    # 30 actors who all agree on one claim: no tie stands out, so the filter keeps none and
    # the forest keeps 29 ties, all to the most active actor (not to whoever sorts first)
    actors = [f"a{i:02d}" for i in range(30)]
    weights = {pair: 1 for pair in itertools.combinations(actors, 2)}
    assert disparity_filter(weights) == set()
    kept = backbone(weights, activity={"a17": 9})
    assert len(kept) == 29 and all("a17" in pair for pair in kept)


def test_backbone_keeps_every_tied_actor_and_every_group_whole():
    g = nx.connected_caveman_graph(6, 8)  # six dense groups in a ring
    g.add_edges_from([(100, 101), (101, 102)])  # and a separate chain
    weights = {tuple(sorted(e)): 1 + (sum(e) % 3) for e in g.edges}
    kept = backbone(weights, alpha=ALPHA)
    assert kept <= set(weights) and len(kept) < len(weights)
    h = nx.Graph(list(kept))
    assert set(h) == set(g)  # nobody who had a tie is left without one
    assert nx.number_connected_components(h) == nx.number_connected_components(g) == 2


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.2])
def test_a_smaller_alpha_keeps_no_more(alpha):
    weights = {(f"n{i}", f"n{j}"): (i * j) % 7 + 1 for i in range(12) for j in range(i + 1, 12)}
    assert disparity_filter(weights, alpha=alpha) <= disparity_filter(weights, alpha=0.5)
