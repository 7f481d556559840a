"""Bytes to text, and what is refused on the way: binary files, oversized documents, bad JSON lines.

Text is UTF-8 unless a byte-order mark says UTF-16/32; invalid bytes become
U+FFFD with an :class:`InputWarning`. A file is binary when it holds NUL
bytes, starts as a known binary format does (a PDF need hold no NUL byte),
or is mostly undecodable bytes or control characters. A document is too
long past ``max_chars`` or past what the parser takes at once.

>>> decode("Café".encode("utf-16"), "a.txt")
'Café'
>>> too_long(None)
'more than the parser takes (1,000,000 characters; split the document)'
"""
from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from graphbuild.errors import InputError

__all__ = ["InputWarning", "PARSER_MAX_CHARS", "BOMS", "decode", "check_magic", "check_binary_head", "char_limit",
           "byte_limit", "too_long", "check_size", "json_line", "SURROGATE", "without_surrogates", "capped_lines", "ENDLESS",
           "LINE_SLACK", "MAX_SKIP"]

BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Share of control characters (other than line breaks and tabs) above which a "text" is binary.
_MAX_CONTROL_RATIO = 0.02
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# The same in raw bytes; C1 controls are left out because UTF-8 continuation bytes fall there.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
# Share of U+FFFD after lenient decoding above which the bytes were never text.
_MAX_REPLACEMENT_RATIO = 0.10
# The longest document the parser takes at once (spaCy's ``nlp.max_length``): a
# longer one would only fail there, after minutes of reading and scanning, so it is
# refused up front whatever ``max_chars`` says.
PARSER_MAX_CHARS = 1_000_000
# What a binary file starts with when it holds no NUL byte in its first bytes.
_MAGIC = ((b"%PDF-", "a PDF"), (b"PK\x03\x04", "a ZIP archive or office document"), (b"\x1f\x8b", "gzip data"),
          (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"\x7fELF", "a program"))

# A lone UTF-16 surrogate: JSON's "\ud800" escape gives one, but it is not text and cannot
# be written as UTF-8, so every output (and the tokenizer) would fail on it.
SURROGATE = re.compile(r"[\ud800-\udfff]")


class InputWarning(UserWarning):
    """An input was read, but not cleanly (e.g. invalid UTF-8 was replaced)."""


def char_limit(max_chars: int | None) -> int:
    """The most characters a document may have: ``max_chars``, never more than the parser takes.

    >>> char_limit(200_000), char_limit(None), char_limit(5_000_000)
    (200000, 1000000, 1000000)
    """
    return min(max_chars, PARSER_MAX_CHARS) if max_chars is not None else PARSER_MAX_CHARS


def byte_limit(max_chars: int | None) -> int:
    """The most bytes a whole-file document may take: UTF-8 needs at most 4 a
    character, and a byte-order mark adds 4 at most. A larger file need not be read.

    >>> byte_limit(100)
    404
    """
    return 4 * char_limit(max_chars) + 4


def too_long(max_chars: int | None) -> str:
    """What a document over :func:`char_limit` is more than, for its error.

    >>> too_long(100)
    'more than max_chars=100 allows'
    """
    if max_chars is not None and max_chars <= PARSER_MAX_CHARS:
        return f"more than max_chars={max_chars:,} allows"
    return f"more than the parser takes ({PARSER_MAX_CHARS:,} characters; split the document)"


def check_size(text: str, path: str | Path, max_chars: int | None, line: int | None = None) -> None:
    """An :class:`InputError` for a document longer than :func:`char_limit` allows.

    >>> check_size("x" * 5, "a.txt", 4)
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: a.txt: document is 5 characters, more than max_chars=4 allows
    """
    if len(text) > char_limit(max_chars):
        raise InputError(path, f"document is {len(text):,} characters, {too_long(max_chars)}", line=line)


def decode(data: bytes, path: str | Path, line: int | None = None) -> str:
    """Bytes as text: BOMs honoured, binary refused, invalid UTF-8 replaced with a warning.

    >>> decode(b"%PDF-1.4 no NUL byte here", "paper.txt")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: paper.txt: binary file (a PDF), not text
    """
    if not data.strip():
        raise InputError(path, "empty file" if line is None else "empty line", line=line)
    for bom, codec in BOMS:
        if data.startswith(bom):
            encoding = codec
            break
    else:
        if b"\x00" in data:
            raise InputError(path, "binary file (contains NUL bytes), not text", line=line)
        if line is None:
            check_magic(data, path)
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") > _MAX_REPLACEMENT_RATIO * len(text):
            raise InputError(path, "binary file (not valid text in any encoding), not text", line=line) from None
        where = f"{path}:{line}" if line is not None else str(path)
        warnings.warn(f"{where}: invalid {encoding} at byte {err.start}, replaced with U+FFFD", InputWarning, stacklevel=4)
    text = text.lstrip("\ufeff")
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_RATIO * len(text):
        raise InputError(path, "binary file (control characters), not text", line=line)
    if not text.strip():
        raise InputError(path, "empty file", line=line)
    return text


def check_magic(head: bytes, path: str | Path) -> None:
    """An :class:`InputError` when ``head`` starts as a known binary format does.

    >>> check_magic(b"%PDF-1.7 ...", "a.txt")
    Traceback (most recent call last):
    graphbuild.errors.InputError: a.txt: binary file (a PDF), not text
    >>> check_magic(b"Plain words", "a.txt") is None
    True
    """
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(path, f"binary file ({what}), not text")


def check_binary_head(head: bytes, path: str | Path) -> None:
    """An :class:`InputError` for a corpus whose first bytes are binary: one error for
    the file, not one per "line" of a binary blob.

    >>> check_binary_head(bytes(range(32)) * 4, "corpus.jsonl")
    Traceback (most recent call last):
    graphbuild.errors.InputError: corpus.jsonl: binary file, not JSONL text
    >>> check_binary_head(b'{"text": "Taxes rise."}', "corpus.jsonl") is None
    True
    """
    check_magic(head, path)
    if len(_BINARY_BYTES.findall(head)) > _MAX_CONTROL_RATIO * len(head):
        raise InputError(path, "binary file, not JSONL text")


def json_line(line: str, path: str | Path, number: int) -> object:
    """One JSONL line parsed, or an :class:`InputError` naming the line: hostile JSON included.

    Nesting deeper than Python's recursion limit and integers of more than 4,300
    digits are one line's error too, never an exception that ends the batch.

    >>> json_line('{"id": 1}', "c.jsonl", 2)
    {'id': 1}
    >>> json_line("[" * 100_000, "c.jsonl", 3)
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: c.jsonl:3: not valid JSON here (nested too deeply)
    """
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(path, f"not valid JSON ({err.msg} at column {err.colno})", line=number) from None
    except RecursionError:
        raise InputError(path, "not valid JSON here (nested too deeply)", line=number) from None
    except ValueError as err:  # an integer of more than 4,300 digits (sys.get_int_max_str_digits)
        raise InputError(path, f"not valid JSON here (number too long: {' '.join(str(err).split())[:80]})",
                         line=number) from None


def without_surrogates(text: str) -> str:
    r"""``text`` with each lone surrogate replaced by U+FFFD, one character for one (offsets stay valid).

    >>> without_surrogates(json_line(r'"a\ud800b"', "c.jsonl", 1))
    'a�b'
    """
    return SURROGATE.sub("\ufffd", text)


# Room for a line's metadata beyond its text, and the block a long line is skipped by.
LINE_SLACK = 1 << 20
# How far past the cap a line is skipped in search of its end. A longer one is a gzip
# bomb rather than a corpus (2 MB can expand to one 2 GiB line: 40 s of inflating to
# reach what follows), so the rest of the file is given up, with one error.
MAX_SKIP = 64 << 20
ENDLESS = object()


def capped_lines(f, cap: int, newline) -> Iterator[tuple[int, bytes | str | object | None]]:
    r"""Numbered lines of at most ``cap`` bytes (or characters); None for a longer one, skipped as it
    streams; ``ENDLESS`` (and nothing after it) for one still going ``MAX_SKIP`` past the cap.

    A line too long to hold is never held in memory, however long it is.

    >>> import io
    >>> list(capped_lines(io.StringIO("short\n" + "x" * 50 + "\nnext\n"), 10, "\n"))
    [(1, 'short\n'), (2, None), (3, 'next\n')]
    """
    number = 0
    while True:
        line = f.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) <= cap or line.endswith(newline):
            yield number, line
            continue
        skipped = 0
        while line and not line.endswith(newline):  # drop the rest of the line, a block at a time
            if skipped > MAX_SKIP:
                yield number, ENDLESS
                return
            line = f.readline(LINE_SLACK)
            skipped += len(line)
        yield number, None
