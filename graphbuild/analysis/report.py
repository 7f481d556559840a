"""One call for the whole analysis, and its results as tables, CSV, JSON, RDF and network files.

:func:`analyze` reads a graph (or takes a :class:`~graphbuild.analysis.data.Debate`)
and computes coalitions, polarisation, per-claim controversy, bridging
actors and, given ``by``, the same per period or sliding window.
:func:`format_analysis` renders the tables for a terminal (or as CSV/JSON);
:func:`write_analysis` writes result tables, network exports and the
coalition triples to a directory.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph

from ..atomic import output_set
from ..errors import printable
from ..rdf.build import bind_prefixes
from ..rdf.io import serialize_graph
from .coalitions import Bridge, ClaimControversy, Coalitions, bridging_actors, claim_controversy, find_coalitions
from .data import Debate, load_debate, normalize_duplicates
from .export import format_cell, write_dna_csv, write_network, write_rows_csv, write_text
from .networks import (ONE_MODE_NORMALIZATIONS, TWO_MODE_NORMALIZATIONS, actor_network, claim_network,
                       two_mode_network)
from .rdf import add_coalitions
from .timeline import UNITS, PeriodResult, dynamic_network, over_time

__all__ = ["AnalysisOptions", "AnalysisResult", "analyze", "format_analysis", "write_analysis", "EXPORTS"]

EXPORTS: tuple[str, ...] = ("graphml", "gexf", "csv", "json", "dna")
_MAX_MEMBERS_SHOWN = 8


@dataclass(frozen=True)
class AnalysisOptions:
    """DNA-style settings shared by every network of one analysis."""

    duplicates: str = "every"
    normalization: str = "no"            # one-mode: no, average, jaccard, cosine
    two_mode_normalization: str = "no"   # two-mode: no, activity, prominence
    isolates: bool = False
    min_weight: float = 0.0
    by: str | None = None                # week, month, year
    window: int = 1                      # sliding window length in periods of ``by``
    claims: tuple[str, ...] | None = None
    stance: str | None = None
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "duplicates", normalize_duplicates(self.duplicates))
        if self.by is not None and self.by not in UNITS:
            raise ValueError(f"unknown period {self.by!r}; use one of {', '.join(UNITS)}")
        if self.window < 1:
            raise ValueError(f"a window spans at least one period, not {self.window}")
        for value, allowed, what in ((self.normalization, ONE_MODE_NORMALIZATIONS, "normalization"),
                                     (self.two_mode_normalization, TWO_MODE_NORMALIZATIONS,
                                      "two-mode normalization")):
            if value not in allowed:
                raise ValueError(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")


@dataclass
class AnalysisResult:
    debate: Debate
    options: AnalysisOptions
    coalitions: Coalitions
    controversy: list[ClaimControversy]
    bridges: list[Bridge]
    periods: list[PeriodResult] = field(default_factory=list)

    # --- names -----------------------------------------------------------------
    def actor_label(self, iri: str) -> str:
        """The actor's name (its IRI when the debate does not name it).

        >>> result = analyze(two_sided_debate())  # conftest.py: Ann Lee (urn:a) for "tax" (urn:c), urn:b against
        >>> result.actor_label("urn:a"), result.actor_label("urn:b")
        ('Ann Lee', 'urn:b')
        """
        a = self.debate.actors.get(iri)
        return a.name if a else iri

    def claim_label(self, iri: str) -> str:
        """The claim's label (its IRI when the debate has none).

        >>> result = analyze(two_sided_debate())  # conftest.py: Ann Lee (urn:a) for "tax" (urn:c), urn:b against
        >>> result.claim_label("urn:c"), result.claim_label("urn:x")
        ('Taxes should rise', 'urn:x')
        """
        c = self.debate.claims.get(iri)
        return c.label if c else iri

    def claim_id(self, iri: str) -> str:
        """The claim's codebook id (its IRI when it has none).

        >>> result = analyze(two_sided_debate())  # conftest.py: Ann Lee (urn:a) for "tax" (urn:c), urn:b against
        >>> result.claim_id("urn:c"), result.claim_id("urn:x")
        ('tax', 'urn:x')
        """
        c = self.debate.claims.get(iri)
        return (c.notation if c else None) or iri

    def coalition_name(self, index: int) -> str:
        """The coalition's name in tables: C1 for the largest, '-' for none.

        >>> result = analyze(two_sided_debate())  # conftest.py: Ann Lee (urn:a) for "tax" (urn:c), urn:b against
        >>> result.coalition_name(result.coalitions.membership["urn:a"]), result.coalition_name(-1)
        ('C1', '-')
        """
        return f"C{index + 1}" if index >= 0 else "-"

    def add_to_graph(self, graph: Graph) -> Graph:
        """Add the coalitions to ``graph`` as ``gb:Coalition`` nodes (replacing earlier ones).

        >>> result = analyze(two_sided_debate())  # conftest.py: Ann Lee (urn:a) for "tax" (urn:c), urn:b against
        >>> from graphbuild.analysis.rdf import read_coalitions
        >>> read_coalitions(result.add_to_graph(Graph()))
        {'coalition 1': ('urn:a',), 'coalition 2': ('urn:b',)}
        """
        return add_coalitions(graph, self.coalitions)

    # --- networks ----------------------------------------------------------------
    def networks(self) -> dict[str, nx.Graph]:
        """Every network of the analysis by file stem: two-mode, actor projections, claim congruence.

        >>> result = analyze(two_sided_debate())  # conftest.py: Ann Lee (urn:a) for "tax" (urn:c), urn:b against
        >>> nets = result.networks()
        >>> sorted(nets), nets["actor-conflict"].edges["urn:a", "urn:b"]["weight"]
        (['actor-conflict', 'actor-congruence', 'actor-subtract', 'claim-congruence', 'two-mode'], 1.0)
        """
        o = self.options
        one = {"normalization": o.normalization, "duplicates": o.duplicates, "isolates": o.isolates,
               "min_weight": o.min_weight}
        nets = {"two-mode": two_mode_network(self.debate, duplicates=o.duplicates, isolates=o.isolates,
                                             normalization=o.two_mode_normalization, min_weight=o.min_weight)}
        for kind in ("congruence", "conflict", "subtract"):
            nets[f"actor-{kind}"] = actor_network(self.debate, kind, **one)
        nets["claim-congruence"] = claim_network(self.debate, "congruence", **one)
        for name, g in nets.items():
            for n, d in g.nodes(data=True):
                if d.get("kind") == "actor":
                    d["coalition"] = self.coalition_name(self.coalitions.membership.get(n, -1))
        return nets

    # --- tables --------------------------------------------------------------------
    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """``{name: (header, rows)}``: summary, coalitions, claims, actors and (with ``by``) periods.

        >>> result = analyze(two_sided_debate())  # conftest.py: Ann Lee (urn:a) for "tax" (urn:c), urn:b against
        >>> header, rows = result.tables()["claims"]
        >>> dict(zip(header, rows[0]))  # doctest: +NORMALIZE_WHITESPACE
        {'claim': 'tax', 'label': 'Taxes should rise', 'weighted_supporters': 1.0, 'weighted_opponents': 1.0,
         'statements': 2, 'controversy': 1.0}
        """
        c, d = self.coalitions, self.debate
        active = {s.actor for s in d.statements}
        stance_counts = Counter((s.actor, s.stance) for s in d.statements)
        summary = [["statements", len(d.statements)], ["actors", len(active)],
                   ["claims", len({s.claim for s in d.statements})],
                   ["documents", len({s.document for s in d.statements if s.document})],
                   ["coalitions (2+ actors)", sum(len(g) > 1 for g in c.groups)],
                   ["polarization", c.polarization], ["signed modularity", c.modularity],
                   ["frustration", c.frustration]]
        coalitions = [[self.coalition_name(i), len(g), "; ".join(sorted(self.actor_label(a) for a in g))]
                      for i, g in enumerate(c.groups)]
        claims = [[self.claim_id(r.claim), self.claim_label(r.claim), r.supporters, r.opponents,
                   r.statements, r.controversy] for r in self.controversy]
        actors = [[self.actor_label(b.actor), self.coalition_name(b.coalition), stance_counts[(b.actor, "supports")],
                   stance_counts[(b.actor, "opposes")], b.betweenness, b.coalitions_reached]
                  for b in self.bridges]
        out = {
            "summary": (["measure", "value"], summary),
            "coalitions": (["coalition", "actors", "members"], coalitions),
            # weighted: an actor who both supports and opposes a claim counts by the share of its statements
            "claims": (["claim", "label", "weighted_supporters", "weighted_opponents", "statements", "controversy"],
                       claims),
            "actors": (["actor", "coalition", "supports", "opposes", "betweenness", "coalitions_reached"], actors),
        }
        if self.periods:
            rows = []
            for p in self.periods:
                sizes = Counter()
                for i, group in enumerate(p.coalitions.groups):
                    sizes[self.coalition_name(p.matched[i])] += len(group)
                camps = ", ".join(f"{name}:{n}" for name, n in sorted(sizes.items(), key=lambda x: (-x[1], x[0])))
                rows.append([p.window.label, p.window.start.isoformat(), p.window.last_day.isoformat(),
                             p.statements, p.actors, sum(len(g) > 1 for g in p.coalitions.groups),
                             p.coalitions.polarization, camps])
            out["periods"] = (["period", "start", "end", "statements", "actors", "coalitions", "polarization",
                               "camps"], rows)
        return out

    def to_json(self) -> dict:
        """Everything as JSON-ready data (IRIs as keys, labels alongside).

        >>> result = analyze(two_sided_debate())  # conftest.py: Ann Lee (urn:a) for "tax" (urn:c), urn:b against
        >>> data = result.to_json()
        >>> data["polarization"], [c["members"] for c in data["coalitions"]]
        (1.0, [[{'iri': 'urn:a', 'label': 'Ann Lee'}], [{'iri': 'urn:b', 'label': 'urn:b'}]])
        """
        c = self.coalitions
        data = {
            "options": asdict(self.options),
            "method": c.method,
            "polarization": c.polarization, "modularity": c.modularity, "frustration": c.frustration,
            "coalitions": [{"id": self.coalition_name(i), "members": [
                {"iri": a, "label": self.actor_label(a)} for a in g]} for i, g in enumerate(c.groups)],
            "claims": [dict(asdict(r), label=self.claim_label(r.claim), id=self.claim_id(r.claim))
                       for r in self.controversy],
            "actors": [dict(asdict(b), label=self.actor_label(b.actor), coalition=self.coalition_name(b.coalition))
                       for b in self.bridges],
        }
        if self.periods:
            data["periods"] = [{
                "period": p.window.label, "start": p.window.start.isoformat(), "end": p.window.last_day.isoformat(),
                "statements": p.statements, "actors": p.actors, "polarization": p.coalitions.polarization,
                "modularity": p.coalitions.modularity,
                "coalitions": [{"matches": self.coalition_name(p.matched[i]),
                                "members": [self.actor_label(a) for a in g]}
                               for i, g in enumerate(p.coalitions.groups)],
            } for p in self.periods]
        return data


def analyze(graph: Graph | Debate, options: AnalysisOptions | None = None, **settings) -> AnalysisResult:
    """Coalitions, polarisation, controversy, bridging actors (and periods) of a debate.

    ``settings`` are :class:`AnalysisOptions` fields, e.g. ``duplicates="document"``,
    ``by="month"``, ``window=3``.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c", "supports"), S("b", "c", "supports"), S("x", "c", "opposes")))
    >>> analyze(d).coalitions.groups
    (('a', 'b'), ('x',))
    """
    o = options or AnalysisOptions(**settings)
    debate = graph if isinstance(graph, Debate) else load_debate(graph)
    if o.claims is not None or o.stance is not None or o.min_confidence is not None:
        debate = debate.select(claims=o.claims, stance=o.stance, min_confidence=o.min_confidence)
    net = {"duplicates": o.duplicates, "normalization": o.normalization}
    coalitions = find_coalitions(debate, min_weight=o.min_weight, **net)
    periods = over_time(debate, o.by, o.window, min_weight=o.min_weight, overall=coalitions, **net) if o.by else []
    return AnalysisResult(debate, o, coalitions, claim_controversy(debate, duplicates=o.duplicates),
                          bridging_actors(debate, coalitions, **net), periods)


# --- output ------------------------------------------------------------------------

WEIGHTED_NOTE = ("(weighted: an actor who both supports and opposes a claim counts as a supporter and an opponent "
                 "by the share of its statements, so these may be fractions)")


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return "" if value is None else printable(str(value))


def _text_table(header: list[str], rows: list[list], width: int = 60) -> str:
    cells = [[_cell(v) for v in row] for row in rows]
    cells = [[v if len(v) <= width else v[: width - 1] + "…" for v in row] for row in cells]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    line = lambda r: "  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, cells)])


def format_analysis(result: AnalysisResult, fmt: str = "table", *, top: int | None = 10) -> str:
    """The result tables as aligned text (``table``), CSV sections (``csv``) or JSON (``json``).

    ``top`` limits the actors table in text output (the most central first).

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> print(format_analysis(analyze(Debate(statements=(S("a", "c", "supports"),))), "csv").splitlines()[:3])
    ['# summary', 'measure,value', 'statements,1']
    """
    if fmt == "json":
        return json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str)
    parts = []
    for name, (header, rows) in result.tables().items():
        if fmt == "csv":
            import csv
            import io

            buf = io.StringIO()
            # the same cells as the CSV files: a whole number without ".0"
            csv.writer(buf, lineterminator="\n").writerows([header, *([format_cell(v) for v in r] for r in rows)])
            parts.append(f"# {name}\n{buf.getvalue().rstrip()}")
        elif fmt == "table":
            shown = rows[:top] if name == "actors" and top else rows
            title = name if len(shown) == len(rows) else f"{name} (top {len(shown)} of {len(rows)})"
            note = f"\n{WEIGHTED_NOTE}" if "weighted_supporters" in header else ""
            parts.append(f"== {title} ==\n{_text_table(header, shown)}{note}")
        else:
            raise ValueError(f"unknown output format {fmt!r}; use table, csv or json")
    return "\n\n".join(parts)


def write_analysis(result: AnalysisResult, out_dir: str | Path, *, exports: tuple[str, ...] = EXPORTS,
                   graph: Graph | None = None) -> dict[str, Path]:
    """Write tables (CSV), ``analysis.json``, ``coalitions.ttl`` and the network exports.

    ``graph``, when given, also gets the coalitions added (in memory).
    Returns ``{name: path}`` of every file written.

    >>> import tempfile
    >>> from graphbuild.analysis.data import StatementRecord
    >>> d = Debate(statements=(StatementRecord("a", "c", "supports"), StatementRecord("b", "c", "opposes")))
    >>> files = write_analysis(analyze(d), tempfile.mkdtemp(), exports=("graphml",))
    >>> sorted(files)[:3]
    ['actor-conflict.graphml', 'actor-congruence.graphml', 'actor-subtract.graphml']
    """
    unknown = set(exports) - set(EXPORTS)
    if unknown:
        raise ValueError(f"unknown export {sorted(unknown)[0]!r}; use any of {', '.join(EXPORTS)}")
    out = Path(out_dir)
    files: dict[str, Path] = {}
    with output_set(out) as stage:  # all files new, or all as they were
        for name, (header, rows) in result.tables().items():
            files[f"{name}.csv"] = write_rows_csv(stage / f"{name}.csv", header, rows)
        text = json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str)
        files["analysis.json"] = write_text(stage / "analysis.json", text)
        files["coalitions.ttl"] = serialize_graph(add_coalitions(bind_prefixes(Graph()), result.coalitions),
                                                  stage / "coalitions.ttl")
        if graph is not None:
            result.add_to_graph(graph)
        for stem, g in result.networks().items():
            for fmt in ("graphml", "gexf", "csv", "json"):
                if fmt in exports:
                    files[f"{stem}.{fmt}"] = write_network(g, stage / f"{stem}.{fmt}", fmt)
        if "gexf" in exports and result.debate.dated:
            o = result.options
            dyn = dynamic_network(result.debate, "two-mode", o.by or "month", duplicates=o.duplicates,
                                  normalization=o.two_mode_normalization)
            files["two-mode-dynamic.gexf"] = write_network(dyn, stage / "two-mode-dynamic.gexf", "gexf")
        if "dna" in exports:
            files["dna-statements.csv"] = write_dna_csv(result.debate, stage / "dna-statements.csv",
                                                        documents=stage / "dna-documents.csv")
            files["dna-documents.csv"] = stage / "dna-documents.csv"
    # Where they are now: moved from the staging folder into ``out``.
    return {name: out / path.name for name, path in files.items()}
