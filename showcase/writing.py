"""Writing: pages and files go to a staging folder, which replaces the output folder only at the end.

A failed build therefore leaves the previous site byte-identical, and a successful one leaves no
stale file behind.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

from . import urls
from .site_model import Site


class UnsafePath(Exception):
    """A path derived from content would land outside the output folder."""


class OutputRefused(Exception):
    """The output folder would replace sources or a folder this program did not build."""


def check_output(out: Path, sources: tuple[Path, ...], project: Path) -> None:
    """Refuse an output folder whose replacement would delete content, layouts or unrelated files.

    The build replaces the whole folder, so it must not be or contain the project or a source folder,
    nor lie inside a source folder; an existing non-empty folder must look like an earlier build.
    """
    out = out.resolve()
    for folder in (path.resolve() for path in (*sources, project)):
        if out == folder or folder.is_relative_to(out):
            raise OutputRefused(f"{out} chứa hoặc là thư mục nguồn {folder} / contains or is the source folder")
    for folder in (path.resolve() for path in sources):
        if out.is_relative_to(folder):
            raise OutputRefused(f"{out} nằm trong thư mục nguồn {folder} / lies inside the source folder")
    looks_built = (out / "index.html").is_file() and (out / "404.html").is_file()
    if out.is_dir() and any(out.iterdir()) and not looks_built:
        raise OutputRefused(f"{out} có tệp không do build.py tạo / holds files build.py did not make")


_MADE: set[Path] = set()  # folders this process already created in the current staging folder


def new_staging(out: Path) -> Path:
    """An empty folder beside out (same file system, so the final rename is atomic)."""
    _MADE.clear()
    out.parent.mkdir(parents=True, exist_ok=True)
    _sweep_leftovers(out)
    staging = out.parent / f".{out.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def _sweep_leftovers(out: Path) -> None:
    """Remove staging and old folders of builds that were killed (their process no longer exists)."""
    for folder in out.parent.glob(f".{out.name}.*-*"):
        kind, _, pid = folder.name.rpartition("-")
        if kind.endswith((".staging", ".old")) and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def target(staging: Path, relative: str) -> Path:
    """The output path for relative, refusing anything that could escape the staging folder.

    Checked lexically (no '..', no absolute path, no backslash or drive): staging is a fresh folder
    of ours with no symlinks, and resolving every path would cost a system call per folder level.
    """
    normal = posixpath.normpath(relative)
    if (
        not relative
        or "\\" in relative
        or ":" in relative
        or normal.startswith(("/", ".."))
        or normal == "."
        or "\x00" in relative
    ):
        raise UnsafePath(relative)
    return staging / normal


def write_page(staging: Path, url: str, html: str) -> int:
    """Write one page; return its size in bytes."""
    path = target(staging, urls.output_path(url))
    if path.parent not in _MADE:
        path.parent.mkdir(parents=True, exist_ok=True)
        _MADE.add(path.parent)
    data = html.encode("utf-8")
    with open(path, "wb") as file:
        file.write(data)
    return len(data)


def copy_static(static_dir: Path, staging: Path) -> int:
    """Copy the layouts' static assets to /static/; return how many files."""
    if not static_dir.is_dir():
        return 0
    shutil.copytree(static_dir, target(staging, "static"), dirs_exist_ok=True)
    return sum(1 for p in static_dir.rglob("*") if p.is_file())


def copy_images(site: Site, root: Path, staging: Path) -> int:
    """Copy every image a model shows next to that model's page."""
    copied = 0
    for model in site.models:
        for image in model.images + model.body_images:
            destination = target(staging, urls.output_path(urls.image_url(model.slug, image.name)))
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / image.file, destination)
            copied += 1
    return copied


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace out with staging: two renames, the old tree removed only afterwards."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
