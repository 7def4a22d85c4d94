"""`serve`'s site: held in memory, reloaded as files change, each page rendered when it is asked for.

Why not build to disk on every save: a full build renders every page (seconds at 1,000 models), while
the editor looks at one. The preview keeps each model file's validated `Model`, reloads only the
files whose size or modification time changed, assembles the site again (sorting and grouping take
milliseconds) and renders a page when the browser asks for it, with the same templates and the same
checks as a build (`pipeline.assemble`). While the content has errors, the last good site stays on
screen and every page carries an overlay listing the problems; the first save that fixes them
clears it. Search is indexed again in a background thread once the pages are ready.

The browser learns of a change through `/__dvk/events` (Server-Sent Events), read by
`showcase/live/live.js`: both exist only here, never in a published site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import multiprocessing
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from . import admin, assets, cache, cards, images, rendering, search, security, synonyms, urls
from .model import SiteData
from .pages import HTML_KINDS, Page, PageKind
from .pipeline import MODELS_FOLDER, BuildOptions, BuildReport, Checked, Loaded, assemble, load_files, search_shards
from .problems import Problem, Severity, has_errors, problem
from .rendering import render_page
from .sharing import card_of
from .site_data import load_site_data, validation_context
from .site_model import Site

LIVE_DIR = Path(__file__).resolve().parent / "live"  # live.js and overlay.css: served by serve only
LIVE_PREFIX = "/__dvk/"
ADMIN_PREFIX = "/admin/"  # serve --admin only
SEARCH_QUIET = 1.5  # seconds without a save before the search index is made again
Stamp = tuple[int, int]  # (modification time in ns, size): a file changed when its stamp did


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """A site that can be shown: its pages by URL and the files published beside them."""

    site: Site
    pages: dict[str, Page]
    files: dict[str, Path]  # image renditions (from the cache) and linked documents, by URL

    @functools.cached_property
    def cards(self) -> dict[str, tuple[str, str]]:
        """Share card URL → (title, detail) to draw when asked for. Found when a card is first asked
        for, not after every save: looking at every page took 0.15 s at 10,000 models."""
        drawn: dict[str, tuple[str, str]] = {}
        for page in self.pages.values():
            card = card_of(self.site, page)
            if card is not None:
                drawn[card[0]] = card[1]
        return drawn


@dataclasses.dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes = b""
    file: Path | None = None
    policy: str = ""  # a Content-Security-Policy of its own (/admin/); empty: the site's


class Preview:
    """The preview's state; `refresh()` is called by a watcher thread, `respond()` by request threads."""

    def __init__(
        self,
        options: BuildOptions,
        on_change: Callable[[int, list[Problem]], None] | None = None,
        admin_url: str | None = None,
    ):
        self.options = dataclasses.replace(options, preview=True, drafts=True, record="off", search=False)
        self.admin_url = admin_url  # serve --admin: the local decap-server that /admin/ saves through
        self._admin_files: tuple[SiteData, dict[str, bytes | Path]] | None = None
        self.on_change = on_change
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.generation = 0  # goes up on every change the browser should see
        self.problems: list[Problem] = []
        self.snapshot: Snapshot | None = None
        self.workdir = Path(tempfile.mkdtemp(prefix="dvk-serve-"))
        self.search_dir: Path | None = None  # the newest finished search bundle
        self._indexing: multiprocessing.process.BaseProcess | None = None  # the child making an index
        self._search_wanted = threading.Event()
        self._data_stamps: dict[str, Stamp] | None = None  # None: nothing read yet
        self._model_stamps: dict[str, Stamp] = {}
        self._layout_stamps: dict[str, Stamp] = {}
        self._data: SiteData | None = None
        self._data_problems: list[Problem] = []
        self._loaded: dict[str, Loaded] = {}
        self._hits: dict[str, frozenset[int]] = {}  # synonyms.model_hits of each valid file of _loaded
        self._hashes = cache.HashMemo(self.options.cache)  # for the search tag: kept in memory, never saved
        self.last_refresh_seconds = 0.0
        self.last_look_seconds = 0.0  # the CPU time the last refresh() took to look at the files

    # -- watching ---------------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Reload whatever changed since the last call; True when the site (or its problems) changed."""
        started, look_started = time.perf_counter(), time.thread_time()
        data_stamps = _stamps(self._data_files())
        model_stamps = _file_stamps(self.options.content_dir / MODELS_FOLDER)
        layout_stamps = _stamps(self._layout_files())
        data_changed = data_stamps != self._data_stamps
        changed_models = _changed(model_stamps, self._model_stamps)
        self.last_look_seconds = time.thread_time() - look_started
        if not (data_changed or changed_models or layout_stamps != self._layout_stamps):
            return False
        if data_changed:
            self._data, self._data_problems = load_site_data(
                self.options.content_dir, self.options.root, self.options.today
            )
        if layout_stamps != self._layout_stamps:
            rendering.environment.cache_clear()  # templates and asset hashes are read again
            assets.published.cache_clear()
        # A changed picture or document may be used by any model file: validate them all again.
        everything = data_changed or any(not path.endswith(".md") for path in changed_models)
        self._reload_models(model_stamps, changed_models, everything)
        self._data_stamps, self._model_stamps, self._layout_stamps = data_stamps, model_stamps, layout_stamps
        self._assemble()
        self.last_refresh_seconds = time.perf_counter() - started
        return True

    def _reload_models(self, stamps: dict[str, Stamp], changed: set[str], everything: bool) -> None:
        """Validate the model files that are new or changed (all of them when the data or a picture changed)."""
        for gone in set(self._loaded) - set(stamps):
            del self._loaded[gone]
            self._hits.pop(gone, None)
        if self._data is None:
            return
        stale = sorted(p for p in stamps if p.endswith(".md") and (everything or p in changed))
        if not stale:
            return
        context = validation_context(
            self._data, self.options.content_dir, self.options.root, self.options.today, self.options.cache
        )
        serial = dataclasses.replace(self.options, jobs=1) if len(stale) < 50 else self.options
        targets = synonyms.targets_of(self._data.synonyms)  # new data reloads every file: hits stay current
        found: dict[str, frozenset[int]] = {}
        for path, loaded in zip(
            stale, load_files(stale, context, serial, BuildReport(), targets=targets, hits=found), strict=True
        ):
            self._loaded[path] = loaded
            if loaded[0] is None:
                self._hits.pop(path, None)
            else:
                self._hits[path] = found[loaded[0].source_path]

    def _assemble(self) -> None:
        problems = list(self._data_problems)
        checked: Checked | None = None
        if self._data is not None:
            models_dir = self.options.content_dir / MODELS_FOLDER
            if not models_dir.is_dir():
                problems.append(problem("models-folder-missing", MODELS_FOLDER, got=str(models_dir)))
            loaded = [self._loaded[p] for p in sorted(self._loaded)]
            hits = {self._loaded[path][0].source_path: found for path, found in self._hits.items()}
            checked = assemble(self.options, self._data, loaded, [], BuildReport(), hits)
            problems += checked.problems
        with self.changed:
            failed = checked is None or has_errors(problems)
            if not failed or self.snapshot is None and checked is not None and checked.site is not None:
                options = self.options
                tag = search.cache_tag(options.content_dir, options.layouts_dir, checked.site.base_url, self._hashes)
                self._hashes.again()
                shards = search_shards(checked.site, checked.pages, options.search_part_pages)
                parts = tuple(shard.folder for shard in shards[1:])
                site = dataclasses.replace(checked.site, search_tag=tag, search_parts=parts)
                self.snapshot = _snapshot(site, checked.pages, self.options)
                self._search_wanted.set()
            self.problems = sorted(problems, key=Problem.sort_key)
            self.generation += 1
            self.changed.notify_all()
        if self.on_change is not None:
            self.on_change(self.generation, self.problems)

    def _data_files(self) -> list[Path]:
        content = self.options.content_dir
        if not content.is_dir():
            return []
        return [p for p in content.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml")]

    def _layout_files(self) -> list[Path]:
        return [p for p in self.options.layouts_dir.rglob("*") if p.is_file()]

    def wait_for_change(self, known: int, timeout: float) -> int:
        """Block until the generation differs from `known` (or timeout); return the current one."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation != known, timeout)
            return self.generation

    # -- search in the background -------------------------------------------------------------------

    def index_search_forever(self, stop: threading.Event) -> None:
        """Index the model pages with Pagefind once saving has paused; the newest bundle is served.

        The indexing runs in a child process at a lower priority: rendering every model page in a
        thread of this process would hold the interpreter lock and slow the page the editor waits for."""
        while not stop.is_set():
            if not self._search_wanted.wait(0.2):
                continue
            self._search_wanted.clear()
            if stop.wait(SEARCH_QUIET) or self._search_wanted.is_set():
                continue  # still saving: index the newer site instead
            with self.lock:
                snapshot = self.snapshot
            if snapshot is not None:
                self._index(snapshot, stop)

    def _index(self, snapshot: Snapshot, stop: threading.Event) -> None:
        """Index one snapshot in a child process. The end of serve stops it, and so does a save once
        there is an index to show meanwhile: at 10,000 models an index takes about a minute of both
        cores, and one of a site that has changed since would only be replaced. The first index always
        finishes, so an editor who saves every few seconds still gets a search."""
        folder = Path(tempfile.mkdtemp(prefix="search-", dir=self.workdir))
        models = [page for page in snapshot.pages.values() if page.kind is PageKind.MODEL]
        context = multiprocessing.get_context("spawn")  # never fork a process whose threads may hold locks
        shards = search_shards(snapshot.site, models, self.options.search_part_pages)
        child = context.Process(
            target=_stoppable,
            args=(_index_pages, snapshot.site, models, shards, str(self.options.layouts_dir), folder),
            daemon=True,
        )
        child.start()
        with self.lock:
            self._indexing = child
        try:
            while child.is_alive() and not (stop.is_set() or self._search_wanted.is_set() and self.search_dir):
                child.join(0.1)
        finally:
            _stop(child)
            with self.lock:
                self._indexing = None
        if child.exitcode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            return  # stopped, or failed: the pages still work; the search page says the index could not load
        with self.lock:
            previous, self.search_dir = self.search_dir, folder / "pagefind"
        if previous is not None:
            shutil.rmtree(previous.parent, ignore_errors=True)

    # -- answering the browser ------------------------------------------------------------------------

    def respond(self, path: str) -> Response:
        """What the browser gets for a site path."""
        if path.startswith(LIVE_PREFIX):
            return self._live(path[len(LIVE_PREFIX) :])
        if self.admin_url is not None and path.startswith(ADMIN_PREFIX):
            return self._admin(path[len(ADMIN_PREFIX) :] or "index.html")
        if path.startswith("/static/"):
            published = assets.published(self.options.layouts_dir / "static").get(path[len("/static/") :])
            if published is None:
                return _not_found_text()
            return Response(200, _content_type(path), published[0])
        if path.startswith("/pagefind/"):
            with self.lock:
                bundle = self.search_dir
            return _file(bundle, path[len("/pagefind/") :]) if bundle else _not_found_text()
        with self.lock:
            snapshot, problems, generation = self.snapshot, list(self.problems), self.generation
        if snapshot is None:
            return self._html(_PROBLEMS_ONLY_PAGE, problems, generation)
        return self._from_site(snapshot, path, problems, generation)

    def _from_site(self, snapshot: Snapshot, path: str, problems: list[Problem], generation: int) -> Response:
        lookup = path if path in snapshot.pages or path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"
        page = snapshot.pages.get(lookup)
        if page is not None:
            text = render_page(snapshot.site, page, str(self.options.layouts_dir))
            if page.kind in HTML_KINDS:
                return self._html(text, problems, generation)
            return Response(200, _content_type(page.url), text.encode("utf-8"))
        if path in snapshot.files:
            return Response(200, _content_type(path), file=snapshot.files[path])
        if path in snapshot.cards:
            return Response(200, "image/png", file=self._card(snapshot, path))
        not_found = next(p for p in snapshot.pages.values() if p.kind is PageKind.NOT_FOUND)
        text = render_page(snapshot.site, not_found, str(self.options.layouts_dir))
        return self._html(text, problems, generation, status=404)

    def _card(self, snapshot: Snapshot, path: str) -> Path:
        destination = self.workdir / "cards" / urls.output_path(path)
        if not destination.is_file():
            title, detail = snapshot.cards[path]
            cards.write_card(destination, self.options.cache, snapshot.site.data.settings.title, title, detail)
        return destination

    def _html(self, text: str, problems: list[Problem], generation: int, status: int = 200) -> Response:
        """A page with the live-reload script, and the problems overlay when there are any."""
        head = (
            f'<link rel="stylesheet" href="{LIVE_PREFIX}overlay.css">'
            f'<script type="module" src="{LIVE_PREFIX}live.js" data-generation="{generation}"></script>'
        )
        text = text.replace("</head>", head + "</head>", 1)
        if problems:
            text = text.replace("</body>", overlay(problems) + "</body>", 1)
        return Response(status, "text/html; charset=utf-8", text.encode("utf-8"))

    def _live(self, name: str) -> Response:
        if name in ("live.js", "overlay.css"):
            return _file(LIVE_DIR, name)
        return _not_found_text()

    def _admin(self, name: str) -> Response:
        """serve --admin: the web form, generated from the current data, saving through decap-server."""
        with self.lock:
            data = self._data
        if data is None:  # the overlay of any page says why
            return Response(
                503, "text/plain; charset=utf-8", "Dữ liệu chung có lỗi / the data files have errors".encode()
            )
        if self._admin_files is None or self._admin_files[0] is not data:  # made again when the data changed
            today = self.options.today or dt.date.today()
            self._admin_files = (data, admin.files(data, self.options.content_dir, today, self.admin_url))
        found = self._admin_files[1].get(name)
        if found is None:
            return _not_found_text()
        settings = data.settings.admin
        policy = security.admin_policy(
            settings and settings.backend, settings.base_url if settings else "", self.admin_url
        )
        if isinstance(found, bytes):
            return Response(200, _content_type(name), found, policy=policy)
        return Response(200, _content_type(name), file=found, policy=policy)

    def close(self) -> None:
        """Stop an index being made (serve ends: Pagefind must not run on), then forget every file."""
        with self.lock:
            child = self._indexing
        if child is not None:
            _stop(child)
        shutil.rmtree(self.workdir, ignore_errors=True)


def _stoppable(target: Callable[..., None], *args: object) -> None:
    """In a child process: run target so that being stopped (SIGTERM) unwinds it like an error, which
    removes its temporary folders and kills the Pagefind it runs (subprocess.run kills its command on
    any exception, and the pagefind command execs Pagefind itself on POSIX). On Windows, stopping a
    process runs nothing in it: a Pagefind already started finishes alone."""
    signal.signal(signal.SIGTERM, _unwind)
    target(*args)


def _unwind(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _stop(child: multiprocessing.process.BaseProcess) -> None:
    """Stop an indexing child (_stoppable) if it still runs, and wait for it."""
    if child.is_alive():
        child.terminate()
    child.join()


def _index_pages(
    site: Site, pages: list[Page], shards: tuple[search.Shard, ...], layouts_dir: str, folder: Path
) -> None:
    """In a child process: write the model pages, then index them (exit status 1 on failure)."""
    if hasattr(os, "nice"):
        os.nice(5)
    try:
        for page in pages:
            target = folder / urls.output_path(page.url)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_page(site, page, layouts_dir), encoding="utf-8")
        search.index_site(folder, shards, site.data.synonyms)
    except (search.SearchError, OSError):
        sys.exit(1)


def overlay(problems: list[Problem]) -> str:
    """The problems as an overlay over the page: where, what, and that the page shows the last good version."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    title = (
        f"Nội dung có {len(errors)} lỗi: trang đang hiện bản tốt gần nhất. / {len(errors)} error(s) in the content: "
        "showing the last good version."
        if errors
        else f"{len(problems)} cảnh báo / warning(s)."
    )
    items = "".join(
        f'<li class="dvk-{p.severity.value}"><code>{html.escape(p.location())}</code> '
        f"<strong>{'lỗi' if p.severity is Severity.ERROR else 'cảnh báo'}</strong> [{html.escape(p.code)}]"
        f'<br>{html.escape(p.message_vi)}{_detail(p)}<br><span lang="en">{html.escape(p.message_en)}</span></li>'
        for p in problems
    )
    return (
        '<aside class="dvk-overlay" role="alert" aria-labelledby="dvk-overlay-title">'
        f'<h2 id="dvk-overlay-title">{html.escape(title)}</h2><ol>{items}</ol>'
        "<p>Sửa tệp rồi lưu: trang tự tải lại. / Fix the file and save: the page reloads by itself.</p></aside>"
    )


def _detail(p: Problem) -> str:
    return "".join(f"<br>{label}: {html.escape(value)}" for label, value in p.details())


# What every address shows when not even the site's data files can be read (the overlay says why).
_PROBLEMS_ONLY_PAGE = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Nội dung có lỗi</title></head>'
    "<body><h1>Chưa xem trước được / Cannot preview yet</h1></body></html>"
)


def _snapshot(site: Site, pages: list[Page], options: BuildOptions) -> Snapshot:
    files: dict[str, Path] = {}
    for model in site.models:
        for image in model.images + model.body_images:
            if image.processed is not None:
                folder = options.cache / "images" / image.processed.key
                for cached, name in images.published_files(image.name, image.processed):
                    files[urls.image_url(model.slug, name)] = folder / cached
        for document in model.documents:
            files[urls.image_url(model.slug, document.name)] = options.root / document.file
    return Snapshot(site, {page.url: page for page in pages}, files)


def _file_stamps(folder: Path) -> dict[str, Stamp]:
    """The stamp of every file under folder (model files, pictures, documents), listed as the build
    lists the sources (cache.files_under: no symlink to a folder followed). Through pathlib (a listing
    of the model files, another of the rest, then a stat of each), one look at 10,000 models took
    0.2–0.3 s, and serve looks several times a second."""
    files: list[str] = []
    cache.files_under(str(folder), files)
    return _stamps(files)


def _stamps(paths: list[str] | list[Path]) -> dict[str, Stamp]:
    """(modification time, size) of each regular file, through a symlink as the build reads it; a
    symlink named like a model file to something else is kept too, as the build lists it (loading it
    reports why it cannot be used)."""
    found = {}
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            continue  # removed between listing and stat, or a broken symlink: the next look sees it
        if stat.S_ISREG(status.st_mode) or str(path).endswith(".md") and os.path.islink(path):
            found[str(path)] = (status.st_mtime_ns, status.st_size)
    return found


def _changed(new: dict[str, Stamp], old: dict[str, Stamp]) -> set[str]:
    return {p for p in set(new) | set(old) if new.get(p) != old.get(p)}


_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    ".pf_meta": "application/octet-stream",
    ".yml": "text/yaml; charset=utf-8",  # Decap reads config.yml only when it is served as YAML
}


def _content_type(path: str) -> str:
    if path.endswith("atom.xml"):
        return "application/atom+xml; charset=utf-8"
    return _TYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")


def _file(folder: Path, relative: str) -> Response:
    """A file under folder, never outside it."""
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()) or not target.is_file():
        return _not_found_text()
    return Response(200, _content_type(target.name), file=target)


def _not_found_text() -> Response:
    return Response(404, "text/plain; charset=utf-8", "Không tìm thấy / not found".encode())
