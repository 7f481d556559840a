"""The map in a real browser: Debian's headless chromium driven by Playwright.

The page is opened from file:// exactly as a user would open map.html. The
tests count what vis-network actually drew, drive the filters and the search
through the page's own controls, hover an edge to read its tooltip, and check
that an article full of markup shows as text and runs nothing. A screenshot
of each view goes to test-artifacts/.

Skipped, with the reason, when playwright or /usr/bin/chromium is missing
(.ci/run installs chromium from Debian's packages).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

import rdflib.namespace as rns

from graphbuild.rdf.namespace import ID
from graphbuild.map.render import render_map

from test_render import add_statement, small_debate

CHROMIUM = Path(os.environ.get("GRAPHBUILD_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
if not CHROMIUM.exists():
    pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


def debate_graph() -> Graph:
    """Alice (twice) and Bob support C1, Acme opposes it; Bob opposes C2; Mallory, whose
    article is full of markup, supports C2."""
    g = small_debate()
    add_statement(g, "Mallory", "C2", "supports", "Yes to C2 " + EVIL, "d3")
    g.set((ID["doc/d3"], DCTERMS.title, Literal("Title " + EVIL)))
    g.set((ID["doc/d3"], DCTERMS.publisher, Literal("The Evil Times")))
    g.add((ID["doc/d3"], rns.SDO.url, Literal("javascript:window.__pwned=3")))
    g.add((ID["doc/d1"], rns.SDO.url, Literal("https://example.org/d1")))
    g.set((ID["claim/C2"], SKOS.prefLabel, Literal("Claim C2 " + EVIL)))
    return g


class Page:
    """A loaded map with its console errors and helpers that read vis-network's state."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 860})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.wait()

    def wait(self) -> None:
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)

    def drawn(self) -> tuple[int, int]:
        """Nodes and edges vis-network is drawing now (hidden ones excluded)."""
        return tuple(self.page.evaluate(
            "() => [graphbuildMap.network.body.nodeIndices.length, graphbuildMap.network.body.edgeIndices.length]"))

    def labels(self) -> list[str]:
        return sorted(self.page.evaluate(
            "() => graphbuildMap.network.body.nodeIndices.map(id => graphbuildMap.nodes.get(id).label)"))

    def view(self, name: str) -> None:
        self.page.click(f"#views button[data-view={name}]")
        self.wait()

    def pwned(self):
        return self.page.evaluate("() => window.__pwned")


@pytest.fixture(scope="module")
def map_file(tmp_path_factory) -> Path:
    return render_map(debate_graph(), tmp_path_factory.mktemp("map") / "map.html", title="Debate " + EVIL)


@pytest.fixture
def page(browser, map_file):
    p = Page(browser, map_file)
    yield p
    assert p.errors == [], p.errors
    assert p.pwned() is None
    p.page.close()


def test_every_view_draws_the_expected_network(page):
    assert page.drawn() == (6, 5)  # 4 actors + 2 claims; 5 actor-claim-stance edges
    assert page.labels() == sorted(["Acme", "Alice", "Bob", "Mallory", "Claim C1", "Claim C2 " + EVIL])
    # the layout settled and was frozen
    assert page.page.evaluate("() => graphbuildMap.network.physics.physicsEnabled") is False
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "map-claims.png"))
    page.view("congruence")
    assert page.drawn() == (4, 1)  # Alice-Bob agree on C1
    page.view("conflict")
    assert page.drawn() == (4, 3)  # Acme-Alice, Acme-Bob on C1; Bob-Mallory on C2
    page.page.screenshot(path=str(ARTIFACTS / "map-conflict.png"))
    page.view("claims")
    assert page.drawn() == (6, 5)
    assert (ARTIFACTS / "map-claims.png").stat().st_size > 10_000
    # the page title and header show the markup as text
    assert page.page.title() == "Debate " + EVIL
    assert page.page.inner_text("h1") == "Debate " + EVIL


def test_filters_hide_what_they_should(page):
    p = page.page
    p.select_option("#f-claim", label="[C2] Claim C2 " + EVIL)
    assert page.labels() == sorted(["Bob", "Mallory", "Claim C2 " + EVIL])
    assert page.drawn() == (3, 2)
    p.select_option("#f-claim", value="")
    p.select_option("#f-stance", value="opposes")
    assert page.labels() == sorted(["Acme", "Bob", "Claim C1", "Claim C2 " + EVIL])
    p.select_option("#f-stance", value="")
    p.select_option("#f-source", label="d2 — Title of d2")  # Alice's second statement and Acme's
    assert page.labels() == ["Acme", "Alice", "Claim C1"]
    p.select_option("#f-source", label="The Evil Times")  # by outlet
    assert page.labels() == sorted(["Mallory", "Claim C2 " + EVIL])
    p.select_option("#f-source", value="")
    p.fill("#f-weight", "2")  # only Alice supports C1 twice
    assert page.drawn() == (2, 1) and page.labels() == ["Alice", "Claim C1"]
    assert "showing 2 of 6 nodes, 1 of 5 edges" in p.inner_text("#status")
    p.fill("#f-weight", "1")
    # filters carry over to the actor views: on C2 nobody agrees, Bob and Mallory clash
    p.select_option("#f-claim", label="[C2] Claim C2 " + EVIL)
    page.view("congruence")
    assert page.drawn() == (2, 0)
    page.view("conflict")
    assert page.drawn() == (2, 1)


def _hover_edge(page: Page, edge_id: str) -> str:
    """Move the mouse onto an edge, away from its two nodes, and return the tooltip element."""
    box = page.page.locator("#map canvas").bounding_box()
    # a point on the drawn (possibly curved) edge, from vis-network's own geometry, that
    # no node covers (a claim's box can reach over the middle of a short edge)
    mid = page.page.evaluate("""(id) => {
        const n = graphbuildMap.network;
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9]) {
            const p = n.canvasToDOM(n.body.edges[id].edgeType.getPoint(t));
            if (n.getNodeAt(p) === undefined) { return p; }
        }
        throw new Error("every point of edge " + id + " is under a node");
    }""", edge_id)
    page.page.mouse.move(box["x"] + mid["x"], box["y"] + mid["y"])
    tooltip = page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    return tooltip


def test_tooltip_shows_escaped_evidence_and_runs_nothing(page):
    edge = page.page.evaluate(
        "() => graphbuildMap.edges.get({filter: e => e.title.indexOf('Mallory') === 0})[0].id")
    tooltip = _hover_edge(page, edge)
    text = tooltip.text_content()
    assert "Yes to C2 " + EVIL in text  # the evidence, as text
    assert "d3 · Title " + EVIL in text and "The Evil Times" in text  # its source
    assert tooltip.query_selector("img, script") is None
    # click pins the details panel: quotes as text, only http(s) links
    page.page.evaluate("(id) => graphbuildMap.network.selectEdges([id])", edge)
    page.page.mouse.down()
    page.page.mouse.up()
    details = page.page.locator("#details")
    details.wait_for(state="visible")
    assert EVIL in details.inner_text()
    assert page.page.query_selector_all("#details img, #details script") == []
    assert page.page.query_selector_all("#details a") == []  # javascript: URL is not a link
    assert page.pwned() is None


def test_details_link_to_the_article(page):
    edge = page.page.evaluate(
        "() => graphbuildMap.edges.get({filter: e => e.title.indexOf('Bob supports') === 0})[0].id")
    _hover_edge(page, edge)
    page.page.mouse.down()
    page.page.mouse.up()
    page.page.locator("#details").wait_for(state="visible")
    links = page.page.query_selector_all("#details a")
    assert [a.get_attribute("href") for a in links] == ["https://example.org/d1"]
    assert links[0].get_attribute("rel") == "noopener noreferrer"


def test_actor_search_selects_and_focuses(page):
    page.page.fill("#f-search", "mall")
    page.page.press("#f-search", "Enter")
    selected = page.page.evaluate(
        "() => graphbuildMap.network.getSelectedNodes().map(id => graphbuildMap.nodes.get(id).label)")
    assert selected == ["Mallory"]
    assert page.page.inner_text("#details").startswith("×Mallory") or "Mallory" in page.page.inner_text("#details")


def test_legend_is_beside_the_map_not_over_it(page):
    legend = page.page.locator("#legend").bounding_box()
    canvas = page.page.locator("#map canvas").bounding_box()
    assert legend["width"] > 100 and canvas["width"] > 600
    assert legend["x"] + legend["width"] <= canvas["x"]  # no overlap, whatever the zoom


def test_two_thousand_actors_open_readable_and_show_more(browser, tmp_path):
    from graphbuild.rdf.build import build_graph
    from graphbuild.map.render import DEFAULT_TOP
    from synthetic import synthetic_debate

    path = render_map(build_graph(*synthetic_debate(2000, 20)), tmp_path / "big.html")
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.on("request", lambda r: requests.append(r.url))
    p = Page.__new__(Page)
    p.errors, p.page = [], page
    page.on("pageerror", lambda e: p.errors.append(str(e)))
    page.goto(path.as_uri())
    p.wait()
    try:
        # the first view: those of the 40 most active actors who speak on the 10 most stated claims
        kinds = page.evaluate("() => graphbuildMap.network.body.nodeIndices.map(id => graphbuildMap.nodes.get(id).kind)")
        actors = kinds.count("actor")
        assert DEFAULT_TOP * 3 // 4 <= actors <= DEFAULT_TOP and kinds.count("claim") == 10
        assert (f"the {DEFAULT_TOP} most active of 2000 actors on the 10 most stated claims"
                in page.inner_text("#status"))
        assert page.evaluate("() => graphbuildMap.network.physics.physicsEnabled") is False
        # labels of the shown actors are drawn at a readable size at this zoom
        small = page.evaluate("""() => {
            const n = graphbuildMap.network, scale = n.getScale();
            return n.body.nodeIndices.filter(id => n.body.nodes[id].labelModule.size * scale < 10).length;
        }""")
        assert small < actors / 4
        page.click("#more")
        p.wait()
        assert "the 100 most active of 2000 actors" in page.inner_text("#status")
        page.select_option("#f-top", value="2000")
        p.wait()
        assert p.drawn()[0] == 2020  # every actor and claim
        page.fill("#f-weight", "2")  # the page answers a filter on the full map
        assert 0 < p.drawn()[1] < page.evaluate("() => graphbuildMap.edges.length")
        page.click("#views button[data-view=conflict]")
        p.wait()
        assert "backbone:" in page.inner_text("#status")
        assert p.errors == []
        # nothing but the page itself was fetched
        assert requests and all(u.startswith(("file:", "data:")) for u in requests), requests
    finally:
        page.close()
