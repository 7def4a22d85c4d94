"""Readers and press: found (sitemap, robots, noindex), followed (Atom feeds), cited (JSON-LD, the
citation box), reused (open data) and printed (print styles, a year's compendium).

Built from the test-owned fixture site (tests/fixtures/site/), with three models per listing page so
that /mo-hinh/ has several pages; browser tests use the shared served site (tests/conftest.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from showcase import outputs, urls
from showcase.pipeline import build, check

from .conftest import BASE_URL, ROOT, make_project, options, write_model
from .site_checks import broken_links, html_pages, squash

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_FOR_SEARCH_ENGINES = ("tim-kiem/index.html", "404.html", "nam/2024/in/index.html")


def model_text(title: str, published: str, field: str = "Kinh tế", extra: str = "") -> str:
    return (
        f'---\ntitle: "{title}"\nfield: "{field}"\nunit: "Đơn vị thử nghiệm"\ndistrict: "huyện Ba Tri"\n'
        f'year: 2024\npublished: "{published}"\n{extra}---\nDữ liệu thử nghiệm.\n'
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixture site, three models a page, one model published later and updated, a withdrawn one."""
    content = make_project(tmp_path_factory.mktemp("readers"))
    settings = content / "site.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("per_page: 20", "per_page: 3")
        + 'contact_email: "lien-he@kiem-thu.example"\nfeed_size: 4\n',
        encoding="utf-8",
    )
    write_model(
        content, "2024/moi-dang.md", model_text("Mô hình mới đăng", "20/11/2026", extra='updated: "25/11/2026"\n')
    )
    write_model(
        content,
        "2024/cong-thuc.md",
        model_text("Mô hình có tóm tắt lạ", "02/11/2026", extra='summary: "=HYPERLINK(\\"https://x.example\\")"\n'),
    )
    (content / "withdrawn.yaml").write_text(
        '- slug: "da-go"\n  title: "Mô hình đã gỡ"\n  reason: {text: "Dữ liệu thử nghiệm.", about_site: true}\n',
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def site(project) -> Path:
    out = project.parent / "site"
    build(options(project, out))
    return out


def read(site: Path, url: str) -> str:
    return (site / urls.output_path(url)).read_text(encoding="utf-8")


def local(url: str) -> str:
    """The site path of an absolute URL on the fixture site, asserting it is one."""
    assert url.startswith(BASE_URL), url
    return "/" + url[len(BASE_URL) :]


def model_urls(site: Path) -> set[str]:
    return {
        f"/mo-hinh/{p.parent.name}/"
        for p in (site / "mo-hinh").glob("*/index.html")
        if p.parent.name != "trang" and "Trang đã gỡ" not in p.read_text(encoding="utf-8")
    }


def is_built(site: Path, url: str) -> bool:
    return (site / urls.output_path(urlsplit(url).path)).is_file()


# -- discovery -----------------------------------------------------------------------------------


def test_sitemap_lists_every_indexable_page_with_absolute_urls_and_dates(site):
    tree = ET.fromstring(read(site, "/sitemap.xml"))
    entries = {local(u.findtext(f"{SITEMAP}loc")): u.findtext(f"{SITEMAP}lastmod") for u in tree.iter(f"{SITEMAP}url")}
    assert all(is_built(site, url) for url in entries)
    assert model_urls(site) <= set(entries)
    assert entries["/mo-hinh/moi-dang/"] == "2026-11-25"  # the updated date, not the published one
    assert entries["/mo-hinh/cong-thuc/"] == "2026-11-02"
    assert entries["/"] == "2026-11-25"  # a listing changes when its newest model does
    for url in ("/tim-kiem/", "/404.html", "/nam/2024/in/", "/mo-hinh/da-go/", "/dia-ban/binh-dai/"):
        assert url not in entries
    robots = read(site, "/robots.txt")
    assert "Sitemap: https://kiem-thu.example/sitemap.xml" in robots.splitlines()


def test_pages_that_are_not_for_search_engines_say_noindex(site):
    empty_term = next(
        p
        for p in (site / "dia-ban").glob("*/index.html")
        if "Chưa có trang mô hình nào" in p.read_text(encoding="utf-8")
    )
    pages = [site / p for p in NOT_FOR_SEARCH_ENGINES] + [site / "mo-hinh/da-go/index.html", empty_term]
    for page in pages:
        assert '<meta name="robots" content="noindex">' in page.read_text(encoding="utf-8"), page
    for page in (site / "index.html", site / "mo-hinh/moi-dang/index.html", site / "mo-hinh/index.html"):
        assert 'name="robots"' not in page.read_text(encoding="utf-8"), page


def test_empty_terms_are_listed_but_not_linked(site):
    empty = next(
        p.parent.name
        for p in (site / "dia-ban").glob("*/index.html")
        if "Chưa có trang mô hình nào" in p.read_text(encoding="utf-8")
    )
    for page in ("/", "/dia-ban/"):
        assert f'href="/dia-ban/{empty}/"' not in read(site, page)


# -- feeds ---------------------------------------------------------------------------------------


def test_the_site_feed_is_atom_with_the_newest_models_first(site):
    feed = ET.fromstring(read(site, "/atom.xml"))
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{name}")
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Nhóm kiểm thử"
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "https://kiem-thu.example/atom.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 4  # feed_size
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[:2] == ["Mô hình mới đăng", "Mô hình có tóm tắt lạ"]
    assert feed.findtext(f"{ATOM}updated") == "2026-11-25T00:00:00+07:00"
    for entry in entries:
        for name in ("id", "title", "updated", "published", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        assert is_built(site, local(entry.find(f"{ATOM}link[@rel='alternate']").get("href")))


def test_feed_ids_do_not_depend_on_the_address_the_site_is_published_at(project, site, tmp_path):
    other = tmp_path / "khac"
    build(options(project, other, base_url="https://ten-mien-khac.example/dvk/"))

    def ids(folder: Path) -> list[str]:
        return [e.findtext(f"{ATOM}id") for e in ET.fromstring(read(folder, "/atom.xml")).iter(f"{ATOM}entry")]

    assert ids(other) == ids(site)


def test_each_field_has_a_feed_announced_on_its_page(site):
    page = read(site, "/linh-vuc/kinh-te/")
    assert '<link rel="alternate" type="application/atom+xml" href="/linh-vuc/kinh-te/atom.xml"' in page
    assert '<link rel="alternate" type="application/atom+xml" href="/atom.xml"' in page
    feed = ET.fromstring(read(site, "/linh-vuc/kinh-te/atom.xml"))
    for entry in feed.iter(f"{ATOM}entry"):
        model_page = read(site, local(entry.find(f"{ATOM}link").get("href")))
        assert 'href="/linh-vuc/kinh-te/"' in model_page


# -- structured data ------------------------------------------------------------------------------


def json_ld(page: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(block)


def urls_in(value, key: str = "") -> list[str]:
    """Every value of a key that holds an address: url, item, @id, image, mainEntityOfPage, urlTemplate."""
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in urls_in(v, k)]
    if isinstance(value, list):
        return [u for v in value for u in urls_in(v, key)]
    return [value] if key in ("url", "item", "@id", "image", "mainEntityOfPage", "urlTemplate") else []


def test_every_page_has_json_ld_with_absolute_urls(site):
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # a redirect page carries nothing but the way on
        data = json_ld(text)
        graph = {node["@type"]: node for node in data["@graph"]}
        assert data["@context"] == "https://schema.org"
        action = graph["WebSite"]["potentialAction"]
        assert action["target"]["urlTemplate"] == "https://kiem-thu.example/tim-kiem/?q={search_term_string}"
        for url in urls_in(data):
            assert url.startswith(("https://kiem-thu.example/", "https://example.org/")), (path, url)


def test_a_model_page_is_an_article_about_the_model_with_its_unit_place_year_and_sources(site):
    graph = {n["@type"]: n for n in json_ld(read(site, "/mo-hinh/duong-giao-thong-nong-thon/"))["@graph"]}
    article = graph["Article"]
    assert article["headline"] == "Đường giao thông nông thôn do dân cùng làm"
    assert article["datePublished"] == "2026-11-01"
    assert article["publisher"] == {"@type": "Organization", "name": "Nhóm kiểm thử"}
    about = article["about"]
    assert about["creator"] == {"@type": "Organization", "name": "Hội Nông dân xã Thử Nghiệm A"}
    assert about["locationCreated"]["name"] == "xã Thử Nghiệm A, huyện Mỏ Cày Nam, tỉnh Bến Tre"
    assert "2024" in about["award"]
    assert article["citation"][0]["url"] == "https://example.org/bai-viet"
    crumbs = graph["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[-1]["item"] == "https://kiem-thu.example/mo-hinh/duong-giao-thong-nong-thon/"


# -- open data -----------------------------------------------------------------------------------


def test_the_csv_has_a_bom_documented_columns_and_one_row_per_model(site):
    raw = (site / "du-lieu/mo-hinh.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [name for name, _ in outputs.MODEL_COLUMNS]
    assert {local(row["url"]) for row in rows} == model_urls(site)
    by_slug = {row["slug"]: row for row in rows}
    assert by_slug["moi-dang"]["published"] == "2026-11-20" and by_slug["moi-dang"]["updated"] == "2026-11-25"
    assert by_slug["duong-giao-thong-nong-thon"]["decision"] == "12/QĐ-TN"
    assert by_slug["cong-thuc"]["summary"].startswith("'=HYPERLINK")  # Excel shows it, runs nothing


def test_the_json_matches_the_csv_and_keeps_values_as_written(site):
    document = json.loads(read(site, "/du-lieu/mo-hinh.json"))
    rows = list(csv.DictReader(io.StringIO((site / "du-lieu/mo-hinh.csv").read_text(encoding="utf-8-sig"))))
    assert [m["slug"] for m in document["models"]] == [row["slug"] for row in rows]
    assert set(document["columns"]) == {name for name, _ in outputs.MODEL_COLUMNS}
    formula = next(m for m in document["models"] if m["slug"] == "cong-thuc")
    assert formula["summary"].startswith("=HYPERLINK")
    assert document["licence"] is None


def test_figures_csv_and_the_data_page(site):
    raw = (site / "du-lieu/so-lieu.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and list(rows[0]) == [name for name, _ in outputs.FIGURE_COLUMNS]
    assert all(row["value"].isdigit() and row["source"] for row in rows)
    page = squash(read(site, "/du-lieu/"))
    assert "<strong>Giấy phép:</strong> Đang cập nhật" in page
    for url in urls.DATA_FILES.values():
        assert f'href="{url}"' in page


def test_open_data_and_pages_are_in_the_url_record(tmp_path):
    content = make_project(tmp_path)
    record = content / "urls.txt"
    build(options(content, record="update"))
    recorded = set(record.read_text(encoding="utf-8").split())
    assert {
        "/du-lieu/mo-hinh.json",
        "/du-lieu/mo-hinh.csv",
        "/du-lieu/so-lieu.csv",
        "/atom.xml",
        "/mo-hinh/",
        "/gioi-thieu/",
        "/nam/2024/in/",
    } <= recorded


# -- listings, dates, citation, about ------------------------------------------------------------------


def test_all_models_are_listed_across_pages_with_a_pager(site):
    seen, number = [], 1
    while True:
        page = read(site, urls.listing_url(urls.MODELS, number))
        seen += re.findall(r'<h3 class="card-title"><a href="(/mo-hinh/[^"]+/)">', page)
        if 'rel="next"' not in page:
            break
        number += 1
    assert number > 1 and sorted(seen) == sorted(model_urls(site))


def test_a_model_page_shows_its_dates_and_a_copyable_citation(site):
    page = squash(read(site, "/mo-hinh/moi-dang/"))
    assert (
        'Đăng ngày <time datetime="2026-11-20">20/11/2026</time> · '
        'Cập nhật <time datetime="2026-11-25">25/11/2026</time>'
    ) in page
    assert (
        "Mô hình “Dân vận khéo” (trang kiểm thử) (2026), “Mô hình mới đăng”, https://kiem-thu.example/mo-hinh/moi-dang/"
        in page
    )
    assert '<button type="button" class="copy-button" data-copy="trich-dan-van-ban" hidden>' in page


def test_the_about_page_shows_what_is_known_and_hides_what_is_not(site):
    page = squash(read(site, "/gioi-thieu/"))
    assert "<dt>Đơn vị quản lý trang</dt><dd>Nhóm kiểm thử</dd>" in page
    assert 'href="mailto:lien-he@kiem-thu.example"' in page
    assert "Điện thoại" not in page and "<dt>Địa chỉ</dt>" not in page
    assert 'href="/gioi-thieu/"' in read(site, "/")  # linked from every page's footer


def test_dates_are_checked(empty_project):
    write_model(empty_project, "a.md", model_text("A", "01/12/2027"))
    write_model(empty_project, "b.md", model_text("B", "10/11/2026", extra='updated: "01/11/2026"\n'))
    write_model(empty_project, "c.md", model_text("C", "31/02/2026"))
    found = {(p.path.rsplit("/", 1)[-1], p.code, p.key) for p in check(options(empty_project))[2]}
    assert found == {
        ("a.md", "date-future", "published"),
        ("b.md", "date-order", "updated"),
        ("c.md", "date-impossible", "published"),
    }


# -- print ---------------------------------------------------------------------------------------------


def test_a_year_prints_as_one_page_in_field_order_with_contents(site):
    page = read(site, "/nam/2024/in/")
    models_2024 = set(re.findall(r'<h3 class="card-title"><a href="/mo-hinh/([^"]+)/">', read(site, "/nam/2024/")))
    contents = re.findall(r'<li><a href="#([^"]+)">', page)
    assert models_2024 <= set(contents)
    headings = re.findall(r'<h2 id="nhom-([^"]+)">', page)
    fields = [
        line.split(":", 1)[1].strip()
        for line in (ROOT / "tests/fixtures/site/fields.yaml").read_text(encoding="utf-8").splitlines()
        if line.startswith("  - id:")
    ]
    assert headings == [f for f in fields if f in headings]
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # two bodies never share a heading or footnote id
    assert 'href="/nam/2024/in/"' in read(site, "/nam/2024/")


def test_every_link_and_picture_of_the_new_pages_resolves(site):
    assert broken_links(site) == []


@pytest.mark.slow  # the HTML checker: a Java program, from the Node packages
@pytest.mark.usefixtures("node_packages")
def test_every_page_is_valid_html(site):
    """The Nu HTML Checker (the W3C validator), errors only: its CSP warnings assume a file: origin."""
    checker = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
    pages = [str(p) for p in html_pages(site)]
    result = subprocess.run(
        ["java", "-jar", str(checker), "--errors-only", "--format", "text", *pages], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- in a real browser ------------------------------------------------------------------------------

pytest.importorskip("playwright.sync_api")


@pytest.mark.browser
def test_the_copy_button_copies_the_citation_with_todays_date(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="vi-VN", permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        tab.goto("/mo-hinh/duong-giao-thong-nong-thon/")
        button = tab.get_by_role("button", name="Sao chép trích dẫn")
        button.click()
        tab.get_by_text("Đã sao chép trích dẫn.").wait_for()
        copied = tab.evaluate("navigator.clipboard.readText()")
        today = tab.evaluate(
            "(() => { const d = new Date(); const p = n => String(n).padStart(2, '0');"
            " return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`; })()"
        )
        assert copied.startswith("Mô hình “Dân vận khéo” (trang kiểm thử) (2026), “Đường giao thông nông thôn")
        assert copied.endswith(f"/mo-hinh/duong-giao-thong-nong-thon/, truy cập ngày {today}.")
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_the_citation_is_text_and_no_button_shows(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto("/mo-hinh/duong-giao-thong-nong-thon/")
        assert tab.locator(".citation").is_visible()
        assert not tab.locator("button.copy-button").is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_on_a_phone_the_header_is_short_and_every_link_reachable(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, locale="vi-VN")
    try:
        tab = context.new_page()
        tab.goto("/mo-hinh/duong-giao-thong-nong-thon/")
        assert tab.locator(".site-header").bounding_box()["height"] <= 120
        last = tab.locator(".main-nav a").last
        last.scroll_into_view_if_needed()
        last.click()
        tab.wait_for_url("**/tim-kiem/")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    finally:
        context.close()


@pytest.mark.browser
def test_body_text_lines_stay_readable_on_a_wide_screen(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/mo-hinh/duong-giao-thong-nong-thon/")
    characters = page.evaluate(
        """(() => {
          const p = document.querySelector('.body p');
          const style = getComputedStyle(p);
          const context = document.createElement('canvas').getContext('2d');
          context.font = `${style.fontSize} ${style.fontFamily}`;
          const average = context.measureText(p.textContent).width / p.textContent.length;
          return p.getBoundingClientRect().width / average;
        })()"""
    )
    assert 60 <= characters <= 85  # about 75 characters a line of this paragraph's own text


@pytest.mark.browser
def test_a_model_page_prints_with_the_site_name_and_url_and_no_navigation(page):
    page.goto("/mo-hinh/duong-giao-thong-nong-thon/")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".breadcrumb", ".related", ".site-footer", ".copy-row"):
        assert not page.locator(hidden).first.is_visible(), hidden
    header = page.locator(".print-only")
    assert header.is_visible()
    assert "https://kiem-thu.example/mo-hinh/duong-giao-thong-nong-thon/" in header.inner_text()
    shown = page.evaluate("getComputedStyle(document.querySelector('.sources a[href^=\"http\"]'), '::after').content")
    assert "https://example.org/bai-viet" in shown


@pytest.mark.browser
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/mo-hinh/",
        "/mo-hinh/duong-giao-thong-nong-thon/",
        "/nam/2024/",
        "/nam/2024/in/",
        "/gioi-thieu/",
        "/du-lieu/",
        "/nguon/",
        "/dia-ban/",
    ],
)
@pytest.mark.usefixtures("node_packages")
def test_axe_finds_no_accessibility_violation(browser, base_url, url):
    # axe is injected by the test, so this context alone lets it past the site's script policy
    context = browser.new_context(base_url=base_url, locale="vi-VN", bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(url)
        tab.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
        violations = tab.evaluate(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
        )
        assert violations == []
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.usefixtures("node_packages")
def test_test_tools_are_installed():
    """The validator and axe come from package.json (scripts/node-packages.sh, which conftest runs): fail
    loudly if not, as without npm."""
    assert (ROOT / "node_modules/vnu-jar/build/dist/vnu.jar").is_file()
    assert (ROOT / "node_modules/axe-core/axe.min.js").is_file()
    assert shutil.which("java")
