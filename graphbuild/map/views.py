"""The map's three views as vis-network data: nodes, edges, tooltips and positions.

:func:`map_views` turns what :mod:`graphbuild.map.data` read into the nodes
and edges of *who argues what* (actors and claims), *who sides with whom*
(congruence) and *who clashes with whom* (conflict), each with its node
positions; :mod:`graphbuild.map.render` puts them on the page.

Actors are coloured by coalition and shaped by type (persons round,
organisations square); claims are boxes with wrapped labels; supports and
opposes are two colours, width grows with the number of statements.
Tooltips are plain strings, which vis-network shows as text, never as HTML.

Scale and readability: positions are computed here
(:mod:`graphbuild.map.layout`) so the page runs no physics; the actor views
draw the backbone of their ties (:mod:`graphbuild.analysis.backbone`) once
there are too many to read; labels grow with a node's statements and are
not drawn when they would be smaller than :data:`MIN_LABEL_PX` on screen.

Determinism: nodes and edges are sorted, ids derive from IRIs and the
layout uses a fixed random seed (:data:`LAYOUT_SEED`).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from ..analysis.backbone import ALPHA, backbone
from .data import MapData, PairEdge, Quote, StanceEdge, actor_pairs, pair_weights
from .layout import CORE, layout

__all__ = ["MapViews", "map_views", "claims_shown", "SUPPORTS_COLOR", "OPPOSES_COLOR", "COALITION_COLORS",
           "ALONE_COLOR", "CLAIM_STYLE", "LAYOUT_SEED", "MIN_CLAIMS", "ACTORS_PER_CLAIM", "MIN_LABEL_PX"]

SUPPORTS_COLOR = "#2e7d32"
OPPOSES_COLOR = "#c62828"
_SHAPES = {"Person": "dot", "Organization": "square", "Actor": "triangle"}
# Colour-blind-safe qualitative palette (Okabe–Ito, then Tableau) for coalitions;
# actors alone in their coalition stay grey.
COALITION_COLORS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
                    "#8c564b", "#17becf", "#bcbd22")
ALONE_COLOR = "#9e9e9e"
CLAIM_STYLE = ("box", "#fff8e1", "#b08900")  # shape, fill and border of a claim node
_MAX_QUOTES = 12  # per tooltip; the details panel lists more
_MAX_PANEL_QUOTES = 50
_MAX_QUOTE_CHARS = 400
# Actor projections grow quadratically with a claim's takers: past this many ties
# (or twice the actors) a view draws its backbone.
_READABLE_TIES = 150
_MAX_PAIR_CLAIMS = 6  # claims listed in a tie's tooltip
LAYOUT_SEED = 7
MIN_CLAIMS, ACTORS_PER_CLAIM = 8, 4  # claims shown with the top actors (see claims_shown)
MIN_LABEL_PX = 10  # a label smaller than this on screen is not drawn (zoom in to read it)
_CLAIM_CLEARANCE = 115.0  # pixels kept free around a claim box for its actors


@dataclass(frozen=True)
class MapViews:
    """What :func:`map_views` gives the page.

    ``views`` holds each view's ``nodes``, ``edges`` and ``pos`` (``{page id:
    [x, y]}``; the actor views also a ``note`` on their backbone), ``legend``
    the coalitions with two or more mapped actors and their colours, and
    ``claim_ids`` the page id of every claim IRI.

    >>> MapViews(views={}, legend=[], claim_ids={"https://example.org/claim/c": "c0"}).claim_ids
    {'https://example.org/claim/c': 'c0'}
    """

    views: dict[str, dict]
    legend: list[dict]
    claim_ids: dict[str, str]


def map_views(data: MapData, camps, doc_index: dict[str, int], top: int | None) -> MapViews:
    """The three views of ``data``: actors coloured by ``camps`` (a :class:`~graphbuild.analysis.Coalitions`),
    evidence pointing into the page's document list by ``doc_index`` (``{document IRI: index}``), and
    the ``top`` most active actors (``None``: all) placed first by the spring layout.

    >>> from graphbuild.analysis import coalitions_from_counts
    >>> from graphbuild.analysis.data import ClaimInfo
    >>> from graphbuild.models import Actor
    >>> data = MapData(actors={"a": Actor("Ann"), "b": Actor("Bo")}, claims={"c": ClaimInfo("c", "Tax less")},
    ...                edges=(StanceEdge("a", "c", "supports", 2), StanceEdge("b", "c", "opposes", 1)))
    >>> v = map_views(data, coalitions_from_counts(data.counts()), {}, top=40)
    >>> {name: len(view["edges"]) for name, view in v.views.items()}, v.claim_ids
    ({'claims': 2, 'congruence': 0, 'conflict': 1}, {'c': 'c0'})
    """
    groups = _coalition_legend(data, camps)
    keys = _Keys(data)
    actors = _actor_nodes(data, camps, groups, keys)
    # the first view's actors get the spring layout; the others are placed around them
    core = min(len(actors) if top is None else top, CORE)
    views = {"claims": _claims_view(data, actors, doc_index, keys, core)}
    for kind in ("congruence", "conflict"):
        views[kind] = _pair_view(data, actors, *_ties(data, kind), keys, core)
    return MapViews(views=views, legend=groups, claim_ids=keys.claim)


class _Keys:
    """Short page ids for IRIs (a0…, c0…, s0…): IRIs repeated in every edge would
    make a large map several times bigger. Nodes keep their IRI in ``iri``."""

    def __init__(self, data: MapData) -> None:
        self.actor = {iri: f"a{i}" for i, iri in enumerate(sorted(data.actors))}
        self.claim = {iri: f"c{i}" for i, iri in enumerate(sorted(data.claims))}
        self.stance = {(e.actor, e.stance, e.claim): f"s{i}" for i, e in enumerate(data.edges)}


def _coalition_legend(data: MapData, camps) -> list[dict]:
    """Coalitions with 2+ mapped actors, largest first, each with its colour and most active members."""
    activity: Counter = Counter()
    for e in data.edges:
        activity[e.actor] += e.statements
    out = []
    for i, members in enumerate(camps.groups):
        shown = [m for m in members if m in data.actors]
        if len(shown) < 2:
            continue
        names = [data.actors[m].name for m in sorted(shown, key=lambda m: (-activity[m], data.actors[m].name))]
        color = COALITION_COLORS[len(out) % len(COALITION_COLORS)]
        out.append({"index": i, "name": f"C{i + 1}", "color": color, "size": len(shown),
                    "sample": ", ".join(names[:3]) + (", …" if len(names) > 3 else "")})
    return out


def _actor_nodes(data: MapData, camps, groups: list[dict], keys: _Keys) -> dict[str, dict]:
    """Actor nodes keyed by IRI, in label order, each with its ``rank`` by statements (0: most active)."""
    color_of = {g["index"]: g for g in groups}
    counts: dict[str, Counter] = defaultdict(Counter)
    claims: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        counts[e.actor][e.stance] += e.statements
        claims[e.actor].add(e.claim)
    by_activity = sorted(data.actors, key=lambda i: (-sum(counts[i].values()), data.actors[i].name.casefold(), i))
    rank = {iri: r for r, iri in enumerate(by_activity)}
    nodes = {}
    for iri in sorted(data.actors, key=lambda i: (data.actors[i].name.casefold(), i)):
        actor, c = data.actors[iri], counts[iri]
        group = color_of.get(camps.membership.get(iri, -1))
        fill = group["color"] if group else ALONE_COLOR
        n = c["supports"] + c["opposes"]
        details = ", ".join(x for x in (actor.role, actor.affiliation) if x)
        lines = [actor.name, actor.type + (f" · {details}" if details else ""),
                 f"coalition {group['name']} ({group['size']} actors)" if group else "no coalition partner",
                 f"{n} statement{'s' * (n != 1)} on {len(claims[iri])} claim(s)",
                 f"supports: {c['supports']} · opposes: {c['opposes']}"]
        nodes[iri] = {"id": keys.actor[iri], "iri": iri, "label": actor.name,
                      "shape": _SHAPES.get(actor.type, "triangle"),
                      "color": {"background": fill, "border": "#333333",
                                "highlight": {"background": fill, "border": "#000000"},
                                "hover": {"background": fill, "border": "#000000"}},
                      # size and label grow with the statements (options.nodes.scaling)
                      "value": _importance(n), "rank": rank[iri], "title": "\n".join(lines),
                      "widthConstraint": {"maximum": 160},  # wraps long names under the shape
                      "kind": "actor", "actorType": actor.type,
                      "coalition": group["name"] if group else None}
    return nodes


def claims_shown(top: int, claims: int) -> int:
    """How many claims (the most stated) "who argues what" shows with the ``top`` actors: a quarter as
    many, at least :data:`MIN_CLAIMS` (the page computes the same: ``claimsShown``).

    >>> claims_shown(40, 100), claims_shown(10, 100), claims_shown(40, 5)
    (10, 8, 5)
    """
    return min(claims, max(MIN_CLAIMS, -(-top // ACTORS_PER_CLAIM)))


def _by_rank(actors: dict[str, dict]) -> list[str]:
    return sorted(actors, key=lambda iri: actors[iri]["rank"])


def _positions(g: nx.Graph, order: list[str], keys: dict[str, str], core: int,
               clearance=None) -> dict[str, list[float]]:
    """``{page id: [x, y]}`` for the nodes of ``order``; the first ``core`` get the spring layout."""
    return {keys[n]: list(xy)
            for n, xy in layout(g, order, core=core, seed=LAYOUT_SEED, clearance=clearance).items()}


def _claims_view(data: MapData, actors: dict[str, dict], doc_index: dict[str, int], keys: _Keys,
                 core: int) -> dict:
    takers: dict[str, Counter] = defaultdict(Counter)
    statements: Counter = Counter()
    for e in data.edges:
        takers[e.claim][e.stance] += 1
        statements[e.claim] += e.statements
    shape, fill, border = CLAIM_STYLE
    by_activity = sorted(takers, key=lambda i: (-statements[i], i))
    claim_rank = {iri: r for r, iri in enumerate(by_activity)}
    claim_nodes = []
    for iri in sorted(takers, key=lambda i: (data.claims[i].notation or "", data.claims[i].label, i)):
        claim, t = data.claims[iri], takers[iri]
        tag = f"[{claim.notation}] " if claim.notation else ""
        claim_nodes.append({
            "id": keys.claim[iri], "iri": iri, "label": claim.label, "shape": shape,
            "color": {"background": fill, "border": border,
                      "highlight": {"background": "#ffecb3", "border": "#000000"},
                      "hover": {"background": "#ffecb3", "border": "#000000"}},
            # a box wraps its label at this width, so long claims stay readable
            "widthConstraint": {"maximum": 220}, "margin": 10, "value": _importance(statements[iri]),
            # a claim is read as a sentence: its label stays near the body text size
            "scaling": {"label": {"enabled": True, "min": 18, "max": 22, "drawThreshold": MIN_LABEL_PX}},
            "title": f"{tag}{claim.label}\nsupported by {t['supports']} actor(s), opposed by {t['opposes']}",
            "kind": "claim", "notation": claim.notation, "rank": claim_rank[iri]})
    both = Counter((e.actor, e.claim) for e in data.edges)
    doc_of_id = {d.id: iri for iri, d in data.documents.items()}
    edges = []
    g = nx.Graph()
    for e in data.edges:
        color = SUPPORTS_COLOR if e.stance == "supports" else OPPOSES_COLOR
        edge = {"id": keys.stance[(e.actor, e.stance, e.claim)], "from": keys.actor[e.actor],
                "to": keys.claim[e.claim], "color": color,
                "width": _width(e.statements), "title": _edge_title(data, e), "stance": e.stance,
                "claim": keys.claim[e.claim], "statements": e.statements,
                "docs": [[doc_index[d], n] for d, n in e.documents],
                "ev": [[_clip(q.text), doc_index.get(doc_of_id.get(q.source.doc_id), -1)]
                       for q in e.quotes[:_MAX_PANEL_QUOTES]]}
        if both[(e.actor, e.claim)] > 1:
            # the same actor both supports and opposes: bend the two edges apart
            edge["smooth"] = {"enabled": True, "roundness": 0.25,
                              "type": "curvedCW" if e.stance == "supports" else "curvedCCW"}
        edges.append(edge)
        weight = g.get_edge_data(e.actor, e.claim, {"weight": 0})["weight"]
        g.add_edge(e.actor, e.claim, weight=weight + e.statements)
    used = {e.actor for e in data.edges}
    # the first view's claims and actors get the spring layout, the rest are placed around them
    shown, ranked = claims_shown(core, len(by_activity)), _by_rank(actors)
    order = by_activity[:shown] + ranked[:core] + by_activity[shown:] + ranked[core:]
    pos = _positions(g, order, {**keys.actor, **keys.claim}, shown + core,
                     clearance=dict.fromkeys(takers, _CLAIM_CLEARANCE))
    return {"nodes": [n for iri, n in actors.items() if iri in used] + claim_nodes, "edges": edges, "pos": pos}


def _ties(data: MapData, kind: str) -> tuple[tuple[PairEdge, ...], int]:
    """A view's ties: all of them, or once there are too many to read their backbone.

    The backbone (:mod:`graphbuild.analysis.backbone`) weighs a tie as DNA
    does. Returns the kept ties and how many there were in all.
    """
    weights = pair_weights(data, kind)
    tied = {x for pair in weights for x in pair}
    if len(weights) <= max(_READABLE_TIES, 2 * len(tied)):
        return actor_pairs(data, kind), len(weights)
    activity: Counter = Counter()
    for e in data.edges:
        activity[e.actor] += e.statements
    return actor_pairs(data, kind, only=backbone(weights, activity=activity)), len(weights)


def _pair_view(data: MapData, actors: dict[str, dict], pairs: tuple[PairEdge, ...], total: int,
               keys: _Keys, core: int) -> dict:
    edges = []
    g = nx.Graph()
    g.add_nodes_from(actors)
    for p in pairs:
        color = SUPPORTS_COLOR if p.kind == "congruence" else OPPOSES_COLOR
        a, b = data.actors[p.a].name, data.actors[p.b].name
        verb = "agree" if p.kind == "congruence" else "disagree"
        lines = [f"{a} and {b} {verb} on {p.weight} claim(s)"]
        for claim, sa, sb in p.claims[:_MAX_PAIR_CLAIMS]:
            c = data.claims[claim]
            tag = f" [{c.notation}]" if c.notation else ""
            how = f"both {sa[:-1]}" if sa == sb else f"{a} {sa[:-1]}s, {b} {sb[:-1]}s"
            lines.append(f"• {how}: “{c.label}”{tag}")
        if len(p.claims) > _MAX_PAIR_CLAIMS:
            lines.append(f"… and {len(p.claims) - _MAX_PAIR_CLAIMS} more")
        edges.append({"id": f"{p.kind[:3]}{len(edges)}", "from": keys.actor[p.a], "to": keys.actor[p.b],
                      "color": color,
                      "width": _width(p.weight), "title": "\n".join(lines), "kind": p.kind, "claims": p.weight,
                      # each row: the claim and the two stance edges behind it, for the page's filters
                      "rows": [[keys.claim[claim], keys.stance[(p.a, sa, claim)], keys.stance[(p.b, sb, claim)]]
                               for claim, sa, sb in p.claims]})
        g.add_edge(p.a, p.b, weight=p.weight)
    note = (f"backbone: {len(pairs)} of {total} ties (disparity filter, α = {ALPHA})"
            if len(pairs) < total else "")
    return {"nodes": list(actors.values()), "edges": edges, "note": note,
            "pos": _positions(g, _by_rank(actors), keys.actor, core)}


def _importance(statements: int) -> float:
    """A node's size and label scale: logarithmic, so one very active actor does not
    leave every other label at the minimum size."""
    return round(math.log2(1 + statements), 3)


def _width(n: float) -> float:
    """Edge width grows with the number of statements, capped so hubs stay legible."""
    return min(1.5 + 1.5 * (n - 1), 12.0)


def _edge_title(data: MapData, e: StanceEdge) -> str:
    claim = data.claims[e.claim]
    tag = f" [{claim.notation}]" if claim.notation else ""
    lines = [f"{data.actors[e.actor].name} {e.stance} “{claim.label}”{tag}",
             f"{e.statements} statement{'s' * (e.statements != 1)}"]
    for q in e.quotes[:_MAX_QUOTES]:
        lines += ["", f"“{_clip(q.text)}”", "— " + _cite(q)]
    if len(e.quotes) > _MAX_QUOTES:
        lines += ["", f"… and {len(e.quotes) - _MAX_QUOTES} more quote(s): click the edge"]
    return "\n".join(lines)


def _cite(q: Quote) -> str:
    s = q.source
    cite = " · ".join(x for x in (s.doc_id, s.title, s.author, s.date, s.publisher) if x)
    return cite + (f"\n  {s.url}" if s.url else "")


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTE_CHARS else text[: _MAX_QUOTE_CHARS - 1] + "…"
