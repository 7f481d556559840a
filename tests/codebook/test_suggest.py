"""Draft codebooks from a corpus (graphbuild codebook suggest)."""
from __future__ import annotations

import yaml

from graphbuild.codebook.codebook import parse_codebook
from graphbuild.models import Document
from graphbuild.codebook.suggest import codebook_yaml, suggest_codebook

DOCS = [
    Document(id="a", text='"Congress must expand background checks for every gun sale," Senator Ann Lee said. '
                          'The weather was mild on Tuesday.', authors=("Tom Hill",)),
    Document(id="b", text='"We should expand background checks on gun buyers," said Mayor Bob Stone. '
                          'Stone spoke at the town hall.'),
    Document(id="c", text='Governor Jane Park urged lawmakers to expand background checks for gun buyers. '
                          'The session ends in May.'),
    Document(id="d", text='"Tax cuts must be permanent," said Senator Al Green.'),
]


def test_a_position_shared_by_several_documents_becomes_a_draft_claim():
    draft = suggest_codebook(DOCS)
    assert len(draft["claims"]) == 1  # the tax-cut sentence is in one document only
    claim = draft["claims"][0]
    assert claim["documents"] == 3 and claim["kind"] == "normative"
    assert "background check" in claim["aliases"]
    assert "background checks" in claim["label"]


def test_the_draft_is_a_valid_codebook_file():
    text = codebook_yaml(suggest_codebook(DOCS))
    assert text.startswith("# Draft codebook")
    book = parse_codebook(yaml.safe_load(text))
    assert book.claims[0].aliases


def test_no_positions_no_claims():
    assert suggest_codebook([Document(id="x", text="The weather was mild on Tuesday in Ohio.")]) == {"claims": []}


def test_the_command_prints_the_draft(tmp_path):
    from click.testing import CliRunner

    from graphbuild.cli import cli

    corpus = tmp_path / "corpus.jsonl"
    import json
    corpus.write_text("".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in DOCS), encoding="utf-8")
    result = CliRunner().invoke(cli, ["codebook", "suggest", str(corpus), "--max-claims", "3"])
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(result.stdout)
    assert len(draft["claims"]) == 1 and draft["claims"][0]["kind"] == "normative"
