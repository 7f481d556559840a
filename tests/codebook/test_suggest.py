"""codebook/suggest.py: a draft codebook from articles, on the real pipeline and models."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

import graphbuild as gb
from graphbuild.cli import cli
from graphbuild.codebook.codebook import parse_codebook
from graphbuild.nlp.propositions import proposition_problem

FOR = [
    ('"Congress must expand background checks for every gun sale," Senator Ann Lee said. '
     'The weather was mild on Tuesday.'),
    '"Congress should expand background checks on all gun sales," said Mayor Bob Stone. Stone spoke at the town hall.',
    ('Governor Jane Park said Congress must expand background checks to every gun sale. '
     'The session ends in May.'),
    '"Congress has to expand background checks on gun sales," Representative Carl Diaz said on Monday.',
]
AGAINST = [
    '"Expanding background checks will not stop a single mass shooting," said Senator Tim Rowe.',
    'Background checks would not have stopped the shooter, Sheriff Dana Cole said.',
]
OTHER = ['"Tax cuts must be made permanent this year," said Senator Al Green.',
         'By signing up, you agree to our Privacy Policy. Click here to subscribe to our newsletter.']


def documents(texts):
    return [gb.Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def draft():
    return gb.suggest_codebook(documents(FOR + AGAINST + OTHER))


def test_a_position_argued_in_several_documents_becomes_a_claim(draft, nlp_base):
    assert len(draft.claims) == 1, [c.label for c in draft.claims]  # the tax cut is argued once only
    claim = draft.claims[0]
    assert "background checks" in claim.label and claim.kind == "normative"
    assert proposition_problem(nlp_base(claim.label)[:]) is None
    assert claim.documents >= 4 and claim.supporting >= 4


def test_aliases_are_phrasings_of_the_claim(draft):
    aliases = draft.claims[0].aliases
    assert any("background checks" in a for a in aliases), aliases
    assert all(len(a.split()) >= 2 for a in aliases)


def test_opposing_phrasings_come_from_the_documents_that_argue_against(draft):
    claim = draft.claims[0]
    assert claim.opposing_documents >= 1
    assert claim.opposing and all("not" in o for o in claim.opposing), claim.opposing
    assert claim.supporting + claim.opposing_documents == claim.documents


def test_the_yaml_is_a_codebook_with_the_evidence_as_comments(draft):
    text = gb.codebook_yaml(draft)
    book = parse_codebook(yaml.safe_load(text))
    assert book.claims[0].label == draft.claims[0].label and book.claims[0].opposing
    comments = [line for line in text.splitlines() if line.startswith("# ")]
    claim = draft.claims[0]
    assert f"# argued in {claim.documents} documents: {claim.supporting} for" in text
    examples = [line for line in comments if line.startswith("# e.g. d")]
    assert len(examples) == 2 and len({line.split(":")[0] for line in examples}) == 2  # two documents
    assert draft.codebook().claims[0].id == claim.id


def test_nothing_argued_twice_says_which_option_would_draft_claims():
    single = gb.suggest_codebook(documents([FOR[0], OTHER[0]]))
    assert single.claims == [] and "--min-documents 1" in single.reason
    with pytest.raises(gb.CodebookError, match="--min-documents 1"):
        single.codebook()
    assert gb.suggest_codebook(documents([FOR[0], OTHER[0]]), min_documents=1).claims


def test_no_positions_at_all_is_said_in_one_line():
    empty = gb.suggest_codebook(documents(["The weather was mild on Tuesday in Ohio and Iowa."]))
    assert empty.claims == [] and "takes a position" in empty.reason and "\n" not in empty.reason


def _corpus(tmp_path, texts):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in documents(texts)),
                      encoding="utf-8")
    return corpus


def test_the_command_prints_the_draft(tmp_path):
    result = CliRunner().invoke(cli, ["codebook", "suggest", str(_corpus(tmp_path, FOR + OTHER)), "--max-claims", "3"])
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(result.stdout)
    assert len(draft["claims"]) == 1 and draft["claims"][0]["kind"] == "normative"
    assert "# argued in 4 documents" in result.stdout


def test_the_command_says_why_nothing_was_drafted(tmp_path):
    result = CliRunner().invoke(cli, ["codebook", "suggest", str(_corpus(tmp_path, FOR[:1] + OTHER))])
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--min-documents 1" in lines[0]
