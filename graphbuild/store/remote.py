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

A query with a time limit gives up on the endpoint at the limit: the
connection is closed, which stops a server that is streaming results; one
still computing (an aggregate, say) may go on until its own limits stop it.
"""
from __future__ import annotations

import base64
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from ..rdf.deadline import time_limit, timeout_error
from ..rdf.query import QueryResult, solutions_result
from .base import GraphStore, StoreError, refuse_service
from .lock import LeaseLock

__all__ = ["RemoteStore", "update_url_for", "redact"]

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/plain;q=0.5"
# Without a time limit: how long the endpoint may stay silent before it is taken for gone.
_TIMEOUT_SECONDS = 600
_CHUNK = 1 << 16


_USERINFO = re.compile(r"//([^/?#@:]*):[^/?#@]*@")


def redact(url: str) -> str:
    """The URL as it may be shown: a password in it replaced by ``***``.

    >>> redact("http://ann:pw@host/query"), redact("http://host/query")
    ('http://ann:***@host/query', 'http://host/query')
    """
    return _USERINFO.sub(r"//\1:***@", url)


def _endpoint(url: str) -> tuple[str, dict[str, str]]:
    """The URL without credentials, and the header that carries them (HTTP Basic)."""
    try:
        parts = urllib.parse.urlsplit(url)
        host, port = parts.hostname, parts.port  # .port checks the number
    except ValueError as e:
        raise StoreError(f"{redact(url)}: not a valid endpoint URL ({e})") from None
    if not host:
        raise StoreError(f"{redact(url)}: not a valid endpoint URL (no host)")
    if parts.username is None and parts.password is None:
        return url, {}
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    user = urllib.parse.unquote(parts.username or "")
    secret = urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{secret}".encode("utf-8")).decode("ascii")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), {"Authorization": f"Basic {token}"}


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

    >>> store = RemoteStore("http://127.0.0.1:7878/query")  # nothing is sent before the first query
    >>> store.update_url
    'http://127.0.0.1:7878/update'
    """

    def __init__(self, query_url: str, update_url: str | None = None, *, wait: float = 0.0):
        # user:password@ in the URL is sent as HTTP Basic and never printed.
        self.query_url, self.headers = _endpoint(query_url)
        self.update_url = _endpoint(update_url)[0] if update_url else update_url_for(self.query_url)
        self.location = redact(query_url)
        self.wait = wait

    def _post(self, url: str, field: str, text: str, accept: str | None = None, limit: float | None = None):
        data = urllib.parse.urlencode({field: text}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", **self.headers}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=data, headers=headers, method="POST")
        deadline = None if limit is None else time.monotonic() + limit
        try:
            # S310: the URL is the user's own endpoint.
            with urllib.request.urlopen(request, timeout=limit or _TIMEOUT_SECONDS) as response:  # noqa: S310
                return response.headers.get_content_type(), _read(response, deadline)
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            first = " ".join(body.split())[:300] or e.reason
            raise StoreError(f"{url}: the endpoint answered {e.code} ({first})") from None
        except TimeoutError:
            # No answer, or no more of it, in time (urllib wraps a connect timeout in URLError instead).
            if limit is not None:
                raise timeout_error(limit) from None
            raise StoreError(f"{url}: the SPARQL endpoint sent nothing for {_TIMEOUT_SECONDS} s") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({reason})") from None

    def query(self, sparql: str, *, union: bool = True, timeout: float | None = None):
        """Results of ``sparql``; with ``timeout``, a QueryTimeoutError once the answer has taken that many seconds.

        >>> store = RemoteStore("http://localhost:7878/query")
        >>> # skipped: it needs a SPARQL server at that address (tests/test_remote.py starts one)
        >>> bool(store.query("ASK { ?s ?p ?o }"))  # doctest: +SKIP
        False
        """
        url = self.query_url
        if union:
            sep = "&" if urllib.parse.urlsplit(url).query else "?"
            url = f"{url}{sep}union-default-graph"
        kind, body = self._post(url, "query", sparql, _ACCEPT, limit=time_limit(timeout))
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

    def select(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        # The endpoint computes; at the limit the connection is closed. It never gets SERVICE from us.
        """A SELECT or ASK query's rows; at ``timeout`` the connection is closed.

        >>> store = RemoteStore("http://localhost:7878/query")
        >>> # skipped: it needs a SPARQL server at that address (tests/test_remote.py starts one)
        >>> store.select("ASK { ?s ?p ?o }", timeout=30).rows  # doctest: +SKIP
        [(False,)]
        """
        refuse_service(sparql)
        return solutions_result(self.query(sparql, union=True, timeout=timeout))

    def update(self, sparql: str) -> None:
        """Send a SPARQL update to the endpoint's update URL.

        >>> store = RemoteStore("http://localhost:7878/query")
        >>> store.update_url
        'http://localhost:7878/update'
        >>> # skipped: it needs a SPARQL server at that address (tests/test_remote.py starts one)
        >>> store.update("INSERT DATA { <urn:a> <urn:p> 1 }")  # doctest: +SKIP
        """
        self._post(self.update_url, "update", sparql)

    def lock(self) -> LeaseLock:
        """A lease on the endpoint (:class:`LeaseLock`), for a writing run.

        >>> # skipped: it needs a SPARQL server at that address (tests/test_remote.py starts one)
        >>> with RemoteStore("http://localhost:7878/query").lock():  # doctest: +SKIP
        ...     pass
        """
        return LeaseLock(self, f"store {self.location}", wait=self.wait)


def _read(response, deadline: float | None) -> bytes:
    """The whole body, or TimeoutError once ``deadline`` (``time.monotonic()``) has passed."""
    if deadline is None:
        return response.read()
    # urllib's timeout bounds each socket read, not the whole answer, and a server
    # streaming a huge result never pauses: read in chunks against the deadline,
    # narrowing the socket's timeout to what is left where the socket can be reached.
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        if sock is not None:
            sock.settimeout(left)
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
