"""The shared graph: codebook, claims, actors and shortcuts, derived from every document.

An actor's display name and type are the most frequent over all documents
that mention it, which names are one actor depends on every document
(:mod:`graphbuild.identity`), and ``gb:supports`` holds while any statement
says so; all can change when one document is added, replaced or removed.
So are the ``gb:actor`` links of statements in the documents' own graphs:
they are rewritten where the grouping of names moved. So the shared
graph is never patched by hand: it is recomputed from the statement records
with :func:`~graphbuild.rdf.build.shared_graph`, the same code an in-memory
build uses, and only the difference is written, in one transaction that also
clears the ``dirty`` mark.
"""
from __future__ import annotations

import time

from ..models import Codebook
from ..rdf.build import actor_links, shared_graph
from ..rdf.iri import document_iri
from ..rdf.namespace import GB
from ..rdf.terms import nt
from .base import SHARED_GRAPH, GraphStore
from .ledger import clean_ops, read_statements

__all__ = ["refresh_shared"]

_G = f"<{SHARED_GRAPH.value}>"


def _lines(triples) -> set[str]:
    out = set()
    for t in triples:
        s, p, o = (t.subject, t.predicate, t.object) if hasattr(t, "subject") else t
        out.add(f"{nt(s)} {nt(p)} {nt(o)} .")
    return out


def refresh_shared(store: GraphStore, codebook: Codebook | None) -> tuple[int, int]:
    """Rebuild the shared graph from the stored statements; returns (triples removed, added).

    >>> store = one_statement_store()  # conftest.py: Ann Lee supports "tax" in document "d"
    >>> refresh_shared(store, None), refresh_shared(store, None)  # the second finds nothing to do
    ((0, 10), (0, 0))
    >>> store.close()
    """
    statements = (s for _, stmts in read_statements(store) for s in stmts)
    new = _lines(shared_graph(statements, codebook))
    old = _lines(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_G} {{ ?s ?p ?o }} }}", union=False))
    gone, added = sorted(old - new), sorted(new - old)
    ops = _relink(store)
    if gone:
        ops.append(f"DELETE DATA {{ GRAPH {_G} {{\n" + "\n".join(gone) + "\n} }")
    if added:
        ops.append(f"INSERT DATA {{ GRAPH {_G} {{\n" + "\n".join(added) + "\n} }")
    store.update(" ;\n".join([*ops, clean_ops(time.time())]))
    return len(gone), len(added)


def _relink(store: GraphStore) -> list[str]:
    """Update operations that point each statement at its actor's node as the whole store groups names."""
    want = actor_links(s for _, stmts in read_statements(store) for s in stmts)
    # plain strings: an rdflib URIRef is never equal to the str a store answers with
    expected = {(str(document_iri(doc_id)), str(node)): str(actor) for (doc_id, node), actor in want.items()}
    rows = store.query(f"SELECT ?g ?s ?a WHERE {{ GRAPH ?g {{ ?s <{GB.actor}> ?a }} }}", union=False)
    gone, added = [], []
    for r in rows:
        graph, node, actor = r["g"].value, r["s"].value, r["a"].value
        target = expected.get((graph, node))
        if target is not None and target != actor:
            gone.append(f"GRAPH <{graph}> {{ <{node}> <{GB.actor}> <{actor}> }}")
            added.append(f"GRAPH <{graph}> {{ <{node}> <{GB.actor}> <{target}> }}")
    if not gone:
        return []
    return ["DELETE DATA {\n" + "\n".join(gone) + "\n}", "INSERT DATA {\n" + "\n".join(added) + "\n}"]
