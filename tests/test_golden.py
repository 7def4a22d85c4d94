"""Golden output: a few whole pages of the fixture site, compared with a readable diff.

After a deliberate change to templates or wording, `make golden` (UPDATE_GOLDEN=1) refreshes them,
with every other golden file (error reports, the editor guide's tables); review the diff in git
before committing.
"""

from __future__ import annotations

import re

import pytest

from showcase.pipeline import build

from .conftest import FIXTURES, assert_golden, make_project, options

pytestmark = pytest.mark.golden
GOLDEN = FIXTURES.parent / "golden"
PAGES = [
    "index.html",
    "mo-hinh/duong-giao-thong-nong-thon/index.html",
    "mo-hinh/truong-hoc-xanh/index.html",
    "linh-vuc/kinh-te/index.html",
    "dia-ban/index.html",
    "nam/2024/index.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("golden")
    build(options(make_project(tmp)))
    return tmp / "site"


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(site, page):
    html = (site / page).read_text(encoding="utf-8")
    html = re.sub(r"\?v=[0-9a-f]{10}", "?v=HASH", html)  # asset hashes change with every CSS edit
    name = page.replace("/index.html", "").replace("/", "__").replace(".html", "")
    assert_golden(html, GOLDEN / f"{name}.html")
