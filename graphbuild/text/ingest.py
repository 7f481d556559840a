"""Read articles into :class:`~graphbuild.models.Document` records.

Inputs are ``.txt`` and ``.html`` files, folders of them, and corpus
``.jsonl`` / ``.jsonl.gz`` files (docs/formats.md §1). Reading streams: a corpus of
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
import io
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from graphbuild.errors import InputError
from graphbuild.models import Document
from graphbuild.text.boilerplate import scan
from graphbuild.text.decode import (BOMS, ENDLESS, LINE_SLACK, MAX_SKIP, PARSER_MAX_CHARS, SURROGATE, InputWarning,
                                    capped_lines, char_limit, check_binary_head, check_size, decode, json_line,
                                    too_long, without_surrogates)
from graphbuild.text.language import english_share, has_words, looks_english
from graphbuild.text.metadata import parse_date, split_authors

__all__ = ["InputWarning", "read_documents", "read_document", "document_from_text", "input_files",
           "count_documents", "is_stdin", "STDIN", "PARSER_MAX_CHARS"]  # the first and last from text/decode.py

FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")
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


def document_from_text(
    doc_id: str,
    text: str,
    *,
    source_path: str | Path | None = None,
    title: str | None = None,
    authors: Sequence[str] | str = (),
    date: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Document:
    """A :class:`Document` with boilerplate marked and missing metadata found in the text.

    Metadata passed in wins over metadata discovered in the text, but for
    the authors: a byline or closing bio in the text that names someone the
    record does not comes first (scraped author fields often list a site's
    other writers; the text names its own).

    >>> d = document_from_text("a", "Big News\\nBy Jane Doe\\nIt rained.\\nShare")
    >>> d.title, d.authors, d.clean_text.split()
    ('Big News', ('Jane Doe',), ['Big', 'News', 'It', 'rained.'])
    """
    found = scan(text, title=title or None)
    if isinstance(authors, str):
        authors = split_authors(authors)
    return Document(
        id=doc_id,
        text=text,
        title=title or found.title,
        authors=_authors(tuple(authors), tuple(found.authors)),
        date=(parse_date(date) or date) if date else found.date,
        outlet=outlet or found.outlet,
        url=url or None,
        source_path=str(source_path) if source_path is not None else None,
        boilerplate=tuple(found.ranges),
        title_span=found.title_span,
    )


def _authors(given: tuple[str, ...], found: tuple[str, ...]) -> tuple[str, ...]:
    """The record's authors with the writers the text names: after them when the
    text's byline shares one of them (co-authors the record left out), before
    them when it shares none (the record lists other people).

    >>> _authors(("Ann Lee", "Bo Chan"), ("Dana Whitfield",))
    ('Dana Whitfield', 'Ann Lee', 'Bo Chan')
    >>> _authors(("Ann Lee",), ("Ann Lee", "Dana Whitfield"))
    ('Ann Lee', 'Dana Whitfield')
    >>> _authors(("Dana Whitfield",), ("Dana R. Whitfield",))
    ('Dana Whitfield',)
    """
    surnames = {n.split()[-1].lower() for n in given if n.split()}
    named = tuple(n for n in found if n.split() and n.split()[-1].lower() not in surnames)
    return given + named if len(named) < len(found) else named + given


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
        with _open_corpus(path) as f:
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
        with _open_corpus(path) as f:
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
            yield from _read_stdin(path, report, max_chars)
            return
        if _kind(path) == "jsonl":
            yield from _read_jsonl(path, report, max_chars)
            return
        if path.stat().st_size > 4 * char_limit(max_chars) + 4:
            # UTF-8 needs at most 4 bytes a character: no need to read a file this big.
            raise InputError(path, f"file is {path.stat().st_size:,} bytes, {too_long(max_chars)}")
        text = decode(path.read_bytes(), path)
        doc = _read_html(path, text) if _kind(path) == "html" else document_from_text(
            path.name.rsplit(".", 1)[0] if "." in path.name else path.name, text, source_path=path)
        check_size(doc.text, path, max_chars)
        _check_words(doc.text, path)
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


def _check_words(text: str, path: Path, line: int | None = None) -> None:
    if not has_words(text):
        raise InputError(path, "no words in the text, only digits, punctuation or symbols", line=line)


def _read_html(path: Path, html: str) -> Document:
    import trafilatura  # heavy import, only when there is HTML to read

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    get = (lambda name: getattr(meta, name, None) or None) if meta else (lambda name: None)
    authors = tuple(a.strip() for a in (get("author") or "").split(";") if a.strip())
    return document_from_text(
        path.name.rsplit(".", 1)[0], text, source_path=path, title=get("title"),
        authors=authors, date=get("date"), outlet=get("sitename"), url=get("url"),
    )


def _open_corpus(path: Path) -> BinaryIO:
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

    >>> _opens_object(b"\\n  {\"id\": 1}"), _opens_object("\\ufeff{".encode("utf-16-le")), _opens_object(b"Taxes rose.")
    (True, True, False)
    """
    codec = next((c for bom, c in BOMS if head.startswith(bom)), "utf-8")
    return head.decode(codec, errors="ignore").lstrip("\ufeff \t\r\n").startswith("{")


def _read_stdin(path: Path, report: ErrorHandler, max_chars: int | None) -> Iterator[tuple[Document, int | None]]:
    """Standard input: a corpus when its first non-blank character opens a JSON object, else one article."""
    with _open_corpus(path) as f:
        if _opens_object(f.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]):
            yield from _read_jsonl(path, report, max_chars, opened=f)
            return
        limit = 4 * char_limit(max_chars) + 4
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(path, f"more than {limit:,} bytes of text, {too_long(max_chars)}")
    if not data.strip():
        raise InputError(path, "empty input")
    doc = document_from_text(STDIN_ID, decode(data, path))
    check_size(doc.text, path, max_chars)
    _check_words(doc.text, path)
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


def _read_jsonl(path: Path, report: ErrorHandler, max_chars: int | None,
                opened: BinaryIO | None = None) -> Iterator[tuple[Document, int]]:
    ids: set[str] = set()
    any_line = False
    cap = _BYTES_PER_CHAR * char_limit(max_chars) + LINE_SLACK
    try:
        with opened if opened is not None else _open_corpus(path) as f:
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
    _check_words(text, path, line=number)
    return document_from_text(
        doc_id, text, source_path=path, title=row.get("title") or None,
        authors=split_authors(authors) if isinstance(authors, str) else tuple(authors),
        date=row.get("date") or None, outlet=row.get("source") or None, url=row.get("url") or None,
    )
