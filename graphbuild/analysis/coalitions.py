"""Camps of a debate: coalitions, polarisation, controversial claims, bridging actors.

Method
------
Coalitions are communities of the **signed** actor network (the DNA
``subtract`` projection: congruence − conflict per pair of actors), found by
maximising the signed modularity of Gómez, Jensen & Arenas (2009)

    Q = 1/(2w⁺ + 2w⁻) · Σ_ij [ w_ij − (k⁺_i k⁺_j / 2w⁺ − k⁻_i k⁻_j / 2w⁻) ] δ(c_i, c_j)

with the Louvain heuristic (local moves, then aggregation; Blondel et al.
2008), nodes visited in a fixed order so the result is deterministic.

Why this method: ordinary community detection (networkx' Louvain, label
propagation) needs non-negative weights and so either drops the conflict ties
or treats them as ties, which merges opponents who argue about the same
claims. Signed modularity rewards agreement inside a camp *and* disagreement
between camps against a null model for each sign, so a clash separates two
actors as strongly as agreement joins them, and a debate where everybody
agrees stays one coalition (Q = 0). Plain structural-balance partitioning
(correlation clustering) has no null model: it splits a consensus arbitrarily
as soon as one disagreement appears and rewards lopsided splits.

Measures
--------
* polarisation = min(1, 2·max(Q, 0)) of the coalition partition: 0 for
  consensus or no camp structure, 1 for two equal camps that agree fully
  inside and clash fully across (the Q of that case is exactly 1/2);
  lopsided splits (one dissenter against everyone) score low.
* frustration = share of the absolute tie weight that goes against the
  partition (conflict inside a coalition, agreement across coalitions).
* controversy of a claim = 1 − |S − O| / (S + O), with S and O the number of
  actors supporting and opposing it (an actor who does both counts by share):
  0 when unanimous, 1 when evenly split.
* bridging actors: betweenness centrality on the congruence network
  (distance = 1/weight), with the number of coalitions an actor agrees with.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from .data import Debate, statement_counts
from .networks import actor_network, projection

__all__ = ["Coalitions", "ClaimControversy", "Bridge", "signed_louvain", "signed_modularity",
           "find_coalitions", "coalitions_from_counts", "claim_controversy", "bridging_actors", "METHOD"]

METHOD = ("signed Louvain: maximum signed modularity (Gómez, Jensen & Arenas 2009) "
          "of the congruence-minus-conflict actor network")
_EPS = 1e-12
# Exact betweenness is O(nodes × edges); beyond this many nodes it is estimated
# from a fixed sample of sources (seeded, so still deterministic).
_EXACT_BETWEENNESS = 600


@dataclass(frozen=True)
class Coalitions:
    """Coalition membership and how polarised the partition is.

    ``groups`` are sorted largest first (ties by first member); ``membership``
    maps an actor IRI to its index in ``groups``.
    """

    groups: tuple[tuple[str, ...], ...]
    membership: dict[str, int]
    modularity: float
    polarization: float
    frustration: float
    method: str = METHOD

    def members(self, actor: str) -> tuple[str, ...]:
        """The actors in ``actor``'s coalition (``actor`` among them).

        >>> c = Coalitions(groups=(("a", "b"), ("x",)), membership={"a": 0, "b": 0, "x": 1}, modularity=0.5,
        ...                polarization=1.0, frustration=0.0)
        >>> c.members("b"), c.members("x")
        (('a', 'b'), ('x',))
        """
        return self.groups[self.membership[actor]]


@dataclass(frozen=True)
class ClaimControversy:
    claim: str
    supporters: float
    opponents: float
    statements: int
    controversy: float


@dataclass(frozen=True)
class Bridge:
    actor: str
    coalition: int
    betweenness: float
    coalitions_reached: int
    degree: int


def _signed_adjacency(g: nx.Graph, weight: str) -> tuple[list, list[dict], list[dict]]:
    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    pos: list[dict[int, float]] = [defaultdict(float) for _ in nodes]
    neg: list[dict[int, float]] = [defaultdict(float) for _ in nodes]
    for u, v, d in g.edges(data=True):
        w = float(d.get(weight, 1.0))
        i, j = index[u], index[v]
        side = pos if w > 0 else neg
        side[i][j] += abs(w)
        if i != j:
            side[j][i] += abs(w)
    return nodes, pos, neg


def _local_moves(pos: list[dict], neg: list[dict], two_mp: float, two_mn: float) -> list[int]:
    n = len(pos)
    kp = [sum(p.values()) for p in pos]
    kn = [sum(q.values()) for q in neg]
    comm = list(range(n))
    tot_p, tot_n = kp[:], kn[:]
    moved = True
    while moved:
        moved = False
        for i in range(n):
            old = comm[i]
            tot_p[old] -= kp[i]
            tot_n[old] -= kn[i]
            links: dict[int, float] = defaultdict(float)
            for j, w in pos[i].items():
                if j != i:
                    links[comm[j]] += w
            for j, w in neg[i].items():
                if j != i:
                    links[comm[j]] -= w

            def gain(c: int) -> float:
                g = links.get(c, 0.0)
                if two_mp:
                    g -= kp[i] * tot_p[c] / two_mp
                if two_mn:
                    g += kn[i] * tot_n[c] / two_mn
                return g

            best, best_gain = old, gain(old)
            for c in sorted(links):
                if c != old and gain(c) > best_gain + _EPS:
                    best, best_gain = c, gain(c)
            if best_gain < -_EPS:
                # Leaving every community is better: take an empty one.
                best = next(c for c in range(n) if tot_p[c] == 0 and tot_n[c] == 0 and c not in comm)
            comm[i] = best
            tot_p[best] += kp[i]
            tot_n[best] += kn[i]
            moved |= best != old
    return comm


def signed_louvain(g: nx.Graph, weight: str = "weight") -> list[frozenset]:
    """Communities of a signed graph by maximum signed modularity (Louvain heuristic).

    Negative ``weight`` is conflict, positive agreement. Deterministic: nodes
    are visited in sorted order and ties keep the current community.

    >>> g = nx.Graph([("a", "b", {"weight": 1}), ("c", "d", {"weight": 1})])
    >>> g.add_edges_from([(x, y, {"weight": -1}) for x in "ab" for y in "cd"])
    >>> sorted(sorted(c) for c in signed_louvain(g))
    [['a', 'b'], ['c', 'd']]
    """
    nodes, pos, neg = _signed_adjacency(g, weight)
    two_mp = sum(sum(p.values()) for p in pos)
    two_mn = sum(sum(q.values()) for q in neg)
    groups: list[list] = [[n] for n in nodes]
    while True:
        comm = _local_moves(pos, neg, two_mp, two_mn)
        # Renumber communities by first appearance, so levels stay deterministic.
        order: dict[int, int] = {}
        for c in comm:
            order.setdefault(c, len(order))
        if len(order) == len(groups):
            break
        merged: list[list] = [[] for _ in order]
        for i, c in enumerate(comm):
            merged[order[c]].extend(groups[i])
        new_pos: list[dict[int, float]] = [defaultdict(float) for _ in order]
        new_neg: list[dict[int, float]] = [defaultdict(float) for _ in order]
        for i in range(len(groups)):
            ci = order[comm[i]]
            for j, w in pos[i].items():
                new_pos[ci][order[comm[j]]] += w
            for j, w in neg[i].items():
                new_neg[ci][order[comm[j]]] += w
        groups, pos, neg = merged, new_pos, new_neg
    return [frozenset(members) for members in groups]


def signed_modularity(g: nx.Graph, communities, weight: str = "weight") -> float:
    """Gómez–Jensen–Arenas signed modularity of a partition (0 for an empty graph).

    >>> g = nx.Graph([("a", "b", {"weight": 1}), ("c", "d", {"weight": 1})])
    >>> g.add_edges_from([(x, y, {"weight": -1}) for x in "ab" for y in "cd"])
    >>> signed_modularity(g, [{"a", "b"}, {"c", "d"}])
    0.5
    """
    label = {n: i for i, c in enumerate(communities) for n in c}
    kp: Counter = Counter()
    kn: Counter = Counter()
    inside = 0.0
    for u, v, d in g.edges(data=True):
        w = float(d.get(weight, 1.0))
        side = kp if w > 0 else kn
        side[u] += abs(w)
        side[v] += abs(w)
        if label.get(u) == label.get(v):
            inside += 2 * w if u != v else w
    two_mp, two_mn = sum(kp.values()), sum(kn.values())
    if not two_mp + two_mn:
        return 0.0
    null = 0.0
    for c in communities:
        cp, cn = sum(kp[n] for n in c), sum(kn[n] for n in c)
        null += (cp * cp / two_mp if two_mp else 0.0) - (cn * cn / two_mn if two_mn else 0.0)
    return (inside - null) / (two_mp + two_mn)


def _frustration(g: nx.Graph, membership: dict[str, int], weight: str = "weight") -> float:
    bad = total = 0.0
    for u, v, d in g.edges(data=True):
        w = float(d.get(weight, 1.0))
        total += abs(w)
        same = membership[u] == membership[v]
        if (w < 0 and same) or (w > 0 and not same):
            bad += abs(w)
    return bad / total if total else 0.0


def coalitions_of(g: nx.Graph, weight: str = "weight") -> Coalitions:
    """:class:`Coalitions` of an already built signed actor network.

    >>> g = nx.Graph([("a", "b", {"weight": 1}), ("a", "x", {"weight": -1}), ("b", "x", {"weight": -1})])
    >>> c = coalitions_of(g)
    >>> c.groups, c.frustration
    ((('a', 'b'), ('x',)), 0.0)
    """
    groups = sorted((tuple(sorted(c)) for c in signed_louvain(g, weight)), key=lambda c: (-len(c), c))
    membership = {actor: i for i, group in enumerate(groups) for actor in group}
    q = signed_modularity(g, groups, weight)
    return Coalitions(groups=tuple(groups), membership=membership, modularity=round(q, 6),
                      polarization=round(min(1.0, 2 * max(q, 0.0)), 6),
                      frustration=round(_frustration(g, membership, weight), 6))


def find_coalitions(debate: Debate, *, duplicates: str = "every", normalization: str = "no",
                    min_weight: float = 0.0) -> Coalitions:
    """Coalitions of every actor with a statement in ``debate`` (see the module notes).

    An actor who shares no claim with anybody forms a coalition of one.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c", "supports"), S("b", "c", "supports"), S("x", "c", "opposes")))
    >>> find_coalitions(d).groups
    (('a', 'b'), ('x',))
    """
    return coalitions_from_counts(statement_counts(debate, duplicates), normalization=normalization,
                                  min_weight=min_weight)


def coalitions_from_counts(counts: Counter, *, normalization: str = "no", min_weight: float = 0.0) -> Coalitions:
    """Coalitions from ``Counter[(actor, claim, stance)]`` statement counts (what the map reads from a store).

    >>> coalitions_from_counts(Counter({("a", "c", "supports"): 1, ("b", "c", "supports"): 1})).groups
    (('a', 'b'),)
    """
    g = projection(counts, "subtract", normalization=normalization, min_weight=min_weight)
    g.add_nodes_from(sorted({actor for actor, _, _ in counts}))
    return coalitions_of(g)


def claim_controversy(debate: Debate, *, duplicates: str = "every") -> list[ClaimControversy]:
    """How evenly each claim splits its actors, most controversial first.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c", "supports"), S("b", "c", "opposes")))
    >>> claim_controversy(d)[0].controversy
    1.0
    """
    counts = statement_counts(debate, duplicates)
    per: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (actor, claim, stance), n in counts.items():
        per[claim][actor][0 if stance == "supports" else 1] += n
    rows = []
    for claim, actors in per.items():
        support = sum(s / (s + o) for s, o in actors.values())
        oppose = len(actors) - support
        score = 1 - abs(support - oppose) / (support + oppose)
        rows.append(ClaimControversy(claim, round(support, 4), round(oppose, 4),
                                     sum(s + o for s, o in actors.values()), round(score, 6)))
    return sorted(rows, key=lambda r: (-r.controversy, -r.statements, r.claim))


def bridging_actors(debate: Debate, coalitions: Coalitions, *, duplicates: str = "every",
                    normalization: str = "no") -> list[Bridge]:
    """Actors on the shortest agreement paths between others, most central first.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c1", "supports"), S("m", "c1", "supports"),
    ...                        S("m", "c2", "opposes"), S("b", "c2", "opposes")))
    >>> bridging_actors(d, find_coalitions(d))[0].actor
    'm'
    """
    g = actor_network(debate, "congruence", normalization=normalization, duplicates=duplicates)
    g.add_nodes_from(a for a in coalitions.membership if a not in g)
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    k = None if len(g) <= _EXACT_BETWEENNESS else _EXACT_BETWEENNESS
    between = nx.betweenness_centrality(g, k=k, weight="distance", normalized=True, seed=0)
    rows = []
    for actor in g:
        own = coalitions.membership.get(actor, -1)
        reached = {coalitions.membership.get(n, -1) for n in g[actor]} | {own}
        rows.append(Bridge(actor, own, round(between[actor], 6), len(reached), g.degree(actor)))
    return sorted(rows, key=lambda b: (-b.betweenness, -b.coalitions_reached, b.actor))
