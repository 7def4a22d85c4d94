"""Matching editors' spellings against the fixture site's vocabularies."""

from __future__ import annotations

import unicodedata

import pytest

from showcase.site_data import load_site_data
from showcase.vocab import matchers

from ..conftest import make_project


@pytest.fixture(scope="module")
def match(tmp_path_factory):
    content = make_project(tmp_path_factory.mktemp("vocab"), models=None)
    data, problems = load_site_data(content, content.parent)
    assert problems == []
    return matchers(data.vocabularies)


@pytest.mark.parametrize(
    ("vocabulary", "value", "term"),
    [
        ("fields", "Kinh tế", "kinh-te"),
        ("fields", "kinh-te", "kinh-te"),
        ("fields", "lĩnh vực kinh tế", "kinh-te"),
        ("fields", "Văn hoá - Xã hội", "van-hoa-xa-hoi"),
        ("fields", "văn hóa, xã hội", "van-hoa-xa-hoi"),
        ("fields", "An ninh – Quốc phòng", "quoc-phong-an-ninh"),
        ("fields", "Quốc phòng—An ninh", "quoc-phong-an-ninh"),
        ("fields", "xây dựng Đảng, xây dựng hệ thống chính trị", "xay-dung-dang-he-thong-chinh-tri"),
        ("fields", unicodedata.normalize("NFD", "Kinh tế"), "kinh-te"),
        ("fields", "Kinh te", None),
        ("fields", "Nông nghiệp", None),
        ("districts", "Mỏ Cày Nam", "mo-cay-nam"),
        ("districts", "huyện Mỏ Cày Nam", "mo-cay-nam"),
        ("districts", "Huyện mỏ cày nam", "mo-cay-nam"),
        ("districts", "thành phố Bến Tre", "thanh-pho-ben-tre"),
        ("districts", "TP Bến Tre", "thanh-pho-ben-tre"),
        ("districts", "Toàn tỉnh", "toan-tinh"),
        ("districts", "Mo Cay Nam", None),
        ("districts", "huyện Mỏ Cày", None),
        ("levels", "Cấp tỉnh", "cap-tinh"),
        ("levels", "cấp huyện", "cap-huyen"),
        ("levels", "cap tinh", None),
    ],
)
def test_match(match, vocabulary, value, term):
    assert match[vocabulary].match(value) == term


@pytest.mark.parametrize(
    ("vocabulary", "value", "suggestion"),
    [
        ("fields", "Kinh te", "Kinh tế"),
        ("fields", "van hoa xa hoi", "Văn hóa - xã hội"),
        ("districts", "Mo Cay Nam", "huyện Mỏ Cày Nam"),
        ("districts", "Giong Trom", "huyện Giồng Trôm"),
        ("levels", "cap tinh", "Cấp tỉnh"),
        ("fields", "Thể thao", None),
    ],
)
def test_suggest(match, vocabulary, value, suggestion):
    assert match[vocabulary].suggest(value) == suggestion
