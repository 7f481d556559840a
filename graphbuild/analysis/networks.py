"""Discourse networks: the actor–claim two-mode network and its one-mode projections.

Everything starts from the count array X[actor, claim, stance] of
:func:`~graphbuild.analysis.data.statement_counts` (after duplicate removal)
and follows Discourse Network Analyzer (Leifeld; DNA's ``Exporter``):

* **two-mode** (:func:`two_mode_network`): one edge per actor and claim with
  ``supports`` and ``opposes`` counts, ``weight`` = all statements,
  ``sign`` = supports − opposes, mean ``confidence``. Normalisation
  ``activity`` divides an actor's edges by its number of statements,
  ``prominence`` a claim's edges by the statements on that claim.
* **one-mode** (:func:`actor_network`, :func:`claim_network`): for two rows
  i, j (actors, or claims) sharing a column k (a claim, or an actor)

  - congruence = Σ_k Σ_q X[i,k,q]·X[j,k,q]  (same stance),
  - conflict   = Σ_k Σ_{q≠q'} X[i,k,q]·X[j,k,q']  (opposite stances),
  - subtract   = congruence − conflict (a signed network).

  Normalisation ``average`` divides by the mean activity (n_i + n_j)/2,
  ``jaccard`` by m01 + m10 + m11 (DNA's weighted Jaccard denominator) and
  ``cosine`` by ‖X_i‖·‖X_j‖, the Euclidean norms of the two count vectors,
  so a normalised congruence *is* their cosine similarity. (DNA 3's code
  divides by n_i·n_j there; the two agree when every count is 0 or 1.)

The claim network with ``kind="congruence"`` links claims that the same
actors take the same stance on; restricted to supporting statements
(``Debate.select(stance="supports")``) it is the claim co-support network.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Literal

import networkx as nx

from .data import Debate, statement_counts

__all__ = ["two_mode_network", "actor_network", "claim_network", "projection", "ONE_MODE_KINDS",
           "ONE_MODE_NORMALIZATIONS", "TWO_MODE_NORMALIZATIONS"]

Kind = Literal["congruence", "conflict", "subtract"]
ONE_MODE_KINDS: tuple[str, ...] = ("congruence", "conflict", "subtract")
ONE_MODE_NORMALIZATIONS: tuple[str, ...] = ("no", "average", "jaccard", "cosine")
TWO_MODE_NORMALIZATIONS: tuple[str, ...] = ("no", "activity", "prominence")
_SIGN = {"supports": 1, "opposes": -1}


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    value = "no" if value in ("none", None) and "no" in allowed else value
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")
    return value


def _actor_attrs(debate: Debate, iri: str) -> dict:
    a = debate.actors.get(iri)
    attrs = {"kind": "actor", "label": a.name if a else iri, "type": a.type if a else "Actor", "bipartite": 0}
    if a and a.affiliation:
        attrs["affiliation"] = a.affiliation
    return attrs


def _claim_attrs(debate: Debate, iri: str) -> dict:
    c = debate.claims.get(iri)
    attrs = {"kind": "claim", "label": c.label if c else iri, "bipartite": 1}
    if c and c.notation:
        attrs["notation"] = c.notation
    return attrs


def two_mode_network(debate: Debate, *, duplicates: str = "every", normalization: str = "no",
                     isolates: bool = False, min_weight: float = 0.0) -> nx.Graph:
    """The signed, weighted actor–claim network.

    Nodes carry ``kind`` ("actor"/"claim"), ``label``, ``type`` (actors) and
    ``bipartite`` 0/1; edges ``supports``, ``opposes``, ``statements``,
    ``weight`` (normalised), ``sign`` (normalised supports − opposes),
    ``stance`` ("supports", "opposes" or "mixed") and ``confidence``.
    ``isolates`` keeps every actor and claim of the graph, even those without
    an edge in this selection or above ``min_weight``.

    >>> from graphbuild.analysis.data import StatementRecord
    >>> d = Debate(statements=(StatementRecord("a", "c", "supports"), StatementRecord("a", "c", "opposes")))
    >>> two_mode_network(d).edges["a", "c"]["stance"]
    'mixed'
    """
    normalization = _check(normalization, TWO_MODE_NORMALIZATIONS, "two-mode normalization")
    counts = statement_counts(debate, duplicates)
    confidence: dict[tuple[str, str], list[float]] = defaultdict(list)
    for s in debate.statements:
        if s.confidence is not None:
            confidence[(s.actor, s.claim)].append(s.confidence)
    cells: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (actor, claim, stance), n in counts.items():
        cells[(actor, claim)][stance] += n
    actor_total, claim_total = Counter(), Counter()
    for (actor, claim), c in cells.items():
        actor_total[actor] += c.total()
        claim_total[claim] += c.total()

    g = nx.Graph(network="two-mode", normalization=normalization, duplicates=duplicates)
    if isolates:
        g.add_nodes_from((a, _actor_attrs(debate, a)) for a in debate.actors)
        g.add_nodes_from((c, _claim_attrs(debate, c)) for c in debate.claims)
    for (actor, claim), c in sorted(cells.items()):
        total = c.total()
        norm = {"no": 1, "activity": actor_total[actor], "prominence": claim_total[claim]}[normalization]
        weight = total / norm
        if weight <= 0 or weight < min_weight:
            continue
        g.add_node(actor, **_actor_attrs(debate, actor))
        g.add_node(claim, **_claim_attrs(debate, claim))
        conf = confidence.get((actor, claim))
        g.add_edge(actor, claim, supports=c["supports"], opposes=c["opposes"], statements=total,
                   weight=weight, sign=(c["supports"] - c["opposes"]) / norm,
                   stance="mixed" if c["supports"] and c["opposes"] else max(c, key=c.get),
                   confidence=round(sum(conf) / len(conf), 4) if conf else None)
    return g


def _project(rows_of: dict[str, dict[str, tuple[int, int]]], kind: str, normalization: str
             ) -> dict[tuple[str, str], dict]:
    """Pair weights for rows sharing columns; ``rows_of[column][row] = (supports, opposes)``."""
    totals: Counter = Counter()
    squares: Counter = Counter()
    for column in rows_of.values():
        for row, (s, o) in column.items():
            totals[row] += s + o
            squares[row] += s * s + o * o
    acc: dict[tuple[str, str], list] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, []])
    for column, takers in sorted(rows_of.items()):
        items = sorted(takers.items())
        for i, (r1, (s1, o1)) in enumerate(items):
            for r2, (s2, o2) in items[i + 1:]:
                a = acc[(r1, r2)]
                a[0] += s1 * s2 + o1 * o2           # congruence
                a[1] += s1 * o2 + o1 * s2           # conflict
                # For the weighted Jaccard denominator (m11 is the congruence sum):
                # the part of X_i where X_j > 0, and back.
                a[2] += (s1 if s2 else 0) + (o1 if o2 else 0)
                a[3] += (s2 if s1 else 0) + (o2 if o1 else 0)
                a[4].append(column)
    out = {}
    for (r1, r2), (cong, conf, shared1, shared2, columns) in acc.items():
        m11 = cong
        if normalization == "average":
            norm = (totals[r1] + totals[r2]) / 2
        elif normalization == "jaccard":
            norm = (totals[r1] - shared1) + (totals[r2] - shared2) + m11
        elif normalization == "cosine":
            norm = math.sqrt(squares[r1]) * math.sqrt(squares[r2])
        else:
            norm = 1
        cong, conf = (cong / norm, conf / norm) if norm else (0.0, 0.0)
        weight = {"congruence": cong, "conflict": conf, "subtract": cong - conf}[kind]
        out[(r1, r2)] = {"weight": weight, "congruence": cong, "conflict": conf, "columns": tuple(columns)}
    return out


def _one_mode(debate: Debate, kind: str, normalization: str, duplicates: str, isolates: bool,
              min_weight: float, rows: str) -> nx.Graph:
    counts = statement_counts(debate, duplicates)
    attrs = _actor_attrs if rows == "actors" else _claim_attrs
    g = projection(counts, kind, normalization=normalization, min_weight=min_weight, rows=rows)
    g.graph["duplicates"] = duplicates
    if isolates:  # every actor (claim) in sorted order, as if none had been dropped
        full = nx.Graph(**g.graph)
        full.add_nodes_from(sorted(set(g) | set(debate.actors if rows == "actors" else debate.claims)))
        full.add_edges_from(sorted(g.edges(data=True), key=lambda e: (e[0], e[1])))
        g = full
    for r in g:
        g.nodes[r].update(attrs(debate, r))
    return g


def projection(counts: Counter, kind: str = "congruence", *, normalization: str = "no", min_weight: float = 0.0,
               rows: str = "actors") -> nx.Graph:
    """The one-mode network of ``Counter[(actor, claim, stance)]`` statement counts, without labels.

    What :func:`actor_network` and :func:`claim_network` compute, for callers
    that have counts but no :class:`Debate` (the map reads them from a store).

    >>> sorted(projection(Counter({("a", "c", "supports"): 2, ("b", "c", "supports"): 1})).edges(data="weight"))
    [('a', 'b', 2.0)]
    """
    kind = _check(kind, ONE_MODE_KINDS, "one-mode network kind")
    normalization = _check(normalization, ONE_MODE_NORMALIZATIONS, "one-mode normalization")
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (actor, claim, stance), n in counts.items():
        row, column = (actor, claim) if rows == "actors" else (claim, actor)
        table[column][row][0 if stance == "supports" else 1] += n
    rows_of = {col: {r: (v[0], v[1]) for r, v in takers.items()} for col, takers in table.items()}
    g = nx.Graph(network=f"{rows[:-1]}-{kind}", kind=kind, normalization=normalization)
    g.add_nodes_from(sorted({r for takers in rows_of.values() for r in takers}))
    for (r1, r2), data in sorted(_project(rows_of, kind, normalization).items()):
        w = data["weight"]
        if w == 0 or abs(w) < min_weight:
            continue
        g.add_edge(r1, r2, weight=w, congruence=data["congruence"], conflict=data["conflict"],
                   shared=data["columns"])
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    return g


def actor_network(debate: Debate, kind: Kind = "congruence", *, normalization: str = "no",
                  duplicates: str = "every", isolates: bool = False, min_weight: float = 0.0) -> nx.Graph:
    """Actors linked by agreeing (``congruence``), disagreeing (``conflict``) or both (``subtract``).

    Edges carry ``weight`` (the chosen kind), ``congruence``, ``conflict`` and
    ``shared`` (the claims behind the tie). ``min_weight`` drops edges whose
    absolute weight is smaller; ``isolates`` keeps actors without any edge.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c", "supports"), S("b", "c", "supports"), S("x", "c", "opposes")))
    >>> sorted(actor_network(d, "conflict").edges)
    [('a', 'x'), ('b', 'x')]
    """
    return _one_mode(debate, kind, normalization, duplicates, isolates, min_weight, "actors")


def claim_network(debate: Debate, kind: Kind = "congruence", *, normalization: str = "no",
                  duplicates: str = "every", isolates: bool = False, min_weight: float = 0.0) -> nx.Graph:
    """Claims linked when the same actors take the same (or opposite) stances on both.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c1", "supports"), S("a", "c2", "supports")))
    >>> claim_network(d).edges["c1", "c2"]["weight"]
    1.0
    """
    return _one_mode(debate, kind, normalization, duplicates, isolates, min_weight, "claims")


def signed_weights(g: nx.Graph, weight: str = "weight") -> tuple[float, float]:
    """Total positive and total negative (absolute) edge weight of a signed network.

    >>> signed_weights(nx.Graph([("a", "b", {"weight": 2}), ("a", "c", {"weight": -0.5})]))
    (2, 0.5)
    """
    pos = sum(d[weight] for *_, d in g.edges(data=True) if d[weight] > 0)
    neg = -sum(d[weight] for *_, d in g.edges(data=True) if d[weight] < 0)
    return pos, neg


def sign_of(stance: str) -> int:
    """+1 for a supporting stance, -1 for an opposing one.

    >>> sign_of("supports"), sign_of("opposes")
    (1, -1)
    """
    return _SIGN[stance]
