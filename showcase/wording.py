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
_LETTER = re.compile(r"[^\W\d_]")
# Quotations, code and addresses: the sources' words, never checked. None runs over a line's end.
_QUOTED = re.compile(r"“[^”\n]*”|`[^`\n]*`|https?://\S+|\]\([^)\n]*\)")
# Lines of names as recorded and addresses: title, unit, slug, aliases, url, file. Stated as
# r"^[^\S\n]*(?:title|…)[^\S\n]*:.*$" with re.M, but written to start with the line break before the
# line, which the regex engine finds at once: "^" is tried at every character (16 µs a model, now 6).
# Used through without_skipped_lines, which adds the first line's "\n" and keeps each line break.
_SKIPPED_LINES = re.compile(r"(\n)[^\S\n]*(?:title|unit|slug|aliases|url|file)[^\S\n]*:[^\n]*")
# The patterns look for a word's end: where it starts is looked at only on a hit (check_model_text).
_ENGLISH_END = re.compile(rf"(?:{'|'.join(sorted(ENGLISH, key=len, reverse=True))})(?![^\W\d_])")
# Tone placement differs only in open syllables oa, oe, uy (not after q): old "hòa, khỏe, thủy",
# new "hoà, khoẻ, thuỷ". With a final consonant (hoàn, loại) both styles agree. On lower-cased text.
# Each starts with the rarer of its two letters, a character class the regex engine skips ahead to,
# and looks behind for the rest: trying the alternatives at every position cost four times as much.
# So a "new" match starts at its second letter; word_start finds the word's start from either.
_STYLE_ENDS = {
    "old": re.compile(r"[òóỏõọùúủũụ](?:(?<=[òóỏõọ])[ae]|(?<=[ùúủũụ])y)(?<!q..)(?![^\W\d_])"),
    "new": re.compile(r"[àáảãạèéẻẽẹỳýỷỹỵ](?:(?<=o[àáảãạèéẻẽẹ])|(?<=u[ỳýỷỹỵ]))(?<!q..)(?![^\W\d_])"),
}


def english_words(text: str) -> list[str]:
    """The English words of text (outside quotation marks, code and addresses), in order."""
    visible = _QUOTED.sub(" ", text.replace("\n", " "))  # a data file's quotation may run over lines
    return [word for word in _WORD.findall(visible) if word.lower() in ENGLISH]


def tone_styles(text: str) -> tuple[list[str], list[str]]:
    """(old-style syllables, new-style syllables) of text, outside quotation marks."""
    words = _WORD.findall(unicodedata.normalize("NFC", _QUOTED.sub(" ", text)))
    old, new = _STYLE_ENDS["old"], _STYLE_ENDS["new"]
    return ([w for w in words if old.search(w.lower())], [w for w in words if new.search(w.lower())])


def without_skipped_lines(text: str) -> str:
    """text with the content of each line of names and addresses (_SKIPPED_LINES) removed, its line
    break kept, so that positions in the rest still count lines."""
    return _SKIPPED_LINES.sub(r"\1", "\n" + text)[1:]


def check_model_text(path: str, text: str, first_line: int = 1) -> list[Problem]:
    """English words and mixed tone styles in a model file's text, each at its line."""
    visible = _QUOTED.sub(" ", without_skipped_lines(unicodedata.normalize("NFC", text)))
    lowered = visible.lower()
    if len(lowered) != len(visible):  # a letter whose lower case is longer ("İ"): the positions would shift
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in visible)

    def line_of(position: int) -> int:
        return first_line + visible.count("\n", 0, position)

    def word_start(end: int) -> int:
        start = end
        while start and _LETTER.match(lowered, start - 1):
            start -= 1
        return start

    problems = [
        problem("text-english", path, line_of(start), expected=ENGLISH[m.group(0)], got=visible[start : m.end()])
        for m in _ENGLISH_END.finditer(lowered)
        if word_start(start := m.start()) == start
    ]
    first_style: dict[str, tuple[int, str]] = {}
    for style, ending in _STYLE_ENDS.items():
        if found := ending.search(lowered):
            start = word_start(found.start())
            first_style[style] = (line_of(start), visible[start : found.end()])
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
