"""SHACL conformance of graphbuild graphs (``ontology/shapes.ttl``).

pyshacl runs with the ontology as its ``ont_graph`` and no inference: the
ontology's ``rdfs:subClassOf`` triples are enough for ``sh:targetClass
gb:Actor`` to reach ``gb:Person`` nodes, and an RDFS closure would cost more
than the whole validation.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from ..errors import OntologyError
from .io import load_graph

__all__ = ["ValidationResult", "validate_graph", "validate_file", "ontology_path", "shapes_path"]

# The repo keeps the ontology at the top level; an installed wheel carries a
# copy as package data in graphbuild/ontology/.
_CANDIDATES = (
    Path(__file__).resolve().parents[2] / "ontology",
    Path(__file__).resolve().parents[1] / "ontology",
)


def _find(name: str) -> Path:
    for folder in _CANDIDATES:
        if (folder / name).is_file():
            return folder / name
    raise OntologyError(f"{name}: not found in {' or '.join(str(c) for c in _CANDIDATES)}")


def ontology_path() -> Path:
    """Path of ``graphbuild.ttl``, the vocabulary.

    >>> ontology_path().name, ontology_path().is_file()
    ('graphbuild.ttl', True)
    """
    return _find("graphbuild.ttl")


def shapes_path() -> Path:
    """Path of ``shapes.ttl``, the SHACL shapes.

    >>> shapes_path().name
    'shapes.ttl'
    """
    return _find("shapes.ttl")


@functools.lru_cache(maxsize=None)
def _load(path: Path) -> Graph:
    # Parsed once per process; pyshacl copies what it mixes, never mutates these.
    return Graph().parse(str(path), format="turtle")


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of a SHACL validation."""

    conforms: bool
    report: str
    violations: int

    def __bool__(self) -> bool:
        return self.conforms


def validate_graph(graph: Graph, *, shapes: Graph | None = None) -> ValidationResult:
    """Validate ``graph`` against the graphbuild shapes.

    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
    """
    import pyshacl  # slow to import (~0.5 s); only validation needs it

    conforms, results, text = pyshacl.validate(
        data_graph=graph,
        shacl_graph=shapes if shapes is not None else _load(shapes_path()),
        ont_graph=_load(ontology_path()),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=False,
    )
    violations = sum(1 for _ in results.subjects(SH.resultSeverity, SH.Violation))
    return ValidationResult(conforms=bool(conforms), report=str(text), violations=violations)


def validate_file(path: str | Path) -> ValidationResult:
    """Load a graph file (.ttl, .nt, .jsonld) and validate it.

    >>> import tempfile, pathlib
    >>> from graphbuild.models import Document, Statement
    >>> from graphbuild.rdf.build import build_graph
    >>> from graphbuild.rdf.io import serialize_graph
    >>> s = Statement("d", "Ann Lee", "Person", "c", "supports", "quote", "Yes", 0, 3, 0.9)
    >>> path = serialize_graph(build_graph([Document("d", "Yes, we must.")], [s]),
    ...                        pathlib.Path(tempfile.mkdtemp()) / "graph.ttl")
    >>> validate_file(path).conforms
    True
    """
    return validate_graph(load_graph(path))
