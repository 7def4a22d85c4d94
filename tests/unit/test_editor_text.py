"""Helpers behind the editor messages: wrapping quotes, invisible characters, impossible dates, YAML
diagnoses, near file names and suggestions that never guess between two terms."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from showcase import hygiene
from showcase.site_data import load_site_data
from showcase.sources import parse_yaml
from showcase.specs import near_file
from showcase.text_vi import close_matches, date_parts, parse_date, show_invisible, unwrap_quotes
from showcase.vocab import matchers

from ..conftest import make_project


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("“Hội Nông dân”", "Hội Nông dân"),
        ("‘Hội Nông dân’", "Hội Nông dân"),
        ("«Hội Nông dân»", "Hội Nông dân"),
        ("”Hội Nông dân”", "Hội Nông dân"),  # phones sometimes close on both ends
        ("Trường học “Xanh - Sạch”", None),
        ("“Xanh” và “Sạch”", None),
        ("“Xanh", None),
        ("»Hội«", None),
        ("“”", None),
    ],
)
def test_unwrap_quotes(text, inner):
    assert unwrap_quotes(text) == inner


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\tb", "a⇥b"),
        ("01/11/\u00a02026", "01/11/·2026"),
        ("a\u202fb\u3000c", "a·b·c"),
        ("thường thôi", "thường thôi"),
    ],
)
def test_show_invisible(text, shown):
    assert show_invisible(text) == shown


@pytest.mark.parametrize(
    ("text", "parts", "date"),
    [
        ("31/02/2024", (31, 2, 2024), None),
        ("29/02/2024", (29, 2, 2024), (2024, 2, 29)),
        ("2025-02-29", (29, 2, 2025), None),
        ("31.12.2024", None, None),
    ],
)
def test_date_parts_tell_shape_from_existence(text, parts, date):
    assert date_parts(text) == parts
    parsed = parse_date(text)
    assert (parsed and (parsed.year, parsed.month, parsed.day)) == date


def test_close_matches_names_every_equally_close_term():
    spellings = {"Mỏ Cày Nam": "huyện Mỏ Cày Nam", "Mỏ Cày Bắc": "huyện Mỏ Cày Bắc", "Ba Tri": "huyện Ba Tri"}
    assert close_matches("Mỏ Cày", spellings) == ["huyện Mỏ Cày Nam", "huyện Mỏ Cày Bắc"]
    assert close_matches("Mo Cay Nam", spellings) == ["huyện Mỏ Cày Nam"]
    assert close_matches("Thể thao", spellings) == []


@pytest.fixture(scope="module")
def districts(tmp_path_factory):
    content = make_project(tmp_path_factory.mktemp("vocab"), models=None)
    data, _ = load_site_data(content, content.parent)
    return matchers(data.vocabularies)["districts"]


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        ("huyện Ba Tri, tỉnh Bến Tre", ("ba-tri", "tỉnh Bến Tre")),
        ("huyện Ba Tri tỉnh Bến Tre", ("ba-tri", "tỉnh Bến Tre")),
        ("Ba Tri - Bến Tre", ("ba-tri", "Bến Tre")),
        ("huyện Châu Thành, tỉnh Tiền Giang", None),  # another province's Châu Thành
        ("Bến Tre - Ba Tri", None),
        ("huyện Ba Tri", None),  # an exact spelling is match's
    ],
)
def test_read_drops_only_this_province(districts, value, reading):
    assert districts.read(value) == reading


def test_the_province_is_known_from_the_vocabularies(districts):
    assert districts.match("H. Ba Tri") == "ba-tri"
    assert districts.match("tỉnh Bến Tre") == "toan-tinh"
    assert districts.candidates("huyện Ba Tri, tỉnh Bến Tre") == ("huyện Ba Tri",)
    assert districts.candidates("TP Bến Tre - Ba Tri") == ("thành phố Bến Tre", "huyện Ba Tri")
    assert districts.suggest("huyện Mỏ Cày") is None  # two are as likely: no single guess


@pytest.mark.parametrize(
    ("front_matter", "code", "line"),
    [
        ('title: "a "b" c"\n', "yaml-quote-inside", 2),
        ('title: "a" b\nyear: 2024\n', "yaml-quote-inside", 2),
        ("title: 'Nhà của 'A''\n", "yaml-quote-inside", 2),
        ('title: "a\nunit: "b"\n', "yaml-quote-unclosed", 2),
        ('title: x\nunit: "b\n', "yaml-quote-unclosed", 3),
        ("title: x\nunit:b\nyear: 2024\n", "yaml-colon-space", 3),
        ("title: x\n\tyear: 2024\n", "yaml-tab", 3),
        ('title: "x"\n  unit: b\n', "yaml-indent", 3),
        ("unit: Hội: xã A\n", "yaml-syntax", 2),
        ("unit: “Hội: xã A”\n", "yaml-syntax", 2),  # curly quotes are not YAML quotes: quoting is the fix
        ("title: x\nunit: *a\n", "yaml-alias", 3),
    ],
)
def test_yaml_errors_are_diagnosed_from_the_line(front_matter, code, line):
    node, problems = parse_yaml(front_matter, 2, "a.md")
    assert node is None
    assert [(p.code, p.line) for p in problems] == [(code, line)]
    assert "YAML syntax error: mapping values" not in problems[0].message_en


def test_near_file(tmp_path: Path):
    (tmp_path / "anh").mkdir()
    for name in ("duong-hoa.png", "cau.jpg", "cau.png", "ghi-chu.txt"):
        (tmp_path / "anh" / name).write_bytes(b"x")
    extensions = (".png", ".jpg")
    assert near_file(tmp_path, "anh/Duong Hoa.PNG", extensions) == "anh/duong-hoa.png"
    assert near_file(tmp_path, "duong-hoa.png", extensions) == "anh/duong-hoa.png"
    assert near_file(tmp_path, "anh/cau", extensions) is None  # cau.jpg or cau.png: no guess
    assert near_file(tmp_path, "anh/ghi-chu.png", extensions) is None  # only files it may name


def test_legacy_screen_agrees_with_the_three_patterns():
    """has_legacy_marks finds a match by its last character; it must say yes exactly where one of the
    three patterns matches. They match at most two characters, so every pair of the characters they
    name, and of ordinary Vietnamese letters, covers them all."""
    named = "".join(
        chr(code) for code in (*range(0x80, 0xC0), *range(0x2018, 0x203B), *range(0x152, 0x179), *range(0xC0, 0x200))
    )
    patterns = (hygiene._MOJIBAKE, hygiene._VNI, hygiene._TCVN3)
    written = "".join(p.pattern for p in patterns)  # "€" of "â€", and every letter the classes name
    alphabet = sorted(set(named + written + string.ascii_letters + "ẠạẢảẤấẦầỘộỚớỜờỨứỪừịĩũơưđĐ –“”\n"))
    disagree = [
        a + b
        for a in alphabet
        for b in alphabet
        if hygiene.has_legacy_marks(f"x {a}{b} y") != any(p.search(f"x {a}{b} y") for p in patterns)
    ]
    assert not disagree, disagree[:20]
    assert hygiene.has_legacy_marks("Moâ hình Daân vaän kheùo")
    assert not hygiene.has_legacy_marks("Mô hình “Dân vận khéo” ở xã Phú Hưng, năm 2024 – Bến Tre")


def test_one_pass_cleaning_agrees_with_the_two_cleanings():
    """hygiene.cleaned skips the cleaning when one pass finds neither an invisible character nor a line
    break of Word's; for every character of the first plane (and the tag characters) it must give what
    clean_invisible and invisible_lines give."""
    characters = [chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000] + ["\U000e0041"]
    disagree = [
        c
        for c in characters
        if hygiene.cleaned(f"Mô hình\nx{c}y\n")
        != (hygiene.clean_invisible(f"Mô hình\nx{c}y\n"), hygiene.invisible_lines(f"Mô hình\nx{c}y\n"))
    ]
    assert not disagree, [hex(ord(c)) for c in disagree[:20]]
    assert hygiene.cleaned("a\u200bb\u2028c") == ("ab c", frozenset({1}))
    assert hygiene.cleaned("Dân vận khéo") == ("Dân vận khéo", frozenset())
