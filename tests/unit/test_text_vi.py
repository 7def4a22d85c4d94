"""Vietnamese text rules: slugs, collation, matching keys, dates and numbers."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from showcase.text_vi import (
    collation_key,
    format_date,
    format_number,
    loose_key,
    match_key,
    parse_date,
    slugify,
    sort_vi,
    strip_marks,
    truncate_words,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đổi mới phương hướng làm việc", "doi-moi-phuong-huong-lam-viec"),
        ("Xây dựng Đảng", "xay-dung-dang"),
        ("Huy động nguồn lực xây dựng 1.000 căn nhà", "huy-dong-nguon-luc-xay-dung-1000-can-nha"),
        ("Mô hình 1+1", "mo-hinh-1-1"),
        ("500 triệu/ha/năm", "500-trieu-ha-nam"),
        ("  Ấp Tân Điền  ", "ap-tan-dien"),
        ("Nghị định 19/2019/NĐ-CP", "nghi-dinh-19-2019-nd-cp"),
        ("Đông Hòa", "dong-hoa"),
        ("Đồng Hòa", "dong-hoa"),
        ("1,5 ha", "1-5-ha"),
        ("!!!", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_slugify_is_the_same_for_nfc_and_nfd():
    title = "Vận động Nhân dân đồng thuận giải phóng mặt bằng"
    assert slugify(unicodedata.normalize("NFD", title)) == slugify(title)


def test_strip_marks_folds_d():
    assert strip_marks("Đổi mới đường") == "Doi moi duong"


def test_python_sorted_is_wrong_and_collation_is_right():
    words = ["Đồng", "Dương", "Ấp", "An", "Ơn", "Ông", "Oanh", "Bình", "Ưu", "Uyên", "Zê"]
    assert sorted(words)[-1] != "Zê"  # code-point order puts Đ, Ấ, Ơ, Ư after z
    assert sort_vi(words) == ["An", "Ấp", "Bình", "Dương", "Đồng", "Oanh", "Ông", "Ơn", "Uyên", "Ưu", "Zê"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a", "ă"),
        ("ă", "â"),
        ("â", "b"),
        ("d", "đ"),
        ("đ", "e"),
        ("e", "ê"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("u", "ư"),
        ("ma", "mà"),
        ("mà", "mả"),
        ("mả", "mã"),
        ("mã", "má"),
        ("má", "mạ"),
        ("mạ", "mac"),
        ("An Thạnh", "Anh"),
        ("Bà Rịa", "Ba Tri"),
        ("Ba Tri", "Bà Tri"),
        ("thạnh", "Thạnh"),
    ],
)
def test_collation_pairs(before, after):
    assert collation_key(before) < collation_key(after)


def test_collation_ignores_normalisation_form():
    assert collation_key(unicodedata.normalize("NFD", "Mỏ Cày"))[:3] == collation_key("Mỏ Cày")[:3]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Văn hoá - Xã hội", "văn hóa - xã hội"),
        ("Văn hóa – xã hội", "văn hóa - xã hội"),
        ("Văn hóa—xã hội", "văn hóa - xã hội"),
        ("  KINH   TẾ ", "kinh tế"),
        ("Thuỷ lợi", "thủy lợi"),
        (unicodedata.normalize("NFD", "Hòa giải"), "hoà giải"),
    ],
)
def test_match_key_equal(a, b):
    assert match_key(a) == match_key(b)


def test_match_key_keeps_diacritics_apart():
    assert match_key("Kinh te") != match_key("Kinh tế")
    assert loose_key("Kinh te") == loose_key("Kinh tế")


def test_dates_and_numbers():
    assert format_date(dt.date(2024, 12, 30)) == "30/12/2024"
    assert format_date(dt.date(2025, 7, 1)) == "01/07/2025"
    assert parse_date("1/7/2025") == dt.date(2025, 7, 1)
    assert parse_date("2024-12-30") == dt.date(2024, 12, 30)
    assert parse_date("31/02/2024") is None
    assert parse_date("30.12.2024") is None
    assert format_number(187) == "187"
    assert format_number(10000) == "10.000"
    assert format_number(1234567) == "1.234.567"


def test_truncate_words_cuts_at_a_word():
    text = "Vận động " * 40
    cut = truncate_words(text, 160)
    assert len(cut) <= 161 and cut.endswith("…") and not cut[:-1].endswith(" ")
    assert truncate_words("Ngắn gọn.", 160) == "Ngắn gọn."
