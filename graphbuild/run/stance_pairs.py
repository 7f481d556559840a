"""``graphbuild stance PAIRS.jsonl``: the learned stance model on a user's own pairs.

One JSON object a line in, ``{"id", "text", "claim"}``; one line out per
readable pair, ``{"id", "stance", "confidence"}``, in input order. ``claim``
is a proposition, or an object ``{"label", "aliases", "opposing"}`` with a
codebook claim's phrasings. A bad line is reported (file and line, one line)
and skipped; the rest is still classified. Hostile lines are bad lines too
(nesting 5,000 deep, a 5,000-digit id); a lone surrogate escape (``"\\ud800"``)
becomes U+FFFD with a warning, since neither the tokenizer nor the output can
hold it.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..nlp.stance_features import ClaimPhrasings
from ..nlp.stance_model import classify_stance
from ..text.decode import ENDLESS, PARSER_MAX_CHARS, SURROGATE, InputWarning, capped_lines, json_line, without_surrogates

__all__ = ["stance_pairs", "read_stance_pairs"]

BATCH = 256
# A pair is a sentence or a paragraph; a longer line is skipped as it streams, never held.
MAX_LINE_CHARS = PARSER_MAX_CHARS


def _phrasings(value, path: Path, line: int) -> ClaimPhrasings:
    if isinstance(value, str) and value.strip():
        return ClaimPhrasings(value.strip())
    if isinstance(value, dict) and isinstance(value.get("label"), str) and value["label"].strip():
        lists = {}
        for key in ("aliases", "opposing"):
            items = value.get(key) or []
            if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
                raise InputError(path, f"'claim.{key}' must be a list of non-empty strings", line=line)
            lists[key] = tuple(x.strip() for x in items)
        return ClaimPhrasings(value["label"].strip(), lists["aliases"], lists["opposing"])
    raise InputError(path, "'claim' must be a non-empty string or an object with a 'label'", line=line)


def read_stance_pairs(path: str | Path, on_error: Callable[[Exception], None]) -> Iterator[tuple[object, str, ClaimPhrasings]]:
    """(id, text, claim) of every well-formed line; each bad line goes to ``on_error``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pairs.jsonl"
    >>> _ = p.write_text('{"id": 1, "text": "Ban it.", "claim": "X should be banned"}\\nnot json\\n')
    >>> errors = []
    >>> [pair[0] for pair in read_stance_pairs(p, errors.append)], [str(e).split(": ", 1)[1] for e in errors]
    ([1], ['not valid JSON (Expecting value at column 1)'])
    """
    path = Path(path)
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except OSError as err:
        on_error(InputError(path, f"cannot read: {err.strerror or err}"))
        return
    with f:
        for number, raw in capped_lines(f, MAX_LINE_CHARS, "\n"):
            if raw is ENDLESS:
                on_error(InputError(path, "line goes on without end (not a pairs file?); the rest is not read",
                                    line=number))
                return
            if raw is None:
                on_error(InputError(path, f"line is longer than {MAX_LINE_CHARS:,} characters; skipped", line=number))
                continue
            if not raw.strip():
                continue
            try:
                row = json_line(raw, path, number)
                if not isinstance(row, dict):
                    raise InputError(path, "not a JSON object", line=number)
                if "id" not in row:
                    raise InputError(path, "missing 'id'", line=number)
                pair_id = row["id"]
                # echoed back as JSON: a string or a number JSON can write (1e400 reads as inf)
                if not isinstance(pair_id, (str, int, float)) or isinstance(pair_id, float) and not math.isfinite(pair_id):
                    raise InputError(path, "'id' must be a string or a finite number", line=number)
                text = row.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise InputError(path, "'text' must be a non-empty string", line=number)
                yield _without_surrogates(path, number, pair_id, text, _phrasings(row.get("claim"), path, number))
            except InputError as err:
                on_error(err)


def _without_surrogates(path: Path, number: int, pair_id, text: str, claim: ClaimPhrasings):
    fields = {"id": pair_id if isinstance(pair_id, str) else "", "text": text,
              "claim": "".join((claim.label, *claim.aliases, *claim.opposing))}
    found = [name for name, value in fields.items() if SURROGATE.search(value)]
    if not found:
        return pair_id, text, claim
    warnings.warn(f"{path}:{number}: lone surrogate in {', '.join(repr(f) for f in found)} (not text), "
                  "replaced with U+FFFD", InputWarning, stacklevel=3)
    fix = without_surrogates
    return (fix(pair_id) if isinstance(pair_id, str) else pair_id, fix(text),
            ClaimPhrasings(fix(claim.label), tuple(map(fix, claim.aliases)), tuple(map(fix, claim.opposing))))


def stance_pairs(path: str | Path, on_error: Callable[[Exception], None] | None = None) -> Iterator[dict]:
    """``{"id", "stance", "confidence"}`` for every readable pair of a JSONL file, in order.

    Bad lines go to ``on_error`` (default: raise the first).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pairs.jsonl"
    >>> _ = p.write_text('{"id": "a", "text": "Tariffs are a tax paid by American families.", '
    ...                  '"claim": "Tariffs raise prices for American consumers"}\\n')
    >>> [(r["id"], r["stance"]) for r in stance_pairs(p)]
    [('a', 'supports')]
    """
    def raise_it(err: Exception) -> None:
        raise err

    batch: list[tuple[object, str, ClaimPhrasings]] = []
    for pair in read_stance_pairs(path, on_error or raise_it):
        batch.append(pair)
        if len(batch) == BATCH:
            yield from _classify(batch)
            batch = []
    yield from _classify(batch)


def _classify(batch) -> Iterator[dict]:
    if not batch:
        return
    results = classify_stance([text for _, text, _ in batch], [claim for _, _, claim in batch])
    for (pair_id, _, _), result in zip(batch, results):
        yield {"id": pair_id, "stance": result.stance, "confidence": result.confidence}
