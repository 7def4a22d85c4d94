"""Shared fixtures: throw-away projects built from the test-owned fixture site (tests/fixtures/site/).

Tests never read the real content/ (it belongs to the editors and grows every week), except
tests/test_content.py, which checks it only for validity and for the source article's facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from showcase.pipeline import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_SITE = FIXTURES / "site"
# The fixture site's data files; synonyms.yaml only on request (make_project)
DATA_FILES = tuple(sorted(p.name for p in FIXTURE_SITE.glob("*.yaml") if p.name != "synonyms.yaml"))
TODAY = dt.date(2026, 11, 28)
BASE_URL = "https://kiem-thu.example/"  # the fixture site's base_url


try:
    import fcntl
except ImportError:  # Windows: no advisory locks (one installer at a time is then up to the user)
    fcntl = None

# Taken by the node_packages fixture around scripts/node-packages.sh: one pytest-xdist worker installs,
# the others wait, then find the packages in place.
NODE_LOCK = Path(tempfile.gettempdir()) / f"dvk-node-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}.lock"


@pytest.fixture(scope="session")
def node_packages() -> None:
    """The pinned Node packages (the HTML checker, axe-core, the web form), installed when a test that
    needs them first runs: so every test works in a clone where only build-site, or no script at all,
    ran. node-packages.sh does nothing when they are installed from this lock, and nothing without npm
    (test_test_tools_are_installed then says what is missing). A copy of the project without the lock
    (tests/test_growth.py copies only what its check needs) has nothing to install.

    Only when asked: in a fresh clone `npm ci` takes ~18 s, and the quick loop (not browser, not slow)
    has no test that needs the packages, so it no longer waits for them (42 s instead of 23 s)."""
    if not (ROOT / "package-lock.json").is_file():
        return
    script = ["bash", str(ROOT / "scripts" / "node-packages.sh")]
    if fcntl is None:
        subprocess.run(script, check=True)
        return
    with open(NODE_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(script, check=True)


def make_project(tmp: Path, models: Path | None = FIXTURE_SITE / "mo-hinh", synonyms: bool = False) -> Path:
    """Copy the fixture site's data files and (optionally) a models folder into tmp/content; return content/.

    The search synonyms (tests/fixtures/site/synonyms.yaml) only with synonyms=True: they name words
    of the fixture models, and a project with other models would get "no page has these words"."""
    content = tmp / "content"
    content.mkdir(parents=True)
    for name in DATA_FILES + (("synonyms.yaml",) if synonyms else ()):
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


# -- browser tests (tests/test_browser.py, tests/test_readers.py): one built, served site per worker ----


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The fixture site plus the search test models, built with search: (site folder, content folder)."""
    from .browser_helpers import build_search_site

    tmp = tmp_path_factory.mktemp("search-site")
    return build_search_site(tmp), tmp / "content"


@pytest.fixture(scope="session")
def base_url(built):
    from .browser_helpers import serve

    with serve(built[0]) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from .browser_helpers import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    """A new tab on the served site that fails the test on a dialog, script error, CSP violation or
    request to another host."""
    from .browser_helpers import Watch

    context = browser.new_context(base_url=base_url, locale="vi-VN")
    tab = context.new_page()
    watch = Watch(tab, base_url)
    yield tab
    context.close()
    watch.check()
