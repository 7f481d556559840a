"""The embedded store: an Oxigraph (RocksDB) database in a directory.

Every update is one RocksDB transaction with a write-ahead log, so a run
killed at any moment leaves the store at its last commit. The directory is
also a valid ``oxigraph serve --location DIR`` database.

A query with a time limit runs in a child process (:mod:`.query_child`)
killed at the limit, since Oxigraph cannot stop a query it has started.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import warnings
from contextlib import nullcontext
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.deadline import timeout_error
from ..rdf.query import QueryResult, solutions_result
from . import query_child
from .base import GraphStore, StoreError, StoreLockedError, StoreWarning, refuse_service
from .ledger import DIRTY_ASK, incomplete
from .lock import FileLock

__all__ = ["LocalStore", "StoreReader", "LOCK_FILE", "DATABASE_MARK", "no_store", "cannot_open"]

LOCK_FILE = "graphbuild.lock"
# RocksDB's entry file: a folder without it holds no database.
DATABASE_MARK = "CURRENT"
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

    def __init__(self, path: str | Path, *, wait: float = 0.0, create: bool = True):
        self.path = Path(path)
        self.location = str(self.path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a store directory (it is a file)")
        if not (self.path / DATABASE_MARK).is_file():
            if not create:
                raise no_store(self.path)
            if self.path.is_dir() and any(p.name != LOCK_FILE for p in self.path.iterdir()):
                # Oxigraph would fill the folder with database files (or fail on a stray one).
                raise StoreError(f"{self.path}: not a graphbuild store (the folder holds other files); "
                                 "give a new or empty folder for --store")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{self.path}: cannot create the store directory ({e.strerror or e})") from None
        self._lock = FileLock(self.path / LOCK_FILE, f"store {self.path}", wait=wait)
        self._unflushed = 0
        try:
            self._store: ox.Store | None = ox.Store(str(self.path))
        except (OSError, RuntimeError) as e:
            self._lock.release()
            if isinstance(e, OSError) and "lock" in str(e).lower():
                # Another program (an Oxigraph server, say) has the database open.
                raise StoreLockedError(f"store {self.path}: the database is open in another program") from None
            raise cannot_open(self.path, str(e)) from None

    @property
    def store(self) -> ox.Store:
        """The open Oxigraph store; a :class:`StoreError` once closed.

        >>> import tempfile
        >>> local = LocalStore(tempfile.mkdtemp())
        >>> len(local.store)
        0
        >>> local.close(); local.store  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        graphbuild.store.base.StoreError: store ...: already closed
        """
        if self._store is None:
            raise StoreError(f"store {self.path}: already closed")
        return self._store

    def query(self, sparql: str, *, union: bool = True):
        """Run a SPARQL query (see :meth:`GraphStore.query`); a syntax error is a :class:`QueryError`.

        >>> import tempfile
        >>> with LocalStore(tempfile.mkdtemp()) as store:
        ...     store.query("SELEC nothing")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        graphbuild.errors.QueryError: SPARQL error: ...
        """
        try:
            return self.store.query(sparql, use_default_graph_as_union=union)
        except SyntaxError as e:
            raise QueryError(f"SPARQL error: {' '.join(str(e).split())[:300]}") from None
        except (OSError, RuntimeError) as e:  # RocksDB reporting a damaged file as it reads
            raise cannot_open(self.path, str(e), "cannot read") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction, flushed to disk every so often.

        >>> import tempfile
        >>> with LocalStore(tempfile.mkdtemp()) as store:
        ...     store.update("INSERT DATA { <urn:a> <urn:p> 1 }")
        ...     len(store.store)
        1
        """
        try:
            self.store.update(sparql)
        except SyntaxError as e:
            raise StoreError(f"SPARQL update error: {' '.join(str(e).split())[:300]}") from None
        except (OSError, RuntimeError) as e:
            raise cannot_open(self.path, str(e), "cannot write") from None
        self._unflushed += len(sparql)
        if self._unflushed >= FLUSH_EVERY:
            self.flush()

    def select(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """A SELECT or ASK query's rows; with ``timeout``, run in a child process that is killed at the limit.

        >>> import tempfile
        >>> with LocalStore(tempfile.mkdtemp()) as store:
        ...     store.update("INSERT DATA { <urn:a> <urn:p> 1 }")
        ...     store.select("SELECT ?o WHERE { ?s ?p ?o }").rows, store.select("ASK { ?s ?p 2 }", timeout=30).rows
        ([(1,)], [(False,)])
        """
        refuse_service(sparql)
        if timeout is None:
            return solutions_result(self.query(sparql, union=True))
        self.flush()  # the child reads what is on disk
        return _select_in_child(self.path, sparql, timeout, check=False)  # query_store checks on this side

    def lock(self):
        # The store is already exclusive for as long as this object is open.
        """The directory's lock, held since the store was opened (a context manager).

        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> with LocalStore(folder) as store, store.lock():
        ...     LocalStore(folder)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        graphbuild.store.base.StoreLockedError: store ...: in use by another graphbuild run ...
        """
        return nullcontext(self._lock)

    def flush(self) -> None:
        """Write what is committed to disk, where a reader in another process sees it.

        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> store = LocalStore(folder)
        >>> store.update("INSERT DATA { <urn:a> <urn:p> 1 }"); store.flush()
        >>> len(ox.Store.read_only(folder))  # what another process reading the files sees
        1
        >>> store.close()
        """
        self.store.flush()
        self._unflushed = 0

    def close(self) -> None:
        """Flush, let go of the database and release the lock.

        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> LocalStore(folder).close()
        >>> LocalStore(folder).close()  # the lock is free again
        """
        if self._store is not None:
            self._store.flush()
            # RocksDB lets go of the directory when the last reference is dropped.
            self._store = None
        self._lock.release()


class StoreReader:
    """A store directory queried in child processes only: its lock is held, the database is not opened here.

    Opening a large database costs more than many queries; the child opens
    it read-only for each query, with at most ``memory`` MB of heap. With
    ``locked=False`` the caller holds the lock already (it has the store open).

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with LocalStore(folder) as store:
    ...     store.update('INSERT DATA { <https://example.org/a> <https://example.org/p> "x" }')
    >>> with StoreReader(folder) as reader:
    ...     reader.select("SELECT ?o WHERE { ?s ?p ?o }", timeout=30).rows
    [('x',)]
    """

    def __init__(self, path: str | Path, *, memory: int | None = None, locked: bool = True):
        self.path = Path(path)
        self.location = str(self.path)
        self.memory = memory
        self._lock = FileLock(self.path / LOCK_FILE, f"store {self.path}") if locked else None

    def select(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """A SELECT or ASK query's rows, from a read-only child process stopped after ``timeout`` seconds.

        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> LocalStore(folder).close()
        >>> StoreReader(folder).select("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", timeout=30)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        graphbuild.errors.QueryError: ...
        """
        refuse_service(sparql)
        return _select_in_child(self.path, sparql, timeout, self.memory)

    def __enter__(self) -> "StoreReader":
        return self

    def __exit__(self, *exc) -> None:
        if self._lock is not None:
            self._lock.release()


_CHILD = Path(query_child.__file__)


def memory_error(megabytes: int) -> QueryError:
    """The one-line error for a store query stopped at its memory limit.

    >>> print(memory_error(4096))
    query stopped: it needed more than 4,096 MB of memory; narrow the query or raise --max-memory (max_memory= in Python, 0 = no limit)
    """
    return QueryError(f"query stopped: it needed more than {megabytes:,} MB of memory; narrow the query or raise "
                      "--max-memory (max_memory= in Python, 0 = no limit)")


def _select_in_child(path: Path, sparql: str, limit: float | None, memory: int | None = None, *,
                     check: bool = True) -> QueryResult:
    """Rows of ``sparql`` on the store in ``path``, from a child process killed after ``limit``
    seconds and given at most ``memory`` MB; with ``check``, warns when the store is incomplete."""
    try:
        # -P: the child's own folder (this package) must not shadow what it imports.
        done = subprocess.run([sys.executable, "-P", str(_CHILD), str(path), str(memory or 0), *([DIRTY_ASK] if check else [])],
                              input=sparql.encode("utf-8"), capture_output=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        raise timeout_error(limit) from None
    said = done.stderr.decode("utf-8", "replace")
    message = " ".join(said.split())[:300]
    if done.returncode == query_child.SYNTAX:
        raise QueryError(f"SPARQL error: {message}")
    if done.returncode == query_child.NOT_SELECT:
        raise QueryError("only SELECT and ASK queries can be run")
    if memory is not None and (done.returncode in (query_child.FAILED, -signal.SIGABRT)
                               or "memory allocation" in said):
        raise memory_error(memory)
    if done.returncode == query_child.CANNOT_OPEN:
        raise cannot_open(path, message)
    if done.returncode != 0:
        raise StoreError(f"store {path}: cannot query ({message or f'exit status {done.returncode}'})")
    if query_child.INCOMPLETE in said:
        warnings.warn(incomplete(str(path)), StoreWarning, stacklevel=4)
    return solutions_result(ox.parse_query_results(done.stdout, format=ox.QueryResultsFormat.JSON))


def no_store(path: Path) -> StoreError:
    """The error for a path that holds no store: never taken for an empty one.

    >>> print(no_store(Path("stor")))
    no store at stor (a store is made by graphbuild build ... --store stor)
    """
    return StoreError(f"no store at {path} (a store is made by graphbuild build ... --store {path})")


def cannot_open(path: Path, reason: str, what: str = "cannot open") -> StoreError:
    """One line for a database RocksDB cannot open or read; a damaged one says how to recover.

    >>> print(cannot_open(Path("store"), "IO error: No such file"))
    store store: cannot open (IO error: No such file)
    >>> print(cannot_open(Path("store"), "Corruption: bad block", "cannot read"))  # doctest: +ELLIPSIS
    store store: cannot read, the database is damaged (Corruption: bad block); build again into a new folder, ...
    """
    reason = " ".join(reason.split())[:200]
    if "corrupt" in reason.lower():
        return StoreError(f"store {path}: {what}, the database is damaged ({reason}); build again into a new "
                          "folder, or restore a copy")
    return StoreError(f"store {path}: {what} ({reason})")
