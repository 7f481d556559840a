"""A remote store: any SPARQL 1.1 Query/Update endpoint over HTTP.

Oxigraph server, Apache Jena Fuseki, GraphDB and others speak the same
protocol (form-encoded ``query=`` / ``update=`` POSTs). Results come back as
SPARQL JSON or N-Triples and are parsed by Oxigraph, so callers see the
same pyoxigraph terms as from :class:`~graphbuild.store.local.LocalStore`.

The example queries expect the default graph to be the union of all
graphs. graphbuild asks for it with Oxigraph's ``union-default-graph``
parameter; other servers ignore the parameter and must be configured so
(GraphDB, Virtuoso and RDF4J do it by default; Fuseki with
``tdb2:unionDefaultGraph true``). graphbuild's own bookkeeping names its
graphs and works either way.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from .base import GraphStore, StoreError
from .lock import LeaseLock

__all__ = ["RemoteStore", "update_url_for"]

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/plain;q=0.5"
_TIMEOUT_SECONDS = 600


def update_url_for(query_url: str) -> str:
    """The update endpoint that usually sits beside a query endpoint.

    >>> update_url_for("http://localhost:7878/query"), update_url_for("http://h:3030/ds/sparql")
    ('http://localhost:7878/update', 'http://h:3030/ds/update')
    >>> update_url_for("http://h:3030/ds")
    'http://h:3030/ds'
    """
    parts = urllib.parse.urlsplit(query_url)
    head, _, last = parts.path.rpartition("/")
    path = f"{head}/update" if last in ("query", "sparql") else parts.path
    return urllib.parse.urlunsplit(parts._replace(path=path))


class RemoteStore(GraphStore):
    """A store behind SPARQL 1.1 endpoints; ``update_url`` defaults to :func:`update_url_for`.

    >>> store = RemoteStore("http://127.0.0.1:7878/query")  # doctest: +SKIP
    >>> bool(store.query("ASK { ?s a <https://w3id.org/graphbuild/ontology#Statement> }"))  # doctest: +SKIP
    True
    """

    def __init__(self, query_url: str, update_url: str | None = None, *, wait: float = 0.0):
        self.query_url = query_url
        self.update_url = update_url or update_url_for(query_url)
        self.location = query_url
        self.wait = wait

    def _post(self, url: str, field: str, text: str, accept: str | None = None):
        data = urllib.parse.urlencode({field: text}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310 (user's endpoint)
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            first = " ".join(body.split())[:300] or e.reason
            raise StoreError(f"{url}: the endpoint answered {e.code} ({first})") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({reason})") from None

    def query(self, sparql: str, *, union: bool = True):
        url = self.query_url
        if union:
            sep = "&" if urllib.parse.urlsplit(url).query else "?"
            url = f"{url}{sep}union-default-graph"
        kind, body = self._post(url, "query", sparql, _ACCEPT)
        try:
            if kind in ("application/sparql-results+json", "application/json"):
                return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            if kind == "application/sparql-results+xml":
                return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
            if kind in ("application/n-triples", "text/plain"):
                return ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            if kind == "text/turtle":
                return ox.parse(body, format=ox.RdfFormat.TURTLE)
        except SyntaxError as e:
            raise StoreError(f"{url}: unreadable answer ({' '.join(str(e).split())[:200]})") from None
        raise StoreError(f"{url}: unexpected answer of type {kind}")

    def update(self, sparql: str) -> None:
        self._post(self.update_url, "update", sparql)

    def lock(self) -> LeaseLock:
        return LeaseLock(self, f"store {self.location}", wait=self.wait)
