"""Persistent graph stores: an embedded Oxigraph directory or a remote SPARQL endpoint.

>>> from graphbuild.store import open_store
>>> import tempfile
>>> with open_store(tempfile.mkdtemp()) as store:
...     type(store).__name__
'LocalStore'
"""
from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path

from ..rdf.deadline import time_limit
from ..rdf.query import QueryResult, run_query
from .base import GraphStore, StoreError, StoreLockedError, StoreWarning
from .ledger import incomplete, is_dirty
from .local import DATABASE_MARK, LocalStore, StoreReader, no_store
from .remote import RemoteStore

__all__ = ["GraphStore", "StoreError", "StoreLockedError", "StoreWarning", "open_store", "is_remote", "query_store"]


def is_remote(location: str | Path) -> bool:
    """True for an ``http://`` or ``https://`` endpoint, False for a directory.

    >>> is_remote("http://localhost:7878/query"), is_remote("store/")
    (True, False)
    """
    return str(location).lower().startswith(("http://", "https://"))


def open_store(location: str | Path | GraphStore, *, wait: float = 0.0, create: bool = True) -> GraphStore:
    """The store at ``location``: a directory or a SPARQL endpoint URL.

    A directory is created if missing (with ``create``; else a missing store
    is a :class:`StoreError`, so a mistyped path is not taken for an empty
    store). It is held exclusively until the store is closed; ``wait``
    seconds of patience are given to a run that holds it (then
    :class:`StoreLockedError`).

    >>> open_store("http://localhost:7878/query").update_url
    'http://localhost:7878/update'
    """
    if isinstance(location, GraphStore):
        return location
    if is_remote(location):
        return RemoteStore(str(location), wait=wait)
    return LocalStore(location, wait=wait, create=create)


def query_store(store: GraphStore | str | Path, sparql: str, params: Mapping[str, object] | None = None, *,
                timeout: float | None = None, max_memory: int | None = None) -> QueryResult:
    """:func:`~graphbuild.rdf.query.run_query` on a store: open, a directory or an endpoint URL.

    The default graph is the union of all graphs, and the ``gb:``, ``rdfs:``,
    ``skos:`` … prefixes are predeclared, so the example queries run unchanged.
    A query still running after ``timeout`` seconds is stopped with
    :class:`~graphbuild.errors.QueryTimeoutError` (``None`` or ``0``: no limit);
    on a store directory, one needing more than ``max_memory`` MB is stopped
    with a :class:`~graphbuild.errors.QueryError`. A path that holds no store
    is a :class:`StoreError` (never an empty store answering 0 rows); a store
    whose last build did not finish answers with a :class:`StoreWarning`.

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
    memory = max_memory or None
    limited = time_limit(timeout) is not None or memory is not None
    if isinstance(store, LocalStore) and memory is not None:
        store.flush()  # the child reads what is on disk; this process holds the lock already
        return run_query(StoreReader(store.path, memory=memory, locked=False), sparql, params, timeout=timeout)
    if isinstance(store, GraphStore):
        result = run_query(store, sparql, params, timeout=timeout)
        if is_dirty(store):
            warnings.warn(incomplete(store.location), StoreWarning, stacklevel=2)
        return result
    if not is_remote(store):
        path = Path(store)
        if not (path / DATABASE_MARK).is_file():
            raise no_store(path)  # opening would create an empty store and answer "0 rows"
        if limited:  # queried in a child process; the database is not opened here
            with StoreReader(path, memory=memory) as reader:
                return run_query(reader, sparql, params, timeout=timeout)
    with open_store(store, create=False) as opened:
        return query_store(opened, sparql, params, timeout=timeout, max_memory=max_memory)
