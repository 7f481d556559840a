"""The actor alias file: loading, errors, and names applied everywhere a build writes."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Graph, RDFS

import graphbuild as gb
from graphbuild.codebook.aliases import apply_aliases, load_aliases, parse_aliases, resolver
from graphbuild.cli import cli
from graphbuild.models import Statement


def _stmt(actor: str) -> Statement:
    return Statement("d", actor, "Organization", "c", "opposes", "reported", "No", 0, 2, 0.9)


def test_an_alias_file_maps_every_variant_to_its_canonical_name(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("# who is who\nNational Rifle Association: [NRA, the gun lobby]\nVladimir Putin: Putin\n")
    assert load_aliases(path) == {"NRA": "National Rifle Association", "the gun lobby": "National Rifle Association",
                                  "Putin": "Vladimir Putin"}


def test_variants_match_by_normalised_name_and_chains_are_followed():
    canonical = resolver({"Putin": "V. Putin", "V. Putin": "Vladimir Putin"})
    assert canonical("President Putin's")[1] is None  # "president" is no title the normaliser drops
    assert canonical("putin")[1] == "Vladimir Putin"
    assert canonical("V Putin")[1] == "Vladimir Putin"
    # a cycle resolves to one name from every member
    loop = resolver({"A B": "C D", "C D": "A B"})
    assert loop("A B")[1] == loop("C D")[1] == "A B"


def test_statements_are_renamed_and_others_left_alone():
    out = list(apply_aliases([_stmt("NRA"), _stmt("Sierra Club")], {"NRA": "National Rifle Association"}))
    assert [s.actor for s in out] == ["National Rifle Association", "Sierra Club"]
    assert out[0].evidence == "No" and out[0].claim == "c"


@pytest.mark.parametrize("text, reason", [
    ("- NRA\n- Putin\n", "maps each canonical name"),
    ("NRA: [1, 2]\n", "as a list of strings"),
    ("A: [X]\nB: [X]\n", "'X' is listed for both 'A' and 'B'"),
    ("A: [X\nB: [Y]\n", "aliases.yaml:2: invalid YAML"),
])
def test_a_bad_alias_file_is_one_clear_error(tmp_path, text, reason):
    path = tmp_path / "aliases.yaml"
    path.write_text(text)
    with pytest.raises(gb.AliasError, match=reason.replace("[", r"\[")):
        load_aliases(path)


def test_an_empty_file_is_no_aliases():
    assert parse_aliases(None) == {}


def test_build_and_extract_use_the_canonical_name(tmp_path, seeds_dir):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("Free Nations Forum: [Free Nations of Post-Russia Forum]\n")
    seed = next(seeds_dir.glob("000_*"))
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(seed), "--codebook", str(seeds_dir / "codebook.yaml"),
                                 "--aliases", str(aliases), "--out", str(tmp_path / "out"), "--no-map"])
    assert result.exit_code == 0, result.output
    actors = {json.loads(line)["actor"] for line in (tmp_path / "out" / "statements.jsonl").read_text().splitlines()}
    assert "Free Nations Forum" in actors and "Free Nations of Post-Russia Forum" not in actors
    labels = {str(o) for o in Graph().parse(tmp_path / "out" / "graph.ttl").objects(None, RDFS.label)}
    assert "Free Nations Forum" in labels and "Free Nations of Post-Russia Forum" not in labels
    printed = runner.invoke(cli, ["extract", str(seed), "--codebook", str(seeds_dir / "codebook.yaml"),
                                  "--aliases", str(aliases)])
    assert printed.exit_code == 0 and '"actor": "Free Nations Forum"' in printed.output


def test_a_bad_alias_file_stops_before_any_work(tmp_path, seeds_dir):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("A: [X\n")
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "--aliases", str(aliases), "--out", str(tmp_path / "o")])
    assert result.exit_code != 0 and "aliases.yaml:1: invalid YAML" in result.output
    assert not (tmp_path / "o" / "graph.ttl").exists()
