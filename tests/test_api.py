"""The public API: ``import graphbuild as gb`` gives exactly graphbuild.api, lazily."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import graphbuild
import graphbuild.api as api


def test_package_exports_are_the_api_list():
    # graphbuild.api.__all__ is the one list; the package hands it on.
    assert graphbuild.__all__ is api.__all__
    assert len(set(api.__all__)) == len(api.__all__)
    namespace: dict = {}
    exec("from graphbuild import *", namespace)  # noqa: S102
    assert set(namespace) - {"__builtins__"} == set(api.__all__)


@pytest.mark.parametrize("name", api.__all__)
def test_every_name_resolves_to_the_api_object(name):
    assert getattr(graphbuild, name) is getattr(api, name)
    assert name in dir(graphbuild)


def test_no_submodule_shadows_an_api_name():
    # Importing a submodule binds it as a package attribute; one named like an
    # API function (graphbuild/build.py vs graphbuild.build) would replace it.
    for info in pkgutil.iter_modules(graphbuild.__path__, "graphbuild."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
        assert info.name.removeprefix("graphbuild.") not in api.__all__, info.name
    for name in api.__all__:
        assert getattr(graphbuild, name) is getattr(api, name), name


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        graphbuild.no_such_thing  # noqa: B018


def test_public_functions_document_an_example():
    for name in api.__all__:
        obj = getattr(api, name)
        doc = inspect.getdoc(obj) or ""
        assert doc.strip(), f"{name} has no docstring"
        if inspect.isfunction(obj):
            assert ">>>" in doc, f"{name}'s docstring has no example"


@pytest.mark.parametrize("imports", ["import graphbuild", "from graphbuild import names, errors",
                                     "import graphbuild.text.language"])
def test_import_is_lazy(imports):
    # Neither the package nor a submodule import loads the API (and spaCy with it).
    code = f"import sys; {imports}; print(sorted(m for m in ('spacy', 'rdflib', 'graphbuild.api') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_version_matches_the_distribution():
    from importlib.metadata import version

    assert graphbuild.__version__ == version("graphbuild")
