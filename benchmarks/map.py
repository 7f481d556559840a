"""The map at scale: time to interactive in Chromium, and memory on a 20,000-article store.

Two measurements, each printed with its ratio to the target (< 1 is met):

1. *Speed.* A store holding a synthetic debate of 2,000 actors and 20 claims
   (tests/synthetic.py) is drawn to map.html, which is opened in headless
   Chromium (/usr/bin/chromium, as in tests/test_browser.py). Time to
   interactive = from navigation start until the first frame is drawn with
   every handler attached (the page's own ``readyAt``), median of five loads;
   also the time to show all 2,000 actors at once. Target: 3 s.
2. *Memory.* The map of a store of 20,000 documents is written in a fresh
   process, whose peak RSS and time are printed, next to a fresh process that
   only loads the store's whole graph into rdflib (what rendering from the
   whole graph would need before drawing anything). ``--store DIR`` measures
   an existing store instead (e.g. one built from AllSides articles); else a
   synthetic one is made: 20,000 documents, the 2,000-actor debate spread
   over them. Targets: 400 MB peak RSS, 60 s.

    python benchmarks/map.py                          # both, synthetic stores in a temporary folder
    python benchmarks/map.py --store /tmp/store-20k   # memory on a real store
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from synthetic import synthetic_debate  # noqa: E402

CHROMIUM = os.environ.get("GRAPHBUILD_CHROMIUM", "/usr/bin/chromium")
TARGET_MS = 3000
TARGET_MB = 400
TARGET_S = 60


def make_store(path: Path, actors: int, claims: int, documents: int) -> None:
    """A store holding the synthetic debate, committed as a build would commit it."""
    from graphbuild.models import Claim, Codebook
    from graphbuild.run.incremental import build_into_store

    docs, statements = synthetic_debate(actors, claims, documents=documents)
    by_doc: dict[str, list] = {d.id: [] for d in docs}
    for s in statements:
        by_doc[s.doc_id].append(s)
    book = Codebook(claims=tuple(Claim(id=f"c{i}", label=f"Claim number {i} of the synthetic debate")
                                 for i in range(claims)))
    marker = path.parent / f"{path.name}.input"
    marker.write_text("synthetic")

    def interrupted(*_):
        return KeyboardInterrupt()

    build_into_store(path, [marker], lambda _paths: iter(docs), book,
                     lambda stream: ((d, by_doc[d.id]) for d in stream), path.parent / "out", fmt="nt",
                     map_file=False, batch_size=512, interrupted=interrupted)


def in_child(code: str) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and output of ``code`` run in a fresh Python process."""
    code += "\nimport resource, sys\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    seconds = time.perf_counter() - started
    return seconds, int(done.stderr.split()[-1]) / 1024, done.stdout.strip()


def render_code(store: Path, html: Path) -> str:
    return ("from graphbuild.store import open_store\nfrom graphbuild.map.render import render_map\n"
            f"with open_store({str(store)!r}) as s:\n    render_map(s, {str(html)!r})\n")


def time_to_interactive(html: Path, loads: int = 5) -> tuple[list[float], float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        times, show_all = [], 0.0
        for _ in range(loads):
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(html.as_uri())
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
            times.append(page.evaluate("() => graphbuildMap.state.readyAt"))
            total = page.evaluate("() => graphbuildMap.state.counts && document.getElementById('f-top').options.length")
            started = page.evaluate("() => performance.now()")
            page.select_option("#f-top", index=total - 1)
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
            show_all = page.evaluate("() => graphbuildMap.state.readyAt") - started
            page.close()
        browser.close()
    return times, show_all


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, default=None, help="measure the map of this store (memory part)")
    ap.add_argument("--skip-speed", action="store_true", help="only the memory part")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not args.skip_speed:
            store = tmp / "store-2k"
            make_store(store, 2000, 20, 200)
            seconds, peak, _ = in_child(render_code(store, tmp / "map-2k.html"))
            size = (tmp / "map-2k.html").stat().st_size / 1e6
            print(f"2,000 actors, 20 claims: map written in {seconds:.1f} s, peak RSS {peak:.0f} MB, {size:.1f} MB page")
            times, show_all = time_to_interactive(tmp / "map-2k.html")
            median = statistics.median(times)
            print(f"  time to interactive: median {median:.0f} ms of {', '.join(f'{t:.0f}' for t in times)}"
                  f" -> ratio to {TARGET_MS} ms: {median / TARGET_MS:.2f}")
            print(f"  showing all 2,000 actors: {show_all:.0f} ms -> ratio to {TARGET_MS} ms: {show_all / TARGET_MS:.2f}")
        store = args.store
        if store is None:
            store = tmp / "store-20k"
            started = time.perf_counter()
            make_store(store, 2000, 20, 20_000)
            print(f"synthetic store of 20,000 documents made in {time.perf_counter() - started:.0f} s")
        count = ("from graphbuild.store import open_store\n"
                 f"with open_store({str(store)!r}) as s:\n"
                 "    print(next(iter(s.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }', union=False)))['n'].value)")
        triples = int(in_child(count)[2])
        seconds, peak, _ = in_child(render_code(store, tmp / "map-20k.html"))
        print(f"store {store}: {triples:,} triples")
        print(f"  map from aggregate queries: {seconds:.1f} s, peak RSS {peak:.0f} MB"
              f" -> ratios {seconds / TARGET_S:.2f} (time, target {TARGET_S} s), {peak / TARGET_MB:.2f} (memory, target {TARGET_MB} MB)")
        whole = ("from graphbuild.store import open_store\nfrom graphbuild.run.outputs import export_graph\n"
                 "from graphbuild.rdf.io import load_graph\n"
                 f"with open_store({str(store)!r}) as s:\n    export_graph(s, {str(tmp / 'whole.nt')!r}, 'nt')\n"
                 f"print(len(load_graph({str(tmp / 'whole.nt')!r})))")
        seconds, peak, _ = in_child(whole)
        print(f"  for comparison, the whole graph loaded into rdflib: {seconds:.1f} s, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
