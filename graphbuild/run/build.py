"""The main job: articles in, knowledge graph, statements and map out.

``build`` reads every input (a bad one is reported and skipped, the rest go
on), extracts statements, merges them into one RDF graph and writes
``graph.ttl``, ``statements.jsonl`` and ``map.html``, each atomically so an
interrupted run never leaves a half-written file behind.

(The module is not called ``build.py``: a submodule of that name would shadow
the ``graphbuild.build`` function as soon as it was imported.)
"""
from __future__ import annotations

import itertools
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..atomic import output_set, write_atomic
from ..codebook.aliases import apply_aliases, load_aliases
from ..codebook.codebook import find_codebook, resolve_codebook
from ..codebook.draft import Draft, codebook_yaml
from ..codebook.suggest import suggest_codebook
from ..errors import CodebookError, InputError
from ..identity import government_label, resolve_actors
from ..map.render import render_map
from ..models import Codebook, Document, Statement
from ..rdf.build import build_graph
from ..rdf.io import FORMATS, serialize_graph
from ..text.ingest import STDIN, InputWarning, is_stdin, read_documents
from .incremental import StoreReport, build_into_store, remove_from_store
from .mainguard import usable_jobs
from .outputs import write_statements
from .parallel import extract_documents

__all__ = ["BuildInterrupted", "BuildResult", "build", "remove_documents", "summary_rows"]


@dataclass
class BuildResult:
    """What a build did: documents read, statements found, files written, inputs skipped.

    ``errors`` holds one line per input that could not be read; ``graph`` is
    the merged rdflib graph, ready for :func:`graphbuild.run_query`. A build
    into a store keeps neither documents, statements nor graph in memory:
    ``store`` reports what changed and ``counts`` holds the whole store's
    (actor, claim, stance) statement counts.
    """

    documents: list[Document]
    statements: list[Statement]
    files: dict[str, Path]
    errors: list[str] = field(default_factory=list)
    graph: Graph | None = None
    store: StoreReport | None = None
    counts: Counter | None = None
    drafted: Draft | None = None  # the codebook drafted from the inputs, when none was given

    def drafted_line(self) -> str | None:
        """One line saying that the codebook was drafted, where it is and how to use an edited copy.

        >>> BuildResult([], [], {}).drafted_line() is None
        True
        """
        if self.drafted is None:
            return None
        path = self.files.get("codebook")
        return (f"no codebook given: drafted {len(self.drafted.claims)} claims from the articles into {path} "
                f"and used them (edit it and pass --codebook {path} to rebuild)")

    @property
    def document_count(self) -> int:
        """Documents in the result (in the whole store, for a store build).

        >>> BuildResult([Document("a", "Yes."), Document("b", "No.")], [], {}).document_count
        2
        >>> BuildResult([], [], {}, store=StoreReport("store/", documents=7)).document_count
        7
        """
        return self.store.documents if self.store else len(self.documents)

    @property
    def statement_count(self) -> int:
        """Statements in the result (in the whole store, for a store build).

        >>> s = Statement("a", "Ann Lee", "Person", "tax", "supports", "quote", "Yes", 0, 3, 0.9)
        >>> BuildResult([Document("a", "Yes.")], [s, s], {}).statement_count
        2
        """
        return self.store.statements if self.store else len(self.statements)

    def summary(self) -> list[tuple[str, str, str, int]]:
        """(actor, claim, stance, statements) rows: see :func:`summary_rows`.

        >>> s = Statement("a", "Ann Lee", "Person", "tax", "supports", "quote", "Yes", 0, 3, 0.9)
        >>> BuildResult([Document("a", "Yes.")], [s, s], {}).summary()
        [('Ann Lee', 'tax', 'supports', 2)]
        """
        if self.counts is not None:
            return _sorted_rows(self.counts)
        return summary_rows(self.statements)


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a store build after committing what was finished; ``result`` says what.

    >>> BuildInterrupted(BuildResult([], [], {})).result.files
    {}
    """

    def __init__(self, result: BuildResult):
        super().__init__("interrupted")
        self.result = result


def build(inputs: list[str | Path], out_dir: str | Path, *, codebook: Codebook | str | Path | None = None,
          fmt: str = "turtle", on_error: Callable[[InputError], None] | None = None,
          progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
          map_file: bool = True, max_chars: int | None = None, store: str | Path | None = None,
          jobs: int = 1, limit: int | None = None, dask: str | None = None, batch_size: int = 32,
          on_commit: Callable[[StoreReport], None] | None = None,
          aliases: Mapping[str, str] | str | Path | None = None) -> BuildResult:
    """Build graph, statements and map for a corpus.

    Without ``codebook`` the one beside the inputs is used; when there is
    none, a codebook is drafted from the inputs (:func:`graphbuild.suggest_codebook`),
    written to ``out_dir/codebook.yaml`` and used: ``BuildResult.drafted``
    holds it, ``BuildResult.drafted_line()`` says so. An input that does not
    exist is reported before anything else.
    ``fmt`` is the graph file's syntax: ``turtle`` (``graph.ttl``), ``nt``
    (``graph.nt``) or ``json-ld`` (``graph.jsonld``). A bad input is passed to
    ``on_error`` (and listed in ``BuildResult.errors``); the rest are built.
    ``progress`` may wrap the document stream, e.g. in a tqdm bar.
    ``max_chars`` refuses longer documents (an input error, the rest go on).
    ``limit`` reads only the first documents; ``jobs`` extracts in that many
    processes and ``dask`` on a Dask scheduler (the same statements either way).
    Worker processes import the calling script again, so a script must call
    ``build(..., jobs=N)`` under ``if __name__ == "__main__":``; called from
    the unguarded top level of a script it warns (:class:`UnguardedScriptWarning`)
    and extracts in one process.
    ``aliases`` (an alias file or a ``{variant: canonical}`` mapping, see
    :mod:`graphbuild.codebook.aliases`) names each actor as the user wants, everywhere.

    With ``store`` (a directory or a SPARQL endpoint URL) the build is
    incremental: only new or changed documents are extracted, every
    ``batch_size`` documents are committed to the store at once, and the
    output files are written from the store; ``on_commit`` is called with
    the running :class:`StoreReport` after each commit. Ctrl-C commits what
    is finished and raises :class:`BuildInterrupted`.

    >>> import tempfile
    >>> article = SEEDS / "001_8efe145ea01ff212.txt"
    >>> result = build([article], tempfile.mkdtemp(), codebook=SEEDS / "codebook.yaml")
    >>> sorted(result.files), len(result.documents), len(result.statements)
    (['graph', 'map', 'statements'], 1, 5)
    >>> store = tempfile.mkdtemp()
    >>> build([article], tempfile.mkdtemp(), codebook=SEEDS / "codebook.yaml", store=store).store.line()
    'store ...: 1 added, 0 replaced, 0 unchanged, 0 removed; it holds 1 documents, 5 statements'
    >>> build([article], tempfile.mkdtemp(), codebook=SEEDS / "codebook.yaml", store=store).store.unchanged
    1
    """
    # Everything that can fail on the arguments fails before an hour of parsing.
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}: use one of {', '.join(FORMATS)}")
    if jobs < 1 or batch_size < 1 or (limit is not None and limit < 0):
        raise ValueError("jobs and batch_size must be at least 1, and limit must not be negative")
    if dask is None:
        jobs = usable_jobs(jobs)  # 1, with a warning, if worker processes would re-run the calling script
    inputs = list(inputs)
    if any(is_stdin(p) for p in inputs):
        raise InputError(STDIN, "build reads its inputs more than once (to draft a codebook, to check a store); "
                                "save standard input to a file, or use `graphbuild extract -`")
    missing = [p for p in inputs if not Path(p).exists()]
    if missing and len(missing) == len(inputs):  # a mistyped path is the first thing to hear about
        raise InputError(missing[0], "no such file or folder")
    table = load_aliases(aliases) if isinstance(aliases, (str, Path)) else dict(aliases or {})
    drafted = None
    if codebook is None and find_codebook(inputs) is None:
        drafted = _draft(inputs, max_chars, limit, progress)
        if not drafted.claims:
            raise CodebookError(f"no codebook given, none beside the inputs, and none could be drafted: "
                                f"{drafted.reason} (in `graphbuild codebook suggest`), or pass --codebook FILE")
        book = drafted.codebook()
    else:
        book = resolve_codebook(codebook, inputs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    drafted_file = {"codebook": write_atomic(out / "codebook.yaml", codebook_yaml(drafted))} if drafted else {}

    errors: list[str] = []
    failed: set[str] = set()  # inputs that had an error, by path

    def report(err: InputError) -> None:
        errors.append(str(err))
        failed.add(err.path)
        if on_error is not None:
            on_error(err)

    def read(paths: Iterable[str | Path]) -> Iterable[Document]:
        stream = itertools.islice(read_documents(paths, on_error=report, max_chars=max_chars), limit)
        return progress(stream) if progress is not None else stream

    # A document the pipeline fails on is reported and left out; the batch goes on.
    def extract(stream: Iterable[Document]) -> Iterator[tuple[Document, list[Statement]]]:
        for document, found in extract_documents(stream, codebook=book, jobs=jobs, dask=dask, on_error=report):
            yield document, list(apply_aliases(found, table))
    if store is None:
        result = _build_in_memory(read(inputs), book, extract, out, fmt, map_file, errors, table)
        result.files, result.drafted = {**drafted_file, **result.files}, drafted
        return result

    def interrupted(report_, files, counts) -> BuildInterrupted:
        return BuildInterrupted(BuildResult([], [], {**drafted_file, **files}, errors, store=report_,
                                            counts=counts, drafted=drafted))

    store_report, files, counts = build_into_store(
        store, inputs, read, book, extract, out, fmt=fmt, map_file=map_file, batch_size=batch_size,
        interrupted=interrupted, on_commit=on_commit, whole=limit is None, failed=failed)
    return BuildResult([], [], {**drafted_file, **files}, errors, store=store_report, counts=counts, drafted=drafted)


def _draft(inputs: list[str | Path], max_chars: int | None, limit: int | None, progress) -> Draft:
    """A codebook drafted from the inputs; the build's own reading reports their errors and warnings once."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        stream = itertools.islice(read_documents(inputs, on_error=lambda err: None, max_chars=max_chars), limit)
        return suggest_codebook(progress(stream) if progress is not None else stream)


def _build_in_memory(stream: Iterable[Document], book: Codebook, extract, out: Path, fmt: str, map_file: bool,
                     errors: list[str], aliases: Mapping[str, str] | None = None) -> BuildResult:
    documents: list[Document] = []
    statements: list[Statement] = []
    for document, found in extract(stream):
        documents.append(document)
        statements.extend(found)
    # the alias file again: its names are pinned, never merged with one another
    graph = build_graph(documents, statements, book, aliases=aliases)
    files = {"graph": out / f"graph{FORMATS[fmt][1]}", "statements": out / "statements.jsonl"}
    if map_file:
        files["map"] = out / "map.html"
    with output_set(out) as stage:  # all three new, or all three as they were
        serialize_graph(graph, stage / files["graph"].name, fmt)
        write_statements(statements, stage / files["statements"].name)
        if map_file:
            render_map(graph, stage / files["map"].name)
    return BuildResult(documents, statements, files, errors, graph)


def remove_documents(doc_ids: Iterable[str], store: str | Path, out_dir: str | Path | None = None, *,
                     fmt: str = "turtle", map_file: bool = True) -> BuildResult:
    """Remove documents from a store by id, and rewrite the outputs in ``out_dir`` if given.

    Ids the store does not hold are listed in ``errors``; the others are
    removed in one transaction, and actors only they mentioned go with them.

    >>> import tempfile
    >>> store = tempfile.mkdtemp()
    >>> _ = build([SEEDS / "001_8efe145ea01ff212.txt"], tempfile.mkdtemp(), codebook=SEEDS / "codebook.yaml",
    ...           store=store, map_file=False)
    >>> result = remove_documents(["001_8efe145ea01ff212", "nope"], store)
    >>> result.store.removed, result.store.documents, result.errors
    (1, 0, ["...: no document 'nope' in the store"])
    """
    store_report, files, counts, unknown = remove_from_store(store, list(doc_ids), None if out_dir is None
                                                             else Path(out_dir), fmt=fmt, map_file=map_file)
    errors = [f"{store_report.location}: no document {doc_id!r} in the store" for doc_id in unknown]
    return BuildResult([], [], files, errors, store=store_report, counts=counts)


def summary_rows(statements: Iterable[Statement]) -> list[tuple[str, str, str, int]]:
    """Who supports/opposes what: one (actor, claim, stance, statements) row per triple.

    Names that are one actor across documents (:mod:`graphbuild.identity`)
    count as one, under the name the graph gives it. Sorted by claim,
    supporters before opponents, then most statements first.

    >>> s = Statement("d", "A", "Person", "c", "supports", "author", "e", 0, 1, 0.9)
    >>> o = Statement("d", "B", "Person", "c", "opposes", "author", "e", 0, 1, 0.9)
    >>> summary_rows([o, s, s])
    [('A', 'c', 'supports', 2), ('B', 'c', 'opposes', 1)]
    """
    statements = list(statements)
    resolution = resolve_actors(Counter((s.actor, s.actor_type) for s in statements))

    def label(s: Statement) -> str:
        name = resolution.label(s.actor)
        return government_label(name) if resolution.type(s.actor) == "Government" else name
    return _sorted_rows(Counter((label(s), s.claim, s.stance) for s in statements))


def _sorted_rows(counts: Counter) -> list[tuple[str, str, str, int]]:
    return sorted(((a, c, st, n) for (a, c, st), n in counts.items()),
                  key=lambda r: (r[1], r[2] != "supports", -r[3], r[0]))
