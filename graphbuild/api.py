"""The public Python API: everything the CLI can do, for notebooks and scripts.

>>> import graphbuild as gb  # doctest: +SKIP
>>> result = gb.build(["seeds/"], "out/")  # doctest: +SKIP
>>> gb.run_query(result.graph, "SELECT ?a WHERE { ?a gb:supports ?c }")  # doctest: +SKIP
"""
from __future__ import annotations

from .build import BuildResult, build, resolve_codebook, summary_rows, write_statements
from .codebook import load_codebook
from .extract import extract_statements, find_attributions
from .ingest import document_from_text, read_document, read_documents
from .models import Actor, Attribution, Claim, Codebook, Document, Statement
from .query import format_result, load_query, run_query
from .rdf.build import build_graph
from .rdf.io import load_graph, serialize_graph
from .rdf.validate import validate_file, validate_graph
from .render import render_map
from .stats import graph_stats

__all__ = [
    "Actor", "Attribution", "BuildResult", "Claim", "Codebook", "Document", "Statement",
    "build", "build_graph", "document_from_text", "extract_statements", "find_attributions",
    "format_result", "graph_stats", "load_codebook", "load_graph", "load_query", "read_document",
    "read_documents", "render_map", "resolve_codebook", "run_query", "serialize_graph",
    "summary_rows", "validate_file", "validate_graph", "write_statements",
]
