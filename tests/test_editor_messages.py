"""Messages editors can act on: what was found, what is used or meant, never a wrong "did you mean".

Each test writes small model files into a fixture project and checks the problems `build.py check`
reports (code, line, key, expected, got, hint) and, where a value is read, the value that is published.
The exact wording of one case per code is pinned by tests/fixtures/errors/ (tests/test_errors.py).
"""

from __future__ import annotations

import shutil

import pytest

from showcase.pipeline import check
from showcase.problems import has_errors

from .conftest import FIXTURE_SITE, make_project, options, write_model

PNG = FIXTURE_SITE / "mo-hinh/2023/anh/truong-hoc.png"


def model(extra: str = "", body: str = "Dữ liệu thử nghiệm.", **values: str) -> str:
    """A valid model file; values replace whole front-matter lines (district='"huyện Ba Tri"')."""
    keys = {
        "title": '"Mô hình thử nghiệm"',
        "field": '"Kinh tế"',
        "unit": '"Đơn vị thử nghiệm"',
        "district": '"huyện Ba Tri"',
        "year": "2024",
        "published": '"01/11/2026"',
    } | values
    lines = "".join(f"{key}: {value}\n" for key, value in keys.items())
    return f"---\n{lines}{extra}---\n{body}\n"


def problems_of(content, name: str = "a.md", text: str | None = None, **values: str):
    """(models, problems) of a project holding one model file."""
    write_model(content, name, text if text is not None else model(**values))
    _, models, problems = check(options(content))
    return models, problems


def summary(problems) -> list[tuple]:
    return [(p.code, p.line, p.key) for p in problems]


# -- 1. a value wrapped whole in curly quotes is used without them ---------------------------------


@pytest.mark.parametrize(
    ("written", "used"),
    [
        ("“Đoàn Thanh niên xã A”", "Đoàn Thanh niên xã A"),
        ("‘Đoàn Thanh niên xã A’", "Đoàn Thanh niên xã A"),
        ("«Đoàn Thanh niên xã A»", "Đoàn Thanh niên xã A"),
        ('"“Đoàn Thanh niên xã A”"', "Đoàn Thanh niên xã A"),  # straight quotes around curly ones
    ],
)
def test_curly_quotes_around_a_whole_value_are_dropped_with_a_warning(empty_project, written, used):
    models, problems = problems_of(empty_project, unit=written)
    assert summary(problems) == [("value-curly-quotes", 4, "unit")]
    assert problems[0].severity == "warning"
    assert (problems[0].expected, problems[0].got) == (used, written.strip('"'))
    assert models[0].unit == used


def test_a_district_in_curly_quotes_is_matched_not_quoted_twice(empty_project):
    models, problems = problems_of(empty_project, district="“huyện Ba Tri”")
    assert summary(problems) == [("value-curly-quotes", 5, "district")]
    assert "““" not in problems[0].message_vi
    assert models[0].district == "ba-tri"


@pytest.mark.parametrize(
    "title",
    [
        '"Xây dựng trường học “Xanh - Sạch”"',
        '"“Xanh” và “Sạch”"',  # starts and ends with quotes, but two quoted names
        "Mô hình “Dân vận khéo”",
    ],
)
def test_quotes_inside_a_value_are_kept(empty_project, title):
    models, problems = problems_of(empty_project, title=title)
    assert problems == []
    assert models[0].title == title.strip('"')


# -- 2. districts and fields written with their province or a prefix ------------------------------


@pytest.mark.parametrize(
    ("written", "term"),
    [
        ("H. Ba Tri", "ba-tri"),
        ("TP. Bến Tre", "thanh-pho-ben-tre"),
        ("TP Bến Tre", "thanh-pho-ben-tre"),
        ("TP.Bến Tre", "thanh-pho-ben-tre"),
    ],
)
def test_abbreviated_types_are_accepted_silently(empty_project, written, term):
    models, problems = problems_of(empty_project, district=f'"{written}"')
    assert problems == []
    assert models[0].district == term


@pytest.mark.parametrize(
    ("written", "term", "dropped"),
    [
        ("huyện Ba Tri, tỉnh Bến Tre", "ba-tri", "tỉnh Bến Tre"),
        ("Ba Tri - Bến Tre", "ba-tri", "Bến Tre"),
        ("huyện Ba Tri (tỉnh Bến Tre)", "ba-tri", "tỉnh Bến Tre"),
        ("TP. Bến Tre, tỉnh Bến Tre", "thanh-pho-ben-tre", "tỉnh Bến Tre"),
        ("địa bàn: huyện Ba Tri", "ba-tri", "địa bàn"),
    ],
)
def test_a_district_with_its_province_is_read_with_a_warning(empty_project, written, term, dropped):
    models, problems = problems_of(empty_project, district=f'"{written}"')
    assert summary(problems) == [("value-read-as", 5, "district")]
    assert problems[0].severity == "warning"
    assert models[0].district == term
    assert f"(bỏ qua “{dropped}”)" in problems[0].message_vi
    assert problems[0].got == written


def test_a_field_with_the_vocabulary_name_is_read(empty_project):
    models, problems = problems_of(empty_project, field='"Lĩnh vực: Kinh tế"')
    assert summary(problems) == [("value-read-as", 3, "field")]
    assert problems[0].expected == "Kinh tế" and models[0].field == "kinh-te"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("huyện Ba Tre, tỉnh Bến Tre", "Có phải “huyện Ba Tri”? / Did you mean “huyện Ba Tri”?"),
        ("thành phố Ba Tri", "Có phải “huyện Ba Tri”? / Did you mean “huyện Ba Tri”?"),
        ("xã An Đức, huyện Ba Tri", "Có phải “huyện Ba Tri”? / Did you mean “huyện Ba Tri”?"),
        (
            "huyện Mỏ Cày",
            "Có thể là “huyện Mỏ Cày Nam” hoặc “huyện Mỏ Cày Bắc”: hãy ghi đúng một giá trị. "
            "/ It could be “huyện Mỏ Cày Nam” or “huyện Mỏ Cày Bắc”: write the one meant.",
        ),
        (
            "huyện Châu Thành, tỉnh Tiền Giang",
            "Chọn một giá trị trong content/districts.yaml. / Pick a value from content/districts.yaml.",
        ),
    ],
)
def test_a_district_that_cannot_be_read_gets_the_right_suggestion_or_none(empty_project, written, hint):
    _, problems = problems_of(empty_project, district=f'"{written}"')
    assert summary(problems) == [("value-unknown", 5, "district")]
    assert problems[0].hint == hint
    assert "Toàn tỉnh" not in problems[0].hint


def test_the_province_alone_is_still_the_province_wide_group(empty_project):
    models, problems = problems_of(empty_project, district='"tỉnh Bến Tre"')
    assert problems == [] and models[0].district == "toan-tinh"


# -- 3. a date that does not exist -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "why_vi", "why_en"),
    [
        ("31/02/2023", "tháng 2/2023 chỉ có 28 ngày", "month 2/2023 has 28 days"),
        ("29/02/2025", "tháng 2/2025 chỉ có 28 ngày", "month 2/2025 has 28 days"),
        ("31/04/2024", "tháng 4/2024 chỉ có 30 ngày", "month 4/2024 has 30 days"),
        ("00/05/2024", "không có ngày 0", "there is no day 0"),
        ("2024-02-30", "tháng 2/2024 chỉ có 29 ngày", "month 2/2024 has 29 days"),
    ],
)
def test_an_impossible_date_is_named_as_one(empty_project, written, why_vi, why_en):
    _, problems = problems_of(empty_project, published=f'"{written}"')
    assert summary(problems) == [("date-impossible", 7, "published")]
    assert problems[0].message_vi == f"Ngày “{written}” không có thật: {why_vi}."
    assert problems[0].message_en == f"Date “{written}” does not exist: {why_en}."
    assert problems[0].expected == "một ngày có thật / a real date"


def test_month_and_day_swapped_gets_the_date_meant(empty_project):
    _, problems = problems_of(empty_project, published='"12/31/2024"')
    assert summary(problems) == [("date-impossible", 7, "published")]
    assert "không có tháng 31" in problems[0].message_vi
    assert problems[0].hint.startswith("Có phải “31/12/2024”?")


def test_a_date_in_another_form_is_still_wrong_format(empty_project):
    _, problems = problems_of(empty_project, published='"31.12.2024"')
    assert summary(problems) == [("date-invalid", 7, "published")]


# -- 4. invisible characters are shown in "got" -----------------------------------------------------


def test_a_tab_in_yaml_is_shown(empty_project):
    _, problems = problems_of(empty_project, text=model(extra='tags:\n\t- "đê bao"\n'))
    assert summary(problems) == [("yaml-tab", 9, None)]
    assert problems[0].got == '⇥- "đê bao"'
    assert "⇥" in problems[0].format()


def test_a_no_break_space_in_a_value_is_shown(empty_project):
    _, problems = problems_of(empty_project, published='"01/11/\u00a02026"')
    assert summary(problems) == [("date-invalid", 7, "published")]
    assert problems[0].got == "01/11/·2026"


# -- 5. a missing closing --- with a --- rule in the body -----------------------------------------


def test_missing_closing_line_is_named_even_with_a_rule_in_the_body(empty_project):
    text = model().replace("---\nDữ liệu", "\n# Giới thiệu\n\nMô hình giúp người dân.\n\n---\n\nDữ liệu", 1)
    _, problems = problems_of(empty_project, text=text)
    assert summary(problems) == [("frontmatter-unterminated", 1, None)]
    assert problems[0].expected == "--- trước dòng 9 / before line 9" and problems[0].got == "# Giới thiệu"


def test_a_file_with_its_closing_line_is_never_told_it_has_none(empty_project):
    # A YAML comment after a blank line, then a real YAML error: the error is reported as it is.
    text = model(extra="\n# Thông tin thêm\nhamlet: ấp: Tân Điền\n", body="Dữ liệu.\n\n---\n\nThêm.")
    _, problems = problems_of(empty_project, text=text)
    assert [p.code for p in problems] == ["yaml-syntax"]
    # And a valid file whose body has a rule is valid.
    (empty_project / "mo-hinh" / "a.md").unlink()
    _, problems = problems_of(empty_project, "b.md", text=model(body="# Giới thiệu\n\nMột.\n\n---\n\nHai."))
    assert problems == []


# -- 6. YAML errors: the hint fits what the line shows ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('title: "Xây dựng trường học "Xanh - Sạch""', "yaml-quote-inside"),
        ("title: Hội Nông dân: xã A", "yaml-syntax"),
        ('title:"Mô hình thử nghiệm"', "yaml-colon-space"),
        ('title: "Mô hình thử nghiệm', "yaml-quote-unclosed"),
        ('title: "Quyết định 12\\QĐ"', "yaml-escape"),
    ],
)
def test_yaml_errors_are_named_by_what_the_line_shows(empty_project, line, code):
    text = model().replace('title: "Mô hình thử nghiệm"', line)
    _, problems = problems_of(empty_project, text=text)
    assert summary(problems) == [(code, 2, "title" if code == "yaml-colon-space" else None)]
    if code != "yaml-syntax":  # the value is quoted already, or quoting is not the fix
        assert "Put the value in double quotes" not in problems[0].hint


# -- 7. a near-miss image name gets "did you mean" -------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "anh/duong-hoa.PNG",  # case
        "anh/duong hoa.png",  # a space for the hyphen
        "anh/Đường hoa.png",  # diacritics
        "anh/duong-hoa",  # no extension
        "anh/duong-hoa.jpg",  # another extension
        "duong-hoa.png",  # not in its folder
    ],
)
def test_a_near_miss_image_name_gets_did_you_mean(empty_project, written):
    (empty_project / "mo-hinh" / "anh").mkdir(parents=True)
    shutil.copyfile(PNG, empty_project / "mo-hinh" / "anh" / "duong-hoa.png")
    extra = f'images:\n  - file: "{written}"\n    alt: "Ảnh"\n    credit: "Nhóm kiểm thử"\n'
    _, problems = problems_of(empty_project, text=model(extra=extra))
    assert summary(problems) == [("file-name-near", 9, "images.file")]
    assert (problems[0].expected, problems[0].got) == ("anh/duong-hoa.png", written)
    assert problems[0].hint.startswith("Có phải “anh/duong-hoa.png”?")


def test_a_near_miss_in_the_body_gets_did_you_mean(empty_project):
    (empty_project / "mo-hinh" / "anh").mkdir(parents=True)
    shutil.copyfile(PNG, empty_project / "mo-hinh" / "anh" / "duong-hoa.png")
    body = 'Thử.\n\n![Đường hoa](anh/Duong-Hoa.png "Ảnh: Nhóm kiểm thử")'
    _, problems = problems_of(empty_project, text=model(body=body))
    assert [(p.code, p.expected) for p in problems] == [("file-name-near", "anh/duong-hoa.png")]


def test_two_equally_near_images_get_no_guess(empty_project):
    (empty_project / "mo-hinh" / "anh").mkdir(parents=True)
    for name in ("duong-hoa.png", "duong-hoa.jpg"):
        shutil.copyfile(PNG, empty_project / "mo-hinh" / "anh" / name)
    extra = 'images:\n  - file: "anh/duong-hoa.gif"\n    alt: "Ảnh"\n    credit: "Nhóm kiểm thử"\n'
    _, problems = problems_of(empty_project, text=model(extra=extra))
    assert [(p.code, p.expected) for p in problems] == [("image-missing", "content/mo-hinh/anh/duong-hoa.gif")]


# -- 8. lists written as one text, yes/no for true/false, a year that is not its folder's ---------


def test_tags_written_as_one_text_are_split_with_a_warning(empty_project):
    models, problems = problems_of(empty_project, text=model(extra='tags: "đê bao, ngăn mặn"\n'))
    assert summary(problems) == [("value-comma-list", 8, "tags")]
    assert models[0].tags == ("đê bao", "ngăn mặn")
    assert has_errors(problems) is False and has_errors(problems, strict=True) is True


def test_one_tag_without_commas_is_still_a_one_item_list(empty_project):
    models, problems = problems_of(empty_project, text=model(extra='tags: "đê bao"\n'))
    assert summary(problems) == [("value-not-list", 8, "tags")]
    assert models[0].tags == ("đê bao",)


@pytest.mark.parametrize(
    ("written", "value", "codes"),
    [
        ("yes", True, ["flag-spelling"]),
        ("on", True, ["flag-spelling"]),
        ("no", False, ["flag-spelling"]),
        ("true", True, []),
        ("False", False, []),
    ],
)
def test_yes_and_no_for_a_flag_are_read_with_a_warning(empty_project, written, value, codes):
    models, problems = problems_of(empty_project, text=model(extra=f"replication: {written}\n"))
    assert [p.code for p in problems] == codes
    assert models[0].replication is value
    if codes:
        assert problems[0].hint == f"Ghi replication: {str(value).lower()} / Write replication: {str(value).lower()}"


def test_yes_where_text_is_expected_is_an_error(empty_project):
    _, problems = problems_of(empty_project, text=model(extra="hamlet: yes\n"))
    assert summary(problems) == [("value-not-text", 8, "hamlet")]


def test_a_year_that_differs_from_its_folder_is_a_warning(empty_project):
    _, problems = problems_of(empty_project, "2023/a.md", year="2024")
    assert summary(problems) == [("year-folder", 6, "year")]
    assert (problems[0].expected, problems[0].got) == ("2023", "2024")
    assert "content/mo-hinh/2024/" in problems[0].hint
    assert has_errors(problems, strict=True)


@pytest.mark.parametrize("name", ["2024/a.md", "a.md", "khac/a.md", "2023/anh-em/a.md"])
def test_a_year_in_its_folder_or_in_no_year_folder_is_not_warned(empty_project, name):
    year = "2023" if name.startswith("2023") else "2024"
    _, problems = problems_of(empty_project, name, year=year)
    assert problems == []


def test_the_fixture_site_has_none_of_these_warnings(tmp_path):
    content = make_project(tmp_path)
    assert check(options(content))[2] == []
