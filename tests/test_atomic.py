"""Atomic writes: a failed write leaves the old file whole and no temporary behind."""
import stat

import pytest

from graphbuild.atomic import atomic_open, write_atomic


def test_write_replaces_content_and_is_world_readable(tmp_path):
    target = tmp_path / "sub" / "graph.ttl"
    write_atomic(target, "old")
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["graph.ttl"]


def test_error_mid_write_keeps_previous_file(tmp_path):
    target = tmp_path / "statements.jsonl"
    write_atomic(target, b"line 1\n")
    with pytest.raises(RuntimeError):
        with atomic_open(target, "wb") as fh:
            fh.write(b"half of a new file")
            raise RuntimeError("killed")
    assert target.read_bytes() == b"line 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["statements.jsonl"]


def test_text_mode_writes_utf8_with_unix_newlines(tmp_path):
    target = tmp_path / "map.html"
    with atomic_open(target) as fh:
        fh.write("Заявление\n")
    assert target.read_bytes() == "Заявление\n".encode("utf-8")


def test_read_modes_are_refused(tmp_path):
    with pytest.raises(ValueError):
        with atomic_open(tmp_path / "x", "r"):
            pass
