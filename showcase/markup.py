"""Markdown → safe HTML, and a plain-text summary from the first paragraph.

Raw HTML in Markdown is not allowed: it is shown as text, never interpreted. The HTML that
Markdown produces then goes through an allowlist sanitiser (nh3) as a second line of defence.
"""

from __future__ import annotations

import html
import re
import signal
import threading
from contextlib import contextmanager
from functools import lru_cache

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from .text_vi import nfc, slugify, truncate_words

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "a",
    "img",
    "figure",
    "figcaption",
    "blockquote",
    "em",
    "strong",
    "code",
    "pre",
    "sup",
    "sub",
    "abbr",
    "del",
    "ins",
    "span",
    "div",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "abbr": {"title"},
    "ol": {"start"},
    "div": {"class"},
    "sup": {"class"},
    "li": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
TIME_BUDGET = 2.0  # CPU seconds per file; a real page takes ~3 ms, pathological input can take minutes


class MarkupTooComplex(Exception):
    """The body could not be rendered within the time budget or nesting limit."""


_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# ids the page templates use around the body (layouts/base.html, layouts/model.html): a body
# heading "## Nguồn" must not take the id of the page's own "Nguồn" section or of the skip link.
TEMPLATE_IDS = frozenset(
    {"noi-dung", "tim-nhanh", "thong-tin", "hinh-anh", "tu-khoa", "boi-canh", "nguon", "trich-dan"}
)


class _HeadingIds(Treeprocessor):
    """Give each heading a readable, unique id ('Đổi mới' → 'doi-moi', never 'oi-moi') and a level
    that fits under the page's h1 and h2 sections.

    Does only this, unlike the toc extension, which also builds a table of contents nobody reads
    and costs a fifth of the conversion time.
    """

    def run(self, root) -> None:
        headings = [element for element in root.iter() if element.tag in _HEADINGS]
        # The page title is the page's only h1 and its sections are h2: the body's top heading level
        # becomes h2 ("# A" → h2, "#### B" first → h2), so heading levels never skip.
        shift = 2 - min((int(h.tag[1]) for h in headings), default=2)
        used: set[str] = set(TEMPLATE_IDS)
        for element in headings:
            element.tag = f"h{min(6, int(element.tag[1]) + shift)}"
            base = slugify("".join(element.itertext())) or "muc"
            ident, counter = base, 2
            while ident in used:
                ident, counter = f"{base}-{counter}", counter + 1
            used.add(ident)
            element.set("id", ident)


class _HeadingIdExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_HeadingIds(md), "heading_ids", 5)  # after inline processing (20)


# What each of Python-Markdown's inline patterns needs in a text before it can match (markdown 3.x and
# the footnotes extension), as strings any one of which it needs: a backslash, a backtick, "[", "<", "&",
# "*", "_" or a line break ("  \n").
INLINE_PATTERN_NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`", "\\"),
    "escape": ("\\",),
    "footnote": ("[",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
}


class _Needs:
    """Whether a text holds one of the strings some inline pattern needs: the one-character ones as a
    single class, the longer ones with str.find (an alternation of them all took three times as long,
    ~27 texts a body)."""

    def __init__(self, needed: set[str]):
        characters = sorted(text for text in needed if len(text) == 1)
        self.characters = re.compile("[" + "".join(map(re.escape, characters)) + "]") if characters else None
        self.longer = tuple(sorted(text for text in needed if len(text) > 1))

    def __call__(self, text: str) -> bool:
        if self.characters is not None and self.characters.search(text):
            return True
        return any(needed in text for needed in self.longer)


class _PlainTextSkippingInline(InlineProcessor):
    """Python-Markdown's inline processor, which leaves a text alone at once when no inline pattern
    could match in it. The library tries every pattern (14 regular expressions) on every paragraph,
    list item and cell, and most of a model's text is plain sentences: this is 40 % of a conversion
    (1.29 → 0.78 ms a body, same output, bench/README.md)."""

    def __init__(self, md: markdown.Markdown, needs: _Needs):
        super().__init__(md)
        self.needs = needs

    # Python-Markdown's private step for one text (name-mangled): called with patternIndex 0 for a
    # new text, and again with a later index for the inside of what a pattern matched.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if patternIndex == 0 and not self.needs(data):
            return data  # what the library returns when no pattern matched
        return super()._InlineProcessor__handleInline(data, patternIndex)


def _skip_plain_text(converter: markdown.Markdown) -> None:
    """Use _PlainTextSkippingInline when every registered inline pattern is one whose needs are known;
    a pattern added by a newer Python-Markdown keeps the library's own processor."""
    names = [item.name for item in converter.inlinePatterns._priority]
    if not names or any(name not in INLINE_PATTERN_NEEDS for name in names):
        return
    needs = _Needs({text for name in names for text in INLINE_PATTERN_NEEDS[name]})
    converter.treeprocessors.register(_PlainTextSkippingInline(converter, needs), "inline", 20)


# The extensions that change a body only where it writes their syntax: a table needs "|", a footnote
# "[^", fenced code "```" or "~~~". A body with none of these converts to the same HTML without them,
# a fifth faster (0.69 → 0.55 ms a body of the synthetic corpus); no real model has a table or a
# footnote yet.
SYNTAX_EXTENSIONS = ("tables", "fenced_code", "footnotes")
EXTENSION_SYNTAX = ("|", "[^", "```", "~~~")


def _needs_syntax_extensions(text: str) -> bool:
    return any(syntax in text for syntax in EXTENSION_SYNTAX)


# Python-Markdown tries every block processor on every block (~10 a body); these can only apply where
# the body has their marks, on any line and at any indentation (a list item's lines lose theirs):
# a reference definition needs "]:", a rule or a setext heading a line of only "-", "*", "_" or "=",
# an indented code block or list part a line starting with four spaces or a tab, a quotation a ">".
# A quotation parses its inside again, so with one every processor stays. Without the others a body
# converts to the same HTML, 0.49 → 0.42 ms a body of the synthetic corpus with the sanitiser
# (tests/unit/test_markup.py compares them).
# Stated as r"^[ \t]*[-*_=][-*_= \t]*$" and r"^(?: {0,3}\t| {4})" with re.M, written to start with the line
# break before the line (looked for in "\n" + text), which the engine finds at once: "^" is tried at
# every character (19 µs a body for both, now 7 with the rest of the screen;
# tests/unit/test_attribute_patterns.py compares them).
_RULE_LINE = re.compile(r"\n[ \t]*[-*_=][-*_= \t]*(?=\n|\Z)")
_INDENTED_LINE = re.compile(r"\n(?: {0,3}\t| {4})")


def _unused_blocks(text: str) -> frozenset[str]:
    """The block processors that cannot apply to any block of text."""
    if ">" in text:
        return frozenset()
    unused = {"quote"}
    if "]:" not in text:
        unused.add("reference")
    lines = "\n" + text
    if not _RULE_LINE.search(lines):
        unused |= {"hr", "setextheader"}
    if not _INDENTED_LINE.search(lines):
        unused |= {"code", "indent"}
    return frozenset(unused)


@lru_cache(maxsize=32)
def _converter(
    skip_plain_text: bool = True, syntax_extensions: bool = True, unused_blocks: frozenset[str] = frozenset()
) -> markdown.Markdown:
    """One converter per process (per set of processors), reset between documents: building it costs
    more than a page."""
    extensions = ["tables", "fenced_code", "sane_lists", "footnotes", _HeadingIdExtension()]
    converter = markdown.Markdown(
        extensions=[e for e in extensions if syntax_extensions or e not in SYNTAX_EXTENSIONS],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "footnotes": {"BACKLINK_TITLE": "Quay lại chỗ dẫn chú thích %d"},
        },
        output_format="html",
    )
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    for name in unused_blocks:
        converter.parser.blockprocessors.deregister(name)
    if skip_plain_text:
        _skip_plain_text(converter)
    return converter


def render_markdown(
    text: str,
    budget: float = TIME_BUDGET,
    skip_plain_text: bool = True,
    every_extension: bool = False,
    every_block: bool = False,
) -> str:
    """Convert a model's Markdown body to sanitised HTML, within budget seconds. skip_plain_text=False
    converts with Python-Markdown's own inline processor, every_extension=True with the syntax
    extensions even when the body writes none of their syntax, every_block=True with every block
    processor (tests compare each with the quicker way)."""
    unused = frozenset() if every_block else _unused_blocks(text)
    converter = _converter(skip_plain_text, every_extension or _needs_syntax_extensions(text), unused)
    try:
        with _time_limit(budget):
            produced = converter.convert(text)
    except (_Timeout, RecursionError) as error:
        _converter.cache_clear()  # an interrupted converter may hold half-built state
        raise MarkupTooComplex(str(budget)) from error
    finally:
        converter.reset()
    return sanitize(produced)


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Interrupt the block after seconds of this process's CPU time (main thread only, where signals
    arrive). CPU time, not wall time: the same file passes or fails whatever else the machine is doing.
    Where the system has no such timer (Windows), the block runs without a limit."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "ITIMER_VIRTUAL"):
        yield
        return
    _expire_on_timer()
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)


def _expire(signum, frame) -> None:
    raise _Timeout


def _expire_on_timer() -> None:
    """Install _expire for SIGVTALRM, once per process (a forked worker inherits it). It stays: only
    _time_limit arms the timer, and the default action of the signal would end the process. Setting
    and restoring the handler around each body cost more than the timer itself."""
    if signal.getsignal(signal.SIGVTALRM) is not _expire:
        signal.signal(signal.SIGVTALRM, _expire)


def sanitize(fragment: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes."""
    return _cleaner().clean(fragment)


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    """The allowlists made into the sanitiser's own sets once: nh3.clean() converts them on every call,
    a fifth of its time on a model's body (63 -> 50 us)."""
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def summary_from_html(body_html: str, limit: int = 160) -> str:
    """Plain text of the first paragraph, cut at a word boundary near limit characters."""
    match = _FIRST_PARAGRAPH.search(body_html)
    if not match:
        return ""
    text = html.unescape(_TAG.sub("", match.group(1)))
    return truncate_words(nfc(text), limit)


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
# \b(id|href)="(#?)([^"]*)", written to start at the '="' and look behind it for the name (group 1 is "id"
# or None): the regex engine skips ahead to a literal start, but tries a pattern that starts with \b, or
# with the names' first letters (common in Vietnamese), at every position or at every "i" and "h" (4x
# slower). The match leaves the name out, so a replacement writes '="…"' only.
_ID_ATTRIBUTE = re.compile(r'="(?:(?<=\b(id)=")|(?<=\bhref="))(#?)([^"]*)"')


def embedded(body_html: str, id_prefix: str, heading_shift: int) -> str:
    """A model's body made to sit inside another page (a year's printable compendium): headings
    moved down under the model's own heading, ids and in-page links prefixed so that two bodies'
    headings and footnotes never share an id."""
    shifted = _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + heading_shift)}", body_html)

    def prefixed(match: re.Match) -> str:
        is_id, hash_, value = match.groups()
        if is_id:
            return f'="{id_prefix}-{value}"'
        return f'="#{id_prefix}-{value}"' if hash_ and value else match.group(0)

    return _ID_ATTRIBUTE.sub(prefixed, shifted)
