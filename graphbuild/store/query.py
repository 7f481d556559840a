"""SPARQL on a store: parameters bound as RDF terms, results as plain values, an optional time limit.

A query with a time limit on an Oxigraph directory runs in a child process
(:mod:`graphbuild.store.query_child`) killed at the limit, since Oxigraph
cannot stop a query it has started; a remote query stops waiting for the
endpoint at the limit.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.build import PREFIXES
from ..rdf.deadline import run_with_deadline, time_limit, timeout_error
from ..rdf.query import QueryResult, bind_value, check_parameters
from . import is_remote, open_store, query_child
from .base import GraphStore, StoreError, nt
from .local import LOCK_FILE, LocalStore
from .lock import FileLock
from .remote import RemoteStore

__all__ = ["query_store", "bind_values"]

_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _first_group(sparql: str) -> int:
    """Index of the ``{`` that opens the query's WHERE group (strings, IRIs and comments skipped)."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            i = sparql.find("\n", i)
            if i < 0:
                break
        elif c in "\"'":
            quote = c * 3 if sparql.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not sparql.startswith(quote, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(quote) - 1
        elif c == "<":
            end = re.match(r"<[^<>\"{}|^`\\\s]*>", sparql[i:])
            if end:
                i += end.end() - 1
        elif c == "{":
            return i
        i += 1
    raise QueryError("SPARQL error: the query has no WHERE { … } group to bind parameters in")


def bind_values(sparql: str, params: Mapping[str, object]) -> str:
    """``sparql`` with ``params`` bound by a VALUES block opening its WHERE group.

    Values become RDF terms serialised by Oxigraph (quotes and newlines
    escaped), never pasted text, so a value cannot change the query.

    >>> bind_values("SELECT ?n WHERE { ?a rdfs:label ?n }", {"n": 'x" } #'})
    'SELECT ?n WHERE { VALUES (?n) { ("x\\\\" } #") } ?a rdfs:label ?n }'
    """
    if not params:
        return sparql
    names = [name.lstrip("?$") for name in params]
    for name in names:
        if not _VARNAME.match(name):
            raise QueryError(f"{name!r} is not a valid SPARQL variable name")
    terms = " ".join(nt(bind_value(v)) for v in params.values())
    at = _first_group(sparql) + 1
    return f"{sparql[:at]} VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}{sparql[at:]}"


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt",
                                     "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"}


def _python(term) -> object:
    """A result cell as the plain Python value :func:`graphbuild.run_query` gives for it."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == f"{_XSD}boolean":
            return term.value in ("true", "1")
        return term.value
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def query_store(store: GraphStore | str | Path, sparql: str, params: Mapping[str, object] | None = None, *,
                timeout: float | None = None) -> QueryResult:
    """Run a SELECT or ASK query on a store (open, a directory or an endpoint URL), ``params`` bound as RDF terms.

    The default graph is the union of all graphs, and the ``gb:``, ``rdfs:``,
    ``skos:`` … prefixes are predeclared, so the example queries run unchanged.
    A query still running after ``timeout`` seconds is stopped with
    :class:`~graphbuild.errors.QueryTimeoutError` (``None`` or ``0``: no limit).

    >>> query_store("store/", "SELECT (COUNT(*) AS ?n) WHERE { ?s a gb:Statement }", timeout=60).rows  # doctest: +SKIP
    [(52,)]
    """
    check_parameters(sparql, params)
    limit = time_limit(timeout)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    text = prologue + bind_values(sparql, params or {})
    if not isinstance(store, GraphStore):
        path = Path(store)
        # No database yet (CURRENT is RocksDB's entry file): opening creates an empty store, answered at once.
        if limit is not None and not is_remote(store) and (path / "CURRENT").is_file():
            with FileLock(path / LOCK_FILE, f"store {path}"):
                return _result(_query_in_child(path, text, limit))
        with open_store(store) as opened:
            return query_store(opened, sparql, params, timeout=timeout)
    if limit is None:
        result = store.query(text, union=True)
    elif isinstance(store, LocalStore):
        store.flush()  # the child reads what is on disk
        result = _query_in_child(store.path, text, limit)
    elif isinstance(store, RemoteStore):
        result = store.query(text, union=True, timeout=limit)
    else:  # another kind of store: stoppable if its query runs in Python
        return run_with_deadline(lambda: _result(store.query(text, union=True)), limit)
    return _result(result)


def _result(result) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(["ask"], [(bool(result),)])
    if not hasattr(result, "variables"):
        raise QueryError("only SELECT and ASK queries can be run")
    columns = [v.value for v in result.variables]
    return QueryResult(columns, [tuple(_python(row[c]) for c in columns) for row in result])


_CHILD = Path(query_child.__file__)


def _query_in_child(path: Path, sparql: str, limit: float):
    """SPARQL results of ``sparql`` on the store in ``path``, from a child process killed after ``limit`` seconds."""
    try:
        # -P: the child's own folder (this package) must not shadow what it imports.
        done = subprocess.run([sys.executable, "-P", str(_CHILD), str(path)], input=sparql.encode("utf-8"),
                              capture_output=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        raise timeout_error(limit) from None
    message = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
    if done.returncode == query_child.SYNTAX:
        raise QueryError(f"SPARQL error: {message}")
    if done.returncode == query_child.NOT_SELECT:
        raise QueryError("only SELECT and ASK queries can be run")
    if done.returncode != 0:
        raise StoreError(f"store {path}: cannot query ({message or f'exit status {done.returncode}'})")
    return ox.parse_query_results(done.stdout, format=ox.QueryResultsFormat.JSON)
