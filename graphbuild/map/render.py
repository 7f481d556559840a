"""The offline debate map: one self-contained HTML page drawn with vis-network.

:func:`render_map` reads a graphbuild RDF graph (via :mod:`graphbuild.map.data`),
finds the coalitions (:mod:`graphbuild.analysis`) and writes one HTML file
with three views of the debate — *who argues what* (actors and claims), *who
sides with whom* (congruence) and *who clashes with whom* (conflict) — and
in-page filters by claim, stance, document or outlet and minimum weight, plus
an actor search. It needs no network: vis-network's JS and CSS (shipped
inside the pyvis package) are inlined and the page loads nothing.

Actors are coloured by coalition and shaped by type (persons round,
organisations square); claims are boxes with wrapped labels; supports and
opposes are two colours, width grows with the number of statements.

Safety: every piece of article text (names, titles, quotes, URLs) reaches the
page either through Jinja autoescaping or inside a JSON data block dumped with
``tojson``, which escapes ``<``, ``>``, ``&`` and ``'`` as ``\\u003c`` etc., so
``</script>`` in a quote cannot close the block. Tooltips are plain strings,
which vis-network shows as text, never as HTML; the details panel is built
with ``textContent``, and only http(s) URLs become links.

Scale: physics runs until the layout settles and is then frozen; large maps
get fewer stabilisation iterations, straight edges and hidden edges while
dragging, so 2,000 nodes stay responsive.

Determinism: nodes and edges are sorted, ids derive from IRIs, the layout
uses a fixed random seed, and nothing time-dependent is written.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph

from ..analysis import find_coalitions, load_debate
from ..atomic import write_atomic
from .data import MapData, PairEdge, Quote, StanceEdge, actor_pairs, map_data

VIEWS: tuple[str, ...] = ("claims", "congruence", "conflict")
VIEW_NAMES = {"claims": "Who argues what", "congruence": "Who sides with whom", "conflict": "Who clashes with whom"}
DEFAULT_TITLE = "graphbuild — who argues what"

SUPPORTS_COLOR = "#2e7d32"
OPPOSES_COLOR = "#c62828"
_SHAPES = {"Person": "dot", "Organization": "square", "Actor": "triangle"}
# Colour-blind-safe qualitative palette (Okabe–Ito, then Tableau) for coalitions;
# actors alone in their coalition stay grey.
COALITION_COLORS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
                    "#8c564b", "#17becf", "#bcbd22")
ALONE_COLOR = "#9e9e9e"
_CLAIM_STYLE = ("box", "#fff8e1", "#b08900")
_MAX_QUOTES = 12  # per tooltip; the details panel lists more
_MAX_PANEL_QUOTES = 50
_MAX_QUOTE_CHARS = 400
_LARGE = 300  # nodes; above this the layout is tuned for speed
# Actor projections grow quadratically with a claim's takers; past this many ties a
# view keeps each actor's strongest ones (k-nearest-neighbour backbone).
_MAX_PAIR_EDGES = 4000
_BACKBONE_K = 8
_MAX_PAIR_CLAIMS = 6  # claims listed in a tie's tooltip
LAYOUT_SEED = 7


def _options(n_nodes: int) -> dict[str, Any]:
    large = n_nodes > _LARGE
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 130,
                                 "springConstant": 0.05, "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "iterations": 120 if large else 500, "fit": True,
                              "updateInterval": 50},
            "minVelocity": 0.75,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True, "hideEdgesOnDrag": large},
        "nodes": {"font": {"face": "system-ui, sans-serif", "size": 14}, "borderWidth": 1.5},
        "edges": {"smooth": False if large else {"type": "continuous"}, "hoverWidth": 1.5, "selectionWidth": 2},
    }


def render_map(graph: Graph, path: str | Path, *, title: str = DEFAULT_TITLE, view: str = "claims",
               coalitions=None) -> Path:
    """Write the interactive map of ``graph`` to ``path`` (atomically) and return it.

    ``view`` is the view the page opens with: ``"claims"`` (actors linked to
    the claims they support or oppose), ``"congruence"`` (actors linked when
    they share a stance on a claim) or ``"conflict"`` (opposite stances); the
    page switches between all three. ``coalitions`` (a
    :class:`~graphbuild.analysis.Coalitions`) colours the actors; by default
    they are computed with the analysis defaults.

    >>> import tempfile, pathlib
    >>> out = render_map(Graph(), pathlib.Path(tempfile.mkdtemp()) / "map.html")
    >>> out.name, "vis.Network" in out.read_text(encoding="utf-8")
    ('map.html', True)
    """
    html = map_html(graph, title=title, view=view, coalitions=coalitions)
    return _write_atomic(Path(path), html)


def map_html(graph: Graph, *, title: str = DEFAULT_TITLE, view: str = "claims", coalitions=None) -> str:
    """The map page as a string (what :func:`render_map` writes).

    >>> "<title>&lt;/script&gt;</title>" in map_html(Graph(), title="</script>")
    True
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
    debate = load_debate(graph)
    data = map_data(debate)
    camps = coalitions if coalitions is not None else find_coalitions(debate)
    groups = _coalition_legend(data, camps)
    docs = sorted({d for e in data.edges for d, _ in e.documents})
    doc_index = {d: i for i, d in enumerate(docs)}
    keys = _Keys(data)
    actors = _actor_nodes(data, camps, groups, keys)
    views = {"claims": _claims_view(data, actors, doc_index, keys)}
    for kind in ("congruence", "conflict"):
        views[kind] = _pair_view(data, actors, *_backbone(actor_pairs(data, kind), len(actors)), keys)
    css, js = _vis_assets()
    largest = max(len(v["nodes"]) for v in views.values())
    payload = {
        "view": view, "views": views, "options": _options(largest),
        "docs": [_doc_entry(data, d) for d in docs],
        "claims": [{"id": keys.claim[c.iri], "label": c.label, "notation": c.notation}
                   for c in sorted(data.claims.values(), key=lambda c: (c.notation or "", c.label, c.iri))],
        "colors": {"supports": SUPPORTS_COLOR, "opposes": OPPOSES_COLOR},
    }
    template = _environment().get_template("map_template.html")
    return template.render(
        title=title, view=view, views=VIEWS, view_names=VIEW_NAMES, vis_css=css, vis_js=js, payload=payload,
        coalitions=groups,
        counts={"actors": len(data.actors), "claims": len(data.claims),
                "statements": sum(e.statements for e in data.edges), "documents": len(docs),
                "coalitions": sum(1 for g in groups if g["size"] > 1)},
        colors={"supports": SUPPORTS_COLOR, "opposes": OPPOSES_COLOR, "alone": ALONE_COLOR,
                "claim": _CLAIM_STYLE},
    )


# --- nodes and edges -----------------------------------------------------------

class _Keys:
    """Short page ids for IRIs (a0…, c0…, s0…): IRIs repeated in every edge would
    make a large map several times bigger. Nodes keep their IRI in ``iri``."""

    def __init__(self, data: MapData) -> None:
        self.actor = {iri: f"a{i}" for i, iri in enumerate(sorted(data.actors))}
        self.claim = {iri: f"c{i}" for i, iri in enumerate(sorted(data.claims))}
        self.stance = {(e.actor, e.stance, e.claim): f"s{i}" for i, e in enumerate(data.edges)}


def _coalition_legend(data: MapData, camps) -> list[dict]:
    """Coalitions with 2+ mapped actors, largest first, each with its colour."""
    out = []
    for i, members in enumerate(camps.groups):
        shown = [m for m in members if m in data.actors]
        if len(shown) < 2:
            continue
        names = sorted(data.actors[m].label for m in shown)
        color = COALITION_COLORS[len(out) % len(COALITION_COLORS)]
        out.append({"index": i, "name": f"C{i + 1}", "color": color, "size": len(shown),
                    "sample": ", ".join(names[:3]) + (", …" if len(names) > 3 else "")})
    return out


def _actor_nodes(data: MapData, camps, groups: list[dict], keys: _Keys) -> dict[str, dict]:
    color_of = {g["index"]: g for g in groups}
    counts: dict[str, Counter] = defaultdict(Counter)
    claims: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        counts[e.actor][e.stance] += e.statements
        claims[e.actor].add(e.claim)
    nodes = {}
    for iri in sorted(data.actors, key=lambda i: (data.actors[i].label.casefold(), i)):
        actor, c = data.actors[iri], counts[iri]
        group = color_of.get(camps.membership.get(iri, -1))
        fill = group["color"] if group else ALONE_COLOR
        n = c["supports"] + c["opposes"]
        details = ", ".join(x for x in (actor.role, actor.affiliation) if x)
        lines = [actor.label, actor.type + (f" · {details}" if details else ""),
                 f"coalition {group['name']} ({group['size']} actors)" if group else "no coalition partner",
                 f"{n} statement{'s' * (n != 1)} on {len(claims[iri])} claim(s)",
                 f"supports: {c['supports']} · opposes: {c['opposes']}"]
        nodes[iri] = {"id": keys.actor[iri], "iri": iri, "label": actor.label,
                      "shape": _SHAPES.get(actor.type, "triangle"),
                      "color": {"background": fill, "border": "#333333",
                                "highlight": {"background": fill, "border": "#000000"},
                                "hover": {"background": fill, "border": "#000000"}},
                      "size": min(12 + 2 * n, 30), "title": "\n".join(lines),
                      "widthConstraint": {"maximum": 160},  # wraps long names under the shape
                      "kind": "actor", "actorType": actor.type,
                      "coalition": group["name"] if group else None}
    return nodes


def _claims_view(data: MapData, actors: dict[str, dict], doc_index: dict[str, int], keys: _Keys) -> dict:
    takers: dict[str, Counter] = defaultdict(Counter)
    for e in data.edges:
        takers[e.claim][e.stance] += 1
    shape, fill, border = _CLAIM_STYLE
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
            "widthConstraint": {"maximum": 220}, "margin": 10, "font": {"size": 15},
            "title": f"{tag}{claim.label}\nsupported by {t['supports']} actor(s), opposed by {t['opposes']}",
            "kind": "claim", "notation": claim.notation})
    both = Counter((e.actor, e.claim) for e in data.edges)
    doc_of_id = {d.id: iri for iri, d in data.documents.items()}
    edges = []
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
    used = {e.actor for e in data.edges}
    return {"nodes": [n for iri, n in actors.items() if iri in used] + claim_nodes, "edges": edges}


def _backbone(pairs: tuple[PairEdge, ...], n_actors: int) -> tuple[tuple[PairEdge, ...], int]:
    """All ties, or on a large map the union of every actor's strongest ``_BACKBONE_K`` ties.

    Keeping each actor's own strongest ties (rather than one global weight
    cut) leaves no actor stranded and keeps camps visible. Returns the kept
    ties and how many there were in all.
    """
    if len(pairs) <= max(_MAX_PAIR_EDGES, 4 * n_actors):
        return pairs, len(pairs)
    by_actor: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        by_actor[p.a].append(i)
        by_actor[p.b].append(i)
    keep: set[int] = set()
    for ties in by_actor.values():
        ties.sort(key=lambda i: (-pairs[i].weight, pairs[i].a, pairs[i].b))
        keep.update(ties[:_BACKBONE_K])
    return tuple(pairs[i] for i in sorted(keep)), len(pairs)


def _pair_view(data: MapData, actors: dict[str, dict], pairs: tuple[PairEdge, ...], total: int,
               keys: _Keys) -> dict:
    edges = []
    for p in pairs:
        color = SUPPORTS_COLOR if p.kind == "congruence" else OPPOSES_COLOR
        a, b = data.actors[p.a].label, data.actors[p.b].label
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
    note = (f"large map: each actor's {_BACKBONE_K} strongest ties shown ({len(pairs)} of {total})"
            if len(pairs) < total else "")
    return {"nodes": list(actors.values()), "edges": edges, "note": note}


def _doc_entry(data: MapData, iri: str) -> dict:
    d = data.documents.get(iri)
    if d is None:
        return {"id": iri.rsplit("/", 1)[-1]}
    return {"id": d.id, "title": d.title, "author": ", ".join(d.authors) or None, "date": d.date,
            "outlet": d.outlet, "url": d.url}


def _width(n: float) -> float:
    """Edge width grows with the number of statements, capped so hubs stay legible."""
    return min(1.5 + 1.5 * (n - 1), 12.0)


def _edge_title(data: MapData, e: StanceEdge) -> str:
    claim = data.claims[e.claim]
    tag = f" [{claim.notation}]" if claim.notation else ""
    lines = [f"{data.actors[e.actor].label} {e.stance} “{claim.label}”{tag}",
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


# --- the page ---------------------------------------------------------------------

def _vis_assets() -> tuple[str, str]:
    """vis-network's CSS and JS from the pyvis package (the in_line mode's files)."""
    import pyvis

    base = Path(pyvis.__file__).parent
    for lib in (base / "templates" / "lib" / "vis-9.1.2", base / "lib" / "vis-9.1.2"):
        if (lib / "vis-network.min.js").exists():
            css = (lib / "vis-network.css").read_text(encoding="utf-8")
            js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
            # An inline block ends at the first "</script" or "</style"; "<!--" changes
            # how the browser tokenises the rest. Escape them (all occur only in strings).
            js = js.replace("</script", "<\\/script").replace("<!--", "<\\!--")
            return css.replace("</style", "<\\/style"), js
    raise FileNotFoundError(f"vis-network 9.1.2 is not inside the pyvis package at {base}")


def _environment():
    from jinja2 import Environment, FunctionLoader, select_autoescape

    def load(name: str) -> str:
        return resources.files("graphbuild").joinpath("data", name).read_text(encoding="utf-8")

    env = Environment(loader=FunctionLoader(load), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def _write_atomic(path: Path, text: str) -> Path:
    return write_atomic(path, text)
