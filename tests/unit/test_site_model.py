"""Pagination, facets and URLs."""

from __future__ import annotations

import dataclasses

import pytest

from showcase import cache, urls
from showcase.model import CommuneChange, Model, Reform, Source
from showcase.pages import PageKind, plan_pages
from showcase.sharing import card_of, share_for
from showcase.site_data import load_site_data
from showcase.site_model import build_site, page_count, page_slice, paginate

from ..conftest import make_project


@pytest.mark.parametrize(("items", "pages", "last"), [(0, 1, 0), (1, 1, 1), (20, 1, 20), (21, 2, 1), (41, 3, 1)])
def test_pagination(items, pages, last):
    slices = paginate(tuple(range(items)), 20)
    assert page_count(items, 20) == pages == len(slices)
    assert [s.number for s in slices] == list(range(1, pages + 1))
    assert len(slices[-1].items) == last
    assert sum(len(s.items) for s in slices) == items
    assert all(s.total == pages for s in slices)
    assert [page_slice(tuple(range(items)), 20, n) for n in range(1, pages + 1)] == slices


def test_urls():
    assert urls.model_url("xom-dao") == "/mo-hinh/xom-dao/"
    assert urls.term_url("linh-vuc", "kinh-te") == "/linh-vuc/kinh-te/"
    assert urls.term_url("linh-vuc", "kinh-te", 2) == "/linh-vuc/kinh-te/trang/2/"
    assert urls.output_path("/") == "index.html"
    assert urls.output_path("/nam/2024/trang/3/") == "nam/2024/trang/3/index.html"
    assert urls.output_path("/404.html") == "404.html"
    assert urls.link("https://dvk.example.vn/", "/nam/") == "/nam/"
    assert urls.link("https://host.example/xem-truoc/", "/nam/") == "/xem-truoc/nam/"
    assert urls.absolute("https://host.example/xem-truoc/", "/nam/") == "https://host.example/xem-truoc/nam/"


def _model(slug: str, title: str, year: int, field: str = "kinh-te", district: str = "ba-tri") -> Model:
    return Model(
        source_path=f"content/mo-hinh/{slug}.md",
        slug=slug,
        title=title,
        field=field,
        district=district,
        level="cap-tinh",
        unit="Đơn vị thử nghiệm",
        year=year,
        summary="",
        body_html="",
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    content = make_project(tmp_path_factory.mktemp("site-model"), models=None)
    loaded, problems = load_site_data(content, content.parent)
    assert problems == []
    return loaded


def test_models_sort_by_year_then_vietnamese_title(data):
    models = [
        _model("a", "Đường làng", 2024),
        _model("b", "Dân vận", 2024),
        _model("c", "Ấp mới", 2023),
        _model("d", "Zê", 2024),
        _model("e", "Ơn nghĩa", 2024),
    ]
    site = build_site(data, models)
    assert [m.title for m in site.models] == ["Dân vận", "Đường làng", "Ơn nghĩa", "Zê", "Ấp mới"]
    # the sort key is made with the model: a copy with another title sorts by the new one
    models[3] = dataclasses.replace(models[3], title="Ăn ở")
    assert [m.title for m in build_site(data, models).models] == ["Ăn ở", "Dân vận", "Đường làng", "Ơn nghĩa", "Ấp mới"]


def test_fingerprints_do_not_depend_on_the_titles_seen_before():
    """Two equal models, their titles equal but made apart (as two reads of one file make them), get the
    same fingerprints whatever the process sorted before: the kept fingerprints name cached pages."""
    first, second = ("".join(["Ấp ", "văn hóa ", str(n)]) for n in (7, 7))
    assert first == second and first is not second
    models = [_model("a", first, 2024), _model("a", second, 2024)]
    assert models[0] == models[1]
    assert cache.model_fingerprint(models[0]) == cache.model_fingerprint(models[1])
    assert cache.card_fingerprint(models[0]) == cache.card_fingerprint(models[1])


def test_facets_are_generic_and_complete(data):
    models = [
        _model(f"m{i}", f"Mô hình {i}", 2020 + i % 3, district="toan-tinh" if i % 2 else "ba-tri") for i in range(45)
    ]
    site = build_site(data, models)
    fields = site.facet("field")
    assert [t.id for t in fields.terms] == [
        "kinh-te",
        "van-hoa-xa-hoi",
        "quoc-phong-an-ninh",
        "xay-dung-dang-he-thong-chinh-tri",
    ]
    assert [len(t.models) for t in fields.terms] == [45, 0, 0, 0]
    assert [t.pages for t in fields.terms] == [3, 1, 1, 1]
    districts = site.facet("district")
    assert districts.terms[-1].id == "toan-tinh"  # the province-wide group comes after the districts
    # the file's (official administrative) order: the provincial city first
    assert [t.label for t in districts.terms[:3]] == ["Thành phố Bến Tre", "Huyện Châu Thành", "Huyện Chợ Lách"]
    years = site.facet("year")
    assert [t.id for t in years.terms] == ["2024", "2022", "2021", "2020"]  # 2024: official figures only
    for facet in site.facets:  # every model appears once per facet, in display order
        members = sorted(i for t in facet.terms for i in t.models)
        assert members == list(range(45))


def test_the_cards_pages_draw_are_the_cards_their_shares_name(data):
    """card_of answers model pages and redirects without share_for: it must agree with it on every page."""
    models = [_model(f"m{i}", f"Mô hình {i}", 2020 + i % 3) for i in range(25)]
    models[0] = dataclasses.replace(models[0], aliases=("ten-cu",))  # its old address: a redirect page
    site = build_site(data, models)
    pages = plan_pages(site)
    drawn = []
    for page in pages:
        share = share_for(site, page)
        expected = (share.image, share.card) if share is not None and share.card is not None else None
        assert card_of(site, page) == expected, page.url
        drawn += [page.kind] if expected else []
    assert PageKind.TERM in drawn and PageKind.HOME in drawn  # the comparison covered pages that draw one
    assert {PageKind.MODEL, PageKind.TERM, PageKind.REDIRECT} <= {page.kind for page in pages}


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("/mo-hinh/x/", "/mo-hinh/x/"),
        ("../x/", "../x/"),
        ("mailto:a@example.org", "mailto:a@example.org"),
        ("javascript:alert(1)", "#"),
        (" JaVaScRiPt:alert(1)", "#"),
        ("java\tscript:alert(1)", "#"),
        ("data:text/html,x", "#"),
        ("vbscript:x", "#"),
    ],
)
def test_safe_url(url, safe):
    from showcase.security import safe_url

    assert safe_url(url) == safe


@pytest.mark.parametrize("relative", ["../x", "a/../../x", "/etc/x", "a\\\\b", "C:/x", "", ".", "a/\x00"])
def test_writing_refuses_paths_outside_the_output(relative, tmp_path):
    from showcase.writing import UnsafePath, target

    with pytest.raises(UnsafePath):
        target(tmp_path, relative)


def test_writing_accepts_ordinary_paths(tmp_path):
    from showcase.writing import target

    assert target(tmp_path, "mo-hinh/x/index.html") == tmp_path / "mo-hinh/x/index.html"


def test_reform_change_found_by_district_and_any_spelling():
    """Two communes share a name across districts; old and new tone placement and case are one name;
    a commune listed twice in one district gives its first entry, as the list reads."""
    first = CommuneChange("xã Vĩnh Hòa", "cho-lach", "xã Hưng Khánh Trung", 66)
    reform = Reform(
        "{old}",
        Source("Nghị quyết"),
        (
            CommuneChange("xã Long Thới", "cho-lach", "xã Chợ Lách", 64),
            first,
            CommuneChange("xã Vĩnh Hòa", "ba-tri", "xã Ba Tri", 83),
            CommuneChange("xã Vĩnh Hòa", "cho-lach", "xã khác", 99),
        ),
    )
    assert reform.change_of("cho-lach", "Xã Vĩnh Hoà") is first
    assert reform.change_of("ba-tri", "xã Vĩnh Hòa").clause == 83
    assert reform.change_of("giong-trom", "xã Vĩnh Hòa") is None
    assert reform.change_of("cho-lach", "xã Vĩnh Thành") is None
