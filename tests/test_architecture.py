"""The house rules of graphbuild's imports, checked on the source with ``ast``.

Every module belongs to one layer, and imports point down: a module may
import its own room (package) and any room of a lower layer, never a higher
one, and no modules import each other in a circle. Imports inside functions
count like any other (a lazy import must not hide a cycle or an upward
arrow), and only the face (the CLI, the API) may import graphbuild modules
inside functions, to keep ``graphbuild --help`` from loading spaCy. A
module's private names (``_name``) are its own: no other module imports them.

``LAYERS`` is the one place the order is written; docs/architecture.md
explains it. A new module lands in its room's layer by its name; a new room
must be added here.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from package_samples import write_package

PACKAGE = Path(__file__).resolve().parents[1] / "graphbuild"

# Bottom to top. Each entry: a layer's name and its modules; "pkg.*" is a
# package with everything in it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ground", ("graphbuild.errors", "graphbuild.models", "graphbuild.lexicons", "graphbuild.names",
                "graphbuild.atomic", "graphbuild.identity", "graphbuild.person_names")),
    ("text", ("graphbuild.text.*",)),
    ("nlp", ("graphbuild.nlp.*",)),
    ("codebook", ("graphbuild.codebook.*",)),
    ("rdf", ("graphbuild.rdf.*",)),
    ("store", ("graphbuild.store.*",)),
    ("analysis", ("graphbuild.analysis.*",)),
    ("map", ("graphbuild.map.*",)),
    ("run", ("graphbuild.run.*",)),
    ("face", ("graphbuild", "graphbuild.__main__", "graphbuild.api", "graphbuild.cli")),
)


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (the longest module prefix of what is named)
    line: int
    local: bool  # inside a function
    private: tuple[str, ...] = ()  # ``_names`` it takes from the target

    def __str__(self) -> str:
        where = " (inside a function)" if self.local else ""
        return f"{self.source}:{self.line} imports {self.target}{where}"


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package in ``root``, by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(root: Path) -> Iterator[Import]:
    """Every import of the package's own modules, wherever it is written."""
    known = modules(root)
    package = root.name

    def resolve(name: str) -> str:
        while name not in known:
            name = name.rpartition(".")[0]
        return name

    for source, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        local = {id(node) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
                 for node in ast.walk(fn)}
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                named = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = source.split(".") if is_package else source.split(".")[:-1]
                    base = base[:len(base) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # "from pkg import sub" imports the submodule; "from mod import name" the module.
                named = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
            else:
                continue
            private = tuple(a.name for a in getattr(node, "names", ()) if isinstance(node, ast.ImportFrom)
                            and a.name.startswith("_") and not a.name.startswith("__"))
            for name in dict.fromkeys(named):
                if name.split(".")[0] == package:
                    target = resolve(name)
                    if target != source:
                        yield Import(source, target, node.lineno, id(node) in local, private)


def layer_of(module: str, layers: Sequence[tuple[str, Sequence[str]]]) -> int | None:
    """Index of the layer that names ``module`` (itself, or its package as ``pkg.*``)."""
    for i, (_, members) in enumerate(layers):
        for member in members:
            package = member.removesuffix(".*")
            if module == package or (member.endswith(".*") and module.startswith(package + ".")):
                return i
    return None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def violations(root: Path, layers: Sequence[tuple[str, Sequence[str]]], face: str = "face") -> list[str]:
    """What breaks the house rules in the package at ``root``, one line each (empty: none)."""
    problems = []
    found = list(imports(root))
    for module in modules(root):
        if layer_of(module, layers) is None:
            problems.append(f"{module} is in no layer: add it (or its room) to LAYERS")
    edges: dict[str, set[str]] = {}
    for imp in found:
        edges.setdefault(imp.source, set()).add(imp.target)
        low, high = layer_of(imp.source, layers), layer_of(imp.target, layers)
        if low is not None and high is not None and high > low:
            problems.append(f"{imp}: layer {layers[low][0]!r} may not import layer {layers[high][0]!r} above it")
        if imp.local and low is not None and layers[low][0] != face:
            problems.append(f"{imp}: import it at the top of the module (only the face imports lazily)")
        if imp.private:
            problems.append(f"{imp}: {', '.join(imp.private)} is private to {imp.target}; make it public or leave it")
    problems += [f"import cycle: {' -> '.join(c)}" for c in cycles(edges)]
    return problems


def test_graphbuild_imports_point_down_without_cycles():
    problems = violations(PACKAGE, LAYERS)
    assert not problems, "\n".join(problems)


def test_the_checker_sees_the_real_imports():
    # A checker that found nothing would pass any package.
    found = {(i.source, i.target) for i in imports(PACKAGE)}
    assert ("graphbuild.run.build", "graphbuild.nlp.extract") not in found  # run goes through parallel
    assert ("graphbuild.run.parallel", "graphbuild.nlp.extract") in found
    assert ("graphbuild.nlp.claims", "graphbuild.nlp.units") in found
    assert ("graphbuild.api", "graphbuild.run.build") in found
    assert len(found) > 150


# --- the checker itself, on small synthetic packages ----------------------------

SMALL_LAYERS = (("low", ("pkg.low.*",)), ("mid", ("pkg.mid.*",)), ("face", ("pkg", "pkg.cli")))


@pytest.fixture
def clean(tmp_path):
    return {
        "__init__.py": "",
        "low/__init__.py": "",
        "low/a.py": "X = 1\n",
        "low/b.py": "from .a import X\n",
        "mid/__init__.py": "from ..low.a import X\n",
        "mid/c.py": "from pkg.low import b\nfrom . import d\n",
        "mid/d.py": "import pkg.low.a\n",
        "cli.py": "def main():\n    from .mid.c import d\n",
    }


def test_checker_passes_a_clean_package(tmp_path, clean):
    root = write_package(tmp_path, clean)
    assert violations(root, SMALL_LAYERS) == []
    assert {(i.source, i.target) for i in imports(root)} == {
        ("pkg.low.b", "pkg.low.a"), ("pkg.mid", "pkg.low.a"), ("pkg.mid.c", "pkg.low.b"), ("pkg.mid.c", "pkg.mid.d"),
        ("pkg.mid.d", "pkg.low.a"), ("pkg.cli", "pkg.mid.c")}


@pytest.mark.parametrize("name, text, expected", [
    ("low/a.py", "from pkg.mid import c\n", "layer 'low' may not import layer 'mid' above it"),
    ("low/a.py", "from ..mid.d import Y\n", "layer 'low' may not import layer 'mid' above it"),
    ("low/a.py", "import pkg.cli\n", "layer 'low' may not import layer 'face' above it"),
    ("low/a.py", "def f():\n    from ..mid import d\n", "(inside a function): layer 'low' may not import"),
    ("low/a.py", "if False:\n    from .b import X\n", "import cycle: pkg.low.a -> pkg.low.b"),
    ("mid/d.py", "def f():\n    from .c import X\n", "only the face imports lazily"),
    ("mid/d.py", "from . import c\n", "import cycle: pkg.mid.c -> pkg.mid.d"),
    ("mid/d.py", "from ..low.a import _hidden\n", "_hidden is private to pkg.low.a"),
    ("other.py", "X = 1\n", "pkg.other is in no layer"),
])
def test_checker_catches_each_kind_of_violation(tmp_path, clean, name, text, expected):
    root = write_package(tmp_path, clean | {name: text})
    problems = violations(root, SMALL_LAYERS)
    assert any(expected in p for p in problems), problems
