"""The build cache (showcase/cache.py): a warm build gives the bytes of a cold one, and an entry is never
used once anything that went into it changed."""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

import pytest

from showcase import cache, pipeline, stamp, swap, writing
from showcase.cache import HashMemo, PageCache
from showcase.pipeline import build
from showcase.problems import ContentError
from showcase.rendering import TemplateFailure

from .conftest import ROOT, make_project, options, tree_bytes
from .photos import photo, write

EDITED = "mo-hinh/2024/duong-giao-thong-nong-thon.md"


def cold_and_warm(content: Path, tmp: Path, **extra) -> tuple[dict, dict]:
    """The same content built with no cache and with the cache a previous build left."""
    build(options(content, tmp / "first", **extra))
    warm = tmp / "warm"
    build(options(content, warm, **extra))
    cold = tmp / "cold"
    build(options(content, cold, use_cache=False, **extra))
    return tree_bytes(cold), tree_bytes(warm)


@pytest.mark.slow
def test_a_warm_build_with_search_is_byte_identical_to_a_cold_one(tmp_path):
    content = make_project(tmp_path, synonyms=True)
    cold, warm = cold_and_warm(content, tmp_path, search=True)
    assert cold == warm
    assert (content.parent / ".cache" / "search").is_dir() and (content.parent / ".cache" / "pages").is_dir()


@pytest.mark.slow
def test_after_editing_one_model_the_output_is_what_a_cold_build_gives(tmp_path):
    content = make_project(tmp_path, synonyms=True)
    build(options(content, tmp_path / "first", search=True))
    path = content / EDITED
    path.write_text(path.read_text(encoding="utf-8").replace("Họp dân", "Họp dân (đã sửa)"), encoding="utf-8")
    build(options(content, tmp_path / "warm", search=True))
    build(options(content, tmp_path / "cold", search=True, use_cache=False))
    assert tree_bytes(tmp_path / "warm") == tree_bytes(tmp_path / "cold")
    page = (tmp_path / "warm" / "mo-hinh/duong-giao-thong-nong-thon/index.html").read_text(encoding="utf-8")
    assert "Họp dân (đã sửa)" in page


@pytest.mark.slow
def test_a_changed_template_data_file_or_picture_is_never_served_from_the_cache(tmp_path):
    content = make_project(tmp_path, models=None)
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    folder = content / "mo-hinh" / "anh"
    write(folder, "a.jpg", photo(800, 600, seed=1))
    (content / "mo-hinh" / "a.md").write_text(
        '---\ntitle: "Mô hình có ảnh"\nfield: "Kinh tế"\nunit: "Đơn vị thử nghiệm"\ndistrict: "huyện Ba Tri"\n'
        'year: 2024\npublished: "01/11/2026"\nimages:\n  - file: "anh/a.jpg"\n    alt: "Ảnh thử nghiệm"\n'
        '    credit: "Nhóm kiểm thử"\n---\nDữ liệu thử nghiệm.\n',
        encoding="utf-8",
    )
    build(options(content, tmp_path / "one", layouts_dir=layouts))
    footer = layouts / "base.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("Giới thiệu</a>", "Về trang này</a>"), "utf-8")
    settings = content / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("(trang kiểm thử)", "(trang thử)"), "utf-8")
    write(folder, "a.jpg", photo(640, 480, seed=2))  # another picture under the same name
    report = build(options(content, tmp_path / "two", layouts_dir=layouts))
    page = (tmp_path / "two" / "mo-hinh/a/index.html").read_text(encoding="utf-8")
    assert "Về trang này</a>" in page and "(trang thử)" in page
    assert report.images_processed == 1
    assert 'width="640" height="480"' in page


def test_no_cache_reads_and_writes_no_cache(tmp_path):
    content = make_project(tmp_path)
    build(options(content, use_cache=False))
    kept = content.parent / ".cache"
    assert not (kept / "pages").exists() and not (kept / "models").exists()
    assert not (kept / "templates").exists()


@pytest.mark.slow
def test_compiled_templates_never_carry_another_base_urls_links(tmp_path):
    # Jinja folds `'/static/style.css' | link` into the compiled code: it holds the base URL's path
    content = make_project(tmp_path)
    build(options(content, tmp_path / "alpha", base_url="https://a.example/alpha/"))
    build(options(content, tmp_path / "warm", base_url="https://b.example/beta/"))
    build(options(content, tmp_path / "cold", base_url="https://b.example/beta/", use_cache=False))
    assert tree_bytes(tmp_path / "warm") == tree_bytes(tmp_path / "cold")
    assert "/alpha/" not in (tmp_path / "warm" / "index.html").read_text(encoding="utf-8")


def test_compiled_templates_are_kept_for_one_version_of_the_program(tmp_path, monkeypatch):
    content = make_project(tmp_path)
    build(options(content))
    folder = content.parent / ".cache" / "templates"
    [current] = folder.iterdir()
    assert current.name == cache.tool_version()[:16]
    assert {p.name.startswith("__jinja2_") for p in current.iterdir()} == {True}
    monkeypatch.setattr(cache, "tool_version", lambda: "f" * 64)  # the program changed
    assert cache.templates_folder(content.parent / ".cache") == folder / ("f" * 16)
    assert [p.name for p in folder.iterdir()] == ["f" * 16]


def test_a_templates_folder_removed_during_a_build_only_stops_keeping_compiled_templates(tmp_path, monkeypatch):
    # a build of another program version into another --out folder, while this version's first build
    # prunes that version's folder (cache.templates_folder): it goes on without keeping them
    content = make_project(tmp_path)
    gone = content.parent / ".cache" / "templates" / "pruned"
    monkeypatch.setattr(cache, "templates_folder", lambda cache_dir: gone)
    build(options(content, tmp_path / "kept"))
    build(options(content, tmp_path / "cold", use_cache=False))
    assert tree_bytes(tmp_path / "kept") == tree_bytes(tmp_path / "cold")
    assert not gone.exists()


@pytest.mark.slow
def test_a_deleted_cache_is_rebuilt(tmp_path):
    content = make_project(tmp_path)
    build(options(content, tmp_path / "one"))
    shutil.rmtree(content.parent / ".cache")
    build(options(content, tmp_path / "two"))
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    assert os.listdir(content.parent / ".cache" / "pages")


# -- nothing changed: the output folder is left as it is (showcase/stamp.py) ------------------------------


def _stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")}


@pytest.mark.slow
def test_a_build_with_nothing_changed_leaves_the_output_and_repeats_the_report(tmp_path):
    content = make_project(tmp_path)
    (content / "mo-hinh" / "2024" / "x.md").write_text(
        (content / EDITED).read_text(encoding="utf-8").replace("slug:", "# slug:") + "\nXem website.\n", "utf-8"
    )
    first = build(options(content, strict=False))
    site = content.parent / "site"
    before = _stamps(site)
    again = build(options(content, strict=False))
    assert again.unchanged and not first.unchanged
    assert _stamps(site) == before  # not one file rewritten
    assert again.pages == first.pages and again.models == first.models
    assert [p.code for p in again.warnings] == [p.code for p in first.warnings] and again.warnings


@pytest.mark.parametrize(
    "change",
    ["model", "record", "output file", "output extra", "option", "no cache", "day", "template"],
)
@pytest.mark.slow
def test_any_change_makes_a_real_build(tmp_path, change):
    content = make_project(tmp_path)
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    site = content.parent / "site"
    build(options(content, layouts_dir=layouts))
    extra: dict = {"layouts_dir": layouts}
    page = site / "mo-hinh/duong-giao-thong-nong-thon/index.html"
    if change == "model":
        (content / EDITED).write_text((content / EDITED).read_text("utf-8").replace("Họp dân", "Họp dân nay"), "utf-8")
    elif change == "record":
        (content / "urls.txt").write_text("/mo-hinh/\n", encoding="utf-8")
    elif change == "output file":
        page.write_text("sửa tay", encoding="utf-8")
    elif change == "output extra":
        (site / "them.html").write_text("thêm tay", encoding="utf-8")
    elif change == "option":
        extra["base_url"] = "https://dvk.example.vn/"
    elif change == "no cache":
        extra["use_cache"] = False
    elif change == "day":
        extra["today"] = options(content).today.replace(day=1)
    elif change == "template":
        base = layouts / "base.html"
        base.write_text(base.read_text(encoding="utf-8").replace("Giới thiệu</a>", "Về trang này</a>"), "utf-8")
    report = build(options(content, **extra))
    assert not report.unchanged
    assert page.read_text(encoding="utf-8") != "sửa tay" and not (site / "them.html").exists()
    # the next build with the same change finds nothing to do, except with --no-cache, which always builds
    assert build(options(content, **extra)).unchanged is (change != "no cache")


def test_only_the_most_recently_used_search_parts_are_kept(tmp_path):
    from showcase.cache import BundleCache

    kept = BundleCache(tmp_path / "search")

    def put(number: int) -> None:
        part = tmp_path / f"b{number}"
        part.mkdir(exist_ok=True)
        (part / "pagefind-entry.json").write_text("{}", encoding="utf-8")
        kept.put(f"key{number}", part, '{"total": 0, "words": {}}')

    for number in range(7):  # seven parts, used long ago in this order
        put(number)
        os.utime(kept.folder / f"key{number}", ns=(number * 10**9, number * 10**9))
    assert kept.get("key0") is not None  # used again now
    assert kept.words(kept.get("key0")) == '{"total": 0, "words": {}}'
    kept.prune(parts=2)  # the last build's index had 2 parts: 3 builds' worth, 6 parts, are kept
    assert sorted(path.name for path in kept.folder.iterdir()) == ["key0", "key2", "key3", "key4", "key5", "key6"]
    (kept.folder / "key2" / BundleCache.WORDS).unlink()  # an entry that lost a file is not used, and made again
    assert kept.get("key2") is None
    put(2)
    assert kept.get("key2") is not None and not list(kept.folder.glob(".tmp-*"))


@pytest.mark.slow
def test_a_new_model_keeps_the_other_model_pages_and_the_older_parts_of_the_index(tmp_path):
    content = make_project(tmp_path, synonyms=True)
    site = tmp_path / "site"
    build(options(content, site, search=True, search_part_pages=2))
    older = site / "mo-hinh" / "hoa-giai-o-co-so" / "index.html"
    other_field = site / "linh-vuc" / "van-hoa-xa-hoi" / "index.html"  # the new model is of "Kinh tế"
    own_field = site / "linh-vuc" / "kinh-te" / "index.html"
    inodes = [page.stat().st_ino for page in (older, other_field, own_field)]
    newest = (content / EDITED).read_text(encoding="utf-8").replace("Đường giao thông", "Đường giao thông mới")
    (content / "mo-hinh" / "2024" / "duong-moi.md").write_text(newest, encoding="utf-8")
    report = build(options(content, site, search=True, search_part_pages=2))
    assert older.stat().st_ino == inodes[0]  # its place in display order moved; its page did not change
    assert other_field.stat().st_ino == inodes[1]  # a term page shows only its own models
    assert own_field.stat().st_ino != inodes[2] and "Đường giao thông mới" in own_field.read_text(encoding="utf-8")
    assert report.search.parts_kept >= 1  # the part of the older years
    build(options(content, tmp_path / "cold", search=True, search_part_pages=2, use_cache=False))
    assert tree_bytes(site) == tree_bytes(tmp_path / "cold")


@pytest.mark.slow
def test_an_edit_reindexes_only_its_part_of_the_search_index(tmp_path):
    content = make_project(tmp_path, synonyms=True)
    site = tmp_path / "site"
    first = build(options(content, site, search=True, search_part_pages=2))
    assert first.search.parts == 3 and first.search.parts_kept == 0
    kept_part = next((site / "pagefind").glob("fragment/*.pf_fragment"))  # the first part: 2022 and 2023
    inode = kept_part.stat().st_ino
    path = content / EDITED  # a model of 2024
    path.write_text(path.read_text(encoding="utf-8").replace("Họp dân", "Họp dân (đã sửa)"), encoding="utf-8")
    warm = build(options(content, site, search=True, search_part_pages=2))
    assert (warm.search.parts, warm.search.parts_kept) == (3, 2)
    assert kept_part.stat().st_ino == inode  # linked from the output folder, not copied from the cache
    build(options(content, tmp_path / "cold", search=True, search_part_pages=2, use_cache=False))
    assert tree_bytes(site) == tree_bytes(tmp_path / "cold")


@pytest.mark.slow
def test_a_page_changed_by_hand_in_site_never_reaches_the_cache(tmp_path):
    content = make_project(tmp_path)
    site = content.parent / "site"
    build(options(content, search=True))
    edited = content / EDITED
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    build(options(content, search=True))  # warm: every other page and the search bundle from the cache
    pages = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".pf_fragment", ".json")]
    for page in pages:
        page.write_bytes(b"sua tay")  # in place, as an editor's program or a deploy script might
    build(options(content, search=True))
    assert not [p for p in pages if p.read_bytes() == b"sua tay"]


@pytest.mark.slow
def test_unchanged_pages_are_taken_from_the_output_folder_only_as_the_last_build_left_it(tmp_path):
    content = make_project(tmp_path)
    site = content.parent / "site"
    build(options(content))
    other = site / "mo-hinh" / "hoa-giai-o-co-so" / "index.html"
    page = site / "mo-hinh" / "duong-giao-thong-nong-thon" / "index.html"
    before = other.stat().st_ino
    edited = content / EDITED
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    build(options(content))
    assert other.stat().st_ino == before  # the same file, linked into the new tree: not copied again
    assert "Thêm một câu." in page.read_text(encoding="utf-8")
    other.write_bytes(b"sua tay")  # a change by hand: the folder is no longer as the build left it
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThêm câu nữa.\n", encoding="utf-8")
    build(options(content))
    assert other.read_bytes() != b"sua tay"
    assert tree_bytes(site) == tree_bytes(_cold(content, tmp_path))


def _cold(content: Path, tmp: Path, **extra) -> Path:
    shutil.rmtree(tmp / "cold", ignore_errors=True)
    build(options(content, tmp / "cold", use_cache=False, **extra))
    return tmp / "cold"


@pytest.mark.slow
def test_a_body_edit_renders_its_years_printable_page_again_and_no_other(tmp_path):
    content = make_project(tmp_path)
    site = content.parent / "site"
    build(options(content))
    other_year = site / "nam" / "2023" / "in" / "index.html"
    own_year = site / "nam" / "2024" / "in" / "index.html"
    inodes = other_year.stat().st_ino, own_year.stat().st_ino
    edited = content / EDITED  # a model of 2024
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    report = build(options(content))
    assert other_year.stat().st_ino == inodes[0]  # kept from the output folder
    assert own_year.stat().st_ino != inodes[1] and "Thêm một câu." in own_year.read_text(encoding="utf-8")
    assert report.pages_rendered == 2  # the model page and its year's printable page


def _edit(content: Path, sentence: str) -> None:
    edited = content / EDITED
    edited.write_text(edited.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def _folder_inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_dir()}


def _built_with_spare(tmp_path: Path, **extra) -> Path:
    """A project built, then built again after one edit: the first site is kept as the spare."""
    content = make_project(tmp_path)
    build(options(content, **extra))
    _edit(content, "Thêm một câu.")
    build(options(content, **extra))
    return content


def _spy_recycling(monkeypatch) -> list[Path]:
    """The spare folders writing.recycle_staging recycles, as the build calls it."""
    recycled: list[Path] = []
    recycle = writing.recycle_staging
    monkeypatch.setattr(writing, "recycle_staging", lambda *a: recycled.append(a[1]) or recycle(*a))
    return recycled


@pytest.mark.parametrize("search", [False, True])
@pytest.mark.slow
def test_the_site_before_is_kept_as_the_spare_and_recycled_by_the_next_build(tmp_path, search):
    content = _built_with_spare(tmp_path, search=search)
    site, spare = content.parent / "site", content.parent / ".site.spare"
    assert (spare / ".dvk-site").is_file()  # the first site, kept beside the output
    before, spare_folders = tree_bytes(site), _folder_inodes(spare)
    _edit(content, "Thêm câu nữa.")
    report = build(options(content, search=search))
    assert report.swap == "exchanged-kept"
    cold = build(options(content, tmp_path / "cold", search=search, use_cache=False))
    assert report.bytes_written == cold.bytes_written  # pages left in place count with their sizes
    untouched = "mo-hinh/hoa-giai-o-co-so"
    assert _folder_inodes(site)[untouched] == spare_folders[untouched]  # the spare's folders, not a new tree
    assert tree_bytes(spare) == before  # recycling never wrote into the published site's files
    page = site / "mo-hinh" / "duong-giao-thong-nong-thon" / "index.html"
    assert "Thêm câu nữa." in page.read_text(encoding="utf-8")
    assert tree_bytes(site) == tree_bytes(tmp_path / "cold")
    assert not [p for p in content.parent.glob(".site.*") if p.is_dir() and p != spare]


def test_a_data_file_change_recycles_the_spares_folders_and_leaves_none_empty(tmp_path):
    content = _built_with_spare(tmp_path)
    site, spare = content.parent / "site", content.parent / ".site.spare"
    spare_folders = _folder_inodes(spare)
    settings = content / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("footer_lines:", "footer_lines:\n  - Dòng thêm."))
    report = build(options(content))  # every page changes: every page of the spare is removed and written again
    assert report.pages_rendered == report.pages
    page_folder = "mo-hinh/duong-giao-thong-nong-thon"
    assert _folder_inodes(site)[page_folder] == spare_folders[page_folder]  # kept, not removed and made again
    assert not [p for p in site.rglob("*") if p.is_dir() and not any(p.iterdir())]  # no folder left empty
    assert tree_bytes(site) == tree_bytes(_cold(content, tmp_path))


@pytest.mark.slow
def test_a_spare_changed_by_hand_or_not_ours_is_never_recycled(tmp_path):
    content = _built_with_spare(tmp_path)
    site, spare = content.parent / "site", content.parent / ".site.spare"
    kept_page = spare / "mo-hinh" / "hoa-giai-o-co-so" / "index.html"
    kept_page.unlink()  # not in place: the spare shares this file with the published site
    kept_page.write_bytes(b"sua tay")
    _edit(content, "Thêm câu nữa.")
    build(options(content))
    assert tree_bytes(site) == tree_bytes(_cold(content, tmp_path))
    assert b"sua tay" not in tree_bytes(spare).values()  # replaced by the site before this build
    shutil.rmtree(spare)
    spare.mkdir()
    (spare / "cua-ai-do.txt").write_text("giữ nguyên")  # someone's own folder with that name
    for sentence in ("Câu ba.", "Câu bốn."):
        _edit(content, sentence)
        report = build(options(content))
        assert report.swap == "exchanged"  # the old site removed, as with no spare
    assert [p.name for p in spare.iterdir()] == ["cua-ai-do.txt"]
    assert tree_bytes(site) == tree_bytes(_cold(content, tmp_path))


@pytest.mark.slow
def test_a_spare_the_stamp_does_not_describe_is_replaced_not_recycled(tmp_path):
    content = _built_with_spare(tmp_path)
    site = content.parent / "site"
    shutil.rmtree(content.parent / ".cache")  # the stamp with it: what the spare holds is unknown
    _edit(content, "Thêm câu nữa.")
    build(options(content))
    _edit(content, "Câu ba.")
    report = build(options(content))
    assert report.swap == "exchanged-kept"
    assert tree_bytes(site) == tree_bytes(_cold(content, tmp_path))


@pytest.mark.slow
def test_a_build_that_fails_after_recycling_the_spare_leaves_the_site_as_it_was(tmp_path):
    content = make_project(tmp_path)
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    site = content.parent / "site"
    build(options(content, layouts_dir=layouts))
    _edit(content, "Thêm một câu.")
    build(options(content, layouts_dir=layouts))
    before = tree_bytes(site)
    assert (content.parent / ".site.spare" / ".dvk-site").is_file()
    template = layouts / "404.html"
    good = template.read_text(encoding="utf-8")
    template.write_text(good.replace("{% block main %}", "{% block main %}{{ khong_co }}"), encoding="utf-8")
    _edit(content, "Thêm câu nữa.")
    with pytest.raises(TemplateFailure):
        build(options(content, layouts_dir=layouts))  # the spare was this build's staging folder
    assert tree_bytes(site) == before
    assert not [p for p in content.parent.glob(".site.*") if p.is_dir()]  # the spare went with the failed build
    template.write_text(good, encoding="utf-8")
    build(options(content, layouts_dir=layouts))
    build(options(content, tmp_path / "cold", layouts_dir=layouts, use_cache=False))
    assert tree_bytes(site) == tree_bytes(tmp_path / "cold")


def test_a_spare_is_made_from_the_output_when_there_is_none_and_removed_unless_recycled(tmp_path):
    content = make_project(tmp_path)
    site, spare = content.parent / "site", content.parent / ".site.spare"
    build(options(content))
    before = tree_bytes(site)
    pages = [path for path in before if path.endswith(".html")]
    setup = pipeline.page_setup(options(content))
    with stamp.describing(options(content)) as descriptions:
        assert descriptions.spare_made() is None  # none asked for
        descriptions.make_spare(options(content), "templates changed")  # every page would be new: none made
        assert descriptions.spare_made() is None and not spare.exists()
        descriptions.make_spare(options(content), setup)
        assert descriptions.spare_made() == spare
        assert pages and all((spare / p).stat().st_ino == (site / p).stat().st_ino for p in pages)
        assert (spare / writing.MARKER).stat().st_ino != (site / writing.MARKER).stat().st_ino
        assert (spare / writing.STAGING_MARKER).read_text(encoding="utf-8") == str(os.getpid())
        descriptions.make_spare(options(content), setup)  # a spare is there: nothing more is made
        assert descriptions.spare_made() == spare
    assert not spare.exists()  # not recycled by a build: removed with the descriptions
    assert tree_bytes(site) == before
    with stamp.describing(options(content)) as descriptions:
        descriptions.make_spare(options(content), setup)
        assert descriptions.maker is not None
        pid = descriptions.maker[0]
    assert not spare.exists()  # stopped or done, and removed: never waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # and reaped: no zombie
    with stamp.describing(options(content, use_cache=True)) as descriptions:
        shutil.rmtree(content.parent / ".cache")  # no stamp: nothing says which files are pages
        descriptions.make_spare(options(content), setup)
        assert descriptions.spare_made() is None and not spare.exists()


@pytest.mark.parametrize("search", [False, True])
@pytest.mark.slow
def test_the_first_build_after_a_full_one_recycles_a_spare_made_from_the_output(tmp_path, monkeypatch, search):
    content = make_project(tmp_path)
    site, spare = content.parent / "site", content.parent / ".site.spare"
    build(options(content, search=search))
    before = tree_bytes(site)
    page = "mo-hinh/hoa-giai-o-co-so/index.html"
    inode = (site / page).stat().st_ino
    recycled = _spy_recycling(monkeypatch)
    _edit(content, "Thêm một câu.")
    report = build(options(content, search=search))
    assert recycled == [spare]  # made while the sources loaded, then recycled
    assert report.swap == "exchanged-kept" and report.pages_rendered < report.pages
    assert (site / page).stat().st_ino == inode  # linked, never written again
    assert tree_bytes(spare) == before  # the site before, kept as the next spare, never written into
    assert tree_bytes(site) == tree_bytes(_cold(content, tmp_path, search=search))
    assert not [p for p in content.parent.glob(".site.*") if p.is_dir() and p != spare]


@pytest.mark.slow
def test_a_made_spare_is_not_used_when_the_output_was_changed_by_hand(tmp_path, monkeypatch):
    content = make_project(tmp_path)
    site = content.parent / "site"
    build(options(content))
    page = site / "mo-hinh" / "hoa-giai-o-co-so" / "index.html"
    page.unlink()
    page.write_bytes(b"sua tay")  # the stamp no longer says what the output holds
    made, make = [], stamp.Descriptions.make_spare
    monkeypatch.setattr(stamp.Descriptions, "make_spare", lambda self, *a: made.append(1) or make(self, *a))
    recycled = _spy_recycling(monkeypatch)
    _edit(content, "Thêm một câu.")
    build(options(content))
    assert made and not recycled  # made while loading, then found worth nothing
    assert tree_bytes(site) == tree_bytes(_cold(content, tmp_path))
    assert [p.name for p in content.parent.glob(".site.*") if p.is_dir()] == [".site.spare"]  # the site before
    assert b"sua tay" in tree_bytes(content.parent / ".site.spare").values()  # not the made one: replaced


@pytest.mark.slow
def test_a_build_stopped_by_content_errors_keeps_the_spare_it_made_for_the_next_build(tmp_path, monkeypatch):
    content = make_project(tmp_path)
    site, spare = content.parent / "site", content.parent / ".site.spare"
    build(options(content))
    before = tree_bytes(site)
    broken = content / "mo-hinh" / "2024" / "hong.md"
    broken.write_text("---\ntitle: [\n---\nThân bài.\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build(options(content))
    assert tree_bytes(site) == before
    assert (spare / writing.MARKER).is_file() and not (spare / writing.STAGING_MARKER).exists()
    linked = set(tree_bytes(spare)) - {writing.MARKER}
    assert {p for p in before if p.endswith(".html")} <= linked <= set(before)  # the output's pages
    assert all((spare / p).stat().st_ino == (site / p).stat().st_ino for p in linked)
    recycled = _spy_recycling(monkeypatch)
    broken.unlink()  # the editor's fix
    _edit(content, "Thêm một câu.")
    build(options(content))
    assert recycled == [spare]  # recorded when the build stopped: recycled as any spare
    assert tree_bytes(site) == tree_bytes(_cold(content, tmp_path))
    assert not [p for p in content.parent.glob(".site.*") if p.is_dir() and p != spare]


@pytest.mark.parametrize("fork", [True, False])
def test_folders_described_in_the_background_are_described_as_here(tmp_path, monkeypatch, fork):
    content = _built_with_spare(tmp_path)
    site, spare = content.parent / "site", content.parent / ".site.spare"
    monkeypatch.setattr(stamp, "_can_fork", lambda: fork)
    missing = tmp_path / "khong-co"
    with stamp.Descriptions((site, spare, missing)) as descriptions:
        children = [pid for pid, _ in descriptions.children.values()]
        assert len(children) == (3 if fork else 0)
        assert descriptions.of(spare) == stamp.describe(spare) and len(descriptions.of(spare)) > 10
        assert descriptions.of(missing) == []
    for pid in children:  # every child was waited for: none is left, not even as a zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_failed_child_leaves_the_description_to_this_process(tmp_path, monkeypatch):
    content = make_project(tmp_path)
    site = content.parent / "site"
    build(options(content))
    parent, real = os.getpid(), stamp.describe
    monkeypatch.setattr(stamp, "describe", lambda folder: os._exit(1) if os.getpid() != parent else real(folder))
    with stamp.Descriptions((site,)) as descriptions:
        assert descriptions.of(site) == real(site) != []


@pytest.mark.slow
def test_a_file_rewritten_with_the_same_size_and_time_is_hashed_again(tmp_path, monkeypatch):
    monkeypatch.setattr(HashMemo, "RACY_NS", 0)  # files made a moment ago are kept in the memo too
    content = make_project(tmp_path)
    site = content.parent / "site"
    build(options(content))
    memo = HashMemo(content.parent / ".cache")
    assert str(content / EDITED) in memo.kept  # the next build reads no file it hashed
    edited = content / EDITED
    before = edited.stat()
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("Họp dân", "Hợp dân"), encoding="utf-8")  # same size in bytes
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    assert edited.stat().st_size == before.st_size and edited.stat().st_mtime_ns == before.st_mtime_ns
    report = build(options(content))
    assert not report.unchanged  # its change time moved: no program can set that back
    assert "Hợp dân" in (site / "mo-hinh/duong-giao-thong-nong-thon/index.html").read_text(encoding="utf-8")


def test_a_memo_kept_in_memory_reads_again_only_the_files_that_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(HashMemo, "RACY_NS", 0)  # files made a moment ago are kept in the memo too
    files = {name: tmp_path / name for name in ("giu.md", "sua.md", "xoa.md")}
    for name, path in files.items():
        path.write_text(f"nội dung {name}", encoding="utf-8")
    read: list[str] = []
    real = cache.file_part
    monkeypatch.setattr(cache, "file_part", lambda path: read.append(Path(path).name) or real(path))
    memo = HashMemo(tmp_path / "khong-co")
    first = {name: memo.part(str(path)) for name, path in files.items()}
    memo.again()  # what serve does after each look
    files["sua.md"].write_text("nội dung đã sửa, dài hơn", encoding="utf-8")
    second = {name: memo.part(str(path)) for name, path in files.items() if name != "xoa.md"}
    assert read == ["giu.md", "sua.md", "xoa.md", "sua.md"]
    assert second == {"giu.md": first["giu.md"], "sua.md": real(files["sua.md"])}
    assert first["sua.md"] != second["sua.md"]
    memo.again()
    assert set(memo.kept) == {str(files["giu.md"]), str(files["sua.md"])}  # a file no longer looked at is forgotten


def test_a_file_written_just_before_it_is_hashed_is_not_kept(tmp_path):
    fresh = tmp_path / "moi.md"
    fresh.write_text("vừa viết", encoding="utf-8")
    old = tmp_path / "cu.md"
    old.write_text("viết từ lâu", encoding="utf-8")
    memo = HashMemo(tmp_path)
    memo.RACY_NS = 0
    assert memo.part(str(old)) == memo.part(str(old))
    memo.RACY_NS = HashMemo.RACY_NS
    assert memo.part(str(fresh)) and str(fresh) not in memo.now  # a second write might not move its times
    memo.save()
    assert set(HashMemo(tmp_path).kept) == {str(old)}


@pytest.mark.slow
def test_a_model_file_changed_while_it_is_checked_is_not_kept_for_its_new_bytes(tmp_path, monkeypatch):
    content = make_project(tmp_path)
    site = content.parent / "site"
    build(options(content))
    edited = content / EDITED
    _edit(content, "Bản đang kiểm tra.")
    real = pipeline.load_model

    def saved_again_meanwhile(path, context):
        loaded = real(path, context)
        if path == edited:  # the editor saves again while the build checks the file
            edited.write_text(edited.read_text(encoding="utf-8") + "\nBản lưu sau.\n", encoding="utf-8")
        return loaded

    monkeypatch.setattr(pipeline, "load_model", saved_again_meanwhile)
    build(options(content))
    monkeypatch.setattr(pipeline, "load_model", real)
    build(options(content))
    assert "Bản lưu sau." in (site / "mo-hinh/duong-giao-thong-nong-thon/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_spare_that_cannot_be_kept_never_fails_a_published_build(tmp_path, monkeypatch):
    content = make_project(tmp_path)
    site, spare = content.parent / "site", content.parent / ".site.spare"
    build(options(content))
    real = os.rename
    monkeypatch.setattr(swap.os, "rename", lambda a, b: _refuse(b) if str(b).endswith(".spare") else real(a, b))
    _edit(content, "Thêm một câu.")
    report = build(options(content))
    assert report.swap == "exchanged" and not spare.exists()  # the old site removed instead
    assert "Thêm một câu." in (site / "mo-hinh/duong-giao-thong-nong-thon/index.html").read_text(encoding="utf-8")
    assert not [p for p in content.parent.glob(".site.*") if p.is_dir()]


def _refuse(path) -> None:
    raise OSError(errno.ENOSPC, "thử lỗi", str(path))


def test_a_marker_without_a_living_build_is_swept(tmp_path):
    out = tmp_path / "site"
    for name, pid in ((".site.staging-1", "0"), (".site.staging-2", "-5")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / ".dvk-staging").write_text(pid, encoding="utf-8")
    writing.sweep_leftovers(out)
    assert not list(tmp_path.glob(".site.*"))


@pytest.mark.slow
def test_page_entries_no_build_used_for_a_week_are_deleted_once_a_day(tmp_path):
    content = make_project(tmp_path)
    build(options(content))
    folder = content.parent / ".cache" / "pages"
    entries = lambda: {p.name for p in folder.rglob("*") if p.is_file() and p.parent != folder}  # noqa: E731
    used = entries()
    _edit(content, "Thêm một câu.")
    build(options(content))  # the edited model's page and its year's printable page: new entries
    stale = entries() - used
    assert stale and (folder / PageCache.PRUNED).is_file()
    week = PageCache.KEEP_DAYS * 86400
    later = time.time() + week + 2 * 86400
    pages = PageCache(folder)
    in_use = lambda: entries() - stale  # noqa: E731  (as if a build used all but the new ones)
    before = entries()
    assert pages.prune(in_use, now=time.time() + 3600) == 0  # pruned less than a day ago
    assert pages.prune(in_use, now=later) == len(stale)
    assert entries() == before - stale
    _edit(content, "Câu ba.")
    build(options(content))  # what the cache lost is rendered again
    assert tree_bytes(content.parent / "site") == tree_bytes(_cold(content, tmp_path))
