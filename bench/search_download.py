"""What a reader downloads to search, with the index in one part and in parts (showcase/search.py).

Order: generate a synthetic corpus (generate.py) → build it twice with search, once with the index in
parts of SHARD_PAGES (what the build does) and once in a single part → serve each on 127.0.0.1 → in
Debian's Chromium, with an empty browser cache, open the search page with a first query, then type
the next queries in the same tab → print the bytes fetched from /pagefind/ (Pagefind's code, its
entry and metadata files, index chunks, fragments, our vocabulary) and the time until the results show.

Nothing here is a test and nothing fails on a threshold. The corpus is synthetic (see generate.py).

Usage: .venv/bin/python bench/search_download.py [--count 10000] [--tmp DIR] [--keep] [--part-pages N]
                                                 [--parts-only]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# Words the synthetic bodies use (generate.py), typed as readers type them: with and without marks.
QUERIES = ("hòa giải", "duong giao thong", "hiến đất làm đường", "nong dan", "an ninh trật tự")
BUNDLE = "/pagefind/"


def build_site(project: Path, out: Path, part_pages: int) -> float:
    """Build the corpus with search into out, the index in parts of at most part_pages; return seconds."""
    from showcase.pipeline import BuildOptions, build

    started = time.perf_counter()
    options = BuildOptions(
        content_dir=project / "content",
        layouts_dir=ROOT / "layouts",
        out_dir=out,
        record="off",
        preview=True,
        use_cache=False,
        search_part_pages=part_pages,
    )
    build(options)
    return time.perf_counter() - started


def measure(site: Path) -> list[tuple[str, int, int, float]]:
    """(query, requests, bytes, seconds until the status line) for each query, the first one cold."""
    from playwright.sync_api import sync_playwright

    from tests.browser_helpers import launch_chromium, serve

    rows = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(base_url=url)
        tab = context.new_page()
        fetched: list[int] = []

        def count(response) -> None:
            if BUNDLE in response.url and response.ok:
                fetched.append(len(response.body()))

        tab.on("response", count)
        for number, query in enumerate(QUERIES):
            before = len(fetched)
            started = time.perf_counter()
            if number == 0:
                tab.goto(f"/tim-kiem/?q={query}")
                tab.wait_for_selector("#tim-kiem[data-ready]", state="attached")
            else:
                tab.get_by_label("Từ khóa").fill(query)
                tab.get_by_label("Từ khóa").press("Enter")
                tab.wait_for_function("q => document.getElementById('trang-thai').textContent.includes(q)", arg=query)
            seconds = time.perf_counter() - started
            tab.wait_for_timeout(300)  # fragments of the first results shown arrive just after
            rows.append((query, len(fetched) - before, sum(fetched[before:]), seconds))
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    from generate import generate
    from run import scratch_folder

    from showcase.search import SHARD_PAGES

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", type=int, default=10_000, help="synthetic models (default 10,000)")
    p.add_argument("--tmp", type=Path, help="where to build (default: the system's temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the corpus and both sites")
    p.add_argument("--part-pages", type=int, default=0, help="pages a part for the parted build (default SHARD_PAGES)")
    p.add_argument("--parts-only", action="store_true", help="measure only the parted build")
    args = p.parse_args(argv)

    with scratch_folder("dvk-search-download-", args.keep, args.tmp) as work:
        generate(work, args.count)
        layouts = {"in parts": args.part_pages or SHARD_PAGES}
        if not args.parts_only:
            layouts["one part"] = 10 * args.count
        for label, part_pages in layouts.items():
            seconds = build_site(work, work / label.replace(" ", "-"), part_pages)
            parts = 1 + len(list((work / label.replace(" ", "-") / "pagefind").glob("*/pagefind-entry.json")))
            print(f"\n{args.count:,} models, index {label} ({parts} part(s), built in {seconds:.1f} s):")
            print(f"  {'query':24} {'requests':>8} {'KB':>8} {'seconds':>8}")
            total = 0
            for query, requests, size, took in measure(work / label.replace(" ", "-")):
                total += size
                print(f"  {query:24} {requests:8} {size / 1024:8.0f} {took:8.2f}")
            print(f"  {'all five':24} {'':8} {total / 1024:8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
