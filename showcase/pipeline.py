"""The build, top to bottom. The order of the calls in build() is the order of execution:

load site data → load and validate models (in parallel) → check across files → build the site
model → plan the pages → render and write them to staging (in parallel) → copy assets → index
search → swap. Nothing reaches the output folder unless every step succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import addresses, cards, parallel, search, security, swap, synonyms, urls, wording, writing
from .loading import check_unique_slugs, load_model
from .model import Model, SiteData
from .pages import Page, PageKind, of_kind, plan_pages
from .problems import ContentError, Problem, has_errors, problem
from .rendering import render_page
from .sharing import share_for
from .site_data import load_site_data, validation_context
from .site_model import Site, build_site
from .sources import find_model_files
from .urls import base_url_error, is_local

MODELS_FOLDER = "mo-hinh"
Loaded = tuple[Model | None, list[Problem]]  # one model file: its model (None if unusable) and problems


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
    record: str = "check"  # the URL record: "check" it, "update" it after a build, or "off"
    preview: bool = False  # serve: a local address is expected, not a mistake
    drafts: bool = False  # include models marked draft: true (serve does; a build only with --drafts)
    cache_dir: Path | None = None  # processed images, share cards; None: <project>/.cache (safe to delete)
    progress: Callable[[str, int, int], None] | None = None  # told (stage, done, total) as a build goes

    @property
    def root(self) -> Path:
        return self.content_dir.parent

    @property
    def cache(self) -> Path:
        return self.cache_dir or self.root / ".cache"

    @property
    def record_file(self) -> Path:
        return self.content_dir / addresses.RECORD_FILE

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
    recorded: int = 0  # new addresses added to the URL record
    swap: str = ""  # how the new site took the old one's place (showcase/swap.py)
    images_processed: int = 0  # pictures decoded and encoded by this build (0 when all came from the cache)
    cards_drawn: int = 0  # share cards drawn by this build
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    search: search.SearchReport | None = None


@dataclass
class Checked:
    """Everything stages 1–5 produce: the data, the models, the site and its pages, and every problem."""

    data: SiteData | None
    models: list[Model]
    problems: list[Problem]
    site: Site | None = None
    pages: list[Page] = field(default_factory=list)


def check(
    options: BuildOptions, report: BuildReport | None = None
) -> tuple[SiteData | None, list[Model], list[Problem]]:
    """Load and validate everything without writing; used by build() and by `build.py check`."""
    checked = _check(options, report or BuildReport(), process_images=False)
    return checked.data, checked.models, checked.problems


def _check(options: BuildOptions, report: BuildReport, process_images: bool = True) -> Checked:
    data, problems = load_site_data(options.content_dir, options.root, options.today)
    if data is None:
        return Checked(None, [], problems)
    models_dir = options.content_dir / MODELS_FOLDER
    if not models_dir.is_dir():
        return Checked(
            data,
            [],
            problems
            + [
                problem(
                    "models-folder-missing", _relative(models_dir, options), None, got=_relative(models_dir, options)
                )
            ],
        )
    context = validation_context(
        data, options.content_dir, options.root, options.today, options.cache if process_images else None
    )
    files = [str(p) for p in find_model_files(models_dir)]
    return assemble(options, data, load_files(files, context, options, report), problems, report)


def load_files(files: list[str], context, options: BuildOptions, report: BuildReport) -> list[Loaded]:
    """Load and validate model files in worker processes: (model or None, its problems) for each file."""
    chunks, processes = parallel.run(
        _load_chunk, files, {"context": context}, options.parallel, _stage(options, "load")
    )
    report.processes = max(report.processes, processes)
    return [item for chunk in chunks for item in chunk]


def _stage(options: BuildOptions, stage: str) -> Callable[[int, int], None] | None:
    if options.progress is None:
        return None
    return lambda done, total: options.progress(stage, done, total)


def assemble(
    options: BuildOptions, data: SiteData, loaded: list[Loaded], problems: list[Problem], report: BuildReport
) -> Checked:
    """From loaded model files to the site and its pages, with the checks that need every file at once.

    `serve` calls it after reloading only the files that changed (showcase/preview.py)."""
    models = [model for model, _ in loaded if model is not None]
    problems = problems + [p for _, found in loaded for p in found]
    report.images_processed = sum(image.fresh for model in models for image in model.images + model.body_images)
    problems += check_unique_slugs(models)  # drafts included: a draft must not take a published address
    if not options.drafts:
        models = [model for model in models if not model.draft]
    problems += wording.template_facts(options.layouts_dir, options.root)
    problems += _base_url_problems(options)
    site = build_site(data, models, options.base_url)
    pages = plan_pages(site)
    problems += _synonym_problems(site, options)
    problems += addresses.collisions(site, options.root, options.content_dir)
    problems += addresses.broken_body_links(site, pages)
    if options.record != "off":
        problems += addresses.compare(site, pages, options.record_file, options.root)
    return Checked(data, models, problems, site, pages)


def build(options: BuildOptions) -> BuildReport:
    """Build the site into options.out_dir; raise ContentError (site untouched) on bad content."""
    report = BuildReport()
    clock = _Clock(report.timings)
    sources = (options.content_dir, options.layouts_dir)
    writing.check_output(options.out_dir, sources, options.root)  # first: a refused folder costs nothing
    checked = _check(options, report)
    clock.lap("load_validate")
    problems = checked.problems + _local_address(options, checked.site)
    if options.record == "update":  # this build records the new addresses itself: not a problem
        problems = [p for p in problems if p.code != "url-unrecorded"]
    if checked.site is None or has_errors(problems, options.strict):
        raise ContentError(problems)
    site, pages = checked.site, checked.pages
    if options.search:
        tag = search.cache_tag(options.content_dir, options.layouts_dir, site.base_url)
        site = dataclasses.replace(site, search_tag=tag)
    clock.lap("site_model")
    with swap.output_lock(options.out_dir):
        writing.check_output(options.out_dir, sources, options.root)  # again: another build may have run meanwhile
        staging = writing.new_staging(options.out_dir)
        try:
            report.bytes_written = _render_all(site, pages, staging, options, report)
            clock.lap("render_write")
            writing.copy_static(options.layouts_dir / "static", staging)
            writing.publish_images(site, options.root, staging, options.cache)
            security.write_headers(staging)
            security.write_redirects(staging, of_kind(pages, PageKind.REDIRECT), site.base_url)
            clock.lap("assets")
            if options.search:
                if options.progress is not None:
                    options.progress("search", 0, len(of_kind(pages, PageKind.MODEL)))
                model_urls = [page.url for page in of_kind(pages, PageKind.MODEL)]
                report.search = search.index_site(staging, model_urls, site.data.synonyms)
                clock.lap("search")
            writing.publishable_permissions(staging)
            report.swap = swap.swap_into_place(staging, options.out_dir)
            clock.lap("swap")
        except BaseException:
            writing.discard(staging)
            raise
    if options.record == "update":
        report.recorded = addresses.update_record(options.record_file, pages)
    report.models = len(site.models)
    report.pages = len(pages)
    report.pages_by_kind = {kind.value: len(of_kind(pages, kind)) for kind in PageKind}
    report.warnings = sorted(problems, key=Problem.sort_key)
    return report


def _synonym_problems(site: Site, options: BuildOptions) -> list[Problem]:
    """content/synonyms.yaml against the words the model pages offer search."""
    if not site.data.synonyms:
        return []
    pages_words = [
        synonyms.model_words(model, [term.label for facet in site.facets if (term := facet.term_of(model))])
        for model in site.models
    ]
    file = options.content_dir / synonyms.SYNONYMS_FILE
    return synonyms.check_synonyms(site.data.synonyms, pages_words, file, _relative(file, options))


def _base_url_problems(options: BuildOptions) -> list[Problem]:
    """The address given on the command line must be publishable."""
    if options.base_url is not None and (expected := base_url_error(options.base_url)):
        return [problem("base-url-invalid", "--base-url", None, expected=expected, got=options.base_url)]
    return []


def _local_address(options: BuildOptions, site: Site | None) -> list[Problem]:
    """A build published with a local base URL is said aloud (an error under --strict); serve expects one."""
    if site is None or options.preview or not is_local(site.base_url):
        return []
    where = "--base-url" if options.base_url else _relative(options.content_dir / "site.yaml", options)
    return [problem("base-url-local", where, None, key="base_url", got=site.base_url)]


def _relative(path: Path, options: BuildOptions) -> str:
    return path.relative_to(options.root).as_posix() if path.is_relative_to(options.root) else path.as_posix()


def _render_all(site: Site, pages: list[Page], staging: Path, options: BuildOptions, report: BuildReport) -> int:
    state = {"site": site, "staging": staging, "layouts": str(options.layouts_dir), "cache": options.cache}
    results, processes = parallel.run(_render_chunk, pages, state, options.parallel, _stage(options, "render"))
    report.processes = max(report.processes, processes)
    report.cards_drawn = sum(drawn for _, drawn in results)
    return sum(written for written, _ in results)


# -- what one worker does with one chunk (module level, so spawned workers can find them) ----------


def _load_chunk(files: list[str]) -> list[tuple[Model | None, list[Problem]]]:
    context = parallel.shared()["context"]
    return [load_model(Path(file), context) for file in files]


def _render_chunk(pages: list[Page]) -> tuple[int, int]:
    """Render and write each page, and draw the share card a page owns; (bytes written, cards drawn)."""
    state = parallel.shared()
    site, staging, layouts, cache = state["site"], state["staging"], state["layouts"], state["cache"]
    written = drawn = 0
    for page in pages:
        written += writing.write_page(staging, page.url, render_page(site, page, layouts))
        share = share_for(site, page)
        if share is not None and share.card is not None:
            destination = writing.target(staging, urls.output_path(share.image))
            drawn += cards.write_card(destination, cache, site.data.settings.title, *share.card)
    return written, drawn


class _Clock:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self.last
        self.last = now
