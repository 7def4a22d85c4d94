"""Photos: inspected, stripped of what they reveal, and made light for a phone on mobile data.

Editors add 3–10 MB phone photos with the place they were taken in their metadata. Each image is
opened once: its bytes are read, checked (the format its extension says, at most MAX_BYTES and
MAX_PIXELS, both known from the header before anything is decoded), then re-encoded from pixels:
nothing of the original file but its pixels and colour profile reaches the site, so GPS positions,
serial numbers, owners' names and anything appended to the file (an HTML "polyglot") are gone.
(Such a file is not refused: phones append data after the image too, a motion photo's video.)

Every image is published at the widths the layout uses (never upscaled) in WebP, with a JPEG (PNG
for images with transparency) for browsers without WebP, plus a 1200×630 picture for sharing.
Results are cached by content hash (cache/images/, safe to delete): a build with unchanged photos
decodes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import warnings
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PIL import Image, ImageOps, features

MAX_BYTES = 20 * 1024 * 1024  # a phone photo is 3–10 MB
MAX_PIXELS = 50_000_000  # 50 megapixels: ~200 MB decoded; a 20000×20000 "bomb" is 1.5 GiB
WIDTHS = (480, 800, 1200, 1600)  # the text column on phones at 1x, 2x, 3x, and wide screens
SHARE_SIZE = (1200, 630)  # what Facebook and Zalo show for a large link preview
WEBP_QUALITY = 72
JPEG_QUALITY = 80
VERSION = "2"  # part of every cache key: change it when the processing changes
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF", ".avif": "AVIF"}
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard, in case a header lies


@dataclass(frozen=True)
class Rendition:
    """One published file of an image: where it is in the cache, its size, its type."""

    file: str  # file name in the image's cache folder: "480.webp"
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Processed:
    """An image as the site publishes it: its renditions, widest last, and its sharing picture."""

    key: str  # the cache folder: content hash + VERSION
    width: int  # of the widest rendition, for width/height attributes
    height: int
    webp: tuple[Rendition, ...]
    fallback: tuple[Rendition, ...]  # JPEG, or PNG when the image has transparency
    share: Rendition


class ImageRefused(Exception):
    """The file is not an image this site publishes; code is the catalogue entry, expected its limit."""

    def __init__(self, code: str, expected: str, got: str):
        super().__init__(code, expected, got)
        self.code, self.expected, self.got = code, expected, got


def inspect(data: bytes, extension: str) -> Image.Image:
    """The opened image, after every check that needs no decoding; ImageRefused otherwise."""
    if len(data) > MAX_BYTES:
        raise ImageRefused("image-too-large", f"≤ {MAX_BYTES // 1024 // 1024} MB", f"{len(data) / 1024 / 1024:.1f} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(
            "image-too-large", f"≤ {MAX_PIXELS // 1_000_000} megapixel", "quá lớn / too many pixels"
        ) from None
    except (OSError, ValueError) as error:
        raise ImageRefused("image-not-image", FORMATS.get(extension, "?"), type(error).__name__) from None
    if image.format != FORMATS.get(extension):
        raise ImageRefused("image-not-image", FORMATS.get(extension, "?"), image.format or "?")
    if image.format == "AVIF" and not features.check("avif"):
        raise ImageRefused("image-not-image", "JPEG, PNG, WebP, GIF", "AVIF")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageRefused(
            "image-too-large",
            f"≤ {MAX_PIXELS // 1_000_000} megapixel",
            f"{width}×{height} ({width * height / 1_000_000:.0f} megapixel)",
        )
    return image


def cache_key(data: bytes) -> str:
    return f"{hashlib.sha256(data).hexdigest()[:32]}-v{VERSION}"


def process(data: bytes, extension: str, cache_dir: Path) -> tuple[Processed, bool]:
    """The image's renditions, from the cache when its bytes were processed before; (result, processed now)."""
    image = inspect(data, extension)
    folder = cache_dir / "images" / cache_key(data)
    cached = _read_manifest(folder)
    if cached is not None:
        return cached, False
    _decode_smaller(image)
    try:
        image.load()
    except (OSError, ValueError) as error:
        raise ImageRefused("image-not-image", FORMATS.get(extension, "?"), f"{type(error).__name__}") from None
    result = _render(image, folder)
    return result, True


def _decode_smaller(image: Image.Image) -> None:
    """Let JPEG decode at 1/2, 1/4 or 1/8 scale when even the widest rendition needs no more: a 12-megapixel
    photo then decodes ~4 times faster. The orientation is applied after decoding, so a photo stored on
    its side needs its stored height to cover the widest width."""
    if image.format != "JPEG":
        return
    sideways = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    image.draft("RGB", (1, WIDTHS[-1]) if sideways else (WIDTHS[-1], 1))


def _render(image: Image.Image, folder: Path) -> Processed:
    """Write every rendition of image into folder (atomically: a half-written folder is never used)."""
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)  # the orientation the phone recorded, applied to the pixels
    transparent = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if transparent else "RGB")
    image.info.clear()  # nothing of the original's metadata (EXIF, XMP, comments) may be written again
    temporary = folder.with_name(folder.name + f".{os.getpid()}.tmp")
    temporary.mkdir(parents=True, exist_ok=True)
    webp, fallback = [], []
    source = image
    for width in sorted(_widths(image.width), reverse=True):  # each width from the next wider: less to resample
        size = (width, max(1, round(image.height * width / image.width)))
        resized = source if width == source.width else source.resize(size, Image.Resampling.LANCZOS)
        webp.append(_save(resized, temporary / f"{width}.webp", "WEBP", icc))
        fallback.append(
            _save(
                resized, temporary / f"{width}.{'png' if transparent else 'jpg'}", "PNG" if transparent else "JPEG", icc
            )
        )
        if width == max(_widths(image.width)):
            share_source = resized
        source = resized
    webp.reverse()
    fallback.reverse()
    share_image = ImageOps.fit(share_source.convert("RGB"), SHARE_SIZE, Image.Resampling.LANCZOS)
    share = _save(share_image, temporary / "share.jpg", "JPEG", icc)
    widest = webp[-1]
    result = Processed(folder.name, widest.width, widest.height, tuple(webp), tuple(fallback), share)
    (temporary / "manifest.json").write_text(json.dumps(_as_json(result)), encoding="utf-8")
    try:
        os.replace(temporary, folder)
    except OSError:  # another worker finished the same image first: keep theirs
        _discard(temporary)
    return result


def _widths(original: int) -> list[int]:
    """The layout's widths below the original, and the original itself when it is narrower than the widest."""
    widths = [width for width in WIDTHS if width < original]
    if original <= WIDTHS[-1]:
        widths.append(original)
    return widths or [WIDTHS[-1]]


def _save(image: Image.Image, path: Path, format_name: str, icc: bytes | None) -> Rendition:
    """Encode pixels only: no EXIF, XMP, IPTC or comment is passed on; the colour profile is kept."""
    options: dict = {"icc_profile": icc} if icc else {}
    if format_name == "JPEG":
        options |= {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
    elif format_name == "WEBP":
        options |= {"quality": WEBP_QUALITY, "method": 4}
    elif format_name == "PNG":
        options |= {"optimize": True}
    image.save(path, format_name, **options)
    mime = {"JPEG": "image/jpeg", "WEBP": "image/webp", "PNG": "image/png"}[format_name]
    return Rendition(path.name, image.width, image.height, mime)


def _as_json(result: Processed) -> dict:
    rendition = lambda r: [r.file, r.width, r.height, r.mime]  # noqa: E731
    return {
        "key": result.key,
        "width": result.width,
        "height": result.height,
        "webp": [rendition(r) for r in result.webp],
        "fallback": [rendition(r) for r in result.fallback],
        "share": rendition(result.share),
    }


def _read_manifest(folder: Path) -> Processed | None:
    """A cached result, if its folder is complete; anything unreadable is treated as absent."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        result = Processed(
            data["key"],
            data["width"],
            data["height"],
            tuple(Rendition(*r) for r in data["webp"]),
            tuple(Rendition(*r) for r in data["fallback"]),
            Rendition(*data["share"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    files = (*result.webp, *result.fallback, result.share)
    return result if all((folder / r.file).is_file() for r in files) else None


def _discard(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink(missing_ok=True)
    folder.rmdir()


@dataclass(frozen=True)
class ImageFile:
    """A checked image: its path in the project and, when built, its published renditions."""

    path: str  # relative to the project root
    processed: Processed | None  # None when only checked (build.py check)
    fresh: bool = False  # processed by this build (not taken from the cache)


def load(root: Path, content_dir: Path, path: str, cache_dir: Path | None) -> ImageFile:
    """Open the image once, check it, and process it (or find it in the cache) when cache_dir is given.

    The file is read through one open handle: what is checked is what is published, even if the
    file is swapped for a symlink meanwhile.
    """
    data = read_once(root / path, content_dir)
    extension = Path(path).suffix.lower()
    if cache_dir is None:
        inspect(data, extension)
        return ImageFile(path, None)
    processed, fresh = process(data, extension, cache_dir)
    return ImageFile(path, processed, fresh)


def read_once(file: Path, inside: Path) -> bytes:
    """The bytes of a regular file under `inside`, at most MAX_BYTES, read through one handle."""
    try:
        resolved = file.resolve(strict=True)
        if not resolved.is_relative_to(inside.resolve()):
            raise ImageRefused("path-unsafe", "một tệp trong content/", str(resolved))
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(resolved, flags)
    except OSError as error:
        raise ImageRefused("path-unsafe", "một tệp ảnh trong content/", str(error.strerror)) from None
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise ImageRefused("path-unsafe", "một tệp ảnh thường", str(file))
        if status.st_size > MAX_BYTES:
            raise ImageRefused(
                "image-too-large", f"≤ {MAX_BYTES // 1024 // 1024} MB", f"{status.st_size / 1024 / 1024:.1f} MB"
            )
        return stream.read(MAX_BYTES + 1)


SIZES = "(min-width: 44rem) 40rem, calc(100vw - 2rem)"  # the text column (style.css: .prose max-width)


def rendition_name(stem: str, rendition: Rendition) -> str:
    """The published name of a rendition, beside the page: "de-bao-480.webp", "de-bao-chia-se.jpg"."""
    suffix = "chia-se" if rendition.file.startswith("share") else rendition.file.split(".")[0]
    return f"{stem}-{suffix}.{rendition.file.rsplit('.', 1)[1]}"


def picture_html(stem: str, processed: Processed, alt: str, lazy: bool = True, base: str = "") -> str:
    """<picture> markup for an image: WebP first, the fallback for older browsers, every width with
    srcset and sizes, and width/height so the page does not move while it loads."""

    def srcset(renditions: tuple[Rendition, ...]) -> str:
        return ", ".join(f"{escape(base + rendition_name(stem, r))} {r.width}w" for r in renditions)

    middle = processed.fallback[min(1, len(processed.fallback) - 1)]
    loading = ' loading="lazy" decoding="async"' if lazy else ' fetchpriority="high"'
    return (
        f'<picture><source type="image/webp" srcset="{srcset(processed.webp)}" sizes="{SIZES}">'
        f'<img src="{escape(base + rendition_name(stem, middle))}" srcset="{srcset(processed.fallback)}" '
        f'sizes="{SIZES}" width="{processed.width}" height="{processed.height}" alt="{escape(alt)}"{loading}>'
        "</picture>"
    )


def published_files(stem: str, processed: Processed) -> list[tuple[str, str]]:
    """(file in the cache folder, published name) of every rendition of an image."""
    return [(r.file, rendition_name(stem, r)) for r in (*processed.webp, *processed.fallback, processed.share)]
