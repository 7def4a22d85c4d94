"""Test photos, made by the tests themselves: a scene with texture like a phone photo's, with the
metadata phones write (GPS position, camera serial, owner), and hostile files that pretend to be images."""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

GPS = {1: "N", 2: (10.0, 14.0, 30.5), 3: "E", 4: (106.0, 22.0, 12.3)}  # a place in Bến Tre
SERIAL, OWNER = "SN-TEST-0042", "Nguyễn Văn Chủ Máy"


def photo(
    width: int = 4000, height: int = 3000, seed: int = 1, orientation: int | None = None, icc: bool = False
) -> bytes:
    """A JPEG like a phone's: sky, fields, trees and grain, with GPS, serial, owner, XMP and a comment."""
    rng = random.Random(seed)
    small = Image.new("RGB", (width // 8, height // 8))
    draw = ImageDraw.Draw(small)
    horizon = small.height * 2 // 5
    for y in range(small.height):
        shade = y / small.height
        color = (
            (90 + int(80 * shade), 150 + int(60 * shade), 230)
            if y < horizon
            else (60 + int(40 * shade), 120 + int(50 * shade), 40)
        )
        draw.line([(0, y), (small.width, y)], fill=color)
    for _ in range(60):
        x, y, r = rng.randrange(small.width), rng.randrange(horizon - 20, small.height), rng.randrange(4, 30)
        draw.ellipse([x - r, y - 2 * r, x + r, y], fill=(20 + rng.randrange(40), 80 + rng.randrange(60), 30))
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 18).convert("RGB")
    image = Image.blend(image, grain, 0.22)  # grain like a phone sensor's: real photos do not compress to nothing
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh thử"  # Make
    exif[0xA431] = SERIAL  # BodySerialNumber (in the Exif IFD below too)
    exif[0xA430] = OWNER  # CameraOwnerName
    exif.get_ifd(0x8769)[0xA431] = SERIAL
    exif.get_ifd(0x8769)[0xA430] = OWNER
    exif.get_ifd(0x8825).update(GPS)
    if orientation:
        exif[0x0112] = orientation
    options = {"exif": exif, "quality": 90, "comment": b"chu so huu: Nguyen Van Chu May"}
    if icc:
        options["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    data = buffer.getvalue()
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="10,14.5N" '
        b'dc:creator="Nguyen Van Chu May"/></rdf:RDF></x:xmpmeta>'
    )
    segment = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(segment) + 2) + segment + data[2:]


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width×height in its header and carries almost no data: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def polyglot() -> bytes:
    """A real JPEG with an HTML page appended: a browser may read it as a page."""
    return photo(64, 48) + b"<html><script>alert(document.cookie)</script></html>"


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path
