"""Regression tests for problems found in review: data files, false alarms, ids, empty keys."""

from __future__ import annotations

import pytest

from showcase.pipeline import build, check

from .conftest import make_project, options, write_model
from .site_checks import broken_links

MODEL = (
    '---\ntitle: "Mô hình thử nghiệm"\nfield: "Kinh tế"\nunit: "Đơn vị thử nghiệm"\n'
    'district: "huyện Ba Tri"\nyear: 2024\n{extra}published: "01/11/2026"\n---\n{body}\n'
)


def _problems(content):
    return check(options(content))[2]


def test_ordinary_symbols_are_not_taken_for_tcvn3(empty_project):
    body = "Khẩu hiệu «Dân biết, dân bàn» được treo ở ấp. Diện tích 3×4 m, giá ½ triệu, © ảnh · ghi chú."
    write_model(empty_project, "a.md", MODEL.format(extra="", body=body))
    assert _problems(empty_project) == []


def test_empty_optional_records_are_absent(empty_project):
    write_model(empty_project, "a.md", MODEL.format(extra="decision:\nimages:\nsources:\ntags:\n", body="Thử."))
    assert _problems(empty_project) == []


def test_file_name_slug_is_checked_like_the_slug_key(empty_project):
    write_model(empty_project, "CON.md", MODEL.format(extra="", body="Thử."))
    assert [p.code for p in _problems(empty_project)] == ["slug-reserved"]


def test_body_headings_never_take_the_templates_ids(empty_project):
    write_model(empty_project, "a.md", MODEL.format(extra="", body="## Nội dung\n\nA\n\n## Nguồn\n\nB"))
    build(options(empty_project))
    html = (empty_project.parent / "site/mo-hinh/a/index.html").read_text(encoding="utf-8")
    assert '<h2 id="noi-dung-2">Nội dung</h2>' in html and '<h2 id="nguon-2">Nguồn</h2>' in html
    assert html.count('id="noi-dung"') == 1 and html.count('id="nguon"') == 1


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("thị xã Ba Tri", False),
        ("huyện Toàn tỉnh", False),
        ("Ba Tri", True),
        ("TP. Bến Tre", True),
        ("tp Bến Tre", True),
        ("TP Ba Tri", False),
    ],
)
def test_district_type_must_be_the_right_one(empty_project, value, accepted):
    write_model(empty_project, "a.md", MODEL.format(extra="", body="Thử.").replace("huyện Ba Tri", value))
    assert (_problems(empty_project) == []) == accepted


@pytest.mark.parametrize(
    ("file", "old", "new", "key"),
    [
        ("fields.yaml", "- id: kinh-te", '- id: ".."', None),
        ("fields.yaml", "- id: kinh-te", '- id: "Kinh Tế Biển"', None),
        ("districts.yaml", "- id: ba-tri", '- id: "../../mo-hinh/x"', None),
        ("fields.yaml", '  variants: ["lĩnh vực kinh tế", "phát triển kinh tế"]', '  variants: "phát triển"', None),
        ("figures.yaml", "value: 106", 'value: "106 mô hình"', "by_field"),
        ("figures.yaml", "    kinh-te:\n      value: 106", "    kinh-tee:\n      value: 106", "by_field"),
        ("replication.yaml", "field: kinh-te", "field: kinh-tee", "field"),
        ("site.yaml", 'default_level: "cap-tinh"', 'default_level: "cấp huyen"', "default_level"),
        ("site.yaml", "latest_on_home: 6", "latest_on_home: -1", "latest_on_home"),
    ],
)
def test_data_file_mistakes_are_problems_not_tracebacks(tmp_path, file, old, new, key):
    content = make_project(tmp_path)
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = _problems(content)
    assert problems and all(p.path == f"content/{file}" for p in problems)
    assert key is None or any(key in (p.key or "") for p in problems)


def test_default_level_may_be_written_as_its_label(tmp_path):
    content = make_project(tmp_path)
    path = content / "site.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('default_level: "cap-tinh"', 'default_level: "Cấp tỉnh"'),
        encoding="utf-8",
    )
    data, models, problems = check(options(content))
    assert problems == [] and data.settings.default_level == "cap-tinh"


def test_site_without_replication_file_has_no_link_to_it(tmp_path):
    content = make_project(tmp_path)
    (content / "replication.yaml").unlink()
    build(options(content))
    site = tmp_path / "site"
    assert not (site / "nhan-rong").exists()
    assert broken_links(site) == []


def test_body_images_are_checked_published_and_linked(empty_project):
    import shutil

    from .conftest import FIXTURES

    folder = empty_project / "mo-hinh" / "anh" / "b"
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "site/mo-hinh/2023/anh/truong-hoc.png", folder / "Ảnh Sân.PNG")
    body = 'Thử.\n\n![Sân trường](anh/b/Ảnh Sân.PNG "Ảnh: Nhóm kiểm thử")'
    write_model(empty_project, "a.md", MODEL.format(extra="", body=body))
    build(options(empty_project))
    site = empty_project.parent / "site"
    html = (site / "mo-hinh/a/index.html").read_text(encoding="utf-8")
    assert 'alt="Sân trường"' in html and 'src="anh-san-4.jpg"' in html
    assert '<figcaption><span class="credit">Ảnh: Nhóm kiểm thử</span></figcaption>' in html
    assert (site / "mo-hinh/a/anh-san-4.jpg").is_file() and (site / "mo-hinh/a/anh-san-4.webp").is_file()
    assert broken_links(site) == []


def test_missing_body_image_is_an_error_with_its_line(empty_project):
    write_model(empty_project, "a.md", MODEL.format(extra="", body='Thử.\n\n![x](anh/khong-co.jpg "Ảnh: A")'))
    problems = _problems(empty_project)
    assert [(p.code, p.line, p.got) for p in problems] == [("image-missing", 11, "anh/khong-co.jpg")]


def test_body_headings_start_at_h2_without_skipping(empty_project):
    write_model(empty_project, "a.md", MODEL.format(extra="", body="#### Cách làm\n\n##### Bước một\n\nA"))
    build(options(empty_project))
    html = (empty_project.parent / "site/mo-hinh/a/index.html").read_text(encoding="utf-8")
    assert '<h2 id="cach-lam">Cách làm</h2>' in html and '<h3 id="buoc-mot">Bước một</h3>' in html


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [("site.yaml", "per_page: 20", "per_pages: 20"), ("sources.yaml", 'date: "30/12/2024"', 'date: "31/02/2024"')],
)
def test_more_data_file_mistakes(tmp_path, file, old, new):
    content = make_project(tmp_path)
    path = content / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = _problems(content)
    assert problems and problems[0].path == f"content/{file}"
