"""Extraction in chunks: in this process, in a pool of processes, or on a Dask cluster.

Documents are cut into chunks of ``chunk_size``; each chunk is extracted
with :func:`~graphbuild.nlp.extract.extract_with` wherever it runs, and the
results come back in input order. Every document's statements depend on that
document alone and the chunks are the same whatever runs them, so ``jobs=2``
or a cluster gives exactly the statements of one process. At most a few
chunks per worker are in flight, so memory stays flat however long the
input is.

>>> from graphbuild.codebook.codebook import load_codebook
>>> from graphbuild.text.ingest import read_documents
>>> book = load_codebook(SEEDS / "codebook.yaml")
>>> results = list(extract_documents(read_documents([SEEDS]), book, nlp=nlp, chunk_size=2))
>>> [d.id[:3] for d, _ in results]
['000', '001', '002', '003', '004']
>>> all(s.doc_id == d.id for d, statements in results for s in statements)
True
"""
from __future__ import annotations

import ctypes
import dataclasses
import itertools
import math
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from spacy.language import Language

from ..codebook.fingerprint import codebook_fingerprint
from ..errors import GraphbuildError, InputError
from ..models import Codebook, Document, Statement
from ..nlp import embeddings
from ..nlp.extract import ExtractOptions, extract_with
from ..nlp.pipeline import load_nlp
from .guard import document_error
from .mainguard import usable_jobs

__all__ = ["extract_documents", "extract_chunk", "Pipelines", "DEFAULT_CHUNK"]

# Small chunks let --jobs share out even a dozen articles; a chunk is
# parsed in batches of PARSE_BATCH anyway, so larger ones are no faster.
DEFAULT_CHUNK = 4
# A pipeline is replaced by a fresh one after this many documents. spaCy's
# vocabulary and tokenizer cache keep every new word they see, so a pipeline
# grows with the corpus; a fresh one (about 2 s to load) keeps memory flat.
# Results do not depend on it: a document's analysis ignores what came before.
RECYCLE_DOCUMENTS = 1000
# Documents the pipeline takes at once within a chunk. Its working memory
# grows with the tokens of a batch: sixteen articles cost a worker about
# 450 MB above the loaded pipeline, four about 200 MB, at the same speed.
PARSE_BATCH = 4
# Chunks queued per worker: enough to keep every worker busy, few enough to keep memory flat.
_IN_FLIGHT_PER_WORKER = 2

Result = tuple[Document, list[Statement]]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def extract_chunk(documents: list[Document], nlp: Language) -> list[list[Statement] | Exception]:
    """The statements of each document of a chunk, in order (one list per document).

    When the pipeline fails on the chunk, its documents are run one by one
    and each that still fails gets its exception in place of a list, so one
    bad article costs only itself (the caller reports it).

    >>> from graphbuild.models import Document
    >>> [len(found) for found in extract_chunk([Document("a", "Hello."), Document("b", "Bye.")], nlp)]
    [0, 0]
    """
    options = dataclasses.replace(ExtractOptions(), batch_size=PARSE_BATCH)

    def run(docs: list[Document]) -> list[list[Statement]]:
        found: dict[str, list[Statement]] = {d.id: [] for d in docs}
        for s in extract_with(nlp, docs, options=options):
            found[s.doc_id].append(s)
        return [found[d.id] for d in docs]

    if not documents:
        return []
    try:
        return run(documents)
    except Exception:  # noqa: BLE001  (which document failed is found below)
        results: list[list[Statement] | Exception] = []
        for document in documents:
            try:
                results.extend(run([document]))
            except Exception as err:  # noqa: BLE001  (reported by the caller; the batch goes on)
                results.append(_portable(err))
        return results


def _portable(err: Exception) -> Exception:
    """The exception, or a RuntimeError with its text if it cannot travel between processes."""
    try:
        pickle.dumps(err)
        return err
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(err).__name__}: {err}")


class Pipelines:
    """This process's pipeline for a codebook, loaded when first needed and
    replaced by a fresh one after ``recycle`` documents or for another codebook
    (:meth:`get` shows it)."""

    def __init__(self, recycle: float = RECYCLE_DOCUMENTS):
        self.recycle = recycle
        self._key: str | None = None
        self._nlp: Language | None = None
        self._seen = 0

    def get(self, codebook: Codebook, documents: int) -> Language:
        """The pipeline to run ``documents`` more documents with.

        >>> from graphbuild.models import Claim, Codebook
        >>> pipelines = Pipelines(recycle=2)
        >>> book = Codebook((Claim("tax", "Taxes should rise"),))
        >>> first = pipelines.get(book, 1)
        >>> pipelines.get(book, 1) is first, pipelines.get(book, 1) is first  # two documents seen: a fresh one
        (True, False)
        """
        key = codebook_fingerprint(codebook)
        if self._nlp is None or key != self._key or self._seen >= self.recycle:
            self._nlp = None  # let the old one go before the new one loads
            self._nlp, self._key, self._seen = load_nlp(codebook), key, 0
        self._seen += documents
        return self._nlp


# --- worker processes ----------------------------------------------------------
# A pool worker is replaced after a number of chunks, so its pipeline is never recycled;
# a Dask worker lives on, and its tasks say when to recycle.
_WORKER = Pipelines(recycle=math.inf)
_WORKER_CODEBOOK: list[Codebook] = []


def _init_worker(codebook: Codebook, parent: int, threads: int) -> None:
    # Ctrl-C is the parent's to handle: it stops the pool and commits what is done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    embeddings.set_threads(threads)
    _WORKER_CODEBOOK[:] = [codebook]
    _WORKER.get(codebook, 0)


_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` (its parent's pid) dies, even by SIGKILL.

    A worker killed with its parent would otherwise go on with its chunk and
    wait for more, holding its pipeline (about 600 MB) for nothing. On Linux the
    kernel sends SIGKILL (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread checks
    every second whether the parent is still the one that started us.

    >>> child = os.fork()
    >>> if child == 0:  # in the child, whose "parent" here is a process long gone: it ends at once
    ...     die_with_parent(os.getppid() + 99999)
    ...     os._exit(0)
    >>> os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    1
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # it died before the call took effect
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="graphbuild-parent-watch", daemon=True).start()


def _work(documents: list[Document]) -> list[list[Statement]]:
    return extract_chunk(documents, _WORKER.get(_WORKER_CODEBOOK[0], len(documents)))


def _dask_work(documents: list[Document], codebook: Codebook, recycle: int) -> list[list[Statement]]:
    # a Dask worker runs tasks on its own threads, one per core it was given
    embeddings.set_threads(1)
    _WORKER.recycle = recycle
    return extract_chunk(documents, _WORKER.get(codebook, len(documents)))


def _ordered(submit, chunks: Iterator[list[Document]], in_flight: int, result, cancel=None) -> Iterator[Result]:
    """Keep ``in_flight`` chunks submitted; yield their results in input order.

    Only the queued futures are referenced, so a finished chunk's results can
    be freed wherever they were computed.
    """
    queue: deque = deque()
    try:
        for chunk in itertools.islice(chunks, in_flight):
            queue.append((chunk, submit(chunk)))
        while queue:
            chunk, future = queue[0]
            statements = result(future)
            queue.popleft()
            nxt = next(chunks, None)
            if nxt is not None:
                queue.append((nxt, submit(nxt)))
            yield from zip(chunk, statements)
    finally:
        if cancel is not None and queue:
            cancel([f for _, f in queue])


def extract_documents(documents: Iterable[Document], codebook: Codebook, *, jobs: int = 1,
                      dask: str | None = None, chunk_size: int = DEFAULT_CHUNK, nlp=None,
                      on_error: Callable[[InputError], None] | None = None,
                      recycle: int = RECYCLE_DOCUMENTS) -> Iterator[Result]:
    """(document, its statements) for every document, in input order.

    ``jobs`` > 1 runs that many worker processes; ``dask`` is the address of
    a Dask scheduler (``tcp://host:8786``) whose workers have graphbuild
    installed. Results are identical to ``jobs=1``. Each pipeline is replaced
    by a fresh one after ``recycle`` documents. A document the pipeline
    fails on is passed to ``on_error`` as a
    :class:`~graphbuild.run.guard.DocumentError` and left out (raised without a handler).

    >>> from graphbuild.models import Claim, Codebook, Document
    >>> book = Codebook((Claim("tax", "Taxes should rise"),))
    >>> failed = []
    >>> docs = [Document("a", "Taxes should rise, Ann Lee said."), Document("b", None)]  # b breaks the pipeline
    >>> [(d.id, len(s)) for d, s in extract_documents(docs, book, nlp=nlp, on_error=failed.append)]
    [('a', 0)]
    >>> print(failed[0])
    <document b>: document 'b' could not be processed (TypeError: ...); skipped
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if not dask:
        jobs = usable_jobs(jobs)
    chunks = _chunks(documents, chunk_size)
    if dask:
        results = _on_dask(chunks, codebook, dask, recycle)
    elif jobs > 1:
        results = _in_pool(chunks, codebook, jobs, max(1, recycle // chunk_size))
    else:
        results = _in_process(chunks, codebook, nlp, recycle)
    for document, found in results:
        if isinstance(found, Exception):
            err = document_error(document, found)
            if on_error is None:
                raise err from found
            on_error(err)
            continue
        yield document, found


def _in_process(chunks: Iterator[list[Document]], codebook: Codebook, nlp, recycle: int) -> Iterator[Result]:
    pipelines = Pipelines(recycle)  # a pipeline the caller gave is the caller's to keep
    for chunk in chunks:
        yield from zip(chunk, extract_chunk(chunk, nlp if nlp is not None else pipelines.get(codebook, len(chunk))))


def _in_pool(chunks: Iterator[list[Document]], codebook: Codebook, jobs: int, tasks: int) -> Iterator[Result]:
    # spawn: a forked child would inherit the store's RocksDB threads and locks.
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker,
                               initargs=(codebook, os.getpid(), max(1, embeddings.available_cpus() // jobs)),
                               max_tasks_per_child=tasks)
    try:
        yield from _ordered(lambda c: pool.submit(_work, c), chunks, jobs * _IN_FLIGHT_PER_WORKER,
                            lambda f: f.result())
    except BrokenProcessPool:
        raise GraphbuildError(
            f"a worker process of jobs={jobs} stopped before finishing its documents (killed, out of memory, "
            "or a script that starts the build outside `if __name__ == \"__main__\":`); run again, "
            "or with jobs=1") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(chunks: Iterator[list[Document]], codebook: Codebook, address: str, recycle: int) -> Iterator[Result]:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - depends on the install
        raise GraphbuildError("--dask needs dask.distributed: pip install 'graphbuild[dask]'") from None
    client = Client(address, set_as_default=False)
    try:
        threads = max(1, sum(client.nthreads().values()))
        book = client.scatter(codebook, broadcast=True)
        yield from _ordered(lambda c: client.submit(_dask_work, c, book, recycle, pure=False), chunks,
                            threads * _IN_FLIGHT_PER_WORKER, lambda f: f.result(), cancel=client.cancel)
    finally:
        client.close()
