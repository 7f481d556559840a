"""The main job: articles in, knowledge graph, statements and map out.

``build`` reads every input (a bad one is reported and skipped, the rest go
on), extracts statements, merges them into one RDF graph and writes
``graph.ttl``, ``statements.jsonl`` and ``map.html``, each atomically so an
interrupted run never leaves a half-written file behind.

(The module is not called ``build.py``: a submodule of that name would shadow
the ``graphbuild.build`` function as soon as it was imported.)
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .codebook import load_codebook
from .errors import CodebookError, InputError
from .extract import extract_statements
from .ingest import read_documents
from .models import Codebook, Document, Statement
from .rdf.io import FORMATS

__all__ = ["BuildResult", "build", "find_codebook", "resolve_codebook", "summary_rows", "write_statements"]


@dataclass
class BuildResult:
    """What a build did: documents read, statements found, files written, inputs skipped.

    ``errors`` holds one line per input that could not be read; ``graph`` is
    the merged rdflib graph, ready for :func:`graphbuild.run_query`.
    """

    documents: list[Document]
    statements: list[Statement]
    files: dict[str, Path]
    errors: list[str] = field(default_factory=list)
    graph: Graph | None = None

    def summary(self) -> list[tuple[str, str, str, int]]:
        """(actor, claim, stance, statements) rows: see :func:`summary_rows`."""
        return summary_rows(self.statements)


def find_codebook(inputs: Iterable[str | Path]) -> Path | None:
    """A ``codebook.yaml`` lying in an input folder (or beside an input file).

    >>> find_codebook(["seeds/"])  # doctest: +SKIP
    PosixPath('seeds/codebook.yaml')
    """
    for item in inputs:
        p = Path(item)
        candidate = p / "codebook.yaml" if p.is_dir() else p.parent / "codebook.yaml"
        if candidate.is_file():
            return candidate
    return None


def resolve_codebook(codebook: Codebook | str | Path | None, inputs: Iterable[str | Path]) -> Codebook:
    """The codebook given, or the one beside the inputs; fails before any work starts.

    >>> resolve_codebook(None, ["seeds/"]).name  # doctest: +SKIP
    'seeds'
    """
    if isinstance(codebook, Codebook):
        return codebook
    path = codebook or find_codebook(inputs)
    if path is None:
        raise CodebookError("no codebook: pass --codebook FILE or put codebook.yaml in the input folder")
    return load_codebook(path)


def build(inputs: list[str | Path], out_dir: str | Path, *, codebook: Codebook | str | Path | None = None,
          fmt: str = "turtle", on_error: Callable[[InputError], None] | None = None,
          progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
          map_file: bool = True) -> BuildResult:
    """Build graph, statements and map for a corpus.

    ``fmt`` is the graph file's syntax: ``turtle`` (``graph.ttl``), ``nt``
    (``graph.nt``) or ``json-ld`` (``graph.jsonld``). A bad input is passed to
    ``on_error`` (and listed in ``BuildResult.errors``); the rest are built.
    ``progress`` may wrap the document stream, e.g. in a tqdm bar.

    >>> result = build(["seeds/"], "out/")  # doctest: +SKIP
    >>> sorted(result.files)  # doctest: +SKIP
    ['graph', 'map', 'statements']
    """
    from .rdf.build import build_graph
    from .rdf.io import serialize_graph

    # Everything that can fail on the arguments fails before an hour of parsing.
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}: use one of {', '.join(FORMATS)}")
    book = resolve_codebook(codebook, inputs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    errors: list[str] = []

    def report(err: InputError) -> None:
        errors.append(str(err))
        if on_error is not None:
            on_error(err)

    documents: list[Document] = []

    def keep(docs: Iterator[Document]) -> Iterator[Document]:
        for d in docs:
            documents.append(d)
            yield d

    stream: Iterable[Document] = keep(read_documents(inputs, on_error=report))
    if progress is not None:
        stream = progress(stream)
    statements = list(extract_statements(stream, book))

    graph = build_graph(documents, statements, book)
    files = {"graph": out / f"graph{FORMATS[fmt][1]}", "statements": out / "statements.jsonl"}
    serialize_graph(graph, files["graph"], fmt)
    write_statements(statements, files["statements"])
    if map_file:
        from .render import render_map

        files["map"] = render_map(graph, out / "map.html")
    return BuildResult(documents, statements, files, errors, graph)


def write_statements(statements: Iterable[Statement], path: str | Path) -> Path:
    """Write statements as FORMAT.md §3 JSON lines, atomically; returns the path.

    >>> s = Statement("d", "Ann Lee", "Person", "c", "supports", "quote", "Yes", 0, 3, 0.9)
    >>> import tempfile, pathlib
    >>> p = write_statements([s], pathlib.Path(tempfile.mkdtemp()) / "statements.jsonl")
    >>> p.read_text(encoding="utf-8").count("\\n"), '"actor": "Ann Lee"' in p.read_text(encoding="utf-8")
    (1, True)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for s in statements:
                f.write(json.dumps(s.to_json(), ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; results are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def summary_rows(statements: Iterable[Statement]) -> list[tuple[str, str, str, int]]:
    """Who supports/opposes what: one (actor, claim, stance, statements) row per triple.

    Sorted by claim, supporters before opponents, then most statements first.

    >>> s = Statement("d", "A", "Person", "c", "supports", "author", "e", 0, 1, 0.9)
    >>> o = Statement("d", "B", "Person", "c", "opposes", "author", "e", 0, 1, 0.9)
    >>> summary_rows([o, s, s])
    [('A', 'c', 'supports', 2), ('B', 'c', 'opposes', 1)]
    """
    counts = Counter((s.actor, s.claim, s.stance) for s in statements)
    return sorted(((a, c, st, n) for (a, c, st), n in counts.items()),
                  key=lambda r: (r[1], r[2] != "supports", -r[3], r[0]))
