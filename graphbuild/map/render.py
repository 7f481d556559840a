"""The offline debate map: one self-contained HTML page drawn with vis-network.

:func:`render_map` reads a graphbuild RDF graph (via :mod:`graphbuild.map.data`),
finds the coalitions (:mod:`graphbuild.analysis`) and writes one HTML file
with three views of the debate (:mod:`graphbuild.map.views`) — *who argues
what* (actors and claims), *who sides with whom* (congruence) and *who
clashes with whom* (conflict) — and in-page filters by claim, stance,
document or outlet and minimum weight, plus an actor search. It needs no
network: vis-network's JS and CSS (shipped inside the pyvis package) are
inlined and the page loads nothing.

Safety: every piece of article text (names, titles, quotes, URLs) reaches the
page either through Jinja autoescaping or inside a JSON data block dumped with
``tojson``, which escapes ``<``, ``>``, ``&`` and ``'`` as ``\\u003c`` etc., so
``</script>`` in a quote cannot close the block. Tooltips are plain strings,
which vis-network shows as text, never as HTML; the details panel is built
with ``textContent``, and only http(s) URLs become links.

Scale and readability: the data comes from aggregate SPARQL queries
(:mod:`graphbuild.map.data`), never from the whole graph; positions come with
the views, so the page runs no physics and is usable as soon as it is drawn.
The page first shows the most active actors (:data:`DEFAULT_TOP`) with a
control to show more; labels smaller than
:data:`~graphbuild.map.views.MIN_LABEL_PX` on screen are not drawn.

Determinism: the views are sorted and laid out with a fixed seed, the JSON
is dumped with sorted keys, and nothing time-dependent is written.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from ..analysis import coalitions_from_counts
from ..atomic import write_atomic
from .data import MapData, read_map_data
from .views import (ACTORS_PER_CLAIM, ALONE_COLOR, CLAIM_STYLE, LAYOUT_SEED, MIN_CLAIMS, MIN_LABEL_PX,
                    OPPOSES_COLOR, SUPPORTS_COLOR, map_views)

VIEWS: tuple[str, ...] = ("claims", "congruence", "conflict")
VIEW_NAMES = {"claims": "Who argues what", "congruence": "Who sides with whom", "conflict": "Who clashes with whom"}
DEFAULT_TITLE = "graphbuild — who argues what"

_LARGE = 300  # nodes; above this edges are drawn straight and hidden while dragging
# The first view shows this many of the most active actors; "show more" steps up.
DEFAULT_TOP = 40
TOP_STEPS = (40, 100, 250, 1000)
_FONT = (20, 28)  # label sizes, in canvas pixels, of the least and the most active node


def _options(n_nodes: int) -> dict[str, Any]:
    large = n_nodes > _LARGE
    scaling = {"min": 10, "max": 34,
               "label": {"enabled": True, "min": _FONT[0], "max": _FONT[1], "drawThreshold": MIN_LABEL_PX,
                         "maxVisible": 40}}
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True, "hideEdgesOnDrag": large},
        "nodes": {"font": {"face": "system-ui, sans-serif", "size": _FONT[0]}, "borderWidth": 1.5,
                  "scaling": scaling},
        "edges": {"smooth": False if large else {"type": "continuous"}, "hoverWidth": 1.5, "selectionWidth": 2},
    }


def render_map(graph, path: str | Path, *, title: str = DEFAULT_TITLE, view: str = "claims",
               coalitions=None, top: int | None = DEFAULT_TOP) -> Path:
    """Write the interactive map of ``graph`` (an rdflib graph or a store) to ``path`` (atomically).

    ``view`` is the view the page opens with: ``"claims"`` (actors linked to
    the claims they support or oppose), ``"congruence"`` (actors linked when
    they share a stance on a claim) or ``"conflict"`` (opposite stances); the
    page switches between all three. ``coalitions`` (a
    :class:`~graphbuild.analysis.Coalitions`) colours the actors; by default
    they are computed with the analysis defaults. ``top`` is how many of the
    most active actors the page shows first (``None``: all).

    >>> import tempfile, pathlib
    >>> from rdflib import Graph
    >>> out = render_map(Graph(), pathlib.Path(tempfile.mkdtemp()) / "map.html")
    >>> out.name, "vis.Network" in out.read_text(encoding="utf-8")
    ('map.html', True)
    """
    html = map_html(graph, title=title, view=view, coalitions=coalitions, top=top)
    return _write_atomic(Path(path), html)


def map_html(graph, *, title: str = DEFAULT_TITLE, view: str = "claims", coalitions=None,
             top: int | None = DEFAULT_TOP) -> str:
    """The map page as a string (what :func:`render_map` writes).

    >>> from rdflib import Graph
    >>> "<title>&lt;/script&gt;</title>" in map_html(Graph(), title="</script>")
    True
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
    if top is not None and top < 1:
        raise ValueError(f"top must be at least 1 (or None for all actors), not {top}")
    data = read_map_data(graph)
    camps = coalitions if coalitions is not None else coalitions_from_counts(data.counts())
    docs = sorted({d for e in data.edges for d, _ in e.documents})
    doc_index = {d: i for i, d in enumerate(docs)}
    shown = map_views(data, camps, doc_index, top)
    views, groups, actors = shown.views, shown.legend, len(data.actors)  # every actor has a node
    css, js = _vis_assets()
    largest = max(len(v["nodes"]) for v in views.values())
    steps = [n for n in TOP_STEPS if n < actors]
    first = actors if top is None else min(top, actors)
    payload = {
        "view": view, "views": views, "options": _options(largest),
        "top": {"first": first, "steps": sorted({*steps, first}), "actors": actors,
                "minClaims": MIN_CLAIMS, "actorsPerClaim": ACTORS_PER_CLAIM},
        "docs": [_doc_entry(data, d) for d in docs],
        "claims": [{"id": shown.claim_ids[c.iri], "label": c.label, "notation": c.notation}
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
                "claim": CLAIM_STYLE},
    )


def _doc_entry(data: MapData, iri: str) -> dict:
    d = data.documents.get(iri)
    if d is None:
        return {"id": iri.rsplit("/", 1)[-1]}
    return {"id": d.id, "title": d.title, "author": ", ".join(d.authors) or None, "date": d.date,
            "outlet": d.outlet, "url": d.url}


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
