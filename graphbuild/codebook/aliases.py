"""The user's actor alias file: which names are one actor across documents.

Names are already merged when they normalise alike ("Dr. Ana Núñez's" and
"Ana Nunez"); an alias file adds what no rule can know: "NRA" is the
National Rifle Association, "Putin" in one outlet is "Vladimir Putin" in
another. The file is YAML, a canonical name followed by the names it goes by::

    # aliases.yaml
    Vladimir Putin: [Putin, President Putin]
    National Rifle Association: [NRA, the gun lobby]

Aliases are applied to statements as they leave extraction, so the graph,
``statements.jsonl``, the store and the map all use the canonical name.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import AliasError
from ..models import Statement
from ..names import normalize_name
from .yamlfile import read_yaml

__all__ = ["load_aliases", "parse_aliases", "resolver", "apply_aliases"]


def load_aliases(path: str | Path) -> dict[str, str]:
    """``{variant name: canonical name}`` from an alias file.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "aliases.yaml"
    >>> _ = path.write_text("National Rifle Association: [NRA, the gun lobby]\\n")
    >>> load_aliases(path)["NRA"]
    'National Rifle Association'
    """
    return parse_aliases(read_yaml(Path(path), AliasError, "alias file"), source=str(path))


def parse_aliases(data: object, *, source: str = "<aliases>") -> dict[str, str]:
    """Validate a parsed alias file (a mapping of canonical name to a list of names).

    >>> parse_aliases({"Vladimir Putin": ["Putin", "President Putin"]})["Putin"]
    'Vladimir Putin'
    """
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AliasError(f"{source}: an alias file maps each canonical name to a list of the names it goes by")
    table: dict[str, str] = {}
    for canonical, names in data.items():
        if not isinstance(canonical, str) or not canonical.strip():
            raise AliasError(f"{source}: canonical name {canonical!r} is not a name")
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise AliasError(f"{source}: {canonical!r}: give its other names as a list of strings")
        for name in names:
            if name in table and table[name] != canonical.strip():
                raise AliasError(f"{source}: {name!r} is listed for both {table[name]!r} and {canonical!r}")
            table[name] = canonical.strip()
    return table


def resolver(aliases: Mapping[str, str] | None) -> Callable[[str], tuple[str, str | None]]:
    """A function from an actor name to (merge key, canonical name from the
    alias table or None). Chains are followed ("Putin" → "V. Putin" →
    "Vladimir Putin"); a cycle resolves to its smallest name.

    >>> resolver({"NRA": "National Rifle Association"})("the NRA")
    ('national rifle association', 'National Rifle Association')
    """
    table = {normalize_name(k): v.strip() for k, v in (aliases or {}).items() if v.strip()}
    # A canonical name also stands for itself, whatever the articles write,
    # unless the file maps it on ("Putin" -> "Vladimir Putin" -> ...).
    for v in list(table.values()):
        table.setdefault(normalize_name(v), v)

    def follow(name: str) -> str | None:
        keys, targets = [normalize_name(name)], []
        while keys[-1] in table:
            targets.append(table[keys[-1]])
            nxt = normalize_name(targets[-1])
            if nxt in keys:
                # A self-mapping ends the chain; a longer cycle (A -> B -> A)
                # resolves to its smallest name, the same from every member.
                return min(targets[keys.index(nxt):])
            keys.append(nxt)
        return targets[-1] if targets else None

    def canonical(name: str) -> tuple[str, str | None]:
        target = follow(name)
        name = (target or name).strip()
        # A name that normalises to nothing ("Dr.") only merges with itself.
        return normalize_name(name) or "\x00" + name, target

    return canonical


def apply_aliases(statements: Iterable[Statement], aliases: Mapping[str, str] | None) -> Iterator[Statement]:
    """The statements with every actor named as the alias table says.

    >>> s = Statement("d", "NRA", "Organization", "c", "opposes", "reported", "No", 0, 2, 0.9)
    >>> next(apply_aliases([s], {"NRA": "National Rifle Association"})).actor
    'National Rifle Association'
    """
    if not aliases:
        yield from statements
        return
    canonical = resolver(aliases)
    for stmt in statements:
        _, target = canonical(stmt.actor)
        yield dataclasses.replace(stmt, actor=target) if target and target != stmt.actor else stmt
