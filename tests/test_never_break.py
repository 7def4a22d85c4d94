"""A published link never breaks, and a bad build never replaces a good site (one test per finding)."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from showcase import search, swap, writing
from showcase.cli import EXIT_CONTENT, EXIT_SEARCH, EXIT_SYSTEM, EXIT_TEMPLATE, EXIT_USAGE, main
from showcase.pipeline import build, check
from showcase.problems import ContentError
from showcase.search import SearchError
from showcase.serving import free_port

from .conftest import ROOT, options, tree_bytes, write_model
from .site_checks import broken_links, squash

MODEL = (
    '---\ntitle: "{title}"\nfield: "Kinh tế"\nunit: "Đơn vị thử nghiệm"\ndistrict: "huyện Ba Tri"\nyear: 2024\n'
    "{extra}"
    'published: "01/11/2026"\n---\n{body}\n'
)


def recorded(content: Path, **overrides):
    """Options that check the URL record, as `build.py` does."""
    return options(content, record="check", **overrides)


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def first_build(content: Path) -> Path:
    """A published site with its addresses recorded, as after an editor's first build."""
    build(options(content, record="update"))
    return content.parent / "site"


# -- the URL record ------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_renamed_model_file_is_refused_until_its_old_address_redirects(project):
    site = first_build(project)
    before = tree_bytes(site)
    (project / "mo-hinh/2024/hoa-giai-o-co-so.md").rename(project / "mo-hinh/2024/hoa-giai-moi.md")
    with pytest.raises(ContentError) as raised:
        build(recorded(project))
    [removed] = [p for p in raised.value.problems if p.code == "url-removed"]
    assert (removed.path, removed.got) == ("content/urls.txt", "/mo-hinh/hoa-giai-o-co-so/")
    assert 'aliases: ["hoa-giai-o-co-so"]' in removed.hint and "withdrawn.yaml" in removed.hint
    assert tree_bytes(site) == before
    path = project / "mo-hinh/2024/hoa-giai-moi.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("---\n", '---\naliases: ["hoa-giai-o-co-so"]\n', 1), encoding="utf-8"
    )
    build(recorded(project))
    old = (site / "mo-hinh/hoa-giai-o-co-so/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=/mo-hinh/hoa-giai-moi/"' in old
    assert "/mo-hinh/hoa-giai-o-co-so/ /mo-hinh/hoa-giai-moi/ 301" in (site / "_redirects").read_text()
    assert broken_links(site) == []


@pytest.mark.slow
def test_a_deleted_model_needs_a_withdrawn_entry_which_publishes_a_page_saying_so(project):
    site = first_build(project)
    (project / "mo-hinh/2024/hoa-giai-o-co-so.md").unlink()
    assert "url-removed" in codes(check(recorded(project))[2])
    (project / "withdrawn.yaml").write_text(
        '- slug: "hoa-giai-o-co-so"\n  title: "Hoà giải ở cơ sở gắn với an ninh trật tự"\n  date: "01/12/2026"\n'
        '  reason:\n    text: "Dữ liệu thử nghiệm: mô hình được gỡ theo đề nghị của đơn vị."\n'
        "    about_site: true\n"
        '  related: ["duong-giao-thong-nong-thon"]\n',
        encoding="utf-8",
    )
    build(recorded(project))
    page = squash((site / "mo-hinh/hoa-giai-o-co-so/index.html").read_text(encoding="utf-8"))
    assert '<meta name="robots" content="noindex">' in page
    assert "Trang đã gỡ: Hoà giải ở cơ sở gắn với an ninh trật tự" in page and "ngày 01/12/2026" in page
    assert 'href="/mo-hinh/duong-giao-thong-nong-thon/"' in page
    assert broken_links(site) == []


def test_a_withdrawn_entry_cannot_take_a_live_address_or_name_an_unknown_model(project):
    (project / "withdrawn.yaml").write_text(
        '- slug: "duong-giao-thong-nong-thon"\n  title: "x"\n  reason: {text: "x", about_site: true}\n'
        '  related: ["khong-co"]\n',
        encoding="utf-8",
    )
    assert sorted(codes(check(options(project))[2])) == ["related-unknown", "slug-duplicate"]


@pytest.mark.slow
def test_a_renamed_term_id_is_refused_until_it_has_an_alias(project):
    site = first_build(project)
    fields = project / "fields.yaml"
    fields.write_text(
        fields.read_text(encoding="utf-8").replace("  - id: kinh-te\n", "  - id: kinh-te-moi\n"), encoding="utf-8"
    )
    for data_file in ("figures.yaml", "replication.yaml"):  # files that name the term by its id
        path = project / data_file
        path.write_text(path.read_text(encoding="utf-8").replace("kinh-te", "kinh-te-moi"), encoding="utf-8")
    removed = [p for p in check(recorded(project))[2] if p.code == "url-removed"]
    assert sorted(p.got for p in removed) == ["/linh-vuc/kinh-te/", "/linh-vuc/kinh-te/atom.xml"]
    assert all('aliases: ["kinh-te"]' in p.hint and "content/fields.yaml" in p.hint for p in removed)
    fields.write_text(
        fields.read_text(encoding="utf-8").replace(
            "  - id: kinh-te-moi\n", '  - id: kinh-te-moi\n    aliases: ["kinh-te"]\n'
        ),
        encoding="utf-8",
    )
    build(recorded(project))
    assert 'url=/linh-vuc/kinh-te-moi/"' in (site / "linh-vuc/kinh-te/index.html").read_text(encoding="utf-8")
    old_feed = (site / "linh-vuc/kinh-te/atom.xml").read_text(encoding="utf-8")
    assert old_feed == (site / "linh-vuc/kinh-te-moi/atom.xml").read_text(encoding="utf-8")


def test_a_missing_or_emptied_models_folder_publishes_nothing(project):
    first_build(project)
    shutil.rmtree(project / "mo-hinh")
    assert codes(check(recorded(project))[2]) == ["models-folder-missing"]
    (project / "mo-hinh").mkdir()
    assert codes(check(recorded(project))[2]).count("url-removed") >= 6  # each model page, and more


def test_new_addresses_are_recorded_by_a_build_and_required_under_strict(project, capsys):
    record = project / "urls.txt"
    assert main(["build", "--content", str(project), "--out", str(project.parent / "site"), "--no-search"]) == 0
    lines = record.read_text(encoding="utf-8").splitlines()
    addresses = [line for line in lines if not line.startswith("#")]
    assert addresses == sorted(addresses) and "/mo-hinh/duong-giao-thong-nong-thon/" in addresses
    assert "/404.html" not in addresses and not any("/trang/" in a for a in addresses)
    assert "Đã thêm" in capsys.readouterr().out
    write_model(project, "moi.md", MODEL.format(title="Mô hình mới", extra="", body="Dữ liệu thử nghiệm."))
    assert main(["check", "--strict", "--content", str(project)]) == EXIT_CONTENT
    assert "/mo-hinh/moi/" in capsys.readouterr().err
    assert main(["build", "--content", str(project), "--out", str(project.parent / "site"), "--no-search"]) == 0
    assert main(["check", "--strict", "--content", str(project)]) == 0


# -- links in model texts ------------------------------------------------------------------------


def test_a_body_link_to_a_missing_page_is_an_error_with_the_closest_address(empty_project):
    write_model(empty_project, "a.md", MODEL.format(title="A", extra="", body="Xem [mô hình B](/mo-hinh/bb/)."))
    write_model(empty_project, "b.md", MODEL.format(title="B", extra="", body="Dữ liệu thử nghiệm."))
    [broken] = check(options(empty_project))[2]
    assert (broken.code, broken.path, broken.line, broken.got) == (
        "link-broken",
        "content/mo-hinh/a.md",
        9,
        "/mo-hinh/bb/",
    )
    assert broken.hint == "Có phải “/mo-hinh/b/”? / Did you mean “/mo-hinh/b/”?"


def test_body_links_follow_the_base_path_and_documents_are_published(empty_project, tmp_path):
    folder = empty_project / "mo-hinh" / "tai-lieu"
    folder.mkdir(parents=True)
    (folder / "Quyết định.pdf").write_bytes(b"%PDF-1.4 thu nghiem")
    body = "Xem [B](/mo-hinh/b/), [trang B](../b/) và [quyết định](tai-lieu/Quyết định.pdf)."
    write_model(empty_project, "a.md", MODEL.format(title="A", extra="", body=body))
    write_model(empty_project, "b.md", MODEL.format(title="B", extra="", body="Dữ liệu thử nghiệm."))
    out = tmp_path / "www" / "pr-7"
    build(options(empty_project, out, base_url="https://xem-truoc.example/pr-7/"))
    page = (out / "mo-hinh/a/index.html").read_text(encoding="utf-8")
    assert 'href="/pr-7/mo-hinh/b/"' in page and 'href="../b/"' in page
    assert 'href="quyet-dinh.pdf"' in page and (out / "mo-hinh/a/quyet-dinh.pdf").read_bytes().startswith(b"%PDF")
    assert broken_links(out, prefix="/pr-7/") == []
    write_model(empty_project, "c.md", MODEL.format(title="C", extra="", body="[thiếu](tai-lieu/khong-co.pdf)"))
    assert [(p.code, p.line) for p in check(options(empty_project))[2]] == [("file-missing", 9)]


# -- the base URL --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "//evil.example/",
        "ftp://host/",
        "https://host/?a=1",
        "http://public.example/",
        "https://user:pw@host/",
    ],
)
def test_an_unpublishable_base_url_is_refused(project, capsys, url):
    site = project.parent / "site"
    assert main(["build", "--content", str(project), "--out", str(site), "--base-url", url]) == EXIT_USAGE
    assert "--base-url" in capsys.readouterr().err and not site.exists()
    site_yaml = project / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace('"https://kiem-thu.example/"', f'"{url}"'), encoding="utf-8"
    )
    assert "base-url-invalid" in codes(check(options(project))[2])


@pytest.mark.slow
def test_a_local_base_url_is_said_and_refused_under_strict_but_not_by_serve(project):
    local = {"base_url": "http://localhost:8000/"}
    report = build(options(project, **local))
    assert [(p.code, p.path) for p in report.warnings] == [("base-url-local", "--base-url")]
    with pytest.raises(ContentError):
        build(options(project, strict=True, **local))
    assert build(options(project, preview=True, **local)).warnings == []


# -- the search bundle ---------------------------------------------------------------------------

FAKE_PAGEFIND = """
import sys, pathlib
out = pathlib.Path(sys.argv[sys.argv.index("--output-path") + 1])
out.mkdir(parents=True, exist_ok=True)
for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json"):
    (out / name).write_bytes(b"")  # what a full disk leaves: the names, no content
print("Indexed {count} pages")
"""


@pytest.mark.slow
def test_a_bundle_of_empty_files_is_refused_and_the_site_kept(project, tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    build(options(project, site, search=True))
    before = tree_bytes(site)
    fake = tmp_path / "fake_pagefind.py"
    models = len(check(options(project))[1])
    fake.write_text(FAKE_PAGEFIND.replace("{count}", str(models)), encoding="utf-8")
    monkeypatch.setattr(search, "_pagefind_command", lambda: [sys.executable, str(fake)])
    with pytest.raises(SearchError, match="unreadable|missing or empty|fixed order"):
        build(options(project, site, search=True, use_cache=False))  # the cache would hold a good bundle
    assert tree_bytes(site) == before
    command = ["build", "--content", str(project), "--out", str(site), "--base-url", "https://kiem-thu.example/"]
    assert main([*command, "--no-cache"]) == EXIT_SEARCH
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.slow
def test_pagefind_ignores_our_environment_and_working_folder(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_SERVE", "true")  # would make the CLI serve, not index
    monkeypatch.setenv("PAGEFIND_OUTPUT_SUBDIR", "elsewhere")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text("output_subdir: playground\nkeep_index_url: true\n", encoding="utf-8")
    write_model(
        project,
        "t.md",
        MODEL.format(title="Tên có chữ data-pagefind-body bên trong", extra="", body="Dữ liệu thử nghiệm."),
    )
    report = build(options(project, tmp_path / "site", search=True))
    assert report.search.pages == report.models
    assert (tmp_path / "site/pagefind/pagefind-entry.json").is_file()
    assert not (tmp_path / "site/pagefind/playground").exists() and not (tmp_path / "site/elsewhere").exists()


# -- the output folder ---------------------------------------------------------------------------


def test_a_folder_without_the_marker_is_never_replaced(project, tmp_path, capsys):
    out = tmp_path / "www"
    (out / "uploads").mkdir(parents=True)
    for name in ("index.html", "404.html", "uploads/anh.jpg", ".well-known"):
        (out / name).write_text("của người khác")
    before = tree_bytes(out)
    assert main(["build", "--content", str(project), "--out", str(out), "--no-search"]) == EXIT_USAGE
    assert ".dvk-site" in capsys.readouterr().err
    assert tree_bytes(out) == before


@pytest.mark.slow
def test_no_moment_without_a_site_across_builds(project):
    site = first_build(project)
    missed = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            if not (site / "index.html").is_file():
                missed.append(time.monotonic())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(20):
            build(options(project))
    finally:
        stop.set()
        thread.join()
    assert missed == []


@pytest.mark.slow
def test_a_failing_second_rename_puts_the_old_site_back(project, monkeypatch):
    site = first_build(project)
    before = tree_bytes(site)
    monkeypatch.setattr(swap, "exchange", lambda first, second: False)  # a system without the exchange
    real_rename = os.rename

    def failing(source, destination):
        if ".staging-" in str(source):
            raise OSError(errno.EIO, "thử lỗi", str(destination))
        return real_rename(source, destination)

    monkeypatch.setattr(swap.os, "rename", failing)
    write_model(project, "moi.md", MODEL.format(title="Mô hình mới", extra="", body="Dữ liệu thử nghiệm."))
    with pytest.raises(OSError):
        build(options(project))
    assert tree_bytes(site) == before
    assert not [p for p in project.parent.glob(".site.*") if p.is_dir()]


@pytest.mark.slow
def test_a_mount_point_is_updated_in_place(project, monkeypatch):
    site = first_build(project)
    (site / "rac.html").write_text("cũ")
    monkeypatch.setattr(swap.os.path, "ismount", lambda path: Path(path) == site)
    report = build(options(project))
    assert report.swap == "in-place"
    assert not (site / "rac.html").exists() and (site / "index.html").is_file() and (site / ".dvk-site").is_file()


@pytest.mark.slow
def test_a_second_build_of_the_same_output_waits_then_refuses(project, monkeypatch, capsys):
    site = project.parent / "site"
    monkeypatch.setattr(swap, "LOCK_WAIT_SECONDS", 0.5)
    with swap.output_lock(site):
        started = time.monotonic()
        code = main(["build", "--content", str(project), "--out", str(site), "--no-search"])
        assert time.monotonic() - started >= 0.4
    assert code == EXIT_SYSTEM and "đang ghi vào" in capsys.readouterr().err
    assert main(["build", "--content", str(project), "--out", str(site), "--no-search"]) == 0


def test_published_files_are_readable_whatever_the_umask(project):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.umask(0o077); from showcase.cli import main; "
            f"sys.exit(main(['build', '--content', {str(project)!r}, '--no-search', '--out', "
            f"{str(project.parent / 'site')!r}]))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for path in (project.parent / "site").rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644), path


# -- environment problems are messages, not tracebacks ------------------------------------------------


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("404.html", "{% block main %}", "{% block main %}{% if %}"), "layouts/404.html:4"),
        (("404.html", "{% block main %}", "{% block main %}{{ khong_co }}"), "layouts/404.html:4"),
        (("404.html", '{% extends "base.html" %}', '{% extends "khong-co.html" %}'), "layouts/khong-co.html"),
    ],
    ids=["syntax", "undefined", "missing"],
)
def test_a_template_error_names_the_template_and_line(project, tmp_path, capsys, change, where):
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    name, old, new = change
    (layouts / name).write_text((layouts / name).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code = main(
        ["build", "--content", str(project), "--layouts", str(layouts), "--out", str(tmp_path / "site"), "--no-search"]
    )
    err = capsys.readouterr().err
    assert code == EXIT_TEMPLATE and where in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_a_full_disk_is_a_message_and_the_site_is_kept(project):
    site = first_build(project)
    before = tree_bytes(site)
    script = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000)); from showcase.cli import main; "
        f"sys.exit(main(['build', '--content', {str(project)!r}, '--no-search', '--out', {str(site)!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == EXIT_SYSTEM, result.stderr
    assert "Ổ đĩa đầy" in result.stderr and "Traceback" not in result.stderr
    assert tree_bytes(site) == before


def test_a_read_only_output_is_a_message(project, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", "site/index.html")

    monkeypatch.setattr(writing, "write_page", refuse)  # a page rendered without the cache
    monkeypatch.setattr(writing, "place_file", refuse)  # a page rendered into the cache, or taken from it
    assert main(["build", "--content", str(project), "--out", str(project.parent / "site"), "--no-search"]) == 5
    err = capsys.readouterr().err
    assert "Không có quyền ghi" in err and "Traceback" not in err


def test_a_busy_port_moves_to_the_next_free_one():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        assert free_port("127.0.0.1", port) > port


def test_a_c_locale_without_utf8_coercion_still_works(project):
    environment = dict(os.environ, LC_ALL="C", LANG="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0", PYTHONIOENCODING="")
    result = subprocess.run(
        [sys.executable, "build.py", "check", "--content", str(project)], cwd=ROOT, capture_output=True, env=environment
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Nội dung hợp lệ" in result.stdout.decode("utf-8")


def test_a_folder_named_like_a_model_file_is_not_read(project):
    (project / "mo-hinh" / "thu-muc.md").mkdir()
    assert check(options(project))[2] == []


# -- inputs bounded ------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "/proc/self/environ"])
def test_a_model_file_cannot_be_a_symlink_out_of_content(empty_project, capsys, target):
    (empty_project / "mo-hinh" / "lien-ket.md").symlink_to(target)
    problems = check(options(empty_project))[2]
    assert codes(problems) == ["path-unsafe"]
    assert "root:" not in problems[0].format() and "PATH=" not in problems[0].format()


def test_a_huge_file_is_refused_before_it_is_read(empty_project):
    huge = empty_project / "mo-hinh" / "lon.md"
    with open(huge, "wb") as handle:
        handle.truncate(5 * 1024**3)  # sparse: 5 GiB that nobody should read
    started = time.monotonic()
    assert codes(check(options(empty_project))[2]) == ["file-too-large"]
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("hidden", ["\u2066\u2069", "\u061c", "\u3164", "\u2800", "\U000e0041\U000e0042"])
def test_invisible_characters_are_removed_and_a_value_of_only_them_is_an_error(empty_project, hidden):
    write_model(
        empty_project,
        "a.md",
        MODEL.format(title=f"Mô{hidden} hình", extra=f'commune: "{hidden}"\n', body="Dữ liệu thử nghiệm."),
    )
    problems = check(options(empty_project))[2]
    assert [(p.code, p.key, p.line) for p in problems] == [("value-invisible", "commune", 7)]
    write_model(empty_project, "a.md", MODEL.format(title=f"Mô{hidden} hình", extra="", body="Dữ liệu thử nghiệm."))
    _, [model], _ = check(options(empty_project))
    assert model.title == "Mô hình"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ('summary: "' + "x" * 501 + '"\n', "text-too-long"),
        ("tags: [" + ", ".join(f'"t{i}"' for i in range(21)) + "]\n", "list-too-long"),
        ('tags: ["' + "t" * 61 + '"]\n', "text-too-long"),
    ],
)
def test_values_have_sensible_limits(empty_project, extra, code):
    write_model(empty_project, "a.md", MODEL.format(title="A", extra=extra, body="Dữ liệu thử nghiệm."))
    assert codes(check(options(empty_project))[2]) == [code]
    write_model(empty_project, "a.md", MODEL.format(title="T" * 301, extra="", body="Dữ liệu thử nghiệm."))
    assert codes(check(options(empty_project))[2]) == ["text-too-long"]


@pytest.mark.slow
def test_the_markdown_budget_counts_cpu_time_not_waiting(monkeypatch):
    from showcase import markup

    with markup._time_limit(0.2):
        time.sleep(0.4)  # waiting costs no CPU: not interrupted
    with pytest.raises(markup._Timeout), markup._time_limit(0.2):
        while True:
            pass
