"""The data files behind the rules: every YAML lexicon reads as the words written."""
from __future__ import annotations

from importlib import resources

import pytest
import yaml

from graphbuild.lexicons import load_yaml
from graphbuild.nlp.stance import NEGATORS, lexicon

YAML_FILES = sorted(p.name for p in resources.files("graphbuild.data").iterdir() if p.name.endswith(".yaml"))


def _leaves(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{path}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _leaves(value, f"{path}[{n}]")
    else:
        yield path, node


@pytest.mark.parametrize("name", YAML_FILES)
def test_every_entry_is_text_not_a_yaml_boolean_or_null(name):
    # YAML 1.1 reads a bare no, yes, on, off or ~ as a boolean or null: the
    # negator "no" was once silently the word "false".
    odd = [(path, value) for path, value in _leaves(load_yaml(name)) if isinstance(value, bool) or value is None]
    assert not odd, f"{name}: quote these entries: {odd}"


def test_the_yaml_files_are_found():
    assert "stance_lexicon.yaml" in YAML_FILES and len(YAML_FILES) >= 2


def test_the_negators_hold_no_and_not_false():
    assert {"no", "not", "never", "n't"} <= NEGATORS
    assert "false" not in lexicon()["negators"]


def test_a_bare_no_is_what_the_check_catches():
    assert list(_leaves(yaml.safe_load("negators: [not, no]"))) == [("/negators[0]", "not"), ("/negators[1]", False)]
