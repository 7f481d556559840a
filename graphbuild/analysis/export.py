"""Files for other tools: GraphML and GEXF (Gephi), CSV edge lists, JSON, DNA statements.

Network writers take any networkx graph from :mod:`graphbuild.analysis`;
node ids are IRIs and the readable name is the ``label`` attribute (Gephi
shows it). Attribute values GraphML cannot hold (lists, ``None``) are joined
with ``"; "`` or left out; GEXF keeps ``spells`` and ``(value, start, end)``
lists as dynamic data for Gephi's timeline. :func:`write_dna_csv` writes the
statements in Discourse Network Analyzer's layout (document, actor,
organisation, concept, agreement) so DNA users can move their data.

Every file is written atomically (temporary file, then rename).

>>> import networkx as nx, tempfile, pathlib
>>> out = write_network(nx.path_graph(3), pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
>>> sorted(nx.read_graphml(out).nodes)
['0', '1', '2']
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from graphbuild.analysis.data import Debate
from graphbuild.atomic import atomic_open

__all__ = ["format_cell", "write_network", "write_graphml", "write_gexf", "write_edge_csv", "write_node_csv",
           "write_json", "write_dna_csv", "write_rows_csv", "write_text", "NETWORK_FORMATS"]

_DYNAMIC = ("spells", "period_weight")


def _atomic(path: str | Path, write: Callable[[io.BufferedWriter], None]) -> Path:
    with atomic_open(path, "wb") as fh:
        write(fh)
    return Path(path)


def _scalar(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value))
    return value


# Characters XML 1.0 cannot hold, not even escaped (lxml refuses them mid-file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value):
    """A string with what XML cannot hold shown as ``\\xNN``; other values as they are."""
    if not isinstance(value, str):
        return value
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def _flat(g: nx.Graph, *, dynamic: bool) -> nx.Graph:
    """A copy whose attributes the XML writers accept."""
    def clean(data: dict) -> dict:
        out = {}
        for key, value in data.items():
            if value is None:
                continue
            if key in _DYNAMIC:
                if dynamic and value:
                    out[key] = list(value)
                continue
            out[key] = _xml_text(_scalar(value))
        return out

    h = g.__class__()
    h.graph.update({k: _xml_text(_scalar(v)) for k, v in g.graph.items() if v is not None})
    if not dynamic:
        h.graph.pop("mode", None)
    h.add_nodes_from((_xml_text(n), clean(d)) for n, d in g.nodes(data=True))
    h.add_edges_from((_xml_text(u), _xml_text(v), clean(d)) for u, v, d in g.edges(data=True))
    return h


def write_graphml(g: nx.Graph, path: str | Path) -> Path:
    """GraphML (Gephi, yEd, visone, igraph); lists become ``"; "``-joined strings.

    >>> import tempfile
    >>> g = nx.Graph([("a", "b", {"claims": ["c1", "c2"]})])
    >>> out = write_graphml(g, Path(tempfile.mkdtemp()) / "g.graphml")
    >>> nx.read_graphml(out).edges["a", "b"]["claims"]
    'c1; c2'
    """
    flat = _flat(g, dynamic=False)
    return _atomic(path, lambda fh: nx.write_graphml(flat, fh))


def write_gexf(g: nx.Graph, path: str | Path) -> Path:
    """GEXF 1.2 for Gephi; ``start``/``end``, ``spells`` and ``period_weight`` stay dynamic.

    The same graph gives the same bytes on any day: networkx stamps the
    file with today's date, which is dropped (or set from
    ``SOURCE_DATE_EPOCH``, the reproducible-builds convention).

    >>> import tempfile
    >>> out = write_gexf(nx.Graph([("a", "b", {"weight": 2})]), Path(tempfile.mkdtemp()) / "g.gexf")
    >>> nx.read_gexf(out).edges["a", "b"]["weight"], "lastmodifieddate" in out.read_text()
    (2.0, False)
    """
    flat = _flat(g, dynamic=True)

    def write(fh) -> None:
        writer = GEXFWriter(encoding="utf-8", prettyprint=True)
        writer.add_graph(flat)
        meta = writer.xml.find("meta")
        if meta is not None:
            epoch = os.environ.get("SOURCE_DATE_EPOCH")
            if epoch and epoch.isdigit():
                day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%d")
                meta.set("lastmodifieddate", day)
            else:
                meta.attrib.pop("lastmodifieddate", None)
        writer.write(fh)
    return _atomic(path, write)


def _rows_csv(header: list[str], rows) -> Callable:
    def write(fh) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        w = csv.writer(text)
        w.writerow(header)
        w.writerows(rows)
        text.flush()
        text.detach()
    return write


def write_rows_csv(path: str | Path, header: list[str], rows) -> Path:
    """A plain CSV table (UTF-8, header first), written atomically.

    >>> import tempfile
    >>> out = write_rows_csv(Path(tempfile.mkdtemp()) / "t.csv", ["actor", "share"], [["Ann", 1 / 3], ["Bo", None]])
    >>> out.read_text().splitlines()
    ['actor,share', 'Ann,0.333333', 'Bo,']
    """
    return _atomic(path, _rows_csv(header, ([format_cell(v) for v in row] for row in rows)))


def write_text(path: str | Path, text: str) -> Path:
    """A UTF-8 text file, written atomically.

    >>> import tempfile
    >>> write_text(Path(tempfile.mkdtemp()) / "n.txt", "Zoë").read_bytes()
    b'Zo\\xc3\\xab'
    """
    return _atomic(path, lambda fh: fh.write(text.encode("utf-8")))


def write_edge_csv(g: nx.Graph, path: str | Path) -> Path:
    """One row per edge: source, target, their labels, then every edge attribute.

    >>> import tempfile
    >>> g = nx.Graph([("a", "b", {"weight": 2.0})]); g.nodes["a"]["label"] = "Ann"
    >>> write_edge_csv(g, Path(tempfile.mkdtemp()) / "e.csv").read_text().splitlines()
    ['source,target,source_label,target_label,weight', 'a,b,Ann,b,2']
    """
    keys = sorted({k for *_, d in g.edges(data=True) for k in d if k not in _DYNAMIC})
    label = lambda n: g.nodes[n].get("label", n)
    rows = ([u, v, label(u), label(v), *[format_cell(d.get(k)) for k in keys]]
            for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])))
    return _atomic(path, _rows_csv(["source", "target", "source_label", "target_label", *keys], rows))


def write_node_csv(g: nx.Graph, path: str | Path) -> Path:
    """One row per node: id, then every node attribute (label, kind, type, …).

    >>> import tempfile
    >>> g = nx.Graph(); g.add_node("a", label="Ann", kind="actor"); g.add_node("c", label="Taxes", kind="claim")
    >>> write_node_csv(g, Path(tempfile.mkdtemp()) / "n.csv").read_text().splitlines()
    ['id,kind,label', 'a,actor,Ann', 'c,claim,Taxes']
    """
    keys = sorted({k for _, d in g.nodes(data=True) for k in d if k not in _DYNAMIC})
    rows = ([n, *[format_cell(d.get(k)) for k in keys]] for n, d in sorted(g.nodes(data=True)))
    return _atomic(path, _rows_csv(["id", *keys], rows))


def format_cell(value) -> str:
    """A CSV cell: floats with up to six significant digits (``1.0`` is ``1``), None empty.

    >>> format_cell(1.0), format_cell(17.2333333), format_cell(None)
    ('1', '17.2333', '')
    """
    value = _scalar(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def write_json(g: nx.Graph, path: str | Path) -> Path:
    """Node-link JSON (``nodes`` with ``id``, ``links`` with ``source``/``target``), as d3,
    sigma.js and vis-network read it; ``networkx.node_link_graph(data, edges="links")`` reads it back.

    >>> import tempfile
    >>> out = write_json(nx.Graph([("a", "b", {"weight": 1})]), Path(tempfile.mkdtemp()) / "g.json")
    >>> sorted(nx.node_link_graph(json.loads(out.read_text()), edges="links").edges)
    [('a', 'b')]
    """
    data = nx.node_link_data(g, edges="links")
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=_scalar)
    return _atomic(path, lambda fh: fh.write(text.encode("utf-8")))


NETWORK_FORMATS: dict[str, Callable[[nx.Graph, str | Path], Path]] = {
    "graphml": write_graphml, "gexf": write_gexf, "csv": write_edge_csv, "json": write_json,
}


def write_network(g: nx.Graph, path: str | Path, format: str | None = None) -> Path:
    """Write ``g`` in ``format`` (default: from the suffix: .graphml, .gexf, .csv, .json).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_network(nx.path_graph(2), folder / "edges.txt", "csv").read_text().splitlines()[0]
    'source,target,source_label,target_label'
    >>> write_network(nx.path_graph(2), folder / "g.pdf")
    Traceback (most recent call last):
    ValueError: unknown network format 'pdf'; use one of graphml, gexf, csv, json
    """
    fmt = (format or Path(path).suffix.lstrip(".")).lower()
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")
    return NETWORK_FORMATS[fmt](g, path)


def dna_rows(debate: Debate) -> list[list[str]]:
    """DNA statement rows: document, actor, organisation, concept, agreement (1 or 0).

    A person's organisation is their affiliation; an organisation is its own,
    so DNA's organisation networks include both kinds of actor.

    >>> from graphbuild.analysis.data import StatementRecord
    >>> from graphbuild.models import Actor
    >>> d = Debate(actors={"a": Actor("Acme", "Organization")},
    ...            statements=(StatementRecord("a", "c", "opposes", document="d"),))
    >>> dna_rows(d)
    [['d', 'Acme', 'Acme', 'c', '0']]
    """
    rows = []
    for s in debate.statements:
        actor = debate.actors.get(s.actor)
        name = actor.name if actor else s.actor
        org = name if actor and actor.type == "Organization" else (actor.affiliation if actor else None)
        claim = debate.claims.get(s.claim)
        doc = debate.documents.get(s.document) if s.document else None
        rows.append([doc.id if doc else (s.document or ""), name, org or "",
                     claim.label if claim else s.claim, "1" if s.stance == "supports" else "0"])
    return rows


def write_dna_csv(debate: Debate, path: str | Path, *, documents: str | Path | None = None) -> Path:
    """The statements as a DNA-style CSV; ``documents`` also writes the document table
    (id, title, author, source, date) that DNA keeps beside its statements.

    >>> import tempfile
    >>> from graphbuild.analysis.data import StatementRecord
    >>> d = Debate(statements=(StatementRecord("a", "c", "supports", document="d1"),))
    >>> write_dna_csv(d, Path(tempfile.mkdtemp()) / "dna.csv").read_text().splitlines()
    ['document,actor,organisation,concept,agreement', 'd1,a,,c,1']
    """
    header = ["document", "actor", "organisation", "concept", "agreement"]
    out = _atomic(path, _rows_csv(header, dna_rows(debate)))
    if documents is not None:
        used = {s.document for s in debate.statements}
        rows = ([d.id, d.title or "", "; ".join(d.authors), d.outlet or "", d.date or ""]
                for iri, d in debate.documents.items() if iri in used)
        _atomic(documents, _rows_csv(["id", "title", "author", "source", "date"], rows))
    return out
