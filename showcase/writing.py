"""Writing: pages and files go to a staging folder, which replaces the output folder only at the end.

A failed build therefore leaves the previous site byte-identical, and a successful one leaves no
stale file behind. The output folder carries a marker file: a build replaces only a folder that is
absent, empty or marked, so a wrong --out can never delete someone's files. How the staging folder
takes the output's place without a moment of no site is in showcase/swap.py.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Collection, Iterable
from pathlib import Path

from . import assets, images, urls
from .site_model import Site

MARKER = ".dvk-site"  # in every output folder this program made
MARKER_TEXT = "Thư mục này do build.py tạo và được thay toàn bộ ở mỗi lần tạo trang. / Made and replaced by build.py.\n"
STAGING_MARKER = ".dvk-staging"  # in a staging folder, with the pid of the build that owns it


class UnsafePath(Exception):
    """A path derived from content would land outside the output folder."""


class OutputRefused(Exception):
    """The output folder would replace sources or a folder this program did not build."""


def check_output(out: Path, sources: tuple[Path, ...], project: Path) -> None:
    """Refuse an output folder whose replacement would delete content, layouts or unrelated files.

    The build replaces the whole folder, so it must not be or contain the project or a source folder,
    nor lie inside a source folder; an existing non-empty folder must carry the marker of an earlier
    build.
    """
    out = out.resolve()
    for folder in (path.resolve() for path in (*sources, project)):
        if out == folder or folder.is_relative_to(out):
            raise OutputRefused(f"{out} chứa hoặc là thư mục nguồn {folder} / contains or is the source folder")
    for folder in (path.resolve() for path in sources):
        if out.is_relative_to(folder):
            raise OutputRefused(f"{out} nằm trong thư mục nguồn {folder} / lies inside the source folder")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"{out} là một tệp, không phải thư mục / is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputRefused(
            f"{out} có tệp nhưng không có tệp đánh dấu {MARKER} của build.py: chọn thư mục khác, hoặc xóa thư mục "
            f"nếu đó là bản cũ / holds files but no {MARKER} marker of build.py: choose another folder, or delete it"
        )


_MADE: set[Path] = set()  # folders this process already created in the current staging folder


def new_staging(out: Path) -> Path:
    """An empty, marked folder beside out (same file system, so the final exchange is atomic)."""
    _MADE.clear()
    out.parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(out)
    staging = staging_folder(out)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    mark_as_staging(staging)
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return staging


def mark_as_staging(folder: Path, owner: int | None = None) -> None:
    """Mark a folder of ours as this build's (`owner`: the build's process, when a child of it marks),
    to be removed: a build that finds it after this one was killed sweeps it (sweep_leftovers), as the
    pid in the marker is no longer alive."""
    (folder / STAGING_MARKER).write_text(str(owner or os.getpid()), encoding="utf-8")


def link_pages(out: Path, spare: Path, pages: Iterable[str], owner: int) -> None:
    """Make `spare` from the output folder: a new folder, marked as `owner`'s staging, in which each of
    `pages` (paths relative to out) is a hard link to the same file in out. A build recycles it as it
    recycles the site before last (recycle_staging). Files of out are only linked, never opened."""
    spare.mkdir()
    mark_as_staging(spare, owner)
    (spare / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    made: set[str] = set()
    for page in pages:
        folder = posixpath.dirname(page)
        if folder and folder not in made:
            os.makedirs(spare / folder, exist_ok=True)
            made.add(folder)
        os.link(out / page, spare / page)


def staging_folder(out: Path) -> Path:
    """This build's staging folder: beside out (same file system, so the final exchange is atomic)."""
    return out.parent / f".{out.name}.staging-{os.getpid()}"


def spare_folder(out: Path) -> Path:
    """Where a build keeps the site it replaced, for the next build to recycle (swap.py, stamp.py)."""
    return out.parent / f".{out.name}.spare"


def recycle_staging(
    out: Path, spare: Path, files: Iterable[str], keep: set[str], in_use: Collection[str] = frozenset()
) -> Path:
    """The spare folder made this build's staging folder: every file in it but `keep` (paths relative
    to it: pages this build would write with the same bytes) is removed, and so are the folders left
    empty but those `in_use` (this build writes a page into them: after a change of the templates or
    data files, every page is removed, and removing its ~12,600 folders only to make them again took
    1.0–1.4 s and 1.2–1.9 s on this machine's disk after a deletion); what remains is written by nothing
    else in the build.

    Files in the spare may be hard links shared with the output folder: a file is only ever removed
    here, never opened for writing, so the published site is not touched. Marked as staging first,
    so a build killed meanwhile leaves a folder the next one sweeps."""
    _MADE.clear()
    staging = staging_folder(out)
    shutil.rmtree(staging, ignore_errors=True)
    mark_as_staging(spare)
    os.rename(spare, staging)
    folders: set[str] = set()
    for name in files:
        if name not in keep:
            os.unlink(staging / name)
            folders.add(posixpath.dirname(name))
    for folder in sorted(folders, key=len, reverse=True):
        while folder and folder not in in_use:  # a folder in use holds its parents up too
            try:
                os.rmdir(staging / folder)
            except OSError:  # not empty: it holds a kept page or a folder that does
                break
            folder = posixpath.dirname(folder)
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return staging


def sweep_leftovers(out: Path) -> None:
    """Remove staging folders of builds that were killed: only folders carrying our staging marker
    with the pid of a process that no longer exists, never a folder someone made by hand."""
    for folder in out.parent.glob(f".{out.name}.*"):
        marker = folder / STAGING_MARKER
        try:
            pid = int(marker.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        if not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid <= 0:  # os.kill(0, …) would signal our own process group: no build writes such a marker
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
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
    _make_parent(path)
    data = html.encode("utf-8")
    with open(path, "xb") as file:  # a new file, never one a recycled staging folder shares with site/
        file.write(data)
    return len(data)


def copy_static(static_dir: Path, staging: Path) -> int:
    """Copy the layouts' static assets to /static/; return how many files."""
    return assets.write_static(static_dir, target(staging, "static"))


def publish_images(site: Site, root: Path, staging: Path, cache_dir: Path) -> int:
    """Put every rendition of every picture, and every linked document, next to its model's page.

    Renditions come from the image cache (showcase/images.py), never from the editors' originals;
    they are hard links into the cache where it shares the output's file system (copying every
    rendition of every photo on each build would cost more than the rest of a warm build), so files
    under site/ must never be edited in place (README, "The build cache").
    """
    published = 0
    for model in site.models:
        placed: set[str] = set()  # a picture both at the top and in the body is published once
        for image in model.images + model.body_images:
            if image.processed is None:
                continue
            folder = cache_dir / "images" / image.processed.key
            for cached, name in images.published_files(image.name, image.processed):
                if name not in placed:
                    placed.add(name)
                    _place(folder / cached, target(staging, urls.output_path(urls.image_url(model.slug, name))))
                    published += 1
        for document in model.documents:  # copied: a link would let a change in site/ reach content/
            _copy(root / document.file, target(staging, urls.output_path(urls.image_url(model.slug, document.name))))
            published += 1
    return published


def place_file(source: Path, staging: Path, url: str, link: bool = False) -> int:
    """Put a file kept elsewhere (the build cache) at the output path of url; return its size.

    A copy, not a hard link, for anything published: a file in site/ changed in place (an editor
    opening it, a deploy script) would otherwise change the cache entry too, and the next build would
    publish that change again. `link` is for private folders (the search documents Pagefind reads)."""
    destination = target(staging, urls.output_path(url))
    (_place if link else _copy)(source, destination)
    return destination.stat().st_size


def reuse_file(live: Path, staging: Path, url: str) -> int:
    """Put the output folder's own file for url, which the last build wrote and nobody changed since
    (stamp.reusable_output), into staging as a hard link; return its size.

    A link is safe here where a link to the cache is not: the file belongs to the output alone, the
    new tree replaces the old one whole, and no build writes into a published file in place. It
    spares copying every unchanged page, and removing the old tree then frees no data."""
    destination = target(staging, urls.output_path(url))
    _place(live, destination)
    return destination.stat().st_size


def reuse_tree(names: Path, live: Path, destination: Path, skip: str = "") -> None:
    """The files `names` holds (a kept part of the search index, but `skip`), each hard-linked from the
    same path under `live` (the output folder, where the last build put that part) into destination:
    the same reasoning as reuse_file."""
    for folder, _, files in os.walk(names):
        relative = Path(folder).relative_to(names)
        for name in files:
            if name != skip:
                _place(live / relative / name, destination / relative / name)


def _make_parent(path: Path) -> None:
    if path.parent not in _MADE:
        path.parent.mkdir(parents=True, exist_ok=True)
        _MADE.add(path.parent)


def _place(source: Path, destination: Path) -> None:
    """A hard link where the file systems allow it, else a copy."""
    _make_parent(destination)
    try:
        os.link(source, destination)
    except FileExistsError:
        raise  # never copy over a file: in a recycled staging folder it may be a published one
    except OSError:  # another file system, or links not allowed: a copy
        shutil.copyfile(source, destination)


def _copy(source: Path, destination: Path) -> None:
    _make_parent(destination)
    shutil.copyfile(source, destination)


Entry = tuple[str, os.stat_result | None]  # a path relative to the folder; a file's status, None for a folder


def publishable_permissions(folder: Path) -> list[Entry]:
    """Files 0644 and folders 0755 whatever the umask: a web server user must be able to read them.
    Returns every file and folder as it is then (the staging marker left out): the stamp's
    description of the output after the swap (stamp.entries_digest), without a second walk.

    Changed only where they differ: a recycled staging folder (recycle_staging) already holds most
    files with these permissions, and with the usual umask new ones are made with them."""
    if os.lstat(folder).st_mode & 0o7777 != 0o755:
        os.chmod(folder, 0o755)
    found: list[Entry] = []
    _publishable_under(str(folder), "", found)
    return [entry for entry in found if entry[0] != STAGING_MARKER]


def _publishable_under(folder: str, prefix: str, found: list[Entry]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.stat(follow_symlinks=False).st_mode & 0o7777 != 0o755:
                    os.chmod(entry.path, 0o755)
                found.append((name, None))
                _publishable_under(entry.path, name + "/", found)
                continue
            info = entry.stat(follow_symlinks=False)
            if info.st_mode & 0o7777 != 0o644:
                os.chmod(entry.path, 0o644)
                info = os.lstat(entry.path)
            found.append((name, info))


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
