"""The web form at /admin/ for real: Decap CMS in Debian's Chromium, saving through decap-server.

What `serve --admin` runs, in a throw-away fixture project: decap-server (node_modules, 127.0.0.1) over
it and the preview serving /admin/. One test creates a model through the form and checks the file
passes `check --strict` and builds into a page with the facts typed; the other edits a model and
checks that only the changed line differs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import shutil
import threading
from pathlib import Path

import pytest

from showcase import admin, admin_server, serving
from showcase.pipeline import build, check
from showcase.preview import Preview
from showcase.problems import has_errors

from .conftest import make_project, options, write_model
from .photos import photo

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("node_packages")]  # Decap CMS, decap-server

if shutil.which("node") is None:  # CI installs Node (scripts/setup.sh); only a bare machine skips
    pytest.skip("Node.js không có: biểu mẫu cần decap-server / Node.js is absent", allow_module_level=True)


@pytest.fixture(autouse=True, scope="module")
def _cms_installed() -> None:
    """The CMS packages must be there when these tests run (CI installs them): a failure, never a skip.
    A fixture, not an import-time check, so that `-m "not browser"` does not trip over it."""
    if not admin.CMS_DIST.is_dir() or not admin_server.SERVER_SCRIPT.is_file():
        pytest.fail("Chưa cài gói Node: chạy scripts/setup.sh (npm ci) / run scripts/setup.sh", pytrace=False)


TODAY = dt.date.today()  # the form writes today's date as `published`, so checks use the real today
WAIT = 20_000  # ms: the first load of the CMS parses 5 MB of script

CANONICAL = """---
title: "Hòa giải ở ấp Thử Nghiệm D"
field: "Văn hóa - xã hội"
unit: "Tổ hòa giải ấp Thử Nghiệm D"
district: "huyện Chợ Lách"
commune: "xã Thử Nghiệm D"
year: 2024
published: "01/11/2026"
level: "Cấp huyện"
summary: "Dữ liệu thử nghiệm: tóm tắt cũ."
tags: ["hòa giải", "ấp văn hóa"]
sources: ["bai-viet-2024-12-30"]
---

## Giới thiệu

Dữ liệu thử nghiệm về hòa giải ở cơ sở.

| Hạng mục | Kết quả |
|:---|---:|
| Vụ việc | Đang cập nhật |
"""


@pytest.fixture(scope="module")
def form(tmp_path_factory, browser):
    """The fixture project served as by `serve --admin`: (base URL, content folder, a new tab factory)."""
    tmp = tmp_path_factory.mktemp("admin")
    content = make_project(tmp)
    write_model(content, "2024/hoa-giai-thu-nghiem-d.md", CANONICAL)
    with admin_server.local_server(tmp) as local_url:
        port = admin_server.free_local_port()
        settings = options(content, base_url=f"http://127.0.0.1:{port}/", today=TODAY)
        preview = Preview(settings, admin_url=local_url)
        preview.refresh()
        stop = threading.Event()
        server = serving._server(preview, "127.0.0.1", port, stop)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{port}", content
        finally:
            stop.set()
            server.shutdown()
            server.server_close()
            preview.close()


@pytest.fixture
def tab(browser, form):
    """A logged-in tab on /admin/ that fails the test on a script error or a policy violation."""
    base, _ = form
    context = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.set_default_timeout(WAIT)
    page.goto("/admin/")
    page.get_by_role("button", name="Đăng nhập").click()  # the local backend: no account needed
    yield page
    context.close()
    assert errors == [], "script errors or Content-Security-Policy violations in the form"


def _publish(page) -> None:
    """Save the entry: with decap-server, "Công bố ngay" writes the file into the working tree."""
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Mục đã được lưu").wait_for()


def _strict_problems(content: Path) -> list:
    _, _, problems = check(options(content, today=TODAY, strict=True))
    return [p for p in problems if has_errors([p], strict=True)]


def test_a_model_created_in_the_form_passes_check_strict_and_builds(tab, form, tmp_path):
    base, content = form
    picture = tmp_path / "anh-duong-moi.jpg"
    picture.write_bytes(photo(1200, 900))
    tab.goto("/admin/#/collections/mo-hinh-2024/new")
    tab.get_by_label("Tên mô hình").fill("Vận động Nhân dân hiến đất làm đường ở ấp Phú Lợi")
    tab.get_by_label("Lĩnh vực", exact=True).fill("Kinh tế")
    tab.keyboard.press("Enter")
    tab.get_by_label("Đơn vị thực hiện").fill("Hội Nông dân xã Thử Nghiệm C")
    tab.get_by_label("Địa bàn (huyện)").fill("huyện Ba Tri")
    tab.keyboard.press("Enter")
    tab.get_by_role("button", name="Add ảnh").click()
    tab.get_by_role("button", name="Chọn một hình").click()
    tab.set_input_files("input[type=file]", picture)
    tab.get_by_role("button", name="Lấy những cái đã chọn").click()
    tab.get_by_label("Mô tả ảnh").fill("Người dân cùng làm đường")
    tab.get_by_label("Tác giả ảnh").fill("Nhóm kiểm thử")
    tab.locator("[contenteditable=true]").last.click()
    tab.keyboard.type("Người dân bàn bạc công khai, tự nguyện hiến đất để mở rộng đường.")
    _publish(tab)

    written = content / "mo-hinh" / "2024" / "van-dong-nhan-dan-hien-dat-lam-duong-o-ap-phu-loi.md"
    assert written.is_file(), sorted(p.name for p in written.parent.iterdir())
    assert (written.parent / "anh" / "anh-duong-moi.jpg").is_file()  # beside the model, as the build expects
    text = written.read_text(encoding="utf-8")
    assert 'district: "huyện Ba Tri"' in text and "year: 2024" in text
    assert f'published: "{TODAY:%d/%m/%Y}"' in text
    assert _strict_problems(content) == []

    site = tmp_path / "site"
    build(dataclasses.replace(options(content, site, today=TODAY), strict=True))
    page = (site / "mo-hinh" / written.stem / "index.html").read_text(encoding="utf-8")
    for fact in ("Vận động Nhân dân hiến đất làm đường ở ấp Phú Lợi", "Kinh tế", "huyện Ba Tri", "2024"):
        assert fact in page
    assert "Hội Nông dân xã Thử Nghiệm C" in page and "tự nguyện hiến đất" in page
    assert 'alt="Người dân cùng làm đường"' in page and "Nhóm kiểm thử" in page


def test_editing_a_model_in_the_form_changes_only_the_line_edited(tab, form):
    _, content = form
    file = content / "mo-hinh" / "2024" / "hoa-giai-thu-nghiem-d.md"
    before = file.read_text(encoding="utf-8")
    tab.goto("/admin/#/collections/mo-hinh-2024/entries/hoa-giai-thu-nghiem-d")
    summary = tab.get_by_label("Tóm tắt")
    summary.fill("Dữ liệu thử nghiệm: tóm tắt mới.")
    _publish(tab)

    after = file.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert changed == ['-summary: "Dữ liệu thử nghiệm: tóm tắt cũ."', '+summary: "Dữ liệu thử nghiệm: tóm tắt mới."']
    assert _strict_problems(content) == []
