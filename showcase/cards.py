"""Share cards: the picture a link preview shows (og:image) for a page without a photo of its own.

1200×630 like the photos' sharing renditions: the site's name, the page's title and one more line
(a model's field), white on the site's dark red. Drawn as a 16-colour PNG (an antialiased text mask
mapped onto a palette), ~22 KB and ~9 ms to draw. Cached by text (cache/cards/).

The font must render Vietnamese: DejaVu Sans (Debian's fonts-dejavu-core, installed by
scripts/setup.sh; licence: Bitstream Vera / public domain, see README), else a system font that has
Vietnamese (Windows' Segoe UI or Arial, macOS's Arial). With none of them the card keeps its colours
and drops the text rather than draw wrong letters.
"""

from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
MARGIN = 64
BACKGROUND = (138, 28, 28)  # --accent in style.css
FOREGROUND = (255, 255, 255)
VERSION = "1"
FONT_FILES = {
    "bold": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "C:/Windows/Fonts/segoeuib.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    ),
    "regular": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "C:/Windows/Fonts/segoeui.ttf",
        "C:/Windows/Fonts/arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
    ),
}
_PALETTE = [
    round(BACKGROUND[c] + (FOREGROUND[c] - BACKGROUND[c]) * level / 15) for level in range(16) for c in range(3)
]
_LEVELS = [value >> 4 for value in range(256)]  # an 8-bit text mask → 16 palette levels


@lru_cache(maxsize=8)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont | None:
    """A font with Vietnamese letters, or None when the machine has none of the known ones."""
    for candidate in FONT_FILES[weight]:
        if os.path.isfile(candidate):
            return ImageFont.truetype(candidate, size)
    return None


def card_png(site_name: str, title: str, detail: str = "") -> bytes:
    """The card as PNG bytes."""
    mask = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(mask)
    small, large = font("regular", 32), font("bold", 60)
    if small is not None and large is not None:
        draw.text((MARGIN, MARGIN), _fit(site_name, small, 1)[0], font=small, fill=220)
        lines = _fit(title, large, 4)
        top = (SIZE[1] - len(lines) * 76) // 2
        for number, line in enumerate(lines):
            draw.text((MARGIN, top + number * 76), line, font=large, fill=255)
        if detail:
            draw.text((MARGIN, SIZE[1] - MARGIN - 40), _fit(detail, small, 1)[0], font=small, fill=200)
    card = Image.frombytes("P", SIZE, mask.point(_LEVELS).tobytes())
    card.putpalette(_PALETTE)
    buffer = io.BytesIO()
    card.save(buffer, "PNG", compress_level=3)  # level 3: ~4 ms and ~22 KB; 6 would be 7 ms for 18 KB
    return buffer.getvalue()


def _fit(text: str, face: ImageFont.FreeTypeFont, most: int) -> list[str]:
    """text wrapped to the card's width in at most `most` lines, the last cut with “…” if needed."""
    width = SIZE[0] - 2 * MARGIN
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if face.getlength(trial) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > most:
        lines = lines[:most]
        while lines[-1] and face.getlength(lines[-1] + " …") > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += " …"
    return lines


def write_card(destination: Path, cache_dir: Path, site_name: str, title: str, detail: str = "") -> bool:
    """Put the card at destination, from the cache when the same text was drawn before; True if drawn now."""
    key = hashlib.sha256("\x1f".join((VERSION, site_name, title, detail)).encode("utf-8")).hexdigest()[:32]
    cached = cache_dir / "cards" / f"{key}.png"
    drawn = False
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f"{key}.{os.getpid()}.tmp")
        temporary.write_bytes(card_png(site_name, title, detail))
        os.replace(temporary, cached)
        drawn = True
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(cached, destination)
    except OSError:
        destination.write_bytes(cached.read_bytes())
    return drawn
