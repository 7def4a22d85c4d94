"""Wording checks: the Vietnamese of an official site, kept so without a reviewer remembering the rules.

- English words in visible Vietnamese text ("website", "link", "online"…): `text-english`.
- Old and new tone-mark placement mixed in one file ("hòa" beside "thuỷ"): `tone-style-mixed`.
- A sentence in a template that contains a digit: a fact in a template (`template-fact`); facts
  belong in content/, next to their source.

All are warnings (errors under --strict, as in CI). Names as recorded (title, unit) and text in
quotation marks are the sources' words and are never checked.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .problems import Problem, problem

# English words that have plain Vietnamese equivalents an official site uses (docs/thuat-ngu.md).
ENGLISH = {
    "website": "trang thông tin",
    "web": "trang thông tin",
    "link": "đường dẫn, liên kết",
    "online": "trực tuyến",
    "offline": "trực tiếp",
    "click": "bấm, nhấn",
    "download": "tải về",
    "upload": "tải lên",
    "share": "chia sẻ",
    "post": "bài đăng, đăng",
    "update": "cập nhật",
    "admin": "quản trị",
    "fanpage": "trang",
    "hotline": "đường dây nóng",
    "deadline": "hạn chót",
    "feedback": "ý kiến",
    "email": "thư điện tử",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_QUOTED = re.compile(r"“[^”]*”|`[^`]*`|https?://\S+|\]\([^)]*\)")
_SKIPPED_KEYS = re.compile(r"^\s*(title|unit|slug|aliases|url|file)\s*:")  # names as recorded, addresses

# Tone placement differs only in open syllables oa, oe, uy (not after q): old "hòa, khỏe, thủy",
# new "hoà, khoẻ, thuỷ". With a final consonant (hoàn, loại) both styles agree.
_OLD = re.compile(r"(?<![q])(?:[òóỏõọ][ae]|[ùúủũụ]y)$")
_NEW = re.compile(r"(?<![q])(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])$")


def english_words(text: str) -> list[str]:
    """The English words of text (outside quotation marks, code and addresses), in order."""
    visible = _QUOTED.sub(" ", text)
    return [word for word in _WORD.findall(visible) if word.lower() in ENGLISH]


def tone_styles(text: str) -> tuple[list[str], list[str]]:
    """(old-style syllables, new-style syllables) of text, outside quotation marks."""
    words = _WORD.findall(unicodedata.normalize("NFC", _QUOTED.sub(" ", text)))
    return ([w for w in words if _OLD.search(w.lower())], [w for w in words if _NEW.search(w.lower())])


def check_model_text(path: str, text: str, first_line: int = 1) -> list[Problem]:
    """English words and mixed tone styles in a model file's text, each at its line."""
    problems = []
    first_style: dict[str, tuple[int, str]] = {}
    for offset, line in enumerate(text.split("\n")):
        if _SKIPPED_KEYS.match(line):
            continue
        number = first_line + offset
        for word in english_words(line):
            problems.append(problem("text-english", path, number, expected=ENGLISH[word.lower()], got=word))
        old, new = tone_styles(line)
        for style, found in (("old", old), ("new", new)):
            if found:
                first_style.setdefault(style, (number, found[0]))
    if len(first_style) == 2:
        (old_line, old_word), (new_line, new_word) = first_style["old"], first_style["new"]
        problems.append(
            problem(
                "tone-style-mixed",
                path,
                max(old_line, new_line),
                got=f"{old_word} (dòng/line {old_line}), {new_word} (dòng/line {new_line})",
            )
        )
    return problems


# -- templates ------------------------------------------------------------------------------------

_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_TAG = re.compile(r"<[^>]*>", re.S)
_DIGIT = re.compile(r"\d")
# Names of standards carry digits but state no fact: "UTF-8", "ISO 8601".
_STANDARD_NAME = re.compile(r"\b(?:UTF-8|ISO 8601)\b")


def template_facts(layouts_dir: Path, root: Path) -> list[Problem]:
    """Every line of template text (not markup, not Jinja) that contains a digit: a fact in a template."""
    problems = []
    for template in sorted(layouts_dir.rglob("*.html")):
        path = template.relative_to(root).as_posix() if template.is_relative_to(root) else template.as_posix()
        source = template.read_text(encoding="utf-8")
        text = _TAG.sub(
            lambda m: "\n" * m.group(0).count("\n"), _JINJA.sub(lambda m: "\n" * m.group(0).count("\n"), source)
        )
        for number, line in enumerate(text.split("\n"), 1):
            if _DIGIT.search(_STANDARD_NAME.sub("", line)):
                problems.append(problem("template-fact", path, number, got=line.strip()[:80]))
    return problems
