"""Search: run Pagefind over the staged site, so the index always matches the pages it serves."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

INDEX_FOLDER = "pagefind"


class SearchError(Exception):
    """Pagefind failed; the build stops and the published site stays as it was."""


@dataclass(frozen=True)
class SearchReport:
    pages: int
    index_bytes: int
    seconds: float


def index_site(staging: Path) -> SearchReport:
    """Index the staged output with the Pagefind command line (one process for the whole site)."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "pagefind", "--site", str(staging), "--output-subdir", INDEX_FOLDER]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchError(f"Pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    match = re.search(r"Indexed (\d+) page", result.stdout)
    size = sum(p.stat().st_size for p in (staging / INDEX_FOLDER).rglob("*") if p.is_file())
    return SearchReport(int(match.group(1)) if match else 0, size, time.perf_counter() - started)
