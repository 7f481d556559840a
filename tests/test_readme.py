"""The README stays true: its commands parse, every command and option is documented."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

import graphbuild
from graphbuild.cli import cli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def code_blocks(lang: str | None = None) -> list[str]:
    pattern = r"```(\w*)\n(.*?)```"
    return [body for tag, body in re.findall(pattern, README, re.S) if lang is None or tag == lang]


def shell_commands() -> list[list[str]]:
    """Every ``graphbuild …`` command line of the README's bash blocks, without redirections."""
    found = []
    for block in code_blocks("bash"):
        for line in block.splitlines():
            for part in re.split(r"&&|\|", line):
                words = shlex.split(part.split(" > ")[0])
                if words and words[0].endswith("graphbuild"):
                    found.append(words[1:])
    return found


def test_readme_starts_with_setup_and_test_commands():
    first = code_blocks()[0].strip().splitlines()
    assert len(first) == 2
    assert "pip install -e '.[test]'" in first[0] and "graphbuild build seeds/" in first[0]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert first[1].strip() in ci, "the README's test command is the one CI runs"


@pytest.mark.parametrize("args", shell_commands(), ids=lambda a: " ".join(a)[:60])
def test_readme_commands_parse(args):
    command = cli.commands[args[0]]
    # Under the group's context, as the CLI runs it: click caches each command's
    # help option from the first context it sees (-h would vanish without it).
    parent = click.Context(cli, info_name="graphbuild", **cli.context_settings)
    command.make_context(args[0], args[1:], parent=parent)  # raises on unknown options or bad choices


def test_every_command_and_option_is_documented():
    assert {args[0] for args in shell_commands()} == set(cli.commands)
    for name, command in cli.commands.items():
        assert f"graphbuild {name}" in README, name
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts + param.secondary_opts, key=len)
                assert longest in README, f"{name} {longest}"


def test_python_examples_use_the_public_api():
    used = set(re.findall(r"\bgb\.(\w+)", README))
    assert used and used <= set(graphbuild.__all__), used - set(graphbuild.__all__)


def test_bundled_queries_are_listed():
    for query in (REPO / "queries").glob("*.rq"):
        assert query.stem in README, query.stem


def test_python_example_runs(tmp_path, monkeypatch, capsys):
    (tmp_path / "seeds").symlink_to(REPO / "seeds", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    [snippet] = code_blocks("python")
    exec(compile(snippet, "README.md", "exec"), {})  # noqa: S102  (our own documentation)
    assert (tmp_path / "out" / "statements.jsonl").is_file() and (tmp_path / "conflict.html").is_file()
    assert re.search(r"^\(\d+ rows?\)$", capsys.readouterr().out, re.M), "the query table was printed"


def test_readme_samples_are_what_the_seeds_give(seeds_build):
    """The README's sample output is a real run's (``graphbuild build seeds/ --out out/``)."""
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    from readme_samples import samples

    found = dict(samples(README))
    command = "graphbuild build seeds/ --out out/"
    assert command in found, "README.md lost its '<!-- sample: graphbuild build seeds/ --out out/ -->' block"
    # the session's seeds build printed the same (with --top 0, the same for so few rows)
    real = seeds_build.stdout.replace(f"{seeds_build.out_dir}/", "out/")
    assert found[command] == real, (
        "README.md's sample output of `graphbuild build seeds/ --out out/` is not what the seeds give now; "
        "regenerate it with: .venv/bin/python scripts/readme_samples.py")
