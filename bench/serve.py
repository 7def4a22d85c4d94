"""Benchmark the live preview: from saving a model file to the reloaded page, at 1,000 models.

Starts `build.py serve` on a synthetic corpus (bench/generate.py: every model says it is synthetic),
opens a model page in Debian's Chromium, then saves an edited title several times and measures, for
each save, the time until the browser shows the new title (watch interval, reload, render and
paint included). Also prints the time serve took to start (first look at every file) and what one
in-process refresh costs after a save. The benchmark never fails on a threshold; the target of the
editor-loop issue is under 1 s.

Usage: .venv/bin/python bench/serve.py [--count 1000] [--saves 10] [--keep]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.run import scratch_folder  # noqa: E402
from showcase.pipeline import BuildOptions  # noqa: E402
from showcase.preview import Preview  # noqa: E402
from showcase.serving import free_port  # noqa: E402
from tests.browser_helpers import launch_chromium  # noqa: E402

EXTRA = [a for a in os.environ.get("SERVE_ARGS", "").split() if a]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    with scratch_folder("bench-serve-", args.keep) as folder:
        generate(folder, args.count)
        content = folder / "content"
        target = sorted((content / "mo-hinh").rglob("*.md"))[args.count // 2]
        print(f"{args.count} synthetic models; editing {target.relative_to(folder)}")
        print(f"in-process refresh after one save: {in_process_refresh(content, target) * 1000:.0f} ms")
        started, seconds = serve_and_measure(content, target, args.saves)
        print(f"serve start (validate every file, first page ready): {started:.1f} s")
        print(
            f"save → reloaded page, {len(seconds)} saves: median {statistics.median(seconds) * 1000:.0f} ms, "
            f"max {max(seconds) * 1000:.0f} ms (target < 1000 ms)"
        )
    return 0


def in_process_refresh(content: Path, target: Path) -> float:
    preview = Preview(BuildOptions(content, ROOT / "layouts", content.parent / "site", base_url="http://localhost/"))
    preview.refresh()
    original = target.read_text(encoding="utf-8")
    try:
        save(target, original.replace('title: "', 'title: "Sửa thử ', 1))
        started = time.perf_counter()
        preview.refresh()
        return time.perf_counter() - started
    finally:
        save(target, original)
        preview.close()


def serve_and_measure(content: Path, target: Path, saves: int) -> tuple[float, list[float]]:
    from playwright.sync_api import sync_playwright

    port = free_port("127.0.0.1", 8900)
    log = content.parent / "serve.log"
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content), "--port", str(port), *EXTRA],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    original = target.read_text(encoding="utf-8")
    try:
        while "http://localhost:" not in log.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None:
                raise SystemExit(log.read_text(encoding="utf-8"))
            time.sleep(0.05)
        startup = time.perf_counter() - started
        seconds = []
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            tab = browser.new_page()
            tab.goto(f"http://127.0.0.1:{port}/mo-hinh/{target.stem}/")
            for number in range(1, saves + 1):
                marker = f"Lần lưu {number}"
                edited = original.replace('title: "', f'title: "{marker} ', 1)
                began = time.perf_counter()
                save(target, edited)
                tab.get_by_role("heading", level=1).filter(has_text=marker).wait_for(timeout=30_000)
                seconds.append(time.perf_counter() - began)
                tab.wait_for_timeout(300)
            browser.close()
        return startup, seconds
    finally:
        save(target, original)
        process.terminate()
        process.wait(timeout=10)


def save(path: Path, text: str) -> None:
    """Write like an editor's save; make sure the modification time moves even on a coarse clock."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


if __name__ == "__main__":
    sys.exit(main())
