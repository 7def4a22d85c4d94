"""Text hygiene: invisible characters, and Vietnamese pasted in legacy encodings.

Editors paste from Word, old documents and chat apps. Invisible characters are removed before
anything else sees the text; text typed in VNI or TCVN3 fonts, or UTF-8 decoded twice, is reported
with how to convert it, because publishing it would show garbage under an official name.
"""

from __future__ import annotations

import re

# Zero-width and formatting characters, soft hyphen, BOM, and C0/C1 controls other than \t and \n.
# Also: bidi marks and isolates (U+061C, U+2066–2069), Hangul fillers, the Braille blank and tag characters,
# which look like nothing and can hide a value or reorder what a reader sees.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u115f\u1160\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2800\u3164\ufeff\uffa0"
    "\x00-\x08\x0e-\x1f\x7f-\x9f\U000e0000-\U000e007f]"
)
_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")  # Word's manual line break (U+000B) and friends

# UTF-8 read as Windows-1252/Latin-1: "MÃ´ hÃ¬nh", "Ä‘á»•i má»›i".
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152-\u0178]|á[º»]|Æ[°¡]|Ä[‘\u0090\u0091]|â€")
# VNI typed text shown in a Unicode font: "Moâ hình Daân vaän kheùo", "ñöôøng".
_VNI = re.compile("[aeiouyAEIOUY][ùøûõïÙØÛÕÏ]|[aeoAEO][âäêÂÄÊ]|ñ|Ñ|ö[ôø]")
# TCVN3 (ABC) typed text shown in a Unicode font: "M« h×nh D©n vËn khÐo". Its letters sit inside
# words, right after a Latin letter; « », ×, ½ or © standing alone are ordinary punctuation.
_TCVN3 = re.compile("[A-Za-z][«×¸µ¶·¹¨©ª¬®ÐËÜ]")


LEGACY_NAMES = {  # how messages name each legacy encoding: (Vietnamese, English)
    "vni": ("VNI", "VNI"),
    "tcvn3": ("TCVN3 (ABC)", "TCVN3 (ABC)"),
    "mojibake": ("UTF-8 bị đọc hai lần", "UTF-8 decoded twice"),
}


# Either of the two: one pass tells that a text (nearly every model file) has nothing to clean.
_INVISIBLE_OR_BREAK = re.compile(f"[{_INVISIBLE.pattern[1:-1]}{_BREAKS.pattern[1:-1]}]")


def clean_invisible(text: str) -> str:
    """Drop characters nobody can see, so they never reach a URL, a slug or the HTML."""
    return _INVISIBLE.sub("", _BREAKS.sub(" ", text))


def cleaned(text: str) -> tuple[str, frozenset[int]]:
    """clean_invisible(text) and invisible_lines(text), in one pass over a text with neither kind of
    character (three passes took 40 µs of a model file's 240 µs of reading)."""
    if _INVISIBLE_OR_BREAK.search(text) is None:
        return text, frozenset()
    return clean_invisible(text), invisible_lines(text)


def invisible_lines(text: str) -> frozenset[int]:
    """The lines (from 1) of text that hold characters clean_invisible removes: a value that was only
    such characters becomes empty, and saying where is kinder than silently dropping it."""
    return frozenset(text.count("\n", 0, match.start()) + 1 for match in _INVISIBLE.finditer(text))


def _found_by_last_character(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern matching where any of `patterns` matches, found by the match's last character.

    A pattern that starts with one character class lets the regex engine skip ahead to the next
    candidate; trying each alternative at every position of a 3 kB body cost eight times as much.
    The alternatives of the patterns (characters and classes, no nesting) then become lookbehinds, one
    for each length, as a lookbehind's alternatives must all have one length."""
    alternatives = [alternative for pattern in patterns for alternative in pattern.pattern.split("|")]
    last = "".join(a[a.rindex("[") + 1 : -1] if a.endswith("]") else a[-1] for a in alternatives)
    by_length: dict[int, list[str]] = {}
    for alternative in alternatives:
        by_length.setdefault(len(re.sub(r"\[[^\]]*\]", ".", alternative)), []).append(alternative)
    behind = "|".join(f"(?<={'|'.join(group)})" for _, group in sorted(by_length.items(), reverse=True))
    return re.compile(f"[{last}](?:{behind})")


_ANY_LEGACY = _found_by_last_character(_MOJIBAKE, _VNI, _TCVN3)


def has_legacy_marks(text: str) -> bool:
    """Cheap whole-text screen (one pass): False means no line can be in a legacy encoding, that is
    none of _MOJIBAKE, _VNI and _TCVN3 matches (tests/unit/test_editor_text.py checks they agree)."""
    return _ANY_LEGACY.search(text) is not None


def legacy_encoding(text: str) -> str | None:
    """Name the legacy encoding text seems to be in: 'mojibake', 'vni', 'tcvn3', or None (at once when
    the one-pass screen finds none of their marks, as for nearly every value)."""
    if not has_legacy_marks(text):
        return None
    if len(_MOJIBAKE.findall(text)) >= 1:
        return "mojibake"
    if len(_TCVN3.findall(text)) >= 2:
        return "tcvn3"
    if len(_VNI.findall(text)) >= 2:
        return "vni"
    return None
