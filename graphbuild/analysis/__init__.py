"""Debate analytics in the manner of Discourse Network Analysis, with networkx.

One module per idea:

* :mod:`.data` — the debate as records read from the RDF graph; duplicate rules.
* :mod:`.networks` — the signed actor–claim network and DNA's one-mode
  projections (congruence, conflict, subtract) with their normalisations.
* :mod:`.coalitions` — coalitions (signed-modularity Louvain), polarisation,
  per-claim controversy, bridging actors.
* :mod:`.backbone` — the significant ties of a dense network (disparity filter).
* :mod:`.timeline` — the same per period or sliding window; dynamic networks.
* :mod:`.rdf` — coalition membership back into the graph.
* :mod:`.report` — :func:`analyze` and its tables, CSV/JSON and files.

>>> from graphbuild.analysis import Debate, StatementRecord, analyze
>>> d = Debate(statements=(StatementRecord("a", "c", "supports"), StatementRecord("b", "c", "opposes")))
>>> analyze(d).coalitions.polarization
1.0
"""
from __future__ import annotations

from .backbone import backbone, disparity_filter
from .coalitions import (METHOD, Bridge, ClaimControversy, Coalitions, bridging_actors, claim_controversy,
                         coalitions_from_counts, coalitions_of, find_coalitions, signed_louvain, signed_modularity)
from .data import (DUPLICATES, ClaimInfo, Debate, DocumentInfo, StatementRecord, load_debate,
                   statement_counts)
from .networks import (ONE_MODE_KINDS, ONE_MODE_NORMALIZATIONS, TWO_MODE_NORMALIZATIONS, actor_network,
                       claim_network, projection, two_mode_network)
from .rdf import add_coalitions, coalition_iri, read_coalitions
from .report import EXPORTS, AnalysisOptions, AnalysisResult, analyze, format_analysis, write_analysis
from .timeline import UNITS, PeriodResult, Window, dynamic_network, over_time, time_windows

__all__ = [
    "AnalysisOptions", "AnalysisResult", "Bridge", "ClaimControversy", "ClaimInfo", "Coalitions",
    "Debate", "DocumentInfo", "DUPLICATES", "EXPORTS", "METHOD", "ONE_MODE_KINDS", "ONE_MODE_NORMALIZATIONS",
    "PeriodResult", "StatementRecord", "TWO_MODE_NORMALIZATIONS", "UNITS", "Window", "actor_network",
    "add_coalitions", "analyze", "backbone", "bridging_actors", "claim_controversy", "claim_network", "coalition_iri",
    "coalitions_from_counts", "coalitions_of", "disparity_filter", "dynamic_network", "find_coalitions", "format_analysis", "load_debate", "over_time",
    "projection", "read_coalitions", "signed_louvain", "signed_modularity", "statement_counts", "time_windows",
    "two_mode_network", "write_analysis",
]
