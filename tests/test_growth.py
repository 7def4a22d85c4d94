"""Content growth never turns CI red: a copy of the project with one more valid model, a new footer
line and a real base_url passes the content checks and builds.

The new model is deliberately unlike the existing ones: a field and a district that have no model
yet, known results instead of "Đang cập nhật", and a decision number.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from showcase.pipeline import BuildOptions, check

from .conftest import ROOT

pytestmark = pytest.mark.slow
COPIED = ("build.py", "pyproject.toml", "showcase", "layouts", "content", "tests", "docs")


def _empty_terms(vocabulary: str, attribute: str) -> list[str]:
    data, models, _ = check(BuildOptions(ROOT / "content", ROOT / "layouts", ROOT / "site", jobs=1))
    used = {getattr(m, attribute) for m in models}
    terms = [t for t in data.vocabularies.terms(vocabulary) if t.id not in used] or list(
        data.vocabularies.terms(vocabulary)
    )
    return [terms[0].full_name or terms[0].label]


def _copy_project(target: Path) -> Path:
    target.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        else:
            shutil.copyfile(source, target / name)
    return target


def test_a_new_model_a_footer_line_and_a_real_base_url_keep_ci_green(tmp_path):
    project = _copy_project(tmp_path / "project")
    field, district = _empty_terms("fields", "field")[0], _empty_terms("districts", "district")[0]
    model = project / "content" / "mo-hinh" / "2025" / "kiem-tra-tang-truong.md"
    model.parent.mkdir(parents=True, exist_ok=True)
    model.write_text(
        "---\n"
        'title: "Mô hình kiểm tra tăng trưởng nội dung (dữ liệu kiểm thử)"\n'
        f'field: "{field}"\n'
        'unit: "Đơn vị kiểm thử"\n'
        f'district: "{district}"\n'
        "year: 2025\n"
        'published: "20/11/2026"\n'
        'decision: {number: "01/QĐ-KT", date: "15/12/2025"}\n'
        "---\n"
        "Dữ liệu kiểm thử. Kết quả: 120 hộ tham gia, 3 km đường được mở rộng.\n",
        encoding="utf-8",
    )
    site_yaml = project / "content" / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    text = text.replace("footer_lines:\n", 'footer_lines:\n  - "Một dòng chân trang mới."\n', 1)
    text = "\n".join(
        'base_url: "https://dvk.example.vn/"' if line.startswith("base_url:") else line for line in text.split("\n")
    )
    site_yaml.write_text(text, encoding="utf-8")

    seed = ROOT.parent / "shared" / "seed"
    env = dict(os.environ, DVK_SEED_DIR=str(seed))
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_content.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert tests.returncode == 0, tests.stdout[-3000:]
    # The editor's loop: a build publishes the page and records its address; then the site's CI check passes.
    built = subprocess.run(
        [sys.executable, "build.py", "--no-search", "--out", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    assert (tmp_path / "site" / "mo-hinh" / "kiem-tra-tang-truong" / "index.html").is_file()
    assert "/mo-hinh/kiem-tra-tang-truong/" in (project / "content" / "urls.txt").read_text(encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "build.py", "check", "--strict"], cwd=project, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr[-3000:]
