"""The per-document guard (graphbuild/guard.py): one failing document costs only itself."""
from __future__ import annotations

from graphbuild.errors import InputError
from graphbuild.run.guard import DocumentError, document_error, guarded
from graphbuild.models import Document


def test_only_the_failing_document_is_lost_and_nothing_is_doubled():
    calls = []

    def invert(batch):
        calls.append(list(batch))
        return [(d, 1 / d) for d in batch]

    failed = []
    out = list(guarded(invert, [1, 2, 0, 4, 5], failed.append, batch_size=2))
    assert out == [(1, 1.0), (2, 0.5), (4, 0.25), (5, 0.2)]
    assert len(failed) == 1 and isinstance(failed[0], InputError)
    # the failing batch [0, 4] was retried one by one; the others ran once, as batches
    assert calls == [[1, 2], [0, 4], [0], [4], [5]]


def test_a_failure_after_partial_output_does_not_duplicate_it():
    def gen(batch):
        for d in batch:
            if d == "bad":
                raise RuntimeError("boom")
            yield d.upper()

    failed = []
    assert list(guarded(gen, ["a", "bad", "c"], failed.append, batch_size=3)) == ["A", "C"]
    assert [str(e) for e in failed] == ["<document>: document could not be processed (RuntimeError: boom); skipped"]


def test_interrupts_are_not_swallowed():
    def stop(batch):
        raise KeyboardInterrupt

    try:
        list(guarded(stop, [1], lambda e: None))
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("Ctrl-C must stop the run")


def test_document_error_is_one_line_and_names_file_and_id():
    long = "x" * 500 + "\n" + "y"
    err = document_error(Document("a\nb", "t", source_path="dir/c.jsonl"), ValueError(long))
    assert isinstance(err, DocumentError) and err.doc_id == "a\nb"
    assert "\n" not in str(err).replace("\\n", "")
    assert str(err).startswith("dir/c.jsonl: document 'a\\nb' could not be processed (ValueError: xxx")
    assert len(str(err)) < 300
