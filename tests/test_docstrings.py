"""Every public function of graphbuild shows how it is used, in an example that runs.

The house style asks for a short example in the docstring of each public
function; ``pytest`` runs them (``--doctest-modules`` in pyproject.toml, with
the names conftest.py gives them). This walks the source with ``ast`` and
fails on a public function or method whose docstring has no ``>>>`` example,
so a new one cannot land without one.

Public: a module-level function, or a method (properties included) of a
public class, whose name does not start with "_", in a module whose path
has no private part. Not asked for:

* dunder methods (``__init__``, ``__call__``, …): private by name, their
  class's example shows them at work;
* click commands and groups in cli.py: a command's ``--help`` is its
  documentation, and tests/test_cli.py runs each one;
* spaCy factories (``@Language.factory``): spaCy calls them, not a user;
  the example is on the component, shown through ``nlp(...)``.

An example that cannot run offline (a SPARQL endpoint, a Dask cluster) may be
skipped with ``# doctest: +SKIP``; a docstring whose examples are all skipped
must say why on a ``# skipped: …`` line.
"""
from __future__ import annotations

import ast
import doctest
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from package_samples import write_package

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "graphbuild"

# Decorators that make a function something other than a Python API (see above).
CLICK_DECORATORS = (".command", ".group")
FACTORY_DECORATORS = ("Language.factory",)


def _decorators(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    return [ast.unparse(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]


def exempt(node: ast.FunctionDef | ast.AsyncFunctionDef, module: Path) -> bool:
    """True for a function the examples rule does not ask for (see the module docstring)."""
    names = _decorators(node)
    if module.name == "cli.py" and any(n.endswith(CLICK_DECORATORS) or n in ("click.group", "click.command")
                                       for n in names):
        return True
    return any(n in FACTORY_DECORATORS for n in names)


def public_functions(root: Path) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """(``path:line qualified.name``, node) of every public function and method under ``root``."""
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent)
        if any(part.startswith("_") and part != "__init__.py" for part in rel.parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

        def walk(body, prefix: str) -> Iterator:
            for node in body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if not node.name.startswith("_") and not exempt(node, path):
                        yield f"{rel}:{node.lineno} {prefix}{node.name}", node
                elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                    yield from walk(node.body, f"{prefix}{node.name}.")

        yield from walk(tree.body, "")


def problems(root: Path) -> list[str]:
    """One line per public function without a runnable example (empty: none)."""
    parser = doctest.DocTestParser()
    out = []
    for where, node in public_functions(root):
        doc = ast.get_docstring(node) or ""
        examples = parser.get_examples(doc)
        if not examples:
            out.append(f"{where}: no >>> example in its docstring")
        elif all(e.options.get(doctest.SKIP) for e in examples) and "# skipped:" not in doc:
            out.append(f"{where}: every example is skipped; say why on a '# skipped: ...' line")
    return out


def test_every_public_function_has_an_example():
    found = problems(PACKAGE)
    assert not found, "\n".join(found)


def test_the_checker_sees_the_real_functions():
    # A walker that found nothing would pass any package.
    found = [where for where, _ in public_functions(PACKAGE)]
    names = {where.split(" ", 1)[1] for where in found}
    assert {"build_graph", "Statement.to_json", "LocalStore.flush", "DocumentInfo.day",
            "InputErrors.exit_code"} <= names
    assert not {"codebook_suggest", "make_claim_matcher", "Statement.__post_init__"} & names
    assert not [where for where in found if where.startswith("graphbuild/cli.py") and where.endswith(" build")]
    assert len(names) > 250


def test_doctests_run_with_the_tests():
    # The examples run because pytest collects graphbuild/ with --doctest-modules;
    # without either, every example here would go unrun and this file would prove nothing.
    if tomllib is None:  # pragma: no cover
        pytest.skip("tomllib needs Python 3.11")
    options = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in options["addopts"].split()
    assert "graphbuild" in options["testpaths"]


# --- the checker itself, on a small synthetic package ---------------------------

GOOD = '''
def shown():
    """Doubles.

    >>> 2 * 2
    4
    """

def _private():
    pass

class Thing:
    def __init__(self):
        pass

    @property
    def size(self):
        """>>> Thing().size
        0
        """
        return 0

class _Hidden:
    def anything(self):
        pass

def remote():
    """>>> # skipped: it needs a server
    >>> fetch()  # doctest: +SKIP
    """
'''


def test_checker_passes_a_documented_package(tmp_path):
    root = write_package(tmp_path, {"__init__.py": "", "mod.py": GOOD, "_private.py": "def bare(): pass\n",
                               "cli.py": "@cli.command()\ndef build(): pass\n",
                               "nlp.py": "@Language.factory('x')\ndef make_x(nlp, name): pass\n"})
    assert problems(root) == []


@pytest.mark.parametrize("text, expected", [
    ("def bare():\n    pass\n", "mod.py:1 bare: no >>> example"),
    ('def told():\n    """Says what, shows nothing."""\n', "told: no >>> example"),
    ("class Thing:\n    def method(self):\n        pass\n", "Thing.method: no >>> example"),
    ("class Thing:\n    @property\n    def size(self):\n        return 0\n", "Thing.size: no >>> example"),
    ("class Outer:\n    class Inner:\n        def method(self):\n            pass\n", "Outer.Inner.method"),
    ('def hidden():\n    """>>> f()  # doctest: +SKIP\n    """\n', "hidden: every example is skipped"),
    ("@click.command()\ndef build():\n    pass\n", "build: no >>> example"),  # click only exempt in cli.py
])
def test_checker_catches_a_missing_example(tmp_path, text, expected):
    root = write_package(tmp_path, {"__init__.py": "", "mod.py": text})
    found = problems(root)
    assert any(expected in p for p in found), found
