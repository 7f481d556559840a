"""Extraction quality on every visible debate, leave-one-debate-out, in one run.

For each of the six annotated debates in ../shared/eval (seeds, guns, trade,
climate, healthcare, iran) it prints precision, recall, F1 and stance
accuracy as ../shared/eval/score.py counts them (the scorer is run, not
copied), in two ways:

* **LODO** (the headline): the statement model is fitted on the five other
  debates (``training/train_statements.py``'s functions) and scores the sixth;
* **shipped**: the model in the package, trained on all six, run exactly as
  a user runs ``graphbuild extract`` (in-sample: a check, not a measure).

Then PolNeAR dev (who said what, ``graphbuild attributions``) and the
stance step alone on IBM claim-stance test (``benchmarks/stance_ibm.py``,
through ``graphbuild stance``'s library function; 30 motions no model saw).

    python benchmarks/quality.py                   # everything
    python benchmarks/quality.py --skip-shipped    # LODO, PolNeAR and IBM only
    python benchmarks/quality.py --skip-ibm        # without the IBM stance test
    python benchmarks/quality.py --polnear-test    # also PolNeAR test (use once)
    python benchmarks/quality.py --verbose         # TP/FP/FN per document
    python benchmarks/quality.py --errors          # where each LODO miss and false positive was lost
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

import graphbuild as gb  # noqa: E402

TARGETS = {"lodo-macro": 0.50, "lodo-min": 0.35, "seeds": 0.80, "polnear-dev": 0.74, "ibm-test": 0.75}


def _write_jsonl(rows, path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def _score(debate: str, pred: Path, verbose: bool) -> dict:
    """score.py's JSON for a prediction file (its text too, with --verbose)."""
    evaldir = SHARED / "eval" / debate
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(evaldir / "gold.jsonl"),
           "--codebook", str(evaldir / "codebook.yaml"), "--pred", str(pred)]
    result = json.loads(subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True).stdout)
    if verbose:
        print(subprocess.run(cmd + ["--verbose"], capture_output=True, text=True, check=True).stdout)
    return result


def _line(name: str, r: dict) -> str:
    t = r["triples"]
    stance = r.get("stance_accuracy_on_matched_pairs")
    stance = f"{stance:.2f}" if isinstance(stance, (int, float)) else "  - "
    return (f"  {name:<11} P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}  "
            f"pairs F1 {r['pairs']['f1']:.3f}  stance {stance}  ({t['predicted']} predicted, {t['gold']} gold)")


ERROR_CLASSES = ("required", "found", "missed: actor never credited with a unit", "missed: bag below threshold",
                 "wrong stance", "FP: not a gold actor", "FP: gold actor, claim not coded for them")


def error_classes(debate, statements) -> Counter:
    """Where each required gold triple was lost and where each false positive came from.

    A triple is (document, actor, claim, stance) as score.py counts it. A miss
    is lost *before* the model when the pipeline credited the gold actor with
    no unit in that document (then no bag exists), *at* the model when the bag
    scored below the threshold; a pair found with the other stance only is a
    wrong stance. A false positive names no gold actor of the document, or a
    gold actor on a claim the gold does not code for them.
    """
    import train_statements as ts

    score = ts.scorer()
    gold = {row["doc_id"]: row for row in map(json.loads, open(debate.gold_path, encoding="utf-8"))}
    counts: Counter = Counter()
    predicted: dict[str, set] = {}
    for s in statements:
        predicted.setdefault(s.doc_id, set()).add((score.norm_name(s.actor), s.claim, s.stance))
    for d in debate.documents:
        row = gold.get(d.document.id)
        if row is None:
            continue
        key_of = {score.norm_name(n): key for key, a in row["actors"].items()
                  for n in [a["name"], *a.get("aliases", [])]}
        pred = {(key_of.get(name, "?" + name), claim, stance) for name, claim, stance in predicted.get(row["doc_id"], ())}
        bags = {(key_of.get(score.norm_name(b.actor)), b.claim_id) for b in d.bags}
        gold_all = {(t["actor"], t["claim"], t["stance"]) for t in row["triples"]}
        for t in row["triples"]:
            if t.get("optional"):
                continue
            triple = (t["actor"], t["claim"], t["stance"])
            counts["required"] += 1
            if triple in pred:
                counts["found"] += 1
            elif any(p[:2] == triple[:2] for p in pred):
                counts["wrong stance"] += 1
            elif triple[:2] in bags:
                counts["missed: bag below threshold"] += 1
            else:
                counts["missed: actor never credited with a unit"] += 1
        for p in pred - gold_all:
            if p[0].startswith("?"):
                counts["FP: not a gold actor"] += 1
            elif not any(g[:2] == p[:2] for g in gold_all):
                counts["FP: gold actor, claim not coded for them"] += 1
    return counts


def lodo(tmp: Path, verbose: bool, errors: bool = False) -> dict[str, float]:
    import train_statements as ts

    started = time.perf_counter()
    data = {d: ts.collect(d) for d in ts.DEBATES}
    print(f"== leave-one-debate-out (features of {len(data)} debates in {time.perf_counter() - started:.0f}s)")
    figures, table = {}, {}
    for held in ts.DEBATES:
        model = ts.fit([data[d] for d in ts.DEBATES if d != held])
        pred = tmp / f"lodo-{held}.jsonl"
        statements = ts.predict(data[held], model)
        _write_jsonl((s.to_json() for s in statements), pred)
        r = _score(held, pred, verbose)
        figures[held] = r["triples"]["f1"]
        print(_line(held, r) + f"  threshold {model.threshold}")
        if errors:
            table[held] = error_classes(data[held], statements)
    macro = sum(figures.values()) / len(figures)
    print(f"  macro F1 {macro:.3f}, lowest {min(figures.values()):.3f}")
    if errors:
        print("\n| debate | " + " | ".join(ERROR_CLASSES) + " |\n|---|" + "---|" * len(ERROR_CLASSES))
        for held, counts in table.items():
            print(f"| {held} | " + " | ".join(str(counts[c]) for c in ERROR_CLASSES) + " |")
    return {"lodo-macro": macro, "lodo-min": min(figures.values()), **{f"lodo-{k}": v for k, v in figures.items()}}


def shipped(tmp: Path, verbose: bool) -> dict[str, float]:
    import train_statements as ts

    print("== shipped model, as `graphbuild extract` runs it (in-sample)")
    figures = {}
    for debate in ts.DEBATES:
        book = gb.load_codebook(SHARED / "eval" / debate / "codebook.yaml")
        pred = tmp / f"shipped-{debate}.jsonl"
        started = time.perf_counter()
        _write_jsonl((s.to_json() for s in gb.extract_statements(gb.read_documents([ts.corpus_of(debate)]), book)),
                     pred)
        r = _score(debate, pred, verbose)
        figures[debate] = r["triples"]["f1"]
        print(_line(debate, r) + f"  {time.perf_counter() - started:.0f}s")
    print(f"  macro F1 {sum(figures.values()) / len(figures):.3f}")
    return {"seeds": figures["seeds"]}


def attributions(split: str, tmp: Path) -> float:
    gold = SHARED / "data" / "polnear" / f"{split}.jsonl"
    pred = tmp / f"polnear-{split}.jsonl"
    started = time.perf_counter()
    n = _write_jsonl((a.to_json() for a in gb.find_attributions(gb.read_documents([gold]))), pred)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score_attribution.py"), "--gold", str(gold),
                          "--pred", str(pred)], capture_output=True, text=True, check=True).stdout
    f1 = float(out.strip().splitlines()[-1].split()[-1])
    print(f"== PolNeAR {split}: {n} attributions in {time.perf_counter() - started:.0f}s")
    print("   " + out.strip().replace("\n", "\n   "))
    return f1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-shipped", action="store_true", help="skip the in-sample run of the shipped model")
    ap.add_argument("--skip-polnear", action="store_true")
    ap.add_argument("--skip-ibm", action="store_true", help="skip the IBM claim-stance test")
    ap.add_argument("--polnear-test", action="store_true", help="also score PolNeAR test (report it once)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--errors", action="store_true", help="a table of where the LODO misses and false positives "
                                                          "were lost (docs/quality.md, \"Errors that remain\")")
    a = ap.parse_args()
    if not (SHARED / "eval" / "score.py").exists():
        print("../shared is not beside this checkout: nothing to measure", file=sys.stderr)
        return 2
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        figures.update(lodo(Path(tmp), a.verbose, a.errors))
        if not a.skip_shipped:
            figures.update(shipped(Path(tmp), a.verbose))
        if not a.skip_polnear:
            figures["polnear-dev"] = attributions("dev", Path(tmp))
            if a.polnear_test:
                figures["polnear-test"] = attributions("test", Path(tmp))
        if not a.skip_ibm:
            from stance_ibm import ibm_stance_accuracy

            ibm = ibm_stance_accuracy(SHARED)
            figures["ibm-test"] = ibm["accuracy"]
            print(f"== IBM claim-stance test: {ibm['pairs']} pairs, accuracy {ibm['accuracy']:.3f} "
                  f"(majority {ibm['majority']:.3f})")
    print("\nsummary (figure / target):")
    for name, target in TARGETS.items():
        if name in figures:
            print(f"  {name:<12} {figures[name]:.3f} / {target:.2f}  ratio {figures[name] / target:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
