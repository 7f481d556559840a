"""One writer at a time: a file lock for a store on disk, a lease for a remote one.

Two builds on one store must never interleave their batches: the second
fails at once with a message naming the holder (``wait`` seconds of
patience can be given). A file lock dies with its process, so a build killed
with SIGKILL leaves nothing to clean up. A remote store has no files we can
lock; there the lock is a lease written into the store itself, renewed at
every commit and taken over once it has expired, so a killed remote build
blocks others for at most ``ttl`` seconds.
"""
from __future__ import annotations

import fcntl
import os
import socket
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from ..rdf.terms import nt
from .base import GBS, INDEX_GRAPH, StoreLockedError

__all__ = ["FileLock", "LeaseLock"]

_POLL_SECONDS = 0.2


def _holder() -> str:
    return f"pid {os.getpid()} on {socket.gethostname()} since {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC"


class FileLock:
    """An exclusive ``flock`` on ``path``, held until :meth:`release`.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graphbuild.lock"
    >>> lock = FileLock(path, "store")
    >>> FileLock(path, "store")
    Traceback (most recent call last):
    ...
    graphbuild.store.base.StoreLockedError: store: in use by another graphbuild run ...
    >>> lock.release()
    """

    def __init__(self, path: str | Path, what: str, *, wait: float = 0.0):
        self.path = Path(path)
        self._fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held open while locked)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self._fh.seek(0)
                    holder = self._fh.read().strip() or "unknown process"
                    self._fh.close()
                    raise StoreLockedError(f"{what}: in use by another graphbuild run ({holder}); "
                                           "wait for it to finish, then run again") from None
                time.sleep(_POLL_SECONDS)
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(_holder() + "\n")
        self._fh.flush()

    def renew(self) -> None:
        """Nothing to do: the lock lasts as long as the process holds the file.

        >>> import tempfile, pathlib
        >>> lock = FileLock(pathlib.Path(tempfile.mkdtemp()) / "graphbuild.lock", "store")
        >>> lock.renew(); lock.release()
        """

    def release(self) -> None:
        """Let the next run take the lock (safe to call twice).

        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "graphbuild.lock"
        >>> FileLock(path, "store").release(); FileLock(path, "store").release()  # free again after each release
        """
        if not self._fh.closed:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()

    def __enter__(self) -> "FileLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


_LOCK = f"<{INDEX_GRAPH.value}/lock>"


class LeaseLock:
    """A lease in the store's index graph: owner token, holder and expiry (epoch seconds).

    Taking it is one SPARQL update (drop an expired lease, insert ours if none
    is left), so two clients racing for it cannot both win.
    """

    def __init__(self, store, what: str, *, ttl: float = 120.0, wait: float = 0.0):
        self.store, self.ttl, self.token = store, ttl, uuid.uuid4().hex
        self.held = False
        deadline = time.monotonic() + wait
        while not self._try():
            if time.monotonic() >= deadline:
                raise StoreLockedError(f"{what}: in use by another graphbuild run ({self._current()}); "
                                       f"wait for it to finish (a killed run's lock expires within {ttl:.0f} s)")
            time.sleep(_POLL_SECONDS)
        self.held = True

    def _try(self) -> bool:
        now, g = time.time(), f"<{INDEX_GRAPH.value}>"
        self.store.update(
            f"DELETE {{ GRAPH {g} {{ {_LOCK} ?p ?o }} }} WHERE {{ GRAPH {g} {{ {_LOCK} <{GBS}expires> ?e ; ?p ?o "
            f"FILTER (?e < {now!r}) }} }} ;\n"
            f"INSERT {{ GRAPH {g} {{ {_LOCK} <{GBS}owner> {nt(self.token)} ; <{GBS}holder> {nt(_holder())} ; "
            f"<{GBS}expires> {now + self.ttl!r} }} }} WHERE {{ FILTER NOT EXISTS {{ GRAPH {g} {{ {_LOCK} <{GBS}owner> ?x }} }} }}")
        return self._owner() == self.token

    def _owner(self) -> str | None:
        rows = list(self.store.query(f"SELECT ?o WHERE {{ GRAPH <{INDEX_GRAPH.value}> {{ {_LOCK} <{GBS}owner> ?o }} }}",
                                     union=False))
        return rows[0]["o"].value if rows else None

    def _current(self) -> str:
        rows = list(self.store.query(f"SELECT ?h WHERE {{ GRAPH <{INDEX_GRAPH.value}> {{ {_LOCK} <{GBS}holder> ?h }} }}",
                                     union=False))
        return rows[0]["h"].value if rows else "unknown holder"

    def renew(self) -> None:
        """Push the expiry ``ttl`` seconds ahead; call at every commit.

        >>> import tempfile
        >>> from graphbuild.store.local import LocalStore  # a SPARQL endpoint in production; any store works
        >>> store = LocalStore(tempfile.mkdtemp())
        >>> lock = LeaseLock(store, "store", ttl=5)
        >>> lock.renew(); lock.held
        True
        >>> lock.release(); store.close()
        """
        g = f"<{INDEX_GRAPH.value}>"
        self.store.update(
            f"DELETE {{ GRAPH {g} {{ {_LOCK} <{GBS}expires> ?e }} }} INSERT {{ GRAPH {g} {{ {_LOCK} <{GBS}expires> "
            f"{time.time() + self.ttl!r} }} }} WHERE {{ GRAPH {g} {{ {_LOCK} <{GBS}owner> {nt(self.token)} ; "
            f"<{GBS}expires> ?e }} }}")

    def release(self) -> None:
        """Remove the lease if this run holds it, so the next run can take it at once.

        >>> import tempfile
        >>> from graphbuild.store.local import LocalStore
        >>> store = LocalStore(tempfile.mkdtemp())
        >>> LeaseLock(store, "store").release()
        >>> LeaseLock(store, "store").held  # not taken: the first one was released
        True
        >>> store.close()
        """
        if self.held:
            g = f"<{INDEX_GRAPH.value}>"
            self.store.update(f"DELETE {{ GRAPH {g} {{ {_LOCK} ?p ?o }} }} WHERE {{ GRAPH {g} {{ {_LOCK} "
                              f"<{GBS}owner> {nt(self.token)} ; ?p ?o }} }}")
            self.held = False

    def __enter__(self) -> "LeaseLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()
