"""The backbone of a weighted network: the ties that stand out from an actor's others.

A one-mode projection of a debate is dense: every pair of actors who took the
same stance on one claim is tied, so a claim with a hundred supporters gives
almost five thousand ties, and a drawing of them is a hairball. The map
therefore draws the backbone.

Method: the **disparity filter** of Serrano, Boguñá & Vespignani (2009,
PNAS 106:6483). For an actor i with k ties and strength s (the sum of its
tie weights), the null model spreads s uniformly at random over its k ties;
a tie of weight w is significant at level α for i when the probability of a
share at least w/s under that null is below α:

    α_ij = (1 − w/s)^(k − 1) < α

A tie is kept when it is significant for either of its actors. *Why this
filter:* it is local (each actor is judged against its own ties, so a minor
actor's one strong ally survives next to a hub's many ties, which a global
weight cut would remove first), it has no parameter other than α, and it is
the usual choice for backbones of weighted social and co-occurrence networks.
Its known weakness is that an actor all of whose ties weigh the same keeps
none (no tie stands out), and an actor with one tie is never judged; so the
maximum spanning forest is added: every actor who had a tie keeps its
strongest one and no connected group falls apart. Ties of equal weight are
broken towards the more active actors, so the forest links each group to its
most active member, not to whoever sorts first.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping

from networkx.utils import UnionFind

__all__ = ["disparity_filter", "backbone", "ALPHA"]

ALPHA = 0.05
Pair = tuple[Hashable, Hashable]


def disparity_filter(weights: Mapping[Pair, float], alpha: float = ALPHA) -> set[Pair]:
    """The pairs (as given) whose weight is significant at ``alpha`` for at least one end.

    ``weights`` maps each tie ``(u, v)`` of an undirected network to its
    weight; a dict rather than a networkx graph, because projections of a
    large debate have hundreds of thousands of ties.

    >>> w = {("hub", f"x{i}"): 1 for i in range(20)} | {("hub", "ally"): 30}
    >>> sorted(disparity_filter(w))
    [('hub', 'ally')]
    """
    strength: Counter = Counter()
    degree: Counter = Counter()
    for (u, v), w in weights.items():
        strength[u] += w
        strength[v] += w
        degree[u] += 1
        degree[v] += 1
    keep = set()
    for (u, v), w in weights.items():
        for node in (u, v):
            k, s = degree[node], strength[node]
            if k > 1 and s > 0 and (1.0 - w / s) ** (k - 1) < alpha:
                keep.add((u, v))
                break
    return keep


def backbone(weights: Mapping[Pair, float], *, alpha: float = ALPHA,
             activity: Mapping[Hashable, float] | None = None) -> set[Pair]:
    """The disparity-filter ties plus a maximum spanning forest, as the pairs given.

    ``activity`` (e.g. statements per actor) breaks ties between equal weights
    in the forest: a tie to a more active actor is preferred.

    >>> clique = {(a, b): 1 for a, b in [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]}
    >>> sorted(backbone(clique, activity={"c": 5}))  # four actors who agree once each
    [('a', 'c'), ('b', 'c'), ('c', 'd')]
    """
    activity = activity or {}
    top = max((abs(x) for x in activity.values()), default=0) or 1

    def key(item) -> tuple:
        (u, v), w = item
        # heavier first; among equal weights the more active pair, then a fixed order
        return (-w, -(activity.get(u, 0) + activity.get(v, 0)) / top, str(u), str(v))

    # Kruskal: the heaviest tie that joins two groups not yet joined, until none is left
    groups = UnionFind()
    forest = set()
    for (u, v), _ in sorted(weights.items(), key=key):
        if groups[u] != groups[v]:
            groups.union(u, v)
            forest.add((u, v))
    return disparity_filter(weights, alpha) | forest
