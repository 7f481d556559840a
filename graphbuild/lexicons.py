"""The plain-text lexicons in ``graphbuild/data``: one entry a line, ``#`` comments.

Patterns and word lists are data, not code: the rule modules read them
through these loaders, each file once.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["load_lexicon", "load_table", "load_rows", "load_yaml", "pronoun_classes"]


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> frozenset[str]:
    """Lines of ``graphbuild/data/<name>``, lowercased (comments and blanks skipped).

    >>> "senator" in load_lexicon("role_nouns.txt")
    True
    """
    text = resources.files("graphbuild.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(l.strip().lower() for l in text.splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=None)
def load_table(name: str) -> dict[str, str]:
    """``{first column: second column}`` of a tab-separated lexicon in ``graphbuild/data``.

    >>> load_table("title_roles.tsv")["gov"]
    'governor'
    """
    rows = (line.split("\t", 1) for line in load_lexicon(name))
    return {key.strip(): value.strip() for key, value in rows}


@lru_cache(maxsize=None)
def load_yaml(name: str):
    """The parsed content of a YAML lexicon in ``graphbuild/data`` (read once; do not change it).

    >>> "negators" in load_yaml("stance_lexicon.yaml")
    True
    """
    return yaml.safe_load(resources.files("graphbuild.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of a data file in ``graphbuild/data``, case kept.

    >>> ("moscow", "Russia", "Russian government") in load_rows("places.tsv")
    True
    """
    text = resources.files("graphbuild.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(tuple(c.strip() for c in line.split("\t")) for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


def pronoun_classes() -> dict[str, str]:
    """``{pronoun: referent class}`` from ``pronouns.tsv``.

    >>> pronoun_classes()["she"], pronoun_classes()["they"]
    ('female', 'plural')
    """
    return load_table("pronouns.tsv")
