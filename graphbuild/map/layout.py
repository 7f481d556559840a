"""Where the map's nodes go, computed once in Python so the page draws at once.

A force simulation in the browser took about ten seconds to settle 2,000
nodes on two cores, and the page could not be used meanwhile. The page now
gets fixed positions and runs no physics.

Method: the most important nodes (the *core*, at most :data:`CORE` of them,
in the order given: claims and the most active actors first) are placed by
networkx' Fruchterman–Reingold spring layout with a fixed seed. Every other
node, in order, goes next to the nodes it is tied to that already have a
place: at the weighted centre of those neighbours, on a sunflower spiral
(Vogel's model: the k-th node at radius ∝ √k, turned by the golden angle)
shared by all nodes with the same placed neighbours, so a claim's hundred
minor supporters form a disc around it instead of a pile. A node whose
neighbours have no place yet starts a new centre outside the drawing; nodes
without any tie share one disc beside it.

This costs O(core² + n), about a second for 2,000 nodes; the force layout
of all of them would cost minutes in pure Python. And because a node's place
depends only on nodes before it in the order, the page's "show more" adds
nodes around the ones shown without moving them.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np

__all__ = ["layout", "CORE", "SPACING"]

CORE = 300  # nodes placed by the spring layout (its cost grows with the square)
SPACING = 60.0  # pixels between neighbours on a spiral
_GOLDEN = math.pi * (3 - math.sqrt(5))


def _spiral(k: int, first: float) -> tuple[float, float]:
    r = SPACING * math.sqrt(k + first)
    return r * math.cos(k * _GOLDEN), r * math.sin(k * _GOLDEN)


def _separate(points: list[tuple[float, float]], radii: list[float], rounds: int = 120) -> list[tuple[float, float]]:
    """Push apart nodes closer than the sum of their radii (the spring layout sees points, not boxes)."""
    xy = np.array(points, dtype=float)
    r = np.array(radii, dtype=float)
    need = r[:, None] + r[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta ** 2).sum(axis=2))
        overlap = np.clip(need - dist, 0.0, None)
        np.fill_diagonal(overlap, 0.0)
        if not overlap.any():
            break
        unit = delta / np.maximum(dist, 1e-9)[:, :, None]
        # coincident points: apart along x, the later node to the right, so the result stays deterministic
        ahead = np.sign(np.arange(len(xy))[:, None] - np.arange(len(xy))[None, :]).astype(float)
        unit[dist < 1e-9] = np.stack([ahead, np.zeros_like(ahead)], axis=-1)[dist < 1e-9]
        xy += (unit * (overlap / 2)[:, :, None]).sum(axis=1) * 0.5
    return [(float(x), float(y)) for x, y in xy]


def _induced(g: nx.Graph, nodes: list) -> nx.Graph:
    """The subgraph on ``nodes``, as a graph of its own whose nodes iterate in that order."""
    members = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from((u, v) for u in nodes for v in g[u] if v in members)
    return sub


def layout(g: nx.Graph, order: Sequence[Hashable], *, core: int = CORE, seed: int = 7,
           clearance: dict[Hashable, float] | None = None) -> dict[Hashable, tuple[float, float]]:
    """Pixel positions ``{node: (x, y)}`` for every node of ``order`` (most important first).

    ``clearance`` gives the radius in pixels to keep free around a node (a
    claim's box is wide), so that spirals around it start outside it.

    >>> g = nx.Graph([("claim", f"actor{i}") for i in range(5)])
    >>> pos = layout(g, ["claim"] + [f"actor{i}" for i in range(5)], core=1)
    >>> sorted(pos) == sorted(g) and pos["claim"] == (0.0, 0.0)
    True
    """
    clearance = clearance or {}
    head = [n for n in order[:core] if n in g]
    pos: dict[Hashable, tuple[float, float]] = {}
    if head:
        # a graph of its own in this order (a subgraph view may iterate a set, whose
        # order differs between runs and would change the seeded starting positions)
        sub = _induced(g, head)
        # the spring layout pushes separate groups far apart: it places the largest
        # group, the others start beside it below
        largest = max(nx.connected_components(sub), key=lambda c: (len(c), -min(head.index(n) for n in c)))
        main = [n for n in head if n in largest]
        if len(main) == 1:
            pos[main[0]] = (0.0, 0.0)
        else:
            radii = [max(clearance.get(n, 0.0), 0.75 * SPACING) for n in main]
            # room for every node's disc, with some air: wide claim boxes need more than points
            spread = 0.32 * math.sqrt(sum((2 * r) ** 2 for r in radii))
            raw = nx.spring_layout(_induced(sub, main), seed=seed, iterations=80, weight=None, scale=spread)
            placed = _separate([tuple(raw[n]) for n in main], radii)
            pos.update({n: (round(x, 1), round(y, 1)) for n, (x, y) in zip(main, placed)})
    used: dict[tuple, int] = defaultdict(int)  # nodes already on each spiral
    outer = max((math.hypot(x, y) for x, y in pos.values()), default=0.0)
    alone = (outer + 3 * SPACING, 0.0) if pos else (0.0, 0.0)  # nodes without any tie: one disc to the right
    starts = 0
    for node in order:
        if node in pos:
            continue
        placed = [(m, d.get("weight", 1) or 1) for m, d in g[node].items() if m in pos] if node in g else []
        room = 0.0
        if placed:
            total = sum(w for _, w in placed)
            cx = sum(pos[m][0] * w for m, w in placed) / total
            cy = sum(pos[m][1] * w for m, w in placed) / total
            key: tuple = tuple(sorted(str(m) for m, _ in placed))
            if len(placed) == 1:
                room = clearance.get(placed[0][0], 0.0)
        elif node in g and g.degree(node):
            # the first node of a group not tied to anything placed: a new centre outside the drawing
            r, angle = outer + 2 * SPACING + 2 * SPACING * math.sqrt(starts), starts * _GOLDEN + math.pi / 2
            cx, cy, key = r * math.cos(angle), r * math.sin(angle), ("#start", starts)
            starts += 1
        else:
            (cx, cy), key = alone, ("#alone",)
        dx, dy = _spiral(used[key], 1.0 + (room / SPACING) ** 2)
        used[key] += 1
        pos[node] = (round(cx + dx, 1), round(cy + dy, 1))
    return pos
