"""Markdown conversion (showcase/markup.py): skipping plain text, and leaving out the extensions and
block processors whose syntax a body does not write, change nothing Python-Markdown gives."""

from __future__ import annotations

import random
import re
from pathlib import Path

import frontmatter
import markdown
import pytest
from markdown.inlinepatterns import SimpleTextInlineProcessor
from markdown.treeprocessors import InlineProcessor

from showcase import markup

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# Each inline pattern, at the start, middle and end of a text, and texts with none of them.
SNIPPETS = [
    "Một câu bình thường, không có gì đặc biệt: 100% hộ dân đồng thuận.",
    "*nghiêng* và **đậm** và ***cả hai*** và _gạch_ và __gạch đôi__ và snake_case_word",
    "Dòng một  \nDòng hai (ngắt dòng bằng hai dấu cách)",
    "`mã` và ``mã có ` bên trong`` và \\`không phải mã\\`",
    "\\*không nghiêng\\* \\[không liên kết\\] \\\\ gạch chéo",
    '[liên kết](https://example.com "tiêu đề") và [tham chiếu][r] và [r]\n\n[r]: https://example.org',
    "![ảnh](a.png) và ![ảnh tham chiếu][i]\n\n[i]: b.png",
    "<https://example.com/a?b=c> và <thu@example.com> và <không phải>",
    "&amp; &copy; &#169; &#xA9; và & đứng một mình",
    "Chú thích[^1] ở đây.\n\n[^1]: Nội dung chú thích có *nhấn mạnh*.",
    "- mục *một*\n- mục hai\n    - mục con [x](y)\n\n1. số một\n2. số hai",
    "| Cột | Khác |\n|:---|---:|\n| *a* | b & c |\n| d | `e` |",
    "```\nkhối *mã* [không](xử lý)\n```\n\nsau khối",
    "## Tiêu đề *nhấn* [liên kết](z)\n\nĐoạn văn.",
    "> trích dẫn *có* nhấn\n> dòng hai",
    "ký tự lạ: \x02 \x03 ⁂ — “ngoặc” ‘đơn’ … ½",
]


def fixture_bodies() -> list[str]:
    files = [f for f in sorted(FIXTURES.rglob("*.md")) if "hostile" not in f.parts]
    bodies = []
    for file in files:
        try:
            bodies.append(frontmatter.loads(file.read_text(encoding="utf-8")).content)
        except Exception:  # a fixture of broken front-matter: its text as a whole is Markdown too
            bodies.append(file.read_text(encoding="utf-8", errors="replace"))
    return bodies


@pytest.mark.parametrize("text", SNIPPETS + fixture_bodies())
def test_skipping_plain_text_gives_what_python_markdown_gives(text):
    assert markup.render_markdown(text) == markup.render_markdown(text, skip_plain_text=False)


# Near misses of the syntax extensions' markers: without "|", "[^", "```" or "~~~" none of them applies.
NEAR_MISSES = [
    "Chú thích [1] và [ ^1] và ^[ không đóng và ^mũ^",
    "~~gạch~~ và ~ một ~ và ``mã hai dấu`` và `` ` ``",
    "Cột: a ¦ b ‖ c ∣ d\n\n---\n\nsau đường kẻ",
    "    mã thụt lề bốn dấu cách\n\nđoạn *sau*",
]


@pytest.mark.parametrize("text", SNIPPETS + NEAR_MISSES + fixture_bodies())
def test_leaving_out_unused_syntax_extensions_gives_what_all_of_them_give(text):
    assert markup.render_markdown(text) == markup.render_markdown(text, every_extension=True)


def test_a_body_without_their_syntax_is_converted_without_the_syntax_extensions():
    assert not any(markup._needs_syntax_extensions(text) for text in NEAR_MISSES)
    assert all(markup._needs_syntax_extensions(text) for text in ("a | b", "x[^1]", "```\nx\n```", "~~~\nx\n~~~"))
    quick = markup._converter(True, False)
    blocks = {item.name for item in quick.parser.blockprocessors._priority}
    assert not {"table", "fenced_code_block", "footnote"} & blocks
    assert "fenced_code_block" not in quick.preprocessors
    everything = markup._converter(True, True)
    assert {"table", "footnote"} <= {item.name for item in everything.parser.blockprocessors._priority}
    assert "fenced_code_block" in everything.preprocessors


def test_the_installed_python_markdown_gets_the_quicker_processor():
    """Every inline pattern this Python-Markdown registers has its needs listed; a newer one that adds
    a pattern would quietly lose the speed-up, so this test names it."""
    converter = markup._converter()
    names = [item.name for item in converter.inlinePatterns._priority]
    assert set(names) <= set(markup.INLINE_PATTERN_NEEDS), set(names) - set(markup.INLINE_PATTERN_NEEDS)
    assert isinstance(converter.treeprocessors["inline"], markup._PlainTextSkippingInline)


def test_the_needs_screen_finds_what_a_pattern_of_every_need_finds():
    needed = {text for texts in markup.INLINE_PATTERN_NEEDS.values() for text in texts}
    screen = markup._Needs(needed)
    stated = re.compile("|".join(map(re.escape, sorted(needed))))
    pieces = ["a", "ư", " ", "  ", "\n", "\\", "`", "[", "]", "<", "&", "*", "_", "\t", "\r\n"]
    generator = random.Random(31)
    for _ in range(20_000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 8)))
        assert screen(text) == bool(stated.search(text)), repr(text)


def test_an_unknown_inline_pattern_keeps_python_markdowns_own_processor():
    converter = markdown.Markdown()
    converter.inlinePatterns.register(SimpleTextInlineProcessor(r"(%%)"), "percent", 1)
    markup._skip_plain_text(converter)
    assert type(converter.treeprocessors["inline"]) is InlineProcessor


# Pieces of bodies for each block processor: quotations, reference definitions, rules, setext headings,
# indented code and list parts (by spaces, by a tab, inside a list item), and near misses of each.
BLOCK_PIECES = [
    "Đoạn văn *một*.",
    "> trích dẫn",
    "  > trích dẫn thụt lề",
    "[r]: https://example.org",
    "[r]",
    "[a\nb]: /x",
    "---",
    "* * *",
    "_ _ _",
    " - - ",
    "===",
    "Tiêu đề\n-----",
    "Tiêu đề\n===",
    "    mã thụt lề",
    "\tmã sau tab",
    "  \tmã sau hai dấu cách và tab",
    "- mục\n    - mục con\n        mã trong mục",
    "1. số một\n\n    đoạn của mục",
    "- mục\n\n  tiếp",
    "-- hai gạch",
    "a = b",
    "## Tiêu đề",
    "x]: không phải định nghĩa",
]


def test_leaving_out_unused_block_processors_gives_what_all_of_them_give():
    generator = random.Random(31)
    for _ in range(3_000):
        pieces = [generator.choice(BLOCK_PIECES) for _ in range(generator.randint(1, 5))]
        text = "".join(piece + generator.choice(["\n", "\n\n", "\n    ", "\n\t"]) for piece in pieces)
        assert markup.render_markdown(text) == markup.render_markdown(text, every_block=True), text


@pytest.mark.parametrize("text", SNIPPETS + NEAR_MISSES + BLOCK_PIECES + fixture_bodies())
def test_each_body_and_piece_converts_alike_without_unused_block_processors(text):
    assert markup.render_markdown(text) == markup.render_markdown(text, every_block=True)


def test_a_block_processor_is_kept_where_its_marks_are():
    assert markup._unused_blocks("Đoạn *văn*.\n\n## Tiêu đề\n\n- mục") == {
        "quote", "reference", "hr", "setextheader", "code", "indent"
    }  # fmt: skip
    assert markup._unused_blocks("a\n\n> b") == frozenset()
    assert "reference" not in markup._unused_blocks("[r]: /x")
    assert not {"hr", "setextheader"} & markup._unused_blocks("a\n\n  * * *")
    assert not {"hr", "setextheader"} & markup._unused_blocks("Tiêu đề\n===")
    assert not {"code", "indent"} & markup._unused_blocks("- a\n    - b")
    assert not {"code", "indent"} & markup._unused_blocks("\tmã")
