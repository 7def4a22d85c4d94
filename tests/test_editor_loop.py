"""The editor's daily loop: `new`, the live preview (`serve`), drafts, `check --format`, progress.

Each test builds its own small project from the fixture site (tests/fixtures/site/).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from showcase import cache, cli, report_formats, search, serving
from showcase import preview as preview_module
from showcase.pipeline import build, check
from showcase.preview import Preview
from showcase.problems import problem
from showcase.serving import free_port
from showcase.sources import find_model_files

from .conftest import ROOT, make_project, options, write_model

MODEL = (
    '---\ntitle: "{title}"\nfield: "Kinh tế"\nunit: "Đơn vị thử nghiệm"\ndistrict: "huyện Ba Tri"\nyear: 2024\n'
    '{extra}published: "01/11/2026"\n---\nDữ liệu thử nghiệm.\n'
)


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, input=stdin, timeout=120
    )


def touch_later(path: Path, text: str) -> None:
    """Write text so that the file's stamp changes even on a coarse clock."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        later = before + 1_000_000
        os.utime(path, ns=(later, later))


# -- new ----------------------------------------------------------------------------------------------


def test_new_writes_a_valid_file_spelled_as_the_site_spells_it(tmp_path):
    content = make_project(tmp_path)
    result = run_cli(
        "new", "--content", str(content), "--title", "Vận động hiến đất làm đường", "--field", "kinh tế",
        "--district", "Ba Tri", "--year", "2024", "--unit", "Hội Nông dân xã Thử Nghiệm",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = content / "mo-hinh/2024/van-dong-hien-dat-lam-duong.md"
    assert "content/mo-hinh/2024/van-dong-hien-dat-lam-duong.md" in result.stdout
    assert "http://localhost:8000/mo-hinh/van-dong-hien-dat-lam-duong/" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert 'field: "Kinh tế"\n' in text and 'district: "huyện Ba Tri"\n' in text
    assert f'published: "{dt.date.today():%d/%m/%Y}"\n' in text
    assert "## Cách làm\n\nĐang cập nhật." in text and "## Kết quả\n\nĐang cập nhật." in text
    _, models, problems = check(options(content, today=dt.date.today()))
    assert [p for p in problems if p.path.endswith("van-dong-hien-dat-lam-duong.md")] == []
    assert any(m.slug == "van-dong-hien-dat-lam-duong" for m in models)


def test_new_refuses_an_address_that_exists_or_was_ever_published(tmp_path):
    content = make_project(tmp_path)
    common = ["new", "--content", str(content), "--field", "Kinh tế", "--district", "Ba Tri", "--year", "2024",
              "--unit", "Đơn vị"]  # fmt: skip
    taken = run_cli(*common, "--title", "Đường giao thông nông thôn")  # the address of a fixture model
    assert taken.returncode == 2 and "/mo-hinh/duong-giao-thong-nong-thon/" in taken.stderr
    (content / "urls.txt").write_text("/mo-hinh/mo-hinh-da-tung-dang/\n", encoding="utf-8")
    recorded = run_cli(*common, "--title", "Mô hình đã từng đăng")
    assert recorded.returncode == 2 and "đã từng được đăng" in recorded.stderr
    assert not (content / "mo-hinh/2024/mo-hinh-da-tung-dang.md").exists()
    other = run_cli(*common, "--title", "Mô hình đã từng đăng", "--slug", "mo-hinh-moi-dang")
    assert other.returncode == 0 and (content / "mo-hinh/2024/mo-hinh-moi-dang.md").is_file()


def test_new_names_what_is_missing_or_unknown(tmp_path):
    content = make_project(tmp_path)
    missing = run_cli("new", "--content", str(content), "--title", "A")
    assert missing.returncode == 2 and "--field --district --year --unit" in missing.stderr
    unknown = run_cli(
        "new", "--content", str(content), "--title", "A", "--field", "Kinh tếe", "--district", "Ba Tri",
        "--year", "2024", "--unit", "B",
    )  # fmt: skip
    assert unknown.returncode == 2 and "Có phải “Kinh tế”?" in unknown.stderr


def test_new_asks_for_what_is_missing(tmp_path, monkeypatch, capsys):
    content = make_project(tmp_path)
    answers = iter(["Mô hình hỏi đáp", "Kinh tế", "Ba Tri", "2023", "Đơn vị hỏi đáp"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert cli.main(["new", "--content", str(content)]) == 0
    assert (content / "mo-hinh/2023/mo-hinh-hoi-dap.md").is_file()


# -- drafts ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_draft_is_left_out_of_a_build_and_shown_with_drafts(tmp_path):
    content = make_project(tmp_path)
    write_model(content, "nhap.md", MODEL.format(title="Bản nháp thử", extra="draft: true\n"))
    site = tmp_path / "site"
    build(options(content, site))
    assert not (site / "mo-hinh/nhap").exists()
    with_drafts = tmp_path / "xem-truoc"
    build(options(content, with_drafts, drafts=True))
    page = (with_drafts / "mo-hinh/nhap/index.html").read_text(encoding="utf-8")
    assert '<p class="draft-banner" data-pagefind-ignore><strong>Bản nháp</strong>' in page
    assert '<meta name="robots" content="noindex">' in page
    for outside in ("sitemap.xml", "atom.xml", "du-lieu/mo-hinh.csv", "du-lieu/mo-hinh.json"):
        assert "/mo-hinh/nhap/" not in (with_drafts / outside).read_text(encoding="utf-8"), outside


def test_a_draft_cannot_take_a_published_address(tmp_path):
    content = make_project(tmp_path)
    write_model(content, "x.md", MODEL.format(title="X", extra='draft: true\nslug: "duong-giao-thong-nong-thon"\n'))
    assert "slug-duplicate" in [p.code for p in check(options(content))[2]]


# -- check --format ----------------------------------------------------------------------------------------


def test_github_format_annotates_the_line_of_each_problem(tmp_path):
    content = make_project(tmp_path, models=None)
    write_model(content, "a.md", MODEL.format(title="A", extra='hamlet: "ấp 1"\nlinh_vuc: "x"\n'))
    write_model(content, "b.md", MODEL.replace('field: "Kinh tế"', 'field: "Kinh tê xyz"').format(title="B", extra=""))
    result = run_cli("check", "--content", str(content), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("::error file=content/mo-hinh/b.md,line=3,col=") and "title=value-unknown (field)::" in line
        for line in lines
    ), lines
    assert any(line.startswith("::warning file=content/mo-hinh/a.md,line=8,") for line in lines), lines
    strict = run_cli("check", "--content", str(content), "--format", "github", "--strict").stdout
    assert "::warning" not in strict


def test_github_format_escapes_what_would_break_a_command():
    found = problem("value-empty", "content/mo-hinh/a,b.md", 3, key="field", got="50%\nx")
    [line] = report_formats.as_github([found], strict=False)
    assert line.startswith("::error file=content/mo-hinh/a%2Cb.md,line=3,title=value-empty (field)::")
    assert "\n" not in line and "50%25%0Ax" in line


def test_json_format_lists_every_problem(tmp_path):
    content = make_project(tmp_path, models=None)
    write_model(content, "b.md", MODEL.replace("year: 2024", "year: 2999").format(title="B", extra=""))
    result = run_cli("check", "--content", str(content), "--format", "json")
    document = json.loads(result.stdout)
    assert result.returncode == 1 and document["valid"] is False
    [found] = [p for p in document["problems"] if p["file"] != "content/urls.txt"]  # no record in this project
    assert (found["file"], found["line"], found["key"], found["code"]) == (
        "content/mo-hinh/b.md",
        6,
        "year",
        "year-invalid",
    )


# -- progress, version, names -----------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_one_updating_line_on_a_terminal_and_nothing_elsewhere():
    args = cli.parser().parse_args(["build"])
    assert cli._progress_line(args, io.StringIO()) is None  # a log or CI: nothing
    terminal = Terminal()
    show = cli._progress_line(args, terminal)
    show("load", 500, 1000)
    show("load", 1000, 1000)
    show("", 0, 0)
    assert terminal.getvalue() == (
        "\r\x1b[KĐọc và kiểm tra / validating 500/1.000\r\x1b[KĐọc và kiểm tra / validating 1.000/1.000\r\x1b[K"
    )
    quiet = cli.parser().parse_args(["build", "--quiet"])
    assert cli._progress_line(quiet, Terminal()) is None


def test_a_build_reports_progress_per_stage(project):
    seen: list[tuple[str, int, int]] = []
    build(options(project, progress=lambda *step: seen.append(step)))
    stages = [stage for stage, _, _ in seen]
    assert stages.index("load") < stages.index("render")
    assert seen[-1][0] == "render" and seen[-1][1] == seen[-1][2]


def test_version_and_quiet_and_verbose(tmp_path):
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("build.py ")
    installed = Path(sys.executable).parent / ("dvk.exe" if sys.platform == "win32" else "dvk")
    named = subprocess.run([str(installed), "check", "--help"], capture_output=True, text=True)
    assert named.stdout.startswith("usage: dvk check")  # the same program, under its own name
    content = make_project(tmp_path)
    quiet = run_cli("build", "--content", str(content), "--out", str(tmp_path / "a"), "--no-search", "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == ""
    verbose = run_cli("build", "--content", str(content), "--out", str(tmp_path / "b"), "--no-search", "--verbose")
    assert "render_write" in verbose.stdout and "trang theo loại / pages by kind" in verbose.stdout


# -- the live preview ------------------------------------------------------------------------------------


@pytest.fixture
def preview(tmp_path):
    content = make_project(tmp_path)
    shown = Preview(options(content, base_url="http://localhost:8000/"))
    shown.refresh()
    yield shown
    shown.close()


def body(preview: Preview, path: str) -> str:
    response = preview.respond(path)
    return (response.file.read_bytes() if response.file else response.body).decode("utf-8")


def test_preview_shows_a_saved_change_and_reloads_only_that_file(preview):
    path = preview.options.content_dir / "mo-hinh/2024/duong-giao-thong-nong-thon.md"
    assert "Đường giao thông nông thôn do dân cùng làm" in body(preview, "/mo-hinh/duong-giao-thong-nong-thon/")
    generation = preview.generation
    assert preview.refresh() is False  # nothing saved: nothing done
    touch_later(path, path.read_text(encoding="utf-8").replace("do dân cùng làm", "do dân cùng làm (sửa)"))
    assert preview.refresh() is True and preview.generation == generation + 1
    assert "do dân cùng làm (sửa)" in body(preview, "/mo-hinh/duong-giao-thong-nong-thon/")
    assert '<script type="module" src="/__dvk/live.js"' in body(preview, "/")


def test_preview_keeps_the_last_good_site_with_an_overlay_until_fixed(preview):
    path = preview.options.content_dir / "mo-hinh/2024/duong-giao-thong-nong-thon.md"
    good = path.read_text(encoding="utf-8")
    touch_later(path, good.replace('field: "Kinh tế"', 'field: "Kinh tê xyz"'))
    preview.refresh()
    page = body(preview, "/mo-hinh/duong-giao-thong-nong-thon/")
    assert "Đường giao thông nông thôn do dân cùng làm" in page  # the last good version
    assert '<aside class="dvk-overlay" role="alert"' in page
    assert "content/mo-hinh/2024/duong-giao-thong-nong-thon.md:4" in page and "[value-unknown]" in page
    touch_later(path, good)
    preview.refresh()
    assert "dvk-overlay" not in body(preview, "/mo-hinh/duong-giao-thong-nong-thon/")


def test_preview_shows_drafts_new_files_and_forgets_removed_ones(preview):
    content = preview.options.content_dir
    write_model(content, "2024/nhap.md", MODEL.format(title="Bản nháp trong xem trước", extra="draft: true\n"))
    preview.refresh()
    assert "<strong>Bản nháp</strong>" in body(preview, "/mo-hinh/nhap/")
    (content / "mo-hinh/2024/nhap.md").unlink()
    preview.refresh()
    assert preview.respond("/mo-hinh/nhap/").status == 404


def test_preview_reads_data_files_and_templates_again(preview):
    settings = preview.options.content_dir / "site.yaml"
    touch_later(settings, settings.read_text(encoding="utf-8").replace("(trang kiểm thử)", "(trang kiểm thử sửa)"))
    preview.refresh()
    assert "trang kiểm thử sửa" in body(preview, "/")


def test_preview_serves_renditions_cards_static_files_and_never_outside(preview):
    assert preview.respond("/static/style.css").status == 200
    assert preview.respond("/chia-se.png").status == 200
    assert preview.respond("/static/../../content/site.yaml").status == 404
    assert preview.respond("/__dvk/live.js").status == 200
    assert preview.respond("/sitemap.xml").content_type.startswith("application/xml")


def test_preview_sees_every_file_under_the_models_folder_but_no_folder_behind_a_symlink(preview, tmp_path, monkeypatch):
    models = preview.options.content_dir / "mo-hinh"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "ngoai.md").write_text("not a model of this site", encoding="utf-8")
    (models / "lien-ket").symlink_to(outside, target_is_directory=True)
    (models / "hong.md").symlink_to(tmp_path / "missing.md")
    deeper = MODEL.format(title="Mô hình trong thư mục con", extra="")
    write_model(preview.options.content_dir, "2024/ap-1/sau.md", deeper)
    assert preview.refresh() is True
    stamped = {Path(path).relative_to(models).as_posix() for path in preview._model_stamps}
    assert "2024/ap-1/sau.md" in stamped and "2024/duong-giao-thong-nong-thon.md" in stamped
    assert not any(path.startswith("lien-ket") for path in stamped)  # not followed, as the build does not
    assert "hong.md" not in stamped  # a broken link has no stamp: looked at again once it points somewhere
    assert "Mô hình trong thư mục con" in body(preview, "/mo-hinh/sau/")
    # a file that is not a model (a picture, a document) may be used by any model: all are checked again
    validated: list[str] = []
    real_load_files = preview_module.load_files
    monkeypatch.setattr(
        preview_module, "load_files", lambda files, *a, **k: validated.extend(files) or real_load_files(files, *a, **k)
    )
    touch_later(models / "2024" / "tai-lieu.pdf", "%PDF-1.4 a document beside the models")
    assert preview.refresh() is True
    assert {path for path in preview._model_stamps if path.endswith(".md")} == set(validated)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="makes a named pipe")
def test_preview_notices_the_model_files_the_build_lists(tmp_path):
    models, elsewhere = tmp_path / "mo-hinh", tmp_path / "elsewhere"
    models.mkdir()
    elsewhere.mkdir()
    (models / "a.md").write_text("---\n", encoding="utf-8")
    (models / "anh.jpg").write_bytes(b"\xff\xd8")
    os.mkfifo(models / "ong.md")  # neither a file nor a link: the build does not list it
    (models / "thu-muc.md").symlink_to(elsewhere, target_is_directory=True)  # listed, refused when read
    assert {Path(path).name for path in preview_module._file_stamps(models)} == {"a.md", "anh.jpg", "thu-muc.md"}
    assert {Path(path).name for path in find_model_files(models)} == {"a.md", "thu-muc.md"}


def test_preview_search_tag_is_the_build_one_and_moves_with_a_save(preview, monkeypatch):
    monkeypatch.setattr(cache.HashMemo, "RACY_NS", 0)  # files made a moment ago are kept in the memo too
    options, tags = preview.options, [preview.snapshot.site.search_tag]
    path = options.content_dir / "mo-hinh/2024/duong-giao-thong-nong-thon.md"
    read: list[str] = []
    real = cache.file_part
    monkeypatch.setattr(cache, "file_part", lambda file: read.append(Path(file).name) or real(file))
    # the second save keeps the size in bytes ("ử" and "ữ" are both three): only the time tells
    for old, new in (("do dân cùng làm", "do dân cùng làm (sửa)"), ("(sửa)", "(sữa)")):
        read.clear()
        touch_later(path, path.read_text(encoding="utf-8").replace(old, new))
        assert preview.refresh() is True
        tags.append(preview.snapshot.site.search_tag)
        assert tags[-1] == search.cache_tag(options.content_dir, options.layouts_dir, preview.snapshot.site.base_url)
    assert len(set(tags)) == 3
    assert read.count(path.name) == 2  # the last save: the preview's look read it, then the fresh tag above
    assert len(read) == 2 + len(_files(options)) - 1  # ... and that tag read every other file; the look none


def _files(options) -> list[str]:
    found: list[str] = []
    for folder in (options.content_dir, options.layouts_dir):
        cache.files_under(str(folder), found)
    return found


def test_preview_finds_share_cards_only_when_one_is_asked_for(preview):
    snapshot = preview.snapshot
    assert "cards" not in vars(snapshot)  # not after every save: 0.15 s at 10,000 models
    assert preview.respond("/chia-se.png").status == 200
    assert "/chia-se.png" in vars(snapshot)["cards"]


def test_the_watcher_looks_less_often_when_a_look_takes_long():
    assert serving.look_interval(0.001) == serving.WATCH_INTERVAL
    assert serving.look_interval(0.1) == pytest.approx(0.4)  # one look in every half second: a fifth of a core
    slow = 0.3
    assert slow / (slow + serving.look_interval(slow)) == pytest.approx(serving.LOOK_SHARE)
    assert serving.look_interval(5.0) == serving.LOOK_WAIT_MAX  # however slow the disk, a save is seen


class _CountedLooks:
    def __init__(self, look_seconds: float):
        self.last_look_seconds, self.looks = look_seconds, 0

    def refresh(self) -> None:
        self.looks += 1


@pytest.mark.parametrize(("look_seconds", "most"), [(0.0, None), (0.4, 1)])
@pytest.mark.slow
def test_the_watcher_waits_as_long_as_the_last_look_asks(look_seconds, most):
    preview, stop = _CountedLooks(look_seconds), threading.Event()
    watcher = threading.Thread(target=serving._watch, args=(preview, stop), daemon=True)
    watcher.start()
    time.sleep(1.5)
    stop.set()
    watcher.join(timeout=5)
    if most is None:
        assert preview.looks >= 3  # every WATCH_INTERVAL
    else:
        assert preview.looks <= most  # after a look of 0.4 s, the next one waits 1.6 s


# writes its process number under a temporary name, then renames it: never read half-written
_SLEEPER = (
    "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); os.replace(*sys.argv[1:]); time.sleep(300)"
)


def _index_slowly(site, pages, shards, layouts_dir: str, folder: Path) -> None:
    """An indexer that never ends on its own, with a temporary folder and a command running, as
    search.index_site has while Pagefind runs."""
    with tempfile.TemporaryDirectory(prefix="dvk-documents-", dir=folder.parent):
        subprocess.run([sys.executable, "-c", _SLEEPER, str(folder / "pid"), str(folder / "sleeper.pid")], check=False)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its parent has not asked how


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("by", ["a save", "the end of serve", "closing the preview"])
def test_preview_stops_an_index_out_of_date_with_what_it_runs(preview, monkeypatch, by):
    monkeypatch.setattr(preview_module, "_index_pages", _index_slowly)  # the spawned child imports it by name
    shown = preview.search_dir = preview.workdir / "chi-muc-truoc"  # an earlier index, still shown meanwhile
    preview._search_wanted.clear()  # as index_search_forever does before it indexes
    stop = threading.Event()
    worker = threading.Thread(target=preview._index, args=(preview.snapshot, stop), daemon=True)
    worker.start()
    deadline = time.monotonic() + 60
    while not (found := list(preview.workdir.glob("search-*/sleeper.pid"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    sleeper = int(found[0].read_text(encoding="utf-8"))
    assert _running(sleeper)
    if by == "a save":
        preview._search_wanted.set()
    elif by == "the end of serve":
        stop.set()
    else:
        preview.close()
    worker.join(timeout=30)
    assert not worker.is_alive() and preview.search_dir == shown
    while _running(sleeper) and time.monotonic() < deadline:  # the command it ran was stopped with it
        time.sleep(0.05)
    assert not _running(sleeper)
    assert not preview.workdir.exists() or list(preview.workdir.iterdir()) == []  # its temporary folders too


@pytest.mark.slow
def test_preview_lets_the_first_index_finish_whatever_is_saved(preview, monkeypatch):
    monkeypatch.setattr(preview_module, "_index_pages", _index_slowly)
    preview._search_wanted.clear()
    stop = threading.Event()
    worker = threading.Thread(target=preview._index, args=(preview.snapshot, stop), daemon=True)
    worker.start()
    deadline = time.monotonic() + 60
    while not list(preview.workdir.glob("search-*/sleeper.pid")) and time.monotonic() < deadline:
        time.sleep(0.05)
    preview._search_wanted.set()  # a save, while there is no index to show yet
    worker.join(timeout=1)
    assert worker.is_alive()  # an editor who saves every few seconds still gets a search
    stop.set()
    worker.join(timeout=30)
    assert not worker.is_alive()


@pytest.mark.slow
def test_preview_indexes_search_in_the_background(preview):
    stop = threading.Event()
    worker = threading.Thread(target=preview.index_search_forever, args=(stop,), daemon=True)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while preview.search_dir is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert preview.respond("/pagefind/pagefind.js").status == 200
    finally:
        stop.set()
        worker.join(timeout=10)


# -- the live preview in a real browser ---------------------------------------------------------------------


@pytest.mark.browser
def test_saving_a_file_reloads_the_open_page_and_the_overlay_comes_and_goes(browser, tmp_path):
    content = make_project(tmp_path)
    port = free_port("127.0.0.1", 8700)
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content), "--port", str(port),
             "--no-search"],
            stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_for_text(process, log, "http://localhost:")
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{port}/mo-hinh/duong-giao-thong-nong-thon/")
        path = content / "mo-hinh/2024/duong-giao-thong-nong-thon.md"
        good = path.read_text(encoding="utf-8")
        touch_later(path, good.replace("do dân cùng làm", "do dân cùng làm (đã lưu)"))
        tab.get_by_role("heading", level=1).filter(has_text="(đã lưu)").wait_for(timeout=10_000)
        touch_later(path, good.replace('field: "Kinh tế"', 'field: "Kinh tê xyz"'))
        overlay = tab.get_by_role("alert")
        overlay.wait_for(timeout=10_000)
        assert "[value-unknown]" in overlay.inner_text()
        touch_later(path, good)
        overlay.wait_for(state="detached", timeout=10_000)
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_text(process: subprocess.Popen, log: Path, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(encoding="utf-8", errors="replace"):
            return
        if process.poll() is not None:
            raise AssertionError(f"serve stopped ({process.returncode}): {log.read_text(encoding='utf-8')}")
        time.sleep(0.1)
    raise AssertionError("serve did not start")
