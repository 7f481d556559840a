"""Read and write graph files: Turtle, N-Triples, JSON-LD.

Writes are atomic (a temporary file in the target directory, then
``os.replace``), so a crash never leaves half a graph where the last good one
was. Turtle and N-Triples are read with oxrdflib's parsers, several times
faster than rdflib's own on large graphs. A JSON-LD file that refers to an
external ``@context`` (a URL or another file) is refused rather than fetched:
reading a graph never touches the network.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import XSD, Graph, Literal

from ..atomic import write_atomic
from ..errors import InputError
from .build import PREFIXES, bind_prefixes

__all__ = ["FORMATS", "serialize_graph", "load_graph", "format_for_path"]

# User-facing format name -> (rdflib serializer, file suffix).
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "json-ld": ("json-ld", ".jsonld"),
}
_ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "jsonld": "json-ld", "json": "json-ld"}
# Suffix -> parser; oxrdflib's for the line- and triple-oriented syntaxes.
_PARSERS = {".ttl": "ox-turtle", ".turtle": "ox-turtle", ".nt": "ox-ntriples",
            ".jsonld": "json-ld", ".json": "json-ld"}


def _format(name: str) -> str:
    fmt = _ALIASES.get(name.lower(), name.lower())
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {name!r}: use one of {', '.join(FORMATS)}")
    return fmt


def format_for_path(path: str | Path) -> str:
    """The output format a file name asks for, by extension (default turtle).

    >>> format_for_path("out/graph.nt")
    'nt'
    """
    suffix = Path(path).suffix.lower()
    return next((name for name, (_, ext) in FORMATS.items() if ext == suffix),
                "json-ld" if suffix == ".json" else "turtle")


def _to_bytes(graph: Graph, fmt: str) -> bytes:
    if fmt == "nt":
        # Sorted lines make N-Triples output stable and diffable between runs.
        # Split on "\n" only: the serializer escapes \n and \r in literals but
        # writes form feeds, U+0085 and U+2028 raw, which splitlines() would cut.
        text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        lines = sorted(line for line in text.split("\n") if line.strip())
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    if fmt == "json-ld":
        context = {p: str(ns) for p, ns in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, indent=2, encoding="utf-8")
    return graph.serialize(format="turtle", encoding="utf-8")


def serialize_graph(graph: Graph, path: str | Path, format: str = "turtle") -> Path:
    """Write ``graph`` to ``path`` atomically; returns the path.

    ``format`` is ``turtle``, ``nt`` or ``json-ld`` (``ttl``, ``jsonld``
    accepted). Parent directories are created.

    >>> import tempfile, pathlib
    >>> from graphbuild.models import Statement
    >>> from graphbuild.rdf.build import build_graph
    >>> graph = build_graph([], [Statement("d", "Ann Lee", "Person", "c", "supports", "quote", "Yes", 0, 3, 0.9)])
    >>> path = serialize_graph(graph, pathlib.Path(tempfile.mkdtemp()) / "out" / "graph.nt", "nt")
    >>> path.name, len(path.read_text(encoding="utf-8").splitlines()) == len(graph)
    ('graph.nt', True)
    """
    fmt = _format(format)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _to_bytes(graph, fmt)
    return write_atomic(path, data)


def load_graph(path: str | Path) -> Graph:
    """Read a graph file, guessing the syntax from its extension.

    ``.ttl`` Turtle, ``.nt`` N-Triples, ``.jsonld``/``.json`` JSON-LD. Errors
    are :class:`~graphbuild.errors.InputError` naming the file.

    >>> import tempfile, pathlib
    >>> from graphbuild.models import Statement
    >>> from graphbuild.rdf.build import build_graph
    >>> graph = build_graph([], [Statement("d", "Ann Lee", "Person", "c", "supports", "quote", "Yes", 0, 3, 0.9)])
    >>> path = serialize_graph(graph, pathlib.Path(tempfile.mkdtemp()) / "graph.ttl")
    >>> len(load_graph(path)) == len(graph)
    True
    >>> load_graph(path.with_suffix(".rdf"))
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: ...graph.rdf: unknown graph file extension '.rdf': use .ttl, .nt, .jsonld or .json
    """
    path = Path(path)
    parser = _PARSERS.get(path.suffix.lower())
    if parser is None:
        raise InputError(str(path), f"unknown graph file extension {path.suffix!r}: use .ttl, .nt, .jsonld or .json")
    if not path.is_file():
        raise InputError(str(path), "no such graph file")
    graph = bind_prefixes(Graph())
    try:
        if parser == "json-ld":
            _refuse_external_contexts(path)
        graph.parse(str(path), format=parser)
    except InputError:
        raise
    except Exception as e:  # parsers raise SyntaxError, ValueError, JSONDecodeError…
        reason = " ".join(str(e).split()) or type(e).__name__
        raise InputError(str(path), f"cannot parse as {parser.removeprefix('ox-')} ({reason[:200]})") from None
    if parser.startswith("ox-"):
        _plain_strings(graph)
    return graph


def _refuse_external_contexts(path: Path) -> None:
    import json

    stack = [json.loads(path.read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                refs = value if isinstance(value, list) else [value]
                if key in ("@context", "@import") and any(isinstance(r, str) for r in refs):
                    ref = next(r for r in refs if isinstance(r, str))
                    raise InputError(str(path), f"refers to an external JSON-LD context {ref[:100]!r}, "
                                     "which graphbuild does not fetch: inline the context")
                stack.append(value)


def _plain_strings(graph: Graph) -> None:
    # Oxigraph follows RDF 1.1 and types every simple literal as xsd:string;
    # rdflib keeps "x" and "x"^^xsd:string apart, so without this a bound
    # parameter "x" (or a graph built in memory) would not match a loaded one.
    typed = [(s, p, o) for s, p, o in graph if isinstance(o, Literal) and o.datatype == XSD.string]
    for s, p, o in typed:
        graph.remove((s, p, o))
        graph.add((s, p, Literal(str(o))))
