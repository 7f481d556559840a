"""The command line: every command on the seeds, output formats, and user errors.

The seeds are built once per session (``seeds_build`` in conftest.py); the
other commands run against that output.
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from graphbuild.cli import cli
from graphbuild.rdf.io import load_graph
from graphbuild.rdf.namespace import GB

REPO = Path(__file__).resolve().parents[1]


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result, *needles: str) -> str:
    """The result failed with exactly one clear line on stderr, no traceback."""
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def out(seeds_build) -> Path:
    return seeds_build.out_dir


@pytest.fixture(scope="module")
def statements(out) -> list[dict]:
    return [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def supported_claim(statements) -> str:
    """A claim that has at least one supporter in the seeds' statements."""
    claims = sorted({s["claim"] for s in statements if s["stance"] == "supports"})
    if not claims:
        pytest.skip("no statement supports any claim")
    return claims[0]


# -- build -------------------------------------------------------------------------------------

def test_build_writes_outputs_and_prints_them(seeds_build, out):
    for name in ("graph.ttl", "statements.jsonl", "map.html"):
        assert (out / name).is_file()
        assert f"{out / name}" in seeds_build.stdout
    assert seeds_build.stderr == ""
    assert seeds_build.stdout.startswith("5 documents, ")


def summary_table(stdout: str) -> list[list[str]]:
    """The rows of the summary table build prints: claim, stance, actor, statements."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("claim "))
    assert set(lines[start + 1].replace(" ", "")) == {"-"}
    rows = []
    for line in lines[start + 2:]:
        if line.startswith("("):
            break
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


def test_build_summary_table_lists_every_triple(seeds_build, statements):
    rows = summary_table(seeds_build.stdout)  # built with --top 0: the whole table
    assert {(c, st, a) for c, st, a, _ in rows} == {
        (s["claim"], s["stance"], " ".join(s["actor"].split())) for s in statements}
    assert sum(int(n) for *_, n in rows) == len(statements)
    assert seeds_build.stdout.startswith(f"5 documents, {len(statements)} statements, ")


def test_build_top_limits_the_table(seeds_dir, tmp_path):
    one = seeds_dir / "001_8efe145ea01ff212.txt"
    result = run("build", one, "--codebook", seeds_dir / "codebook.yaml", "--out", tmp_path, "--top", "1", "--no-map")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    triples = {(r["claim"], r["stance"], r["actor"]) for r in rows}
    if len(triples) < 2:
        pytest.skip("too few triples in this document to truncate the table")
    assert len(summary_table(result.stdout)) == 1
    assert f"(the 1 most frequent of {len(triples)} rows; --top 0 shows all)" in result.stdout
    assert not (tmp_path / "map.html").exists(), "--no-map writes no map"


@pytest.mark.parametrize("fmt, name", [("nt", "graph.nt"), ("json-ld", "graph.jsonld")])
def test_build_format_variants_hold_the_same_graph(seeds_dir, tmp_path, out, fmt, name):
    result = run("build", seeds_dir, "--out", tmp_path, "--format", fmt, "--no-map")
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).is_file() and not (tmp_path / "graph.ttl").exists()
    assert f"wrote graph: {tmp_path / name}" in result.stdout
    assert isomorphic(load_graph(tmp_path / name), load_graph(out / "graph.ttl"))
    assert (tmp_path / "statements.jsonl").read_bytes() == (out / "statements.jsonl").read_bytes()


def test_build_rejects_unknown_format(seeds_dir, tmp_path):
    result = run("build", seeds_dir, "--out", tmp_path, "--format", "rdfxml")
    assert result.exit_code == 2
    assert "rdfxml" in result.stderr and "Traceback" not in result.output


# -- extract and attributions ------------------------------------------------------------------

def test_extract_prints_what_build_wrote(seeds_dir, out):
    result = run("extract", seeds_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout == (out / "statements.jsonl").read_text(encoding="utf-8")



def test_extract_reads_an_annotated_debate_folder_whole_and_writes_out_in_parallel(seeds_dir, out, tmp_path):
    # the layout of ../shared/eval/<debate>/: articles, codebook.yaml and gold.jsonl together
    debate = tmp_path / "debate"
    debate.mkdir()
    for article in seeds_dir.iterdir():
        (debate / article.name).write_bytes(article.read_bytes())
    (debate / "gold.jsonl").write_text('{"doc_id": "001_8efe145ea01ff212", "actors": {}, "triples": []}\n',
                                       encoding="utf-8")
    result = run("extract", debate, "--out", tmp_path / "pred.jsonl", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert (tmp_path / "pred.jsonl").read_text(encoding="utf-8") == (out / "statements.jsonl").read_text(
        encoding="utf-8")
    assert "gold.jsonl: holds records about articles" in result.stderr and "Error" not in result.stderr


def test_extract_out_is_left_as_it_was_when_the_run_fails(seeds_dir, tmp_path):
    kept = tmp_path / "pred.jsonl"
    kept.write_text("earlier run\n", encoding="utf-8")
    result = run("extract", seeds_dir, "--codebook", tmp_path / "missing.yaml", "--out", kept)
    one_line_error(result, "missing.yaml")
    assert kept.read_text(encoding="utf-8") == "earlier run\n"

def test_extract_reads_standard_input_as_a_corpus_or_one_article(seeds_dir, tmp_path):
    two = sorted(seeds_dir.glob("*.txt"))[:2]
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("".join(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n" for p in two),
                      encoding="utf-8")
    book = seeds_dir / "codebook.yaml"
    from_file = run("extract", corpus, "--codebook", book)
    piped = CliRunner().invoke(cli, ["extract", "-", "--codebook", str(book)], input=corpus.read_bytes())
    assert from_file.exit_code == piped.exit_code == 0, piped.output
    assert piped.stdout == from_file.stdout and len(piped.stdout.splitlines()) > 2
    # plain text on standard input is one article, id "stdin"
    one = CliRunner().invoke(cli, ["extract", "-", "--codebook", str(book)], input=two[0].read_bytes())
    by_file = run("extract", two[0], "--codebook", book)
    assert one.exit_code == 0 and one.stdout
    assert one.stdout == by_file.stdout.replace(f'"doc_id": "{two[0].stem}"', '"doc_id": "stdin"')


def test_build_refuses_standard_input_in_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["build", "-", "--out", str(tmp_path / "out")], input=b"Taxes rose.")
    one_line_error(result, "-:", "more than once", "extract -")
    assert not (tmp_path / "out").exists()


def test_attributions_are_format_5_spans_inside_the_text(seeds_dir):
    one = seeds_dir / "002_2728712bdb664b10.txt"
    text = one.read_bytes().decode("utf-8")
    result = run("attributions", one)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "a news article with quotes has attributions"
    for row in rows:
        assert {"doc_id", "source", "cue", "content"} <= set(row)
        assert row["doc_id"] == one.stem
        for key in ("source", "cue", "content"):
            span = row[key]
            if span is None:
                assert key != "content"
                continue
            assert set(span) == {"start", "end"}
            assert 0 <= span["start"] < span["end"] <= len(text)


# -- query -------------------------------------------------------------------------------------

def test_query_with_param_answers_from_the_graph(out, statements, supported_claim):
    result = run("query", "--file", REPO / "queries" / "who-supports.rq", "--param", f"claimId={supported_claim}",
                 "--graph", out / "graph.ttl", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    supporters = {s["actor"] for s in statements if s["claim"] == supported_claim and s["stance"] == "supports"}
    assert rows and {r["name"] for r in rows} <= supporters
    assert all(r["statements"] >= 1 for r in rows)


def test_query_param_value_is_a_literal_not_sparql(out):
    result = run("query", "who-supports", "--graph", out / "graph.ttl", "--format", "json")
    assert result.exit_code != 0  # "who-supports" as an argument is SPARQL text, not a name
    injected = run("query", "--file", "who-supports", "--graph", out / "graph.ttl", "--format", "json",
                   "--param", 'claimId=x" } ?a ?b ?c . { "')
    assert injected.exit_code == 0, injected.output
    assert json.loads(injected.stdout) == []


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_output_formats_agree(out, fmt):
    sparql = "SELECT ?id WHERE { ?d a gb:Document ; dcterms:identifier ?id } ORDER BY ?id"
    result = run("query", sparql, "--graph", out / "graph.ttl", "--format", fmt)
    assert result.exit_code == 0, result.output
    ids = sorted(p.stem for p in (REPO / "seeds").glob("*.txt"))
    if fmt == "json":
        assert [r["id"] for r in json.loads(result.stdout)] == ids
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows == [["id"]] + [[i] for i in ids]
    else:
        lines = result.stdout.splitlines()
        assert lines[0].strip() == "id" and set(lines[1]) == {"-"}
        assert [line.strip() for line in lines[2:-1]] == ids
        assert lines[-1] == f"({len(ids)} rows)"


def test_query_bundled_name_equals_file(out, supported_claim):
    args = ["--param", f"claimId={supported_claim}", "--graph", out / "graph.ttl"]
    by_name = run("query", "--file", "who-supports", *args)
    by_path = run("query", "--file", REPO / "queries" / "who-supports.rq", *args)
    assert by_name.exit_code == 0 and by_name.stdout == by_path.stdout


def test_query_bad_sparql_is_one_line(out):
    one_line_error(run("query", "SELEKT ?x WHERE { ?x ?y ?z }", "--graph", out / "graph.ttl"), "SPARQL")


@pytest.mark.parametrize("args, needle", [
    (["SELECT * WHERE { ?s ?p ?o }", "--file", "who-supports"], "not both"),
    ([], "no query: give it as an argument or name a file with --file"),
    (["SELECT * WHERE { ?s ?p ?o }", "--param", "novalue"], "NAME=VALUE"),
])
def test_query_usage_errors(out, args, needle):
    result = run("query", *args, "--graph", out / "graph.ttl")
    assert result.exit_code == 2 and needle in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args, needle", [
    (["--file", "no-such-query"], "no-such-query"),
    (["--file", "missing/dir/q.rq"], "missing/dir/q.rq"),
])
def test_query_missing_query_file(out, args, needle):
    one_line_error(run("query", *args, "--graph", out / "graph.ttl"), needle)


def test_query_missing_graph_file(tmp_path):
    one_line_error(run("query", "ASK { ?s ?p ?o }", "--graph", tmp_path / "nope.ttl"), "nope.ttl")


# -- render, validate, stats -------------------------------------------------------------------

def test_render_writes_the_chosen_view(out, tmp_path):
    target = tmp_path / "sub" / "conflict.html"
    result = run("render", out / "graph.ttl", "--out", target, "--view", "conflict", "--title", "Who <disagrees>")
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "<title>Who &lt;disagrees&gt;</title>" in html and "vis.Network" in html
    assert f"wrote map: {target}" in result.stdout


def test_validate_good_graph(out):
    result = run("validate", out / "graph.ttl")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_validate_unparseable_graph(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix gb: <https://w3id.org/graphbuild/ontology#> .\ngb:a gb:b \n", encoding="utf-8")
    one_line_error(run("validate", broken), "broken.ttl")


def test_validate_nonconforming_graph_exits_1(out, tmp_path):
    # Statements stripped of their actors break the shapes but still parse.
    g = load_graph(out / "graph.ttl")
    assert (None, GB.actor, None) in g
    g.remove((None, GB.actor, None))
    g.serialize(tmp_path / "bad.ttl", format="turtle")
    result = run("validate", tmp_path / "bad.ttl")
    assert result.exit_code == 1
    assert "does not conform" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.output


def test_stats_counts_match_the_build(out, statements):
    result = run("stats", out / "graph.ttl", "--format", "json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["documents"] == 5
    assert counts["statements"] == len(statements)
    assert counts["persons"] + counts["organizations"] == counts["actors"]
    table = run("stats", out / "graph.ttl")
    assert [line.rsplit(None, 1) for line in table.stdout.splitlines()] == [
        [key.replace("_", " "), str(value)] for key, value in counts.items()]


def test_stats_statements_add_up_by_stance(out, statements):
    # it used to print "statements 19, supports 14, opposes 5", the last two counting
    # actor-claim pairs: numbers that did not add up and did not say why
    counts = json.loads(run("stats", out / "graph.ttl", "--format", "json").stdout)
    by_stance = {st: sum(s["stance"] == st for s in statements) for st in ("supports", "opposes")}
    assert counts["supporting_statements"] == by_stance["supports"]
    assert counts["opposing_statements"] == by_stance["opposes"]
    assert counts["supporting_statements"] + counts["opposing_statements"] == counts["statements"]
    assert "statements_without_stance" not in counts
    pairs = {(s["actor"], s["claim"]) for s in statements if s["stance"] == "supports"}
    assert counts["supporting_pairs"] == len(pairs)
    table = run("stats", out / "graph.ttl").stdout
    assert "supporting statements" in table and "supporting pairs" in table


def test_query_param_the_query_does_not_use_names_its_parameters(out, tmp_path):
    # a misspelt name used to be ignored silently, answering as if nothing were bound
    line = one_line_error(run("query", "--file", "who-supports", "--param", "claimid=x", "--graph", out / "graph.ttl"),
                          "unknown parameter 'claimid'")
    assert line.endswith("its parameters: ?claimId")
    line = one_line_error(run("query", "SELECT ?name WHERE { ?a rdfs:label ?name }", "-p", "nme=Ann",
                              "--graph", out / "graph.ttl"), "unknown parameter 'nme'")
    assert line.endswith("its variables: ?name, ?a")
    import graphbuild as gb
    from graphbuild.store import open_store

    with open_store(tmp_path / "store"):
        pass
    with pytest.raises(gb.QueryError, match="unknown parameter 'claimid'"):
        gb.query_store(tmp_path / "store", gb.load_query("who-opposes"), {"claimid": "x"})
    # a name the query does use still binds
    assert run("query", "--file", "who-supports", "--param", "claimId=x", "--graph", out / "graph.ttl").exit_code == 0


def test_analyze_csv_writes_counts_as_whole_numbers_and_names_weighted_figures(out):
    result = run("analyze", out / "graph.ttl", "--format", "csv")
    assert result.exit_code == 0, result.output
    sections = {part.split("\n", 1)[0]: part.split("\n", 1)[1] for part in result.stdout.split("\n\n")}
    claims = list(csv.DictReader(io.StringIO(sections["# claims"])))
    assert claims and "weighted_supporters" in claims[0] and "supporters" not in claims[0]
    assert all(re.fullmatch(r"\d+", row["statements"]) for row in claims)
    # a whole weighted count is written as one: "2", not "2.0"
    assert not any(row[k].endswith(".0") for row in claims for k in ("weighted_supporters", "weighted_opponents"))
    summary = dict(csv.reader(io.StringIO(sections["# summary"])))
    assert re.fullmatch(r"\d+", summary["statements"])
    table = run("analyze", out / "graph.ttl").stdout
    assert "weighted_supporters" in table and "(weighted: an actor who both supports and opposes" in table


def test_a_build_that_changes_nothing_says_its_outputs_are_unchanged(seeds_dir, tmp_path):
    args = ["build", seeds_dir / "000_5cc2ea6aac582717.txt", "--codebook", seeds_dir / "codebook.yaml",
            "--store", tmp_path / "store", "--out", tmp_path / "out"]
    first = run(*args)
    assert first.exit_code == 0, first.output
    assert f"wrote graph: {tmp_path / 'out' / 'graph.ttl'}" in first.stdout
    again = run(*args)
    assert again.exit_code == 0, again.output
    assert "wrote" not in again.stdout  # it used to say "wrote graph: …" although nothing was written
    assert f"unchanged graph: {tmp_path / 'out' / 'graph.ttl'}" in again.stdout
    assert f"unchanged map: {tmp_path / 'out' / 'map.html'}" in again.stdout


# -- user errors -------------------------------------------------------------------------------

def test_missing_codebook(seeds_dir, tmp_path):
    one_line_error(run("build", seeds_dir / "000_5cc2ea6aac582717.txt", "--codebook", tmp_path / "none.yaml",
                       "--out", tmp_path), "none.yaml")
    assert not (tmp_path / "statements.jsonl").exists()


def test_no_codebook_beside_the_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("Jane Doe said it rained.", encoding="utf-8")
    one_line_error(run("extract", tmp_path / "a.txt"), "--codebook")


@pytest.mark.parametrize("text, needle", [
    ("claims:\n  - id: a\n    label: [unclosed\n", "invalid YAML"),
    ("claims:\n  - id: 'bad id!'\n    label: A\n", "bad id!"),
    ("claims: []\n", "no claims"),
])
def test_malformed_codebook(seeds_dir, tmp_path, text, needle):
    book = tmp_path / "book.yaml"
    book.write_text(text, encoding="utf-8")
    one_line_error(run("build", seeds_dir / "000_5cc2ea6aac582717.txt", "--codebook", book,
                       "--out", tmp_path / "o"), "book.yaml", needle)


def test_bad_inputs_among_good_ones(seeds_dir, tmp_path, out):
    good = seeds_dir / "003_ab5c1ee562d8710b.txt"
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "x", "text": "Jane Doe said it rained."}\n{"id": oops}\n{"id": "y"}\n',
                      encoding="utf-8")
    result = run("build", binary, good, corpus, tmp_path / "missing.txt", "--codebook", seeds_dir / "codebook.yaml",
                 "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 4
    assert any(f"{binary}" in e for e in errors)
    assert any(f"{corpus}:2:" in e for e in errors) and any(f"{corpus}:3:" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    assert "4 input(s) could not be read" in result.stderr
    written = (tmp_path / "o" / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    # The good document's statements are exactly those of the full seeds build.
    expected = [line for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
                if json.loads(line)["doc_id"] == good.stem]
    assert [line for line in written if json.loads(line)["doc_id"] == good.stem] == expected
    assert {json.loads(line)["doc_id"] for line in written} <= {good.stem, "x"}
    assert (tmp_path / "o" / "graph.ttl").is_file() and (tmp_path / "o" / "map.html").is_file()


def test_bad_input_in_extract_and_attributions(seeds_dir, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    good = seeds_dir / "004_c24847f011466667.txt"
    for args in (["extract", empty, good], ["attributions", empty, good]):
        result = run(*args)
        assert result.exit_code == 1
        assert f"Error: {empty}: empty file" in result.stderr
        assert result.stdout.strip(), "the good document was still processed"
        assert all(json.loads(line)["doc_id"] == good.stem for line in result.stdout.splitlines())


def test_out_is_a_file(seeds_dir, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    result = run("build", seeds_dir, "--out", blocker)
    assert result.exit_code != 0 and "taken" in result.stderr and "Traceback" not in result.output


# -- progress --------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_bar_only_on_a_terminal_stderr(monkeypatch, capsys, terminal):
    from graphbuild.cli import _progress

    err = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert list(_progress("extracting")(iter(range(3)))) == [0, 1, 2]
    assert ("extracting" in err.getvalue()) is terminal
    assert capsys.readouterr().out == "", "the bar must never mix into stdout (JSON lines)"


# -- help --------------------------------------------------------------------------------------

@pytest.mark.parametrize("flag", ["-h", "--help"])
@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
def test_help_has_an_example(command, flag):
    result = run(*([command] if command else []), flag)
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "graphbuild " in result.stdout.split("Example", 1)[1]


def test_every_option_has_help():
    for name, command in cli.commands.items():
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.opts} has no help"


def test_python_dash_m_help():
    proc = subprocess.run([sys.executable, "-m", "graphbuild", "--help"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Usage: graphbuild ")
    for command in cli.commands:
        assert command in proc.stdout


def test_help_does_not_load_the_pipeline():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom graphbuild.cli import cli\n"
            "assert CliRunner().invoke(cli, ['build', '--help']).exit_code == 0\n"
            "print(sorted(m for m in ('spacy', 'rdflib', 'pyshacl') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_query_without_a_query_says_what_is_missing(tmp_path):
    result = run("query", "--graph", tmp_path / "g.ttl")
    assert result.exit_code == 2
    assert "no query: give it as an argument or name a file with --file" in result.stderr
    assert "not both" not in result.stderr
    both = run("query", "SELECT * WHERE { ?s ?p ?o }", "--file", "who-supports", "--graph", tmp_path / "g.ttl")
    assert both.exit_code == 2 and "not both" in both.stderr


@pytest.mark.parametrize("command", [["build", "--out", "OUT"], ["extract"], ["attributions"]])
def test_a_missing_input_is_reported_before_anything_else(tmp_path, command):
    """Before the codebook is looked for or a model loaded: the mistyped path is the real problem."""
    missing = tmp_path / "nonexist"
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    result = run(args[0], missing, *args[1:])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines == [f"Error: {missing}: no such file or folder"], lines
    assert not (tmp_path / "out").exists()


def test_build_without_a_codebook_drafts_one_and_says_so(tmp_path):
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate([
        '"Congress must expand background checks for every gun sale," Senator Ann Lee said.',
        '"Congress should expand background checks on all gun sales," said Mayor Bob Stone.',
        'Governor Jane Park said Congress must expand background checks to every gun sale.'])), encoding="utf-8")
    result = run("build", corpus, "--out", tmp_path / "o", "--no-map")
    assert result.exit_code == 0, result.output
    drafted = [line for line in result.stdout.splitlines() if line.startswith("no codebook given")]
    assert len(drafted) == 1 and str(tmp_path / "o" / "codebook.yaml") in drafted[0]
    assert f"wrote codebook: {tmp_path / 'o' / 'codebook.yaml'}" in result.stdout
    assert "Ann Lee" in result.stdout
