"""Reading the user's YAML files (codebook, aliases) with errors that name the line."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import GraphbuildError

__all__ = ["read_yaml"]


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
        return yaml.safe_load(raw)
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
