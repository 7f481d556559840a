"""Atomic file writes: readers see the old file or the new one, never half of one.

Every output graphbuild writes (graphs, statements, maps, exports) goes
through :func:`atomic_open`: a temporary file in the target directory,
flushed and fsynced, then renamed over the target. A crash or Ctrl-C in the
middle leaves the previous file untouched and no temporary behind.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

__all__ = ["atomic_open", "write_atomic", "output_set"]


@contextmanager
def atomic_open(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file that replaces ``path`` when the block ends without error.

    ``mode`` is ``"w"`` (UTF-8 text, ``\\n`` line ends) or ``"wb"``. Parent
    directories are created.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
    >>> with atomic_open(p) as f:
    ...     _ = f.write("hello")
    >>> p.read_text()
    'hello'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only, mode 'w' or 'wb', not {mode!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        opened = os.fdopen(fd, "wb") if mode == "wb" else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with opened as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write text or bytes to ``path`` atomically; returns the path.

    >>> import tempfile, pathlib
    >>> write_atomic(pathlib.Path(tempfile.mkdtemp()) / "b.bin", b"x").read_bytes()
    b'x'
    """
    with atomic_open(path, "wb" if isinstance(data, bytes) else "w") as fh:
        fh.write(data)
    return Path(path)


@contextmanager
def output_set(folder: str | Path) -> Iterator[Path]:
    """A staging folder whose files replace their namesakes in ``folder`` together, once all are written.

    Files that belong together (a graph, its statements and its map) must
    never be half old, half new: a full disk while the map is written would
    otherwise leave the new graph beside the old map. Everything is written
    into a hidden sibling of ``folder`` first (same file system, so moving is
    a rename and needs no space), then moved in; on an error nothing moves and
    the staging folder is removed. Other files in ``folder`` are left alone.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with output_set(out) as stage:
    ...     _ = write_atomic(stage / "a.txt", "new")
    >>> sorted(p.name for p in out.iterdir()), (out / "a.txt").read_text()
    (['a.txt'], 'new')
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=folder.resolve().parent, prefix=f".{folder.name}.new-"))
    try:
        yield stage
        names = sorted(p.name for p in stage.iterdir())
        for name in names:
            os.replace(stage / name, folder / name)
        _sync_folder(folder)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _sync_folder(folder: Path) -> None:
    """Make the renames into ``folder`` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
