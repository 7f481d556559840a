"""Actors on real news: cross-document resolution (B-cubed) and junk actors.

    python benchmarks/actors.py bcubed            # six visible debates' gold
    python benchmarks/actors.py junk [--n 300]    # random AllSides articles

**B-cubed.** The extractor runs on the six debates (../shared/eval) as
``graphbuild extract`` does; every distinct (document, actor name) it
predicts that the scorer's name matching ties to a gold actor of that
document is an item. Gold entities are the gold actors merged across all
documents and debates by name: same type, and equal names (score.py's
``norm_name``) or the name of one a multi-word alias of the other
("Donald J. Trump" lists "Donald Trump"). The predicted entity of an item is
the node ``build_graph`` gives it over all six debates at once (two Murphys,
two Johnsons). Cluster precision and recall are B-cubed (Bagga & Baldwin 1998).

**Junk.** ``n`` random AllSides articles (``random.seed(13)``) go through the
attribution pipeline (every speaker it names) and through a build with the
six debates' codebooks merged; each actor name is checked against the
classes of issue 13 by the patterns below (independent of graphbuild's own
rules): state/party tags, kickers and bylines glued to names, legal lines,
doubled scraped names, bare quantifiers, and (graph only) places not typed
as a government.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

import graphbuild as gb  # noqa: E402
from rdflib import RDF  # noqa: E402
from train_statements import DEBATES, corpus_of, scorer  # noqa: E402

def _nodes(items: list[tuple[str, str, str]]) -> dict[tuple[str, str], str]:
    """{(doc, name): actor node} as build_graph groups the names (one synthetic statement per name)."""
    stmts = [gb.Statement(doc, name, kind, "x", "supports", "reported", "e", i, i + 1, 0.9)
             for i, (doc, name, kind) in enumerate(items)]
    graph = gb.build_graph([], stmts)
    from graphbuild.rdf.namespace import GB, OA
    out = {}
    for node in graph.subjects(RDF.type, GB.Statement):
        for ev in graph.objects(node, GB.evidence):
            for sel in graph.objects(ev, OA.hasSelector):
                start = graph.value(sel, OA.start)
                if start is not None:
                    doc, name, _ = items[int(start)]
                    out[(doc, name)] = str(graph.value(node, GB.actor))
    return out


def bcubed() -> dict:
    score = scorer()
    norm = score.norm_name
    gold_actor: dict[tuple[str, str], tuple] = {}  # (doc, norm name) -> gold actor id
    gold: dict[tuple, dict] = {}
    items: list[tuple[str, str, str]] = []
    for debate in DEBATES:
        evaldir = SHARED / "eval" / debate
        for row in map(json.loads, open(evaldir / "gold.jsonl", encoding="utf-8")):
            for key, a in row["actors"].items():
                gid = (debate, row["doc_id"], key)
                gold[gid] = a
                for n in [a["name"], *a.get("aliases", [])]:
                    gold_actor.setdefault((row["doc_id"], norm(n)), gid)
        book = gb.load_codebook(evaldir / "codebook.yaml")
        seen = set()
        for s in gb.extract_statements(gb.read_documents([corpus_of(debate)]), book):
            if (s.doc_id, s.actor) not in seen:
                seen.add((s.doc_id, s.actor))
                items.append((s.doc_id, s.actor, s.actor_type))
    # gold entities: actors merged across documents by name
    parent = {g: g for g in gold}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_name = defaultdict(list)
    for gid, a in gold.items():
        by_name[(a["type"], norm(a["name"]))].append(gid)
    for gid, a in gold.items():
        for n in [a["name"], *[x for x in a.get("aliases", []) if len(norm(x).split()) > 1]]:
            for other in by_name.get((a["type"], norm(n)), ()):
                parent[find(other)] = find(gid)
    nodes = _nodes(items)
    matched = [(doc, name) for doc, name, _ in items if (doc, norm(name)) in gold_actor]
    g_of = {it: find(gold_actor[(it[0], norm(it[1]))]) for it in matched}
    p_of = {it: nodes[it] for it in matched}
    g_size, p_size, both = Counter(g_of.values()), Counter(p_of.values()), Counter((g_of[i], p_of[i]) for i in matched)
    precision = sum(both[(g_of[i], p_of[i])] / p_size[p_of[i]] for i in matched) / len(matched)
    recall = sum(both[(g_of[i], p_of[i])] / g_size[g_of[i]] for i in matched) / len(matched)
    f1 = 2 * precision * recall / (precision + recall)
    split = sorted({tuple(sorted({n for (d, n), g in g_of.items() if g == ge}))
                    for ge in g_size if len({p_of[i] for i in matched if g_of[i] == ge}) > 1})
    merged = sorted({tuple(sorted({n for (d, n) in matched if p_of[(d, n)] == pe}))
                     for pe in p_size if len({g_of[i] for i in matched if p_of[i] == pe}) > 1})
    return {"items": len(matched), "unmatched": len(items) - len(matched), "gold_entities": len(g_size),
            "nodes": len(p_size), "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "split": split, "wrongly_merged": merged}


JUNK = {
    "kicker/byline": re.compile(r"^(?:Analysis|Opinion|Commentary|Editorial|Exclusive|Photo|Photos|Video|Related|"
                                r"Watch|Listen|By)\b"),
    "legal line": re.compile(r"(?i)rights reserved|privacy policy|terms of (?:use|service)|user agreement|signing up|"
                             r"cookie"),
    "doubled name": re.compile(r"([A-Z][a-z]{2,})\1"),
    "bare quantifier": re.compile(r"(?i)^(?:others?|some|many|most|few|several|all|both|none|each|members?|"
                                  r"everyone|everybody|someone|somebody)$"),
}
_TAG_WORDS = re.compile(r"^(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3})$")
_PARTY = re.compile(r"^\(?[RDI]\s*[-\u2013]|\([RDI]$")
_COUNTRY_ABBR = {"U.S.", "U.K.", "U.N.", "E.U."}


def junk_class(name: str, kind: str | None = None, place: bool = False) -> str | None:
    """The junk class of an actor name, or None when it may be a real actor."""
    if name not in _COUNTRY_ABBR and (_TAG_WORDS.match(name) or _PARTY.search(name)):
        return "state/party tag"
    for label, pattern in JUNK.items():
        if pattern.search(name):
            return label
    if place and kind not in (None, "Government"):
        return "place not a government"
    return None


def _sample(n: int) -> Path:
    path = SHARED / "data" / "allsides" / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = f.readlines()
    pick = random.Random(13).sample(rows, n)
    out = Path(tempfile.mkdtemp()) / "sample.jsonl"
    out.write_text("".join(pick), encoding="utf-8")
    return out


def junk(n: int, show: int) -> dict:
    sample = _sample(n)
    speakers = Counter(a.actor for a in gb.find_attributions(gb.read_documents([sample])) if a.actor)
    book = gb.Codebook(claims=tuple(itertools.chain.from_iterable(
        gb.load_codebook(SHARED / "eval" / d / "codebook.yaml").claims for d in DEBATES)), name="six")
    result = gb.build([sample], Path(tempfile.mkdtemp()), codebook=book, map_file=False)
    return count_junk(speakers, gb.list_actors(result.graph), n, show)


def count_junk(speakers: Counter, rows: list, n: int, show: int) -> dict:
    """Junk among speaker names (with counts) and graph actors (``list_actors`` rows)."""
    from graphbuild.identity import place_of
    by_class: dict[str, Counter] = defaultdict(Counter)
    for name, count in speakers.items():
        label = junk_class(name)
        if label:
            by_class["speakers: " + label][name] += count
    for r in rows:
        label = junk_class(r.name, r.type, place=place_of(r.name) is not None)
        if label:
            by_class["graph: " + label][r.name] += r.statements
    rng = random.Random(1)
    return {"articles": n, "speaker_names": len(speakers), "graph_actors": len(rows),
            "junk": {k: dict(v.most_common()) for k, v in sorted(by_class.items())},
            "junk_speaker_names": sum(len(v) for k, v in by_class.items() if k.startswith("speakers")),
            "junk_graph_actors": sum(len(v) for k, v in by_class.items() if k.startswith("graph")),
            "read_by_eye": rng.sample(sorted(speakers), min(show, len(speakers)))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["bcubed", "junk"])
    ap.add_argument("--n", type=int, default=300, help="articles for the junk count")
    ap.add_argument("--show", type=int, default=100, help="speaker names to print for reading by eye")
    args = ap.parse_args()
    out = bcubed() if args.what == "bcubed" else junk(args.n, args.show)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if args.what == "bcubed":
        print(f"B-cubed P {out['precision']:.3f} R {out['recall']:.3f} F1 {out['f1']:.3f} (target 0.90)")


if __name__ == "__main__":
    main()
