"""Hostile input end to end through the command line (issues 6 and 16).

One folder holds every kind of bad input the open web produces beside a few
good articles. ``graphbuild build`` runs over it once, in a real process, and
each bad input must give exactly one line on stderr naming its file (and
line), the exit status must be 1, and the good articles must still be
extracted and written, with offsets into the text as decoded. ``extract`` and
``attributions`` get the same treatment in-process, and a document the
pipeline itself fails on (longer than spaCy's ``max_length``) is reported and
skipped while the batch goes on.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.namespace import DCTERMS

from graphbuild.cli import DEFAULT_MAX_CHARS, cli
from graphbuild.rdf.io import load_graph

SUPPORT = "Senator Jane Doe said the breakup of Russia is necessary."
OPPOSE = "Professor John Roe said Russia is resilient."
GERMAN = ("Russland muss zerfallen, sagte Senatorin Jane Doe am Montag in Berlin. Die Auflösung Russlands "
          "sei notwendig, erklärte sie. John Roe, Professor in Hamburg, widersprach: Russland sei "
          "widerstandsfähig und werde nicht zusammenbrechen. Die Sanktionen wirken nicht, sagte Roe.")
CORPUS_ROWS = [
    {"id": "c1", "text": SUPPORT},
    '{"id": "c2", "text": "no closing brace"',
    {"id": "c3", "title": "A headline without a body"},
    {"id": "c4", "text": ["a", "list"]},
    {"id": "c5", "text": "A body.", "title": 7},
    {"id": "c1", "text": "The same id again."},
    {"id": "c6", "text": OPPOSE},
    {"id": "c7", "text": "word " * (DEFAULT_MAX_CHARS // 5 + 1)},
    # issue 16: each of these ended the whole run with a traceback, or failed every output
    '{"id": "c8", "text": "x y", "authors": ' + "[" * 5000 + "]" * 5000 + "}",
    '{"id": "c9", "text": "x y", "date": ' + "9" * 5000 + "}",
    {"id": "c10", "text": SUPPORT, "title": "Break\ud800up", "authors": ["Ann \udc00Lee"]},
]


def _write_inputs(root: Path) -> dict[str, Path]:
    """The hostile folder, plus binary files named as what they are (passed explicitly)."""
    folder = root / "in"
    folder.mkdir()
    rnd = random.Random(6)
    files = {
        "good": (folder / "good.txt", (SUPPORT + "\n").encode()),
        "empty": (folder / "empty.txt", b""),
        "pdf": (root / "paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n"
                + bytes(rnd.randrange(256) for _ in range(4000)) + b"\nendstream\n%%EOF\n"),
        "png": (root / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.randrange(256) for _ in range(4000))),
        # no NUL byte: only the share of undecodable bytes gives it away
        "noise": (folder / "noise.txt", bytes(rnd.randrange(1, 256) for _ in range(5000))),
        "latin1": (folder / "latin1.txt", ("Café owner Jane Doe said the breakup of Russia is necessary.\n"
                                           ).encode("cp1252")),
        "utf16": (folder / "utf16.txt", (OPPOSE + "\r\n").encode("utf-16")),
        "crlf": (folder / "crlf.txt", ("Breaking Up\r\nBy Ann Writer\r\n\r\n" + SUPPORT + "\r\n").encode()),
        "huge": (folder / "huge.txt", b"word " * (10 * 1024 * 1024)),  # 50 MB, one line
        "symbols": (folder / "symbols.txt", "--- 2024 !!! *** 12:30 €\n".encode()),
        "nosentence": (folder / "nosentence.txt", b"sanctions russia breakup ukraine war peace talks"),
        "german": (folder / "german.txt", GERMAN.encode()),
        "corpus": (folder / "corpus.jsonl", "\n".join(
            r if isinstance(r, str) else json.dumps(r) for r in CORPUS_ROWS).encode() + b"\n"),
    }
    for path, data in files.values():
        path.write_bytes(data)
    return {k: p for k, (p, _) in files.items()}


# The one line each bad input must give (after "Error: "), as (file key, line, reason fragment).
EXPECTED_ERRORS = [
    ("empty", None, "empty file"),
    ("pdf", None, "binary file"),
    ("png", None, "binary file"),
    ("noise", None, "binary file"),
    ("huge", None, f"more than max_chars={DEFAULT_MAX_CHARS:,}"),
    ("symbols", None, "no words in the text"),
    ("corpus", 2, "not valid JSON"),
    ("corpus", 3, "missing 'text'"),
    ("corpus", 4, "field 'text' must be a string, got list"),
    ("corpus", 5, "field 'title' must be a string, got int"),
    ("corpus", 6, "duplicate id 'c1'"),
    ("corpus", 8, f"more than max_chars={DEFAULT_MAX_CHARS:,}"),
    ("corpus", 9, "not valid JSON here (nested too deeply)"),
    ("corpus", 10, "not valid JSON here (number too long"),
]
# (file key, line, reason fragment)
EXPECTED_WARNINGS = [("latin1", None, "invalid utf-8 at byte 3"), ("german", None, "does not look like English"),
                     ("corpus", 11, "lone surrogate in 'title', 'authors' (not text), replaced with U+FFFD")]
GOOD_DOCS = {"good", "latin1", "utf16", "crlf", "nosentence", "c1", "c6", "c10"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, seeds_dir):
    """``graphbuild build`` over the hostile inputs, in a subprocess: (inputs, process, out dir)."""
    root = tmp_path_factory.mktemp("hostile")
    files = _write_inputs(root)
    out = root / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "graphbuild", "build", files["good"].parent, files["pdf"], files["png"],
         "--codebook", seeds_dir / "codebook.yaml", "--out", out],
        capture_output=True, text=True, timeout=600, check=False, env={**os.environ, "PYTHONWARNINGS": ""})
    return files, proc, out


def _where(files, key, line):
    return f"{files[key]}:{line}: " if line is not None else f"{files[key]}: "


def test_each_bad_input_is_one_line_naming_file_and_line(hostile):
    files, proc, _ = hostile
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    for key, line, reason in EXPECTED_ERRORS:
        hits = [e for e in errors if e.startswith("Error: " + _where(files, key, line))]
        assert len(hits) == 1 and reason in hits[0], (key, line, hits)
    assert len(errors) == len(EXPECTED_ERRORS), errors
    warnings = [line for line in lines if line.startswith("Warning: ")]
    for key, line, reason in EXPECTED_WARNINGS:
        assert [w for w in warnings if w.startswith("Warning: " + _where(files, key, line)) and reason in w], key
    assert len(warnings) == len(EXPECTED_WARNINGS), warnings
    assert lines[-1] == f"{len(EXPECTED_ERRORS)} input(s) could not be read; the others were processed."
    assert len(lines) == len(EXPECTED_ERRORS) + len(EXPECTED_WARNINGS) + 1, "nothing else on stderr"


def test_good_documents_are_still_built_and_written(hostile):
    _, proc, out = hostile
    assert proc.stdout.startswith(f"{len(GOOD_DOCS)} documents, ")
    graph = load_graph(out / "graph.ttl")
    assert {str(o) for o in graph.objects(None, DCTERMS.identifier)} >= GOOD_DOCS
    ids = {str(o) for o in graph.objects(None, DCTERMS.identifier)}
    assert not ids & {"german", "empty", "huge", "symbols", "noise", "c2", "c3", "c4", "c5", "c7", "c8", "c9"}
    statements = [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    by_doc = {(s["doc_id"], s["claim"], s["stance"]) for s in statements}
    # the articles that say something still say it, whatever their encoding or line ends
    for doc in ("good", "latin1", "crlf", "c1", "c10"):
        assert (doc, "russia-dissolution", "supports") in by_doc, doc
    for doc in ("utf16", "c6"):
        assert (doc, "russia-collapse", "opposes") in by_doc, doc
    assert {s["doc_id"] for s in statements} <= GOOD_DOCS, "no triples from German, binary or refused inputs"
    assert (out / "map.html").is_file()


def test_offsets_point_into_the_text_as_decoded(hostile):
    files, _, out = hostile
    texts = {
        "good": files["good"].read_text(encoding="utf-8"),
        "latin1": files["latin1"].read_bytes().decode("utf-8", errors="replace"),
        "utf16": files["utf16"].read_bytes().decode("utf-16"),
        "crlf": files["crlf"].read_bytes().decode("utf-8"),
        "c1": SUPPORT, "c6": OPPOSE, "c10": SUPPORT,
    }
    assert "\r\n" in texts["crlf"] and "\ufffd" in texts["latin1"]
    statements = [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    checked = 0
    for s in statements:
        if s["doc_id"] in texts:
            assert texts[s["doc_id"]][s["start"]:s["end"]] == s["evidence"], s
            checked += 1
    assert checked >= 7


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("command", ["extract", "attributions"])
def test_extract_and_attributions_report_and_go_on(hostile, seeds_dir, command):
    files, _, _ = hostile
    inputs = [files[k] for k in ("corpus", "empty", "german", "utf16", "latin1", "symbols")]
    args = [command, *inputs] + (["--codebook", seeds_dir / "codebook.yaml"] if command == "extract" else [])
    result = run(*args)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    expected = [(k, n, r) for k, n, r in EXPECTED_ERRORS if k in ("corpus", "empty", "symbols")]
    assert len(errors) == len(expected)
    for key, line, reason in expected:
        assert any(e.startswith("Error: " + _where(files, key, line)) and reason in e for e in errors), (key, line)
    assert sum(line.startswith("Warning: ") for line in result.stderr.splitlines()) == 3
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc_id"] for r in rows} == {"c1", "c6", "c10", "utf16", "latin1"}, "every good document gave output"


def test_a_store_build_over_hostile_lines_commits_the_rest_every_time(hostile, seeds_dir, tmp_path):
    """Issue 16: a corpus line nested 5,000 deep ended every --store run before the documents after
    it, so the shared graph was never refreshed and who-supports answered 0 rows; a lone surrogate
    in a title failed the commit. Now both runs report the lines and the store answers."""
    files, _, _ = hostile
    args = ["build", files["corpus"], "--codebook", seeds_dir / "codebook.yaml", "--store", tmp_path / "store",
            "--out", tmp_path / "out"]
    for _ in range(2):  # the rerun, on an unchanged corpus, says the same and keeps the store whole
        result = run(*args)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert f"Error: {files['corpus']}:9: not valid JSON here (nested too deeply)" in result.stderr.splitlines()
    answer = run("query", "--file", "who-supports", "--param", "claimId=russia-dissolution",
                 "--store", tmp_path / "store", "--format", "json")
    assert answer.exit_code == 0 and "is incomplete" not in answer.stderr, answer.output
    assert "Jane Doe" in {row["name"] for row in json.loads(answer.stdout)}
    ids = run("query", "SELECT ?id WHERE { ?doc a gb:Document ; dcterms:identifier ?id }", "--store",
              tmp_path / "store", "--format", "json")
    assert {row["id"] for row in json.loads(ids.stdout)} == {"c1", "c6", "c10"}, "the documents after the bad lines too"
    assert (tmp_path / "out" / "map.html").is_file()


def test_max_chars_option_sets_the_limit(tmp_path, seeds_dir):
    (tmp_path / "long.txt").write_text(SUPPORT * 3, encoding="utf-8")
    (tmp_path / "short.txt").write_text(SUPPORT, encoding="utf-8")
    args = ["extract", tmp_path / "long.txt", tmp_path / "short.txt", "--codebook", seeds_dir / "codebook.yaml"]
    limited = run(*args, "--max-chars", len(SUPPORT) + 1)
    assert limited.exit_code == 1
    assert f"Error: {tmp_path / 'long.txt'}: " in limited.stderr and f"max_chars={len(SUPPORT) + 1}" in limited.stderr
    assert {json.loads(line)["doc_id"] for line in limited.stdout.splitlines()} == {"short"}
    unlimited = run(*args, "--max-chars", 0)
    assert unlimited.exit_code == 0, unlimited.output
    assert {json.loads(line)["doc_id"] for line in unlimited.stdout.splitlines()} == {"long", "short"}
    assert run(*args, "--max-chars", -1).exit_code == 2


# -- a document the pipeline itself fails on ---------------------------------------------------

@pytest.fixture(scope="module")
def crashing(tmp_path_factory):
    """Two good articles around one longer than spaCy's max_length (1,000,000 characters)."""
    root = tmp_path_factory.mktemp("crash")
    (root / "a.txt").write_text(SUPPORT, encoding="utf-8")
    (root / "b_toolong.txt").write_text((SUPPORT + " " + OPPOSE + "\n\n") * 10_000, encoding="utf-8")
    (root / "c.txt").write_text(OPPOSE, encoding="utf-8")
    return root


def test_a_document_longer_than_the_parser_takes_is_refused_up_front(crashing, seeds_dir):
    """Even with --max-chars 0 a document spaCy cannot take is refused when read, not after
    minutes of scanning and a failure in the tokenizer (issue 16)."""
    book = seeds_dir / "codebook.yaml"
    result = run("extract", crashing, "--codebook", book, "--max-chars", 0)
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors[0].startswith(f"Error: {crashing / 'b_toolong.txt'}: document is 1,040,000 characters")
    assert "more than the parser takes (1,000,000 characters" in errors[0]
    assert errors[1:] == ["1 input(s) could not be read; the others were processed."]
    alone = run("extract", crashing / "a.txt", crashing / "c.txt", "--codebook", book)
    assert alone.exit_code == 0 and alone.stdout
    assert result.stdout == alone.stdout


def test_a_document_the_pipeline_fails_on_is_reported_and_the_batch_goes_on(crashing, seeds_dir):
    """Given as Documents (not read from files), the too-long article reaches the pipeline, whose
    tokenizer raises ValueError (E088): it is reported and left out, the others are extracted once."""
    import graphbuild as gb
    from graphbuild.run.guard import DocumentError
    from graphbuild.run.parallel import extract_documents

    book = gb.load_codebook(seeds_dir / "codebook.yaml")
    docs = [gb.document_from_text(p.stem, p.read_text(encoding="utf-8"), source_path=p)
            for p in sorted(crashing.glob("*.txt"))]
    failed = []
    results = list(extract_documents(docs, book, on_error=failed.append))
    assert [d.id for d, _ in results] == ["a", "c"]
    assert [type(e) for e in failed] == [DocumentError] and failed[0].doc_id == "b_toolong"
    assert "ValueError" in str(failed[0]) and str(failed[0]).endswith("; skipped")
    alone = list(extract_documents([docs[0], docs[2]], book))
    assert [(d.id, s) for d, s in results] == [(d.id, s) for d, s in alone]


def test_build_api_leaves_the_refused_document_out(crashing, seeds_dir, tmp_path):
    import graphbuild as gb

    failed = []
    result = gb.build([crashing], tmp_path, codebook=seeds_dir / "codebook.yaml", on_error=failed.append,
                      map_file=False)
    assert [e.path for e in failed] == [str(crashing / "b_toolong.txt")]
    assert len(result.errors) == 1 and "b_toolong" in result.errors[0]
    assert [d.id for d in result.documents] == ["a", "c"]
    ids = {str(o) for o in result.graph.objects(None, DCTERMS.identifier)}
    assert "b_toolong" not in ids and {"a", "c"} <= ids
    assert {s.doc_id for s in result.statements} == {"a", "c"}


# -- codebook mistakes stop everything before any work ----------------------------------------

@pytest.mark.parametrize("text, needle", [
    ("claims:\n  - id: a\n    label: A\n  - id: b\n    label: [unclosed\n", r"book\.yaml:5: invalid YAML"),
    ("claims:\n  - id: a\n    label: A\n  - id: a\n    label: B\n", "claim 2: duplicate id 'a'"),
    ("claims:\n  - id: 'a b'\n    label: A\n", "id 'a b' must match"),
    ("claims:\n  - id: \"a\\n\"\n    label: A\n", r"id 'a\\n' must match"),
    ("claims:\n  - id: a\n    label: '  '\n", "'label' must be a non-empty string"),
    ("claims: []\n", "the codebook has no claims"),
    ("", "a mapping with a 'claims' list"),
])
def test_codebook_errors_fail_before_any_work(tmp_path, text, needle):
    import re

    (tmp_path / "a.txt").write_text(SUPPORT, encoding="utf-8")
    book = tmp_path / "book.yaml"
    book.write_text(text, encoding="utf-8")
    for args in (["build", tmp_path / "a.txt", "--out", tmp_path / "out"], ["extract", tmp_path / "a.txt"]):
        result = run(*args, "--codebook", book)
        assert result.exit_code == 1 and "Traceback" not in result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and re.search(needle, lines[0]), lines
        assert result.stdout == ""
    assert not (tmp_path / "out").exists(), "nothing was started"
