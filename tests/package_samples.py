"""Small Python packages written to a temporary folder, for the tests of the source checkers
(tests/test_architecture.py, tests/test_docstrings.py)."""
from __future__ import annotations

import textwrap
from pathlib import Path


def write_package(tmp_path: Path, files: dict[str, str]) -> Path:
    """The package ``pkg`` in ``tmp_path`` with ``files`` ({relative path: source, dedented})."""
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root
