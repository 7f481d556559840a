"""Fit graphbuild's statement model on the annotated debates of ../shared/eval.

    python training/train_statements.py                         # all debates -> the shipped model file
    python training/train_statements.py --exclude-debate iran --out /tmp/no-iran.json

The model (:mod:`graphbuild.nlp.statement_model`) is two logistic
regressions over named bag features: is an actor taking a stance on a claim
in a document (relevance), and which stance. Training data: every (document,
actor, claim) bag the pipeline finds in the debates' articles, labelled by
the debates' gold (FORMAT §4): positive when the gold codes that actor on
that claim in that document (required or optional), with the gold stance.
The decision threshold is chosen by leave-one-debate-out over the training
debates, for the best macro triple F1 as ../shared/eval/score.py counts it.

Everything is deterministic (sorted inputs, lbfgs, no random state), and
the file is written with rounded numbers, so the same data rebuild it byte
for byte. The library functions (:func:`collect`, :func:`fit`,
:func:`predict`) are what ``benchmarks/quality.py`` uses for its
leave-one-debate-out figures.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EVAL = SHARED / "eval"
MODEL_OUT = REPO / "graphbuild" / "data" / "models" / "statements.json"
DEBATES = ("seeds", "guns", "trade", "climate", "healthcare", "iran")
THRESHOLDS = tuple(round(0.1 + 0.025 * i, 3) for i in range(21))  # 0.10 .. 0.60
# Inverse regularisation strength of both regressions (chosen by
# leave-one-debate-out, docs/quality.md).
C_RELEVANCE = 0.03
C_STANCE = 0.3
DIGITS = 6

sys.path.insert(0, str(REPO))

from graphbuild.codebook.codebook import load_codebook  # noqa: E402
from graphbuild.models import Document, Statement  # noqa: E402
from graphbuild.nlp import bags as bg  # noqa: E402
from graphbuild.nlp import statement_model as sm  # noqa: E402
from graphbuild.nlp.extract import parse, statements_from_doc  # noqa: E402
from graphbuild.nlp.pipeline import codebook_config, load_nlp  # noqa: E402
from graphbuild.text.ingest import read_documents  # noqa: E402


@lru_cache(maxsize=1)
def scorer():
    """../shared/eval/score.py as a module: its name matching and its counts, not a copy."""
    spec = importlib.util.spec_from_file_location("graphbuild_shared_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_of(debate: str) -> Path:
    return REPO / "seeds" if debate == "seeds" else EVAL / debate / "corpus.jsonl"


@dataclass
class DocumentBags:
    document: Document
    doc: object  # the parsed spaCy Doc, for statements_from_doc
    bags: list
    ctx: bg.BagContext
    features: list  # BagFeatures, one per bag
    labels: list  # (relevant, gold stances) per bag
    stance: list  # stance features of the relevant bags, None for the others


@dataclass
class DebateData:
    name: str
    codebook_path: Path
    gold_path: Path
    vectors: bg.ClaimVectors
    documents: list[DocumentBags]

    def rows(self):
        """(relevance features, stance features or None, (relevant, gold stances)) per bag."""
        for d in self.documents:
            for feats, stance, label in zip(d.features, d.stance, d.labels):
                yield feats.relevance, stance, label


def collect(debate: str) -> DebateData:
    """Parse a debate's articles and label every bag with the gold."""
    score = scorer()
    book = load_codebook(EVAL / debate / "codebook.yaml")
    gold = {row["doc_id"]: row for row in map(json.loads, open(EVAL / debate / "gold.jsonl", encoding="utf-8"))}
    nlp = load_nlp(book)
    nlp.remove_pipe("graphbuild_statements")
    claims = codebook_config(book)
    vectors = bg.ClaimVectors.of(claims)
    kinds = {c["id"]: c.get("kind", "normative") for c in claims}
    out = []
    for doc, document in parse(read_documents([corpus_of(debate)]), nlp):
        bags, ctx = bg.document_bags(doc, vectors, kinds)
        feats = [bg.bag_features(b, ctx) for b in bags]
        labels = [_label(score, gold.get(document.id), b) for b in bags]
        relevant = [i for i, (rel, _) in enumerate(labels) if rel]
        stance: list = [None] * len(bags)
        for i, row in zip(relevant, bg.stance_features([bags[i] for i in relevant], [feats[i] for i in relevant],
                                                       vectors)):
            stance[i] = row
        out.append(DocumentBags(document, doc, bags, ctx, feats, labels, stance))
    return DebateData(debate, EVAL / debate / "codebook.yaml", EVAL / debate / "gold.jsonl", vectors, out)


def _label(score, gold_doc: dict | None, bag) -> tuple[bool, set[str]]:
    if gold_doc is None:
        return False, set()
    name = score.norm_name(bag.actor)
    stances = set()
    for t in gold_doc["triples"]:
        actor = gold_doc["actors"].get(t["actor"], {})
        names = {score.norm_name(n) for n in [actor.get("name", ""), *actor.get("aliases", [])]}
        if t["claim"] == bag.claim_id and name in names:
            stances.add(t["stance"])
    return bool(stances), stances


def _logistic(rows: list[dict], y: np.ndarray, names: tuple[str, ...], c: float) -> sm.Logistic:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[r[n] for n in names] for r in rows], dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    fit = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    r = lambda v: round(float(v), DIGITS)
    return sm.Logistic(names, tuple(map(r, mean)), tuple(map(r, scale)), tuple(map(r, fit.coef_[0])),
                       r(fit.intercept_[0]))


def _fit_models(data: list[DebateData]) -> tuple[sm.Logistic, sm.Logistic]:
    rel_rows, rel_y, st_rows, st_y = [], [], [], []
    for debate in data:
        for relevance, stance_row, (relevant, stances) in debate.rows():
            rel_rows.append(relevance)
            rel_y.append(relevant)
            for stance in sorted(stances):
                st_rows.append(stance_row)
                st_y.append(stance == "supports")
    relevance = _logistic(rel_rows, np.array(rel_y), bg.RELEVANCE_FEATURES, C_RELEVANCE)
    stance = _logistic(st_rows, np.array(st_y), bg.STANCE_FEATURES, C_STANCE)
    return relevance, stance


def predict(debate: DebateData, model: sm.StatementModel) -> list[Statement]:
    """The statements the pipeline writes for a debate's articles with ``model``."""
    out = []
    for d in debate.documents:
        d.doc._.claim_matches = sm.decide(d.bags, d.ctx, debate.vectors, model)
        out.extend(statements_from_doc(d.doc, d.document))
    return out


def triple_f1(debate: DebateData, statements: list[Statement]) -> float:
    score = scorer()
    gold = [json.loads(line) for line in open(debate.gold_path, encoding="utf-8")]
    claims = score.read_codebook_ids(str(debate.codebook_path))
    return score.score(gold, claims, [s.to_json() for s in statements])["triples"]["f1"]


def fit(data: list[DebateData], *, meta: dict | None = None) -> sm.StatementModel:
    """Both regressions on ``data``; the threshold by leave-one-debate-out within it."""
    relevance, stance = _fit_models(data)
    totals = np.zeros(len(THRESHOLDS))
    if len(data) > 1:
        for held in data:
            rel, st = _fit_models([d for d in data if d is not held])
            for i, t in enumerate(THRESHOLDS):
                totals[i] += triple_f1(held, predict(held, sm.StatementModel(rel, st, t)))
    threshold = THRESHOLDS[int(np.argmax(totals))] if len(data) > 1 else 0.3
    return sm.StatementModel(relevance, stance, threshold, meta or {})


def build_model(data: list[DebateData]) -> sm.StatementModel:
    """The model of the debates in ``data``, with the record of how it was made."""
    meta = {
        "trained_on": [d.name for d in data],
        "data": "../shared/eval/<debate>/{corpus.jsonl,codebook.yaml,gold.jsonl}; seeds: the repo's seeds/",
        "script": "training/train_statements.py",
        "settings": {"C_relevance": C_RELEVANCE, "C_stance": C_STANCE,
                     "thresholds": [THRESHOLDS[0], THRESHOLDS[-1]]},
        "bags": sum(1 for d in data for _ in d.rows()),
        "positive_bags": sum(1 for d in data for _r, _s, (relevant, _g) in d.rows() if relevant),
    }
    return fit(data, meta=meta)


def model_text(model: sm.StatementModel) -> str:
    """The model file's exact text."""
    return json.dumps(model.to_json(), indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exclude-debate", action="append", default=[], choices=DEBATES)
    ap.add_argument("--out", type=Path, default=MODEL_OUT)
    args = ap.parse_args(argv)
    if not (EVAL / "score.py").exists():
        print(f"train_statements: {EVAL} is missing: the annotated debates are needed", file=sys.stderr)
        return 2
    model = build_model([collect(d) for d in DEBATES if d not in args.exclude_debate])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model_text(model), encoding="utf-8")
    print(f"wrote {args.out}: threshold {model.threshold}, "
          f"{model.meta['positive_bags']}/{model.meta['bags']} positive bags")
    return 0


if __name__ == "__main__":
    sys.exit(main())
