"""graphbuild: map who argues what.

Reads news articles and op-eds, extracts actor -> stance -> claim statements,
merges them into one RDF knowledge graph with provenance, answers SPARQL and
renders an interactive map. The public API is :mod:`graphbuild.api`
(``graphbuild.api.__all__`` lists it), re-exported here and imported on first
use, so that ``import graphbuild`` and the CLI's ``--help`` stay fast.
"""
from __future__ import annotations

import importlib
import importlib.util
from importlib.metadata import version
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type checkers and IDEs see the API without the lazy import
    from .api import *  # noqa: F403

__version__ = version("graphbuild")


def __getattr__(name: str):
    # A submodule ("from graphbuild import names") is the import system's to
    # load; loading the API for it would be slow, and circular while the API
    # itself is being imported. So are other dunders.
    if (name.startswith("__") and name != "__all__") or importlib.util.find_spec(f"{__name__}.{name}"):
        raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
    api = importlib.import_module("graphbuild.api")
    if name != "__all__" and name not in api.__all__:
        raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
    value = getattr(api, name)
    globals()[name] = value  # later look-ups skip this hook
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *importlib.import_module("graphbuild.api").__all__})
