"""Extraction quality on every development set, in one run.

Runs the extractor exactly as a user would (the public API behind
``graphbuild extract`` / ``graphbuild attributions``), writes the predictions
to a temporary folder and scores them with the shared scorers in
../shared/eval (they are run, not copied).

    python benchmarks/quality.py                 # seeds, guns, PolNeAR dev
    python benchmarks/quality.py --polnear-test  # also PolNeAR test (use once)
    python benchmarks/quality.py --verbose       # TP/FP/FN per document
"""
from __future__ import annotations

import argparse
import json
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

TRIPLE_SETS = {
    "seeds": (REPO / "seeds", SHARED / "eval" / "seeds"),
    "guns": (SHARED / "eval" / "guns" / "corpus.jsonl", SHARED / "eval" / "guns"),
}


def _write_jsonl(rows, path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def _score(cmd: list[str]) -> tuple[str, float]:
    out = subprocess.run([sys.executable, *cmd], capture_output=True, text=True, check=True).stdout
    f1 = float(re.findall(r"^F1 ([0-9.]+)$", out, re.M)[-1])
    return out, f1


def triples(name: str, tmp: Path, verbose: bool) -> float:
    corpus, evaldir = TRIPLE_SETS[name]
    codebook = evaldir / "codebook.yaml"
    started = time.perf_counter()
    pred = tmp / f"{name}.jsonl"
    book = gb.load_codebook(codebook)
    n = _write_jsonl((s.to_json() for s in gb.extract_statements(gb.read_documents([corpus]), book)), pred)
    seconds = time.perf_counter() - started
    cmd = [str(SHARED / "eval" / "score.py"), "--gold", str(evaldir / "gold.jsonl"),
           "--codebook", str(codebook), "--pred", str(pred)]
    out, f1 = _score(cmd + (["--verbose"] if verbose else []))
    print(f"== {name}: {n} statements in {seconds:.1f}s")
    print("   " + out.strip().replace("\n", "\n   "))
    return f1


def attributions(split: str, tmp: Path) -> float:
    gold = SHARED / "data" / "polnear" / f"{split}.jsonl"
    pred = tmp / f"polnear-{split}.jsonl"
    started = time.perf_counter()
    n = _write_jsonl((a.to_json() for a in gb.find_attributions(gb.read_documents([gold]))), pred)
    seconds = time.perf_counter() - started
    out, f1 = _score([str(SHARED / "eval" / "score_attribution.py"), "--gold", str(gold), "--pred", str(pred)])
    print(f"== PolNeAR {split}: {n} attributions in {seconds:.1f}s")
    print("   " + out.strip().replace("\n", "\n   "))
    return f1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear-test", action="store_true", help="also score PolNeAR test (report it once)")
    ap.add_argument("--skip-polnear", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not (SHARED / "eval" / "score.py").exists():
        print("../shared is not beside this checkout: nothing to measure", file=sys.stderr)
        return 2
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in TRIPLE_SETS:
            figures[name] = triples(name, Path(tmp), a.verbose)
        if not a.skip_polnear:
            figures["polnear-dev"] = attributions("dev", Path(tmp))
            if a.polnear_test:
                figures["polnear-test"] = attributions("test", Path(tmp))
    targets = {"seeds": 0.80, "guns": 0.65, "polnear-dev": 0.70, "polnear-test": 0.70}
    print("\nsummary (F1 / target):")
    for name, f1 in figures.items():
        print(f"  {name:<13} {f1:.3f} / {targets[name]:.2f}  ratio {f1 / targets[name]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
