"""Codebook loading: the seed codebook, and each kind of mistake caught up front."""
from __future__ import annotations

import pytest

from graphbuild.codebook.codebook import load_codebook, parse_codebook
from graphbuild.errors import CodebookError


def test_seed_codebook_loads_all_claims(seeds_dir):
    book = load_codebook(seeds_dir / "codebook.yaml")
    ids = [c.id for c in book.claims]
    assert len(ids) == 8 and ids[0] == "russia-dissolution"
    collapse = book.get("russia-collapse")
    assert collapse.kind == "descriptive"
    assert "Russia is resilient" in collapse.opposing
    assert "breakup of Russia" in book.get("russia-dissolution").aliases


def test_shared_codebooks_are_identical_in_content(seeds_dir, shared_dir):
    ours = load_codebook(seeds_dir / "codebook.yaml")
    theirs = load_codebook(shared_dir / "eval" / "seeds" / "codebook.yaml")
    assert ours.claims == theirs.claims


def _write(tmp_path, text):
    p = tmp_path / "cb.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    p = _write(tmp_path, "claims:\n  - id: a\n    label: [unclosed\n")
    with pytest.raises(CodebookError, match=r"cb\.yaml:\d+: invalid YAML"):
        load_codebook(p)


@pytest.mark.parametrize("body, message", [
    ("claims: []", "no claims"),
    ("claims:\n  - id: a\n    label: A\n  - id: a\n    label: B\n", "duplicate id 'a'"),
    ("claims:\n  - id: 'bad id!'\n    label: A\n", "must match"),
    ("claims:\n  - id: a\n    label: ''\n", "'label' must be a non-empty string"),
    ("claims:\n  - id: a\n    label: A\n    kind: opinion\n", "kind 'opinion'"),
    ("claims:\n  - id: a\n    label: A\n    aliases: just one string\n", "'aliases' must be a list"),
    ("just: text", "a mapping with a 'claims' list"),
])
def test_invalid_codebooks_are_rejected_with_reason(tmp_path, body, message):
    with pytest.raises(CodebookError, match=message):
        load_codebook(_write(tmp_path, body))


def test_missing_codebook_file(tmp_path):
    with pytest.raises(CodebookError, match="no such codebook file"):
        load_codebook(tmp_path / "nope.yaml")


def test_parse_codebook_defaults():
    book = parse_codebook({"claims": [{"id": "x.y-z", "label": "X is Y"}]})
    assert book.claims[0].kind == "normative" and book.claims[0].aliases == ()


def test_yaml_error_at_the_end_names_the_last_line_and_where_the_block_began(tmp_path):
    unclosed = _write(tmp_path, "claims:\n  - id: a\n    label: A\n  - id: b\n    label: [unclosed\n")
    with pytest.raises(CodebookError, match=r"cb\.yaml:5: invalid YAML"):  # not line 6, past the end
        load_codebook(unclosed)
    indented = _write(tmp_path, "claims:\n  - id: a\n   label: A\n")
    with pytest.raises(CodebookError, match=r"cb\.yaml:3: invalid YAML \(.*from line 2\)"):
        load_codebook(indented)


@pytest.mark.parametrize("claim, message", [
    ({"id": "a\n", "label": "A"}, "must match"),  # "$" alone would accept the newline
    ({"id": "ä", "label": "A"}, "must match"),
    ({"id": "a", "label": "A", "description": ["not", "text"]}, "'description' must be a string"),
])
def test_parse_codebook_rejects_ids_and_fields_that_would_reach_iris_and_rdf(claim, message):
    with pytest.raises(CodebookError, match=message):
        parse_codebook({"claims": [claim]})


def test_a_lone_surrogate_escape_in_a_label_is_one_line_naming_the_line(tmp_path):
    from graphbuild.errors import CodebookError

    path = tmp_path / "book.yaml"
    path.write_text('claims:\n  - id: a\n    label: "A \\ud800 is true"\n  - id: b\n    label: "Smile \\ud83d\\ude00"\n',
                    encoding="utf-8")
    with pytest.raises(CodebookError, match=r"book.yaml:3: a lone surrogate escape \(\\ud800\)"):
        load_codebook(path)
    path.write_text('claims:\n  - id: b\n    label: "Smile \\ud83d\\ude00"\n', encoding="utf-8")
    assert load_codebook(path).claims[0].label == "Smile \U0001F600", "an escaped pair is one character"
