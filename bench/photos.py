"""Benchmark photos: a synthetic corpus where a tenth of the models carry two 12-megapixel photos.

Measures a cold build (empty image cache), a warm build (cache kept, nothing changed), the bytes
published per model page with photos (its page and every file beside it), and peak memory of the
process tree. Everything here is synthetic test data and says so (bench/generate.py).

Usage: .venv/bin/python bench/photos.py [--count 1000] [--keep]
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.run import MIB, measure, scratch_folder  # noqa: E402
from showcase.urls import PAGE_SEGMENT  # noqa: E402
from tests.photos import photo  # noqa: E402

BASE_PHOTOS = 6  # distinct scenes; every published photo still gets bytes of its own (a JPEG comment)


def add_photos(content: Path, every: int = 10) -> int:
    """Give every `every`-th model two 4000×3000 photos; return how many photos were written."""
    bases = [photo(4000, 3000, seed=seed) for seed in range(BASE_PHOTOS)]
    written = 0
    for number, model in enumerate(sorted((content / "mo-hinh").rglob("*.md"))):
        if number % every:
            continue
        folder = model.parent / "anh"
        entries = []
        for which in (1, 2):
            name = f"{model.stem[:40]}-{which}.jpg"
            unique = f"anh thu nghiem {number}-{which}".encode()
            comment = b"\xff\xfe" + struct.pack(">H", len(unique) + 2) + unique
            base = bases[(number + which) % BASE_PHOTOS]
            folder.mkdir(exist_ok=True)
            (folder / name).write_bytes(base[:2] + comment + base[2:])
            entries.append(
                f'  - file: "anh/{name}"\n    alt: "Ảnh thử nghiệm {which} (dữ liệu tổng hợp)"\n'
                f'    credit: "Dữ liệu thử nghiệm"\n'
            )
            written += 1
        text = model.read_text(encoding="utf-8")
        model.write_text(text.replace("\n---\n", "\nimages:\n" + "".join(entries) + "---\n", 1), encoding="utf-8")
    return written


def page_bytes(site: Path) -> tuple[float, float]:
    """(mean bytes of a model folder with photos, mean bytes of one without), page and files beside it."""
    with_photos, without = [], []
    pages = (site / "mo-hinh").iterdir()  # a folder per model page, beside the list's own page and its pages
    for folder in (p for p in pages if p.is_dir() and p.name != PAGE_SEGMENT):
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        (with_photos if any(re.search(r"-1600\.webp$", p.name) for p in folder.iterdir()) else without).append(size)
    mean = lambda values: sum(values) / len(values) if values else 0.0  # noqa: E731
    return mean(with_photos), mean(without)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="models in the corpus")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    with scratch_folder("dvk-photos-", args.keep) as work:
        generate(work, args.count)
        started = time.perf_counter()
        photos = add_photos(work / "content")
        print(f"{args.count} models, {photos} photos of 4000×3000 written in {time.perf_counter() - started:.0f} s")
        command = [
            sys.executable,
            "build.py",
            "--content",
            str(work / "content"),
            "--out",
            str(work / "site"),
            "--no-search",
            "--jobs",
            str(args.jobs),
        ]
        cold = measure(command, ROOT)
        warm = measure(command, ROOT)
        for run in (cold, warm):
            if run.returncode != 0:
                raise SystemExit(run.stderr[-3000:])
        with_photos, without = page_bytes(work / "site")
        cache = sum(p.stat().st_size for p in (work / ".cache").rglob("*") if p.is_file()) / MIB
        print(f"cold build: {cold.wall:.1f} s wall, {cold.cpu:.1f} s CPU, peak {cold.peak_rss_mib:.0f} MiB")
        print(f"warm build: {warm.wall:.1f} s wall, {warm.cpu:.1f} s CPU, peak {warm.peak_rss_mib:.0f} MiB")
        print(
            f"bytes per model page (page + files beside it): {with_photos / 1024:.0f} KiB with two photos, "
            f"{without / 1024:.0f} KiB without; cache {cache:.0f} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
