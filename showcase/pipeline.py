"""The build, top to bottom. The order of the calls in build() is the order of execution:

load site data → load and validate models (in parallel) → check across files → build the site
model → render and write pages to staging (in parallel) → copy assets → index search → swap.
Nothing reaches the output folder unless every step succeeded.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import search, security, writing
from .loading import check_unique_slugs, load_model
from .model import Model, SiteData
from .problems import ContentError, Problem, has_errors
from .rendering import PageJob, plan_pages, render_page
from .site_data import load_site_data
from .site_model import Site, build_site
from .sources import find_model_files
from .validation import Context
from .vocab import matchers

MODELS_FOLDER = "mo-hinh"


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path
    layouts_dir: Path
    out_dir: Path
    base_url: str | None = None
    strict: bool = False
    jobs: int = 0  # 0: every core
    search: bool = True
    today: dt.date | None = None  # fixes "the current year" for tests

    @property
    def root(self) -> Path:
        return self.content_dir.parent

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


@dataclass
class BuildReport:
    models: int = 0
    pages: int = 0
    bytes_written: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    search: search.SearchReport | None = None


def check(options: BuildOptions) -> tuple[SiteData | None, list[Model], list[Problem]]:
    """Load and validate everything without writing; used by build() and by `build.py check`."""
    data, problems = load_site_data(options.content_dir, options.root)
    if data is None:
        return None, [], problems
    context = Context(matchers(data.vocabularies), data.settings.default_level,
                      (options.today or dt.date.today()).year, options.root, options.content_dir)
    files = [str(p) for p in find_model_files(options.content_dir / MODELS_FOLDER)]
    _STATE["context"] = context
    results = [item for chunk in _run(_load_chunk, _chunks(files, options.workers), options.workers) for item in chunk]
    models = [model for model, _ in results if model is not None]
    problems += [p for _, found in results for p in found]
    problems += check_unique_slugs(models)
    return data, models, problems


def build(options: BuildOptions) -> BuildReport:
    """Build the site into options.out_dir; raise ContentError (site untouched) on bad content."""
    report = BuildReport()
    clock = _Clock(report.timings)
    data, models, problems = check(options)
    clock.lap("load_validate")
    if data is None or has_errors(problems, options.strict):
        raise ContentError(problems)
    site = build_site(data, models, options.base_url)
    clock.lap("site_model")
    writing.check_output(options.out_dir, (options.content_dir, options.layouts_dir), options.root)
    staging = writing.new_staging(options.out_dir)
    try:
        report.pages, report.bytes_written = _render_all(site, staging, options)
        clock.lap("render_write")
        writing.copy_static(options.layouts_dir / "static", staging)
        writing.copy_images(site, options.root, staging)
        security.write_headers(staging)
        clock.lap("assets")
        if options.search:
            report.search = search.index_site(staging)
            clock.lap("search")
        writing.swap_into_place(staging, options.out_dir)
        clock.lap("swap")
    except BaseException:
        writing.discard(staging)
        raise
    report.models = len(site.models)
    report.warnings = sorted(problems, key=Problem.sort_key)
    return report


def _render_all(site: Site, staging: Path, options: BuildOptions) -> tuple[int, int]:
    jobs = plan_pages(site)
    _STATE.update(site=site, staging=staging, layouts=str(options.layouts_dir))
    sizes = _run(_render_chunk, _chunks(jobs, options.workers), options.workers)
    return len(jobs), sum(sizes)


# -- parallel helpers: workers are forked, so they inherit _STATE instead of unpickling it --------
_STATE: dict = {}


def _load_chunk(files: list[str]) -> list[tuple[Model | None, list[Problem]]]:
    context = _STATE["context"]
    return [load_model(Path(file), context) for file in files]


def _render_chunk(jobs: list[PageJob]) -> int:
    site, staging, layouts = _STATE["site"], _STATE["staging"], _STATE["layouts"]
    return sum(writing.write_page(staging, job.url, render_page(site, job, layouts)) for job in jobs)


def _chunks(items: list, workers: int) -> list[list]:
    """Contiguous chunks of about 100 items: small enough that no core idles at the end."""
    if not items:
        return []
    count = min(len(items), max(1, -(-len(items) // 100) if len(items) >= 200 else 1))
    size = -(-len(items) // count)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run(func, chunks: list[list], workers: int) -> list:
    """Map func over chunks, in worker processes when that helps; results keep the chunks' order."""
    with _fewer_collections():
        if workers <= 1 or len(chunks) <= 1:
            return [func(chunk) for chunk in chunks]
        with multiprocessing.get_context("fork").Pool(min(workers, len(chunks))) as pool:
            return pool.map(func, chunks, chunksize=1)


class _fewer_collections:  # noqa: N801 (used as a statement, like contextlib's helpers)
    """Freeze what exists and collect young objects less often: Markdown's element trees are
    short-lived and acyclic, and the default thresholds spend ~10 % of a build re-scanning."""

    def __enter__(self):
        self.thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)

    def __exit__(self, *exc):
        gc.set_threshold(*self.thresholds)
        gc.unfreeze()


class _Clock:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self.last
        self.last = now
