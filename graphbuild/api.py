"""The public Python API: everything the CLI can do, for notebooks and scripts.

>>> import graphbuild as gb  # doctest: +SKIP
>>> result = gb.build(["seeds/"], "out/")  # doctest: +SKIP
>>> gb.run_query(result.graph, gb.load_query("who-supports"), {"claimId": "russia-dissolution"})  # doctest: +SKIP
"""
from __future__ import annotations

from .analysis import AnalysisOptions, AnalysisResult, analyze, format_analysis, write_analysis
from .codebook.aliases import apply_aliases, load_aliases
from .codebook.codebook import load_codebook
from .errors import (AliasError, CodebookError, GraphbuildError, InputError, OntologyError, QueryError,
                     QueryTimeoutError)
from .map.render import render_map
from .models import Actor, Attribution, Claim, Codebook, Document, Statement
from .nlp.extract import extract_statements, find_attributions
from .rdf.build import build_graph
from .rdf.io import load_graph, serialize_graph
from .rdf.query import QueryResult, format_result, load_query, run_query
from .rdf.stats import graph_stats
from .rdf.validate import ValidationResult, validate_file, validate_graph
from .run.build import BuildInterrupted, BuildResult, build, remove_documents, resolve_codebook, summary_rows
from .run.incremental import StoreReport
from .run.mainguard import UnguardedScriptWarning
from .run.outputs import write_statements
from .store import StoreError, open_store, query_store
from .text.ingest import document_from_text, read_document, read_documents

# graphbuild/__init__.py lists the same names (tests/test_api.py checks).
__all__ = [
    "AnalysisOptions", "AnalysisResult", "analyze", "format_analysis", "write_analysis",
    "Actor", "AliasError", "Attribution", "BuildInterrupted", "BuildResult", "Claim", "Codebook", "CodebookError", "Document",
    "GraphbuildError", "InputError", "OntologyError", "QueryError", "QueryResult", "QueryTimeoutError",
    "Statement",
    "StoreError", "StoreReport", "UnguardedScriptWarning", "ValidationResult",
    "apply_aliases", "build", "build_graph", "document_from_text", "extract_statements", "find_attributions",
    "format_result", "graph_stats", "load_aliases", "load_codebook", "load_graph", "load_query", "open_store", "query_store",
    "read_document", "read_documents", "remove_documents", "render_map", "resolve_codebook", "run_query",
    "serialize_graph",
    "summary_rows", "validate_file", "validate_graph", "write_statements",
]
