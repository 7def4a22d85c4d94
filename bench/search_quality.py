"""Measure search quality: how often the search page puts the right model first, for queries as people type them.

Order: build the site from real content (or take one already built) → serve it on 127.0.0.1 → open
/tim-kiem/?q=… in Debian's Chromium for every query of bench/search_queries.yaml, one reused tab →
read the result links in order → score each query against its expectation → print a table per kind,
the overall figures and the failing queries.

Scores (see bench/README.md, "Search quality"):
- top-1: the first result is expect[0]; with `tie: true`, any of expect[0] and `also`;
- top-5: expect[0] is among the first 5 results; with `tie: true`, every one of them is;
- kind `nothing` (expect: []): both pass when the page shows no result at all;
- noise: results in the first 5 that are neither expect nor `also` (reported, never a failure).

Usage: .venv/bin/python bench/search_quality.py [--repo DIR | --commit REV | --site DIR] [--kinds a,b]
                                              [--queries FILE] [--json FILE]
Without an option the site is built in-process from this checkout's content/ and layouts/. --repo DIR
builds another checkout (its build.py, showcase/, layouts/ and a copy of its content/) in a subprocess,
so "before" and "after" can be measured side by side; --commit REV does the same for a commit of this
repository exported with `git archive`. Nothing in the checkout is written: content is copied first.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser_helpers import launch_chromium, serve  # noqa: E402  (needs ROOT on sys.path)

QUERIES = Path(__file__).resolve().parent / "search_queries.yaml"
KINDS = (
    "exact",
    "no-diacritics",
    "wrong-tones",
    "typo",
    "prefix",
    "unit",
    "abbreviation",
    "place",
    "number",
    "english",
    "far-apart",
    "everyday",
    "telex",
    "nothing",
)
BASE_URL = "http://localhost:8000/"  # the site is built for this address and served elsewhere: links are root-relative
TOP = 5
TIMEOUT_MS = 20_000
MODEL_PATH = re.compile(r"/mo-hinh/([a-z0-9-]+)/?$")


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    expect: tuple[str, ...]
    also: tuple[str, ...] = ()
    tie: bool = False
    note: str = ""


@dataclass
class Outcome:
    query: str
    kind: str
    expect: list[str]
    also: list[str]
    tie: bool
    got: list[str]  # model slugs in the order shown (the first page of results)
    marked: list[list[str]]  # the words each of the first 3 results' excerpts marks as matched
    total: int  # results the status line counts (can exceed the cards shown)
    status: str
    top1: bool
    top5: bool
    noise: int  # results in the first TOP that are neither expected nor acceptable
    seconds: float
    error: str = ""


@dataclass
class KindFigures:
    count: int = 0
    top1: int = 0
    top5: int = 0
    noise: int = 0
    empty_when_expected: int = 0
    seconds: list[float] = field(default_factory=list)


# -- the query set --------------------------------------------------------------------------------


def load_queries(path: Path, kinds: set[str] | None = None) -> list[Query]:
    """The queries of path (a list of mappings), checked, optionally only the given kinds."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries, problems = [], []
    for number, entry in enumerate(entries, 1):
        kind = entry.get("kind")
        expect = tuple(entry.get("expect") or ())
        also = tuple(entry.get("also") or ())
        if kind not in KINDS:
            problems.append(f"entry {number} ({entry.get('query')!r}): unknown kind {kind!r}")
        if not str(entry.get("query") or "").strip():
            problems.append(f"entry {number}: empty query")
        if (kind == "nothing") != (not expect):
            problems.append(f"entry {number} ({entry.get('query')!r}): kind nothing ⇔ expect: []")
        if kind in (kinds or {kind}):
            queries.append(
                Query(str(entry["query"]), kind, expect, also, bool(entry.get("tie")), entry.get("note", ""))
            )
    if problems:
        raise SystemExit(f"{path}:\n  " + "\n  ".join(problems))
    return queries


def check_slugs(queries: list[Query], site: Path) -> None:
    """Refuse expectations naming a model the site does not have (a renamed or withdrawn file)."""
    known = {p.parent.name for p in (site / "mo-hinh").glob("*/index.html")}
    unknown = sorted({s for q in queries for s in q.expect + q.also} - known)
    if unknown:
        raise SystemExit("expected models the site does not have: " + ", ".join(unknown))


# -- building -------------------------------------------------------------------------------------


def build_here(work: Path, part_pages: int | None = None) -> Path:
    """Build this checkout's content and layouts in-process into work/site; the checkout is not written.
    part_pages: the search index in parts of at most that many pages (showcase/search.py), to see what
    merging parts does to ranking on a site too small to have parts of its own."""
    from showcase.pipeline import BuildOptions, build
    from showcase.search import SHARD_PAGES

    site = work / "site"
    options = BuildOptions(
        content_dir=ROOT / "content",
        layouts_dir=ROOT / "layouts",
        out_dir=site,
        search=True,
        record="off",
        base_url=BASE_URL,
        preview=True,
        cache_dir=work / "cache",
        search_part_pages=part_pages or SHARD_PAGES,
    )
    build(options)
    return site


def build_repo(repo: Path, work: Path) -> Path:
    """Build another checkout with its own build.py and showcase/, from a copy of its content/."""
    content = work / "content"
    shutil.copytree(repo / "content", content)  # the build records addresses in content/: keep the checkout clean
    site = work / "site"
    command = [sys.executable, str(repo / "build.py"), "build", "--content", str(content)]
    command += ["--layouts", str(repo / "layouts"), "--out", str(site), "--base-url", BASE_URL, "--quiet"]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True)  # its own showcase/ comes first
    if done.returncode != 0:
        raise SystemExit(f"building {repo} failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    return site


def export_commit(commit: str, into: Path) -> Path:
    """Extract a commit of this repository (git archive) into into/repo."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit], capture_output=True)
    if archive.returncode != 0:
        raise SystemExit(f"cannot export {commit}: {archive.stderr.decode(errors='replace')}")
    target = into / "repo"
    target.mkdir()
    archive_file = into / "repo.tar"
    archive_file.write_bytes(archive.stdout)
    with tarfile.open(archive_file) as tar:
        tar.extractall(target, filter="data")
    return target


# -- searching ------------------------------------------------------------------------------------


def search(page, base: str, text: str) -> tuple[list[str], list[list[str]], int, str, float]:
    """Open the search page for text; return the slugs shown in order, the words marked in the first
    three excerpts (what the engine matched), the count, the status line and the seconds it took."""
    started = time.perf_counter()
    page.goto(f"{base}/tim-kiem/?q={quote(text, safe='')}", wait_until="domcontentloaded")
    page.wait_for_selector("#tim-kiem[data-ready]", state="attached", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.getElementById('trang-thai').textContent.trim() !== ''", timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - started
    hrefs = page.eval_on_selector_all("#ket-qua .card-title a", "links => links.map(a => a.href)")
    marked = page.eval_on_selector_all(
        "#ket-qua > li",
        "items => items.slice(0, 3).map(li => [...li.querySelectorAll('mark')].map(m => m.textContent))",
    )
    status = page.inner_text("#trang-thai").strip()
    slugs = [slug_of(href) for href in hrefs]
    numbers = re.match(r"\s*([\d.]+)", status)  # "12 kết quả cho …"; "Không tìm thấy …" counts none
    total = int(numbers.group(1).replace(".", "")) if numbers else len(slugs)
    return slugs, marked, total, status, seconds


def slug_of(href: str) -> str:
    path = urlsplit(href).path
    found = MODEL_PATH.search(path)
    return found.group(1) if found else path


def score(query: Query, got: list[str], marked: list[list[str]], total: int, status: str, seconds: float) -> Outcome:
    """One query's outcome: top-1, top-5 and the noise in the first TOP results."""
    if query.kind == "nothing":
        top1 = top5 = not got and total == 0
    else:
        firsts = {query.expect[0], *query.also} if query.tie else {query.expect[0]}
        top1 = bool(got) and got[0] in firsts
        top5 = firsts <= set(got[:TOP]) if query.tie else query.expect[0] in got[:TOP]
    wanted = set(query.expect) | set(query.also)
    noise = sum(slug not in wanted for slug in got[:TOP])
    return _outcome(
        query, got=got, marked=marked, total=total, status=status, top1=top1, top5=top5, noise=noise, seconds=seconds
    )


def _outcome(query: Query, **found) -> Outcome:
    return Outcome(query.query, query.kind, list(query.expect), list(query.also), query.tie, **found)


def run_queries(site: Path, queries: list[Query], progress: bool) -> list[Outcome]:
    """Every query in one Chromium tab against the served site."""
    from playwright.sync_api import sync_playwright

    outcomes = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        search(page, base, "hòa giải")  # warm-up: the first load pays for starting the browser's caches
        for number, query in enumerate(queries, 1):
            errors.clear()
            try:
                got, marked, total, status, seconds = search(page, base, query.query)
                outcome = score(query, got, marked, total, status, seconds)
            except Exception as error:  # noqa: BLE001 - a timeout is a failed query, not a failed run
                outcome = _outcome(
                    query,
                    got=[],
                    marked=[],
                    total=0,
                    status="",
                    top1=False,
                    top5=False,
                    noise=0,
                    seconds=TIMEOUT_MS / 1000,
                    error=f"{type(error).__name__}: {error}",
                )
            if errors:
                outcome.error = (outcome.error + " " if outcome.error else "") + "; ".join(errors)
            outcomes.append(outcome)
            if progress:
                print(f"\r{number}/{len(queries)}", end="", file=sys.stderr, flush=True)
        if progress:
            print(file=sys.stderr)
        browser.close()
    return outcomes


# -- reporting ------------------------------------------------------------------------------------


def figures(outcomes: list[Outcome]) -> dict[str, KindFigures]:
    """Figures per kind, plus "all" and "all but nothing"."""
    table: dict[str, KindFigures] = {}
    for outcome in outcomes:
        groups = [outcome.kind, "all"] + ([] if outcome.kind == "nothing" else ["all but nothing"])
        for name in groups:
            entry = table.setdefault(name, KindFigures())
            entry.count += 1
            entry.top1 += outcome.top1
            entry.top5 += outcome.top5
            entry.noise += outcome.noise
            entry.empty_when_expected += bool(outcome.expect) and not outcome.got
            entry.seconds.append(outcome.seconds)
    return table


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def report(outcomes: list[Outcome], table: dict[str, KindFigures], label: str) -> str:
    """The printed report: a table per kind, the overall figures, the failing queries."""
    lines = [f"Search quality: {label}", ""]
    header = f"{'kind':<16} {'queries':>7} {'top-1':>6} {'top-5':>6} {'empty':>6} {'noise/q':>8} {'median':>8}"
    lines += [header, "-" * len(header)]
    order = [k for k in KINDS if k in table] + [k for k in ("all but nothing", "all") if k in table]
    for name in order:
        f = table[name]
        if name == "all but nothing":
            lines.append("-" * len(header))
        noise = f"{f.noise / f.count:.1f}" if f.count else "-"
        median = f"{statistics.median(f.seconds) * 1000:.0f} ms"
        lines.append(
            f"{name:<16} {f.count:>7} {pct(f.top1, f.count):>6} {pct(f.top5, f.count):>6} "
            f"{f.empty_when_expected:>6} {noise:>8} {median:>8}"
        )
    whole = table["all"]
    lines += [
        "",
        f"Overall: top-1 {whole.top1}/{whole.count} ({pct(whole.top1, whole.count)}), "
        f"top-5 {whole.top5}/{whole.count} ({pct(whole.top5, whole.count)}).",
        f"Queries that found nothing while a model was expected: {whole.empty_when_expected}.",
        f"Median time per query (page load to status line): {statistics.median(whole.seconds) * 1000:.0f} ms.",
        "(empty: queries with no result though a model was expected; noise/q: results in the first 5 that",
        " are neither expected nor listed under `also`, per query.)",
    ]
    failing = [o for o in outcomes if not (o.top1 and o.top5)]
    lines += ["", f"Failing queries ({len(failing)}; top-1 or top-5 missed):"]
    for kind in KINDS:
        mine = [o for o in failing if o.kind == kind]
        if not mine:
            continue
        lines.append(f"  {kind}:")
        for o in mine:
            mark = "top-5 ok" if o.top5 else "not in top 5"
            expected = ("any of " if o.tie else "") + (
                ", ".join(_short(s) for s in [*o.expect[:1], *(o.also if o.tie else [])]) or "nothing"
            )
            got = ", ".join(_short(s) for s in o.got[:3]) or "nothing"
            extra = f" [{o.total} results]" if o.total > 3 else ""
            if o.marked and o.marked[0]:
                extra += f" (first matched: {' '.join(dict.fromkeys(w.lower() for w in o.marked[0]))})"
            error = f" ERROR {o.error}" if o.error else ""
            lines.append(f"    {o.query!r}: expected {expected}; got {got}{extra} ({mark}){error}")
    return "\n".join(lines)


def _short(slug: str) -> str:
    """A slug cut to its first words, enough to tell the 13 models apart in a table."""
    words = slug.split("-")
    return "-".join(words[:5]) + ("…" if len(words) > 5 else "")


def revision(repo: Path) -> str:
    """The commit of repo, marked '+changes' when its working tree differs, or 'no git'."""
    head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "no git"
    dirty = subprocess.run(
        ["git", "--no-optional-locks", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    )
    return head.stdout.strip() + (" +changes" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = p.add_mutually_exclusive_group()
    where.add_argument("--site", type=Path, help="an already built site (with its pagefind/ bundle)")
    where.add_argument("--repo", type=Path, help="build this checkout (its build.py, showcase/, layouts/, content/)")
    where.add_argument("--commit", help="build this commit of the repository, exported with git archive")
    p.add_argument("--kinds", help=f"only these kinds, comma-separated ({', '.join(KINDS)})")
    p.add_argument("--queries", type=Path, default=QUERIES, help="the query set (default: bench/search_queries.yaml)")
    p.add_argument("--json", type=Path, help="also write every figure and per-query result as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress counter")
    p.add_argument("--part-pages", type=int, help="build the index in parts of at most N pages (this checkout only)")
    args = p.parse_args(argv)

    kinds = set(args.kinds.split(",")) if args.kinds else None
    if kinds and kinds - set(KINDS):
        p.error(f"unknown kinds: {', '.join(sorted(kinds - set(KINDS)))}")
    queries = load_queries(args.queries, kinds)
    if not queries:
        p.error("no query of those kinds")

    with tempfile.TemporaryDirectory(prefix="dvk-search-quality-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        if args.site:
            site, label = args.site.resolve(), f"site {args.site}"
        elif args.commit:
            repo = export_commit(args.commit, work)
            short = subprocess.run(
                ["git", "-C", str(ROOT), "rev-parse", "--short", args.commit], capture_output=True, text=True
            )
            site, label = build_repo(repo, work), f"commit {short.stdout.strip() or args.commit}"
        elif args.repo:
            repo = args.repo.resolve()
            site, label = build_repo(repo, work), f"{repo} ({revision(repo)})"
        else:
            site, label = build_here(work, args.part_pages), f"{ROOT} ({revision(ROOT)})"
            if args.part_pages:
                label += f", index in parts of at most {args.part_pages} pages"
        built = time.perf_counter() - started
        check_slugs(queries, site)
        outcomes = run_queries(site, queries, progress=not args.quiet and sys.stderr.isatty())
        searched = time.perf_counter() - started - built

    table = figures(outcomes)
    print(report(outcomes, table, label))
    print(f"\nBuild {built:.1f} s, {len(queries)} queries {searched:.1f} s.")
    if args.json:
        data = {
            "label": label,
            "queries": len(outcomes),
            "build_seconds": round(built, 2),
            "search_seconds": round(searched, 2),
            "kinds": {
                name: {
                    "count": f.count,
                    "top1": f.top1,
                    "top5": f.top5,
                    "top1_pct": round(100 * f.top1 / f.count, 1),
                    "top5_pct": round(100 * f.top5 / f.count, 1),
                    "empty_when_expected": f.empty_when_expected,
                    "noise_per_query": round(f.noise / f.count, 2),
                    "median_ms": round(statistics.median(f.seconds) * 1000, 1),
                }
                for name, f in table.items()
            },
            "results": [asdict(o) for o in outcomes],
            "kinds_counted": dict(Counter(o.kind for o in outcomes)),
        }
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
