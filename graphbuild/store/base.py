"""What every graph store offers, and the terms they exchange.

A store is a SPARQL 1.1 dataset: :class:`~graphbuild.store.local.LocalStore`
(an embedded Oxigraph database on disk) and
:class:`~graphbuild.store.remote.RemoteStore` (any SPARQL 1.1 Query/Update
endpoint over HTTP) answer the same four calls with pyoxigraph terms, so the
bookkeeping above them is written once, as SPARQL, and runs on both.

Graph layout (see docs/performance.md):

* one named graph per document, named by the document IRI: its metadata,
  statements and evidence, exactly the triples
  :func:`~graphbuild.rdf.build.build_graph` makes for that document;
* ``SHARED_GRAPH``: what no single document owns (codebook, claims, actors,
  the ``gb:supports``/``gb:opposes`` shortcuts), derived from all documents;
* ``INDEX_GRAPH``: bookkeeping in the ``gbs:`` namespace (content hashes,
  order, the statement records); never exported.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager

import pyoxigraph as ox

from ..errors import GraphbuildError, QueryError
from ..rdf.deadline import run_with_deadline
from ..rdf.namespace import ID
from ..rdf.query import QueryResult, solutions_result
from . import query_child

__all__ = ["GraphStore", "StoreError", "StoreLockedError", "StoreWarning", "GBS", "INDEX_GRAPH", "SHARED_GRAPH"]

# Bookkeeping vocabulary: kept out of gb: because it describes the store, not the debate.
GBS = "https://w3id.org/graphbuild/store#"
INDEX_GRAPH = ox.NamedNode(f"{ID}graph/index")
SHARED_GRAPH = ox.NamedNode(f"{ID}graph/shared")


class StoreError(GraphbuildError):
    """A store cannot be opened, read or written; the message names it."""


class StoreLockedError(StoreError):
    """Another run holds the store; nothing was changed."""


class StoreWarning(UserWarning):
    """A store answered, but its answer may be incomplete (e.g. an interrupted build)."""


def refuse_service(sparql: str) -> None:
    """A :class:`QueryError` for a query with ``SERVICE``: Oxigraph would fetch its URL from
    Rust, and a remote endpoint on our behalf (rdflib graphs are checked in rdf/query).

    >>> refuse_service("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graphbuild.errors.QueryError: SPARQL error: SERVICE is not allowed (graphbuild queries never reach the network)
    """
    if query_child.uses_service(sparql):
        raise QueryError(f"SPARQL error: {query_child.SERVICE_REFUSED}")


class GraphStore(ABC):
    """A SPARQL dataset that graphbuild reads and writes.

    >>> import tempfile
    >>> from graphbuild.store import open_store
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     bool(store.query("ASK { ?s ?p ?o }"))
    False
    """

    location: str

    @abstractmethod
    def query(self, sparql: str, *, union: bool = True):
        """Run a SPARQL query: solutions (SELECT), a bool-like (ASK) or triples (CONSTRUCT).

        With ``union`` the default graph is the union of all graphs, so the
        example queries see documents and shared nodes together.

        >>> import tempfile
        >>> from graphbuild.store import open_store
        >>> with open_store(tempfile.mkdtemp()) as store:
        ...     store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }")
        ...     every = "SELECT * WHERE { ?s ?p ?o }"
        ...     len(list(store.query(every))), len(list(store.query(every, union=False)))  # only named graphs hold it
        (1, 0)
        """

    def select(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """A SELECT or ASK query's rows as plain values, stopped after ``timeout`` seconds.

        The default graph is the union of all graphs. This is what
        :func:`graphbuild.rdf.query.run_query` calls (with prefixes and
        parameters in ``sparql``); a store whose engine cannot be stopped
        from Python overrides it.

        >>> import tempfile
        >>> from graphbuild.store import open_store
        >>> with open_store(tempfile.mkdtemp()) as store:
        ...     store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }")
        ...     store.select("SELECT ?o WHERE { ?s ?p ?o }", timeout=30).rows
        [(1,)]
        """
        refuse_service(sparql)
        return run_with_deadline(lambda: solutions_result(self.query(sparql, union=True)), timeout)

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction: all of it or nothing.

        >>> import tempfile
        >>> from graphbuild.store import open_store
        >>> with open_store(tempfile.mkdtemp()) as store:
        ...     store.update("INSERT DATA { <urn:a> <urn:p> 1 }")
        ...     bool(store.query("ASK { <urn:a> <urn:p> 1 }"))
        True
        """

    @abstractmethod
    def lock(self) -> AbstractContextManager:
        """Exclusive use for a writing run; raises :class:`StoreLockedError` when taken.

        >>> import tempfile
        >>> from graphbuild.store import open_store
        >>> with open_store(tempfile.mkdtemp()) as store, store.lock():
        ...     store.update("INSERT DATA { <urn:a> <urn:p> 1 }")  # a writing run holds the lock
        """

    def close(self) -> None:
        """Release the store; the object must not be used afterwards.

        >>> import tempfile
        >>> from graphbuild.store import open_store
        >>> store = open_store(tempfile.mkdtemp())
        >>> store.close()
        >>> store.query("ASK { ?s ?p ?o }")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        graphbuild.store.base.StoreError: store ...: already closed
        """

    def flush(self) -> None:
        """Make committed writes durable (a no-op where the server does it).

        >>> import tempfile
        >>> from graphbuild.store import open_store
        >>> folder = tempfile.mkdtemp()
        >>> store = open_store(folder)
        >>> store.update("INSERT DATA { <urn:a> <urn:p> 1 }"); store.flush()
        >>> len(ox.Store.read_only(folder))  # a reader of the files (another process) sees it
        1
        >>> store.close()
        """

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"
