"""Time limits for SPARQL queries that neither rdflib nor Oxigraph can cancel.

rdflib evaluates a query in pure Python and has no cancel call, so the query
runs in a worker thread and is stopped at the limit by an exception raised
*in that thread* (``PyThreadState_SetAsyncExc``): it lands between two
bytecodes of rdflib's evaluator, wherever it is, a few milliseconds after the
limit. The exception derives from ``BaseException`` so rdflib's many
``except Exception`` handlers let it through; a few bare ``except:`` clauses
(filter evaluation) can still swallow one, so it is raised again until the
worker has stopped. Only the worker ever receives it: the caller just waits,
so no stray exception can reach the caller's code after the query.

Oxigraph evaluates in Rust with the GIL released, where no Python exception
can reach; its queries with a limit run in a child process instead
(:mod:`graphbuild.store.query_child`), killed at the limit.
"""
from __future__ import annotations

import contextvars
import ctypes
import math
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from ..errors import QueryTimeoutError

__all__ = ["DEFAULT_TIMEOUT", "time_limit", "timeout_error", "run_with_deadline"]

T = TypeVar("T")

# The CLI's default: far above any real query on a graph that fits in memory
# (the bundled ones take milliseconds), far below "forever".
DEFAULT_TIMEOUT = 60.0
_RETRY_SECONDS = 0.05
# How long a worker that swallows the exception (or sits in one long C call)
# is pressed before the caller gives up on it; it is a daemon thread either way.
_GRACE_SECONDS = 5.0


def time_limit(timeout: float | None) -> float | None:
    """Seconds a query may run, or None for no limit (``None``, ``0`` or infinity).

    >>> time_limit(None), time_limit(0), time_limit(2)
    (None, None, 2.0)
    """
    if timeout is None:
        return None
    try:
        seconds = float(timeout)
    except (TypeError, ValueError):
        raise ValueError(f"timeout must be a number of seconds, not {timeout!r}") from None
    if math.isnan(seconds) or seconds < 0:
        raise ValueError(f"timeout must be 0 (no limit) or a positive number of seconds, not {timeout!r}")
    return None if seconds == 0 or math.isinf(seconds) else seconds


def timeout_error(seconds: float) -> QueryTimeoutError:
    """The one-line error for a query stopped at its limit.

    >>> print(timeout_error(5))
    query stopped after 5 s: it ran past the time limit; narrow the query or raise --timeout (timeout= in Python, 0 = no limit)
    """
    return QueryTimeoutError(f"query stopped after {seconds:g} s: it ran past the time limit; narrow the query or "
                             "raise --timeout (timeout= in Python, 0 = no limit)")


class _Expired(BaseException):
    """Raised inside the worker at the limit; never seen outside this module."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    # None drops an exception that is pending but not yet raised.
    pending = None if exc is None else ctypes.py_object(exc)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), pending)


class _Worker:
    """Runs ``fn`` once in a daemon thread; :meth:`stop` raises :class:`_Expired` in it until it ends."""

    def __init__(self, fn: Callable[[], T]):
        self.value: T | None = None
        self.error: BaseException | None = None
        self._finished = False
        self._lock = threading.Lock()
        context = contextvars.copy_context()  # the caller's decimal context and the like
        self.thread = threading.Thread(target=self._run, args=(context, fn), name="graphbuild-query", daemon=True)
        self.thread.start()

    def _run(self, context: contextvars.Context, fn: Callable[[], T]) -> None:
        try:
            try:
                self.value = context.run(fn)
            finally:
                # After this block no _Expired is pending or can be sent, so none can escape
                # the outer try below and end the thread with a traceback.
                with self._lock:
                    self._finished = True
                    _raise_in(threading.get_ident(), None)
        except BaseException as e:  # noqa: BLE001 (handed to the caller, _Expired included)
            self.error = e

    def stop(self) -> None:
        give_up = time.monotonic() + _GRACE_SECONDS
        while self.thread.is_alive() and time.monotonic() < give_up:
            if self._lock.acquire(timeout=_RETRY_SECONDS):
                try:
                    if not self._finished:
                        _raise_in(self.thread.ident, _Expired)
                finally:
                    self._lock.release()
            self.thread.join(_RETRY_SECONDS)


def run_with_deadline(fn: Callable[[], T], seconds: float | None) -> T:
    """``fn()``, or :class:`~graphbuild.errors.QueryTimeoutError` once it has run ``seconds``.

    ``fn`` runs in a worker thread and is stopped by an exception raised in
    that thread, so it must be pure Python that may be abandoned at any
    bytecode (a read-only query is); ``None`` runs it here, with no limit.

    >>> run_with_deadline(lambda: sum(range(10)), 5)
    45
    >>> run_with_deadline(lambda: all(n == 0 for n in iter(int, 1)), 0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphbuild.errors.QueryTimeoutError: query stopped after 0.1 s: it ran past the time limit; ...
    """
    if seconds is None:
        return fn()
    worker = _Worker(fn)
    try:
        worker.thread.join(seconds)
    finally:
        # Also on Ctrl-C while waiting: the query must not run on behind the caller's back.
        late = worker.thread.is_alive()
        if late:
            worker.stop()
    if late:
        raise timeout_error(seconds)
    if worker.error is not None:
        raise worker.error
    return worker.value  # type: ignore[return-value]
