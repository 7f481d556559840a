"""Exceptions graphbuild raises; only ``cli.py`` turns them into exit codes.

Messages are one line and name the file (and line) at fault, so a user can
fix the input without reading a traceback.
"""
from __future__ import annotations


class GraphbuildError(Exception):
    """Base class of every error graphbuild raises on purpose."""


class InputError(GraphbuildError):
    """An input document or corpus line cannot be read.

    >>> print(InputError("corpus.jsonl", "missing 'text'", line=3))
    corpus.jsonl:3: missing 'text'
    """

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path, self.reason, self.line = str(path), reason, line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class CodebookError(GraphbuildError):
    """The claim codebook is malformed; raised before any work starts."""


class AliasError(GraphbuildError):
    """The actor alias file is malformed; raised before any work starts."""


class OntologyError(GraphbuildError):
    """A graph does not conform to the graphbuild shapes."""


class QueryError(GraphbuildError):
    """A SPARQL query could not be parsed or run."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and was stopped; nothing was written."""
