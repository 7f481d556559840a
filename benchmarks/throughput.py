"""Throughput: bare spaCy against a full ``graphbuild build``, and --jobs 2 against one process.

Takes the first N articles of ../shared/data/allsides/articles.jsonl.gz and
measures, in one run on this machine:

  (a) bare spaCy: ``nlp.pipe`` of the same model over the same texts, same batch size;
  (b) the full build into a fresh store (ingest, pipeline, aggregation, store
      commits, graph.ttl, statements.jsonl and the map), one process;
  (c) the same build with ``--jobs 2``.

It prints documents/s and words/s of each, the ratio (b)/(a) (target >= 0.70)
and the speed-up (b)/(c) time (target >= 1.7 on 2 cores). Every figure is a
ratio of two timings taken moments apart, never a fixed threshold.

    python benchmarks/throughput.py              # N = 500
    python benchmarks/throughput.py --n 20000    # the whole corpus: hours
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

import graphbuild as gb  # noqa: E402

CORPUS = SHARED / "data" / "allsides" / "articles.jsonl.gz"


def sample(corpus: Path, n: int, path: Path) -> tuple[list[str], int]:
    """Write the first ``n`` corpus lines to ``path``; returns the texts graphbuild parses and their words."""
    texts = []
    with open(path, "w", encoding="utf-8") as out:
        for doc in itertools.islice(gb.read_documents([corpus]), n):
            out.write(json.dumps({"id": doc.id, "text": doc.text, "title": doc.title, "authors": list(doc.authors),
                                  "date": doc.date, "source": doc.outlet, "url": doc.url}, ensure_ascii=False) + "\n")
            texts.append(doc.clean_text)
    return texts, sum(len(t.split()) for t in texts)


def bare(texts: list[str], batch_size: int) -> float:
    import spacy

    from graphbuild.nlp.pipeline import MODEL

    started = time.perf_counter()
    nlp = spacy.load(MODEL)
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def full(corpus: Path, codebook: Path, work: Path, jobs: int) -> tuple[float, gb.BuildResult]:
    started = time.perf_counter()
    result = gb.build([corpus], work / f"out-{jobs}", codebook=codebook, store=work / f"store-{jobs}", jobs=jobs)
    return time.perf_counter() - started, result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 ** 2 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{cpu}, {os.cpu_count()} cores, {mem} GiB RAM, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="articles (default 500)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--codebook", type=Path, default=REPO / "seeds" / "codebook.yaml")
    ap.add_argument("--jobs", type=int, default=2, help="processes for (c) (default 2)")
    ap.add_argument("--batch-size", type=int, default=16, help="spaCy batch size of (a); graphbuild's default is 16")
    args = ap.parse_args()

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "sample.jsonl"
        texts, words = sample(args.corpus, args.n, corpus)
        n = len(texts)
        print(f"{n} articles, {words:,} words, from {args.corpus.name}")
        # The 1-minute load average before each run: other work on the machine
        # slows a run down and, on 2 cores, takes the second core from --jobs 2.
        rows, loads = [], [os.getloadavg()[0]]
        seconds = bare(texts, args.batch_size)
        rows.append(("(a) bare spaCy nlp.pipe", seconds))
        del texts
        loads.append(os.getloadavg()[0])
        seconds_b, result = full(corpus, args.codebook, work, 1)
        rows.append(("(b) graphbuild build --store, 1 process", seconds_b))
        loads.append(os.getloadavg()[0])
        seconds_c, _ = full(corpus, args.codebook, work, args.jobs)
        rows.append((f"(c) graphbuild build --store --jobs {args.jobs}", seconds_c))
        same = (work / "out-1" / "statements.jsonl").read_bytes() == (work / f"out-{args.jobs}" / "statements.jsonl").read_bytes()
        for (label, s), load in zip(rows, loads):
            print(f"{label:<44} {s:8.1f} s  {n / s:7.2f} docs/s  {words / s:9,.0f} words/s  (load before: {load:.1f})")
        print(f"statements: {result.statement_count} ({result.document_count} documents in the store)")
        print(f"ratio (b)/(a) throughput: {rows[0][1] / seconds_b:.2f}   (target >= 0.70)")
        print(f"speed-up --jobs {args.jobs}: {seconds_b / seconds_c:.2f}x   (target >= 1.7 on 2 cores)")
        print(f"--jobs {args.jobs} statements identical to 1 process: {same}")


if __name__ == "__main__":
    main()
