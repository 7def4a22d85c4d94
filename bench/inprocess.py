"""Run one build inside this process: to read the pipeline's per-stage timings, or under cProfile.

The build's own command line prints only a total; here BuildReport.timings is printed as one line
"STAGES {json}" that run.py reads. With --profile the build runs under cProfile and the report says
where the time goes. Each function's own time is given to a category by where its code lives (Markdown, YAML, Jinja, …).
Builtins, the standard library and shared helpers (text_vi, urls, problems) have no category of their
own: their time goes to the categories of their callers, in proportion to the time each caller spent in
them. So `str.encode` called from writing.py counts as file writing, and `unicodedata.normalize` called
from the YAML reader counts as YAML. The shares add up to the whole profiled build.

Usage: .venv/bin/python bench/inprocess.py PROJECT_DIR [--repo DIR] [--jobs 1] [--profile] [--save]
PROJECT_DIR holds content/ (see generate.py); --repo is the checkout whose showcase/ and layouts/ are used.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Func = tuple[str, int, str]  # (file, line, function) as pstats names it

OTHER = "other"
# First match wins; a fragment is looked for in the file's path (with forward slashes).
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Markdown (markdown, nh3, markup.py)", ("/markdown/", "/nh3/", "showcase/markup.py")),
    ("YAML & reading (PyYAML, frontmatter, sources.py)", ("/yaml/", "/frontmatter/", "showcase/sources.py")),
    (
        "Jinja (jinja2, markupsafe, templates, rendering.py)",
        ("/jinja2/", "/markupsafe/", "showcase/rendering.py", "/layouts/", "<template>"),
    ),
    ("File writing (writing.py)", ("showcase/writing.py",)),
    (
        "Validation (validation.py, vocab.py, loading.py)",
        ("showcase/validation.py", "showcase/vocab.py", "showcase/loading.py", "showcase/model.py"),
    ),
    ("Site model, sorting (site_model.py)", ("showcase/site_model.py",)),
)
# Code whose time belongs to whoever called it.
PASS_THROUGH = (
    "showcase/text_vi.py",
    "showcase/urls.py",
    "showcase/problems.py",
    "showcase/messages.py",
    "showcase/hygiene.py",
)
_STDLIB = Path(sysconfig.get_paths()["stdlib"]).as_posix()


def _own_category(func: Func) -> str | None:
    """The category of a function's code, or None when its time should go to its callers."""
    file = func[0].replace("\\", "/")
    for name, fragments in CATEGORIES:
        if any(fragment in file for fragment in fragments):
            return name
    if file == "~" or file.startswith(_STDLIB) and "site-packages" not in file:
        return None
    if any(fragment in file for fragment in PASS_THROUGH):
        return None
    return OTHER


class Attribution:
    """Splits each function's own time between categories, following callers where needed."""

    def __init__(self, stats: dict):
        self.stats = stats
        self.memo: dict[Func, dict[str, float]] = {}

    def mix(self, func: Func, visiting: frozenset[Func] = frozenset()) -> dict[str, float]:
        """Category → share (summing to 1) for the time spent in func's own code."""
        if func in self.memo:
            return self.memo[func]
        own = _own_category(func)
        if own is not None:
            return {own: 1.0}
        if func in visiting:
            return {OTHER: 1.0}
        callers = self.stats[func][4] if func in self.stats else {}
        weights = {c: edge[2] for c, edge in callers.items()}
        total = sum(weights.values())
        if total <= 0:  # no time measured on any edge: fall back to cumulative time, then to "other"
            weights = {c: edge[3] for c, edge in callers.items()}
            total = sum(weights.values())
        if total <= 0:
            result = {OTHER: 1.0}
        else:
            result: dict[str, float] = {}
            for caller, weight in weights.items():
                for name, share in self.mix(caller, visiting | {func}).items():
                    result[name] = result.get(name, 0.0) + share * weight / total
        if not visiting:
            self.memo[func] = result
        return result

    def totals(self) -> dict[str, float]:
        """Seconds of own time per category, over the whole profile."""
        totals: dict[str, float] = {}
        for func, (_, _, own_time, _, _) in self.stats.items():
            for name, share in self.mix(func).items():
                totals[name] = totals.get(name, 0.0) + own_time * share
        return totals

    def label(self, func: Func) -> str:
        """Short name of the category that gets most of func's own time."""
        mix = self.mix(func)
        return max(mix, key=mix.get).split(" (")[0]


def _name(func: Func) -> str:
    file, line, name = func
    if file == "~":
        return name
    path = Path(file)
    short = path.name if "site-packages" in file or file.startswith(_STDLIB) else _relative(path)
    return f"{short}:{line}({name})"


def _relative(path: Path) -> str:
    """'…/showcase/markup.py' → 'showcase/markup.py', whichever checkout it comes from."""
    parts = path.parts
    for folder in ("showcase", "layouts"):
        if folder in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(folder) :])
    return path.name


def report(stats: dict, top: int = 25) -> None:
    """Print the top functions by cumulative and by own time, then the share of each category."""
    attribution = Attribution(stats)
    rows = sorted(stats.items(), key=lambda item: item[1][3], reverse=True)[:top]
    print(f"\nTop {top} functions by cumulative time (profiled in-process build, --jobs 1):")
    print(f"{'cumul s':>9} {'own s':>8} {'calls':>10}  {'category':<20} function")
    for func, (_, calls, own, cumulative, _) in rows:
        print(f"{cumulative:9.2f} {own:8.2f} {calls:10d}  {attribution.label(func):<20} {_name(func)}")
    rows = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:15]
    print("\nTop 15 functions by own time:")
    for func, (_, calls, own, cumulative, _) in rows:
        print(f"{cumulative:9.2f} {own:8.2f} {calls:10d}  {attribution.label(func):<20} {_name(func)}")
    totals = attribution.totals()
    whole = sum(totals.values()) or 1.0
    print("\nWhere the build's time goes (own time, builtins and stdlib counted with their callers):")
    for name, seconds in sorted(totals.items(), key=lambda item: item[1], reverse=True):
        print(f"  {name:<54} {seconds:7.2f} s  {100 * seconds / whole:5.1f} %")
    print(f"  {'total profiled':<54} {whole:7.2f} s")


def run_build(project: Path, repo: Path, jobs: int, profile: bool, save: bool) -> dict[str, float]:
    """Build project/content with repo's showcase/ into a scratch folder; print stages (and the profile)."""
    sys.path.insert(0, str(repo))  # import the showcase package of the checkout under test
    from showcase.pipeline import BuildOptions, build

    out = project / "site-inprocess"
    options = BuildOptions(
        content_dir=project / "content", layouts_dir=repo / "layouts", out_dir=out, jobs=jobs, search=False
    )
    # The default (wall-clock) timer: a CPU-time timer is a system call, and its cost would be billed to
    # the functions that make the most calls, tripling the profile and bending the shares.
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    result = build(options)
    if profiler:
        profiler.disable()
    wall = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    print("STAGES " + json.dumps(result.timings))
    if profiler:
        print(
            f"\nProfiled build (--jobs {jobs}): {result.models} models, {result.pages} pages in {wall:.1f} s "
            "(under cProfile, so slower than a real build)"
        )
        print("Stages: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in result.timings.items()))
        stats = pstats.Stats(profiler)
        report(stats.stats)  # type: ignore[attr-defined]  (pstats keeps its table in .stats)
        if save:
            stats.dump_stats(project / "build.prof")
            print(f"Profile saved to {project / 'build.prof'} (open with snakeviz or pstats).")
    return result.timings


def main(argv: list[str] | None = None) -> int:
    """Command line: one in-process build of an existing project folder."""
    p = argparse.ArgumentParser(description="One in-process build: per-stage timings, optionally profiled.")
    p.add_argument("project", type=Path, help="folder holding content/ (see bench/generate.py)")
    p.add_argument("--repo", type=Path, default=ROOT, help="checkout whose showcase/ and layouts/ to use")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (a profile only sees --jobs 1)")
    p.add_argument("--profile", action="store_true", help="run under cProfile and print where the time goes")
    p.add_argument("--save", action="store_true", help="save the raw profile to PROJECT/build.prof")
    args = p.parse_args(argv)
    run_build(args.project.resolve(), args.repo.resolve(), args.jobs, args.profile, args.save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
