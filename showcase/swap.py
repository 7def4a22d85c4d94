"""Putting a finished staging folder in the output folder's place, with no moment without a site.

- Linux: one renameat2(RENAME_EXCHANGE) swaps the two folders atomically; the old site, now at the
  staging path, is removed afterwards, or kept as the spare (`.site.spare`) that the next build
  recycles as its staging folder (writing.recycle_staging): removing ~12,500 folders and linking
  as many files into a new tree was most of a build after one edit at 10,000 models. A reader
  polling site/index.html never misses it.
- Elsewhere (or on a file system without the exchange): two renames, and if the second fails the
  first is undone, so site/ is never left missing.
- A mount point cannot be renamed (EBUSY): its content is updated in place instead.
- Two builds of one output wait for each other (a lock file beside the output), then refuse with a
  clear message if the other one takes too long.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from .writing import MARKER, STAGING_MARKER, mark_as_staging

AT_FDCWD = -100
RENAME_EXCHANGE = 2
LOCK_WAIT_SECONDS = 120.0


class BuildBusy(Exception):
    """Another build of the same output folder is running."""


def swap_into_place(staging: Path, out: Path, spare: Path | None = None) -> str:
    """Make staging the output folder; return how: "renamed", "exchanged", "exchanged-kept" (the old
    site kept at `spare`), "renamed-twice" or "in-place"."""
    (staging / STAGING_MARKER).unlink(missing_ok=True)
    if not out.exists():
        os.rename(staging, out)
        return "renamed"
    if os.path.ismount(out):
        update_in_place(staging, out)
        return "in-place"
    if exchange(staging, out):
        if spare is not None and _keep_as_spare(staging, spare):
            return "exchanged-kept"
        _remove_old(staging)
        return "exchanged"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(old, out)  # undo: the previous site stays published
        raise
    _remove_old(old)
    return "renamed-twice"


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    result = function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _renameat2():
    if not hasattr(os, "fsencode") or os.name != "posix":
        return None
    library = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    function = getattr(library, "renameat2", None)
    if function is not None:
        function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
        function.restype = ctypes.c_int
    return function


def _keep_as_spare(old: Path, spare: Path) -> bool:
    """Move the previous site to `spare`, replacing a spare of ours that is there (one the build could
    not recycle); False if a folder that is not ours has that name, or if the system refused (the
    new site is published by then: nothing here may fail the build; the caller removes `old`)."""
    try:
        mark_as_staging(old)  # first: a kill from here on leaves a folder the next build sweeps
        if spare.exists() or spare.is_symlink():
            if not spare.is_dir() or spare.is_symlink() or not (spare / MARKER).is_file():
                return False
            _remove_old(spare)
        os.rename(old, spare)
    except OSError:
        return False
    with contextlib.suppress(OSError):
        (spare / STAGING_MARKER).unlink()  # if it stays, the next build sweeps the spare: only slower
    return True


def _remove_old(folder: Path) -> None:
    """Delete the previous site; marked first, so a build killed meanwhile leaves a folder the next one sweeps."""
    with contextlib.suppress(OSError):
        mark_as_staging(folder)
    shutil.rmtree(folder, ignore_errors=True)


def update_in_place(staging: Path, out: Path) -> None:
    """For an output that cannot be replaced (a mount point): write the new files over the old ones,
    then remove the files the new site no longer has."""
    new_files = set()
    for source in sorted(staging.rglob("*")):
        relative = source.relative_to(staging)
        destination = out / relative
        if source.is_dir():
            destination.mkdir(exist_ok=True)
            continue
        new_files.add(relative)
        temporary = destination.with_name(destination.name + ".dvk-tmp")
        shutil.copyfile(source, temporary)
        os.replace(temporary, destination)
    for existing in sorted(out.rglob("*"), reverse=True):
        relative = existing.relative_to(out)
        if existing.is_dir():
            if not (staging / relative).is_dir():
                shutil.rmtree(existing, ignore_errors=True)
        elif relative not in new_files and relative.as_posix() != MARKER:
            existing.unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def output_lock(out: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the output's lock for a whole build: a second build waits up to `wait` seconds, then refuses."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = out.parent / f".{out.name}.lock"
    with open(lock, "a+b") as handle:
        deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise BuildBusy(str(out))
            time.sleep(0.2)
        try:
            yield
        finally:
            _unlock(handle)


def _try_lock(handle) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
