"""Incremental bookkeeping: which documents a store holds, and how to change them.

For every document the index graph records its id, a content hash (text,
metadata, codebook and graphbuild version), its place in the build order and
its statement records. A build re-extracts only documents whose hash is new,
and replaces or removes a document with one SPARQL update that drops its
named graph and index entry and inserts the new ones, so each commit is all
or nothing. Every such update also marks the store ``dirty``: the shared
graph (actors, shortcuts) is out of date until :func:`refresh_shared`
rebuilds it, which a later run does even if this one was killed.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rdflib import URIRef

from ..models import Claim, Codebook, Document, Statement
from ..rdf.build import build_graph
from ..rdf.iri import document_iri
from ..rdf.namespace import ID
from ..rdf.terms import nt, triples_text
from .base import GBS, INDEX_GRAPH, GraphStore

__all__ = ["IndexEntry", "Pending", "content_hash", "read_index", "commit", "remove", "read_statements", "is_dirty",
           "DIRTY_ASK", "incomplete", "refreshed_at", "next_sequence", "read_files", "record_files",
           "stored_codebook", "store_codebook", "document_triples"]

_G = f"<{INDEX_GRAPH.value}>"
_NODE = _G  # store-wide facts hang off the index graph's own IRI
_STATEMENT_PREFIX = f"{ID}statement/"
_PAGE = 2000


@dataclass(frozen=True)
class IndexEntry:
    """What the index knows of one stored document."""

    doc_id: str
    hash: str
    sequence: int


@dataclass(frozen=True)
class Pending:
    """A document ready to commit: its statements, hash and place in the order."""

    document: Document
    statements: list[Statement]
    hash: str
    sequence: int


def content_hash(document: Document, fingerprint: str) -> str:
    """The hash that decides whether a document must be extracted again.

    The path it was read from is left out: moving a corpus changes nothing.

    >>> content_hash(Document("a", "x"), "f") == content_hash(Document("a", "x", source_path="b.txt"), "f")
    True
    """
    d = document
    key = [fingerprint, d.id, d.text, d.title, list(d.authors), d.date, d.outlet, d.url]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()


def document_triples(document: Document, statements: Sequence[Statement]) -> list:
    """The triples a document's named graph holds: its metadata, statements and evidence.

    They are exactly :func:`build_graph`'s triples about the document and its
    statement nodes; actors, claims and shortcuts belong to the shared graph.

    >>> s = Statement("d", "Ann Lee", "Person", "tax", "supports", "quote", "Yes", 0, 3, 0.9)
    >>> triples = document_triples(Document("d", "Yes, we must."), [s])
    >>> {p.split("#")[-1] for d, p, o in triples if d == document_iri("d")} >= {"type"}, len(triples) > 5
    (True, True)
    """
    doc = document_iri(document.id)
    graph = build_graph([document], statements)
    return [(s, p, o) for s, p, o in graph
            if s == doc or (isinstance(s, URIRef) and s.startswith(_STATEMENT_PREFIX))]


def _records(statements: Iterable[Statement]) -> str:
    return json.dumps([dataclasses.asdict(s) for s in statements], ensure_ascii=False, separators=(",", ":"))


def read_index(store: GraphStore) -> dict[str, IndexEntry]:
    """Every stored document's index entry, by document id.

    >>> store = one_statement_store()  # conftest.py: Ann Lee supports "tax" in document "d"
    >>> read_index(store)
    {'d': IndexEntry(doc_id='d', hash='hash', sequence=0)}
    >>> store.close()
    """
    rows = store.query(f"SELECT ?id ?hash ?seq WHERE {{ GRAPH {_G} {{ ?d <{GBS}docId> ?id ; <{GBS}hash> ?hash ; "
                       f"<{GBS}sequence> ?seq }} }}", union=False)
    return {r["id"].value: IndexEntry(r["id"].value, r["hash"].value, int(r["seq"].value)) for r in rows}


def _drop(doc_iris: Sequence[str]) -> list[str]:
    if not doc_iris:
        return []
    values = " ".join(f"<{d}>" for d in doc_iris)
    ops = [f"DROP SILENT GRAPH <{d}>" for d in doc_iris]
    ops.append(f"DELETE {{ GRAPH {_G} {{ ?d ?p ?o }} }} WHERE {{ VALUES ?d {{ {values} }} GRAPH {_G} {{ ?d ?p ?o }} }}")
    return ops


def commit(store: GraphStore, batch: Sequence[Pending]) -> None:
    """Replace (or add) the documents of ``batch`` in one transaction.

    >>> store = one_statement_store()  # conftest.py: document "d", committed with this function
    >>> s = Statement("e", "Bo Chen", "Person", "tax", "opposes", "quote", "No", 0, 2, 0.8)
    >>> commit(store, [Pending(Document("e", "No, never."), [s], "hash-e", 1)])
    >>> sorted(read_index(store))
    ['d', 'e']
    >>> store.close()
    """
    if not batch:
        return
    iris = [str(document_iri(p.document.id)) for p in batch]
    blocks, index = [], [f"{_NODE} <{GBS}dirty> true ."]
    for iri, p in zip(iris, batch):
        blocks.append(f"GRAPH <{iri}> {{\n{triples_text(document_triples(p.document, p.statements))}\n}}")
        index.append(f"<{iri}> <{GBS}docId> {nt(p.document.id)} ; <{GBS}hash> {nt(p.hash)} ; "
                     f"<{GBS}sequence> {p.sequence} ; <{GBS}statements> {nt(_records(p.statements))} .")
    index_block = "\n".join(index)
    store.update(" ;\n".join([*_drop(iris), f"INSERT DATA {{\n{chr(10).join(blocks)}\nGRAPH {_G} {{\n{index_block}\n}}\n}}"]))


def remove(store: GraphStore, doc_ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """Remove documents by id in one transaction; returns (removed, unknown ids).

    >>> store = one_statement_store()  # conftest.py: Ann Lee supports "tax" in document "d"
    >>> remove(store, ["d", "e"]), read_index(store)
    ((['d'], ['e']), {})
    >>> store.close()
    """
    known = read_index(store)
    ids = list(dict.fromkeys(doc_ids))
    removed = [i for i in ids if i in known]
    unknown = [i for i in ids if i not in known]
    if removed:
        ops = _drop([str(document_iri(i)) for i in removed])
        ops.append(f"INSERT DATA {{ GRAPH {_G} {{ {_NODE} <{GBS}dirty> true }} }}")
        # A removed document's file is no longer "all in the store": read it again next time.
        ops.append(forget_files_ops())
        store.update(" ;\n".join(ops))
    return removed, unknown


def read_statements(store: GraphStore) -> Iterator[tuple[str, list[Statement]]]:
    """(document id, its statements) for every stored document, in build order, a page at a time.

    >>> store = one_statement_store()  # conftest.py: Ann Lee supports "tax" in document "d"
    >>> [(doc_id, [s.actor for s in statements]) for doc_id, statements in read_statements(store)]
    [('d', ['Ann Lee'])]
    >>> store.close()
    """
    last = -1
    while True:
        rows = list(store.query(
            f"SELECT ?id ?seq ?json WHERE {{ GRAPH {_G} {{ ?d <{GBS}docId> ?id ; <{GBS}sequence> ?seq ; "
            f"<{GBS}statements> ?json FILTER (?seq > {last}) }} }} ORDER BY ?seq LIMIT {_PAGE}", union=False))
        for r in rows:
            yield r["id"].value, [Statement(**row) for row in json.loads(r["json"].value)]
        if len(rows) < _PAGE:
            return
        last = int(rows[-1]["seq"].value)


DIRTY_ASK = f"ASK {{ GRAPH {_G} {{ {_NODE} <{GBS}dirty> true }} }}"


def is_dirty(store: GraphStore) -> bool:
    """True when documents changed since the shared graph was last rebuilt.

    >>> from graphbuild.store.shared import refresh_shared
    >>> store = one_statement_store()  # conftest.py: Ann Lee supports "tax" in document "d"
    >>> was = is_dirty(store)
    >>> _ = refresh_shared(store, None)
    >>> was, is_dirty(store)
    (True, False)
    >>> store.close()
    """
    return bool(store.query(DIRTY_ASK, union=False))


def incomplete(location: str) -> str:
    """The warning for a query on a store whose shared graph is behind its documents.

    >>> incomplete("store/").split(":")[0]
    'store store/ is incomplete'
    """
    return (f"store {location} is incomplete: a build or removal stopped before it refreshed the actors and "
            "who-supports-what, so answers may miss rows; run the build again (an unchanged corpus takes "
            "seconds) to finish it")


def clean_ops(now: float) -> str:
    """The update operations that clear the dirty mark and stamp the time (sent with the shared graph's rebuild).

    >>> print(clean_ops(1700000000.0).splitlines()[-1])  # doctest: +ELLIPSIS
    INSERT DATA { GRAPH <...> { <...> <...refreshed> 1700000000.0 } }
    """
    return (f"DELETE DATA {{ GRAPH {_G} {{ {_NODE} <{GBS}dirty> true }} }} ;\n"
            f"DELETE WHERE {{ GRAPH {_G} {{ {_NODE} <{GBS}refreshed> ?t }} }} ;\n"
            f"INSERT DATA {{ GRAPH {_G} {{ {_NODE} <{GBS}refreshed> {now!r} }} }}")


def refreshed_at(store: GraphStore) -> float:
    """When the store last changed (epoch seconds of its last shared-graph rebuild; 0 if never).

    >>> store = one_statement_store()
    >>> refreshed_at(store)  # built, never refreshed
    0.0
    >>> store.update(clean_ops(1700000000.0)); refreshed_at(store)
    1700000000.0
    >>> store.close()
    """
    rows = list(store.query(f"SELECT ?t WHERE {{ GRAPH {_G} {{ {_NODE} <{GBS}refreshed> ?t }} }}", union=False))
    return float(rows[0]["t"].value) if rows else 0.0


def stored_codebook(store: GraphStore) -> Codebook | None:
    """The codebook of the last build, kept so ``remove`` can rebuild the shared graph without it.

    >>> store = one_statement_store()
    >>> stored_codebook(store) is None
    True
    >>> _ = store_codebook(store, Codebook((Claim("tax", "Taxes should rise"),)))
    >>> stored_codebook(store).claims[0].label
    'Taxes should rise'
    >>> store.close()
    """
    rows = list(store.query(f"SELECT ?json WHERE {{ GRAPH {_G} {{ {_NODE} <{GBS}codebook> ?json }} }}", union=False))
    if not rows:
        return None
    data = json.loads(rows[0]["json"].value)
    claims = tuple(Claim(**{k: tuple(v) if isinstance(v, list) else v for k, v in c.items()}) for c in data["claims"])
    return Codebook(claims=claims, name=data["name"], source=data["source"])


def store_codebook(store: GraphStore, codebook: Codebook) -> bool:
    """Record ``codebook`` as the store's; returns True (and marks the store dirty) if it changed.

    >>> store = one_statement_store()
    >>> book = Codebook((Claim("tax", "Taxes should rise"),))
    >>> store_codebook(store, book), store_codebook(store, book)  # changed, then the same
    (True, False)
    >>> store.close()
    """
    text = json.dumps(dataclasses.asdict(codebook), ensure_ascii=False, sort_keys=True)
    rows = list(store.query(f"SELECT ?json WHERE {{ GRAPH {_G} {{ {_NODE} <{GBS}codebook> ?json }} }}", union=False))
    if rows and rows[0]["json"].value == text:
        return False
    store.update(f"DELETE WHERE {{ GRAPH {_G} {{ {_NODE} <{GBS}codebook> ?old }} }} ;\n"
                 f"INSERT DATA {{ GRAPH {_G} {{ {_NODE} <{GBS}codebook> {nt(text)} ; <{GBS}dirty> true }} }}")
    return True


_FILE = f"<{GBS}file>"


def read_files(store: GraphStore) -> dict[str, tuple[str, int]]:
    """Input files read completely by earlier builds: {absolute path: (digest, documents)}.

    >>> store = one_statement_store()
    >>> record_files(store, {"/corpus/a.jsonl": ("digest", 12)})
    >>> read_files(store)
    {'/corpus/a.jsonl': ('digest', 12)}
    >>> store.close()
    """
    rows = store.query(f"SELECT ?path ?digest ?n WHERE {{ GRAPH {_G} {{ ?f a {_FILE} ; <{GBS}path> ?path ; "
                       f"<{GBS}hash> ?digest ; <{GBS}documents> ?n }} }}", union=False)
    return {r["path"].value: (r["digest"].value, int(r["n"].value)) for r in rows}


def _file_node(path: str) -> str:
    return f"<{INDEX_GRAPH.value}/file/{hashlib.sha256(path.encode('utf-8')).hexdigest()[:32]}>"


def record_files(store: GraphStore, files: dict[str, tuple[str, int]]) -> None:
    """Remember input files a build read to the end, so an unchanged one is not read again.

    >>> store = one_statement_store()
    >>> record_files(store, {"/corpus/a.jsonl": ("old", 12)}); record_files(store, {"/corpus/a.jsonl": ("new", 13)})
    >>> read_files(store)  # a file read again replaces what was known of it
    {'/corpus/a.jsonl': ('new', 13)}
    >>> store.close()
    """
    if not files:
        return
    nodes = " ".join(_file_node(p) for p in files)
    data = "\n".join(f"{_file_node(p)} a {_FILE} ; <{GBS}path> {nt(p)} ; <{GBS}hash> {nt(d)} ; <{GBS}documents> {n} ."
                     for p, (d, n) in files.items())
    store.update(f"DELETE {{ GRAPH {_G} {{ ?f ?p ?o }} }} WHERE {{ VALUES ?f {{ {nodes} }} GRAPH {_G} {{ ?f ?p ?o }} }} ;\n"
                 f"INSERT DATA {{ GRAPH {_G} {{\n{data}\n}} }}")


def forget_files_ops() -> str:
    """The update operation that forgets every input file, so the next build reads them all again.

    >>> store = one_statement_store()
    >>> record_files(store, {"/corpus/a.jsonl": ("digest", 12)})
    >>> store.update(forget_files_ops()); read_files(store)
    {}
    >>> store.close()
    """
    return f"DELETE WHERE {{ GRAPH {_G} {{ ?f a {_FILE} ; ?p ?o }} }}"


def next_sequence(index: dict[str, IndexEntry]) -> int:
    """The first free place in the build order.

    >>> next_sequence({}), next_sequence({"a": IndexEntry("a", "h", 4)})
    (0, 5)
    """
    return max((e.sequence for e in index.values()), default=-1) + 1
