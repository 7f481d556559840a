"""Benchmark who-said-what extraction on PolNeAR through the shared scorer.

Runs the attribution pipeline exactly as ``graphbuild attributions`` does
(``graphbuild.find_attributions`` over ``read_documents``), writes FORMAT §5
JSONL and scores it with ``../shared/eval/score_attribution.py`` (run, not
copied). Figures are recorded in docs/attribution.md.

Usage::

    python benchmarks/attribution.py                 # PolNeAR dev
    python benchmarks/attribution.py --test          # dev, then test (use test once)
    python benchmarks/attribution.py --split train --limit 200 --errors 20

``--errors N`` prints N missed gold attributions and N unmatched
predictions (source, cue and content as text) for error analysis; use it on
train, not on dev or test.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
SCORER = SHARED / "eval" / "score_attribution.py"
sys.path.insert(0, str(REPO))


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict(gold: Path) -> tuple[list[dict], float]:
    """FORMAT §5 rows for every article of ``gold``, as ``graphbuild
    attributions`` gives them, and the seconds it took (model load included)."""
    import graphbuild as gb

    started = time.perf_counter()
    rows = [a.to_json() for a in gb.find_attributions(gb.read_documents([gold]))]
    return rows, time.perf_counter() - started


def score(gold: Path, pred: Path) -> dict:
    """The shared scorer's figures (its ``--json`` output)."""
    out = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _span(text: str, s: dict | None) -> str | None:
    return None if s is None else re.sub(r"\s+", " ", text[s["start"]:s["end"]])[:160]


def errors(docs: list[dict], rows: list[dict], n: int) -> None:
    """Print a sample of misses and of unmatched predictions (scorer's matching)."""
    sys.path.insert(0, str(SCORER.parent))
    import score_attribution as sa

    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    misses, extra = [], []
    for d in docs:
        text = d["text"]
        golds = [a for a in d["attributions"] if a.get("source") and a.get("content")]
        preds = [p for p in by_doc.get(d["id"], []) if p.get("source")]
        pairs = []
        for gi, g in enumerate(golds):
            gt = sa.tokens(text, g["content"]["start"], g["content"]["end"])
            for pi, p in enumerate(preds):
                cover = len(gt & sa.tokens(text, p["content"]["start"], p["content"]["end"])) / max(1, len(gt))
                if cover >= 0.5:
                    pairs.append((cover, gi, pi))
        used_g, used_p = set(), set()
        for _, gi, pi in sorted(pairs, reverse=True):
            if gi not in used_g and pi not in used_p and sa.overlaps(golds[gi]["source"], preds[pi]["source"]):
                used_g.add(gi)
                used_p.add(pi)
        misses += [(text, g) for gi, g in enumerate(golds) if gi not in used_g]
        extra += [(text, p) for pi, p in enumerate(preds) if pi not in used_p]
    rnd = random.Random(0)
    for title, items in (("missed gold", misses), ("unmatched predictions", extra)):
        print(f"--- {len(items)} {title} (sample of {min(n, len(items))})")
        for text, a in rnd.sample(items, min(n, len(items))):
            print(f"  source={_span(text, a['source'])!r} cue={_span(text, a.get('cue'))!r}\n"
                  f"     content={_span(text, a['content'])!r}")


def run(split: str, a: argparse.Namespace, tmp: Path) -> dict:
    gold = POLNEAR / f"{split}.jsonl"
    docs = _read(gold)
    if a.limit:
        docs = docs[:a.limit]
        gold = tmp / f"{split}-gold.jsonl"
        gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    rows, seconds = predict(gold)
    pred = Path(a.out) if a.out else tmp / f"{split}-pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    res = score(gold, pred)
    words = sum(len(d["text"].split()) for d in docs)
    print(f"== PolNeAR {split}: {len(docs)} articles, {words} words, {len(rows)} attributions, "
          f"{seconds:.1f} s with model load ({1e6 * seconds / max(1, words):.0f} ms per 1k words)")
    for key in ("content_only", "source_and_content"):
        f = res[key]
        print(f"   {key:<19} P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f}")
    if a.errors:
        errors(docs, rows, a.errors)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--test", action="store_true", help="also score the test split (report it once)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--out", help="keep the predictions of the (last) split here")
    ap.add_argument("--errors", type=int, default=0, help="print N misses and N unmatched predictions")
    a = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"{SCORER} not found: ../shared must sit beside this checkout", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        splits = [a.split] + (["test"] if a.test and a.split != "test" else [])
        results = {s: run(s, a, Path(tmp)) for s in splits}
    print("\nsource + content F1: " + ", ".join(
        f"{s} {r['source_and_content']['f1']:.3f}" for s, r in results.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
