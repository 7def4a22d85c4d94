"""Patterns rewritten to start with something the regex engine skips ahead to (for speed) find exactly
what their plainer stated forms (a word boundary, a line's start) find."""

from __future__ import annotations

import random
import re

import pytest

from showcase import markup, urls, wording

_PIECES = ("id", "href", "src", "srcset", "x", "_", "é", "-", " ", "=", '"', "#", "/", "//", "<a ", ">", "\n", "1")
_TOKENS = (
    'id="',
    'href="',
    'src="/',
    'srcset="',
    'href="#',
    "a.jpg 2x, ",
    '"',
    " ",
    "x",
    "data-",
    "/",
)  # whole attributes
_LETTERS = ("i", "d", "h", "r", "e", "f", "s", "c", "t", "x", "=", '"', " ", "/")  # names cut and mixed: "iref", "hrc"


def _found(pattern: re.Pattern, text: str, names: tuple[str, ...], name_groups: int) -> list[tuple]:
    """Each match as (the attribute's name, where its value ends, its groups after the name): the
    rewritten patterns start at '="' and look behind for the name (capturing it in their first
    `name_groups` groups), the stated ones start with it."""
    found = []
    for m in pattern.finditer(text):
        if m.group(0).startswith('="'):
            name = max((n for n in names if text.endswith(n, 0, m.start())), key=len)
            rest = m.groups()[name_groups:]
        else:
            name, rest = text[m.start() : m.start() + len(m.group(1).split("=")[0])], m.groups()[1:]
        found.append((name, m.end(), *rest))
        if m.group(0).startswith('="') and name_groups:  # the captured name is the one the code branches on
            assert (m.group(1) is not None) == (name in ("id", "srcset")), (text, name, m.groups())
    return found


@pytest.mark.parametrize(
    ("rewritten", "stated", "names", "name_groups"),
    [
        (markup._ID_ATTRIBUTE, r'\b(id|href)="(#?)([^"]*)"', ("id", "href"), 1),
        (urls._RELATIVE_ATTRIBUTE, r'\b(href|src|srcset)="([^"]*)"', ("href", "src", "srcset"), 1),
        (urls._ROOT_RELATIVE, r'(\b(?:href|src)=")/(?!/)', ("href", "src"), 0),
    ],
)
def test_rewritten_pattern_finds_what_the_stated_one_finds(
    rewritten: re.Pattern, stated: str, names: tuple, name_groups: int
):
    plain = re.compile(stated)
    generator = random.Random(15)
    texts = ["".join(generator.choice(_PIECES) for _ in range(generator.randint(0, 14))) for _ in range(30_000)]
    texts += ["".join(generator.choice(_LETTERS) for _ in range(generator.randint(0, 12))) for _ in range(60_000)]
    texts += ["".join(generator.choice(_TOKENS) for _ in range(generator.randint(0, 8))) for _ in range(30_000)]
    texts += ['iref="a"', 'hd="a"', 'sref="a"', 'hrc="/a"', 'srcsrc="/a"', 'xsrc="/a" src="/b"', 'href="/a"']
    matches = 0
    for text in texts:
        found = _found(rewritten, text, names, name_groups)
        assert found == _found(plain, text, names, 0), repr(text)
        matches += len(found)
    assert matches > 5_000  # whole attributes are among the random texts, not only their letters
    assert len(_found(rewritten, 'a id="x" href="/y" src="/z" xid="w"', names, name_groups)) >= 2


def test_attribute_patterns_keep_the_word_boundary():
    assert markup.embedded('<h2 id="a">x</h2><p data-id="b" xid="c"><a href="#a">y</a></p>', "m", 2) == (
        '<h4 id="m-a">x</h4><p data-id="m-b" xid="c"><a href="#m-a">y</a></p>'
    )
    assert urls.resolve_relative('<img src="anh/a.jpg" xsrc="b.jpg"><a href="../y/">', "/mo-hinh/x/", "") == (
        '<img src="/mo-hinh/x/anh/a.jpg" xsrc="b.jpg"><a href="/mo-hinh/y/">'
    )


def test_the_skipped_lines_pattern_removes_what_the_stated_one_removes():
    """wording._SKIPPED_LINES starts at a line break (for speed); the stated form anchors each line."""
    stated = re.compile(r"^[^\S\n]*(?:title|unit|slug|aliases|url|file)[^\S\n]*:.*$", re.M)
    pieces = ("title", "unit", "slug", "aliases", "url", "file", "tit", ":", " ", "\t", "\r", "\n", "\n\n", "x", "ư")
    generator = random.Random(16)
    texts = ["".join(generator.choice(pieces) for _ in range(generator.randint(0, 12))) for _ in range(60_000)]
    texts += ["title: A\nunit: B\n\nBody url: x\n  file : y", "title:", "\ntitle:\ntitle:\n"]
    for text in texts:
        assert wording.without_skipped_lines(text) == stated.sub("", text), repr(text)
    assert wording.without_skipped_lines("title: A\nBody\n  url: x") == "\nBody\n"


@pytest.mark.parametrize(
    ("rewritten", "stated"),
    [
        (markup._RULE_LINE, r"^[ \t]*[-*_=][-*_= \t]*$"),
        (markup._INDENTED_LINE, r"^(?: {0,3}\t| {4})"),
    ],
)
def test_the_line_screens_find_a_line_where_the_stated_patterns_do(rewritten: re.Pattern, stated: str):
    """markup's block screens look for "\n" + text; the stated forms anchor each line (re.M)."""
    plain = re.compile(stated, re.M)
    pieces = ("-", "*", "_", "=", " ", "  ", "    ", "\t", "\n", "\n\n", "x", "ư", "\r")
    generator = random.Random(17)
    texts = ["".join(generator.choice(pieces) for _ in range(generator.randint(0, 10))) for _ in range(60_000)]
    found = 0
    for text in texts:
        assert (rewritten.search("\n" + text) is None) == (plain.search(text) is None), repr(text)
        found += plain.search(text) is not None
    assert 0 < found < len(texts)


def test_a_relative_srcset_is_resolved_candidate_by_candidate():
    html = '<img src="a.jpg" srcset="a.jpg 1x, ../b.jpg 2x"><a href="#n">x</a>'
    assert urls.resolve_relative(html, "/mo-hinh/x/", "https://e.org/pr/") == (
        '<img src="/pr/mo-hinh/x/a.jpg" srcset="/pr/mo-hinh/x/a.jpg 1x, /pr/mo-hinh/b.jpg 2x"><a href="#n">x</a>'
    )
