"""The embedded store: an Oxigraph (RocksDB) database in a directory.

Every update is one RocksDB transaction with a write-ahead log, so a run
killed at any moment leaves the store at its last commit. The directory is
also a valid ``oxigraph serve --location DIR`` database.

A query with a time limit runs in a child process (:mod:`.query_child`)
killed at the limit, since Oxigraph cannot stop a query it has started.
"""
from __future__ import annotations

import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.deadline import timeout_error
from ..rdf.query import QueryResult, solutions_result
from . import query_child
from .base import GraphStore, StoreError, StoreLockedError, refuse_service
from .lock import FileLock

__all__ = ["LocalStore", "StoreReader", "LOCK_FILE"]

LOCK_FILE = "graphbuild.lock"
# RocksDB keeps written data in a memtable per column family until one
# reaches 128 MB (Oxigraph's setting, twelve column families, no overall
# cap), so a long build's memory grew with what it wrote, about 11 MB per
# 1,000 articles. Flushing them to disk after this much update text (a few
# hundred articles) keeps it flat.
FLUSH_EVERY = 2 ** 20


class LocalStore(GraphStore):
    """An on-disk Oxigraph store, held exclusively while open.

    >>> import tempfile
    >>> with LocalStore(tempfile.mkdtemp()) as store:
    ...     store.update('INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/p> "x" } }')
    ...     [str(row["o"]) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
    ['"x"']
    """

    def __init__(self, path: str | Path, *, wait: float = 0.0):
        self.path = Path(path)
        self.location = str(self.path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a store directory (it is a file)")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{self.path}: cannot create the store directory ({e.strerror or e})") from None
        self._lock = FileLock(self.path / LOCK_FILE, f"store {self.path}", wait=wait)
        self._unflushed = 0
        try:
            self._store: ox.Store | None = ox.Store(str(self.path))
        except OSError as e:
            self._lock.release()
            if "lock" in str(e).lower():
                # Another program (an Oxigraph server, say) has the database open.
                raise StoreLockedError(f"store {self.path}: the database is open in another program") from None
            raise StoreError(f"store {self.path}: cannot open ({' '.join(str(e).split())[:200]})") from None

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.path}: already closed")
        return self._store

    def query(self, sparql: str, *, union: bool = True):
        try:
            return self.store.query(sparql, use_default_graph_as_union=union)
        except SyntaxError as e:
            raise QueryError(f"SPARQL error: {' '.join(str(e).split())[:300]}") from None

    def update(self, sparql: str) -> None:
        try:
            self.store.update(sparql)
        except SyntaxError as e:
            raise StoreError(f"SPARQL update error: {' '.join(str(e).split())[:300]}") from None
        self._unflushed += len(sparql)
        if self._unflushed >= FLUSH_EVERY:
            self.flush()

    def select(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        refuse_service(sparql)
        if timeout is None:
            return solutions_result(self.query(sparql, union=True))
        self.flush()  # the child reads what is on disk
        return _select_in_child(self.path, sparql, timeout)

    def lock(self):
        # The store is already exclusive for as long as this object is open.
        return nullcontext(self._lock)

    def flush(self) -> None:
        self.store.flush()
        self._unflushed = 0

    def close(self) -> None:
        if self._store is not None:
            self._store.flush()
            # RocksDB lets go of the directory when the last reference is dropped.
            self._store = None
        self._lock.release()


class StoreReader:
    """A store directory queried in child processes only: its lock is held, the database is not opened here.

    Opening a large database costs more than many queries; the child opens
    it read-only for each query.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with LocalStore(folder) as store:
    ...     store.update('INSERT DATA { <https://example.org/a> <https://example.org/p> "x" }')
    >>> with StoreReader(folder) as reader:
    ...     reader.select("SELECT ?o WHERE { ?s ?p ?o }", timeout=30).rows
    [('x',)]
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.location = str(self.path)
        self._lock = FileLock(self.path / LOCK_FILE, f"store {self.path}")

    def select(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        refuse_service(sparql)
        return _select_in_child(self.path, sparql, timeout)

    def __enter__(self) -> "StoreReader":
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()


_CHILD = Path(query_child.__file__)


def _select_in_child(path: Path, sparql: str, limit: float | None) -> QueryResult:
    """Rows of ``sparql`` on the store in ``path``, from a child process killed after ``limit`` seconds."""
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
    return solutions_result(ox.parse_query_results(done.stdout, format=ox.QueryResultsFormat.JSON))
