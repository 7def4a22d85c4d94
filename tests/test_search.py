"""Search indexing (showcase/search.py) and the search page's strings, checked without a browser."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from showcase import search
from showcase.pipeline import BuildOptions, build
from showcase.search import FOLD_MARK, SearchError, folded_words, index_copy, index_site
from showcase.site_data import load_site_data

from .browser_helpers import ROOT, SEARCH_CORE_JS, build_search_site, model_files
from .conftest import tree_bytes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_search_site(tmp_path_factory.mktemp("search"))


def fragments(site: Path, part: str = "**/") -> list[dict]:
    """Every page record of the index (of one part, "" for the first): Pagefind's fragments are JSON
    after a signature, gzipped."""
    records = []
    for path in sorted((site / "pagefind").glob(f"{part}fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return records


def published_parts(site: Path) -> list[search.Shard]:
    """The parts of a built site's index, as the search page names them, with the pages each holds."""
    page = (site / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    folders = ["", *re.search(r'data-parts="([^"]*)"', page).group(1).split()]
    return [search.Shard(folder, tuple(sorted(r["url"] for r in fragments(site, folder)))) for folder in folders]


# -- parts of the index -------------------------------------------------------------------------


def test_parts_keep_whole_years_oldest_first_while_they_fit():
    pages = [(2024, "/c/"), (2022, "/a/"), (2023, "/b/"), (2024, "/d/"), (2025, "/e/")]
    shards = search.plan_shards(pages, size=3)
    assert [(s.folder, s.urls) for s in shards] == [("", ("/a/", "/b/")), ("2/", ("/c/", "/d/", "/e/"))]
    assert shards[0].first and not shards[1].first
    assert search.plan_shards([], size=3) == ()
    assert len(search.plan_shards(pages)) == 1  # a site of today's size: one part


def test_a_year_bigger_than_a_part_is_cut_into_near_equal_parts():
    pages = [(2023, "/old/")] + [(2024, f"/m{n:02d}/") for n in range(7)]
    sizes = [len(s.urls) for s in search.plan_shards(pages, size=3)]
    assert sizes == [1, 3, 2, 2]  # ceil(7 / 3) = 3 parts, of lengths that differ by at most one


def test_a_new_model_of_the_newest_year_changes_only_the_last_part():
    pages = [(2020 + n // 4, f"/m{n:02d}/") for n in range(20)]  # 2020…2024, 4 models each
    before = search.plan_shards(pages, size=6)
    after = search.plan_shards(pages + [(2024, "/new/")], size=6)
    assert before[:-1] == after[:-1] and before[-1] != after[-1]


def test_pagefind_runs_at_once_share_the_cores_and_a_run_alone_keeps_its_own_threads():
    assert search.pagefind_threads(cores=2, runs=2) == 1
    assert search.pagefind_threads(cores=8, runs=2) == 4
    assert search.pagefind_threads(cores=3, runs=2) == 1
    assert search.pagefind_threads(cores=2, runs=1) is None
    assert search.pagefind_threads(cores=1, runs=1) is None


def test_every_model_page_is_in_one_part_and_only_the_first_holds_the_engine(site):
    parts = published_parts(site)
    assert len(parts) > 2  # the browser tests' site is built in parts (browser_helpers.PART_PAGES)
    urls = [url for part in parts for url in part.urls]
    assert sorted(urls) == sorted(set(urls)) == sorted(model_urls(site))
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "vocabulary.json").is_file()
    for part in parts[1:]:
        assert not list((bundle / part.folder).glob("pagefind*.js")) and not list((bundle / part.folder).glob("wasm*"))
        assert not (bundle / part.folder / "vocabulary.json").exists()
        entry = json.loads((bundle / part.folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["vi"]["page_count"] == len(part.urls)


# -- the folded field -------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="vi"><body>
<nav>Điều hướng</nav><p>Đồng ngoài phần được lập chỉ mục</p>
<main data-pagefind-body><h1>Đổi mới <a href="/">Đảng</a></h1><h2>Địa bàn</h2>
<p>Đường và dương, ĐƯỜNG; đất-đai<br>đê</p>
<dl><dt data-pagefind-ignore>Đơn vị</dt><dd>Hội</dd></dl>
<form><label>Đăng nhập</label></form><p data-pagefind-weight="3">đập</p>
</main><footer>Đầu trang</footer></body></html>"""


def test_folded_words_are_the_d_words_of_the_indexed_text_by_weight():
    assert folded_words(PAGE) == {
        7.0: ["dổi", "dảng"],  # the h1, a link inside it too
        6.0: ["dịa"],
        3.0: ["dập"],
        1.0: ["dường", "dất", "dai", "dê"],  # once each; ĐƯỜNG is đường; đất-đai is two words
    }


def test_index_copy_is_nfc_and_ends_with_the_folded_field():
    copy = index_copy(unicodedata.normalize("NFD", PAGE))
    assert copy == unicodedata.normalize("NFC", copy)
    field = copy[copy.index(f"<div data-pagefind-body>{FOLD_MARK}") :]
    assert field.startswith(f'<div data-pagefind-body>{FOLD_MARK} <p data-pagefind-weight="7">dổi dảng</p>')
    assert field.rstrip().endswith("</div>\n</body></html>")


def test_a_page_without_d_words_gets_no_field():
    html = "<html><body><main data-pagefind-body><h1>Hòa giải</h1></main></body></html>"
    assert index_copy(html) == html


def test_fold_mark_is_the_same_in_python_and_javascript():
    assert f'export const FOLD_MARK = "{FOLD_MARK}";' in SEARCH_CORE_JS.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "value", [[], [0, 23, 24, 255, 256, 65536, 2**40], ["", "Đổi mới", "x" * 300], [b"\x00\xff", [-1, -25, ["nested"]]]]
)
def test_cbor_round_trip(value):
    encoded = search._cbor(value)
    assert search._cbor_read(encoded, 0) == (value, len(encoded))


# -- the built index --------------------------------------------------------------------------


def test_index_covers_model_pages_only(site):
    model_pages = {f"/{p.parent.relative_to(site).as_posix()}/" for p in (site / "mo-hinh").glob("*/index.html")}
    indexed = {record["url"] for record in fragments(site)}
    assert indexed == model_pages
    assert len(model_pages) == len(model_files(site.parent / "content"))
    counted = 0
    for entry_file in (site / "pagefind").glob("**/pagefind-entry.json"):
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["vi"]
        counted += entry["languages"]["vi"]["page_count"]
    assert counted == len(model_pages)


def test_index_records_meta_filters_and_hides_nothing_in_published_pages(site):
    record = next(r for r in fragments(site) if r["url"] == "/mo-hinh/kiem-thu-cay-duong/")
    assert record["meta"] == {
        "title": "Trồng cây dương chắn gió ven biển (dữ liệu kiểm thử)",
        "unit": "Hội Nông dân xã Kiểm Thử",
        "field": "Kinh tế",
        "district": "Huyện Ba Tri",
        "year": "Năm 2023",
        "level": "Cấp huyện",
        "image": "/mo-hinh/kiem-thu-cay-duong/cay-duong-4.webp",
        "image_alt": "Hàng cây dương ven biển (ảnh kiểm thử)",
        "place": "xã Kiểm Thử, huyện Ba Tri",  # searched and weighted (rendering.SEARCH_RANKING)
        "unit_x": "Hội Nông dân xã Kiểm Thử hnd farmers union",  # with what readers type (synonyms.yaml)
        "summary": "Dữ liệu kiểm thử: nông dân trồng cây dương thành hàng chắn gió cát ven biển.",
    }
    assert record["filters"] == {"linh-vuc": ["kinh-te"], "dia-ban": ["ba-tri"], "nam": ["2023"], "cap": ["cap-huyen"]}
    assert "Đơn vị thực hiện" not in record["content"]  # labels of the facts list are not content
    # after FOLD_MARK: "dang" from "Đang cập nhật", then the typed forms of "Hội Nông dân" (synonyms.yaml)
    assert record["content"].endswith(f"{FOLD_MARK} dang. hnd farmers union.")
    for page in (site / "mo-hinh").glob("*/index.html"):
        assert FOLD_MARK not in page.read_text(encoding="utf-8")


def test_index_text_is_nfc(site):
    for record in fragments(site):
        assert record["content"] == unicodedata.normalize("NFC", record["content"])
        assert record["meta"]["title"] == unicodedata.normalize("NFC", record["meta"]["title"])


def test_two_runs_give_byte_identical_bundles(site, tmp_path):
    """Pagefind 1.5.2 writes filters in a random order; index_site puts them in a fixed one. The first
    run indexes one part at a time with Pagefind's own threads, the others two at a time with one
    thread each (pagefind_threads): the bundle is the same."""
    bundles = []
    for run in range(3):
        staging = tmp_path / f"run-{run}"
        shutil.copytree(site, staging, ignore=shutil.ignore_patterns("pagefind"))
        synonyms = load_site_data(site.parent / "content", site.parent)[0].synonyms
        index_site(staging, published_parts(site), synonyms, jobs=1 if run == 0 else 2)
        bundles.append(tree_bytes(staging / "pagefind"))
    assert bundles[0] == bundles[1] == bundles[2]
    assert bundles[0] == tree_bytes(site / "pagefind")


def test_a_part_with_a_chunk_missing_or_empty_is_refused(site, tmp_path):
    parts = published_parts(site)
    bundle = tmp_path / "pagefind"
    shutil.copytree(site / "pagefind", bundle)
    first = bundle / parts[0].folder
    search.verify_bundle(first, len(parts[0].urls))  # as published: accepted
    fragment = sorted((first / "fragment").glob("*.pf_fragment"))[0]
    fragment.write_bytes(b"")
    with pytest.raises(SearchError, match=f"missing or empty: fragment/{fragment.name}"):
        search.verify_bundle(first, len(parts[0].urls))
    fragment.unlink()
    fragment.mkdir()  # not a file
    with pytest.raises(SearchError, match="missing or empty"):
        search.verify_bundle(first, len(parts[0].urls))
    second = bundle / parts[1].folder
    search.verify_bundle(second, len(parts[1].urls), engine=False)
    next((second / "index").glob("*.pf_index")).unlink()
    with pytest.raises(SearchError, match="missing or empty: index/"):
        search.verify_bundle(second, len(parts[1].urls), engine=False)
    (first / "pagefind-worker.js").unlink()
    fragment.rmdir()
    shutil.copy(site / "pagefind" / parts[0].folder / "fragment" / fragment.name, fragment)
    with pytest.raises(SearchError, match="missing or empty: pagefind-worker.js"):
        search.verify_bundle(first, len(parts[0].urls))


def model_urls(site: Path) -> list[str]:
    return [f"/mo-hinh/{page.parent.name}/" for page in sorted((site / "mo-hinh").glob("*/index.html"))]


def test_no_model_page_means_no_index(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><h1>Trang chủ</h1></body></html>", encoding="utf-8")
    report = index_site(tmp_path, ())
    assert (report.pages, report.parts) == (0, 0)
    assert not (tmp_path / "pagefind").exists()


def test_pagefind_failure_fails_the_build_and_leaves_the_site(site, tmp_path, monkeypatch):
    content = site.parent / "content"
    out = tmp_path / "site"
    options = BuildOptions(content_dir=content, layouts_dir=ROOT / "layouts", out_dir=out, search=True, jobs=1)
    build(options)
    before = tree_bytes(out)
    monkeypatch.setattr(search, "_pagefind_command", lambda: [shutil.which("false")])
    with pytest.raises(SearchError, match="Pagefind failed"):
        build(dataclasses.replace(options, use_cache=False))  # with the cache, Pagefind would not run
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["site"]  # no staging folder left behind


# -- the search page --------------------------------------------------------------------------


def test_search_page_has_no_inline_script_or_handler(site):
    page = (site / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    data_block = '<script type="application/ld+json">'  # structured data: never executed, allowed by the CSP
    scripts = [tag for tag in re.findall(r"<script\b[^>]*>", page) if tag != data_block]
    assert scripts and all(' src="' in tag and 'type="module"' in tag for tag in scripts)
    code = re.sub(re.escape(data_block) + r".*?</script>", "", page, flags=re.S)
    assert not re.search(r"<script\b[^>]*>(?!</script>)", code)  # nothing between the tags
    for html_file in site.rglob("*.html"):
        assert not re.search(r"\son[a-z]+\s*=", html_file.read_text(encoding="utf-8")), html_file


def test_the_bundle_ships_the_vocabulary_and_not_pagefinds_unused_interfaces(site):
    bundle = site / "pagefind"
    for pattern in search.UNUSED_BUNDLE_FILES:
        assert not list(bundle.glob(pattern)), pattern
    vocabulary = json.loads((bundle / "vocabulary.json").read_text(encoding="utf-8"))
    words = {key: (shown, pages) for key, shown, pages in vocabulary["words"]}
    assert vocabulary["pages"] == len(model_urls(site))
    assert words["duong"][0] in ("đường", "dương")  # keyed without marks, shown with them
    assert "hnd" in words  # a typed form of content/synonyms.yaml is a word of the index
    counts = [pages for _, _, pages in vocabulary["words"]]
    assert counts == sorted(counts, reverse=True)


def test_paragraphs_many_pages_share_are_not_indexed():
    pages = [f"<p>Đang cập nhật.</p><p>Riêng trang {n}.</p>" for n in range(3)]
    repeated = search.repeated_paragraphs(pages)
    assert repeated == {"Đang cập nhật."}
    copy = index_copy(f"<body><main {search.BODY}>{pages[0]}</main></body>", (), repeated)
    assert "<p data-pagefind-ignore>Đang cập nhật.</p>" in copy and "<p>Riêng trang 0.</p>" in copy


def test_a_module_is_published_with_the_version_of_what_it_imports(site):
    published = (site / "static" / "search.js").read_text(encoding="utf-8")
    assert re.search(r'from "\./search-core\.js\?v=[0-9a-f]{10}"', published)
