"""Benchmark the build on synthetic corpora: wall and CPU time, pages per second, output size, peak memory.

For each size N: generate N synthetic models into a temporary project (not timed as part of the build),
build it with `build.py --no-search` in a subprocess, then index it with Pagefind in a second subprocess,
measuring each the same way. Memory is the peak of the summed RSS of the process and all its descendants
(the build forks worker processes), sampled from /proc every POLL_SECONDS.

Usage: .venv/bin/python bench/run.py [--sizes 1000 10000] [--jobs 0] [--keep] [--repeat 1] [--stages]
                                     [--profile] [--repo DIR] [--no-search] [--json FILE]
--repo benchmarks another checkout (its build.py, showcase/, layouts/ and content/*.yaml); --commit REV
benchmarks a commit of this repository, exported with `git archive` to a temporary folder (the working
tree and .git are left alone). Either way two versions can be compared on the same corpus.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402  (needs ROOT on sys.path)

# The sampler shares the cores with what it measures: reading PSS (smaps_rollup, ~2.6 ms a process of a
# build) every 100 ms and scanning /proc (~0.9 ms) every 100 ms took 0.72-0.79 CPU-s of a 10.5 s build
# (7 % of a core), CPU a build that keeps both cores busy would have had (bench/README.md).
POLL_SECONDS = 0.02  # RSS of the known processes (/proc/PID/stat, cheap)
PSS_EVERY = 30  # read the (slower) PSS every 30th poll (~0.6 s), right after a rescan (a multiple of it)
RESCAN_EVERY = 10  # look for new descendant processes every 10th poll, i.e. every ~0.2 s
EARLY_POLLS, EARLY_EVERY = 50, 5  # in the first second both every 5th poll: a warm build takes ~0.4 s
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MIB = 2**20
TARGET_MODELS, TARGET_SECONDS, TARGET_MIB = 10_000, 20.0, 1024


@dataclass
class Measurement:
    """One subprocess run: times in seconds, memory in MiB."""

    wall: float
    cpu: float
    sys_cpu: float  # the part of cpu spent in the kernel (file system, fork, page faults)
    peak_rss_mib: float  # max over samples of the summed RSS of the process tree
    peak_pss_mib: float  # same with PSS (shared pages split between processes), sampled less often
    processes: int  # most processes seen at once in the tree
    others_cpu: float  # CPU seconds used meanwhile by processes outside the tree: noise from other work
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Result:
    """Every figure for one corpus size."""

    models: int
    generate_seconds: float
    corpus_mib: float
    build: Measurement
    pages: int
    output_mib: float
    search: Measurement | None = None
    indexed_pages: int = 0
    index_mib: float = 0.0
    stages: dict[str, float] | None = None
    build_walls: list[float] | None = None  # every repeat; `build` is the median one

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.build.wall if self.build.wall else 0.0


# -- measuring a process tree -------------------------------------------------------------------
def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, RSS pages) of one process from /proc/PID/stat, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), int(fields[21])


def process_tree(root: int) -> dict[int, int]:
    """pid → RSS pages for root and all its descendants (a scan of every process in /proc)."""
    table = {int(e.name): _stat(int(e.name)) for e in os.scandir("/proc") if e.name.isdigit()}
    children: dict[int, list[int]] = {}
    for pid, entry in table.items():
        if entry is not None:
            children.setdefault(entry[0], []).append(pid)
    found: dict[int, int] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        entry = table.get(pid)
        if entry is not None:
            found[pid] = entry[1]
            stack.extend(children.get(pid, ()))
    return found


def _pss_kib(pid: int) -> int:
    """Proportional set size of one process, in KiB (0 if it is gone or unreadable)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], cwd: Path) -> Measurement:
    """Run command to completion, sampling the memory of its process tree; CPU from RUSAGE_CHILDREN."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = _busy_seconds()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        peak_rss = peak_pss = processes = polls = 0
        pids: list[int] = []
        while process.poll() is None:
            # A full /proc scan (~0.9 ms) finds new descendants every RESCAN_EVERY polls (every EARLY_EVERY
            # in the first second); in between only the known processes are read, so sampling costs little.
            early = polls < EARLY_POLLS and polls % EARLY_EVERY == 0
            if early or polls % RESCAN_EVERY == 0:
                tree = process_tree(process.pid)
                pids = list(tree)
                rss_pages = sum(tree.values())
            else:
                entries = [_stat(pid) for pid in pids]
                rss_pages = sum(entry[1] for entry in entries if entry is not None)
            peak_rss, processes = max(peak_rss, rss_pages * PAGE_SIZE), max(processes, len(pids))
            if early or polls % PSS_EVERY == 0:
                peak_pss = max(peak_pss, sum(_pss_kib(pid) for pid in pids) * 1024)
            polls += 1
            time.sleep(POLL_SECONDS)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy = _busy_seconds() - busy_before
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    others = max(0.0, busy - cpu)
    return Measurement(
        wall,
        cpu,
        after.ru_stime - before.ru_stime,
        peak_rss / MIB,
        peak_pss / MIB,
        processes,
        others,
        process.returncode,
        stdout,
        stderr,
    )


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores, from /proc/stat)."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def wait_until_idle(limit: float, timeout: float = 120.0) -> float:
    """Wait (up to timeout s) until other processes use less than limit cores; return the last reading."""
    deadline = time.monotonic() + timeout
    while True:
        start = _busy_seconds()
        time.sleep(1.0)
        used = _busy_seconds() - start
        if used < limit or time.monotonic() > deadline:
            return used


# -- the benchmark ------------------------------------------------------------------------------
def folder_size(folder: Path, suffix: str = "") -> tuple[int, int]:
    """(number of files ending in suffix, total bytes of those files) under folder."""
    count = size = 0
    for directory, _, files in os.walk(folder):
        for name in files:
            if name.endswith(suffix):
                count += 1
                size += os.path.getsize(os.path.join(directory, name))
    return count, size


def run_size(count: int, args: argparse.Namespace, work: Path) -> Result:
    """Generate a corpus of count models in work, build it, then index it; return every figure."""
    repo: Path = args.repo
    corpus = generate(work, count, args.seed, repo / "content")
    site = work / "site"
    command = [
        sys.executable,
        "build.py",
        "--content",
        str(work / "content"),
        "--out",
        str(site),
        "--no-search",
        "--jobs",
        str(args.jobs),
    ]
    builds = []
    for _ in range(args.repeat):
        shutil.rmtree(site, ignore_errors=True)  # a rebuild would also time deleting the old site
        _settle(args.wait_idle)
        build = measure(command, repo)
        if build.returncode != 0:
            raise SystemExit(
                f"build failed ({build.returncode}) for N={count}:\n{build.stdout}\n{build.stderr[-4000:]}"
            )
        builds.append(build)
    build = sorted(builds, key=lambda b: b.wall)[(len(builds) - 1) // 2]
    pages, _ = folder_size(site, ".html")
    _, output_bytes = folder_size(site)
    result = Result(
        count,
        corpus.seconds,
        corpus.bytes / MIB,
        build,
        pages,
        output_bytes / MIB,
        build_walls=[b.wall for b in builds],
    )
    if not args.no_search:
        _settle(args.wait_idle)
        result.search = measure([sys.executable, "-m", "pagefind", "--site", str(site)], repo)
        if result.search.returncode != 0:
            raise SystemExit(f"pagefind failed for N={count}:\n{result.search.stdout}\n{result.search.stderr}")
        result.indexed_pages = _indexed_pages(result.search.stdout)
        result.index_mib = folder_size(site / "pagefind")[1] / MIB
    if args.stages:
        result.stages = in_process(work, repo, args.jobs)
    return result


def _settle(idle_limit: float) -> None:
    """Let earlier writes reach the disk and, if asked, wait for other work on the machine to calm down."""
    os.sync()
    time.sleep(0.5)
    if idle_limit > 0:
        used = wait_until_idle(idle_limit)
        if used >= idle_limit:
            print(f"  (machine still busy: {used:.2f} cores used by other processes; measuring anyway)")


def _indexed_pages(stdout: str) -> int:
    for line in stdout.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "Indexed" and words[1].isdigit() and words[2].startswith("page"):
            return int(words[1])
    return 0


def in_process(work: Path, repo: Path, jobs: int, profile: bool = False) -> dict[str, float]:
    """Build once more in a fresh process (bench/inprocess.py) to read the pipeline's per-stage timings."""
    command = [
        sys.executable,
        str(Path(__file__).with_name("inprocess.py")),
        str(work),
        "--repo",
        str(repo),
        "--jobs",
        str(jobs),
    ] + ["--profile", "--save"] * profile
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"in-process build failed:\n{done.stdout}\n{done.stderr[-4000:]}")
    stages = {}
    for line in done.stdout.splitlines():
        if line.startswith("STAGES "):
            stages = json.loads(line[len("STAGES ") :])
        elif profile:
            print(line)
    return stages


# -- output -------------------------------------------------------------------------------------
def _row(label: str, values: list[str]) -> str:
    return f"{label:<40}" + "".join(f"{v:>16}" for v in values)


def print_table(results: list[Result], jobs: int) -> None:
    """Print every figure, one row per figure and one column per corpus size."""
    cores = os.cpu_count() or 1
    print(
        f"\nBuild: build.py --no-search --jobs {jobs} ({jobs or cores} worker(s); {cores} core(s)); "
        f"load average now {os.getloadavg()[0]:.2f}"
    )
    rows = [
        ("models", lambda r: f"{r.models:,}"),
        ("corpus size (MiB)", lambda r: f"{r.corpus_mib:.1f}"),
        ("generation (s, not in build)", lambda r: f"{r.generate_seconds:.1f}"),
        ("build wall (s)", lambda r: f"{r.build.wall:.2f}"),
        ("  every repeat (s)", lambda r: "/".join(f"{w:.1f}" for w in r.build_walls or [])),
        ("build CPU user+sys (s)", lambda r: f"{r.build.cpu:.2f}"),
        ("  of which sys (s)", lambda r: f"{r.build.sys_cpu:.2f}"),
        ("CPU / wall (parallelism)", lambda r: f"{r.build.cpu / r.build.wall:.2f}"),
        ("pages written (.html)", lambda r: f"{r.pages:,}"),
        ("pages / s", lambda r: f"{r.pages_per_second:,.0f}"),
        ("output size (MiB)", lambda r: f"{r.output_mib:.1f}"),
        ("peak RSS, process tree (MiB)", lambda r: f"{r.build.peak_rss_mib:.0f}"),
        ("peak PSS, process tree (MiB)", lambda r: f"{r.build.peak_pss_mib:.0f}"),
        ("max processes at once", lambda r: f"{r.build.processes}"),
        ("CPU used by other work meanwhile (s)", lambda r: f"{r.build.others_cpu:.1f}"),
    ]
    if any(r.search for r in results):
        rows += [
            ("search: pagefind wall (s)", lambda r: f"{r.search.wall:.2f}" if r.search else "-"),
            ("search: CPU user+sys (s)", lambda r: f"{r.search.cpu:.2f}" if r.search else "-"),
            ("search: peak RSS (MiB)", lambda r: f"{r.search.peak_rss_mib:.0f}" if r.search else "-"),
            ("search: CPU by other work meanwhile (s)", lambda r: f"{r.search.others_cpu:.1f}" if r.search else "-"),
            ("search: pages indexed", lambda r: f"{r.indexed_pages:,}" if r.search else "-"),
            ("search: index size (MiB)", lambda r: f"{r.index_mib:.1f}" if r.search else "-"),
        ]
    print(_row("", [f"N={r.models:,}" for r in results]))
    for label, value in rows:
        print(_row(label, [value(r) for r in results]))
    for r in results:
        summary = next((line for line in r.build.stdout.splitlines() if line.startswith("Built")), "")
        print(f"N={r.models:,}: build.py says: {summary}")
        if r.build.stderr.strip():
            print(f"N={r.models:,}: build.py stderr (first lines):\n" + "\n".join(r.build.stderr.splitlines()[:5]))
        if r.stages:
            print(
                f"N={r.models:,}: stages (in-process rebuild, --jobs {jobs}): "
                + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in r.stages.items())
            )
        if r.models == TARGET_MODELS:
            ok = r.build.wall <= TARGET_SECONDS and r.build.peak_rss_mib < TARGET_MIB
            print(
                f"N={r.models:,}: issue target ≤ {TARGET_SECONDS:.0f} s wall and < {TARGET_MIB} MiB peak: "
                f"{'met' if ok else 'NOT met'} ({r.build.wall:.1f} s, {r.build.peak_rss_mib:.0f} MiB)"
            )


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmark for each size and print the figures."""
    p = argparse.ArgumentParser(description="Benchmark build.py on synthetic corpora.")
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (number of models)")
    p.add_argument("--jobs", type=int, default=0, help="--jobs passed to build.py (0 = every core)")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus")
    p.add_argument("--keep", action="store_true", help="keep the temporary folders and print where they are")
    p.add_argument("--no-search", action="store_true", help="skip the Pagefind measurement")
    p.add_argument("--stages", action="store_true", help="rebuild in-process to print per-stage timings")
    p.add_argument(
        "--profile",
        action="store_true",
        help="also profile one in-process build (--jobs 1) of the smallest size under cProfile",
    )
    p.add_argument("--repeat", type=int, default=1, help="build each corpus this many times; report the median")
    p.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="CORES",
        help="before each measurement wait (≤ 2 min) until other processes use fewer than CORES cores",
    )
    p.add_argument("--repo", type=Path, default=ROOT, help="checkout to benchmark (default: this one)")
    p.add_argument("--commit", help="benchmark this commit of the repository (exported to a temporary folder)")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = p.parse_args(argv)

    exported = export_commit(args.commit) if args.commit else None
    args.repo = (exported or args.repo).resolve()
    revision = f"commit {_short(args.commit)}" if args.commit else _revision(args.repo)
    print(f"Benchmarking {args.repo} ({revision}); load average {os.getloadavg()[0]:.2f}")
    try:
        compile_code(args.repo)
        results = run_all(args)
    finally:
        if exported:
            shutil.rmtree(exported, ignore_errors=True)
    print_table(results, args.jobs)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "revision": revision,
                    "jobs": args.jobs,
                    "cores": os.cpu_count(),
                    "results": [_as_json(r) for r in results],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    return 0


def run_all(args: argparse.Namespace) -> list[Result]:
    """Every corpus size in turn, each in its own temporary project folder."""
    results = []
    for count in args.sizes:
        with scratch_folder(f"dvk-bench-{count}-", args.keep, label=f"N={count:,}: ") as work:
            print(f"N={count:,}: generating, building, indexing in {work} …", flush=True)
            results.append(run_size(count, args, work))
            if args.profile and count == min(args.sizes):
                in_process(work, args.repo, 1, profile=True)
    return results


@contextlib.contextmanager
def scratch_folder(prefix: str, keep: bool, parent: Path | None = None, label: str = "") -> Iterator[Path]:
    """A new temporary folder for one benchmark's files: deleted afterwards, or with --keep kept and
    said where (`label` starts that line)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield folder
    finally:
        if keep:
            print(f"{label}kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def compile_code(repo: Path) -> None:
    """Compile the package's bytecode once, as an installed program has it. Without it, a shell that sets
    PYTHONDONTWRITEBYTECODE (this machine's does) makes every measured build compile showcase/ again:
    ~0.07 s of a build after one edit, and of every cold one."""
    compileall.compile_dir(repo / "showcase", quiet=1)


def export_commit(commit: str) -> Path:
    """Extract commit's files (git archive) into a new temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="dvk-bench-repo-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit], capture_output=True)
    if archive.returncode != 0:
        shutil.rmtree(folder)
        raise SystemExit(f"cannot export {commit}: {archive.stderr.decode(errors='replace')}")
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def _short(commit: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", commit], capture_output=True, text=True)
    return done.stdout.strip() or commit


def _revision(repo: Path) -> str:
    """The commit of repo, marked '+changes' when its working tree differs, or 'no git'."""
    head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "no git"
    # --no-optional-locks: never write .git/index, which others may be committing to
    status = [
        "git",
        "--no-optional-locks",
        "-C",
        str(repo),
        "status",
        "--porcelain",
        "--",
        "showcase",
        "layouts",
        "build.py",
    ]
    dirty = subprocess.run(status, capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + (" +changes" if dirty else "")


def _as_json(result: Result) -> dict:
    data = asdict(result)
    for key in ("build", "search"):
        if data[key]:
            data[key].pop("stdout")
            data[key].pop("stderr")
    data["pages_per_second"] = result.pages_per_second
    return data


if __name__ == "__main__":
    sys.exit(main())
