"""Growth: time and peak memory of a store build on 1k, 2k and 4k articles.

Each size is a fresh ``graphbuild build --store`` of the first N articles of
../shared/data/allsides/articles.jsonl.gz, run as its own process; the peak
memory of that process and of its whole tree (the --jobs workers included)
is sampled every 0.2 s. Time should grow linearly with N and peak memory
stay flat: documents stream through, nothing accumulates.

Memory is printed two ways. RSS counts every page a process maps, so summed
over a tree it counts the pages processes share (libraries, the
interpreter) once per process. PSS (proportional set size, from
/proc/PID/smaps_rollup) charges a shared page to its sharers in equal parts,
so the PSS of a tree is what the tree holds. Then the largest build is run
again into its store: nothing is new, so it should finish in seconds.

    python benchmarks/growth.py                      # 1000 2000 4000, --jobs 2
    python benchmarks/growth.py --sizes 500 1000 --jobs 1
    python benchmarks/growth.py --keep /tmp/store-4k # keep the largest store (for benchmarks/queries.py)
"""
from __future__ import annotations

import argparse
import os
import resource
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


def pss(pid: int) -> int:
    """Proportional set size of a process in bytes (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(cmd: list[str]) -> tuple[float, float, dict[str, int]]:
    """Wall seconds, CPU seconds of the tree and peak memory in bytes: RSS of the main process, RSS and PSS
    summed over its tree. CPU time does not depend on what else runs on the machine; wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    main = psutil.Process(proc.pid)
    peak = {"main": 0, "tree": 0, "pss": 0}
    while proc.poll() is None:
        try:
            procs = [main, *main.children(recursive=True)]
            rss = [p.memory_info().rss for p in procs]
        except psutil.Error:
            pass
        else:
            now = {"main": rss[0], "tree": sum(rss), "pss": sum(pss(p.pid) for p in procs)}
            peak = {k: max(v, now[k]) for k, v in peak.items()}
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers count once the build has waited for them
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.read()}")
    return seconds, cpu, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--codebook", type=Path, default=REPO / "seeds" / "codebook.yaml")
    ap.add_argument("--keep", type=Path, default=None, help="move the largest store here")
    args = ap.parse_args()
    print(f"{'articles':>8}  {'seconds':>8}  {'docs/s':>7}  {'s per 1k':>8}  {'CPU s per 1k':>12}  {'peak RSS main':>13}"
          f"  {'peak RSS tree':>13}  {'peak PSS tree':>13}")
    mb = 2 ** 20
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.sizes):
            store, out = Path(tmp) / f"store-{n}", Path(tmp) / f"out-{n}"
            cmd = [str(GRAPHBUILD), "build", str(args.corpus), "--codebook", str(args.codebook), "--store", str(store),
                   "--out", str(out), "--limit", str(n), "--jobs", str(args.jobs)]
            load = os.getloadavg()[0]
            seconds, cpu, peak = measure(cmd)
            print(f"{n:>8}  {seconds:8.1f}  {n / seconds:7.2f}  {1000 * seconds / n:8.1f}  {1000 * cpu / n:12.1f}  "
                  f"{peak['main'] / mb:10.0f} MB  {peak['tree'] / mb:10.0f} MB  {peak['pss'] / mb:10.0f} MB  "
                  f"(load before: {load:.1f})", flush=True)
        # The same command again: every document's hash is in the index, so nothing is extracted.
        seconds, _, peak = measure(cmd)
        print(f"{n} articles again into their store (unchanged): {seconds:.1f} s, "
              f"peak RSS {peak['main'] / mb:.0f} MB", flush=True)
        if args.keep is not None:
            shutil.move(str(Path(tmp) / f"store-{max(args.sizes)}"), str(args.keep))
            print(f"kept the {max(args.sizes)}-article store in {args.keep}")


if __name__ == "__main__":
    main()
