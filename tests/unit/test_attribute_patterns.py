"""The attribute patterns that start with a class of first letters (for speed) find exactly what the
plainer forms that start with a word boundary find."""

from __future__ import annotations

import random
import re

import pytest

from showcase import markup, urls

_PIECES = ("id", "href", "src", "srcset", "x", "_", "é", "-", " ", "=", '"', "#", "/", "//", "<a ", ">", "\n", "1")
_LETTERS = ("i", "d", "h", "r", "e", "f", "s", "c", "t", "x", "=", '"', " ", "/")  # names cut and mixed: "iref", "hrc"


@pytest.mark.parametrize(
    ("rewritten", "stated"),
    [
        (markup._ID_ATTRIBUTE, r'\b(id|href)="(#?)([^"]*)"'),
        (urls._RELATIVE_ATTRIBUTE, r'\b(href|src|srcset)="([^"]*)"'),
        (urls._ROOT_RELATIVE, r'(\b(?:href|src)=")/(?!/)'),
    ],
)
def test_rewritten_pattern_finds_what_the_stated_one_finds(rewritten: re.Pattern, stated: str):
    plain = re.compile(stated)
    generator = random.Random(15)
    texts = ["".join(generator.choice(_PIECES) for _ in range(generator.randint(0, 14))) for _ in range(30_000)]
    texts += ["".join(generator.choice(_LETTERS) for _ in range(generator.randint(0, 12))) for _ in range(60_000)]
    texts += ['iref="a"', 'hd="a"', 'sref="a"', 'hrc="/a"', 'srcsrc="/a"', 'xsrc="/a" src="/b"', 'href="/a"']
    for text in texts:
        assert [m.span() + m.groups() for m in rewritten.finditer(text)] == [
            m.span() + m.groups() for m in plain.finditer(text)
        ], repr(text)


def test_attribute_patterns_keep_the_word_boundary():
    assert markup.embedded('<h2 id="a">x</h2><p data-id="b" xid="c"><a href="#a">y</a></p>', "m", 2) == (
        '<h4 id="m-a">x</h4><p data-id="m-b" xid="c"><a href="#m-a">y</a></p>'
    )
    assert urls.resolve_relative('<img src="anh/a.jpg" xsrc="b.jpg"><a href="../y/">', "/mo-hinh/x/", "") == (
        '<img src="/mo-hinh/x/anh/a.jpg" xsrc="b.jpg"><a href="/mo-hinh/y/">'
    )
