"""The offline debate map: one self-contained HTML file drawn with vis-network.

:func:`render_map` reads a graphbuild RDF graph (via :mod:`graphbuild.mapdata`),
lays the debate out as a pyvis network and writes one HTML file that needs no
network access: vis-network's JS and CSS (shipped inside the pyvis package)
are inlined and the page loads nothing from anywhere.

Safety: every piece of article text (names, titles, quotes, URLs) reaches the
page either through Jinja autoescaping or inside a JSON data block dumped with
``tojson``, which escapes ``<``, ``>``, ``&`` and ``'`` as ``\\u003c`` etc., so
``</script>`` in a quote cannot close the block. Tooltips are plain strings,
which vis-network shows as text, never as HTML.

Determinism: nodes and edges are sorted, edge ids are derived from IRIs, the
layout uses a fixed random seed, and nothing time-dependent is written.
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph

from graphbuild.mapdata import MapData, PairEdge, Quote, StanceEdge, actor_pairs, read_map_data

VIEWS: tuple[str, ...] = ("claims", "congruence", "conflict")
DEFAULT_TITLE = "graphbuild — who argues what"

SUPPORTS_COLOR = "#2e7d32"
OPPOSES_COLOR = "#c62828"
_ACTOR_STYLE = {  # shape, fill, border; persons round, organisations square
    "Person": ("dot", "#4e79a7", "#2b4a6f"),
    "Organization": ("square", "#f28e2b", "#a85a10"),
    "Actor": ("triangle", "#9e9e9e", "#616161"),
}
_CLAIM_STYLE = ("box", "#fff8e1", "#b08900")
_MAX_QUOTES = 12  # per tooltip; the rest are counted, not listed
_MAX_QUOTE_CHARS = 400
LAYOUT_SEED = 7

_OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": True},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 130,
                             "springConstant": 0.05, "avoidOverlap": 0.5},
        "stabilization": {"enabled": True, "iterations": 500, "fit": True},
        "minVelocity": 0.75,
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True},
    "nodes": {"font": {"face": "system-ui, sans-serif", "size": 14}, "borderWidth": 1.5},
    "edges": {"smooth": {"type": "continuous"}, "hoverWidth": 1.5, "selectionWidth": 2},
}


def render_map(graph: Graph, path: str | Path, *, title: str = DEFAULT_TITLE,
               view: str = "claims") -> Path:
    """Write the interactive map of ``graph`` to ``path`` (atomically) and return it.

    ``view`` is ``"claims"`` (actors linked to the claims they support or
    oppose), ``"congruence"`` (actors linked when they share a stance on a
    claim) or ``"conflict"`` (actors linked when they take opposite stances).

    >>> import tempfile, pathlib
    >>> out = render_map(Graph(), pathlib.Path(tempfile.mkdtemp()) / "map.html")
    >>> out.name, "vis.Network" in out.read_text(encoding="utf-8")
    ('map.html', True)
    """
    html = map_html(graph, title=title, view=view)
    return _write_atomic(Path(path), html)


def map_html(graph: Graph, *, title: str = DEFAULT_TITLE, view: str = "claims") -> str:
    """The map page as a string (what :func:`render_map` writes).

    >>> "<title>&lt;/script&gt;</title>" in map_html(Graph(), title="</script>")
    True
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
    data = read_map_data(graph)
    net = _claims_network(data) if view == "claims" else _pair_network(data, actor_pairs(data, view))
    nodes, edges, *_ = net.get_network_data()
    css, js = _vis_assets()
    template = _environment().get_template("map_template.html")
    return template.render(
        title=title, view=view, views=VIEWS, vis_css=css, vis_js=js,
        payload={"nodes": nodes, "edges": edges, "options": _OPTIONS, "view": view},
        counts={"actors": len({e.actor for e in data.edges}),
                "claims": len({e.claim for e in data.edges}),
                "statements": sum(e.statements for e in data.edges),
                "nodes": len(nodes), "edges": len(edges)},
        colors={"supports": SUPPORTS_COLOR, "opposes": OPPOSES_COLOR,
                "actor": _ACTOR_STYLE, "claim": _CLAIM_STYLE},
    )


# --- the network --------------------------------------------------------------

def _new_network():
    # pyvis pulls IPython in; import it only when a map is drawn. Never use
    # cdn_resources="local": it writes lib/ into the working directory.
    from pyvis.network import Network

    return Network(directed=True, cdn_resources="in_line")


def _add_actor_nodes(net, data: MapData, actors: list[str]) -> None:
    counts: dict[str, Counter] = defaultdict(Counter)
    claims: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        counts[e.actor][e.stance] += e.statements
        claims[e.actor].add(e.claim)
    ordered = sorted(actors, key=lambda iri: (data.actors[iri].label.casefold(), iri))
    for iri in ordered:
        actor, c = data.actors[iri], counts[iri]
        shape, fill, border = _ACTOR_STYLE[actor.type]
        n = c["supports"] + c["opposes"]
        details = ", ".join(x for x in (actor.role, actor.affiliation) if x)
        lines = [actor.label, actor.type + (f" · {details}" if details else ""),
                 f"{n} statement{'s' * (n != 1)} on {len(claims[iri])} claim(s)",
                 f"supports: {c['supports']} · opposes: {c['opposes']}"]
        net.add_node(iri, label=actor.label, shape=shape,
                     color={"background": fill, "border": border,
                            "highlight": {"background": fill, "border": "#000000"},
                            "hover": {"background": fill, "border": "#000000"}},
                     size=min(12 + 2 * n, 30), title="\n".join(lines),
                     widthConstraint={"maximum": 160},  # wraps long names under the shape
                     kind="actor", actorType=actor.type)


def _claims_network(data: MapData):
    net = _new_network()
    _add_actor_nodes(net, data, list({e.actor for e in data.edges}))
    takers: dict[str, Counter] = defaultdict(Counter)
    for e in data.edges:
        takers[e.claim][e.stance] += 1
    shape, fill, border = _CLAIM_STYLE
    for iri in sorted(takers, key=lambda i: (data.claims[i].notation or "", data.claims[i].label, i)):
        claim, t = data.claims[iri], takers[iri]
        tag = f"[{claim.notation}] " if claim.notation else ""
        net.add_node(iri, label=claim.label, shape=shape,
                     color={"background": fill, "border": border,
                            "highlight": {"background": "#ffecb3", "border": "#000000"},
                            "hover": {"background": "#ffecb3", "border": "#000000"}},
                     # a box wraps its label at this width, so long claims stay readable
                     widthConstraint={"maximum": 220}, margin=10,
                     title=f"{tag}{claim.label}\nsupported by {t['supports']} actor(s), "
                           f"opposed by {t['opposes']}",
                     kind="claim", notation=claim.notation)
    both = Counter((e.actor, e.claim) for e in data.edges)
    for e in data.edges:
        color = SUPPORTS_COLOR if e.stance == "supports" else OPPOSES_COLOR
        options: dict[str, Any] = {}
        if both[(e.actor, e.claim)] > 1:
            # the same actor both supports and opposes: bend the two edges apart
            options["smooth"] = {"enabled": True, "roundness": 0.25,
                                 "type": "curvedCW" if e.stance == "supports" else "curvedCCW"}
        net.add_edge(e.actor, e.claim, id=f"{e.actor} {e.stance} {e.claim}",
                     color={"color": color, "highlight": color, "hover": color},
                     width=_width(e.statements), arrows={"to": {"enabled": False}},
                     title=_edge_title(data, e), stance=e.stance, statements=e.statements,
                     **options)
    return net


def _pair_network(data: MapData, pairs: tuple[PairEdge, ...]):
    net = _new_network()
    _add_actor_nodes(net, data, list({e.actor for e in data.edges}))
    for p in pairs:
        color = SUPPORTS_COLOR if p.kind == "congruence" else OPPOSES_COLOR
        a, b = data.actors[p.a].label, data.actors[p.b].label
        verb = "agree" if p.kind == "congruence" else "disagree"
        lines = [f"{a} and {b} {verb} on {p.weight} claim(s)"]
        for claim, sa, sb in p.claims:
            c = data.claims[claim]
            tag = f" [{c.notation}]" if c.notation else ""
            how = f"both {sa[:-1]}" if sa == sb else f"{a} {sa[:-1]}s, {b} {sb[:-1]}s"
            lines.append(f"• {how}: “{c.label}”{tag}")
        net.add_edge(p.a, p.b, id=f"{p.a} {p.kind} {p.b}",
                     color={"color": color, "highlight": color, "hover": color},
                     width=_width(p.weight), arrows={"to": {"enabled": False}},
                     title="\n".join(lines), kind=p.kind, claims=p.weight)
    return net


def _width(n: int) -> float:
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
        lines += ["", f"… and {len(e.quotes) - _MAX_QUOTES} more quote(s)"]
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
    """Write via a temporary file in the same directory, so readers never see half a map."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a map is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
