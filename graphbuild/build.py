"""The main job: articles in, knowledge graph, statements and map out.

``build`` reads every input (a bad one is reported and skipped, the rest go
on), extracts statements, merges them into one RDF graph and writes
``graph.ttl``, ``statements.jsonl`` and ``map.html``, each atomically so an
interrupted run never leaves a half-written file behind.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .codebook import load_codebook
from .errors import CodebookError, InputError
from .extract import extract_statements
from .ingest import read_documents
from .models import Codebook, Document, Statement

GRAPH_SUFFIX = {"turtle": "ttl", "nt": "nt", "json-ld": "jsonld"}


@dataclass
class BuildResult:
    """What a build did: counts, the files it wrote, the inputs it skipped."""

    documents: list[Document]
    statements: list[Statement]
    files: dict[str, Path]
    errors: list[str] = field(default_factory=list)
    graph: object = None

    def summary(self) -> list[tuple[str, str, str, int]]:
        """(actor, claim, stance, statements) rows, most frequent first."""
        return summary_rows(self.statements)


def find_codebook(inputs: Iterable[str | Path]) -> Path | None:
    """A ``codebook.yaml`` lying in an input folder, so ``build seeds/`` just works."""
    for item in inputs:
        p = Path(item)
        candidate = p / "codebook.yaml" if p.is_dir() else p.parent / "codebook.yaml"
        if candidate.is_file():
            return candidate
    return None


def resolve_codebook(codebook: Codebook | str | Path | None, inputs: list[str | Path]) -> Codebook:
    """The codebook given, or the one beside the inputs; fails before any work starts."""
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

    >>> result = build(["seeds/"], "out/")  # doctest: +SKIP
    >>> sorted(result.files)  # doctest: +SKIP
    ['graph', 'map', 'statements']
    """
    from .rdf.build import build_graph
    from .rdf.io import serialize_graph

    book = resolve_codebook(codebook, inputs)
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

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    graph = build_graph(documents, statements, book)
    files = {"graph": out / f"graph.{GRAPH_SUFFIX[fmt]}", "statements": out / "statements.jsonl"}
    serialize_graph(graph, files["graph"], fmt)
    write_statements(statements, files["statements"])
    if map_file:
        from .render import render_map

        files["map"] = render_map(graph, out / "map.html")
    return BuildResult(documents, statements, files, errors, graph)


def write_statements(statements: Iterable[Statement], path: str | Path) -> Path:
    """Write statements as FORMAT.md §3 JSONL, atomically."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for s in statements:
                f.write(json.dumps(s.to_json(), ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def summary_rows(statements: Iterable[Statement]) -> list[tuple[str, str, str, int]]:
    """Who supports/opposes what: one row per (actor, claim, stance).

    >>> s = Statement("d", "A", "Person", "c", "supports", "author", "e", 0, 1, 0.9)
    >>> summary_rows([s, s])
    [('A', 'c', 'supports', 2)]
    """
    counts = Counter((s.actor, s.claim, s.stance) for s in statements)
    return sorted(((a, c, st, n) for (a, c, st), n in counts.items()),
                  key=lambda r: (r[1], r[2], -r[3], r[0]))
