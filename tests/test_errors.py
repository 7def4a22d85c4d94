"""One fixture per content error, each with its exact message, line and key (tests/fixtures/errors/).

The .expected files are the report an editor sees; `make golden` refreshes them after a deliberate
wording change in showcase/messages.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from showcase.cli import main
from showcase.pipeline import build, check
from showcase.problems import ContentError, format_report

from .conftest import FIXTURES, assert_golden, make_project, options, tree_bytes

ERROR_FIXTURES = sorted((FIXTURES / "errors").glob("*.md"))

# (file, line, key, code) for each fixture: the facts an editor acts on, pinned apart from the wording.
WHERE = {
    "body-empty.md": (9, None, "body-empty"),
    "date-impossible.md": (7, "published", "date-impossible"),
    "date-invalid.md": (10, "decision.date", "date-invalid"),
    "empty-file.md": (1, None, "empty-file"),
    "encoding-cp1258.md": (2, None, "encoding"),
    "encoding-utf16.md": (1, None, "encoding"),
    "flag-spelling.md": (8, "replication", "flag-spelling"),
    "frontmatter-missing.md": (1, None, "frontmatter-missing"),
    "frontmatter-not-mapping.md": (2, None, "frontmatter-not-mapping"),
    "frontmatter-unterminated.md": (1, None, "frontmatter-unterminated"),
    "frontmatter-unterminated-rule.md": (1, None, "frontmatter-unterminated"),
    "image-missing.md": (9, "images.file", "image-missing"),
    "key-missing.md": (1, "unit", "key-missing"),
    "key-unknown.md": (8, "linh vuc", "key-unknown"),
    "path-unsafe.md": (9, "images.file", "path-unsafe"),
    "slug-invalid.md": (8, "slug", "slug-invalid"),
    "text-english.md": (9, None, "text-english"),
    "tone-style-mixed.md": (10, None, "tone-style-mixed"),
    "url-invalid.md": (10, "sources.url", "url-invalid"),
    "value-comma-list.md": (8, "tags", "value-comma-list"),
    "value-curly-quotes.md": (4, "unit", "value-curly-quotes"),
    "value-empty.md": (4, "unit", "value-empty"),
    "value-not-text-bool.md": (5, "district", "value-not-text"),
    "value-not-text-number.md": (8, "hamlet", "value-not-text"),
    "value-read-as.md": (5, "district", "value-read-as"),
    "value-type.md": (9, "tags", "value-type"),
    "value-unknown-district.md": (5, "district", "value-unknown"),
    "value-unknown-field.md": (3, "field", "value-unknown"),
    "yaml-alias.md": (9, "hamlet", "yaml-alias"),
    "yaml-colon-space.md": (4, "unit", "yaml-colon-space"),
    "yaml-duplicate-key.md": (8, "year", "yaml-duplicate-key"),
    "yaml-escape.md": (9, None, "yaml-escape"),
    "yaml-indent.md": (5, None, "yaml-indent"),
    "yaml-quote-inside.md": (2, None, "yaml-quote-inside"),
    "yaml-quote-unclosed.md": (4, None, "yaml-quote-unclosed"),
    "yaml-syntax.md": (3, None, "yaml-syntax"),
    "yaml-tab.md": (9, None, "yaml-tab"),
    "year-future.md": (6, "year", "year-invalid"),
    "year-invalid.md": (6, "year", "year-invalid"),
}


WARNINGS = {
    "body-empty",
    "flag-spelling",
    "key-unknown",
    "text-english",
    "tone-style-mixed",
    "value-comma-list",
    "value-curly-quotes",
    "value-read-as",
}


def _check_one(tmp_path: Path, fixture: Path):
    content = make_project(tmp_path, models=None)
    shutil.copyfile(fixture, content / "mo-hinh" / fixture.name)
    return check(options(content))[2]


def test_every_fixture_is_listed():
    assert sorted(WHERE) == [f.name for f in ERROR_FIXTURES]


@pytest.mark.golden
@pytest.mark.parametrize("fixture", ERROR_FIXTURES, ids=lambda f: f.stem)
def test_error_report_is_exact(tmp_path, fixture):
    problems = _check_one(tmp_path, fixture)
    line, key, code = WHERE[fixture.name]
    assert [(p.path, p.line, p.key, p.code) for p in problems] == [(f"content/mo-hinh/{fixture.name}", line, key, code)]
    assert_golden(format_report(problems) + "\n", fixture.with_suffix(".expected"))


def test_suggestions_name_the_value_meant(tmp_path):
    problems = _check_one(tmp_path, FIXTURES / "errors" / "value-unknown-field.md")
    assert problems[0].hint == "Có phải “Kinh tế”? / Did you mean “Kinh tế”?"
    problems = _check_one(tmp_path / "2", FIXTURES / "errors" / "value-unknown-district.md")
    assert problems[0].hint == "Có phải “huyện Ba Tri”? / Did you mean “huyện Ba Tri”?"


def test_duplicate_slug_names_both_files(tmp_path):
    content = make_project(tmp_path, FIXTURES / "slug-duplicate")
    problems = check(options(content))[2]
    assert [(p.code, p.path, p.got) for p in problems] == [
        ("slug-duplicate", "content/mo-hinh/b/mo-hinh.md", "dong-hoa")
    ]
    assert "content/mo-hinh/a/dong-hoa.md" in problems[0].message_vi


def test_all_problems_at_once_sorted_and_site_untouched(tmp_path, capsys):
    content = make_project(tmp_path)
    site = tmp_path / "site"
    build(options(content))  # a good build first: the site that must survive
    before = tree_bytes(site)
    for fixture in ERROR_FIXTURES:
        shutil.copyfile(fixture, content / "mo-hinh" / fixture.name)
    with pytest.raises(ContentError) as raised:
        build(options(content))
    problems = raised.value.problems
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == sum(1 for f in WHERE.values() if f[2] not in WARNINGS)
    assert [p.sort_key() for p in problems] == sorted(p.sort_key() for p in problems)
    assert tree_bytes(site) == before
    left = [p.name for p in tmp_path.glob(".site.*") if p.is_dir()]
    assert left in ([], [".site.spare"]), "the staging folder was left behind"  # a spare made for the next build
    if left:
        assert not (tmp_path / ".site.spare" / ".dvk-staging").exists()  # kept, not a leftover to sweep

    code = main(["--content", str(content), "--out", str(site), "--no-search", "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert f"Tổng cộng: {len(errors)} lỗi, {len(WARNINGS)} cảnh báo trong {len(WHERE)} tệp." in err
    assert tree_bytes(site) == before


def test_strict_turns_warnings_into_errors(tmp_path, capsys):
    content = make_project(tmp_path, models=None)
    shutil.copyfile(FIXTURES / "errors" / "key-unknown.md", content / "mo-hinh" / "a.md")
    assert main(["check", "--content", str(content)]) == 0
    assert main(["check", "--strict", "--content", str(content)]) == 1
    assert "Có phải “field”?" in capsys.readouterr().err
