"""Persistent graph stores: an embedded Oxigraph directory or a remote SPARQL endpoint.

>>> from graphbuild.store import open_store
>>> import tempfile
>>> with open_store(tempfile.mkdtemp()) as store:
...     type(store).__name__
'LocalStore'
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..rdf.deadline import time_limit
from ..rdf.query import QueryResult, run_query
from .base import GraphStore, StoreError, StoreLockedError
from .local import LocalStore, StoreReader
from .remote import RemoteStore

__all__ = ["GraphStore", "StoreError", "StoreLockedError", "open_store", "is_remote", "query_store"]


def is_remote(location: str | Path) -> bool:
    """True for an ``http://`` or ``https://`` endpoint, False for a directory.

    >>> is_remote("http://localhost:7878/query"), is_remote("store/")
    (True, False)
    """
    return str(location).lower().startswith(("http://", "https://"))


def open_store(location: str | Path | GraphStore, *, wait: float = 0.0) -> GraphStore:
    """The store at ``location``: a directory (created if missing) or a SPARQL endpoint URL.

    A directory is held exclusively until the store is closed; ``wait``
    seconds of patience are given to a run that holds it (then
    :class:`StoreLockedError`).

    >>> open_store("http://localhost:7878/query").update_url
    'http://localhost:7878/update'
    """
    if isinstance(location, GraphStore):
        return location
    if is_remote(location):
        return RemoteStore(str(location), wait=wait)
    return LocalStore(location, wait=wait)


def query_store(store: GraphStore | str | Path, sparql: str, params: Mapping[str, object] | None = None, *,
                timeout: float | None = None) -> QueryResult:
    """:func:`~graphbuild.rdf.query.run_query` on a store: open, a directory or an endpoint URL.

    The default graph is the union of all graphs, and the ``gb:``, ``rdfs:``,
    ``skos:`` … prefixes are predeclared, so the example queries run unchanged.
    A query still running after ``timeout`` seconds is stopped with
    :class:`~graphbuild.errors.QueryTimeoutError` (``None`` or ``0``: no limit).

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with open_store(folder) as opened:
    ...     opened.update("INSERT DATA { GRAPH <https://example.org/g> { "
    ...                   "<https://example.org/s> a <https://w3id.org/graphbuild/ontology#Statement> } }")
    >>> query_store(folder, "SELECT (COUNT(*) AS ?n) WHERE { ?s a gb:Statement }", timeout=60).rows
    [(1,)]
    >>> query_store(folder, "ASK { ?s rdfs:label ?name }", {"name": "Ann Lee"}).rows
    [(False,)]
    """
    if isinstance(store, GraphStore):
        return run_query(store, sparql, params, timeout=timeout)
    # No database yet (CURRENT is RocksDB's entry file): opening creates an empty store, answered at once.
    if time_limit(timeout) is not None and not is_remote(store) and (Path(store) / "CURRENT").is_file():
        with StoreReader(store) as reader:
            return run_query(reader, sparql, params, timeout=timeout)
    with open_store(store) as opened:
        return run_query(opened, sparql, params, timeout=timeout)
