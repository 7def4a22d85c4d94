"""Nothing changed since the last build: leave the output folder as it is.

Most builds in CI and on an editor's machine follow a build of the same files. After each successful
build with the cache on, a stamp in the cache folder records a hash of everything the build read and
of how the output folder looked when the build left it. The next build first hashes the same things
again (~0.5 s at 10,000 models, against ~10 s for a build from the cache); when every hash matches,
the output is already exactly what the build would write, so it stops there and repeats the last
build's report, warnings included.

What is hashed, so that no change goes unseen:
- this program and the libraries that shape the output (cache.tool_version), today's date (pages
  say the current year; drafts and dates are checked against it), every option that changes the
  output or the checks, and the installed web form's version when the site enables it;
- the bytes of every file under content/ and layouts/ (files over 1 MiB, pictures and documents,
  by size and modification time, as the models cache does; a file not changed since a build hashed
  it, by its status, cache.HashMemo); the URL record, content/urls.txt, apart, because a build adds
  addresses to it;
- every file in the output (its path, mode, size and modification time) and every folder (its
  path), so a file edited, added or deleted in site/ by hand (or by another tool) makes the next
  build a real one.

When something changed, the stamp still says which pages the output folder holds (each page's cache
name, cache.page_keys): if the folder is exactly as the last build left it, a page whose name is the
same is taken from it (writing.reuse_file) instead of being copied from the cache.

It says the same of the spare: the site before the last one, which the last build kept beside the
output (`.site.spare`, swap.py) instead of deleting it. When the spare is exactly as it was when it
was the output, the next build recycles it as its staging folder (writing.recycle_staging): pages
whose name is the same stay where they are, and only the rest is removed and written again. When
there is no spare, a build may make one from the output's pages while it loads (Descriptions.make_spare):
its pages are then the output's, trusted only when the output is exactly as the stamp says.

`--no-cache` never reads or writes the stamp; deleting .cache/ deletes it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import pickle
import signal
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from . import admin, cache, urls, writing
from .writing import MARKER

if TYPE_CHECKING:
    from .pipeline import BuildOptions, BuildReport

STAMP_FILE = "last-build.pickle"


@dataclasses.dataclass(frozen=True)
class Stamp:
    inputs: str  # inputs_digest() before the build
    record: str  # the URL record after the build
    output: str  # output_digest() after the build
    report: BuildReport
    pages: dict[str, str] = dataclasses.field(default_factory=dict)  # URL → cache name of the page in the output
    parts: dict[str, str] = dataclasses.field(default_factory=dict)  # folder → cache name of a search index part
    spare: str = ""  # output_digest() of the spare folder (the site before), "" when there is none
    spare_pages: dict[str, str] = dataclasses.field(default_factory=dict)  # URL → cache name of its page in the spare
    setup: str = ""  # pipeline.page_setup() of the build


@dataclasses.dataclass(frozen=True)
class Reusable:
    """What the last build left that this one may take instead of writing it again (reusable_output)."""

    pages: dict[str, str] = dataclasses.field(default_factory=dict)  # in the output folder: URL → cache name
    parts: dict[str, str] = dataclasses.field(default_factory=dict)  # in the output folder: part folder → name
    # the output folder as the last build recorded it (not checked here: a spare is checked when used)
    recorded: tuple[str, dict[str, str]] = ("", {})
    spare_pages: dict[str, str] = dataclasses.field(default_factory=dict)  # in the spare: URL → cache name
    spare_files: dict[str, int] = dataclasses.field(default_factory=dict)  # in the spare: path → size (empty: none)


def inputs_digest(options: BuildOptions, sources: str) -> str:
    """Everything a build reads, except the URL record (record_digest). sources: cache.sources_digest()."""
    settings = {
        "content": str(options.content_dir),
        "layouts": str(options.layouts_dir),
        "out": str(options.out_dir),
        "base_url": options.base_url,
        "strict": options.strict,
        "search": options.search,
        "search_part_pages": options.search_part_pages,
        "today": (options.today or dt.date.today()).isoformat(),
        "record": options.record,
        "preview": options.preview,
        "drafts": options.drafts,
        "cache": str(options.cache),
    }
    cms = [admin.CMS_DIST.parent / "package.json", admin.YAML_DIST.parent / "package.json"]
    return cache.digest(sources, json.dumps(settings, sort_keys=True), *(cache.file_part(path) for path in cms))


def record_digest(options: BuildOptions) -> str:
    return cache.file_part(options.record_file)


def output_digest(out_dir: Path) -> str:
    """Path, kind, size and modification time of everything in the output folder."""
    return _digest(describe(out_dir))


def describe(folder: Path) -> list[str]:
    """One line per file and folder under folder (sorted): a file's path, mode, size and modification
    time; a folder's path only. A folder's own times change with every build that links into it, and
    what it holds is listed anyway; skipping its stat halves the cost (~0.1 s at 10,000 models)."""
    parts: list[str] = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        _describe(str(folder), "", parts)
    return sorted(parts)


FOLDER = "folder"


def _file_sizes(lines: list[str]) -> dict[str, int]:
    """The regular files of a description (describe()), with their sizes."""
    files = (fields for fields in (line.split("\0") for line in lines) if fields[1] != FOLDER)
    return {name: int(size) for name, mode, size, _ in files if stat.S_ISREG(int(mode))}


def _digest(lines: list[str]) -> str:
    return cache.digest("\n".join(lines)) if lines else ""


def entries_digest(entries: list[tuple[str, os.stat_result | None]]) -> str:
    """output_digest() of a folder from its entries as writing.publishable_permissions lists them."""
    return _digest(sorted(_line(name, info) for name, info in entries))


def _line(name: str, info: os.stat_result | None) -> str:
    if info is None:
        return f"{name}\0{FOLDER}"
    return f"{name}\0{info.st_mode}\0{info.st_size}\0{info.st_mtime_ns}"


def _describe(folder: str, prefix: str, parts: list[str]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                parts.append(_line(name, None))
                _describe(entry.path, name + "/", parts)
            else:
                parts.append(_line(name, entry.stat(follow_symlinks=False)))


def _last(options: BuildOptions) -> Stamp | None:
    try:
        kept = pickle.loads((options.cache / STAMP_FILE).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError, TypeError):
        return None
    return kept if isinstance(kept, Stamp) else None


class Descriptions:
    """describe() of the output folder and of the spare, each taken by a forked child process while
    this one hashes and loads the sources: ~0.2 s each at 10,000 models, on the core the build's main
    process leaves idle (a build after one edit takes ~2.5 s). The build holds the output's lock
    throughout, so no other build changes the folders meanwhile.

    One child per folder: a child blocks writing its description (~1 MB) to its pipe until this
    process reads it, so one child for both would describe the second only then. Without fork
    (Windows, macOS) or if a child fails, a folder is described here when asked for.

    A third child may make the spare from the output's pages (make_spare)."""

    def __init__(self, folders: tuple[Path, ...]):
        self.seen: dict[Path, list[str]] = {}
        self.children: dict[Path, tuple[int, BinaryIO]] = {}
        self.maker: tuple[int, Path] | None = None  # the child making the spare, and the spare
        self.made: tuple[Path, int] | None = None  # the spare it made, and its inode, until recycled
        for folder in folders if _can_fork() else ():
            try:
                self.children[folder] = _fork_describing(folder)
            except OSError:  # no process or pipe to spare (a limit): described here when asked for
                break

    def of(self, folder: Path) -> list[str]:
        if folder not in self.seen and folder in self.children:
            pid, pipe = self.children.pop(folder)
            try:
                self.seen[folder] = pickle.loads(pipe.read())
            except (OSError, pickle.UnpicklingError, EOFError, ValueError):
                pass  # the child failed: described below
            finally:
                _stop(pid, pipe)
        return self.seen[folder] if folder in self.seen else describe(folder)

    def make_spare(self, options: BuildOptions, setup: str) -> None:
        """When the last build recorded its pages and left no spare (the first build after a full one),
        start making the spare from the output: its pages hard-linked into a new folder (writing.link_pages),
        by a forked child while this process loads the sources. The build then recycles it as it
        recycles any spare, where it would have linked the same ~12,500 pages one by one into an empty
        staging folder after loading (0.8 s of a 2.3 s build after one edit, at 10,000 models).
        Not when `setup` (pipeline.page_setup) changed since: nearly every page would then be removed
        from the spare again, which costs more than making the new pages' folders."""
        kept, spare = _last(options), writing.spare_folder(options.out_dir)
        if kept is None or not kept.output or not getattr(kept, "pages", {}) or not _can_fork():
            return
        if getattr(kept, "setup", "") != setup:
            return
        if spare.exists() or spare.is_symlink() or not options.out_dir.is_dir() or os.path.ismount(options.out_dir):
            return  # a mount point: no hard link reaches it from the folder beside it
        pages = [urls.output_path(url) for url in kept.pages]
        owner = os.getpid()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the build links the pages itself, as before
            return
        if pid == 0:  # the child: link, and leave without running the parent's exit handlers
            code = 1
            try:
                writing.link_pages(options.out_dir, spare, pages, owner)
                code = 0
            finally:
                os._exit(code)
        self.maker = (pid, spare)

    def spare_made(self) -> Path | None:
        """The spare make_spare made, once its child is done; None if it made none or failed (what it
        left is removed: the folder was absent when the child started, under the output lock)."""
        if self.maker is None:
            return self.made[0] if self.made else None
        pid, spare = self.maker
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            status = 1
        self.maker = None  # only now: interrupted while waiting, close() still stops the child
        if os.waitstatus_to_exitcode(status) != 0:
            writing.discard(spare)
            return None
        self.made = (spare, spare.stat().st_ino)
        return spare

    def keep_spare(self, options: BuildOptions) -> None:
        """For a build that stops at content errors: keep the spare make_spare made, recorded in the
        stamp as the spare holding the output's pages, when the output is still as the stamp says. The
        next build (the editor's fix) recycles it; removing ~12,500 folders here and making them again
        then would cost more than the error report itself."""
        spare, kept = self.spare_made(), _last(options)
        if spare is None or kept is None or not _output_as_left(options, kept, self):
            return  # close() removes it
        with contextlib.suppress(OSError):
            (spare / writing.STAGING_MARKER).unlink()
            _write(options, dataclasses.replace(kept, spare=_digest(describe(spare)), spare_pages=kept.pages))
            self.made = None  # kept: close() leaves it

    def close(self) -> None:
        """Stop the children, whatever they were doing, and wait for them (no zombie is left); remove a
        spare the third child made that the build neither recycled nor kept (it failed before)."""
        for pid, pipe in self.children.values():
            _stop(pid, pipe)
        self.children = {}
        if self.maker is not None:
            pid, spare = self.maker
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
            self.maker = None
            writing.discard(spare)  # absent when the child started, under the output lock: ours
        if self.made is not None:
            spare, inode = self.made
            self.made = None
            with contextlib.suppress(OSError):
                if spare.stat().st_ino == inode:  # still the folder made, not the site kept in its place
                    writing.discard(spare)

    def __enter__(self) -> Descriptions:
        return self

    def __exit__(self, *_) -> None:
        self.close()


def describing(options: BuildOptions) -> Descriptions:
    """The output folder and the spare described in the background, for unchanged() and reusable_output()."""
    return Descriptions((options.out_dir, writing.spare_folder(options.out_dir)))


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _fork_describing(folder: Path) -> tuple[int, BinaryIO]:
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        raise
    if pid == 0:  # the child: describe, send, and leave without running the parent's exit handlers
        try:
            os.close(read)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(pickle.dumps(describe(folder), protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(0)
    os.close(write)
    return pid, os.fdopen(read, "rb")


def _stop(pid: int, pipe: BinaryIO) -> None:
    pipe.close()
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def _lines(folder: Path, descriptions: Descriptions | None) -> list[str]:
    return descriptions.of(folder) if descriptions is not None else describe(folder)


def _output_as_left(options: BuildOptions, kept: Stamp, descriptions: Descriptions | None = None) -> bool:
    return options.out_dir.is_dir() and kept.output == _digest(_lines(options.out_dir, descriptions))


def unchanged(options: BuildOptions, inputs: str, descriptions: Descriptions | None = None) -> BuildReport | None:
    """The last build's report when nothing it read changed and its output is as it left it."""
    kept = _last(options)
    if kept is None or kept.inputs != inputs or kept.record != record_digest(options):
        return None
    return kept.report if _output_as_left(options, kept, descriptions) else None


def reusable_output(options: BuildOptions, spare: Path, descriptions: Descriptions | None = None) -> Reusable:
    """The cache names of the pages and search index parts in the spare folder, with its files, when it
    is exactly as it was when it was the output; the same of the pages (by URL) and parts (by folder)
    in the output folder, when the folder is exactly as the last build left it (nothing added,
    removed or changed by hand since). Call it holding the output lock; `descriptions`: the folders
    as a child described them since the lock was taken.

    Pages are taken from the spare first (nothing to write), then from the output folder (a hard
    link), then from the cache (a copy): after a change of templates or of this program, the spare
    holds pages of the old one, and the output those of the build that followed. A spare this build
    made (Descriptions.make_spare) holds the output's pages: it is worth something only when the
    output is as the last build left it."""
    kept = _last(options)
    made = descriptions.spare_made() if descriptions is not None else None
    if kept is None:
        return Reusable()
    recorded = (kept.output, getattr(kept, "pages", {}))
    as_left = _output_as_left(options, kept, descriptions)
    if made is not None:  # the output's pages, linked by make_spare: worth what the output is worth
        sizes = _file_sizes(_lines(options.out_dir, descriptions)) if as_left else {}
        files = {path: sizes[path] for path in map(urls.output_path, kept.pages) if path in sizes}
        spare_pages, spare_files = (kept.pages, files) if as_left else ({}, {})
    else:
        spare_digest = getattr(kept, "spare", "")  # older stamps recorded no spare
        spare_lines = _lines(spare, descriptions) if spare_digest and (spare / MARKER).is_file() else []
        recyclable = bool(spare_lines) and _digest(spare_lines) == spare_digest
        spare_pages, spare_files = (kept.spare_pages, _file_sizes(spare_lines)) if recyclable else ({}, {})
    if not as_left:
        return Reusable(recorded=recorded, spare_pages=spare_pages, spare_files=spare_files)
    return Reusable(kept.pages, getattr(kept, "parts", {}), recorded, spare_pages, spare_files)


def save(
    options: BuildOptions,
    inputs: str,
    output: str,
    report: BuildReport,
    pages: dict[str, str],
    parts: dict[str, str],
    spare: tuple[str, dict[str, str]] = ("", {}),
    setup: str = "",
) -> None:
    """Record a successful build: inputs_digest() before it, output_digest() taken right after its swap,
    and the cache names of its pages and search index parts; `spare`: the digest and pages of the
    folder kept as the spare (the output before this build), if one was kept; `setup`: the build's
    pipeline.page_setup(). Written atomically; a failure to write only costs the next build its shortcut."""
    with contextlib.suppress(OSError):
        _write(options, Stamp(inputs, record_digest(options), output, report, pages, parts, *spare, setup=setup))


def _write(options: BuildOptions, stamp: Stamp) -> None:
    cache.write_atomically(options.cache / STAMP_FILE, pickle.dumps(stamp, protocol=pickle.HIGHEST_PROTOCOL))
