"""graphbuild: map who argues what.

Reads news articles and op-eds, extracts actor -> stance -> claim statements,
merges them into one RDF knowledge graph with provenance, answers SPARQL and
renders an interactive map. The public API lives in :mod:`graphbuild.api`
and is re-exported here, imported on first use so that ``import graphbuild``
and the CLI's ``--help`` stay fast.
"""
from __future__ import annotations

import importlib
from importlib.metadata import version
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type checkers and IDEs see the API without the lazy import
    from .api import *  # noqa: F403

__version__ = version("graphbuild")

# Must equal graphbuild.api.__all__ (tests/test_api.py checks): names listed
# here statically so that submodule imports never trigger loading the API.
# No submodule may share a name with an entry: importing it would rebind the
# package attribute to the module (hence builder.py, not build.py).
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


def __getattr__(name: str):
    if name not in __all__:
        raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
    value = getattr(importlib.import_module("graphbuild.api"), name)
    globals()[name] = value  # later look-ups skip this hook
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
