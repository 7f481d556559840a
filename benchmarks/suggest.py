"""Drafted codebooks against the gold codebooks of the six visible debates.

    python benchmarks/suggest.py                    # recall and the drafted labels
    python benchmarks/suggest.py --e2e              # also triple F1 of a build with the draft
    python benchmarks/suggest.py --cache /tmp/sg    # keep the parsed positions between runs

Each debate's corpus is mixed with 300 random AllSides articles of other
topics (``random.Random(14)``; an article is left out when its topic is one of
the debate's, when its id or url is in the debate, and, for the seeds, when it
is in the Russia/Ukraine subset), the way a real crawl looks. ``codebook
suggest`` drafts 10 claims from the mix.

**Claim recall**: the share of the gold claims that one of the drafted claims
expresses: MiniLM cosine of the two labels at least ``MATCH`` (calibrated by
eye, docs/suggest.md, where every matched pair is listed). **End to end**:
the debate's articles are built with the drafted codebook, each drafted claim
id is rewritten to the gold claim it expresses (the one with the highest
cosine, when at least ``MATCH``), and ../shared/eval/score.py scores the
triples; beside it the F1 of the same build with the gold codebook.
"""
from __future__ import annotations

import argparse
import gzip
import json
import pickle
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

import graphbuild as gb  # noqa: E402
from graphbuild.codebook.suggest import SIMILARITY, draft_from_positions, find_positions  # noqa: E402
from graphbuild.nlp import embeddings  # noqa: E402
from graphbuild.nlp.extract import parse  # noqa: E402
from graphbuild.nlp.pipeline import load_nlp  # noqa: E402

DEBATES = ("seeds", "guns", "trade", "climate", "healthcare", "iran")
NOISE, SEED, CLAIMS = 300, 14, 10
MATCH = 0.68  # label cosine at which a drafted claim expresses a gold claim (checked by eye: docs/suggest.md)


def debate_documents(debate: str) -> list[dict]:
    if debate == "seeds":
        return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted((REPO / "seeds").glob("*.txt"))]
    with open(SHARED / "eval" / debate / "corpus.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def mixed_corpus(debate: str, allsides: list[dict], russia: set[str]) -> list[dict]:
    own = debate_documents(debate)
    topics = {r.get("topic") for r in own if r.get("topic")}
    ids, urls = {r["id"] for r in own}, {r.get("url") for r in own if r.get("url")}
    pool = [r for r in allsides if r.get("topic") not in topics and r["id"] not in ids and r.get("url") not in urls
            and not (debate == "seeds" and r["id"] in russia)]
    return own + random.Random(SEED).sample(pool, NOISE)


def positions(debate: str, rows: list[dict], nlp, cache: Path | None):
    path = cache / f"{debate}.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    docs = [gb.Document(id=r["id"], text=r["text"], title=r.get("title")) for r in rows]
    found = [p for doc, document in parse(docs, nlp) for p in find_positions(doc, document.id)]
    result = (found, embeddings.embed([p.text for p in found]))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(result))
    return result


def gold_claims(debate: str) -> list[gb.Claim]:
    return list(gb.load_codebook(SHARED / "eval" / debate / "codebook.yaml").claims)


def match(draft: gb.Draft, gold: list[gb.Claim]) -> list[tuple[str, str, float]]:
    """(drafted id, best gold id, cosine) per drafted claim."""
    d = embeddings.embed([c.label for c in draft.claims])
    g = embeddings.embed([c.label for c in gold])
    sims = d @ g.T
    return [(c.id, gold[int(row.argmax())].id, float(row.max())) for c, row in zip(draft.claims, sims)]


def score(debate: str, statements: list[gb.Statement], codebook: Path, tmp: Path, renames: dict[str, str]) -> float:
    pred = tmp / f"{debate}.pred.jsonl"
    with open(pred, "w", encoding="utf-8") as f:
        for s in statements:
            row = s.to_json()
            row["claim"] = renames.get(row["claim"], row["claim"])
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold",
                          str(SHARED / "eval" / debate / "gold.jsonl"), "--codebook", str(codebook), "--pred",
                          str(pred)], capture_output=True, text=True, check=True).stdout
    return float(re.findall(r"^F1 ([0-9.]+)$", out, re.M)[-1])


def end_to_end(debate: str, draft: gb.Draft, pairs, tmp: Path) -> tuple[float, float]:
    docs = [gb.Document(id=r["id"], text=r["text"], title=r.get("title")) for r in debate_documents(debate)]
    gold_book = SHARED / "eval" / debate / "codebook.yaml"
    # a drafted claim that expresses no gold claim must not score under a gold id its slug happens to
    # share ("green-new-deal" drafted from a sentence about the Green New Deal's politics)
    renames = {d: g if s >= MATCH else f"unmatched-{d}" for d, g, s in pairs}
    drafted = score(debate, gb.extract_statements(docs, draft.codebook()), gold_book, tmp, renames)
    gold = score(debate, gb.extract_statements(docs, gb.load_codebook(gold_book)), gold_book, tmp, {})
    return drafted, gold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--debates", nargs="*", default=list(DEBATES))
    ap.add_argument("--similarity", type=float, default=SIMILARITY)
    ap.add_argument("--cache", type=Path, default=None, help="keep parsed positions here between runs")
    ap.add_argument("--e2e", action="store_true", help="also build with the draft and score the triples")
    a = ap.parse_args()
    if not (SHARED / "eval" / "score.py").exists():
        print("../shared is not beside this checkout: nothing to measure", file=sys.stderr)
        return 2
    with gzip.open(SHARED / "data" / "allsides" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        allsides = [json.loads(line) for line in f]
    with gzip.open(SHARED / "data" / "allsides" / "russia_ukraine.jsonl.gz", "rt", encoding="utf-8") as f:
        russia = {json.loads(line)["id"] for line in f}
    nlp = load_nlp(None)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for debate in a.debates:
            started = time.perf_counter()
            corpus = mixed_corpus(debate, allsides, russia)
            found, vectors = positions(debate, corpus, nlp, a.cache)
            draft = draft_from_positions(found, vectors, len(corpus), max_claims=CLAIMS, similarity=a.similarity)
            gold = gold_claims(debate)
            pairs = match(draft, gold) if draft.claims else []
            recalled = {g for _, g, s in pairs if s >= MATCH}
            print(f"== {debate}: {len(corpus)} documents, {len(found)} positions, {len(draft.claims)} claims "
                  f"({time.perf_counter() - started:.0f}s); recall {len(recalled)}/{len(gold)}")
            if draft.reason:
                print(f"   {draft.reason}")
            for claim, (_, g, s) in zip(draft.claims, pairs):
                mark = "=" if s >= MATCH else " "
                print(f"   {mark} {s:.2f} [{claim.documents} docs] {claim.label}  ->  {g}")
                print(f"            aliases {list(claim.aliases)}  opposing {list(claim.opposing)}")
            rows[debate] = [len(recalled) / len(gold)]
            if a.e2e and draft.claims:
                rows[debate].extend(end_to_end(debate, draft, pairs, Path(tmp)))
    print("\ndebate       recall" + ("   F1(draft)  F1(gold codebook)" if a.e2e else ""))
    for debate, figures in rows.items():
        print(f"{debate:<12} {figures[0]:.2f}" + "".join(f"   {x:.3f}" for x in figures[1:]))
    print(f"macro recall {sum(r[0] for r in rows.values()) / len(rows):.2f} (target 0.60)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
