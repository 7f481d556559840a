"""Read and validate claim codebooks (docs/formats.md §2).

A codebook is checked whole before any extraction starts: a typo in claim
seven should not surface after an hour of parsing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import CodebookError
from ..models import Claim, Codebook
from ..text.corpus import is_stdin
from .yamlfile import read_yaml

_ID = re.compile(r"[A-Za-z0-9._-]+")
_KINDS = ("normative", "descriptive")

__all__ = ["load_codebook", "parse_codebook", "find_codebook", "resolve_codebook"]


def load_codebook(path: str | Path) -> Codebook:
    """Load a codebook YAML file.

    >>> book = load_codebook(SEEDS / "codebook.yaml")
    >>> book.name, len(book), book.get("russia-dissolution").kind
    ('seeds', 8, 'normative')
    """
    path = Path(path)
    data = read_yaml(path, CodebookError, "codebook file")
    return parse_codebook(data, source=str(path), name=path.stem if path.stem != "codebook" else path.parent.name or "codebook")


def parse_codebook(data: object, *, source: str = "<codebook>", name: str = "codebook") -> Codebook:
    """Validate an already-parsed codebook mapping.

    >>> parse_codebook({"claims": [{"id": "a", "label": "A is true"}]}).claims[0].kind
    'normative'
    """
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise CodebookError(f"{source}: a codebook is a mapping with a 'claims' list")
    if not data["claims"]:
        raise CodebookError(f"{source}: the codebook has no claims")
    claims, seen = [], set()
    for n, item in enumerate(data["claims"], 1):
        where = f"{source}: claim {n}"
        if not isinstance(item, dict):
            raise CodebookError(f"{where}: expected a mapping with 'id' and 'label'")
        cid = item.get("id")
        if not isinstance(cid, str) or not _ID.fullmatch(cid):  # not "^…$": "$" accepts a trailing newline
            raise CodebookError(f"{where}: id {cid!r} must match [A-Za-z0-9._-]+")
        if cid in seen:
            raise CodebookError(f"{where}: duplicate id {cid!r}")
        seen.add(cid)
        label = item.get("label")
        if not isinstance(label, str) or not label.strip():
            raise CodebookError(f"{where} ({cid}): 'label' must be a non-empty string")
        kind = item.get("kind", "normative")
        if kind not in _KINDS:
            raise CodebookError(f"{where} ({cid}): kind {kind!r} is not one of {', '.join(_KINDS)}")
        lists = {}
        for key in ("aliases", "opposing"):
            value = item.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise CodebookError(f"{where} ({cid}): '{key}' must be a list of non-empty strings")
            lists[key] = tuple(v.strip() for v in value)
        description = item.get("description")
        if description is not None and not isinstance(description, str):
            raise CodebookError(f"{where} ({cid}): 'description' must be a string")
        claims.append(Claim(id=cid, label=label.strip(), kind=kind, aliases=lists["aliases"],
                            opposing=lists["opposing"], description=description))
    return Codebook(claims=tuple(claims), name=str(data.get("name") or name), source=source)


def find_codebook(inputs: Iterable[str | Path]) -> Path | None:
    """A ``codebook.yaml`` lying in an input folder (or beside an input file).

    >>> find_codebook([SEEDS]).name, find_codebook([SEEDS / "000_5cc2ea6aac582717.txt"]).name
    ('codebook.yaml', 'codebook.yaml')
    """
    for item in inputs:
        if is_stdin(item):
            continue  # standard input lies beside nothing
        p = Path(item)
        candidate = p / "codebook.yaml" if p.is_dir() else p.parent / "codebook.yaml"
        if candidate.is_file():
            return candidate
    return None


def resolve_codebook(codebook: Codebook | str | Path | None, inputs: Iterable[str | Path]) -> Codebook:
    """The codebook given, or the one beside the inputs; fails before any work starts.

    >>> resolve_codebook(None, [SEEDS]).name, resolve_codebook(SEEDS / "codebook.yaml", []).name
    ('seeds', 'seeds')
    >>> resolve_codebook(None, [])
    Traceback (most recent call last):
    ...
    graphbuild.errors.CodebookError: no codebook: pass --codebook FILE or put codebook.yaml in the input folder
    """
    if isinstance(codebook, Codebook):
        return codebook
    path = codebook or find_codebook(inputs)
    if path is None:
        raise CodebookError("no codebook: pass --codebook FILE or put codebook.yaml in the input folder")
    return load_codebook(path)
