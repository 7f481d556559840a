"""``graphbuild stance PAIRS.jsonl`` and ``gb.stance_pairs``: pairs in, one answer a line out."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import graphbuild as gb
from graphbuild.cli import cli

CLAIM = "Tariffs raise prices for American consumers"
GOOD = [
    {"id": "tax", "text": "Tariffs are a tax that American families pay at the checkout.", "claim": CLAIM},
    {"id": 7, "text": "The orchestra opened its season with Mahler's second symphony.", "claim": CLAIM},
    {"id": "phrasings", "text": "It is foreign countries, not Americans, who pay the tariffs.",
     "claim": {"label": CLAIM, "aliases": ["tariffs are a tax on American consumers"],
               "opposing": ["foreign countries pay the tariffs"]}},
]


def _write(path, lines):
    path.write_text("".join(l if isinstance(l, str) else json.dumps(l) + "\n" for l in lines), encoding="utf-8")
    return path


def test_api_answers_every_pair_in_order(tmp_path):
    rows = list(gb.stance_pairs(_write(tmp_path / "pairs.jsonl", GOOD)))
    assert [r["id"] for r in rows] == ["tax", 7, "phrasings"]
    assert [r["stance"] for r in rows] == ["supports", "none", "opposes"]
    assert all(set(r) == {"id", "stance", "confidence"} and 0 <= r["confidence"] <= 1 for r in rows)
    # the same answers as the Python function on the same pairs
    direct = gb.classify_stance([g["text"] for g in GOOD[:2]], [CLAIM, CLAIM])
    assert [(d.stance, d.confidence) for d in direct] == [(r["stance"], r["confidence"]) for r in rows[:2]]


def test_api_raises_the_first_bad_line_without_a_handler(tmp_path):
    path = _write(tmp_path / "pairs.jsonl", [GOOD[0], "{broken\n"])
    with pytest.raises(gb.InputError, match=r"pairs.jsonl:2: not valid JSON"):
        list(gb.stance_pairs(path))


BAD = [
    ("{broken\n", "not valid JSON (Expecting property name"),
    ("[1, 2]\n", "not a JSON object"),
    ({"text": "No id here.", "claim": CLAIM}, "missing 'id'"),
    ({"id": "e", "text": "", "claim": CLAIM}, "'text' must be a non-empty string"),
    ({"id": "n", "text": 42, "claim": CLAIM}, "'text' must be a non-empty string"),
    ({"id": "c", "text": "Some text.", "claim": ""}, "'claim' must be a non-empty string or an object"),
    ({"id": "o", "text": "Some text.", "claim": {"aliases": ["x"]}}, "'claim' must be a non-empty string or an object"),
    ({"id": "a", "text": "Some text.", "claim": {"label": CLAIM, "aliases": "not a list"}}, "'claim.aliases' must be"),
]


def test_cli_reports_each_bad_line_and_classifies_the_rest(tmp_path):
    lines = [GOOD[0]] + [b for b, _ in BAD] + ["\n", GOOD[1]]
    path = _write(tmp_path / "pairs.jsonl", lines)
    result = CliRunner().invoke(cli, ["stance", str(path)])
    assert result.exit_code == 1, result.output
    out = [json.loads(l) for l in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["tax", 7]
    errors = [l for l in result.stderr.splitlines() if l.startswith("Error:")]
    assert len(errors) == len(BAD)
    for n, ((_, reason), line) in enumerate(zip(BAD, errors), start=2):
        assert f"pairs.jsonl:{n}: {reason}" in line
    assert "could not be read; the others were processed" in result.stderr


# issue 16: hostile lines are one error each, never the end of the batch
HOSTILE = [
    ('{"id": "deep", "text": "x y", "claim": ' + "[" * 5000 + "]" * 5000 + "}\n", "not valid JSON here (nested too deeply)"),
    ('{"id": ' + "9" * 5000 + ', "text": "x y", "claim": "c"}\n', "not valid JSON here (number too long"),
    ('{"id": 1e400, "text": "x y", "claim": "c"}\n', "'id' must be a string or a finite number"),
    ({"id": ["a"], "text": "x y", "claim": CLAIM}, "'id' must be a string or a finite number"),
]


def test_cli_hostile_lines_cost_one_line_and_lone_surrogates_are_replaced(tmp_path):
    surrogate = ('{"id": "s\\ud800", "text": "Tariffs are a \\udc00 tax that American families pay at the checkout.", '
                 '"claim": {"label": "%s", "aliases": ["tariffs \\ud83d are a tax"]}}\n' % CLAIM)
    path = _write(tmp_path / "pairs.jsonl", [GOOD[0]] + [h for h, _ in HOSTILE] + [surrogate, GOOD[1]])
    result = CliRunner().invoke(cli, ["stance", str(path)])
    assert result.exit_code == 1, result.output
    out = [json.loads(l) for l in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["tax", "s\ufffd", 7]
    assert out[1]["stance"] == "supports"
    errors = [l for l in result.stderr.splitlines() if l.startswith("Error:")]
    assert [f"pairs.jsonl:{n}: {reason}" in line for n, ((_, reason), line) in enumerate(zip(HOSTILE, errors), 2)] \
        == [True] * len(HOSTILE)
    assert (f"Warning: {path}:{len(HOSTILE) + 2}: lone surrogate in 'id', 'text', 'claim' (not text), "
            "replaced with U+FFFD") in result.stderr.splitlines()


def test_cli_missing_file(tmp_path):
    result = CliRunner().invoke(cli, ["stance", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1 and "nope.jsonl: cannot read" in result.stderr and not result.stdout


def test_cli_all_good_exits_zero(tmp_path):
    result = CliRunner().invoke(cli, ["stance", str(_write(tmp_path / "p.jsonl", GOOD[:1]))])
    assert result.exit_code == 0 and json.loads(result.stdout)["stance"] == "supports"


def test_an_over_long_line_is_skipped_as_it_streams_and_the_rest_is_read(tmp_path, monkeypatch):
    import graphbuild.run.stance_pairs as stance_pairs

    monkeypatch.setattr(stance_pairs, "MAX_LINE_CHARS", 200)  # the real cap is 1,000,000 characters
    long = {"id": "long", "text": "word " * 100, "claim": CLAIM}
    path = _write(tmp_path / "pairs.jsonl", [GOOD[0], long, GOOD[1]])
    errors = []
    read = list(stance_pairs.read_stance_pairs(path, errors.append))
    assert [pair[0] for pair in read] == ["tax", 7]
    assert [(e.line, e.reason) for e in errors] == [(2, "line is longer than 200 characters; skipped")]
