"""The public Python API: everything the CLI can do, for notebooks and scripts.

>>> import graphbuild as gb
>>> book = gb.load_codebook(SEEDS / "codebook.yaml")
>>> docs = gb.read_documents([SEEDS / "001_8efe145ea01ff212.txt"])
>>> graph = gb.build_graph([], gb.extract_statements(docs, book, nlp=nlp), book)
>>> [row[1:] for row in gb.run_query(graph, gb.load_query("who-supports"), {"claimId": "russia-dissolution"}).rows]
[('Janusz Bugajski', 1)]
"""
from __future__ import annotations

from .analysis import AnalysisOptions, AnalysisResult, analyze, format_analysis, write_analysis
from .codebook.aliases import apply_aliases, load_aliases
from .codebook.codebook import load_codebook, resolve_codebook
from .codebook.draft import Draft, DraftClaim, codebook_yaml
from .codebook.suggest import suggest_codebook
from .errors import (AliasError, CodebookError, GraphbuildError, InputError, OntologyError, QueryError,
                     QueryTimeoutError)
from .map.render import render_map
from .models import Actor, Attribution, Claim, Codebook, Document, Statement
from .nlp.extract import extract_statements, find_attributions
from .nlp.stance_features import ClaimPhrasings
from .nlp.stance_model import StanceResult, classify_stance
from .rdf.build import build_graph
from .rdf.io import load_graph, serialize_graph
from .rdf.query import QueryResult, format_result, load_query, run_query
from .rdf.stats import graph_stats
from .rdf.validate import ValidationResult, validate_file, validate_graph
from .run.actors import ActorRow, aliases_draft, format_actors, list_actors
from .run.build import BuildInterrupted, BuildResult, build, remove_documents, summary_rows
from .run.incremental import StoreReport
from .run.mainguard import UnguardedScriptWarning
from .run.outputs import write_statements
from .run.stance_pairs import stance_pairs
from .run.stream import stream_attributions, stream_statements
from .store import StoreError, StoreWarning, open_store, query_store
from .text.ingest import InputWarning, count_documents, document_from_text, is_stdin, read_document, read_documents

# The one list of public names; ``graphbuild`` re-exports them lazily.
__all__ = [
    "AnalysisOptions", "AnalysisResult", "analyze", "format_analysis", "write_analysis",
    "Actor", "ActorRow", "AliasError", "Attribution", "BuildInterrupted", "BuildResult", "Claim", "Codebook", "CodebookError", "Document",
    "Draft", "DraftClaim",
    "GraphbuildError", "InputError", "InputWarning", "OntologyError", "QueryError", "QueryResult", "QueryTimeoutError",
    "Statement",
    "StoreError", "StoreReport", "StoreWarning", "UnguardedScriptWarning", "ValidationResult",
    "aliases_draft", "apply_aliases", "build", "build_graph", "codebook_yaml", "count_documents", "document_from_text", "is_stdin",
    "extract_statements", "find_attributions",
    "format_actors", "format_result", "graph_stats", "list_actors", "load_aliases", "load_codebook", "load_graph", "load_query", "open_store", "query_store",
    "read_document", "read_documents", "remove_documents", "render_map", "resolve_codebook", "run_query",
    "serialize_graph", "stream_attributions", "stream_statements", "suggest_codebook",
    "ClaimPhrasings", "StanceResult", "classify_stance", "stance_pairs",
    "summary_rows", "validate_file", "validate_graph", "write_statements",
]
