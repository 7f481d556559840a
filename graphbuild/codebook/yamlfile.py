"""Reading the user's YAML files (codebook, aliases) with errors that name the line."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import GraphbuildError

__all__ = ["read_yaml"]

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def read_yaml(path: Path, error: type[GraphbuildError], what: str) -> object:
    """The parsed content of a YAML file; ``error`` with file, line and reason if it cannot be read.

    >>> read_yaml(SEEDS / "codebook.yaml", ValueError, "codebook")["claims"][0]["id"]
    'russia-dissolution'
    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "bad.yaml"
    >>> _ = bad.write_text("claims:\\n  - id: [a\\n")
    >>> read_yaml(bad, ValueError, "codebook")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: .../bad.yaml:2: invalid YAML (...)
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: no such {what}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise error(f"{path}: cannot read {what} ({e})") from None
    try:
        return _text(yaml.safe_load(raw), path, raw, error)
    except yaml.YAMLError as e:
        # An unclosed bracket is noticed at the end of the stream, past the last line.
        last = len(raw.splitlines()) or 1
        line, since = (min(m.line + 1, last) if m is not None else None
                       for m in (getattr(e, "problem_mark", None), getattr(e, "context_mark", None)))
        where = f":{line}" if line is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        if since is not None and line is not None and since != line and getattr(e, "context", None):
            problem += f", {e.context} from line {since}"
        raise error(f"{path}{where}: invalid YAML ({problem})") from None


def _text(value: object, path: Path, raw: str, error: type[GraphbuildError]) -> object:
    """``value`` with escaped surrogate pairs (``"\\ud83d\\ude00"``) joined; a lone one is an error.

    PyYAML turns the escape ``"\\ud800"`` into a lone surrogate, which is not text: no
    output could be written with it in a label.
    """
    if isinstance(value, str):
        if not _SURROGATE.search(value):
            return value
        try:
            return value.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            found = _SURROGATE_ESCAPE.search(raw)
            line = f":{raw.count(chr(10), 0, found.start()) + 1}" if found else ""
            raise error(f"{path}{line}: a lone surrogate escape ({found.group() if found else 'U+D800-DFFF'}) "
                        "is not a character; remove it") from None
    if isinstance(value, list):
        return [_text(v, path, raw, error) for v in value]
    if isinstance(value, dict):
        return {_text(k, path, raw, error): _text(v, path, raw, error) for k, v in value.items()}
    return value
