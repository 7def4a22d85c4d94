"""The build cache: results kept by the content they were made from, in <project>/.cache/ (safe to delete).

Every entry is named by a hash of everything that went into it, so an entry is never used when any
input changed: this program's own code and the libraries it renders with (tool_version), the
templates and static files, the data files under content/, the options that change the output, and
the content of the entry's own sources. What is kept:

- models/: a model file's validated Model with its warnings. Named by the file's bytes and what it
  was checked against (data files, today's date, whether pictures are processed). The pictures and
  documents it uses are looked at again (size and modification time) before the entry is used.
- pages/: a rendered page, for a model page its search index document and words, and its part of
  its year's printable page (PageCache.fragment); entries a build did not use and that are over a
  week old are deleted once a day (PageCache.prune). Named by the
  page's address and kind and the fingerprints of the models it shows (a model page: its own model;
  a term's pages: its models as cards show them; a year's printable page: its models in full; the
  other listings: what cards, feeds and data show of every model).
- search/: Pagefind's parts of the search index (showcase/search.py shards), each named by the index
  documents of its model pages and whether it is the first part, with its share of the vocabulary;
  three builds' worth of the most recently used parts are kept (BundleCache.prune).
- images/ and cards/ keep processed pictures and share cards (showcase/images.py, showcase/cards.py).

`build.py build --no-cache` builds cold: nothing is read from the cache and nothing written to it.
A warm build gives byte-identical output to a cold one (tested).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import os
import pickle
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from . import addresses
from .model import Model
from .pages import Page, PageKind
from .problems import Problem
from .site_model import Site

FORMAT = "3"  # bump when what an entry holds changes shape
LIBRARIES = ("jinja2", "markdown", "nh3", "pillow", "pyyaml", "python-frontmatter", "pagefind")
Loaded = tuple[Model | None, list[Problem]]
Fingerprints = tuple[str, str]  # (model_fingerprint, card_fingerprint) of one model


@lru_cache(maxsize=1)
def tool_version() -> str:
    """A hash of this program's code, its Python and the versions of the libraries that shape output."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted([*package.glob("*.py"), *package.glob("live/*"), *package.glob("cms/*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def digest(*parts: object) -> str:
    """A hash of strings and bytes, each length-prefixed so that no two sequences collide. The bytes
    are joined and hashed at once: two updates a part cost more than the hash (12,500 page keys a build)."""
    chunks: list[bytes] = []
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        chunks += (len(data).to_bytes(8, "big"), data)
    return hashlib.sha256(b"".join(chunks)).hexdigest()


def files_digest(paths: Iterable[Path], root: Path) -> str:
    """A hash of files' names (relative to root) and bytes."""
    parts: list[object] = []
    for path in sorted(paths):
        parts += [path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path), path.read_bytes()]
    return digest(*parts)


_FOLDERS_MADE: set[Path] = set()


BY_BYTES_UP_TO = 1 << 20  # larger files (pictures, documents) are recognised by size and modification time


def sources_digest(
    content_dir: Path, layouts_dir: Path, parts: dict[str, str] | None = None, memo: HashMemo | None = None
) -> str:
    """This program, every file under content/ but the URL record, and every file under layouts/.

    The nothing-changed stamp (stamp.py) and the search index's cache tag (search.cache_tag) both
    start from it; a build computes it once. `parts`, if given, receives each content file's
    file_part by its path: the models cache looks kept models up by it without reading them again.
    `memo`: the hashes the last build took, for files that did not change since (HashMemo)."""
    record = content_dir / addresses.RECORD_FILE  # written by builds, so not part of what they read
    content = tree_digest(content_dir, skip=record, parts=parts, memo=memo)
    return digest(tool_version(), content, tree_digest(layouts_dir, memo=memo))


def tree_digest(
    root: Path, skip: Path | None = None, parts: dict[str, str] | None = None, memo: HashMemo | None = None
) -> str:
    """Every file under root (none when root is missing): its path and file_part, in a fixed order."""
    files: list[str] = []
    files_under(str(root), files)
    cut = len(os.path.join(str(root), ""))  # every path found starts with root and a separator
    relative = sorted((path[cut:], path) for path in files if path != str(skip))
    part_of = memo.part if memo is not None else file_part
    found = {path: part_of(path) for _, path in relative}
    if parts is not None:
        parts.update(found)
    return digest(*(part for name, path in relative for part in (name, found[path])))


def content_hash(data: bytes) -> str:
    """What file_part says of a small file's bytes."""
    return hashlib.sha256(data).hexdigest()


CHANGE_TIMES = os.name != "nt"  # on Windows st_ctime is when a file was made: HashMemo reads every file there


class HashMemo:
    """Content hashes the last build took, by path, each with its file's status then (size,
    modification and change times, inode): a file whose status is the same is not read and hashed
    again, as git's index does (reading and hashing 10,000 model files took 0.3 s of every build).
    Any write changes a file's change time, which no program can set back. A file written within
    RACY_NS of being hashed is not kept: on a coarse clock a second write might not move its times."""

    RACY_NS = 2_000_000_000
    FILE = "content-hashes.pickle"

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / self.FILE
        try:
            self.kept: dict[str, tuple[tuple[int, int, int, int], str]] = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError, TypeError):
            self.kept = {}
        self.now: dict[str, tuple[tuple[int, int, int, int], str]] = {}

    def part(self, path: str) -> str:
        """file_part(path), from the memo when the file did not change since it was hashed."""
        try:
            info = os.lstat(path)
        except OSError:
            return "-"
        if not stat.S_ISREG(info.st_mode) or info.st_size > BY_BYTES_UP_TO or not CHANGE_TIMES:
            return file_part(path)
        status = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        kept = self.kept.get(path)
        if kept is not None and kept[0] == status:
            self.now[path] = kept
            return kept[1]
        part = file_part(path)
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > self.RACY_NS:
            self.now[path] = (status, part)
        return part

    def again(self) -> None:
        """Start another look from what this one saw: `serve` keeps its memo in memory and hashes the
        sources after every save, so only the saved file is read again (every file: 0.35 s at 10,000
        models)."""
        self.kept, self.now = self.now, {}

    def save(self) -> None:
        """Keep the hashes of the files seen this time; a failure costs the next build the reading."""
        if self.now == self.kept:
            return
        with contextlib.suppress(OSError):
            write_atomically(self.path, pickle.dumps(self.now, protocol=pickle.HIGHEST_PROTOCOL))


def files_under(folder: str, found: list[str]) -> None:
    """Every file under folder, into found (os.scandir; a symlink to a folder is listed, not followed)."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return  # the build reports a missing folder in words; here it only has no files
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            files_under(entry.path, found)
        else:
            found.append(entry.path)


def file_part(path: Path | str) -> str:
    """A file's bytes (hashed), or its size and modification time when large; '-' when missing."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return f"link {os.readlink(path)}"
        if info.st_size > BY_BYTES_UP_TO:
            return f"stat {info.st_size} {info.st_mtime_ns}"
        with open(path, "rb") as handle:
            return content_hash(handle.read())
    except OSError:
        return "-"


def write_atomically(path: Path, data: bytes) -> None:
    """Readers see the whole entry or none of it, even with two builds writing at once (the temporary
    name holds the process id; one process never writes one entry twice at the same time)."""
    if path.parent not in _FOLDERS_MADE:
        path.parent.mkdir(parents=True, exist_ok=True)
        _FOLDERS_MADE.add(path.parent)
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except FileNotFoundError:  # the cache folder was deleted meanwhile: make it again, once
        _FOLDERS_MADE.discard(path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)


# -- models -------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ModelCache:
    """Validated model files, for the load workers."""

    folder: Path
    context: str  # digest of what a file is checked against
    root: Path
    images: Path | None  # the processed pictures' cache, when pictures are processed

    def get(self, file: Path | str, hashed: str) -> tuple[Loaded, Fingerprints, frozenset[int]] | None:
        """The kept result of validating this file, whose bytes' content_hash is `hashed`, with its
        model's fingerprints and synonym hits (synonyms.model_hits; kept with it, so that a build
        after one edit neither pickles nor reads the words of every model again)."""
        try:
            loaded, stamps, prints, hits = pickle.loads(read_whole(self._path(file, hashed)))
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError, TypeError):
            return None
        if any(_stamp(self.root / name) != stamp for name, stamp in stamps):
            return None  # a picture or document it uses changed
        if not self._renditions_kept(loaded[0]):
            return None  # the pictures' cache was deleted: process them again
        return (_not_fresh(loaded[0]), loaded[1]), prints, hits

    def put(self, file: Path, data: bytes, loaded: Loaded, hits: frozenset[int]) -> Fingerprints | None:
        """Keep a valid file's result and its synonym hits (the cache's key covers content/synonyms.yaml);
        return its model's fingerprints (None when it is not kept)."""
        model = loaded[0]
        if model is None or not self._renditions_kept(model):
            return None  # a file with errors is checked again next time: its message may depend on other files
        used = [image.file for image in (*model.images, *model.body_images, *model.documents)]
        stamps = [(name, _stamp(self.root / name)) for name in used]
        prints = fingerprints(model)
        entry = pickle.dumps((loaded, stamps, prints, hits), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(Path(self._path(file, content_hash(data))), entry)
        return prints

    def _renditions_kept(self, model: Model | None) -> bool:
        if model is None or self.images is None:
            return True
        pictures = (*model.images, *model.body_images)
        return all(not p.processed or (self.images / p.processed.key).is_dir() for p in pictures)

    def _path(self, file: Path | str, hashed: str) -> str:
        posix = str(file).replace(os.sep, "/")  # Path.as_posix(), for a str too
        key = hashlib.sha256(f"{self.context}\0{posix}\0{hashed}".encode()).hexdigest()  # no part holds a NUL
        return os.path.join(self.folder, key[:2], f"{key}.pickle")  # a str: 10,000 lookups a build


def read_whole(path: str) -> bytes:
    """A file's bytes in four system calls (open, read, read to the end, close): open() adds a status,
    a terminal check and a seek, and a build after one edit reads 10,000 kept models."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))  # not inherited (PEP 446)
    try:
        chunks = []
        while chunk := os.read(descriptor, READ_CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


READ_CHUNK = 1 << 16  # a kept model is ~5 KB: one read, then the empty one that says the file ended


def _not_fresh(model: Model | None) -> Model | None:
    """A kept model's pictures were processed by an earlier build, not this one."""
    if model is None or not (model.images or model.body_images):
        return model
    stale = lambda pictures: tuple(dataclasses.replace(p, fresh=False) for p in pictures)  # noqa: E731
    return dataclasses.replace(model, images=stale(model.images), body_images=stale(model.body_images))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


# -- pages ----------------------------------------------------------------------------------------------


def model_fingerprint(model: Model) -> str:
    """Everything about a model, body and pictures included; not whether this build processed its
    pictures (the page is the same, and the build after the first would render it again)."""
    return digest(pickle.dumps(_not_fresh(model), protocol=4))


def card_fingerprint(model: Model) -> str:
    """What other pages show of a model: cards, listings, feeds, the sitemap, the open data (no body)."""
    shown = dataclasses.replace(model, body_html="", body_images=(), documents=(), links=(), images=())
    return digest(pickle.dumps(shown, protocol=4))


def fingerprints(model: Model) -> Fingerprints:
    return model_fingerprint(model), card_fingerprint(model)


def page_keys(
    site: Site, pages: list[Page], setup: str, known: dict[str, Fingerprints] | None = None
) -> dict[str, str]:
    """Each page's cache name: its address and kind, the setup (code, templates, data, options) and the
    fingerprints of the models it shows; `known`: fingerprints by model file, from the models cache."""
    prints = [(known or {}).get(model.source_path) or fingerprints(model) for model in site.models]
    full = [pair[0] for pair in prints]
    card = [pair[1] for pair in prints]
    cards = digest(*card)
    terms: dict[tuple, str] = {}  # every page of a term shows a slice of the same list

    def term_models(shown: list[str], attribute: str, term_id: str) -> str:
        if (shown is full, attribute, term_id) not in terms:
            models = site.facet(attribute).term(term_id).models
            terms[shown is full, attribute, term_id] = digest(*(shown[i] for i in models))
        return terms[shown is full, attribute, term_id]

    keys = {}
    for page in pages:
        if page.kind is PageKind.MODEL:
            shows = full[page.args[0]]
        elif page.kind is PageKind.REDIRECT:
            shows = ""
        elif page.kind is PageKind.PRINT:  # a term's models in full, in order
            shows = term_models(full, *page.args)
        elif page.kind is PageKind.TERM:  # a term's models as cards show them, in order (count and pages too)
            shows = term_models(card, *page.args[:2])
        elif page.kind is PageKind.SEARCH:
            shows = digest(cards, site.search_tag, *site.search_parts)  # filter counts, the index's tag and parts
        else:
            shows = cards
        # a model page's argument is the model's place in display order, which every newer model shifts:
        # its address and its model's fingerprint name it instead
        arguments = "" if page.kind is PageKind.MODEL else repr(page.args)
        keys[page.url] = digest(setup, page.kind.value, page.url, arguments, shows)
    return keys


def document_key(page_key: str, search_setup: str) -> str:
    """A model page's index document: its page, and what the index copy adds (synonyms, shared paragraphs)."""
    return digest(page_key, search_setup)


def templates_folder(cache_dir: Path) -> Path:
    """Where Jinja keeps the compiled templates (jinja2.FileSystemBytecodeCache): compiling them cost a
    build after one edit 60 ms, each render worker of a cold build as much. Jinja checks each template's
    source and its own version, not the environment's options, which this program sets: so one folder
    per tool_version; a build that finds none for its version removes the others' (a build of another
    version still running then keeps none: rendering._KeptTemplates). (The base URL, which
    compiled code also holds, names the files: rendering._compiled_templates.)"""
    folder = cache_dir / "templates"
    current = folder / tool_version()[:16]
    if not current.is_dir():
        current.mkdir(parents=True, exist_ok=True)
        for other in folder.iterdir():
            if other != current:
                shutil.rmtree(other, ignore_errors=True)
    return current


@dataclasses.dataclass(frozen=True)
class PageCache:
    """Rendered pages and index documents, for the render workers."""

    folder: Path

    def page(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def document(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.search.html"

    def words(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.words"

    def fragment(self, page_key: str, part: str) -> Path:
        """A part of a page made for another page (a model's part of a printable page): named by the
        cache name of the page it belongs with, so it changes whenever that page does."""
        key = digest(page_key, part)
        return self.folder / key[:2] / f"{key}.{part}.html"

    def put(self, path: Path, data: bytes) -> None:
        write_atomically(path, data)

    PRUNED = ".pruned"  # its modification time says when prune() last ran
    KEEP_DAYS = 7

    def prune(self, in_use: Callable[[], set[str]], now: float | None = None) -> int:
        """Delete the entries that this build did not use (`in_use()`: file names) and that were written
        more than KEEP_DAYS ago; at most once a day, as listing the entries costs ~0.3 s at 10,000
        models. Return how many were deleted.

        Every edit writes new entries for the pages it changes (a year's printable page is ~5 MB at
        10,000 models), so without this the folder grows with every edit. A build with other options
        (search on or off) has entries of its own: those it has not written for a week are made again."""
        now = time.time() if now is None else now
        marker = self.folder / self.PRUNED
        try:
            if now - marker.stat().st_mtime < 86400:
                return 0
        except OSError:
            pass  # never pruned: prune now
        deleted, used = 0, in_use()
        with contextlib.suppress(OSError):
            for group in os.scandir(self.folder):
                if not group.is_dir(follow_symlinks=False):
                    continue
                for entry in os.scandir(group.path):
                    if entry.name in used:
                        continue
                    with contextlib.suppress(OSError):
                        if now - entry.stat(follow_symlinks=False).st_mtime > self.KEEP_DAYS * 86400:
                            os.unlink(entry.path)
                            deleted += 1
            marker.touch()
        return deleted


def pages_in_use(keys: dict[str, str], model_urls: Iterable[str], search_setup: str | None) -> set[str]:
    """The names of the page cache entries a build with these page keys uses (PageCache.prune)."""
    names = {f"{key}.html" for key in keys.values()}
    for url in model_urls:
        key = keys[url]
        names.add(PageCache(Path()).fragment(key, "print").name)
        if search_setup is not None:
            document = document_key(key, search_setup)
            names.update((f"{document}.search.html", f"{document}.words"))
    return names


# -- the search bundle ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class BundleCache:
    """Parts of the search index, each with its share of the vocabulary (WORDS). Only the most recently
    used are kept (BUILDS builds' worth): at 10,000 models the parts are ~54 MB in all, and every edit
    of a model's text makes a new one of its part."""

    folder: Path
    BUILDS = 3
    WORDS = "part-words.json"

    def get(self, key: str) -> Path | None:
        part = self.folder / key
        if not (part / "pagefind-entry.json").is_file() or not (part / self.WORDS).is_file():
            return None
        with contextlib.suppress(OSError):
            os.utime(part)  # recently used: kept by prune()
        return part

    def words(self, part: Path) -> str:
        """A kept part's share of the vocabulary (search.Vocabulary.state)."""
        return (part / self.WORDS).read_text(encoding="utf-8")

    def prune(self, parts: int = 1) -> None:
        """Delete all but the BUILDS × parts most recently used parts (half-written ones are left to
        their builds); `parts`: how many the index of the last build has."""
        try:
            kept = [path for path in self.folder.iterdir() if not path.name.startswith(".")]
            kept.sort(key=lambda path: path.stat().st_mtime_ns, reverse=True)
        except OSError:
            return
        for old in kept[self.BUILDS * max(1, parts) :]:
            shutil.rmtree(old, ignore_errors=True)

    def put(self, key: str, part: Path, words: str) -> None:
        """Keep a copy of a finished part and its words; a half-copied one is never seen under its name."""
        if self.get(key) is not None:
            return
        target = self.folder / key
        shutil.rmtree(target, ignore_errors=True)  # an entry that lost a file: made again
        temporary = None
        try:  # the cache is a help: a part it could not keep (a full disk) costs the next build, not this one
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.folder))
            shutil.copytree(part, temporary / "part")  # a copy: the published part shares no file with it
            (temporary / "part" / self.WORDS).write_text(words, encoding="utf-8")
            os.replace(temporary / "part", target)
        except OSError:  # also: another build kept the same part meanwhile
            pass
        finally:
            if temporary is not None:
                shutil.rmtree(temporary, ignore_errors=True)


def copy_tree(source: Path, target: Path) -> None:
    """A kept part of the search index into staging, without its words: copied, so a change to the
    published files cannot reach the cache."""
    shutil.copytree(source, target, copy_function=shutil.copyfile, ignore=shutil.ignore_patterns(BundleCache.WORDS))
