"""The editor guide cannot go stale: its example, key table, codes and sample error are checked."""

from __future__ import annotations

import os
import re

import pytest

from showcase.guide import codes_table, keys_table, refresh
from showcase.pipeline import build, check

from .conftest import ROOT, make_project, options, write_model

GUIDE = (ROOT / "docs" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
EXAMPLE = (ROOT / "docs" / "vi-du-mo-hinh.md").read_text(encoding="utf-8")


def test_example_file_is_valid_in_strict_mode_and_builds(empty_project):
    write_model(empty_project, "2024/vi-du.md", EXAMPLE)
    _, models, problems = check(options(empty_project, strict=True))
    assert [p.format() for p in problems] == []
    assert [m.title for m in models] == ["Vận động Nhân dân hiến đất mở rộng đường giao thông nông thôn (ví dụ)"]
    build(options(empty_project, strict=True))


def test_guide_shows_the_example_file_verbatim():
    assert f"```markdown\n{EXAMPLE.rstrip()}\n```" in GUIDE


def test_guide_key_table_matches_the_schema():
    assert keys_table() in GUIDE


def test_guide_lists_every_error_code():
    assert codes_table() in GUIDE


@pytest.mark.golden
def test_guide_tables_are_current():
    if os.environ.get("UPDATE_GOLDEN") == "1":  # make golden refreshes the guide's tables too
        (ROOT / "docs" / "huong-dan-bien-tap.md").write_text(refresh(GUIDE), encoding="utf-8")
        return
    assert refresh(GUIDE) == GUIDE, "run: make golden (or python -m showcase.guide)"


def test_guide_sample_error_is_what_the_build_prints(tmp_path):
    content = make_project(tmp_path, models=None)
    write_model(content, "2024/vi-du.md", EXAMPLE.replace('field: "Kinh tế"', 'field: "Kinh te"'))
    problems = check(options(content))[2]
    sample = re.search(r"```text\n(.*?)\n```", GUIDE, re.S).group(1)
    assert [p.format() for p in problems] == [sample]
