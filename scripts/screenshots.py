"""Screenshots of real maps for the README, taken in headless Chromium.

    .venv/bin/python scripts/screenshots.py --store STORE

writes ``docs/img/map-seeds.png`` (the map of ``graphbuild build seeds/``)
and, from a store built from a corpus, ``docs/img/map-corpus.png`` (who
argues what, as the page opens) and ``docs/img/map-corpus-conflict.png``
(who clashes with whom). The README's corpus shots come from a store of
AllSides articles and the codebooks of ../shared/eval merged into one:

    graphbuild build ../shared/data/allsides/articles.jsonl.gz --codebook CODEBOOK --store STORE --limit N

Chromium is Debian's /usr/bin/chromium driven by Playwright, as in the tests.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
IMG = REPO / "docs" / "img"
CHROMIUM = os.environ.get("GRAPHBUILD_CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 1200, "height": 720}


def shoot(html: Path, png: Path, view: str | None = None) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(html.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
        if view:
            page.click(f"#views button[data-view={view}]")
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    print(f"wrote {png.relative_to(REPO)} ({png.stat().st_size // 1024} KB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, help="a store built from a corpus, for the corpus-scale shots")
    ap.add_argument("--title", default="AllSides articles — who argues what", help="the corpus map's title")
    args = ap.parse_args()
    import graphbuild as gb

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        result = gb.build([REPO / "seeds"], tmp / "seeds")
        shoot(result.files["map"], IMG / "map-seeds.png")
        if args.store:
            from graphbuild.store import open_store

            with open_store(args.store) as store:
                html = gb.render_map(store, tmp / "corpus.html", title=args.title)
            shoot(html, IMG / "map-corpus.png")
            shoot(html, IMG / "map-corpus-conflict.png", view="conflict")


if __name__ == "__main__":
    main()
