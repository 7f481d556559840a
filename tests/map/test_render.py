"""The offline map: counts, colours, escaping, offline-ness, determinism."""
from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote as quote_iri

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

# schema: and xsd: warn when pytest probes module globals, so keep them behind a module
import rdflib.namespace as rns

from graphbuild.map.data import actor_pairs, read_map_data
from graphbuild.rdf.namespace import GB, ID, OA
from graphbuild.map.render import map_html, render_map
from graphbuild.map.views import ALONE_COLOR, OPPOSES_COLOR, SUPPORTS_COLOR

XSS = '<script>alert(1)</script> <img src=x onerror=alert(1)> "q" </script>'


def add_statement(g: Graph, actor: str, claim: str, stance: str, quote: str, doc: str = "d1",
                  *, actor_type: URIRef = GB.Person, start: int = 0) -> URIRef:
    """One gb:Statement with its actor, claim, evidence and document (architecture.md)."""
    key = quote_iri(actor, safe="")
    a, c, d = ID["actor/" + key], ID["claim/" + claim], ID["doc/" + doc]
    g.add((a, RDF.type, actor_type))
    g.add((a, RDFS.label, Literal(actor)))
    g.add((c, RDF.type, GB.Claim))
    g.add((c, SKOS.prefLabel, Literal(f"Claim {claim}", lang="en")))
    g.add((c, SKOS.notation, Literal(claim)))
    g.add((d, RDF.type, GB.Document))
    g.add((d, DCTERMS.identifier, Literal(doc)))
    g.add((d, DCTERMS.title, Literal(f"Title of {doc}")))
    g.add((d, DCTERMS.creator, Literal("Ann Author")))
    g.add((d, DCTERMS.date, Literal("2024-05-01", datatype=rns.XSD.date)))
    st = ID[f"statement/{doc}/{key}/{claim}/{stance}/{start}"]
    ev, quote_sel, pos_sel = BNode(), BNode(), BNode()
    g.add((st, RDF.type, GB.Statement))
    g.add((st, GB.actor, a))
    g.add((st, GB.claim, c))
    g.add((st, GB.stance, GB.Supports if stance == "supports" else GB.Opposes))
    g.add((st, PROV.wasDerivedFrom, d))
    g.add((st, GB.evidence, ev))
    g.add((ev, RDF.type, OA.SpecificResource))
    g.add((ev, OA.hasSource, d))
    g.add((ev, OA.hasSelector, quote_sel))
    g.add((quote_sel, RDF.type, OA.TextQuoteSelector))
    g.add((quote_sel, OA.exact, Literal(quote)))
    g.add((ev, OA.hasSelector, pos_sel))
    g.add((pos_sel, RDF.type, OA.TextPositionSelector))
    g.add((pos_sel, OA.start, Literal(start)))
    g.add((pos_sel, OA.end, Literal(start + len(quote))))
    return st


def small_debate() -> Graph:
    """Alice and Bob support C1 (Alice twice), Acme opposes it; Bob opposes C2."""
    g = Graph()
    add_statement(g, "Alice", "C1", "supports", "We must do C1.", "d1", start=0)
    add_statement(g, "Alice", "C1", "supports", "C1 again, truly.", "d2", start=40)
    add_statement(g, "Bob", "C1", "supports", "C1 is right.", "d1", start=80)
    add_statement(g, "Acme", "C1", "opposes", "C1 is wrong.", "d2", actor_type=GB.Organization)
    add_statement(g, "Bob", "C2", "opposes", "No to C2.", "d1", start=120)
    return g


@pytest.fixture
def debate() -> Graph:
    return small_debate()


def payload(html: str) -> dict:
    """The JSON the page hands to its script: every view's nodes and edges, documents, claims."""
    m = re.search(r'<script type="application/json" id="graphbuild-data">(.*?)</script>', html, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def view(html_or_data, name: str = "claims") -> dict:
    """One view's nodes and edges, with edge ends resolved to IRI names (``from_``/``to_``)."""
    data = payload(html_or_data) if isinstance(html_or_data, str) else html_or_data
    v = data["views"][name]
    iri = {n["id"]: n["iri"] for n in v["nodes"]}
    for e in v["edges"]:
        e["from_"], e["to_"] = _name(iri[e["from"]]), _name(iri[e["to"]])
    return v


def _name(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


class _Resources(HTMLParser):
    """Collects everything the browser would fetch or run as markup."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def test_claims_view_nodes_edges_and_colours(debate, tmp_path):
    out = render_map(debate, tmp_path / "map.html")
    data = payload(out.read_text(encoding="utf-8"))
    claims = view(data, "claims")
    nodes = {n["label"]: n for n in claims["nodes"]}
    assert sorted(nodes) == ["Acme", "Alice", "Bob", "Claim C1", "Claim C2"]
    assert nodes["Alice"]["shape"] == "dot" and nodes["Acme"]["shape"] == "square"
    assert nodes["Claim C1"]["shape"] == "box" and nodes["Claim C1"]["widthConstraint"]["maximum"] > 0
    edges = {(e["from_"], e["to_"], e["stance"]): e for e in claims["edges"]}
    assert set(edges) == {("Alice", "C1", "supports"), ("Bob", "C1", "supports"),
                          ("Acme", "C1", "opposes"), ("Bob", "C2", "opposes")}
    assert {e["color"] for k, e in edges.items() if k[2] == "supports"} == {SUPPORTS_COLOR}
    assert {e["color"] for k, e in edges.items() if k[2] == "opposes"} == {OPPOSES_COLOR}
    alice = edges[("Alice", "C1", "supports")]
    assert alice["statements"] == 2 and alice["width"] > edges[("Bob", "C1", "supports")]["width"]
    # the tooltip lists both quotes, in document order, with their sources
    assert alice["title"].index("We must do C1.") < alice["title"].index("C1 again, truly.")
    assert "d2 · Title of d2 · Ann Author · 2024-05-01" in alice["title"]
    # per-document counts (for the source filter) and evidence for the details panel
    docs = [d["id"] for d in data["docs"]]
    assert sorted((docs[i], n) for i, n in alice["docs"]) == [("d1", 1), ("d2", 1)]
    assert [(q, docs[i]) for q, i in alice["ev"]] == [("We must do C1.", "d1"), ("C1 again, truly.", "d2")]
    assert data["options"]["layout"]["randomSeed"] == 7 and data["view"] == "claims"


def test_actors_coloured_by_coalition(debate):
    nodes = {n["label"]: n for n in view(map_html(debate))["nodes"] if n["kind"] == "actor"}
    # Alice and Bob agree on C1 against Acme: one coalition of two; Acme has no partner
    assert nodes["Alice"]["coalition"] == nodes["Bob"]["coalition"] == "C1"
    assert nodes["Alice"]["color"]["background"] == nodes["Bob"]["color"]["background"] != ALONE_COLOR
    assert nodes["Acme"]["coalition"] is None and nodes["Acme"]["color"]["background"] == ALONE_COLOR
    assert "coalition C1 (2 actors)" in nodes["Alice"]["title"]
    html = map_html(debate)
    assert "C1 · 2 actors" in html and "no coalition partner" in html  # the legend


def test_actor_with_both_stances_gets_two_edges(tmp_path):
    g = Graph()
    add_statement(g, "Carol", "C1", "supports", "yes", start=0)
    add_statement(g, "Carol", "C1", "opposes", "no", start=10)
    edges = view(map_html(g))["edges"]
    assert len(edges) == 2 and len({e["id"] for e in edges}) == 2
    assert {e["smooth"]["type"] for e in edges} == {"curvedCW", "curvedCCW"}


def test_congruence_and_conflict_views(debate):
    data = payload(map_html(debate, view="congruence"))
    assert data["view"] == "congruence"
    congruence = view(data, "congruence")
    assert len(congruence["nodes"]) == 3  # actors only
    assert [(e["from_"], e["to_"]) for e in congruence["edges"]] == [("Alice", "Bob")]
    conflict = view(data, "conflict")
    pairs = sorted(tuple(sorted((e["from_"], e["to_"]))) for e in conflict["edges"])
    assert pairs == [("Acme", "Alice"), ("Acme", "Bob")]
    assert {e["color"] for e in conflict["edges"]} == {OPPOSES_COLOR}
    assert [p.weight for p in actor_pairs(read_map_data(debate), "conflict")] == [1, 1]
    # each tie names the stance edges behind it, so the page can filter ties by claim/stance/source
    stance_ids = {e["id"]: (e["from_"], e["stance"], e["to_"]) for e in view(data, "claims")["edges"]}
    (row,) = congruence["edges"][0]["rows"]
    assert sorted(stance_ids[i] for i in row[1:]) == [("Alice", "supports", "C1"), ("Bob", "supports", "C1")]


def crowd(extra: int = 0) -> Graph:
    """60 actors who all support C1 (Actor 00 five times, so most active); Acme opposes it;
    ``extra`` more one-statement actors ("Zed …", who rank last) support it too."""
    g = Graph()
    for i in range(60):
        for k in range(5 if i == 0 else 1):
            add_statement(g, f"Actor {i:02d}", "C1", "supports", f"yes {i} {k}", f"d{i % 9}", start=10 * k)
    add_statement(g, "Acme", "C1", "opposes", "no", "d1", actor_type=GB.Organization)
    for i in range(extra):
        add_statement(g, f"Zed {i:02d}", "C1", "supports", f"me too {i}", "d2")
    return g


def test_dense_actor_view_draws_its_backbone():
    data = payload(map_html(crowd()))
    congruence = view(data, "congruence")
    # 60 supporters of C1: 1,770 ties, none of which stands out: the backbone is the spanning
    # star around the most active supporter, and nobody is left without a tie
    assert "backbone: 59 of 1770 ties" in congruence["note"]
    assert len(congruence["edges"]) == 59
    assert {e["from_"] for e in congruence["edges"]} | {e["to_"] for e in congruence["edges"]} == {
        quote_iri(f"Actor {i:02d}", safe="") for i in range(60)}
    assert all("Actor%2000" in (e["from_"], e["to_"]) for e in congruence["edges"])
    # the sparse conflict view (Acme against each supporter) is drawn whole
    assert len(view(data, "conflict")["edges"]) == 60 and view(data, "conflict")["note"] == ""


def test_first_view_shows_the_most_active_actors_and_ranks_them():
    data = payload(map_html(crowd(extra=30)))
    assert data["top"]["first"] == 40 and data["top"]["actors"] == 91
    assert data["top"]["steps"] == [40]  # every step below the number of actors
    actors = {n["label"]: n for n in view(data, "congruence")["nodes"]}
    assert actors["Actor 00"]["rank"] == 0  # five statements
    assert sorted(n["rank"] for n in actors.values()) == list(range(91))
    assert min(actors[f"Zed {i:02d}"]["rank"] for i in range(30)) > actors["Actor 59"]["rank"]
    # size and label grow with the statements
    assert actors["Actor 00"]["value"] > actors["Actor 01"]["value"] > 0
    assert payload(map_html(crowd(), top=None))["top"]["first"] == 61
    with pytest.raises(ValueError, match="top must be at least 1"):
        map_html(crowd(), top=0)


def test_labels_never_drawn_below_a_readable_size():
    from graphbuild.map.views import MIN_LABEL_PX

    scaling = payload(map_html(crowd()))["options"]["nodes"]["scaling"]["label"]
    assert scaling["enabled"] and scaling["min"] >= 14 and scaling["drawThreshold"] == MIN_LABEL_PX >= 10
    assert payload(map_html(crowd()))["options"]["physics"] == {"enabled": False}


def test_every_node_has_a_place_and_showing_more_moves_none(tmp_path):
    small, large = payload(map_html(crowd())), payload(map_html(crowd(extra=30)))
    for data in (small, large):
        for name in ("claims", "congruence", "conflict"):
            v = data["views"][name]
            assert set(v["pos"]) == {n["id"] for n in v["nodes"]}
            spots = {tuple(p) for p in v["pos"].values()}
            assert len(spots) == len(v["pos"])  # no two nodes on the same spot
    # the 30 extra actors rank after the first 61: the places of those do not change
    for name in ("claims", "congruence"):
        iri_small = {n["iri"]: n["id"] for n in small["views"][name]["nodes"]}
        iri_large = {n["iri"]: n["id"] for n in large["views"][name]["nodes"]}
        for iri, page_id in iri_small.items():
            assert small["views"][name]["pos"][page_id] == large["views"][name]["pos"][iri_large[iri]], iri


def test_an_edge_keeps_its_count_but_only_the_first_quotes():
    from graphbuild.map.data import MAX_QUOTES

    g = Graph()
    for k in range(MAX_QUOTES + 10):
        add_statement(g, "Alice", "C1", "supports", f"quote {k:03d}", f"d{k:03d}", start=k)
    (edge,) = read_map_data(g).edges
    assert edge.statements == MAX_QUOTES + 10 and len(edge.documents) == MAX_QUOTES + 10
    assert [q.text for q in edge.quotes] == [f"quote {k:03d}" for k in range(MAX_QUOTES)]
    assert len(read_map_data(g, max_quotes=3).edges[0].quotes) == 3


def test_unknown_view_names_the_valid_ones(debate):
    with pytest.raises(ValueError, match="claims, congruence, conflict"):
        map_html(debate, view="nope")


def test_offline_no_remote_resources(debate, tmp_path, monkeypatch):
    g = debate
    doc = ID["doc/d1"]
    g.add((doc, rns.SDO.url, Literal("https://evil.example/article.js")))
    monkeypatch.chdir(tmp_path)
    html = render_map(g, tmp_path / "out" / "map.html").read_text(encoding="utf-8")
    assert not (tmp_path / "lib").exists() and not Path("lib").exists()
    parser = _Resources()
    parser.feed(html)
    # nothing is fetched: no src/href attributes, no <link>, no CSS imports or remote url()
    assert [t for t, a in parser.tags if {"src", "href"} & set(a)] == []
    assert "link" not in {t for t, _ in parser.tags}
    css = "\n".join(parser.styles)
    assert "@import" not in css
    assert set(re.findall(r"url\(\s*['\"]?([a-z]+):", css)) <= {"data"}
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", html, re.I)
    # vis-network itself is inlined
    assert "vis.Network" in html and len(html) > 400_000
    # the article URL survives only as tooltip text
    data = payload(html)
    assert "https://evil.example/article.js" in json.dumps(data)
    # the URL appears as tooltip text and in the document table, never as markup
    in_titles = sum(e["title"].count("evil.example") for e in data["views"]["claims"]["edges"])
    assert html.count("evil.example") == in_titles + 1 and data["docs"][0]["url"].startswith("https://evil")


def test_article_text_is_escaped(tmp_path):
    g = Graph()
    add_statement(g, XSS, "C1", "supports", "quote " + XSS, "d1")
    g.set((ID["doc/d1"], DCTERMS.title, Literal("Title " + XSS)))
    g.set((ID["claim/C1"], SKOS.prefLabel, Literal("Claim " + XSS)))
    html = render_map(g, tmp_path / "map.html", title="Map " + XSS).read_text(encoding="utf-8")
    for raw in ("<script>alert(1)", "<img src=x", "onerror=alert(1)>", '"q"'):
        assert raw not in html
    # exactly one data block and the page's own scripts: no injected ones
    assert html.count("</script>") == 3
    assert "\\u003c/script\\u003e" in html or "<\\/script>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the escaped <title>/<h1>
    data = view(html)
    actor = next(n for n in data["nodes"] if n["kind"] == "actor")
    assert actor["label"] == XSS  # round-trips intact as data
    # tooltips are plain strings (vis-network shows strings as text, not HTML)
    assert all(isinstance(x["title"], str) for x in data["nodes"] + data["edges"])
    assert XSS in data["edges"][0]["title"] and "Title " + XSS in data["edges"][0]["title"]
    page_script = html.rsplit("<script>", 1)[1]
    assert "innerHTML" not in page_script and "insertAdjacentHTML" not in page_script  # text only


def test_output_is_deterministic(debate, tmp_path):
    a = render_map(debate, tmp_path / "a.html").read_bytes()
    # the same triples added in another order give the same page
    shuffled = Graph()
    for t in sorted(debate, key=lambda t: repr(t[::-1])):
        shuffled.add(t)
    b = render_map(shuffled, tmp_path / "b.html").read_bytes()
    assert a == b
    labels = [n["label"] for n in view(a.decode())["nodes"]]
    assert labels == ["Acme", "Alice", "Bob", "Claim C1", "Claim C2"]


def test_atomic_write_leaves_no_temp_files(debate, tmp_path):
    target = tmp_path / "map.html"
    target.write_text("old")
    assert render_map(debate, str(target)) == target
    assert sorted(os.listdir(tmp_path)) == ["map.html"]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_empty_graph_renders(tmp_path):
    html = render_map(Graph(), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert view(html)["nodes"] == [] and "No statements in this graph." in html


def test_untyped_actor_and_missing_labels_fall_back(tmp_path):
    g = Graph()
    st = ID["statement/x"]
    g.add((st, GB.actor, ID["actor/someone"]))
    g.add((st, GB.claim, ID["claim/C9"]))
    g.add((st, GB.stance, GB.Opposes))
    data = view(map_html(g))
    assert sorted(n["label"] for n in data["nodes"]) == ["C9", "someone"]
    assert data["edges"][0]["statements"] == 1


def test_graph_from_build_graph(tmp_path):
    build = pytest.importorskip("graphbuild.rdf.build")
    from graphbuild.models import Claim, Codebook, Document, Statement

    text = "Alice said we must act. Acme rejected acting."
    docs = [Document(id="d1", text=text, title="Act now?", authors=("Ann",), date="2024-05-01")]
    codebook = Codebook(claims=(Claim(id="C1", label="We must act"),))
    statements = [
        Statement("d1", "Alice", "Person", "C1", "supports", "reported", "we must act", 11, 22, 0.9),
        Statement("d1", "Acme", "Organization", "C1", "opposes", "reported", "rejected acting", 29, 44, 0.8),
    ]
    g = build.build_graph(docs, statements, codebook)
    data = view(render_map(g, tmp_path / "map.html").read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in data["nodes"]) == ["Acme", "Alice", "We must act"]
    assert sorted(e["stance"] for e in data["edges"]) == ["opposes", "supports"]
    assert "we must act" in next(e for e in data["edges"] if e["stance"] == "supports")["title"]


def test_same_page_from_an_oxigraph_store(debate):
    """Triple patterns only: an oxrdflib-backed graph (fast on big corpora) maps identically."""
    pytest.importorskip("oxrdflib")
    ox = Graph(store="Oxigraph")
    for triple in debate:
        ox.add(triple)
    assert map_html(ox) == map_html(debate)
