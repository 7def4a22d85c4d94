"""The build, top to bottom. The order of the calls in build() is the order of execution:

load site data → load and validate models (in parallel) → check across files → build the site
model → plan the pages → render and write them to staging (in parallel) → copy assets → index
search → swap. Nothing reaches the output folder unless every step succeeded.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import parallel, search, security, wording, writing
from .loading import check_unique_slugs, load_model
from .model import Model, SiteData
from .pages import Page, PageKind, of_kind, plan_pages
from .problems import ContentError, Problem, has_errors
from .rendering import render_page
from .site_data import load_site_data, validation_context
from .site_model import Site, build_site
from .sources import find_model_files

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
    chunk_size: int = 0  # items per worker task; 0: automatic (tests set it small to exercise the pool)
    start_method: str | None = None  # "fork" or "spawn"; None: fork where available

    @property
    def root(self) -> Path:
        return self.content_dir.parent

    @property
    def parallel(self) -> parallel.Plan:
        return parallel.Plan(self.jobs or os.cpu_count() or 1, self.chunk_size, self.start_method)


@dataclass
class BuildReport:
    models: int = 0
    pages: int = 0
    pages_by_kind: dict[str, int] = field(default_factory=dict)
    bytes_written: int = 0
    processes: int = 1  # the most worker processes any parallel stage used
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    search: search.SearchReport | None = None


def check(
    options: BuildOptions, report: BuildReport | None = None
) -> tuple[SiteData | None, list[Model], list[Problem]]:
    """Load and validate everything without writing; used by build() and by `build.py check`."""
    data, problems = load_site_data(options.content_dir, options.root, options.today)
    if data is None:
        return None, [], problems
    context = validation_context(data, options.content_dir, options.root, options.today)
    files = [str(p) for p in find_model_files(options.content_dir / MODELS_FOLDER)]
    chunks, processes = parallel.run(_load_chunk, files, {"context": context}, options.parallel)
    if report is not None:
        report.processes = max(report.processes, processes)
    results = [item for chunk in chunks for item in chunk]
    models = [model for model, _ in results if model is not None]
    problems += [p for _, found in results for p in found]
    problems += check_unique_slugs(models)
    problems += wording.template_facts(options.layouts_dir, options.root)
    return data, models, problems


def build(options: BuildOptions) -> BuildReport:
    """Build the site into options.out_dir; raise ContentError (site untouched) on bad content."""
    report = BuildReport()
    clock = _Clock(report.timings)
    data, models, problems = check(options, report)
    clock.lap("load_validate")
    if data is None or has_errors(problems, options.strict):
        raise ContentError(problems)
    site = build_site(data, models, options.base_url)
    pages = plan_pages(site)
    clock.lap("site_model")
    writing.check_output(options.out_dir, (options.content_dir, options.layouts_dir), options.root)
    staging = writing.new_staging(options.out_dir)
    try:
        report.bytes_written = _render_all(site, pages, staging, options, report)
        clock.lap("render_write")
        writing.copy_static(options.layouts_dir / "static", staging)
        writing.copy_images(site, options.root, staging)
        security.write_headers(staging)
        clock.lap("assets")
        if options.search:
            report.search = search.index_site(staging, [page.url for page in of_kind(pages, PageKind.MODEL)])
            clock.lap("search")
        writing.swap_into_place(staging, options.out_dir)
        clock.lap("swap")
    except BaseException:
        writing.discard(staging)
        raise
    report.models = len(site.models)
    report.pages = len(pages)
    report.pages_by_kind = {kind.value: len(of_kind(pages, kind)) for kind in PageKind}
    report.warnings = sorted(problems, key=Problem.sort_key)
    return report


def _render_all(site: Site, pages: list[Page], staging: Path, options: BuildOptions, report: BuildReport) -> int:
    state = {"site": site, "staging": staging, "layouts": str(options.layouts_dir)}
    sizes, processes = parallel.run(_render_chunk, pages, state, options.parallel)
    report.processes = max(report.processes, processes)
    return sum(sizes)


# -- what one worker does with one chunk (module level, so spawned workers can find them) ----------


def _load_chunk(files: list[str]) -> list[tuple[Model | None, list[Problem]]]:
    context = parallel.shared()["context"]
    return [load_model(Path(file), context) for file in files]


def _render_chunk(pages: list[Page]) -> int:
    state = parallel.shared()
    site, staging, layouts = state["site"], state["staging"], state["layouts"]
    return sum(writing.write_page(staging, page.url, render_page(site, page, layouts)) for page in pages)


class _Clock:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self.last
        self.last = now
