"""The build job (graphbuild.run.build): outputs, docs/formats.md §3, offsets, determinism, offline map."""
from __future__ import annotations

import json
import os
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

import graphbuild as gb
from graphbuild.codebook.codebook import load_codebook
from graphbuild.models import ACTOR_TYPES
from graphbuild.rdf.io import load_graph

FORMAT_TYPES = {
    "doc_id": str, "actor": str, "actor_type": str, "claim": str, "stance": str, "attribution": str,
    "evidence": str, "start": int, "end": int, "confidence": (int, float),
}


@pytest.fixture(scope="module")
def out(seeds_build) -> Path:
    return seeds_build.out_dir


@pytest.fixture(scope="module")
def rows(out) -> list[dict]:
    lines = (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines, "the seeds give statements"
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def rebuilt(seeds_dir, tmp_path_factory) -> gb.BuildResult:
    """A second build of the seeds, through the Python API."""
    return gb.build([seeds_dir], tmp_path_factory.mktemp("rebuild"))


def test_outputs_exist_and_are_readable_by_others(out):
    for name in ("graph.ttl", "statements.jsonl", "map.html"):
        path = out / name
        assert path.is_file() and path.stat().st_size > 0
        assert path.stat().st_mode & stat.S_IROTH, f"{name} is private to its owner"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], "temporary files left behind"


def test_statements_have_exactly_the_format_keys_and_types(rows, seeds_dir):
    claims = {c.id for c in load_codebook(seeds_dir / "codebook.yaml")}
    docs = {p.stem for p in seeds_dir.glob("*.txt")}
    for row in rows:
        assert list(row) == list(FORMAT_TYPES)
        for key, kind in FORMAT_TYPES.items():
            assert isinstance(row[key], kind) and not isinstance(row[key], bool), (key, row[key])
        assert row["doc_id"] in docs and row["claim"] in claims and row["actor"].strip()
        assert row["actor_type"] in ACTOR_TYPES  # FORMAT §3 names no closed list; issue 13 added Group, Government
        assert row["stance"] in ("supports", "opposes")
        assert row["attribution"] in ("author", "quote", "reported")
        assert 0 <= row["start"] < row["end"] and 0.0 <= row["confidence"] <= 1.0


def test_evidence_offsets_point_into_the_text_as_read(rows, seeds_dir):
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in seeds_dir.glob("*.txt")}
    for row in rows:
        assert texts[row["doc_id"]][row["start"]:row["end"]] == row["evidence"]


def test_offsets_survive_crlf_and_astral_characters(seeds_dir, tmp_path):
    # Windows line ends and characters outside the BMP shift byte and UTF-16
    # offsets; ours are code points into the text exactly as read.
    text = "🙂 Ok.\r\n" + (seeds_dir / "001_8efe145ea01ff212.txt").read_bytes().decode("utf-8").replace("\n", "\r\n")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "crlf", "text": text}) + "\n", encoding="utf-8")
    result = gb.build([corpus], tmp_path / "out", codebook=seeds_dir / "codebook.yaml", map_file=False)
    assert result.statements, "the article still yields statements"
    for s in result.statements:
        assert text[s.start:s.end] == s.evidence
    for line in (tmp_path / "out" / "statements.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert text[row["start"]:row["end"]] == row["evidence"]


def test_rerun_is_deterministic(out, rebuilt):
    assert rebuilt.files["statements"].read_bytes() == (out / "statements.jsonl").read_bytes()
    assert isomorphic(load_graph(rebuilt.files["graph"]), load_graph(out / "graph.ttl"))
    assert rebuilt.files["map"].read_bytes() == (out / "map.html").read_bytes()


def test_build_result_matches_the_files(rebuilt, seeds_dir):
    assert sorted(rebuilt.files) == ["graph", "map", "statements"]
    assert [d.id for d in rebuilt.documents] == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert rebuilt.errors == []
    lines = rebuilt.files["statements"].read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [s.to_json() for s in rebuilt.statements]
    assert isomorphic(rebuilt.graph, load_graph(rebuilt.files["graph"]))
    assert gb.validate_graph(rebuilt.graph).conforms


def test_summary_rows_count_statements(rebuilt):
    rows = rebuilt.summary()
    assert sum(n for *_, n in rows) == len(rebuilt.statements)
    assert len(rows) == len({(s.actor, s.claim, s.stance) for s in rebuilt.statements})
    keys = [(c, st != "supports") for _, c, st, _ in rows]
    assert keys == sorted(keys), "grouped by claim, supporters first"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "data", "action")]


def test_map_loads_nothing_remote(out):
    html = (out / "map.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    remote = [u for u in parser.urls if u.strip().lower().startswith(("http://", "https://", "//"))]
    assert remote == []
    assert "@import url(http" not in html and "@import url(\"http" not in html


def test_bad_inputs_are_reported_and_skipped(seeds_dir, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Jane Doe said it rained."}\n[1, 2]\n', encoding="utf-8")
    seen: list[gb.InputError] = []
    result = gb.build([bad, tmp_path / "nowhere"], tmp_path / "out", codebook=seeds_dir / "codebook.yaml",
                      on_error=seen.append, map_file=False)
    assert [(e.path, e.line) for e in seen] == [(str(bad), 2), (str(tmp_path / "nowhere"), None)]
    assert result.errors == [str(e) for e in seen]
    assert [d.id for d in result.documents] == ["a"]
    assert sorted(result.files) == ["graph", "statements"]


def test_arguments_fail_before_any_work(seeds_dir, tmp_path):
    with pytest.raises(ValueError, match="rdfxml"):
        gb.build([seeds_dir], tmp_path / "a", fmt="rdfxml")
    with pytest.raises(gb.CodebookError, match="no codebook"):
        gb.build([tmp_path], tmp_path / "b")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_codebook_beside_the_inputs_is_found(seeds_dir):
    assert gb.resolve_codebook(None, [seeds_dir / "000_5cc2ea6aac582717.txt"]).source == str(seeds_dir / "codebook.yaml")
    book = load_codebook(seeds_dir / "codebook.yaml")
    assert gb.resolve_codebook(book, []) is book


def test_write_statements_replaces_atomically(tmp_path):
    s = gb.Statement("d", "Ann Lee", "Person", "c", "supports", "quote", "Yes", 0, 3, 0.12345)
    path = tmp_path / "statements.jsonl"
    path.write_text("old\n", encoding="utf-8")
    gb.write_statements([s, s], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["confidence"] == 0.123
    assert os.listdir(tmp_path) == ["statements.jsonl"]


# -- --out is written as one set (issue 16) -------------------------------------------------------

FULL_DISK = """
import resource, signal, sys
from graphbuild.cli import cli
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["graphbuild", *sys.argv[2:]]
cli()
"""


@pytest.mark.parametrize("with_store", [False, True])
def test_a_full_disk_during_out_leaves_the_old_set_whole(tmp_path, with_store):
    """Graph and statements fit, the map does not: the folder keeps the old graph, statements and
    map together (never the new graph beside the old map), and other files in it are left alone."""
    import subprocess
    import sys

    from click.testing import CliRunner
    from store_samples import CODEBOOK, TINY, write_corpus

    from graphbuild.cli import cli

    corpus = write_corpus(tmp_path / "c.jsonl", dict(list(TINY.items())[:2]))
    out = tmp_path / "out"
    store = ["--store", str(tmp_path / "store")] if with_store else []
    first = CliRunner().invoke(cli, ["build", str(corpus), "-c", str(CODEBOOK), "--out", str(out), *store])
    assert first.exit_code == 0, first.output
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(old["map.html"]) > 300_000 > len(old["graph.ttl"]) + len(old["statements.jsonl"])
    write_corpus(corpus, TINY)  # more documents: every output changes
    script = tmp_path / "full_disk.py"
    script.write_text(FULL_DISK, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), "300000", "build", str(corpus), "-c", str(CODEBOOK),
                           "--out", str(out), *store], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "File too large" in done.stderr or "No space" in done.stderr, done.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old, "the old set, whole, and nothing else"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == [], "no staging folder left"
    again = CliRunner().invoke(cli, ["build", str(corpus), "-c", str(CODEBOOK), "--out", str(out), *store])
    assert again.exit_code == 0, again.output
    new = {p.name: p.read_bytes() for p in out.iterdir()}
    assert new["notes.txt"] == b"mine" and all(new[n] != old[n] for n in ("graph.ttl", "statements.jsonl"))


# -- without a codebook: one is drafted from the articles (issue 14) ----------------------------

ARGUED = [
    '"Congress must expand background checks for every gun sale," Senator Ann Lee said.',
    '"Congress should expand background checks on all gun sales," said Mayor Bob Stone.',
    'Governor Jane Park said Congress must expand background checks to every gun sale.',
    '"Tax cuts must be made permanent this year," said Senator Al Green.',
]


def _jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
                    encoding="utf-8")
    return path


def test_without_a_codebook_one_is_drafted_written_and_used(tmp_path):
    corpus = _jsonl(tmp_path / "articles.jsonl", ARGUED)
    result = gb.build([corpus], tmp_path / "out", map_file=False)
    assert result.drafted is not None and len(result.drafted.claims) == 1
    written = load_codebook(result.files["codebook"])
    assert result.files["codebook"] == tmp_path / "out" / "codebook.yaml"
    assert [c.id for c in written.claims] == [c.id for c in result.drafted.claims]
    claim = written.claims[0].id
    assert {(s.actor, s.claim, s.stance) for s in result.statements} >= {("Ann Lee", claim, "supports")}
    assert "drafted 1 claims" in result.drafted_line() and str(result.files["codebook"]) in result.drafted_line()


def test_a_given_codebook_wins_over_drafting(tmp_path, seeds_dir):
    corpus = _jsonl(tmp_path / "articles.jsonl", ARGUED)
    result = gb.build([corpus], tmp_path / "out", codebook=seeds_dir / "codebook.yaml", map_file=False)
    assert result.drafted is None and result.drafted_line() is None
    assert "codebook" not in result.files and not (tmp_path / "out" / "codebook.yaml").exists()


def test_a_missing_input_is_reported_before_the_codebook(tmp_path):
    with pytest.raises(gb.InputError, match="nowhere.jsonl: no such file"):
        gb.build([tmp_path / "nowhere.jsonl"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_nothing_to_draft_fails_in_one_line_before_any_output(tmp_path):
    corpus = _jsonl(tmp_path / "articles.jsonl", ARGUED[:1] + ARGUED[3:])
    with pytest.raises(gb.CodebookError, match="--min-documents 1.*--codebook") as err:
        gb.build([corpus], tmp_path / "out")
    assert "\n" not in str(err.value) and not (tmp_path / "out").exists()
