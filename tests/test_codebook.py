"""Codebook loading: the seed codebook, and each kind of mistake caught up front."""
from __future__ import annotations

import pytest

from graphbuild.codebook import load_codebook, parse_codebook
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
