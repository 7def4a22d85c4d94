"""The text work behind the search index documents, against the plainer forms they replace."""

from __future__ import annotations

import random
import re

from showcase import search

# The form end_blocks replaced: the same rule, found from the character before each closing tag.
_STATED = re.compile(r"([^\s.!?:;,…>])((?:</a>)?\s*</(?:dd|h[2-6]|li|td|th|figcaption)>)")
_PIECES = (
    "a",
    "ế",
    ".",
    ",",
    "…",
    " ",
    "\n",
    "\xa0",
    "\u3000",
    "\x1c",
    ">",
    "<",
    "</a>",
    "</li>",
    "</dd>",
    "</h2>",
    "</h1>",
    "</td>",
    "</p>",
    "<a href=x>",
    "x</a>",
    "</figcaption>",
)


def test_end_blocks_says_what_the_stated_rule_says():
    generator = random.Random(14)
    for _ in range(20_000):
        text = "".join(generator.choice(_PIECES) for _ in range(generator.randint(0, 9)))
        assert search.end_blocks(text) == _STATED.sub(r"\1.\2", text), repr(text)


def test_end_blocks_examples():
    assert search.end_blocks("<dd>Huyện Thạnh Phú</dd><dd>Quốc phòng</dd>") == (
        "<dd>Huyện Thạnh Phú.</dd><dd>Quốc phòng.</dd>"
    )
    assert search.end_blocks('<li><a href="/x/">Kinh tế</a> </li>') == '<li><a href="/x/">Kinh tế.</a> </li>'
    assert search.end_blocks("<h2>Bối cảnh.</h2><h1>Tên</h1><p>Câu</p>") == "<h2>Bối cảnh.</h2><h1>Tên</h1><p>Câu</p>"
