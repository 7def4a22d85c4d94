"""Photos from phones: private, checked, light, cached, and a share picture for every page."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from showcase import images
from showcase.pipeline import build, check

from .conftest import BASE_URL, make_project, options, write_model
from .photos import OWNER, SERIAL, photo, png_header_only, polyglot, write
from .site_checks import html_pages, parse

MODEL = (
    '---\ntitle: "{title}"\nfield: "Kinh tế"\nunit: "Đơn vị thử nghiệm"\ndistrict: "huyện Ba Tri"\nyear: 2024\n'
    "{extra}"
    'published: "01/11/2026"\n---\nDữ liệu thử nghiệm.\n\n{body}\n'
)
IMAGE = 'images:\n  - file: "{file}"\n    alt: "Ảnh thử nghiệm"\n    credit: "Nhóm kiểm thử"\n'


def codes(problems) -> list[str]:
    return [p.code for p in problems]


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """A site with a 4000×3000 phone photo (GPS, serial, owner, sideways, colour profile) and a body picture."""
    tmp = tmp_path_factory.mktemp("photos")
    content = make_project(tmp, models=None)
    folder = content / "mo-hinh" / "anh"
    write(folder, "de-bao.jpg", photo(orientation=6, icc=True))
    write(folder, "ruong.jpg", photo(2400, 1600, seed=3))
    write_model(
        content,
        "co-anh.md",
        MODEL.format(
            title="Mô hình có ảnh",
            extra=IMAGE.format(file="anh/de-bao.jpg"),
            body='![Ruộng lúa của ấp](anh/ruong.jpg "Ảnh: Nhóm kiểm thử")',
        ),
    )
    write_model(content, "khong-anh.md", MODEL.format(title="Mô hình không có ảnh", extra="", body=""))
    first = build(options(content))
    second = build(options(content))
    return tmp / "site", content, first, second


def test_no_published_image_carries_gps_serial_owner_or_comments(photo_site):
    site, *_ = photo_site
    published = [p for p in site.rglob("*") if p.suffix in (".jpg", ".webp", ".png")]
    assert len(published) > 10
    for path in published:
        raw = path.read_bytes()
        assert SERIAL.encode() not in raw and b"Nguyen Van Chu May" not in raw and b"xmpmeta" not in raw, path
        assert OWNER.encode("utf-8") not in raw, path
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825) and 0xA431 not in exif and 0xA430 not in exif, path
            assert "comment" not in image.info and "xmp" not in image.info, path


def test_orientation_is_applied_and_the_colour_profile_kept(photo_site):
    site, *_ = photo_site
    with Image.open(site / "mo-hinh/co-anh/de-bao-1600.jpg") as image:
        assert image.size == (1600, 2133)  # stored 4000×3000 lying on its side
        assert image.getexif().get(0x0112) in (None, 1)
        assert image.info.get("icc_profile")


def test_pictures_have_widths_webp_fallback_and_no_layout_shift(photo_site):
    site, *_ = photo_site
    page = (site / "mo-hinh/co-anh/index.html").read_text(encoding="utf-8")
    for width in (480, 800, 1200, 1600):
        assert f"de-bao-{width}.webp {width}w" in page and f"de-bao-{width}.jpg {width}w" in page
    assert 'width="1600" height="2133"' in page and 'fetchpriority="high"' in page  # the lead picture
    assert "ruong-1600.webp 1600w" in page and 'loading="lazy"' in page  # the body picture, below
    assert '<figcaption><span class="credit">Ảnh: Nhóm kiểm thử</span></figcaption>' in page
    assert not (site / "mo-hinh/co-anh/de-bao.jpg").exists()  # the original is never published


def test_widths_are_never_upscaled(tmp_path):
    small = photo(700, 500)
    result, fresh = images.process(small, ".jpg", tmp_path)
    assert fresh and [r.width for r in result.webp] == [480, 700]


def test_a_warm_rebuild_processes_nothing_and_changes_nothing(photo_site):
    _, _, first, second = photo_site
    assert first.images_processed == 2 and first.cards_drawn > 0
    assert second.images_processed == 0 and second.cards_drawn == 0


def test_every_page_has_a_share_picture_that_exists(photo_site):
    site, *_ = photo_site
    for page in html_pages(site):
        parsed = parse(page)
        if parsed.meta.get("robots") == "noindex" and page.name == "index.html" and "Trang đã chuyển" in parsed.title:
            continue
        text = page.read_text(encoding="utf-8")
        image = text.split('property="og:image" content="', 1)[1].split('"', 1)[0]
        assert image.startswith(BASE_URL), page
        with Image.open(site / urlsplit(image).path.lstrip("/")) as picture:
            assert picture.size == (1200, 630), page
        assert 'property="og:image:alt" content="' in text and 'name="twitter:card"' in text, page
    model = (site / "mo-hinh/co-anh/index.html").read_text(encoding="utf-8")
    assert 'content="https://kiem-thu.example/mo-hinh/co-anh/de-bao-chia-se.jpg"' in model
    assert 'property="og:image:alt" content="Ảnh thử nghiệm"' in model
    plain = (site / "mo-hinh/khong-anh/index.html").read_text(encoding="utf-8")
    assert 'content="https://kiem-thu.example/linh-vuc/kinh-te/chia-se.png"' in plain  # its field's card
    assert not (site / "mo-hinh/khong-anh/chia-se.png").exists()  # no card drawn per model


def test_cards_show_vietnamese_text(photo_site):
    """The card is drawn in a font with Vietnamese letters: the title area is not blank."""
    site, *_ = photo_site
    with Image.open(site / "linh-vuc/kinh-te/chia-se.png") as card:
        colours = card.convert("RGB").getcolors(maxcolors=64)
    assert colours and len(colours) > 4  # background, text, and the antialiased steps between


# -- what is refused -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("trang.jpg", b"<!DOCTYPE html><html><body>x</body></html>", "image-not-image"),
        ("hinh.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image-not-image"),
        ("png-that-is-jpeg.png", None, "image-not-image"),
        ("bom.png", png_header_only(20000, 20000), "image-too-large"),
        ("qua-lon.jpg", b"\xff\xd8\xff" + b"\x00" * (21 * 1024 * 1024), "image-too-large"),
    ],
    ids=["html-as-jpg", "svg-as-png", "wrong-format", "decompression-bomb", "30-mb"],
)
def test_bad_images_are_refused_with_the_limit_and_the_fix(empty_project, name, data, code):
    data = {"png-that-is-jpeg.png": photo(64, 48)}.get(name, data)
    write(empty_project / "mo-hinh" / "anh", name, data)
    write_model(empty_project, "a.md", MODEL.format(title="A", extra=IMAGE.format(file=f"anh/{name}"), body=""))
    problems = check(options(empty_project))[2]
    assert [(p.code, p.line, p.key) for p in problems] == [(code, 8, "images.file")]
    assert problems[0].hint and name in problems[0].got


def test_a_jpeg_with_a_page_appended_is_published_without_it(empty_project):
    """A JPEG/HTML polyglot is a JPEG: it is re-encoded from its pixels, so the page never reaches the site."""
    write(empty_project / "mo-hinh" / "anh", "ghep.jpg", polyglot())
    write_model(empty_project, "a.md", MODEL.format(title="A", extra=IMAGE.format(file="anh/ghep.jpg"), body=""))
    build(options(empty_project))
    published = list((empty_project.parent / "site/mo-hinh/a").glob("ghep-*"))
    assert published and not any(b"<script" in path.read_bytes() for path in published)


def test_alt_text_and_credit_are_required(empty_project):
    write(empty_project / "mo-hinh" / "anh", "a.jpg", photo(64, 48))
    extra = 'images:\n  - file: "anh/a.jpg"\n    alt: "Ảnh"\n'
    write_model(empty_project, "a.md", MODEL.format(title="A", extra=extra, body="![](anh/a.jpg)"))
    found = sorted((p.code, p.key) for p in check(options(empty_project))[2])
    assert found == [
        ("image-alt-missing", "(nội dung)"),
        ("image-credit-missing", "(nội dung)"),
        ("key-missing", "images.credit"),
    ]


def test_an_image_name_stored_decomposed_is_found(empty_project):
    stored = unicodedata.normalize("NFD", "Đê bao.jpg")
    write(empty_project / "mo-hinh" / "anh", stored, photo(64, 48))
    write_model(empty_project, "a.md", MODEL.format(title="A", extra=IMAGE.format(file="anh/Đê bao.jpg"), body=""))
    assert check(options(empty_project))[2] == []


def test_a_near_miss_image_name_gets_the_right_name(empty_project):
    write(empty_project / "mo-hinh" / "anh", "Cau-Moi.JPG", photo(64, 48))
    write_model(empty_project, "a.md", MODEL.format(title="A", extra=IMAGE.format(file="anh/cau-moi.jpg"), body=""))
    [missing] = check(options(empty_project))[2]
    assert missing.code == "file-name-near" and missing.expected == "anh/Cau-Moi.JPG"


def test_each_image_file_is_opened_once(empty_project, monkeypatch):
    write(empty_project / "mo-hinh" / "anh", "a.jpg", photo(640, 480))
    write_model(empty_project, "a.md", MODEL.format(title="A", extra=IMAGE.format(file="anh/a.jpg"), body=""))
    opened: list[Path] = []
    real = images.read_once
    monkeypatch.setattr(images, "read_once", lambda file, inside: opened.append(file) or real(file, inside))
    build(options(empty_project))
    assert [path.name for path in opened] == ["a.jpg"]
    assert not (empty_project.parent / "site/mo-hinh/a/a.jpg").exists()
