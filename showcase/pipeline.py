"""The build, top to bottom. The order of the calls in build() is the order of execution:

load site data → load and validate models (in parallel) → check across files → build the site
model → plan the pages → render and write them to staging (in parallel) → copy assets → index
search → swap. Nothing reaches the output folder unless every step succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import posixpath
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import (
    addresses,
    admin,
    assets,
    cache,
    cards,
    parallel,
    rendering,
    search,
    security,
    stamp,
    swap,
    synonyms,
    urls,
    wording,
    writing,
)
from .loading import check_unique_slugs, load_model
from .model import Model, SiteData
from .pages import Page, PageKind, of_kind, plan_pages
from .problems import ContentError, Problem, has_errors, problem
from .rendering import render_page
from .search import SHARD_PAGES
from .sharing import card_of
from .site_data import load_site_data, validation_context
from .site_model import Site, build_site
from .sources import MAX_FILE_BYTES, find_model_files
from .urls import base_url_error, is_local

MODELS_FOLDER = "mo-hinh"
Loaded = tuple[Model | None, list[Problem]]  # one model file: its model (None if unusable) and problems
# Pages that hold every model, or every model of a year: ~1,000 times a model page's work at 10,000 models.
COSTLY_PAGES = frozenset({PageKind.PRINT, PageKind.DATA, PageKind.SITEMAP, PageKind.FEED})


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
    use_cache: bool = True  # read and write the build cache (showcase/cache.py); --no-cache: a cold build
    search_part_pages: int = SHARD_PAGES  # model pages per part of the search index (tests: fewer)

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
    pages_rendered: int = 0  # pages rendered by this build (the others came from the build cache)
    unchanged: bool = False  # nothing changed since the last build: the output was left as it was (stamp.py)
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
    fingerprints: dict[str, cache.Fingerprints] = field(default_factory=dict)  # by model file, from the cache


def check(
    options: BuildOptions, report: BuildReport | None = None
) -> tuple[SiteData | None, list[Model], list[Problem]]:
    """Load and validate everything without writing; used by build() and by `build.py check`."""
    checked = _check(options, report or BuildReport(), process_images=False)
    return checked.data, checked.models, checked.problems


def _check(
    options: BuildOptions, report: BuildReport, process_images: bool = True, hashes: dict[str, str] | None = None
) -> Checked:
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
    files = find_model_files(models_dir)
    prints: dict[str, cache.Fingerprints] = {}
    hits: dict[str, frozenset[int]] = {}
    loaded = load_files(files, context, options, report, prints, hashes, synonyms.targets_of(data.synonyms), hits)
    checked = assemble(options, data, loaded, problems, report, hits)
    return dataclasses.replace(checked, fingerprints=prints)


def data_files(options: BuildOptions) -> list[Path]:
    """The files under content/ every page and check may depend on: settings, vocabularies, sources…"""
    content = options.content_dir
    if not content.is_dir():
        return []
    return sorted(p for p in content.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


def model_cache(options: BuildOptions, context) -> cache.ModelCache | None:
    """The validated-models cache for this context: the same data files, day and kind of check."""
    if not options.use_cache:
        return None
    key = cache.digest(
        cache.tool_version(),
        cache.files_digest(data_files(options), options.root),
        (options.today or dt.date.today()).isoformat(),
        context.cache_dir is not None,
        options.root,
        options.content_dir,
    )
    images = context.cache_dir / "images" if context.cache_dir is not None else None
    return cache.ModelCache(options.cache / "models", key, options.root, images)


def load_files(
    files: list[str],
    context,
    options: BuildOptions,
    report: BuildReport,
    fingerprints: dict[str, cache.Fingerprints] | None = None,
    hashes: dict[str, str] | None = None,
    targets: synonyms.Targets = (),
    hits: dict[str, frozenset[int]] | None = None,
) -> list[Loaded]:
    """Load and validate model files: (model or None, its problems) for each file. Files the cache
    kept are looked up here, the rest validated in worker processes: after one edit, sending 10,000
    kept models back from workers cost more than reading them. With the cache, `fingerprints` (if
    given) receives each kept model's, by its source_path; `hashes` are the files' content hashes
    if the build has them already (cache.sources_digest). `hits` (if given) receives each valid
    model's synonyms.model_hits for `targets` (content/synonyms.yaml), found where it is validated."""
    models = model_cache(options, context)
    hashed = hashes or {}
    kept = [_kept(models, name, hashed.get(name)) for name in files] if models is not None else [None] * len(files)
    missing = [name for name, result in zip(files, kept, strict=True) if result is None]
    state = {"context": context, "models": models, "targets": targets}
    progress = _stage(options, "load")
    found = len(files) - len(missing)
    if progress is not None and found:
        progress(found, len(files))
    counted = (lambda done, total: progress(found + done, found + total)) if progress is not None else None
    chunks, processes = parallel.run(_load_chunk, missing, state, options.parallel, counted)
    report.processes = max(report.processes, processes)
    made = iter([item for chunk in chunks for item in chunk])
    loaded = [result if result is not None else next(made) for result in kept]
    if fingerprints is not None:
        fingerprints.update((model.source_path, prints) for (model, _), prints, _ in loaded if prints and model)
    if hits is not None:
        hits.update((model.source_path, found) for (model, _), _, found in loaded if model)
    return [item for item, _, _ in loaded]


def _stage(options: BuildOptions, stage: str) -> Callable[[int, int], None] | None:
    if options.progress is None:
        return None
    return lambda done, total: options.progress(stage, done, total)


def assemble(
    options: BuildOptions,
    data: SiteData,
    loaded: list[Loaded],
    problems: list[Problem],
    report: BuildReport,
    hits: dict[str, frozenset[int]],
) -> Checked:
    """From loaded model files to the site and its pages, with the checks that need every file at once.
    `hits`: each model file's synonyms.model_hits, as load_files found them.

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
    problems += _synonym_problems(site, options, hits)
    problems += addresses.collisions(site, options.root, options.content_dir)
    problems += addresses.broken_body_links(site, pages)
    if options.record != "off":
        problems += addresses.compare(site, pages, options.record_file, options.root)
    return Checked(data, models, problems, site, pages)


def build(options: BuildOptions) -> BuildReport:
    """Build the site into options.out_dir; raise ContentError (site untouched) on bad content.

    The whole build holds the output's lock: a second build of the same folder waits (swap.py), and
    what the stamp compares (the output folder, the spare) cannot change under it. Meanwhile a child
    process describes those folders (stamp.Descriptions)."""
    sources = (options.content_dir, options.layouts_dir)
    writing.check_output(options.out_dir, sources, options.root)  # first: a refused folder costs nothing
    with swap.output_lock(options.out_dir):
        writing.check_output(options.out_dir, sources, options.root)  # again: another build may have run meanwhile
        if not options.use_cache:
            return _build(options, None)
        with stamp.describing(options) as descriptions:
            return _build(options, descriptions)


def _build(options: BuildOptions, descriptions: stamp.Descriptions | None) -> BuildReport:
    """build(), holding the output's lock."""
    report = BuildReport()
    clock = _Clock(report.timings)
    rendering.environment.cache_clear()  # templates and static files as they are now, not as a past build
    assets.published.cache_clear()  # in this process (tests, serve) saw them
    hashes: dict[str, str] = {}  # content files' hashes, by path: the models cache looks kept models up by them
    if options.use_cache or options.search:
        memo = cache.HashMemo(options.cache) if options.use_cache else None
        read = cache.sources_digest(options.content_dir, options.layouts_dir, hashes, memo)
        if memo is not None:
            memo.save()
    else:
        read = ""
    inputs = stamp.inputs_digest(options, read) if options.use_cache else ""
    if inputs and (previous := stamp.unchanged(options, inputs, descriptions)) is not None:
        clock.lap("unchanged")
        return _as_unchanged(previous, report.timings)
    setup = page_setup(options) if options.use_cache else ""
    if descriptions is not None:
        descriptions.make_spare(options, setup)  # while the sources load, when there is no spare to recycle
    checked = _check(options, report, hashes=hashes)
    clock.lap("load_validate")
    problems = checked.problems + _local_address(options, checked.site)
    if options.record == "update":  # this build records the new addresses itself: not a problem
        problems = [p for p in problems if p.code != "url-unrecorded"]
    if checked.site is None or has_errors(problems, options.strict):
        if descriptions is not None:
            descriptions.keep_spare(options)  # for the build that follows the editor's fix
        raise ContentError(problems)
    site, pages = checked.site, checked.pages
    shards = search_shards(site, pages, options.search_part_pages) if options.search else ()
    if options.search:
        tag = search.tag_for(read, site.base_url)
        site = dataclasses.replace(site, search_tag=tag, search_parts=tuple(shard.folder for shard in shards[1:]))
    clock.lap("site_model")
    spare = writing.spare_folder(options.out_dir)
    reusable = stamp.reusable_output(options, spare, descriptions) if inputs else stamp.Reusable()
    plan = _cache_plan(site, pages, shards, options, setup, reusable, checked.fingerprints)
    staging, plan = _staging(options.out_dir, spare, reusable, plan)
    # index documents, for the parts of the search index the cache does not have
    fresh = options.search and len(plan.kept) < len(shards)
    documents = staging.with_name(staging.name + "-search") if fresh else None
    if documents is not None:
        writing.discard(documents)  # left by a killed build of the same process number
    try:
        vocabularies = _render_all(site, pages, staging, options, report, documents, plan)
        clock.lap("render_write")
        writing.copy_static(options.layouts_dir / "static", staging)
        writing.publish_images(site, options.root, staging, options.cache)
        security.write_headers(staging)
        admin.write_admin(site.data, staging, options.content_dir, options.today or dt.date.today())
        security.write_redirects(staging, of_kind(pages, PageKind.REDIRECT), site.base_url)
        clock.lap("assets")
        if options.search:
            report.search = _search(staging, documents, vocabularies, plan, options)
            clock.lap("search")
        entries = writing.publishable_permissions(staging)
        # the old site is kept to be recycled only when the stamp can say what it holds
        report.swap = swap.swap_into_place(staging, options.out_dir, spare if reusable.recorded[0] else None)
        # while no other build can write it: a stamp must describe this build's output, not a later one's
        if not inputs:
            output_state = ""
        elif report.swap == "in-place":  # files copied into the mount point: new times
            output_state = stamp.output_digest(options.out_dir)
        else:  # renamed: the same files, the same times
            output_state = stamp.entries_digest(entries)
        clock.lap("swap")
    except BaseException:
        writing.discard(staging)
        raise
    finally:
        if documents is not None:
            writing.discard(documents)  # and any part Pagefind made that was not placed (a failed build)
    if options.record == "update":
        report.recorded = addresses.update_record(options.record_file, pages)
    report.models = len(site.models)
    report.pages = len(pages)
    report.pages_by_kind = {kind.value: len(of_kind(pages, kind)) for kind in PageKind}
    report.warnings = sorted(problems, key=Problem.sort_key)
    if inputs:
        parts = {shard.folder: key for shard, key in zip(plan.shards, plan.part_keys, strict=True)}
        kept = reusable.recorded if report.swap == "exchanged-kept" else ("", {})
        stamp.save(options, inputs, output_state, report, plan.keys, parts, kept, setup)
        models = [page.url for page in of_kind(pages, PageKind.MODEL)]
        search_setup = plan.search_setup if options.search else None
        plan.pages.prune(lambda: cache.pages_in_use(plan.keys, models, search_setup))
    return report


def _staging(out: Path, spare: Path, reusable: stamp.Reusable, plan: _CachePlan) -> tuple[Path, _CachePlan]:
    """The staging folder: the spare recycled when the stamp says what it holds (its pages that this
    build would write with the same cache name stay), else a new, empty one."""
    if not reusable.spare_files:
        return writing.new_staging(out), plan
    same = {url: urls.output_path(url) for url, key in reusable.spare_pages.items() if plan.keys.get(url) == key}
    keep = set(same.values())
    in_use = {posixpath.dirname(urls.output_path(url)) for url in plan.keys}  # the folders of every page
    writing.sweep_leftovers(out)
    try:
        staging = writing.recycle_staging(out, spare, reusable.spare_files, keep, in_use)
    except OSError:
        writing.discard(writing.staging_folder(out))  # half recycled: worth nothing
        raise
    sizes = {url: reusable.spare_files[path] for url, path in same.items()}
    return staging, dataclasses.replace(plan, in_staging=sizes)


def _as_unchanged(previous: BuildReport, timings: dict[str, float]) -> BuildReport:
    """The last build's report (its pages, models and warnings) for a build that found nothing to do."""
    return dataclasses.replace(
        previous,
        unchanged=True,
        timings=timings,
        processes=1,
        recorded=0,
        swap="",
        images_processed=0,
        cards_drawn=0,
        pages_rendered=0,
        bytes_written=0,
    )


def _synonym_problems(site: Site, options: BuildOptions, hits: dict[str, frozenset[int]]) -> list[Problem]:
    """content/synonyms.yaml against the words the model pages offer search: each model's texts (its
    `hits`, as load_files found them) and the labels of its terms, once each."""
    if not site.data.synonyms:
        return []
    targets = synonyms.targets_of(site.data.synonyms)
    found: set[int] = set()
    for model in site.models:
        found |= hits[model.source_path]
    for label in {term.label for facet in site.facets for term in facet.terms if term.models}:
        found |= synonyms.text_hits(label, targets)
    file = options.content_dir / synonyms.SYNONYMS_FILE
    held = frozenset(found) if site.models else None
    return synonyms.check_synonyms(site.data.synonyms, held, targets, file, _relative(file, options))


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


def search_shards(site: Site, pages: list[Page], size: int = SHARD_PAGES) -> tuple[search.Shard, ...]:
    """The parts of the search index for these model pages (search.plan_shards)."""
    return search.plan_shards(
        ((site.models[page.args[0]].year, page.url) for page in of_kind(pages, PageKind.MODEL)), size
    )


@dataclass(frozen=True)
class _CachePlan:
    """What the build cache can give this build: each page's cache name, the parts of the search
    index kept there."""

    shards: tuple[search.Shard, ...] = ()
    shard_of: dict[str, int] = field(default_factory=dict)  # model page URL → its part of the search index
    pages: cache.PageCache | None = None
    keys: dict[str, str] = field(default_factory=dict)  # page URL → cache name
    repeated: frozenset[str] = frozenset()  # paragraphs on many model pages: not indexed (search.py)
    search_setup: str = ""
    part_keys: tuple[str, ...] = ()  # each part's cache name: its pages' index documents
    kept: dict[int, Path] = field(default_factory=dict)  # part number → the kept part of exactly those pages
    live: frozenset[str] = frozenset()  # URLs of pages the output folder holds as this build would write them
    out_dir: Path = Path()  # the output folder, where the `live` pages are (set with them)
    live_parts: dict[int, Path] = field(default_factory=dict)  # kept part number → the same part in the output
    in_staging: dict[str, int] = field(default_factory=dict)  # page URL → size: in the recycled staging folder
    templates: str | None = None  # where Jinja keeps the compiled templates (cache.templates_folder)

    def live_page(self, url: str) -> Path:
        """Where the output folder holds the page at url (one of `live`): a Path only for the pages a
        build takes from there, not for all 12,500 of them (20 ms of a build after one edit)."""
        return self.out_dir / urls.output_path(url)


def page_setup(options: BuildOptions) -> str:
    """What every page's cache name depends on that the build knows before it loads the sources: this
    program, the templates, the data files and the options (the site's address, from the settings, is
    added to it then). When it changed since the last build, nearly every page will be rendered again."""
    return cache.digest(
        cache.tool_version(),
        cache.tree_digest(options.layouts_dir),
        cache.files_digest(data_files(options), options.root),
        options.base_url,
        options.drafts,
        options.search,
        options.preview,
    )


def _cache_plan(
    site: Site,
    pages: list[Page],
    shards: tuple[search.Shard, ...],
    options: BuildOptions,
    setup: str,
    in_output: stamp.Reusable | None = None,
    fingerprints: dict[str, cache.Fingerprints] | None = None,
) -> _CachePlan:
    """in_output: the cache names of the pages (by URL) and search index parts (by folder) in the output
    folder (stamp.reusable_output); fingerprints: the models' that the cache kept (Checked)."""
    repeated = (
        search.repeated_paragraphs([urls.rebase(model.body_html, site.base_url) for model in site.models])
        if options.search
        else frozenset()  # only index documents leave them out
    )
    shard_of = {url: number for number, shard in enumerate(shards) for url in shard.urls}
    if not options.use_cache:
        return _CachePlan(shards, shard_of, repeated=repeated)
    keys = cache.page_keys(site, pages, cache.digest(setup, site.base_url), fingerprints)
    search_setup = cache.digest(*sorted(repeated))
    part_keys = tuple(
        cache.digest(shard.first, *(cache.document_key(keys[url], search_setup) for url in shard.urls))
        for shard in shards
    )
    parts = cache.BundleCache(options.cache / "search")
    kept = {number: part for number, key in enumerate(part_keys) if (part := parts.get(key)) is not None}
    pages_out, parts_out = (in_output.pages, in_output.parts) if in_output is not None else ({}, {})
    live = frozenset(url for url, key in pages_out.items() if keys.get(url) == key)  # paths made when used
    live_parts = {
        number: options.out_dir / search.INDEX_FOLDER / shards[number].folder
        for number in kept
        if parts_out.get(shards[number].folder) == part_keys[number]
    }
    return _CachePlan(
        shards=shards,
        shard_of=shard_of,
        pages=cache.PageCache(options.cache / "pages"),
        keys=keys,
        repeated=repeated,
        search_setup=search_setup,
        part_keys=part_keys,
        kept=kept,
        live=live,
        out_dir=options.out_dir,
        live_parts=live_parts,
        templates=str(cache.templates_folder(options.cache)),
    )


def _search(
    staging: Path,
    documents: Path | None,
    vocabularies: dict[int, search.Vocabulary],
    plan: _CachePlan,
    options: BuildOptions,
) -> search.SearchReport:
    """The search bundle: each part kept in the cache, or made by Pagefind from the index documents,
    a few parts at a time; then the vocabulary of all of them."""
    started = time.perf_counter()
    bundle = staging / search.INDEX_FOLDER
    fresh = [number for number in range(len(plan.shards)) if number not in plan.kept]
    if options.progress is not None and fresh:
        options.progress("search", 0, sum(len(plan.shards[number].urls) for number in fresh))
    made = search.index_shards(documents, plan.shards, fresh, options.parallel.workers) if fresh else {}
    kept = cache.BundleCache(options.cache / "search") if options.use_cache else None
    vocabulary = search.Vocabulary()
    for number in range(len(plan.shards)):
        if number in plan.kept:
            vocabulary.merge(search.Vocabulary.from_state(kept.words(plan.kept[number])))
        else:
            vocabulary.merge(vocabularies[number])
            if kept is not None:
                kept.put(plan.part_keys[number], made[number], vocabularies[number].state())
    search.place_shards(bundle, plan.shards, made, plan.kept, plan.live_parts)
    search.write_vocabulary(bundle, plan.shards, vocabulary)
    if kept is not None:
        kept.prune(len(plan.shards))
    return search.bundle_report(bundle, plan.shards, len(plan.kept), time.perf_counter() - started)


def _render_all(
    site: Site,
    pages: list[Page],
    staging: Path,
    options: BuildOptions,
    report: BuildReport,
    documents: Path | None,
    plan: _CachePlan,
) -> dict[int, search.Vocabulary]:
    """Render every page in the workers (or take it from the cache); with search, the index document
    of each model page whose part of the index the cache does not have (into `documents`), while the
    page is in memory. Returns the search vocabulary of those parts, by part number."""
    state = {
        "site": site,
        "staging": staging,
        "layouts": str(options.layouts_dir),
        "cache": options.cache,
        "documents": documents,
        "plan": plan,
    }
    in_place = {page.url for page in pages if _already_in_staging(site, page, plan, documents)}
    light = [page for page in pages if page.kind not in COSTLY_PAGES and page.url not in in_place]
    costly = [page for page in pages if page.kind in COSTLY_PAGES and page.url not in in_place]
    progress = _stage(options, "render")
    results, processes = parallel.run(_render_chunk, light, state, options.parallel, progress, alone=costly)
    report.processes = max(report.processes, processes)
    report.cards_drawn = sum(result.drawn for result in results)
    report.bytes_written = sum(result.written for result in results)
    report.bytes_written += sum(plan.in_staging[url] for url in in_place)
    report.pages_rendered = sum(result.rendered for result in results)
    vocabularies: dict[int, search.Vocabulary] = {}
    for result in results:
        for number, vocabulary in result.vocabularies.items():
            vocabularies.setdefault(number, search.Vocabulary()).merge(vocabulary)
    return vocabularies


# -- what one worker does with one chunk (module level, so spawned workers can find them) ----------


def _kept(
    models: cache.ModelCache, name: str, hashed: str | None
) -> tuple[Loaded, cache.Fingerprints, frozenset[int]] | None:
    """A model file's result as the cache kept it, if it did; `hashed`: its bytes' content_hash as the
    build found it before (cache.sources_digest), else None and the file is read here."""
    if hashed is None or len(hashed) != HASH_LENGTH:  # a link or a large file has a file_part of its own
        data = _model_bytes(name)
        if data is None:
            return None
        hashed = cache.content_hash(data)
    return models.get(name, hashed)


HASH_LENGTH = len(cache.content_hash(b""))


def _model_bytes(name: str) -> bytes | None:
    """The bytes of a regular file of a model's size; None for anything else (read_source reports it)."""
    try:
        info = os.lstat(name)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        with open(name, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _load_chunk(files: list[str]) -> list[tuple[Loaded, cache.Fingerprints | None, frozenset[int]]]:
    """Validate each file (none of them is kept in the cache) and find its synonym hits; keep both,
    with the model's fingerprints, when the cache is on."""
    state = parallel.shared()
    context, models, targets = state["context"], state["models"], state["targets"]
    loaded = []
    for name in files:
        before = _model_bytes(name) if models is not None else None
        fresh = load_model(Path(name), context)
        hits = synonyms.model_hits(fresh[0], targets) if fresh[0] is not None else frozenset()
        # kept only if the file did not change while it was checked: else its result would be filed
        # under bytes it was not made from, and published for them until the file changed again
        same = before is not None and _model_bytes(name) == before
        loaded.append((fresh, models.put(Path(name), before, fresh, hits) if same else None, hits))
    return loaded


@dataclass
class _Rendered:
    """What one chunk of pages gave: bytes written, share cards drawn, its model pages' search words
    by part of the index."""

    written: int = 0
    drawn: int = 0
    rendered: int = 0
    vocabularies: dict[int, search.Vocabulary] = field(default_factory=dict)


def _already_in_staging(site: Site, page: Page, plan: _CachePlan, documents: Path | None) -> bool:
    """A page of the recycled staging folder that needs nothing more: no index document to make, no
    share card to put beside it (cards are not pages: recycling removed them). After one edit that is
    nearly every page, and handing them to the workers would cost more than the rest of the stage."""
    if page.url not in plan.in_staging:
        return False
    if documents is not None and page.kind is PageKind.MODEL and plan.shard_of[page.url] not in plan.kept:
        return False
    return card_of(site, page) is None


def _render_chunk(pages: list[Page]) -> _Rendered:
    """Render and write each page, draw the share card a page owns, and make each model page's index
    document (search.index_document) while its HTML is in memory."""
    state = parallel.shared()
    site, staging, layouts, cache_dir = state["site"], state["staging"], state["layouts"], state["cache"]
    documents, plan = state["documents"], state["plan"]
    done = _Rendered()
    for page in pages:
        html = _page(site, page, layouts, staging, plan, done)
        if documents is not None and page.kind is PageKind.MODEL and plan.shard_of[page.url] not in plan.kept:
            _document(site, page, html, documents, plan, done, staging)
        card = card_of(site, page)
        if card is not None:
            destination = writing.target(staging, urls.output_path(card[0]))
            done.drawn += cards.write_card(destination, cache_dir, site.data.settings.title, *card[1])
    return done


def _page(site: Site, page: Page, layouts: str, staging: Path, plan: _CachePlan, done: _Rendered) -> str | None:
    """Write one page into staging, from the output folder or the cache when kept there; its HTML
    when it was rendered."""
    if page.url in plan.in_staging:
        done.written += plan.in_staging[page.url]
        return None
    if page.url in plan.live:
        done.written += writing.reuse_file(plan.live_page(page.url), staging, page.url)
        return None
    kept = plan.pages.page(plan.keys[page.url]) if plan.pages is not None else None
    if kept is not None and kept.is_file():
        done.written += writing.place_file(kept, staging, page.url)
        return None
    fragments = _fragments(plan) if page.kind is PageKind.PRINT else None
    html = render_page(site, page, layouts, fragments, compiled=plan.templates)
    done.written += writing.write_page(staging, page.url, html)
    done.rendered += 1
    if kept is not None:
        plan.pages.put(kept, html.encode("utf-8"))
    return html


def _fragments(plan: _CachePlan) -> rendering.Fragments | None:
    """A model's part of a printable page from the cache, kept with its model page's cache name."""
    if plan.pages is None:
        return None

    def kept_or_rendered(model: Model, render: Callable[[], str]) -> str:
        page_key = plan.keys.get(urls.model_url(model.slug))
        if page_key is None:
            return render()
        path = plan.pages.fragment(page_key, "print")
        try:
            return path.read_bytes().decode("utf-8")
        except OSError:
            html = render()
            plan.pages.put(path, html.encode("utf-8"))
            return html

    return kept_or_rendered


def _document(
    site: Site, page: Page, html: str | None, documents: Path, plan: _CachePlan, done: _Rendered, staging: Path
) -> None:
    """A model page's search index document and words, from the cache when kept there."""
    key = cache.document_key(plan.keys[page.url], plan.search_setup) if plan.pages is not None else ""
    number = plan.shard_of[page.url]
    folder = search.documents_of(documents, number)
    vocabulary = done.vocabularies.setdefault(number, search.Vocabulary())
    if key and plan.pages.document(key).is_file() and plan.pages.words(key).is_file():
        writing.place_file(plan.pages.document(key), folder, page.url, link=True)
        vocabulary.add_page([tuple(pair) for pair in json.loads(plan.pages.words(key).read_text("utf-8"))])
        return
    if html is None:  # the page came from the cache, the output folder or the recycled staging folder
        kept = plan.pages.page(plan.keys[page.url])
        if not kept.is_file():
            kept = plan.live_page(page.url) if page.url in plan.live else staging / urls.output_path(page.url)
        html = kept.read_text(encoding="utf-8")
    document, words = search.index_document(html, site.data.synonyms, plan.repeated)
    search.write_document(folder, urls.output_path(page.url), document)
    vocabulary.add_page(words)
    if key:
        plan.pages.put(plan.pages.document(key), document.encode("utf-8"))
        plan.pages.put(plan.pages.words(key), json.dumps(words, ensure_ascii=False).encode("utf-8"))


class _Clock:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self.last
        self.last = now
