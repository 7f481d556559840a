"""Persistent graph stores: an embedded Oxigraph directory or a remote SPARQL endpoint.

>>> from graphbuild.store import open_store
>>> import tempfile
>>> with open_store(tempfile.mkdtemp()) as store:
...     type(store).__name__
'LocalStore'
"""
from __future__ import annotations

from pathlib import Path

from .base import GraphStore, StoreError, StoreLockedError
from .local import LocalStore
from .remote import RemoteStore

__all__ = ["GraphStore", "StoreError", "StoreLockedError", "open_store", "is_remote"]


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

    >>> open_store("http://localhost:7878/query").update_url  # doctest: +SKIP
    'http://localhost:7878/update'
    """
    if isinstance(location, GraphStore):
        return location
    if is_remote(location):
        return RemoteStore(str(location), wait=wait)
    return LocalStore(location, wait=wait)
