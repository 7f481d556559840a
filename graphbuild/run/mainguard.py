"""Is this call running at the top level of a script that lacks ``if __name__ == "__main__":``?

Worker processes are started with ``spawn`` (a forked child would inherit
the store's RocksDB threads and locks), and a spawned child imports the
parent's main script before it takes work. A script that calls
``graphbuild.build(..., jobs=2)`` at its top level, unguarded, would then run
the build again in every worker, which Python stops with an error that shows
up as ``BrokenProcessPool``. :func:`unguarded_script` recognises that case
from the script's own syntax tree, so the build can fall back to one process
and say why instead.
"""
from __future__ import annotations

import ast
import sys
import warnings
from pathlib import Path

__all__ = ["unguarded_script", "usable_jobs", "UnguardedScriptWarning"]


class UnguardedScriptWarning(RuntimeWarning):
    """jobs > 1 was asked for from an unguarded script; the work runs in one process."""


def _is_main_guard(node: ast.AST) -> bool:
    """``if __name__ == "__main__":`` (either side of the comparison)."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare) or len(node.test.ops) != 1:
        return False
    sides = [node.test.left, *node.test.comparators]
    names = {s.id for s in sides if isinstance(s, ast.Name)}
    texts = {s.value for s in sides if isinstance(s, ast.Constant)}
    return isinstance(node.test.ops[0], ast.Eq) and names == {"__name__"} and texts == {"__main__"}


def _guarded_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in tree.body:
        if _is_main_guard(node):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def unguarded_script() -> str | None:
    """The main script's path if the running call comes from its unguarded top level, else None.

    None also when there is no script (an interactive session, ``python -c``,
    a notebook) or its source cannot be read: then nothing is re-run.

    >>> unguarded_script() is None  # a doctest is no script's top level
    True
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path or not Path(path).is_file():
        return None
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_name == "<module>" and Path(code.co_filename).resolve() == Path(path).resolve():
            break
        frame = frame.f_back
    if frame is None:  # the call does not come from the script's own top level (e.g. a library's)
        return None
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    return None if frame.f_lineno in _guarded_lines(tree) else str(path)


def usable_jobs(jobs: int, *, stacklevel: int = 2) -> int:
    """``jobs``, or 1 with an :class:`UnguardedScriptWarning` when worker processes would re-run the script.

    ``stacklevel`` is counted from the caller, as in :func:`warnings.warn`, so
    the warning can point at the script's line.

    >>> usable_jobs(4), usable_jobs(1)  # a doctest is no unguarded script: the jobs stand
    (4, 1)
    """
    if jobs <= 1:
        return jobs
    script = unguarded_script()
    if script is None:
        return jobs
    warnings.warn(f"{script} calls graphbuild with jobs={jobs} outside `if __name__ == \"__main__\":`, so worker "
                  "processes would run the script again; extracting in one process instead",
                  UnguardedScriptWarning, stacklevel=stacklevel + 1)
    return 1
