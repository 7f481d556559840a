"""Growth: time and peak memory of a store build on 1k, 2k and 4k articles.

Each size is a fresh ``graphbuild build --store`` of the first N articles of
../shared/data/allsides/articles.jsonl.gz, run as its own process; the peak
resident memory of that process and of its whole tree (the --jobs workers
included) is sampled every 0.2 s. Time should grow linearly with N and peak
memory stay flat: documents stream through, nothing accumulates.

    python benchmarks/growth.py                      # 1000 2000 4000, --jobs 2
    python benchmarks/growth.py --sizes 500 1000 --jobs 1
    python benchmarks/growth.py --keep /tmp/store-4k # keep the largest store (for benchmarks/queries.py)
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
GRAPHBUILD = Path(sys.executable).with_name("graphbuild")


def measure(cmd: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS of the main process and peak RSS summed over its process tree (bytes)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    main, tree = psutil.Process(proc.pid), 0
    peak_main = peak_tree = 0
    while proc.poll() is None:
        try:
            rss_main = main.memory_info().rss
            tree = rss_main + sum(c.memory_info().rss for c in main.children(recursive=True))
        except psutil.Error:
            pass
        else:
            peak_main, peak_tree = max(peak_main, rss_main), max(peak_tree, tree)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.read()}")
    return seconds, peak_main, peak_tree


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--codebook", type=Path, default=REPO / "seeds" / "codebook.yaml")
    ap.add_argument("--keep", type=Path, default=None, help="move the largest store here")
    args = ap.parse_args()
    print(f"{'articles':>8}  {'seconds':>8}  {'docs/s':>7}  {'s per 1k':>8}  {'peak RSS main':>13}  {'peak RSS tree':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            store, out = Path(tmp) / f"store-{n}", Path(tmp) / f"out-{n}"
            cmd = [str(GRAPHBUILD), "build", str(args.corpus), "--codebook", str(args.codebook), "--store", str(store),
                   "--out", str(out), "--limit", str(n), "--jobs", str(args.jobs)]
            load = os.getloadavg()[0]
            seconds, peak_main, peak_tree = measure(cmd)
            print(f"{n:>8}  {seconds:8.1f}  {n / seconds:7.2f}  {1000 * seconds / n:8.1f}  "
                  f"{peak_main / 2 ** 20:10.0f} MB  {peak_tree / 2 ** 20:10.0f} MB  (load before: {load:.1f})", flush=True)
        if args.keep is not None:
            shutil.move(str(Path(tmp) / f"store-{max(args.sizes)}"), str(args.keep))
            print(f"kept the {max(args.sizes)}-article store in {args.keep}")


if __name__ == "__main__":
    main()
