"""Corpus files (one JSON article a line, ``.jsonl`` or ``.jsonl.gz``) and standard input.

Lines stream one at a time with a cap on their length, so a corpus of
20,000 articles, or a compressed file holding one line of gigabytes, never
sits in memory. Each bad line is one :class:`~graphbuild.errors.InputError`
naming the file and line; the reader goes on with the next.
"""
from __future__ import annotations

import gzip
import io
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from graphbuild.errors import InputError
from graphbuild.models import Document
from graphbuild.text.article import check_words, document_from_text
from graphbuild.text.decode import (BOMS, ENDLESS, LINE_SLACK, MAX_SKIP, SURROGATE, InputWarning, byte_limit,
                                    capped_lines, char_limit, check_binary_head, check_size, decode, json_line, too_long,
                                    without_surrogates)
from graphbuild.text.metadata import split_authors

__all__ = ["STDIN", "STDIN_NAME", "is_stdin", "open_corpus", "read_jsonl", "read_stdin"]

_STRING_FIELDS = ("id", "text", "title", "date", "source", "url")
# Bytes of a corpus looked at to tell text from a binary file.
_SNIFF_BYTES = 8192
# Bytes of a corpus line per character of its text at worst (a JSON escape of an
# astral character, ``\\ud83d\\ude00``, is 12 bytes for one), plus room for the
# metadata: a line longer than this cannot hold an acceptable document, so it is
# skipped as it streams and never held in memory (a 2 MB gzip can hold a 2 GiB line).
_BYTES_PER_CHAR = 12

ErrorHandler = Callable[[InputError], None]

# The input "-" is standard input, as for cat and grep: a corpus (JSON lines)
# or one plain-text article. Errors name it as STDIN_NAME.
STDIN = "-"
STDIN_NAME = "<stdin>"
# The document id of a plain-text article read from standard input.
STDIN_ID = "stdin"


def is_stdin(item: str | Path) -> bool:
    """Is this input standard input ("-")?

    >>> is_stdin("-"), is_stdin("./-"), is_stdin("corpus.jsonl")
    (True, False, False)
    """
    return str(item) == STDIN


def open_corpus(path: Path) -> BinaryIO:
    """A corpus file as bytes, gunzipped when its name ends in ``.gz``; ``<stdin>`` is standard input.

    >>> import gzip, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl.gz"
    >>> _ = path.write_bytes(gzip.compress(b'{"id": "a", "text": "Yes."}'))
    >>> with open_corpus(path) as f: f.read()[:9]
    b'{"id": "a'
    """
    if str(path) == STDIN_NAME:
        return _stdin()
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _stdin() -> BinaryIO:
    """Standard input as a byte stream that can be peeked at and closed."""
    try:
        # a second descriptor, so that closing the reader leaves sys.stdin usable
        return open(os.dup(sys.stdin.fileno()), "rb")
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        # a stand-in without a descriptor (a test runner, a notebook): its content as it is
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        data = stream.read()
        return io.BufferedReader(io.BytesIO(data if isinstance(data, bytes) else data.encode("utf-8")))


def _opens_object(head: bytes) -> bool:
    """Does text starting with these bytes (any BOM, blank lines) open a JSON object?

    >>> _opens_object(b"\\n  {'id': 1}"), _opens_object("\\ufeff{".encode("utf-16-le")), _opens_object(b"Taxes.")
    (True, True, False)
    """
    codec = next((c for bom, c in BOMS if head.startswith(bom)), "utf-8")
    return head.decode(codec, errors="ignore").lstrip("\ufeff \t\r\n").startswith("{")


def read_stdin(path: Path, report: ErrorHandler, max_chars: int | None) -> Iterator[tuple[Document, int | None]]:
    """Standard input: a corpus when its first non-blank character opens a JSON object, else one article
    (id ``stdin``); each document with its line number (None for the article). ``report`` gets each bad line.

    >>> import io, sys
    >>> saved, sys.stdin = sys.stdin, io.TextIOWrapper(io.BytesIO(b"Taxes should rise, Ann Lee said."))
    >>> [(d.id, n) for d, n in read_stdin(Path(STDIN_NAME), print, None)]
    [('stdin', None)]
    >>> sys.stdin = saved
    """
    with open_corpus(path) as f:
        if _opens_object(f.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]):
            yield from read_jsonl(path, report, max_chars, opened=f)
            return
        limit = byte_limit(max_chars)
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(path, f"more than {limit:,} bytes of text, {too_long(max_chars)}")
    if not data.strip():
        raise InputError(path, "empty input")
    doc = document_from_text(STDIN_ID, decode(data, path))
    check_size(doc.text, path, max_chars)
    check_words(doc.text, path)
    yield doc, None


def _corpus_lines(f: BinaryIO, path: Path, cap: int) -> Iterator[tuple[int, bytes | str | None]]:
    """Numbered lines of a corpus: bytes for UTF-8 (decoded per line), text for UTF-16/32 with a BOM;
    None for a line longer than ``cap`` bytes."""
    head = f.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    codec = next((c for bom, c in BOMS if head.startswith(bom)), "utf-8")
    if codec.startswith("utf-8"):
        check_binary_head(head, path)
        yield from capped_lines(f, cap, b"\n")
        return
    with io.TextIOWrapper(f, encoding=codec, newline="") as text:
        # Characters here, not bytes: a UTF-16 unit is at least 2 bytes, so the cap is not lower.
        yield from capped_lines(text, cap, "\n")


def read_jsonl(path: Path, report: ErrorHandler, max_chars: int | None,
               opened: BinaryIO | None = None) -> Iterator[tuple[Document, int]]:
    """The documents of a corpus file (or of ``opened``), each with its line number.

    Each bad line is passed to ``report`` and the next is read.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
    >>> _ = path.write_text('{"id": "a", "text": "Taxes rose."}\\n[1]\\n')
    >>> [(d.id, n) for d, n in read_jsonl(path, lambda err: print(err.line, err.reason), None)]
    2 expected a JSON object, got list
    [('a', 1)]
    """
    ids: set[str] = set()
    any_line = False
    cap = _BYTES_PER_CHAR * char_limit(max_chars) + LINE_SLACK
    try:
        with opened if opened is not None else open_corpus(path) as f:
            for number, raw in _corpus_lines(f, path, cap):
                if raw is ENDLESS:
                    report(InputError(path, f"line is longer than {cap + MAX_SKIP:,} bytes (not a corpus "
                                            "line: a compression bomb?); the rest of the file is not read",
                                      line=number))
                    return
                if raw is None:
                    any_line = True
                    report(InputError(path, f"line is longer than {cap:,} bytes, so its document would be "
                                            f"{too_long(max_chars)}; skipped", line=number))
                    continue
                if not raw.strip():
                    continue
                any_line = True
                try:
                    doc = _record(path, number, raw, ids, max_chars)
                except InputError as err:
                    report(err)
                    continue
                yield doc, number
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeError) as err:
        report(InputError(path, f"cannot read: {err}"))
        return
    if not any_line:
        report(InputError(path, "empty file"))


def _without_surrogates(row: dict, authors: str | list[str], path: Path, number: int) -> tuple[dict, str | list[str]]:
    """The record with lone surrogates (``"\\ud800"`` in JSON, never text) replaced by U+FFFD, and a warning.

    One character for one keeps offsets into the text valid; left in, a
    surrogate cannot be written as UTF-8 and would fail every output.
    """
    fields = [k for k in _STRING_FIELDS if isinstance(row.get(k), str) and SURROGATE.search(row[k])]
    if isinstance(authors, str) and SURROGATE.search(authors) or any(SURROGATE.search(a) for a in authors
                                                                      if isinstance(authors, list)):
        fields.append("authors")
    if not fields:
        return row, authors
    warnings.warn(f"{path}:{number}: lone surrogate in {', '.join(repr(f) for f in fields)} (not text), "
                  "replaced with U+FFFD", InputWarning, stacklevel=5)
    row = {k: without_surrogates(v) if k in _STRING_FIELDS and isinstance(v, str) else v for k, v in row.items()}
    fixed = without_surrogates(authors) if isinstance(authors, str) else [without_surrogates(a) for a in authors]
    return row, fixed


def _record(path: Path, number: int, raw: bytes | str, ids: set[str], max_chars: int | None) -> Document:
    line = raw if isinstance(raw, str) else decode(raw, path, line=number)
    row = json_line(line, path, number)
    if not isinstance(row, dict):
        raise InputError(path, f"expected a JSON object, got {type(row).__name__}", line=number)
    for key in ("id", "text"):
        if key not in row:
            hint = (" (a record keyed by 'doc_id' is about an article, e.g. gold or statements: "
                    "the corpus is one {\"id\", \"text\"} article per line)") if "doc_id" in row else ""
            raise InputError(path, f"missing {key!r}{hint}", line=number)
        if row[key] is None:  # the loop below lets null through for the optional fields
            raise InputError(path, f"field {key!r} must be a string, got null", line=number)
    for key in _STRING_FIELDS:
        if row.get(key) is not None and not isinstance(row[key], str):
            raise InputError(path, f"field {key!r} must be a string, got {type(row[key]).__name__}", line=number)
    authors = row.get("authors") or ""
    if not isinstance(authors, str) and not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        raise InputError(path, f"field 'authors' must be a string, got {type(authors).__name__}", line=number)
    row, authors = _without_surrogates(row, authors, path, number)
    doc_id, text = row["id"].strip(), row["text"]
    if not doc_id:
        raise InputError(path, "empty 'id'", line=number)
    if not text.strip():
        raise InputError(path, f"empty 'text' in document {doc_id!r}", line=number)
    if doc_id in ids:
        raise InputError(path, f"duplicate id {doc_id!r}", line=number)
    ids.add(doc_id)
    check_size(text, path, max_chars, line=number)
    check_words(text, path, line=number)
    return document_from_text(
        doc_id, text, source_path=path, title=row.get("title") or None,
        authors=split_authors(authors) if isinstance(authors, str) else tuple(authors),
        date=row.get("date") or None, outlet=row.get("source") or None, url=row.get("url") or None,
    )
