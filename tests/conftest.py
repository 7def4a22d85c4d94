"""Shared fixtures: throw-away projects built from the test-owned fixture site (tests/fixtures/site/).

Tests never read the real content/ (it belongs to the editors and grows every week), except
tests/test_content.py, which checks it only for validity and for the source article's facts.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from showcase.pipeline import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_SITE = FIXTURES / "site"
DATA_FILES = (
    "site.yaml",
    "sources.yaml",
    "fields.yaml",
    "districts.yaml",
    "levels.yaml",
    "figures.yaml",
    "replication.yaml",
    "sap-xep-2025.yaml",
)
TODAY = dt.date(2026, 11, 28)
BASE_URL = "https://kiem-thu.example/"  # the fixture site's base_url


def make_project(tmp: Path, models: Path | None = FIXTURE_SITE / "mo-hinh") -> Path:
    """Copy the fixture site's data files and (optionally) a models folder into tmp/content; return content/."""
    content = tmp / "content"
    content.mkdir(parents=True)
    for name in DATA_FILES:
        shutil.copyfile(FIXTURE_SITE / name, content / name)
    if models is not None:
        shutil.copytree(models, content / "mo-hinh")
    else:
        (content / "mo-hinh").mkdir()
    return content


def options(content: Path, out: Path | None = None, **overrides) -> BuildOptions:
    """Build options for a test project: no search unless asked, a fixed 'today', one worker."""
    settings = {"search": False, "jobs": 1, "today": TODAY, "layouts_dir": ROOT / "layouts", "record": "off"}
    settings.update(overrides)
    return BuildOptions(content_dir=content, out_dir=out or content.parent / "site", **settings)


def write_model(content: Path, name: str, text: str) -> Path:
    """Write one model file (text as given, encoded UTF-8) under content/mo-hinh/."""
    path = content / "mo-hinh" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fixture project's content/ folder with the test models."""
    return make_project(tmp_path)


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """A content/ folder with the fixture site's data files and no model yet."""
    return make_project(tmp_path, models=None)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes: for before/after comparisons."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_golden(actual: str, expected_file: Path) -> None:
    """Compare text with a stored expectation; UPDATE_GOLDEN=1 (make golden) rewrites it instead."""
    import difflib
    import os

    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert expected_file.exists(), f"{expected_file} is missing: run `make golden` to create it"
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), str(expected_file), "actual", lineterm=""
        )
        raise AssertionError("output differs from golden file (make golden refreshes it):\n" + "\n".join(diff))
