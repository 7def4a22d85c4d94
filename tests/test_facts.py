"""Every sentence true to its source: statements carry sources, templates hold no facts, wording checks.

The checks (showcase/wording.py, the Fact spec) are warnings; under --strict, as in CI, they fail.
"""

from __future__ import annotations

import re
import shutil

import pytest

from showcase.pipeline import build, check
from showcase.problems import ContentError
from showcase.wording import english_words, tone_styles

from .conftest import ROOT, make_project, options, write_model
from .site_checks import squash


def problems_of(content, **overrides):
    return check(options(content, **overrides))[2]


# -- statements and sources -----------------------------------------------------------------------


def test_a_statement_without_a_source_is_reported_with_its_line(tmp_path):
    content = make_project(tmp_path, models=None)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "intro:\n", 'intro:\n  - text: "Năm 2024 có nhiều mô hình mới."\n', 1
        ),
        encoding="utf-8",
    )
    line = site_yaml.read_text(encoding="utf-8").split("\n").index('  - text: "Năm 2024 có nhiều mô hình mới."') + 1
    found = [p for p in problems_of(content) if p.code == "statement-unsourced"]
    assert [(p.path, p.line, p.key, p.severity) for p in found] == [("content/site.yaml", line, "intro", "warning")]
    assert "about_site: true" in found[0].hint
    assert problems_of(content, strict=True)  # and --strict makes the build stop
    with pytest.raises(ContentError):
        build(options(content, strict=True))


def test_an_unknown_source_id_gets_the_closest_id(tmp_path):
    content = make_project(tmp_path, models=None)
    write_model(
        content,
        "a.md",
        '---\ntitle: "Thử"\nfield: "Kinh tế"\nunit: "Đơn vị"\ndistrict: "Ba Tri"\n'
        'year: 2024\npublished: "01/11/2026"\nsources: ["bai-viet-2024-12-31"]\n---\nDữ liệu thử nghiệm.\n',
    )
    [found] = problems_of(content)
    assert (found.code, found.line, found.key) == ("value-unknown", 8, "sources")
    assert found.hint == "Có phải “bai-viet-2024-12-30”? / Did you mean “bai-viet-2024-12-30”?"


def test_a_model_cites_a_shared_source_by_its_id(tmp_path):
    content = make_project(tmp_path, models=None)
    write_model(
        content,
        "a.md",
        '---\ntitle: "Thử"\nfield: "Kinh tế"\nunit: "Đơn vị"\ndistrict: "Ba Tri"\n'
        'year: 2024\npublished: "01/11/2026"\nsources: "bai-viet-2024-12-30"\n---\nDữ liệu thử nghiệm.\n',
    )
    _, [model], problems = check(options(content))
    assert problems == []
    assert [(s.id, s.title) for s in model.sources] == [
        ("bai-viet-2024-12-30", "Phát huy hiệu quả và nhân rộng mô hình Dân vận khéo cấp tỉnh")
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("facts")
    build(options(make_project(tmp)))
    return tmp / "site"


def test_every_statement_links_to_its_source_on_the_sources_page(site):
    home = squash((site / "index.html").read_text(encoding="utf-8"))
    assert (
        'Dữ liệu thử nghiệm: một câu nêu sự kiện có nguồn. <span class="source-ref">(Nguồn: '
        '<a href="/nguon/#bai-viet-2024-12-30">Bài viết ngày 30/12/2024</a>)</span>'
    ) in home
    sources = squash((site / "nguon" / "index.html").read_text(encoding="utf-8"))
    for anchor in ("bai-viet-2024-12-30", "nq-1687-ubtvqh15", "nq-202-2025-qh15", "luat-72-2025-qh15", "dvhcvn"):
        assert f'<li id="{anchor}">' in sources


def test_a_commune_gets_the_sentence_of_its_own_district(site):
    """Two xã Vĩnh Hòa existed (Chợ Lách, Ba Tri); the model in Chợ Lách gets Chợ Lách's arrangement."""
    page = squash((site / "mo-hinh" / "hoa-giai-o-co-so" / "index.html").read_text(encoding="utf-8"))
    assert (
        "Xã Vĩnh Hòa (huyện Chợ Lách) được sắp xếp vào xã Hưng Khánh Trung, tỉnh Vĩnh Long, theo khoản 66 "
        "Điều 1 Nghị quyết số 1687/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội."
    ) in page
    assert "xã Ba Tri" not in page
    other = squash((site / "mo-hinh" / "duong-giao-thong-nong-thon" / "index.html").read_text(encoding="utf-8"))
    assert "được sắp xếp vào" not in other  # a commune the data does not list gets no sentence


def test_context_notes_are_shown_but_not_indexed(site):
    page = (site / "mo-hinh" / "duong-giao-thong-nong-thon" / "index.html").read_text(encoding="utf-8")
    assert '<section class="context" aria-labelledby="boi-canh" data-pagefind-ignore>' in page
    assert "106 mô hình lĩnh vực kinh tế" in page


def test_the_citation_names_the_site_and_the_page_not_the_unit(site):
    page = squash((site / "mo-hinh" / "duong-giao-thong-nong-thon" / "index.html").read_text(encoding="utf-8"))
    assert (
        '<p id="trich-dan-van-ban" class="citation">Mô hình “Dân vận khéo” (trang kiểm thử) (2026), “Đường giao '
        "thông nông thôn do dân cùng làm”, https://kiem-thu.example/mo-hinh/duong-giao-thong-nong-thon/, truy cập "
        'ngày <span class="access-date">'
    ) in page
    assert "Hội Nông dân xã Thử Nghiệm A (2024)" not in page


def test_names_stand_alone_capitalised_and_stay_lower_case_in_sentences(site):
    districts = squash((site / "dia-ban" / "index.html").read_text(encoding="utf-8"))
    assert ">Huyện Ba Tri</a>" in districts and ">Thành phố Bến Tre</a>" in districts
    page = squash((site / "mo-hinh" / "hoa-giai-o-co-so" / "index.html").read_text(encoding="utf-8"))
    assert "Các mô hình ở huyện Chợ Lách</a>" in page
    assert "Các mô hình thuộc lĩnh vực quốc phòng - an ninh</a>" in page
    province = squash((site / "dia-ban" / "toan-tinh" / "index.html").read_text(encoding="utf-8"))
    assert "<h1>Địa bàn: Toàn tỉnh</h1>" in province


# -- templates hold no facts ---------------------------------------------------------------------


def test_a_digit_in_template_text_is_a_fact_in_a_template(tmp_path):
    content = make_project(tmp_path, models=None)
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    page = layouts / "404.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "<h1>Không tìm thấy trang</h1>", "<h1>Không tìm thấy trang</h1>\n  <p>Từ năm 2025 trang có 13 mô hình.</p>"
        ),
        encoding="utf-8",
    )
    found = [p for p in problems_of(content, layouts_dir=layouts) if p.code == "template-fact"]
    assert [(p.path, p.line, p.got) for p in found] == [("layouts/404.html", 6, "Từ năm 2025 trang có 13 mô hình.")]


def test_the_real_templates_hold_no_digit_in_their_text(tmp_path):
    content = make_project(tmp_path, models=None)
    assert [p for p in problems_of(content) if p.code == "template-fact"] == []


# -- wording -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Xem trên website của xã, bấm vào link.", ["website", "link"]),
        ("Nộp hồ sơ Online hoặc trực tiếp.", ["Online"]),
        ("Tên mô hình “Xây dựng website xã” giữ như nguồn.", []),  # quoted: the source's words
        ("Địa chỉ https://web.example/link không phải văn bản.", []),
        ("Trang thông tin trực tuyến.", []),
    ],
)
def test_english_words(text, words):
    assert english_words(text) == words


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        ("hòa giải, khỏe, thủy lợi", ["hòa", "khỏe", "thủy"], []),
        ("hoà giải, khoẻ, thuỷ lợi", [], ["hoà", "khoẻ", "thuỷ"]),
        ("hoàn thành, loại hình, toàn tỉnh, quý, quỷ", [], []),  # a final consonant or qu: one placement only
        ("oà, uỷ, òa, ủy", ["òa", "ủy"], ["oà", "uỷ"]),  # at the start of the text
        ("Văn hóa “thuỷ lợi”", ["hóa"], []),
    ],
)
def test_tone_styles(text, old, new):
    assert tone_styles(text) == (old, new)


def _check_line_by_line(path: str, text: str) -> list:
    """The rules of check_model_text applied one line at a time, as english_words and tone_styles state them."""
    from showcase.problems import problem
    from showcase.wording import ENGLISH

    skipped_key = re.compile(r"^\s*(title|unit|slug|aliases|url|file)\s*:")  # names as recorded, addresses
    problems, first = [], {}
    for number, line in enumerate(text.split("\n"), 1):
        if skipped_key.match(line):
            continue
        problems += [
            problem("text-english", path, number, expected=ENGLISH[w.lower()], got=w) for w in english_words(line)
        ]
        for style, found in zip(("old", "new"), tone_styles(line), strict=True):
            if found:
                first.setdefault(style, (number, found[0]))
    if len(first) == 2:
        (old_line, old), (new_line, new) = first["old"], first["new"]
        got = f"{old} (dòng/line {old_line}), {new} (dòng/line {new_line})"
        problems.append(problem("tone-style-mixed", path, max(old_line, new_line), got=got))
    return problems


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Website hòa giải\nunit: Tổ thuỷ lợi\n---\nVăn hoá và link.\nKhỏe mạnh, Online.\n",
        "“Website\nở hai dòng” rồi email, QUỶ, Quý, HÒA, hoÀ.\n`web\n` và [x](https://web.example/a)\n",
        "Thuỷ lợi.\n  url : https://online.example/\nHòa giải ở website.WEB webinar e-mail\n",
        "Không có gì cần báo.\n",
        "İstanbul: website, hòa.\nİİ thuỷ LINK\n",  # "İ" lower-cases to two characters
    ],
)
def test_model_text_in_one_pass_says_what_line_by_line_says(text):
    from showcase.wording import check_model_text

    assert check_model_text("a.md", text) == _check_line_by_line("a.md", text)
