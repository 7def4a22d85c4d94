"""The fixture site built end to end: pages, links, atomicity, determinism, options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from showcase.pipeline import build
from showcase.problems import ContentError

from .conftest import BASE_URL, ROOT, make_project, options, tree_bytes, write_model
from .site_checks import broken_links, html_pages, parse, squash


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("built")
    content = make_project(tmp)
    build(options(content))
    return tmp / "site"


def test_expected_pages_exist(built):
    expected = [
        "index.html",
        "404.html",
        "static/style.css",
        "tim-kiem/index.html",
        "nhan-rong/index.html",
        "linh-vuc/index.html",
        "linh-vuc/kinh-te/index.html",
        "linh-vuc/xay-dung-dang-he-thong-chinh-tri/index.html",
        "dia-ban/index.html",
        "dia-ban/mo-cay-nam/index.html",
        "dia-ban/toan-tinh/index.html",
        "nam/index.html",
        "nam/2024/index.html",
        "nam/2023/index.html",
        "nam/2022/index.html",
        "mo-hinh/duong-giao-thong-nong-thon/index.html",
        "mo-hinh/ap-van-hoa-nfd/index.html",
        "mo-hinh/nha-dai-doan-ket-windows/index.html",
        "mo-hinh/truong-hoc-xanh/truong-hoc-4.webp",
        "mo-hinh/truong-hoc-xanh/truong-hoc-4.jpg",
        "mo-hinh/truong-hoc-xanh/truong-hoc-chia-se.jpg",
        "linh-vuc/kinh-te/chia-se.png",  # also the picture of its models without a photo
        "chia-se.png",
    ]
    missing = [path for path in expected if not (built / path).is_file()]
    assert missing == []


def test_every_internal_link_and_image_resolves(built):
    assert broken_links(built) == []


def test_link_check_finds_broken_links(built, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    (copy / "mo-hinh/truong-hoc-xanh/truong-hoc-4.jpg").unlink()
    page = copy / "404.html"
    page.write_text(
        page.read_text(encoding="utf-8")
        .replace("/linh-vuc/", "/linh-vuc-sai/")
        .replace('href="/"', 'href="/#khong-co"'),
        encoding="utf-8",
    )
    broken = broken_links(copy)
    assert "404.html → /linh-vuc-sai/" in broken
    assert "404.html → /#khong-co (no such id)" in broken
    assert "mo-hinh/truong-hoc-xanh/index.html → truong-hoc-4.jpg" in broken


def test_every_page_has_lang_title_description_canonical(built):
    titles = {}
    for page in html_pages(built):
        parsed = parse(page)
        assert parsed.lang == "vi", page
        assert parsed.title.strip(), page
        assert parsed.meta.get("description"), page
        assert parsed.meta["canonical"].startswith(BASE_URL), page
        assert parsed.stylesheets[0].startswith("/static/style.css"), page
        assert all(sheet.startswith("/static/noscript.css?v=") for sheet in parsed.stylesheets[1:]), page
        assert not [url for url in parsed.resources if url.startswith(("http://", "https://", "//"))], page
        # links to sources on other sites are fine; nothing the browser loads by itself comes from another host
        titles.setdefault(parsed.title, []).append(page)
    assert {title: pages for title, pages in titles.items() if len(pages) > 1} == {}


def test_model_page_content(built):
    html = squash((built / "mo-hinh/duong-giao-thong-nong-thon/index.html").read_text(encoding="utf-8"))
    assert "<h1>Đường giao thông nông thôn do dân cùng làm</h1>" in html
    assert 'Xã Thử Nghiệm A, <a href="/dia-ban/mo-cay-nam/">huyện Mỏ Cày Nam</a>, tỉnh Bến Tre' in html
    assert "12/QĐ-TN, ngày 30/12/2024" in html
    assert "05/01/2024" in html
    assert '<th align="left">Hạng mục</th>' in html
    assert '<h2 id="cach-lam">Cách làm</h2>' in html
    windows = squash((built / "mo-hinh/nha-dai-doan-ket-windows/index.html").read_text(encoding="utf-8"))
    assert "<h1>Nhà Đại đoàn kết cho hộ nghèo</h1>" in windows
    assert "Quyết định công nhận</dt><dd>Đang cập nhật</dd>" in windows
    school = squash((built / "mo-hinh/truong-hoc-xanh/index.html").read_text(encoding="utf-8"))
    assert '<h2 id="tieu-de-cap-mot-trong-noi-dung">Tiêu đề cấp một trong nội dung</h2>' in school
    assert school.count("<h1") == 1
    assert 'alt="Học sinh trồng cây trong sân trường (ảnh thử nghiệm)"' in school
    assert "Ảnh: Nhóm kiểm thử" in school


def test_no_none_false_or_nfd_in_pages(built):
    import unicodedata

    for page in html_pages(built):
        text = page.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), page
        for bad in (">None<", ">False<", ">null<", "None,", " None "):
            assert bad not in text, (page, bad)


def test_year_page_shows_the_sources_figures_apart_from_page_count(built):
    html = squash((built / "nam/2024/index.html").read_text(encoding="utf-8"))
    assert '<h2 id="so-lieu-2024">Số liệu năm 2024, cấp tỉnh</h2>' in html
    for label, value in (
        ("Được công nhận đạt tiêu chí cấp tỉnh", 187),
        ("Đăng ký xây dựng mô hình cấp tỉnh (đầu năm)", 272),
        ("Được công nhận, lĩnh vực kinh tế", 106),
    ):
        assert f'<th scope="row">{label}</th><td class="number">{value}</td>' in html
    assert "(hiện có 3 trang mô hình năm 2024)" in html
    assert "đã quyết định công nhận 187/191 mô hình “Dân vận khéo” đạt tiêu chí cấp tỉnh" in html  # the source's words
    assert 'Nguồn: <a href="/nguon/#bai-viet-2024-12-30">' in html


def test_listing_follows_the_vocabulary_order_and_counts(built):
    html = squash((built / "dia-ban/index.html").read_text(encoding="utf-8"))
    order = [html.index(name) for name in ("Thành phố Bến Tre", "Huyện Châu Thành", "Huyện Ba Tri", "Toàn tỉnh")]
    assert order == sorted(order)
    assert '<a href="/dia-ban/mo-cay-nam/">Huyện Mỏ Cày Nam</a> <span class="count">1 mô hình</span>' in html


def test_pagination_pages_and_pager(tmp_path):
    content = make_project(tmp_path, models=None)
    for i in range(41):
        write_model(
            content,
            f"m{i:02d}.md",
            f'---\ntitle: "Mô hình thử nghiệm {i:02d}"\nfield: "Kinh tế"\n'
            f'unit: "Đơn vị {i}"\ndistrict: "Ba Tri"\nyear: 2024\npublished: "01/11/2026"\n---\nDữ liệu thử nghiệm.\n',
        )
    build(options(content))
    site = tmp_path / "site"
    assert (site / "linh-vuc/kinh-te/trang/3/index.html").is_file()
    assert not (site / "linh-vuc/kinh-te/trang/4").exists()
    page2 = (site / "linh-vuc/kinh-te/trang/2/index.html").read_text(encoding="utf-8")
    assert '<nav class="pager" aria-label="Phân trang">' in page2
    assert '<a href="/linh-vuc/kinh-te/" rel="prev">' in page2
    assert '<a href="/linh-vuc/kinh-te/trang/3/" rel="next">' in page2
    assert 'aria-current="page" aria-label="Trang 2, trang hiện tại">2</a>' in page2
    assert page2.count('class="card"') == 20
    page3 = (site / "linh-vuc/kinh-te/trang/3/index.html").read_text(encoding="utf-8")
    assert page3.count('class="card"') == 1 and 'rel="next"' not in page3
    first = (site / "linh-vuc/kinh-te/index.html").read_text(encoding="utf-8")
    assert first.index("Mô hình thử nghiệm 00") < first.index("Mô hình thử nghiệm 19")
    assert "Mô hình thử nghiệm 20" not in first
    assert broken_links(site) == []


def test_empty_site_builds(empty_project):
    report = build(options(empty_project))
    site = empty_project.parent / "site"
    assert report.models == 0
    assert "Chưa có trang mô hình nào thuộc mục này" in (site / "linh-vuc/kinh-te/index.html").read_text(
        encoding="utf-8"
    )
    assert broken_links(site) == []


@pytest.mark.slow
def test_failed_build_leaves_site_byte_identical(project):
    site = project.parent / "site"
    build(options(project))
    before = tree_bytes(site)
    write_model(project, "hong.md", '---\ntitle: "x"\nfield: "Nông nghiệp"\n---\n')
    with pytest.raises(ContentError):
        build(options(project))
    assert tree_bytes(site) == before
    (project / "site.yaml").write_text("title: [\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(options(project))
    assert raised.value.problems[0].path == "content/site.yaml"
    assert tree_bytes(site) == before


@pytest.mark.slow
def test_no_stale_file_survives(project):
    site = project.parent / "site"
    build(options(project))
    (project / "mo-hinh/2024/hoa-giai-o-co-so.md").unlink()
    (site / "rac.txt").write_text("cũ")
    build(options(project))
    assert not (site / "rac.txt").exists()
    assert not (site / "mo-hinh/hoa-giai-o-co-so").exists()
    left = [p.name for p in project.parent.glob(".site.*") if p.is_dir()]
    assert left == [".site.spare"]  # the site before, for the next build to recycle; no staging folder


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
@pytest.mark.slow
def test_one_and_two_processes_give_identical_output(project, tmp_path, start_method):
    """Small chunks, so a pool of two workers really runs; spawn is what Windows and macOS use."""
    serial = build(options(project, tmp_path / "one", jobs=1))
    pooled = build(options(project, tmp_path / "two", jobs=2, chunk_size=2, start_method=start_method))
    assert (serial.processes, pooled.processes) == (1, 2)
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


@pytest.mark.slow
def test_builds_are_byte_identical_across_hash_seeds(project, tmp_path):
    """Two separate processes with different PYTHONHASHSEED, search index included."""
    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"seed-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "--content", str(project), "--out", str(out), "--jobs", "2"],
            check=True,
            env=env,
            capture_output=True,
        )
        outputs.append(tree_bytes(out))
    assert outputs[0] == outputs[1]
    assert any(path.startswith("pagefind/") for path in outputs[0])


def test_the_command_exits_with_the_build_code_and_all_its_output(project, tmp_path):
    """build.py leaves without Python's teardown (cli.run): its code and every line must still come out."""
    command = [sys.executable, str(ROOT / "build.py"), "--content", str(project), "--no-search"]
    built = subprocess.run([*command, "--out", str(tmp_path / "site")], capture_output=True, text=True)
    assert built.returncode == 0 and "Built " in built.stdout and (tmp_path / "site" / "index.html").is_file()
    (project / "mo-hinh" / "hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    failed = subprocess.run([*command, "--out", str(tmp_path / "site")], capture_output=True, text=True)
    assert failed.returncode == 1 and "content/mo-hinh/hong.md" in failed.stderr + failed.stdout
    refused = subprocess.run([*command, "--base-url", "javascript:alert(1)"], capture_output=True, text=True)
    assert refused.returncode == 2 and "--base-url" in refused.stderr


def test_base_url_option_prefixes_links(project, tmp_path):
    out = tmp_path / "preview"
    build(options(project, out, base_url="https://xem-truoc.example/pr-7/"))
    home = parse(out / "index.html")
    assert home.meta["canonical"] == "https://xem-truoc.example/pr-7/"
    assert "/pr-7/linh-vuc/" in home.links
    assert broken_links(out, prefix="/pr-7/") == []


def test_cli_help_lists_commands_and_each_command_its_options():
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for word in ("build", "check", "serve", "new", "exit codes"):
        assert word in result.stdout
    expected = {
        "build": ("--strict", "--base-url", "--out", "--jobs", "--no-search", "--drafts", "--quiet", "--verbose"),
        "check": ("--strict", "--content", "--format"),
        "serve": ("--port", "--host"),
        "new": ("--title", "--field", "--district", "--year", "--unit", "--slug", "--draft"),
    }
    for command, words in expected.items():
        result = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), command, "--help"], capture_output=True, text=True
        )
        assert result.returncode == 0 and all(word in result.stdout for word in words), (command, result.stdout)
    check_help = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--help"], capture_output=True, text=True
    ).stdout
    assert "--port" not in check_help and "--base-url" not in check_help  # options only where they apply
    serve_help = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "serve", "--help"], capture_output=True, text=True
    ).stdout
    assert "--out" not in serve_help and "--strict" not in serve_help  # serve writes nothing


def test_old_addresses_redirect_to_the_new_page(project):
    path = project / "mo-hinh/2024/hoa-giai-o-co-so.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'level: "cấp huyện"\n', 'level: "cấp huyện"\nslug: "hoa-giai-co-so-moi"\naliases: ["hoa-giai-o-co-so"]\n'
        ),
        encoding="utf-8",
    )
    build(options(project))
    site = project.parent / "site"
    old = (site / "mo-hinh/hoa-giai-o-co-so/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/mo-hinh/hoa-giai-co-so-moi/">' in old
    assert f'<link rel="canonical" href="{BASE_URL}mo-hinh/hoa-giai-co-so-moi/">' in old
    assert (site / "mo-hinh/hoa-giai-co-so-moi/index.html").is_file()
    assert broken_links(site) == []


def test_an_alias_cannot_take_another_models_address(project):
    from showcase.pipeline import check

    path = project / "mo-hinh/2024/hoa-giai-o-co-so.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'level: "cấp huyện"\n', 'level: "cấp huyện"\naliases: ["duong-giao-thong-nong-thon"]\n'
        ),
        encoding="utf-8",
    )
    problems = check(options(project))[2]
    assert [(p.code, p.key, p.got) for p in problems] == [("slug-duplicate", "aliases", "duong-giao-thong-nong-thon")]


@pytest.mark.parametrize("where", ["content", ".", "content/site", "layouts-copy", "other"])
def test_output_folder_that_would_destroy_sources_is_refused(project, capsys, where):
    import shutil

    from showcase.cli import main

    root = project.parent
    shutil.copytree(ROOT / "layouts", root / "layouts-copy")
    (root / "other").mkdir()
    (root / "other" / "ghi-chu.txt").write_text("tệp của biên tập viên")
    before = tree_bytes(root)
    code = main(
        ["--content", str(project), "--layouts", str(root / "layouts-copy"), "--out", str(root / where), "--no-search"]
    )
    assert code == 2
    assert "Không ghi vào thư mục này" in capsys.readouterr().err
    assert tree_bytes(root) == before


def test_leftovers_of_killed_builds_are_swept_and_nothing_else(project):
    site = project.parent / "site"
    dead = project.parent / ".site.staging-999999999"
    dead.mkdir()
    (dead / ".dvk-staging").write_text("999999999")  # our marker, with the pid of a build that no longer runs
    (dead / "x.html").write_text("cũ")
    hand_made = project.parent / ".site.old-123"  # someone's own folder with a look-alike name
    hand_made.mkdir()
    (hand_made / "ghi-chu.txt").write_text("của biên tập viên")
    build(options(project))
    assert not dead.exists() and site.is_dir()
    assert (hand_made / "ghi-chu.txt").read_text() == "của biên tập viên"
