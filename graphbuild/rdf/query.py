"""SPARQL in graphbuild: one front door for a graph in memory, a graph file or a store.

:func:`run_query` predeclares the ``gb:``, ``rdfs:``, ``skos:`` … prefixes,
binds parameters as RDF terms and gives rows of plain Python values
(:class:`QueryResult`), whatever runs the query: rdflib for a graph, or a
store's own engine through its ``select`` (:class:`Dataset`; see
:func:`graphbuild.store.query_store` for a store given by location).

User values never enter the query text as text: ``run_query(g, q, {"claimId":
"russia-dissolution"})`` binds ``?claimId`` to the literal through rdflib's
``initBindings``, or, on a store, through a ``VALUES`` block of escaped
terms, so a value such as ``x" } ; DROP ALL #`` stays a string.
A string value is bound as a plain literal; rdflib does not equate it with
``"…"^^xsd:string``, so query graphs read with
:func:`~graphbuild.rdf.io.load_graph` (which keeps strings plain) rather than
parsed directly with oxrdflib.

Queries run on the local graph only: ``SERVICE`` (federation), which would
make rdflib fetch from any URL in the query, is refused. ``timeout=`` stops a
query that runs too long (:mod:`graphbuild.rdf.deadline`; a store stops its
own queries).
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import QueryError, printable
from .build import PREFIXES, bind_prefixes
from .deadline import run_with_deadline, time_limit
from .io import load_graph
from .terms import nt

__all__ = ["QueryResult", "Dataset", "run_query", "load_query", "bind_value", "bind_values", "format_result",
           "solutions_result", "PROLOGUE"]

QUERIES = Path(__file__).resolve().parents[1] / "queries"
# What a query sent to a store starts with (rdflib gets the same prefixes as initNs).
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of plain Python values (``None`` where unbound)."""

    columns: list[str]
    rows: list[tuple]

    def as_dicts(self) -> list[dict]:
        """Rows as dicts, handy for pandas: ``pd.DataFrame(result.as_dicts())``.

        >>> QueryResult(["n"], [(1,), (2,)]).as_dicts()
        [{'n': 1}, {'n': 2}]
        """
        return [dict(zip(self.columns, row)) for row in self.rows]


class Dataset(Protocol):
    """What :func:`run_query` needs of a store: running a prepared SELECT or ASK query.

    ``sparql`` comes with its prefixes declared and its parameters bound;
    the default graph is the union of the store's graphs; after ``timeout``
    seconds the query is stopped with :class:`~graphbuild.errors.QueryTimeoutError`.
    """

    def select(self, sparql: str, *, timeout: float | None = None) -> "QueryResult":
        """The query's columns and rows as plain values.

        >>> import tempfile
        >>> from graphbuild.store import open_store  # a store is one kind of Dataset
        >>> with open_store(tempfile.mkdtemp()) as store:
        ...     store.select("ASK { ?s ?p ?o }").rows
        [(False,)]
        """
        ...


def load_query(name: str) -> str:
    """The text of an example query in ``queries/``, by file name with or without ``.rq``.

    >>> "SELECT" in load_query("who-supports")
    True
    """
    known = sorted(p.stem for p in QUERIES.glob("*.rq"))
    # Only the shipped queries: a name such as "../secret" must not reach a path.
    stem = name[:-3] if name.endswith(".rq") else name
    if stem not in known:
        raise QueryError(f"no example query {name!r} (known: {', '.join(known)})")
    return (QUERIES / f"{stem}.rq").read_text(encoding="utf-8")


# Comments, strings and IRIs are skipped so that a "?" inside them is not taken for a variable.
_TOKENS = re.compile("|".join([
    r"#[^\n]*",  # a comment
    r'"""[\s\S]*?"""', r"'''[\s\S]*?'''", r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'",  # strings
    r'<[^<>"{}|^`\\\s]*>',  # an IRI
    r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)",  # a variable
]))
_DECLARED = re.compile(r"^#\s*Parameters?:\s*(.*)$", re.M)


def query_variables(sparql: str) -> list[str]:
    """The variables of a query, in order of first use (without ``?``).

    >>> query_variables('SELECT ?n WHERE { ?a rdfs:label ?n FILTER (?n != "?x") } # ?y')
    ['n', 'a']
    """
    seen: dict[str, None] = {}
    for m in _TOKENS.finditer(sparql):
        if m.group(1):
            seen.setdefault(m.group(1), None)
    return list(seen)


def check_parameters(sparql: str, params: Mapping[str, object] | None) -> None:
    """Raise :class:`QueryError`, naming the query's parameters, if a name in ``params`` is not in the query.

    A name the query does not use would be bound to nothing and silently
    ignored, and the answer would look like that of the bound query. The
    parameters listed are those a ``# Parameter: ?name`` comment declares (as
    the bundled queries do), else every variable.

    >>> check_parameters("# Parameter: ?claimId\\nSELECT ?a WHERE { ?a gb:supports/skos:notation ?claimId }",
    ...                  {"claim": "x"})
    Traceback (most recent call last):
    ...
    graphbuild.errors.QueryError: unknown parameter 'claim': the query has no ?claim; its parameters: ?claimId
    """
    used = set(query_variables(sparql))
    for name in params or {}:
        bare = name.lstrip("?$")
        if bare in used:
            continue
        declared = [v for line in _DECLARED.findall(sparql) for v in query_variables(line)]
        if declared:
            listed = f"its parameters: {', '.join('?' + v for v in declared)}"
        elif used:
            listed = f"its variables: {', '.join('?' + v for v in query_variables(sparql))}"
        else:
            listed = "it has no variables"
        raise QueryError(f"unknown parameter {bare!r}: the query has no ?{bare}; {listed}")


def bind_value(value: object) -> Node:
    """An RDF term for a parameter: ``<…>`` is an IRI, terms pass through, the rest is a literal.

    >>> bind_value("<https://example.org/a>"), bind_value("x")
    (rdflib.term.URIRef('https://example.org/a'), rdflib.term.Literal('x'))
    """
    if isinstance(value, Node):
        return value
    if isinstance(value, str) and len(value) > 2 and value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if any(c in iri for c in '<>"{}|^`\\ \n'):
            raise QueryError(f"{value!r} is not a valid IRI")
        return URIRef(iri)
    return Literal(value)


def run_query(target: Graph | str | Path | Dataset, sparql: str, params: Mapping[str, object] | None = None, *,
              timeout: float | None = None) -> QueryResult:
    """Run a SPARQL SELECT or ASK on a graph, a graph file or an open store, with bound parameters.

    The ``gb:``, ``skos:``, ``prov:`` … prefixes are predeclared. A query
    still running after ``timeout`` seconds is stopped with
    :class:`~graphbuild.errors.QueryTimeoutError` (``None`` or ``0``: no
    limit); reading a graph file is not counted.

    >>> from graphbuild.models import Statement
    >>> from graphbuild.rdf.build import build_graph
    >>> g = build_graph([], [Statement("d", "Ann Lee", "Person", "c", "supports", "quote", "Yes", 0, 3, 0.9)])
    >>> run_query(g, "SELECT ?n WHERE { ?a gb:supports ?c ; rdfs:label ?n }", timeout=10).rows
    [('Ann Lee',)]
    >>> run_query(g, "ASK { ?a gb:opposes ?c }").rows
    [(False,)]
    """
    limit = time_limit(timeout)
    check_parameters(sparql, params)
    if not isinstance(target, (Graph, str, Path)):
        return target.select(PROLOGUE + bind_values(sparql, params or {}), timeout=limit)
    graph = target if isinstance(target, Graph) else load_graph(target)
    bindings = {name.lstrip("?$"): bind_value(v) for name, v in (params or {}).items()}
    return run_with_deadline(lambda: _evaluate(graph, sparql, bindings), limit)


def _evaluate(graph: Graph, sparql: str, bindings: dict[str, Node]) -> QueryResult:
    namespaces = dict(bind_prefixes(Graph()).namespaces())
    try:
        from rdflib.plugins.sparql import prepareQuery

        prepared = prepareQuery(sparql, initNs=namespaces)
        if _uses_service(prepared.algebra):
            raise QueryError("SPARQL error: SERVICE is not allowed (graphbuild queries the local graph only)")
        result = graph.query(prepared, initBindings=bindings)
        if result.type == "ASK":
            return QueryResult(["ask"], [(bool(result.askAnswer),)])
        if result.type != "SELECT":
            raise QueryError("only SELECT and ASK queries can be run (use CONSTRUCT via rdflib directly)")
        columns = [str(v) for v in result.vars]
        # rdflib evaluates lazily: most of the work happens here, inside the time limit.
        rows = [tuple(_python(row[i]) for i in range(len(columns))) for row in result]
    except QueryError:
        raise
    except Exception as e:  # rdflib raises pyparsing and assorted errors for bad queries
        if "requiring a dataset" in str(e):  # GRAPH or FROM NAMED
            raise QueryError(_ONE_GRAPH) from None
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise QueryError(f"SPARQL error: {first}") from None
    return QueryResult(columns, rows)


_ONE_GRAPH = ("SPARQL error: GRAPH and FROM NAMED need named graphs, and a graph file is one graph; query the "
              "store it was built with (--store), which keeps one named graph per document")


def _uses_service(algebra) -> bool:
    from rdflib.plugins.sparql.algebra import traverse
    from rdflib.plugins.sparql.parserutils import CompValue

    found: list[CompValue] = []
    traverse(algebra, visitPre=lambda n: found.append(n) if isinstance(n, CompValue)
             and n.name == "ServiceGraphPattern" else None)
    return bool(found)


def _python(term: Node | None) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return value if isinstance(value, (str, int, float, bool)) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _first_group(sparql: str) -> int:
    """Index of the ``{`` that opens the query's WHERE group (strings, IRIs and comments skipped)."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            i = sparql.find("\n", i)
            if i < 0:
                break
        elif c in "\"'":
            quote = c * 3 if sparql.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not sparql.startswith(quote, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(quote) - 1
        elif c == "<":
            end = re.match(r"<[^<>\"{}|^`\\\s]*>", sparql[i:])
            if end:
                i += end.end() - 1
        elif c == "{":
            return i
        i += 1
    raise QueryError("SPARQL error: the query has no WHERE { … } group to bind parameters in")


def bind_values(sparql: str, params: Mapping[str, object]) -> str:
    """``sparql`` with ``params`` bound by a VALUES block opening its WHERE group.

    Values become RDF terms serialised by Oxigraph (quotes and newlines
    escaped), never pasted text, so a value cannot change the query.

    >>> bind_values("SELECT ?n WHERE { ?a rdfs:label ?n }", {"n": 'x" } #'})
    'SELECT ?n WHERE { VALUES (?n) { ("x\\\\" } #") } ?a rdfs:label ?n }'
    """
    if not params:
        return sparql
    names = [name.lstrip("?$") for name in params]
    for name in names:
        if not _VARNAME.match(name):
            raise QueryError(f"{name!r} is not a valid SPARQL variable name")
    terms = " ".join(nt(bind_value(v)) for v in params.values())
    at = _first_group(sparql) + 1
    return f"{sparql[:at]} VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}{sparql[at:]}"


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt",
                                     "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"}


def _ox_python(term) -> object:
    """A result cell as the plain Python value :func:`graphbuild.run_query` gives for it."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == f"{_XSD}boolean":
            return term.value in ("true", "1")
        return term.value
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def solutions_result(result) -> QueryResult:
    """Oxigraph's answer to a SELECT or ASK query as a :class:`QueryResult` of plain values.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/n"), ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    >>> solutions_result(store.query("SELECT ?n WHERE { ?a ?p ?n }")).rows
    [(7,)]
    """
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(["ask"], [(bool(result),)])
    if not hasattr(result, "variables"):
        raise QueryError("only SELECT and ASK queries can be run")
    columns = [v.value for v in result.variables]
    return QueryResult(columns, [tuple(_ox_python(row[c]) for c in columns) for row in result])


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned ``table``, ``csv`` or ``json`` (a list of objects).

    >>> print(format_result(QueryResult(["a", "b"], [(1, "x")]), "csv").strip())
    a,b
    1,x
    """
    if fmt == "json":
        return json.dumps(result.as_dicts(), ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown result format {fmt!r} (table, csv, json)")
    # Evidence passages may span lines; a table row must stay one line.
    flat = lambda v: "" if v is None else " ".join(printable(str(v)).split())
    cells = [[str(c) for c in result.columns]] + [[flat(v) for v in row] for row in result.rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(result.columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)
