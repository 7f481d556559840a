"""Exceptions graphbuild raises; only ``cli.py`` turns them into exit codes.

Messages are one line and name the file (and line) at fault, so a user can
fix the input without reading a traceback.
"""
from __future__ import annotations

import re

# C0 and C1 control characters but tab and newline: a terminal acts on them (ESC starts
# sequences that recolour text, move the cursor or set the window title).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    r"""``text`` with control characters shown as ``\xNN``, safe to print to a terminal.

    >>> printable("Ann\x1b]0;pwned\x07 Lee")
    'Ann\\x1b]0;pwned\\x07 Lee'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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
