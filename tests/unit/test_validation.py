"""A table of front-matter cases → the typed value, or the problem code, that validation gives."""

from __future__ import annotations

import datetime as dt

import pytest

from showcase.loading import load_model
from showcase.site_data import load_site_data, validation_context

from ..conftest import TODAY, write_model

REQUIRED = {
    "title": '"Mô hình thử nghiệm"',
    "field": '"Kinh tế"',
    "unit": '"Hội Nông dân xã Thử Nghiệm"',
    "district": '"huyện Ba Tri"',
    "year": "2024",
    "published": '"01/11/2026"',
}


def front_matter(**changes: str | None) -> str:
    keys = dict(REQUIRED)
    for key, value in changes.items():
        if value is None:
            keys.pop(key, None)
        else:
            keys[key] = value
    lines = "".join(f"{key}: {value}\n" for key, value in keys.items())
    return f"---\n{lines}---\nDữ liệu thử nghiệm.\n"


@pytest.fixture
def load(empty_project):
    data, problems = load_site_data(empty_project, empty_project.parent)
    assert problems == []
    context = validation_context(data, empty_project, empty_project.parent, TODAY)

    def _load(text: str, name: str = "mo-hinh-thu.md"):
        return load_model(write_model(empty_project, name, text), context)

    return _load


def codes(problems) -> list[str]:
    return [p.code for p in problems]


@pytest.mark.parametrize(
    ("changes", "attribute", "value"),
    [
        ({}, "field", "kinh-te"),
        ({}, "level", "cap-tinh"),  # the default from site.yaml
        ({"year": '"2024"'}, "year", 2024),
        ({"year": "2000"}, "year", 2000),
        ({"field": '"an ninh - quốc phòng"'}, "field", "quoc-phong-an-ninh"),
        ({"district": "Ba Tri"}, "district", "ba-tri"),
        ({"district": "Toàn tỉnh"}, "district", "toan-tinh"),
        ({"level": "cấp huyện"}, "level", "cap-huyen"),
        ({"tags": '["đê bao", "đê bao", "ngăn mặn"]'}, "tags", ("đê bao", "ngăn mặn")),
        ({"slug": '"Đổi mới 2024"'}, "slug", "doi-moi-2024"),
        ({}, "slug", "mo-hinh-thu"),
        ({"replication": "true"}, "replication", True),
        ({"summary": '"Tóm tắt riêng."'}, "summary", "Tóm tắt riêng."),
        ({}, "summary", "Dữ liệu thử nghiệm."),
        ({"commune": "xã An Thạnh"}, "commune", "xã An Thạnh"),
        ({"decision": '{number: "5/QĐ", date: "01/07/2025"}'}, "decision.date", dt.date(2025, 7, 1)),
        ({"decision": "{date: 2025-07-01}"}, "decision.date", dt.date(2025, 7, 1)),
        ({"sources": '[{title: "Bài", url: "https://example.org/a"}]'}, "sources.0.url", "https://example.org/a"),
    ],
)
def test_valid_values(load, changes, attribute, value):
    model, problems = load(front_matter(**changes))
    assert codes(problems) == []
    found = model
    for part in attribute.split("."):
        found = found[int(part)] if part.isdigit() else getattr(found, part)
    assert found == value


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": None}, "key-missing"),
        ({"title": '""'}, "value-empty"),
        ({"title": "   "}, "value-empty"),  # YAML reads a blank value as null
        ({"title": "[a, b]"}, "value-type"),
        ({"district": "no"}, "value-not-text"),
        ({"district": "yes"}, "value-not-text"),
        ({"commune": "010"}, "value-not-text"),
        ({"unit": "2024-01-01"}, "value-not-text"),
        ({"unit": "null"}, "value-empty"),
        ({"field": '"Kinh te"'}, "value-unknown"),
        ({"field": '"Kinh tế mới"'}, "value-unknown"),
        ({"level": '"cấp xã phường"'}, "value-unknown"),
        ({"year": "1999"}, "year-invalid"),
        ({"year": "2027"}, "year-invalid"),
        ({"year": "2024.5"}, "year-invalid"),
        ({"year": '"hai nghìn"'}, "year-invalid"),
        ({"year": "true"}, "year-invalid"),
        ({"replication": '"có"'}, "value-type"),
        ({"tags": "{a: b}"}, "value-type"),
        ({"images": '"anh.jpg"'}, "value-type"),
        ({"images": '[{file: "anh.jpg"}]'}, "key-missing"),
        ({"images": '[{file: "C:\\\\anh.jpg", alt: "x"}]'}, "path-unsafe"),
        ({"images": '[{file: "/etc/passwd", alt: "x"}]'}, "path-unsafe"),
        ({"sources": '[{title: "Bài", url: "ftp://x"}]'}, "url-invalid"),
        ({"sources": '[{title: "Bài", url: "JavaScript:alert(1)"}]'}, "url-invalid"),
        ({"decision": '{date: "2024/12/30"}'}, "date-invalid"),
        ({"slug": '"---"'}, "slug-invalid"),
    ],
)
def test_invalid_values(load, changes, code):
    model, problems = load(front_matter(**changes))
    assert model is None
    assert code in codes(problems)


def test_a_single_text_where_a_list_is_expected_warns_and_counts_as_one_item(load):
    model, problems = load(front_matter(tags='"một từ khóa"'))
    assert model.tags == ("một từ khóa",)
    assert [(p.code, p.severity, p.key) for p in problems] == [("value-not-list", "warning", "tags")]


def test_unknown_keys_warn_but_load(load):
    model, problems = load(front_matter(nam="2024", **{"lĩnh vực": '"Kinh tế"'}))
    assert model is not None
    assert codes(problems) == ["key-unknown", "key-unknown"]
    assert problems[1].hint == "Có phải “field”? / Did you mean “field”?"


def test_every_problem_in_a_file_is_reported(load):
    model, problems = load(front_matter(title=None, field='"Kinh te"', year="1990", district="no"))
    assert model is None
    assert sorted(codes(problems)) == ["key-missing", "value-not-text", "value-unknown", "year-invalid"]


def test_text_is_normalised_to_nfc(load):
    import unicodedata

    model, _ = load(unicodedata.normalize("NFD", front_matter(unit='"Ủy ban nhân dân xã Phú Đức"')))
    assert model.unit == "Ủy ban nhân dân xã Phú Đức"
    assert unicodedata.is_normalized("NFC", model.body_html)


def test_empty_front_matter_reports_each_missing_key(load):
    model, problems = load("---\n---\nDữ liệu thử nghiệm.\n")
    assert model is None
    assert [(p.code, p.key, p.line) for p in problems] == [
        ("key-missing", key, 1) for key in ("title", "field", "unit", "district", "year", "published")
    ]
