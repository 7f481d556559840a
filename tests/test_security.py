"""Nothing runs that should not (issue 6): hostile text in the map, SPARQL, and the network.

* The map: every field an article or its metadata can fill (actor names,
  roles, document ids, titles, authors, dates, outlets, URLs, claim ids and
  labels) carries markup, attribute and JSON break-outs and ``javascript:``
  URLs, each of which would set ``window.__pwned``. A real chromium opens the
  page, clicks every node and edge of every view, hovers the nodes, runs
  every filter and the search, and nothing may execute, no element may be
  injected, and the page may make no request at all.
* SPARQL: values given with ``--param`` stay values through the command
  line; ``SERVICE`` (which would make rdflib fetch a URL) is refused.
* No network: a build runs with sockets disabled; a JSON-LD graph naming a
  remote ``@context`` is refused rather than fetched.
"""
from __future__ import annotations

import json
import os
import socket
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.models import Claim, Codebook, Document, Statement
from graphbuild.rdf.build import build_graph
from graphbuild.map.render import render_map

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("GRAPHBUILD_CHROMIUM", "/usr/bin/chromium"))


def evil(tag: str) -> str:
    """Markup, attribute, script-block and template break-outs, each setting window.__pwned to
    a value that names the field it came from."""
    return (f'{tag} <script>window.__pwned="{tag}-script"</script>'
            f'<img src=x onerror="window.__pwned=\'{tag}-img\'">'
            f'"><svg onload=window.__pwned="{tag}-svg"></svg>'
            f"'><iframe src=\"javascript:window.__pwned='{tag}-iframe'\"></iframe>"
            f'</script><script>window.__pwned="{tag}-close"</script>'
            f'<!-- {{{{ 7*7 }}}} ${{window.__pwned="{tag}-tpl"}} \u2028\u2029 \\"}}]')


URLS = ['javascript:window.__pwned="url-js"', ' JaVaScRiPt:window.__pwned="url-js2"',
        'data:text/html,<script>window.__pwned="url-data"</script>',
        'https://example.org/a" onmouseover="window.__pwned=\'url-attr\'" x="']


def hostile_graph():
    """Four documents and their statements with hostile text in every field the map shows."""
    docs, statements = [], []
    book = Codebook(claims=(Claim("c1", evil("claim-label")), Claim("c2", "A plain claim")), name="book")
    for i, url in enumerate(URLS):
        doc_id = evil(f"doc{i}") if i == 0 else f"d{i}"
        docs.append(Document(id=doc_id, text="x" * 400, title=evil(f"title{i}"), authors=(evil(f"author{i}"),),
                             date=evil("date") if i == 1 else "2024-05-01", outlet=evil(f"outlet{i}"), url=url))
        for j, (actor, kind, claim, stance) in enumerate([
                (evil("person"), "Person", "c1", "supports"), (evil("org"), "Organization", "c1", "supports"),
                ("Plain Person", "Person", "c1", "opposes"), (evil("person"), "Person", evil("claim-id"), "opposes"),
                ("Plain Person", "Person", evil("claim-id"), "supports")]):
            statements.append(Statement(doc_id, actor, kind, claim, stance, "quote", evil(f"quote{i}{j}"),
                                        10 * j, 10 * j + 5, 0.9, cue=evil("cue"), actor_role=evil("role"),
                                        actor_affiliation=evil("affiliation")))
    return build_graph(docs, statements, book)


# -- the map in a browser ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


class HostilePage:
    """A map opened from file:// with every request, console error and page error recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 860})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def wait(self) -> None:
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)

    def injected(self) -> dict:
        """Anything in the document that article text could have put there."""
        return self.js("""() => ({
            scripts: document.querySelectorAll('script').length,
            active: [...document.querySelectorAll('img, iframe, object, embed, frame, base, meta[http-equiv], form')]
                      .map(e => e.outerHTML.slice(0, 80)),
            handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                      .filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name)),
            hrefs: [...document.querySelectorAll('[href], [src], [action], [formaction], [xlink\\\\:href]')]
                      .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '?'),
        })""")

    def exercise(self) -> list[str]:
        """Click every node and edge of every view, hover every node, run every filter and the
        search; return the text the details panel showed."""
        shown = []
        for view in ("claims", "congruence", "conflict"):
            self.page.click(f"#views button[data-view={view}]")
            self.wait()
            ids = self.js("() => [graphbuildMap.nodes.getIds(), graphbuildMap.edges.getIds()]")
            for kind, items in zip(("nodes", "edges"), ids):
                for item in items:
                    self.js("([kind, id]) => graphbuildMap.network.body.emitter.emit('click', "
                            "{nodes: kind === 'nodes' ? [id] : [], edges: kind === 'edges' ? [id] : [], "
                            "pointer: {DOM: {x: 0, y: 0}, canvas: {x: 0, y: 0}}})", [kind, item])
                    shown.append(self.page.inner_text("#details"))
            box = self.page.locator("#map canvas").bounding_box()
            for node in ids[0]:
                xy = self.js("(id) => { const n = graphbuildMap.network; "
                             "return n.canvasToDOM(n.getPositions([id])[id]); }", node)
                self.page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
                self.page.wait_for_timeout(50)
            self.page.mouse.move(0, 0)
        for select in ("#f-claim", "#f-source"):
            for value in self.js(f"() => [...document.querySelectorAll('{select} option')].map(o => o.value)"):
                self.page.select_option(select, value=value)
        self.page.fill("#f-search", "person")
        self.page.press("#f-search", "Enter")
        shown.append(self.page.inner_text("#details"))
        return shown


def _check_nothing_ran(page: HostilePage, map_path: Path) -> None:
    assert page.js("() => window.__pwned") is None
    assert page.errors == []
    assert page.requests == [map_path.as_uri()], "the page loads nothing, local or remote"
    found = page.injected()
    assert found["scripts"] == 3, "the data block, vis-network and the page's own script"
    assert found["active"] == [] and found["handlers"] == []
    assert all(h.startswith("https://example.org/") for h in found["hrefs"]), found["hrefs"]


def test_hostile_text_in_every_field_runs_nothing_in_the_browser(browser, tmp_path):
    path = render_map(hostile_graph(), tmp_path / "map.html", title=evil("page-title"))
    page = HostilePage(browser, path)
    try:
        shown = page.exercise()
        _check_nothing_ran(page, path)
        # ... and the hostile text is still there, shown as text
        assert page.page.title() == evil("page-title")
        labels = page.js("() => graphbuildMap.nodes.get().map(n => n.label)")
        assert evil("person") in labels and evil("org") in labels
        text = "\n".join(shown)
        for field in ("author0", "outlet1", "title2", "quote30", "role", "affiliation", "claim-label"):
            assert evil(field).split(" <script>")[0] + " <script>" in text, field
        tooltip = page.page.query_selector("div.vis-tooltip")
        assert tooltip is not None and "<script>" in tooltip.text_content()
        # vis-network sets string titles as innerText: line breaks become <br>, nothing else is markup
        assert tooltip.evaluate("t => [...t.querySelectorAll('*')].map(e => e.tagName)") in ([], ["BR"] * 4)
        # the only link is the http(s) one, its quote percent-encoded rather than breaking out
        page.page.click("#views button[data-view=claims]")
        page.wait()
        links = set()
        for edge in page.js("() => graphbuildMap.edges.getIds()"):
            page.js("(id) => graphbuildMap.network.body.emitter.emit('click', {nodes: [], edges: [id], "
                    "pointer: {DOM: {x: 0, y: 0}, canvas: {x: 0, y: 0}}})", edge)
            links |= set(page.js("() => [...document.querySelectorAll('#details a')].map(a => a.getAttribute('href'))"))
        [link] = links
        assert link.startswith("https://example.org/a%22%20onmouseover=%22") and not {'"', " "} & set(link)
    finally:
        page.page.close()


def test_hostile_corpus_built_through_the_cli_runs_nothing(browser, tmp_path, seeds_dir):
    """Metadata of a real corpus (id, title, authors, source, url) through ingest, RDF and the map."""
    rows = [{"id": evil("id"), "title": evil("title"), "authors": [evil("author")], "source": evil("source"),
             "url": URLS[0], "date": evil("date"),
             "text": "Senator Jane Doe said the breakup of Russia is necessary. She said that it would be "
                     "the only way to end the war, and that the West should help. " + evil("text")},
            {"id": "plain", "title": "Plain", "url": URLS[3], "source": evil("source2"),
             "text": "Professor John Roe said Russia is resilient."}]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    codebook = yaml.safe_load((seeds_dir / "codebook.yaml").read_text(encoding="utf-8"))
    codebook["claims"][0]["label"] = evil("label")
    book = tmp_path / "codebook.yaml"
    book.write_text(yaml.safe_dump(codebook), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(corpus), "--codebook", str(book), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    statements = (tmp_path / "out" / "statements.jsonl").read_text(encoding="utf-8")
    # split on "\n" only: str.splitlines() would also split at the U+2028 inside a value
    assert evil("id") in {json.loads(line)["doc_id"] for line in statements.split("\n") if line}
    path = tmp_path / "out" / "map.html"
    page = HostilePage(browser, path)
    try:
        shown = "\n".join(page.exercise())
        _check_nothing_ran(page, path)
        assert evil("source").split(" <script>")[0] in shown and evil("title").split(" <script>")[0] in shown
    finally:
        page.page.close()


# -- SPARQL through the command line --------------------------------------------------------------

INJECTIONS = [
    'russia-dissolution" } UNION { ?actor ?p ?name } #',
    "russia-dissolution' } ; DROP ALL ; SELECT * WHERE { '",
    'x" . } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "russia-dissolution\n} UNION { ?actor ?p ?o }",
    '"""} UNION {?s ?p ?o} #"""',
    "?claimId",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("query", ["who-supports", "who-opposes", "evidence-for-actor"])
def test_cli_params_stay_values(seeds_build, value, query):
    graph = seeds_build.out_dir / "graph.ttl"
    before = graph.read_bytes()
    name = "name" if query == "evidence-for-actor" else "claimId"
    result = CliRunner().invoke(cli, ["query", "--file", query, "--param", f"{name}={value}", "--graph", str(graph),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [], "an injected value matches nothing"
    assert graph.read_bytes() == before


def test_cli_iri_param_cannot_break_out(seeds_build):
    graph = seeds_build.out_dir / "graph.ttl"
    result = CliRunner().invoke(cli, ["query", "--file", "who-supports", "--graph", str(graph),
                                      "--param", "claimId=<urn:x> } UNION { ?s ?p ?o } #>"])
    assert result.exit_code == 1 and "not a valid IRI" in result.stderr and "Traceback" not in result.output


@pytest.fixture
def no_network(monkeypatch):
    """Every socket connection and name lookup in this process fails loudly."""
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(Exception, match="network access attempted"):  # the block itself works
        urllib.request.urlopen("http://example.org/", timeout=5)


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <http://example.org/> { ?s ?p ?o } } }",
])
def test_federated_queries_are_refused_not_fetched(seeds_build, no_network, sparql):
    result = CliRunner().invoke(cli, ["query", sparql, "--graph", str(seeds_build.out_dir / "graph.ttl")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "SERVICE is not allowed" in result.stderr and "network access attempted" not in result.output


def test_jsonld_graph_with_a_remote_context_is_refused_not_fetched(tmp_path, no_network):
    for context in ("http://example.org/context.jsonld", ["file:///etc/passwd", {"x": "urn:x#"}]):
        graph = tmp_path / "graph.jsonld"
        graph.write_text(json.dumps({"@context": context, "@graph": [{"@id": "urn:a", "x:p": "v"}]}),
                         encoding="utf-8")
        result = CliRunner().invoke(cli, ["stats", str(graph)])
        assert result.exit_code == 1
        assert "external JSON-LD context" in result.stderr and "network access attempted" not in result.output


def test_build_needs_no_network(tmp_path, seeds_dir, no_network):
    """The whole build (HTML extraction, the model, embeddings, RDF, the map) with sockets off."""
    import graphbuild as gb

    (tmp_path / "page.html").write_text(
        "<html><head><title>Sanctions</title><link rel=stylesheet href='https://cdn.example.org/x.css'>"
        "<script src='https://cdn.example.org/x.js'></script></head><body><article><h1>Sanctions</h1>"
        "<p>Senator Jane Doe said the breakup of Russia is necessary, and she repeated it on Monday "
        "in a long speech to the chamber.</p><img src='https://cdn.example.org/pixel.gif'></article></body></html>",
        encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "url": "https://example.org/c",
                                                  "text": "Professor John Roe said Russia is resilient."}) + "\n",
                                      encoding="utf-8")
    result = gb.build([tmp_path / "page.html", tmp_path / "c.jsonl"], tmp_path / "out",
                      codebook=seeds_dir / "codebook.yaml")
    assert result.errors == []
    assert {(s.doc_id, s.claim) for s in result.statements} >= {("page", "russia-dissolution"),
                                                                ("c", "russia-collapse")}
    html = result.files["map"].read_text(encoding="utf-8")
    assert "cdn.example.org" not in html
    import re
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z]+:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:[a-z]+:)?//|@import""", html, re.I)


# -- SERVICE on every query path (issue 16 item 3) -----------------------------------------------

@pytest.fixture
def listener():
    """A real HTTP server on localhost that answers every SPARQL request with one row and counts them."""
    import http.server
    import threading

    hits = []

    class Answer(http.server.BaseHTTPRequestHandler):
        def _reply(self):
            hits.append(self.path)
            body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
                {"s": {"type": "uri", "value": "http://remote.example/leaked"}}]}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _reply

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    server.shutdown()


@pytest.fixture
def small_store(tmp_path):
    from graphbuild.store import open_store

    path = tmp_path / "store"
    with open_store(path) as store:
        store.update("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> "
                     "<https://example.org/p> \"x\" } }")
    return path


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select ?s where { ?s ?p ?o OPTIONAL { service silent <{url}> { ?s ?p ?o } } }",
    "SELECT ?s WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",  # a codepoint escape is read before parsing
]


@pytest.mark.parametrize("sparql", SERVICE_QUERIES)
@pytest.mark.parametrize("target", ["graph", "store-path", "store-path-timeout", "store-open", "store-open-timeout"])
def test_service_is_refused_on_every_query_path_and_nothing_is_fetched(listener, small_store, seeds_build, target,
                                                                        sparql):
    import graphbuild as gb
    from graphbuild.errors import QueryError
    from graphbuild.store import open_store

    url, hits = listener
    query = sparql.replace("{url}", url)
    timeout = 30 if target.endswith("timeout") else None
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        if target == "graph":
            gb.run_query(seeds_build.out_dir / "graph.ttl", query, timeout=timeout)
        elif target.startswith("store-path"):
            gb.query_store(small_store, query, timeout=timeout)
        else:
            with open_store(small_store) as store:
                gb.query_store(store, query, timeout=timeout)
    assert hits == [], "the query reached the network"


def test_the_query_child_refuses_service_itself(listener, small_store):
    """The child that runs a limited store query checks too, whoever starts it."""
    import subprocess
    import sys

    from graphbuild.store import query_child

    url, hits = listener
    done = subprocess.run([sys.executable, "-P", query_child.__file__, str(small_store)],
                          input=f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}".encode(),
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == query_child.SYNTAX and b"SERVICE is not allowed" in done.stderr
    assert hits == []


def test_words_that_only_look_like_service_are_fine(small_store):
    import graphbuild as gb

    for query in ['SELECT ?service WHERE { ?service ?p "SERVICE <http://x/> { }" } # SERVICE <http://y/>',
                  "PREFIX service: <https://example.org/> SELECT ?s WHERE { ?s service:p ?o }",
                  "SELECT ?s WHERE { ?s <https://example.org/SERVICE> ?o }"]:
        assert gb.query_store(small_store, query).columns
        assert gb.query_store(small_store, query, timeout=30).columns


# -- terminal escapes and control characters in names (issue 16) --------------------------------

TITLE_ESC = "\x1b]0;pwned\x07"  # OSC: sets the terminal's title
COLOUR_ESC = "\x1b[31m"
CONTROL_NAMES = [f"Ann{TITLE_ESC} Lee", f"Bo{COLOUR_ESC} Chan\x08\x0b", "Cy\x00 Dee\x7f\x9b"]


@pytest.fixture
def control_graph(tmp_path):
    from graphbuild.rdf.io import serialize_graph

    book = Codebook(claims=(Claim("c1", f"Taxes{TITLE_ESC} should rise"), Claim("c2", "Trade is good")), name="b")
    docs = [Document(id=f"d{i}", text="x" * 200, title=f"T{COLOUR_ESC}", date="2024-05-01") for i in range(3)]
    statements = [Statement(f"d{i}", name, "Person", claim, stance, "quote", "x", 0, 1, 0.9)
                  for i, name in enumerate(CONTROL_NAMES)
                  for claim, stance in (("c1", "supports" if i else "opposes"), ("c2", "opposes" if i else "supports"))]
    return serialize_graph(build_graph(docs, statements, book), tmp_path / "graph.ttl", "turtle")


def _no_raw_controls(text: str) -> None:
    raw = [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7f <= ord(c) <= 0x9f]
    assert raw == [], f"control characters reach the terminal: {raw}"


def test_control_sequences_in_names_are_escaped_in_terminal_tables(control_graph):
    query = "SELECT ?name ?label WHERE { ?a gb:supports ?c ; rdfs:label ?name . ?c skos:prefLabel ?label }"
    table = CliRunner().invoke(cli, ["query", query, "--graph", str(control_graph)])
    assert table.exit_code == 0, table.output
    _no_raw_controls(table.stdout)
    assert "Bo\\x1b[31m Chan\\x08" in table.stdout and "Taxes\\x1b]0;pwned\\x07 should rise" in table.stdout
    as_json = CliRunner().invoke(cli, ["query", query, "--graph", str(control_graph), "--format", "json"])
    assert {r["name"] for r in json.loads(as_json.stdout)} >= {"Bo\x1b[31m Chan\x08"}, "data stays as it is"
    analysis = CliRunner().invoke(cli, ["analyze", str(control_graph), "--top", "0"])
    assert analysis.exit_code == 0, analysis.output
    _no_raw_controls(analysis.stdout)
    assert "Ann\\x1b]0;pwned\\x07 Lee" in analysis.stdout
    listed = CliRunner().invoke(cli, ["actors", str(control_graph)])
    assert listed.exit_code == 0, listed.output
    _no_raw_controls(listed.stdout)
    assert "Ann\\x1b]0;pwned\\x07 Lee" in listed.stdout and "Bo\\x1b[31m Chan\\x08" in listed.stdout


def test_control_characters_in_names_do_not_stop_analyze_out(control_graph, tmp_path):
    import networkx as nx

    out = tmp_path / "analysis"
    result = CliRunner().invoke(cli, ["analyze", str(control_graph), "--out", str(out)])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    written = sorted(p.name for p in out.iterdir())
    assert f"wrote {len(written)} files" in result.stderr and len(written) >= 20, written
    for path in list(out.glob("*.graphml")) + list(out.glob("*.gexf")):
        g = nx.read_graphml(path) if path.suffix == ".graphml" else nx.read_gexf(path)
        labels = {str(d.get("label", "")) for _, d in g.nodes(data=True)}
        if any("Chan" in label for label in labels):
            assert "Bo\\x1b[31m Chan\\x08" in labels, (path.name, labels)
