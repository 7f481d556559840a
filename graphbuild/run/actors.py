"""The actors of a graph or a store, to read and to correct: ``graphbuild actors``.

Every actor with its other names (``skos:altLabel``: the names cross-document
resolution merged into it), its type, how many statements it makes and in
which documents. :func:`aliases_draft` writes the merges as an alias file
(the ``--aliases`` format) for a person to edit: delete a wrong name from a
list, move it under the right actor, or list a name under itself to keep it
apart; surnames the corpus leaves ambiguous are listed as comments.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
from rdflib import Graph

from ..errors import printable
from ..identity import resolve_actors
from ..rdf.io import load_graph
from ..rdf.query import QueryResult, run_query
from ..store import query_store

__all__ = ["ActorRow", "list_actors", "aliases_draft", "format_actors"]

_TYPES = {"Person": 0, "Organization": 1, "Group": 2, "Government": 3}  # the most specific wins

_NODES = """SELECT ?actor ?label ?type WHERE {
  ?actor rdfs:label ?label ; a ?type .
  VALUES ?type { gb:Person gb:Organization gb:Group gb:Government }
}"""
_OTHER_NAMES_TYPED = """SELECT ?actor ?name WHERE {
  ?actor skos:altLabel ?name ; a ?type .
  VALUES ?type { gb:Person gb:Organization }
}"""
_STATEMENTS = """SELECT ?actor ?statement ?id WHERE {
  ?statement a gb:Statement ; gb:actor ?actor ; prov:wasDerivedFrom ?doc .
  ?doc dcterms:identifier ?id .
}"""


@dataclass(frozen=True)
class ActorRow:
    """One actor: its name, other names, type, statements and documents."""

    iri: str
    name: str
    type: str
    other_names: tuple[str, ...]
    statements: int
    documents: tuple[str, ...]


def list_actors(graph: Graph | str | Path | None = None, *, store: str | Path | None = None) -> list[ActorRow]:
    """Every actor of a graph (or graph file) or of a store, most statements first.

    >>> from graphbuild.models import Document, Statement
    >>> from graphbuild.rdf.build import build_graph
    >>> said = [Statement(d, name, "Person", "c", "supports", "quote", "Yes.", 0, 4, 0.9)
    ...         for d, name in [("d1", "Trump"), ("d2", "Donald Trump"), ("d2", "Ann Lee")]]
    >>> rows = list_actors(build_graph([Document("d1", "Yes."), Document("d2", "Yes.")], said))
    >>> [(r.name, r.other_names, r.statements, r.documents) for r in rows]
    [('Donald Trump', ('Trump',), 2, ('d1', 'd2')), ('Ann Lee', (), 1, ('d2',))]
    """
    if (graph is None) == (store is None):
        raise ValueError("give a graph or a store, not both")

    def ask(sparql: str) -> QueryResult:
        return run_query(graph, sparql) if store is None else query_store(store, sparql)

    if store is None and not isinstance(graph, Graph):
        graph = load_graph(graph)
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    for iri, label, kind in ask(_NODES).rows:
        kind = kind.rsplit("#", 1)[-1]
        names[iri] = label
        if _TYPES[kind] >= _TYPES.get(types.get(iri, "Person"), 0):
            types[iri] = kind
    others: dict[str, set[str]] = defaultdict(set)
    for iri, name in ask(_OTHER_NAMES_TYPED).rows:
        others[iri].add(name)
    statements: dict[str, set[str]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    for iri, statement, doc_id in ask(_STATEMENTS).rows:
        statements[iri].add(statement)
        documents[iri].add(doc_id)
    rows = [ActorRow(iri, names[iri], types[iri], tuple(sorted(others[iri])), len(statements[iri]),
                     tuple(sorted(documents[iri]))) for iri in names]
    return sorted(rows, key=lambda r: (-r.statements, r.name.casefold(), r.iri))


def aliases_draft(rows: list[ActorRow]) -> str:
    """An alias file (YAML) of the merges in ``rows``, to edit and pass to ``--aliases``.

    >>> print(aliases_draft([ActorRow("a", "Donald Trump", "Person", ("Trump",), 3, ("d1",))]), end="")
    # Proposed merges: each actor's name, then the names merged into it. ...
    Donald Trump:
    - Trump
    """
    merged = {r.name: list(r.other_names) for r in rows if r.other_names}
    head = ("# Proposed merges: each actor's name, then the names merged into it. Edit and pass with\n"
            "# --aliases: delete a name that is someone else, move it under the right actor, or list\n"
            "# a name under itself (Name: [Name]) to keep it apart from every other.\n")
    names: Counter = Counter()
    for r in rows:
        for n in (r.name, *r.other_names):
            names[(n, r.type)] += r.statements or 1
    ambiguous = resolve_actors(names).ambiguous
    notes = "".join(f"# {surname.title()!r} alone may be any of: {', '.join(people)}\n"
                    for surname, people in sorted(ambiguous.items()))
    body = yaml.safe_dump(merged, allow_unicode=True, sort_keys=True, default_flow_style=False) if merged else "{}\n"
    return head + notes + body


def format_actors(rows: list[ActorRow], fmt: str = "table", *, top: int | None = None) -> str:
    """Rows as an aligned table or as JSON lines.

    >>> print(format_actors([ActorRow("a", "Ann Lee", "Person", ("Lee",), 2, ("d1",))]), end="")
    actor    type    statements  documents  other names
    Ann Lee  Person           2          1  Lee
    """
    rows = rows[:top] if top else rows
    if fmt == "json":
        return "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in rows)
    table = [("actor", "type", "statements", "documents", "other names")]
    # names come from articles: a terminal escape in one is shown, not obeyed (JSON keeps it as it is)
    table += [(printable(r.name), r.type, str(r.statements), str(len(r.documents)), printable("; ".join(r.other_names)))
              for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    lines = []
    for row in table:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].rjust(widths[2]), row[3].rjust(widths[3])]
        lines.append("  ".join(cells + [row[4]]).rstrip())
    return "\n".join(lines) + "\n"
