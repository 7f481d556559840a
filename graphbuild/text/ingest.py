"""Read articles into :class:`~graphbuild.models.Document` records.

Inputs are ``.txt`` and ``.html`` files, folders of them, corpus
``.jsonl`` / ``.jsonl.gz`` files (docs/formats.md §1) and standard input
(``-``); this module finds them, :mod:`graphbuild.text.corpus` reads corpus
lines and :mod:`graphbuild.text.article` makes each article a Document. Reading streams: a corpus of
20,000 articles is read one line at a time. The text is kept exactly as read
(no newline or Unicode normalisation) so offsets stay valid; furniture is only
*marked* (``Document.boilerplate``) by :mod:`graphbuild.text.boilerplate`.

Text is UTF-8 unless a byte-order mark says UTF-16/32; invalid bytes become
U+FFFD with an :class:`InputWarning`. Each bad input (a file, or one corpus
line) is one :class:`~graphbuild.errors.InputError` naming the file and line,
and the batch goes on when an ``on_error`` handler is given. A document that
is not English is skipped with an :class:`InputWarning` (the pipeline reads
English only; see :mod:`graphbuild.text.language`).

>>> doc = document_from_text("a", "Sanctions Work\\nBy Jane Doe\\nThey do.\\n© 2024 Daily Planet")
>>> doc.title, doc.authors, doc.outlet, len(doc.clean_text) == len(doc.text)
('Sanctions Work', ('Jane Doe',), 'Daily Planet', True)
"""
from __future__ import annotations

import gzip
import json
import os
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphbuild.errors import InputError
from graphbuild.models import Document
from graphbuild.text.article import check_words, document_from_html, document_from_text
from graphbuild.text.corpus import STDIN, STDIN_NAME, ErrorHandler, is_stdin, open_corpus, read_jsonl, read_stdin
from graphbuild.text.decode import (ENDLESS, LINE_SLACK, PARSER_MAX_CHARS, InputWarning, byte_limit, capped_lines,
                                    check_size, decode, too_long)
from graphbuild.text.language import english_share, looks_english

__all__ = ["InputWarning", "read_documents", "read_document", "document_from_text", "input_files",
           "count_documents", "is_stdin", "STDIN", "PARSER_MAX_CHARS"]  # the first and last from text/decode.py

FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")


def read_documents(
    inputs: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    max_chars: int | None = None,
) -> Iterator[Document]:
    """Yield the documents of files, folders and corpora, lazily and in order.

    Folders are walked recursively in sorted order, taking ``.txt``, ``.html``,
    ``.htm``, ``.jsonl`` and ``.jsonl.gz`` files; ``"-"`` is standard input (a
    corpus of JSON lines, or else one plain-text article, id ``stdin``). A bad input raises
    :class:`InputError`, or is passed to ``on_error`` so the batch goes on.
    A document in another language is skipped with an :class:`InputWarning`.

    >>> docs = list(read_documents([SEEDS]))
    >>> len(docs), docs[0].id, docs[0].author
    (5, '000_5cc2ea6aac582717', 'Brandon J. Weichert')
    """
    report = _reporter(on_error)
    seen: set[str] = set()
    for item in inputs:
        path = Path(item)
        if is_stdin(item):
            files = [Path(STDIN_NAME)]
        elif path.is_dir():
            records: list[Path] = []
            files = _walk(path, report, records)
            for file in records:
                warnings.warn(f"{file}: holds records about articles (keyed by 'doc_id': annotations, statements "
                              "or attributions), not articles; skipped", InputWarning, stacklevel=2)
            if records and not files:
                report(InputError(path, "folder has no articles, only records about them (keyed by 'doc_id')"))
            elif not files:
                report(InputError(path, f"folder has no {', '.join(FOLDER_SUFFIXES)} files"))
        elif path.is_file():
            files = [path]
        else:
            report(InputError(path, "no such file or folder"))
            continue
        for file in files:
            for doc, line in _read_path(file, report, max_chars):
                if doc.id in seen:
                    report(InputError(file, f"duplicate document id {doc.id!r} (already read from another input)",
                                      line=line))
                    continue
                seen.add(doc.id)
                if _is_english(doc, file, line):
                    yield doc


def read_document(path: str | Path, *, max_chars: int | None = None) -> Document:
    """Read one ``.txt`` or ``.html`` article; its id is the file name without extension.

    >>> read_document(SEEDS / "001_8efe145ea01ff212.txt").outlet
    'Washington Examiner'
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    if _kind(path) == "jsonl":
        raise InputError(path, "a corpus holds many documents: use read_documents")
    return next(iter(_read_path(path, _reporter(None), max_chars)))[0]


def input_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The files :func:`read_documents` reads, in its order; a folder without any stays as it is.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.jsonl", ".hidden.txt", "notes.pdf"):
    ...     _ = (folder / name).write_text('{"id": "x", "text": "Yes."}\\n')
    >>> [p.name for p in input_files([folder])]
    ['a.jsonl', 'b.txt']
    """
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if is_stdin(item):
            files.append(Path(STDIN_NAME))
            continue
        files.extend((_walk(path) or [path]) if path.is_dir() else [path])
    return files


def count_documents(inputs: Iterable[str | Path], limit: int | None = None) -> int | None:
    """How many documents the inputs hold, by a quick pass (lines of corpora, files of folders).

    It gives a progress bar its total; ``None`` when some input cannot be counted.

    >>> import tempfile, pathlib
    >>> corpus = pathlib.Path(tempfile.mkdtemp()) / "corpus.jsonl"
    >>> _ = corpus.write_text('{"id": "a", "text": "Yes."}\\n\\n{"id": "b", "text": "No."}\\n')
    >>> count_documents([corpus]), count_documents([corpus], limit=1), count_documents([corpus.parent / "gone.jsonl"])
    (2, 1, None)
    """
    def in_file(path: Path) -> int:
        if _kind(path) != "jsonl":
            return 1
        # Non-blank lines, read a block at a time: a corpus may hold a line of gigabytes.
        lines, starts = 0, True
        with open_corpus(path) as f:
            for piece in iter(lambda: f.readline(1 << 20), b""):
                lines += starts and bool(piece.strip())
                starts = piece.endswith(b"\n")
        return lines

    total = 0
    try:
        for item in inputs:
            if is_stdin(item):
                return None  # counting would consume it
            path = Path(item)
            total += sum(in_file(f) for f in (_walk(path) if path.is_dir() else [path]))
            if limit is not None and total >= limit:
                return limit
    except (OSError, EOFError, ValueError):
        return None
    return total


def _reporter(on_error: ErrorHandler | None) -> ErrorHandler:
    def report(err: InputError) -> None:
        if on_error is None:
            raise err
        on_error(err)

    return report


def _kind(path: Path) -> str:
    if str(path) == STDIN_NAME:
        return "stdin"
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    return "html" if name.endswith((".html", ".htm")) else "text"


def _walk(folder: Path, report: ErrorHandler | None = None, records: list[Path] | None = None) -> list[Path]:
    """The article files of a folder tree, sorted; a subfolder that cannot be listed is reported.

    A ``.jsonl`` of records about articles (:func:`_holds_records`) is no article file:
    it goes to ``records`` when given, so every reader of folders skips the same files.
    """
    def unreadable(err: OSError) -> None:
        if report is not None:
            report(InputError(err.filename or folder, f"cannot read folder ({err.strerror or err})"))

    found = []
    for top, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(top, n) for n in names
                     if not n.startswith(".") and n.lower().endswith(FOLDER_SUFFIXES) and Path(top, n).is_file())
    files = []
    for file in sorted(found, key=lambda p: p.relative_to(folder).as_posix()):
        if not _holds_records(file):
            files.append(file)
        elif records is not None:
            records.append(file)
    return files


def _holds_records(path: Path) -> bool:
    """True for a ``.jsonl`` file that holds records about articles rather than articles:
    gold annotations, statements, attributions (docs/formats.md §3-5).

    An annotated debate keeps its ``gold.jsonl`` beside its ``corpus.jsonl``; read as
    articles it would be one error per line and a failed run. Its records are keyed by
    ``doc_id`` and carry no ``text``, which no article line does.
    """
    if _kind(path) != "jsonl":
        return False
    try:
        with open_corpus(path) as f:
            first = next((line for _, line in capped_lines(f, LINE_SLACK, b"\n")
                          if line is not None and line is not ENDLESS and line.strip()), None)
        row = json.loads(first) if first is not None else None
    except (OSError, EOFError, gzip.BadGzipFile, ValueError, RecursionError):
        return False  # reading it as a corpus reports what is wrong, line by line
    return isinstance(row, dict) and "doc_id" in row and "text" not in row and "id" not in row


def _read_path(path: Path, report: ErrorHandler, max_chars: int | None) -> Iterator[tuple[Document, int | None]]:
    """The documents of one file, each with its corpus line number (None for a whole-file article)."""
    try:
        if _kind(path) == "stdin":
            yield from read_stdin(path, report, max_chars)
            return
        if _kind(path) == "jsonl":
            yield from read_jsonl(path, report, max_chars)
            return
        if path.stat().st_size > byte_limit(max_chars):
            raise InputError(path, f"file is {path.stat().st_size:,} bytes, {too_long(max_chars)}")
        text = decode(path.read_bytes(), path)
        doc = document_from_html(path, text) if _kind(path) == "html" else document_from_text(
            path.name.rsplit(".", 1)[0] if "." in path.name else path.name, text, source_path=path)
        check_size(doc.text, path, max_chars)
        check_words(doc.text, path)
        yield doc, None
    except InputError as err:
        report(err)
    except OSError as err:
        report(InputError(path, f"cannot read: {err.strerror or err}"))


def _is_english(doc: Document, path: Path, line: int | None) -> bool:
    if looks_english(doc.clean_text):
        return True
    where = f"{path}:{line}" if line is not None else str(path)
    warnings.warn(f"{where}: document {doc.id!r} does not look like English "
                  f"({english_share(doc.clean_text):.0%} common English words); skipped", InputWarning, stacklevel=3)
    return False


