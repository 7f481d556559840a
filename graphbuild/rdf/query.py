"""SPARQL over a graphbuild graph, with values bound as RDF terms.

User values never enter the query text: ``run_query(g, q, {"claimId":
"russia-dissolution"})`` binds ``?claimId`` to the literal through rdflib's
``initBindings``, so a value such as ``x" } ; DROP ALL #`` stays a string.
A string value is bound as a plain literal; rdflib does not equate it with
``"…"^^xsd:string``, so query graphs read with
:func:`~graphbuild.rdf.io.load_graph` (which keeps strings plain) rather than
parsed directly with oxrdflib.

Queries run on the local graph only: ``SERVICE`` (federation), which would
make rdflib fetch from any URL in the query, is refused. ``timeout=`` stops a
query that runs too long (:mod:`graphbuild.rdf.deadline`).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import QueryError
from .build import bind_prefixes
from .deadline import run_with_deadline, time_limit
from .io import load_graph

QUERIES = Path(__file__).resolve().parents[1] / "queries"


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of plain Python values (``None`` where unbound)."""

    columns: list[str]
    rows: list[tuple]

    def as_dicts(self) -> list[dict]:
        """Rows as dicts, handy for pandas: ``pd.DataFrame(result.as_dicts())``."""
        return [dict(zip(self.columns, row)) for row in self.rows]


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


def run_query(graph: Graph | str | Path, sparql: str, params: Mapping[str, object] | None = None, *,
              timeout: float | None = None) -> QueryResult:
    """Run a SPARQL SELECT or ASK on a graph (or a graph file) with bound parameters.

    The ``gb:``, ``skos:``, ``prov:`` … prefixes are predeclared. A query
    still running after ``timeout`` seconds is stopped with
    :class:`~graphbuild.errors.QueryTimeoutError` (``None`` or ``0``: no
    limit); reading a graph file is not counted.

    >>> from graphbuild.models import Statement
    >>> from graphbuild.rdf.build import build_graph
    >>> g = build_graph([], [Statement("d", "Ann Lee", "Person", "c", "supports", "quote", "Yes", 0, 3, 0.9)])
    >>> run_query(g, "SELECT ?n WHERE { ?a gb:supports ?c ; rdfs:label ?n }", timeout=10).rows
    [('Ann Lee',)]
    """
    limit = time_limit(timeout)
    check_parameters(sparql, params)
    if not isinstance(graph, Graph):
        graph = load_graph(graph)
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
    except QueryError:
        raise
    except Exception as e:  # rdflib raises pyparsing and assorted errors for bad queries
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise QueryError(f"SPARQL error: {first}") from None
    if result.type == "ASK":
        return QueryResult(["ask"], [(bool(result.askAnswer),)])
    if result.type != "SELECT":
        raise QueryError("only SELECT and ASK queries can be run (use CONSTRUCT via rdflib directly)")
    columns = [str(v) for v in result.vars]
    # rdflib evaluates lazily: most of the work happens here, inside the time limit.
    rows = [tuple(_python(row[i]) for i in range(len(columns))) for row in result]
    return QueryResult(columns, rows)


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
    flat = lambda v: "" if v is None else " ".join(str(v).split())
    cells = [[str(c) for c in result.columns]] + [[flat(v) for v in row] for row in result.rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(result.columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)
