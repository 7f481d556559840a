"""IBM claim-stance test through ``graphbuild stance``'s library function.

1,352 Wikipedia claims towards 30 debate motions that the model never saw
in training. Each claim is a pair {"id", "text": claim, "claim": motion as a
proposition}; the answer is right when it is the gold side ("none" is wrong:
every claim is on its motion's topic). Target: accuracy >= 0.75 (majority
class 51.6%).

    python benchmarks/stance_ibm.py            # prints accuracy and its ratio to the target

``ibm_stance_accuracy()`` is what benchmarks/quality.py calls. IBM test is
the final measurement: run it rarely, and never tune anything on it.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

import graphbuild as gb  # noqa: E402
from stance_data import ibm_rows, proposition  # noqa: E402

TARGET = 0.75


def ibm_stance_accuracy(shared: Path = SHARED, split: str = "test") -> dict:
    """Accuracy of ``graphbuild.stance_pairs`` on IBM claim-stance ``split``, with counts and timing."""
    rows = ibm_rows(shared, split)
    with tempfile.TemporaryDirectory() as tmp:
        pairs = Path(tmp) / "pairs.jsonl"
        with open(pairs, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"id": r["claim_id"], "text": r["claim"], "claim": proposition(r["topic"])}) + "\n")
        start = time.perf_counter()
        answers = {a["id"]: a for a in gb.stance_pairs(pairs)}
        seconds = time.perf_counter() - start
    gold = {r["claim_id"]: ("supports" if r["stance"] == "PRO" else "opposes") for r in rows}
    right = sum(answers[i]["stance"] == g for i, g in gold.items())
    none = sum(a["stance"] == "none" for a in answers.values())
    sided = [i for i in gold if answers[i]["stance"] != "none"]
    accuracy = right / len(gold)
    return {"pairs": len(gold), "accuracy": accuracy, "ratio_to_target": accuracy / TARGET,
            "none": none, "accuracy_where_sided": sum(answers[i]["stance"] == gold[i] for i in sided) / max(1, len(sided)),
            "majority": max(sum(g == "supports" for g in gold.values()), sum(g == "opposes" for g in gold.values())) / len(gold),
            "ms_per_pair": 1000 * seconds / len(gold)}


def main() -> int:
    if not (SHARED / "data" / "ibm_claim_stance" / "test.jsonl").exists():
        print(f"{SHARED}: no data/ibm_claim_stance (the shared data folder is needed)", file=sys.stderr)
        return 2
    r = ibm_stance_accuracy()
    print(f"IBM claim-stance test: {r['pairs']} pairs, accuracy {r['accuracy']:.3f} "
          f"(target {TARGET}, ratio {r['ratio_to_target']:.2f}; majority {r['majority']:.3f}); "
          f"'none' on {r['none']} on-topic pairs; accuracy where sided {r['accuracy_where_sided']:.3f}; "
          f"{r['ms_per_pair']:.1f} ms/pair")
    return 0


if __name__ == "__main__":
    sys.exit(main())
