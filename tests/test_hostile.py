"""Hostile content: each fixture is rejected with a clear message or rendered harmlessly.

tests/fixtures/hostile/ holds one problem per file. Limits (see README "Security"): 256 KiB per
file, 16 KiB of front-matter, 20 levels of YAML nesting, 2 s of Markdown rendering per file.
"""

from __future__ import annotations

import shutil
import unicodedata

import pytest

from showcase.pipeline import build, check
from showcase.problems import ContentError
from showcase.sources import MAX_FILE_BYTES

from .conftest import FIXTURES, make_project, options, write_model
from .site_checks import broken_links, unsafe_content

HOSTILE = FIXTURES / "hostile"

REJECTED = {  # file → (code, key, line)
    "vni-title.md": ("text-legacy", "title", 2),
    "tcvn3-unit.md": ("text-legacy", "unit", 4),
    "mojibake-body.md": ("text-legacy", None, 11),
    "alias-bomb.md": ("yaml-alias", "b", 3),
    "deep-nesting.md": ("value-type", "tags", 8),
    "brackets.md": ("markdown-too-complex", None, 9),  # 32 KB of unclosed "[a](": quadratic in Python-Markdown
    "image-traversal.md": ("path-unsafe", "images.file", 9),
    "image-svg.md": ("path-unsafe", "images.file", 9),
    "image-backslash.md": ("path-unsafe", "images.file", 9),
    "slug-reserved.md": ("slug-reserved", "slug", 8),
    "source-url-tab.md": ("url-invalid", "sources.url", 10),
    "source-url-data.md": ("url-invalid", "sources.url", 10),
}
# cdata.md and deep-list.md took Python-Markdown over 2 s before 3.11; now they must render harmlessly.
ACCEPTED = ["script-in-body.md", "html-in-title.md", "zero-width.md", "heading-d.md", "cdata.md", "deep-list.md"]


def test_every_hostile_fixture_has_an_expected_outcome():
    assert sorted([*REJECTED, *ACCEPTED]) == sorted(f.name for f in HOSTILE.glob("*.md"))


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n == "brackets.md" else n for n in sorted(REJECTED)]
)  # brackets.md runs out the Markdown time budget
def test_rejected_with_a_clear_message(tmp_path, name):
    content = make_project(tmp_path, models=None)
    shutil.copyfile(HOSTILE / name, content / "mo-hinh" / name)
    problems = check(options(content))[2]
    code, key, line = REJECTED[name]
    first = problems[0]
    assert (first.path, first.code, first.key, first.line) == (f"content/mo-hinh/{name}", code, key, line)
    assert first.message_vi and first.message_en and first.hint


@pytest.mark.slow
def test_all_rejections_reported_together_and_site_untouched(tmp_path):
    content = make_project(tmp_path)
    build(options(content, jobs=2))
    site = tmp_path / "site"
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    for name in REJECTED:
        shutil.copyfile(HOSTILE / name, content / "mo-hinh" / name)
    with pytest.raises(ContentError) as raised:
        build(options(content, jobs=2))
    reported = {p.path.rsplit("/", 1)[-1] for p in raised.value.problems}
    assert reported == set(REJECTED)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before


def test_oversized_file_is_rejected_before_parsing(empty_project):
    write_model(empty_project, "lon.md", "---\ntitle: x\n---\n" + "a" * MAX_FILE_BYTES)
    problems = check(options(empty_project))[2]
    assert [p.code for p in problems] == ["file-too-large"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    content = make_project(tmp)
    for name in ACCEPTED:
        shutil.copyfile(HOSTILE / name, content / "mo-hinh" / name)
    nfd_name = unicodedata.normalize("NFD", "Đổi mới cách làm.md")  # as macOS stores it
    shutil.copyfile(HOSTILE / "heading-d.md", content / "mo-hinh" / nfd_name)
    report = build(options(content))
    return tmp / "site", report


def test_accepted_fixtures_render_harmlessly(hostile_site):
    site, report = hostile_site
    assert report.models == 5 + len(ACCEPTED) + 1
    assert unsafe_content(site) == []
    assert broken_links(site) == []


def test_raw_html_is_shown_as_text_never_run(hostile_site):
    site, _ = hostile_site
    html = (site / "mo-hinh/script-in-body/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://example.org/an-toan" rel="noopener noreferrer">bảy</a>' in html
    assert '<a href="mailto:ban@example.org" rel="noopener noreferrer">tám</a>' in html
    assert "<iframe" not in html and "<style>body" not in html


def test_title_is_escaped_everywhere(hostile_site):
    site, _ = hostile_site
    html = (site / "mo-hinh/html-in-title/index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;b&gt;Đậm&lt;/b&gt; &amp; &#34;ngoặc&#34; &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "<title>&lt;b&gt;Đậm&lt;/b&gt;" in html
    assert '<meta property="og:title" content="&lt;b&gt;Đậm&lt;/b&gt; &amp; &#34;ngoặc&#34;' in html


def test_invisible_characters_never_reach_pages_or_urls(hostile_site):
    site, _ = hostile_site
    html = (site / "mo-hinh/zero-width/index.html").read_text(encoding="utf-8")
    assert "<h1>Mô hình thử nghiệm ẩn</h1>" in html
    assert "Dữ liệu thử nghiệm." in html
    assert all(p.name.isascii() for p in site.rglob("*"))


def test_heading_ids_and_nfd_file_names_keep_d(hostile_site):
    site, _ = hostile_site
    assert '<h2 id="doi-moi-duong-dat">Đổi mới đường đất</h2>' in (site / "mo-hinh/heading-d/index.html").read_text(
        encoding="utf-8"
    )
    assert (site / "mo-hinh/doi-moi-cach-lam/index.html").is_file()


def test_site_check_catches_what_it_should(hostile_site, tmp_path):
    site, _ = hostile_site
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    page = copy / "404.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</main>",
            '<a href=" JavaScript:x()">a</a><p onclick="x()">None</p><script>x()</script>'
            '<script src="https://cdn.example/x.js"></script><p>MÃ´ hÃ¬nh\u200b</p></main>',
        ),
        encoding="utf-8",
    )
    found = "\n".join(unsafe_content(copy))
    for expected in (
        "href=' JavaScript:x()'",
        "event handler onclick=",
        "inline <script>",
        "script from https://cdn.example/x.js",
        "shows 'None' as text",
        "mojibake marker 'Ã'",
        "invisible character U+200B",
    ):
        assert expected in found


def test_templates_check_urls_even_if_validation_were_bypassed(tmp_path):
    """Defence in depth: a Model built in code with a javascript: source URL still renders href="#"."""
    from showcase.model import Model, Source
    from showcase.pages import Page, PageKind
    from showcase.rendering import render_page
    from showcase.site_data import load_site_data
    from showcase.site_model import build_site

    from .conftest import ROOT, make_project

    content = make_project(tmp_path, models=None)
    data, _ = load_site_data(content, content.parent)
    model = Model(
        source_path="content/mo-hinh/x.md",
        slug="x",
        title="Thử",
        field="kinh-te",
        district="ba-tri",
        level="cap-tinh",
        unit="Đơn vị",
        year=2024,
        summary="",
        body_html="",
        sources=(Source(title="Bài", url="JaVaScRiPt:alert(1)"),),
    )
    site = build_site(data, [model])
    html = render_page(site, Page("/mo-hinh/x/", PageKind.MODEL, (0,)), str(ROOT / "layouts"))
    assert '<a href="#" rel="noopener noreferrer">Bài</a>' in html
    assert "alert(1)" not in html
