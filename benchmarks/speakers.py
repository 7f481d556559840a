"""Speaker recall: is each gold statement's evidence credited to its actor?

The claim and stance step reads, for each actor of a document, the words the
pipeline credits to that actor (``doc._.attributions``: quotes, reported
speech, positions and the author's own voice, each with a resolved actor). A
gold statement whose evidence is not credited to its actor is lost before
any claim or stance decision sees it. This benchmark measures that stage
alone, on every annotated debate in ../shared/eval:

- **speaker recall**: the share of *required* gold triples whose evidence
  (an exact substring of the article) overlaps the content of an
  attribution whose resolved actor is the gold actor (names compared as
  ../shared/eval/score.py's ``norm_name`` does, against the gold actor's
  name and aliases), per debate and macro-averaged;
- **absent**: the share whose actor is credited with nothing anywhere in
  the document;
- **precision proxy**: the share of credited quote/reported attributions
  (with a resolved actor) whose actor is a gold actor of the document (gold
  lists only actors with statements, so this is a floor, useful to compare
  changes, not a precision).

Usage::

    nice .venv/bin/python benchmarks/speakers.py                   # the table
    nice .venv/bin/python benchmarks/speakers.py --misses trade    # every miss of trade, with what got the words
    nice .venv/bin/python benchmarks/speakers.py --json out.json   # figures and misses, to compare runs

The pipeline is ``graphbuild.nlp.pipeline.load_nlp()`` without a codebook (attribution
and positions, the components that credit words), over the documents as
``graphbuild.read_documents`` reads them.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EVAL = SHARED / "eval"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

from train_statements import DEBATES, corpus_of, scorer  # noqa: E402  (the debates, their corpora, the scorer)


@dataclass
class Credit:
    """One attribution as the benchmark sees it: char range, kind, actor."""

    start: int
    end: int
    kind: str
    actor: str | None
    cue: str | None = None
    source: str | None = None


@dataclass
class Miss:
    doc_id: str
    actor: str
    attribution: str  # the gold attribution kind
    evidence: str
    absent: bool  # the actor is credited with nothing in the document
    covered_by: list[str] = field(default_factory=list)  # what got the words: "kind:actor"


@dataclass
class DebateResult:
    name: str
    required: int = 0
    credited: int = 0
    absent: int = 0
    attributions: int = 0  # quote/reported with a resolved actor
    gold_actor_attributions: int = 0
    by_kind: dict = field(default_factory=dict)  # gold attribution kind -> [credited, required]
    misses: list[Miss] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.credited / self.required if self.required else 0.0

    @property
    def absent_share(self) -> float:
        return self.absent / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        return self.gold_actor_attributions / self.attributions if self.attributions else 0.0


def credits(doc) -> list[Credit]:
    """Every attribution of a processed Doc with its character range and actor."""
    out = []
    for a in doc._.attributions:
        out.append(Credit(a.content.start_char, a.content.end_char, a.kind,
                          a.actor.name if a.actor is not None and a.actor.name else None,
                          a.cue.text if a.cue is not None else None,
                          a.source.text if a.source is not None else None))
    return out


def _occurrences(text: str, evidence: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(evidence)
    while at >= 0:
        spans.append((at, at + len(evidence)))
        at = text.find(evidence, at + 1)
    return spans


def _overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return hi > lo and any(c.isalnum() for c in text[lo:hi])


def score_document(text: str, gold: dict, found: list[Credit], norm, result: DebateResult) -> None:
    """Add one document's figures to ``result``."""
    names = {key: {norm(n) for n in [a["name"], *a.get("aliases", [])]} - {""}
             for key, a in gold["actors"].items()}
    every_name = set().union(*names.values()) if names else set()
    for c in found:
        if c.kind != "author" and c.actor:
            result.attributions += 1
            result.gold_actor_attributions += norm(c.actor) in every_name
    seen = set()
    for t in gold["triples"]:
        if t.get("optional"):
            continue
        key = (t["actor"], t["claim"], t["stance"])
        if key in seen:
            continue  # the scorer counts a triple once
        seen.add(key)
        mine = [c for c in found if c.actor and norm(c.actor) in names.get(t["actor"], ())]
        spans = _occurrences(text, t["evidence"])
        hit = any(_overlap(text, s, (c.start, c.end)) for s in spans for c in mine)
        result.required += 1
        kind = t.get("attribution", "unknown")
        tally = result.by_kind.setdefault(kind, [0, 0])
        tally[1] += 1
        if hit:
            result.credited += 1
            tally[0] += 1
            continue
        absent = not mine
        result.absent += absent
        covered = sorted({f"{c.kind}:{c.actor}" + (f" [{c.cue}]" if c.cue else "")
                          for s in spans for c in found if _overlap(text, s, (c.start, c.end))})
        result.misses.append(Miss(gold["doc_id"], gold["actors"][t["actor"]]["name"], kind,
                                  t["evidence"], absent, covered))


def evaluate(names: list[str], nlp=None) -> list[DebateResult]:
    """Run the pipeline over each named debate and score it."""
    import graphbuild as gb
    from graphbuild.nlp.extract import parse
    from graphbuild.nlp.pipeline import load_nlp

    norm = scorer().norm_name
    nlp = nlp or load_nlp()
    results = []
    for name in names:
        golds = {}
        with open(EVAL / name / "gold.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    golds[d["doc_id"]] = d
        result = DebateResult(name)
        docs = [d for d in gb.read_documents([corpus_of(name)]) if d.id in golds]
        for doc, document in parse(docs, nlp):
            score_document(document.text, golds[document.id], credits(doc), norm, result)
        missing = set(golds) - {d.id for d in docs}
        if missing:
            raise SystemExit(f"speakers.py: {name}: gold documents not in the corpus: {sorted(missing)}")
        results.append(result)
    return results


def _table(results: list[DebateResult]) -> str:
    rows = [f"{'debate':<11} {'req':>4} {'recall':>7} {'absent':>7} {'quote':>7} {'reported':>9} "
            f"{'author':>7} {'prec.proxy':>10}"]
    for r in results:
        kinds = [f"{r.by_kind[k][0]}/{r.by_kind[k][1]}" if k in r.by_kind else "-"
                 for k in ("quote", "reported", "author")]
        rows.append(f"{r.name:<11} {r.required:>4} {r.recall:>7.3f} {r.absent_share:>7.3f} {kinds[0]:>7} "
                    f"{kinds[1]:>9} {kinds[2]:>7} {r.precision:>10.3f}")
    n = len(results)
    rows.append(f"{'macro':<11} {'':>4} {sum(r.recall for r in results) / n:>7.3f} "
                f"{sum(r.absent_share for r in results) / n:>7.3f} {'':>7} {'':>9} {'':>7} "
                f"{sum(r.precision for r in results) / n:>10.3f}")
    return "\n".join(rows)


def _print_misses(r: DebateResult) -> None:
    print(f"\n--- {r.name}: {len(r.misses)} misses")
    for m in r.misses:
        flag = "ABSENT " if m.absent else ""
        ev = re.sub(r"\s+", " ", m.evidence)
        print(f"{flag}{m.doc_id} {m.actor} ({m.attribution}): {ev[:200]}")
        print(f"    got: {'; '.join(m.covered_by) or '(nothing)'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("debates", nargs="*", help=f"debates to score (default all: {', '.join(DEBATES)})")
    ap.add_argument("--misses", nargs="*", metavar="DEBATE", help="print the misses of these debates (all if none)")
    ap.add_argument("--json", metavar="PATH", help="write figures and misses as JSON")
    a = ap.parse_args(argv)
    if not (EVAL / "score.py").exists():
        print(f"{EVAL} not found: ../shared must sit beside this checkout", file=sys.stderr)
        return 2
    names = a.debates or list(DEBATES)
    unknown = [n for n in names if n not in DEBATES]
    if unknown:
        print(f"speakers.py: unknown debate(s) {unknown}; known: {', '.join(DEBATES)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = evaluate(names)
    print(_table(results))
    print(f"({time.perf_counter() - started:.0f} s)")
    if a.misses is not None:
        for r in results:
            if not a.misses or r.name in a.misses:
                _print_misses(r)
    if a.json:
        Path(a.json).write_text(json.dumps(
            [{**{k: v for k, v in asdict(r).items() if k != "misses"}, "recall": r.recall,
              "absent_share": r.absent_share, "precision": r.precision,
              "misses": [asdict(m) for m in r.misses]} for r in results], indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
