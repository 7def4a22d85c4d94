"""Checks over a built site, shared by the build tests: links, titles, hosts."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageParser(HTMLParser):
    """Collects what the checks need from one page: links, ids, title, stylesheets, scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[str] = []  # what the browser loads by itself (not links a reader follows)
        self.ids: set[str] = set()
        self.title = ""
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.lang = None
        self.meta: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "title":
            self._in_title = True
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "canonical":
            self.meta["canonical"] = attrs["href"]
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content", "")
        if tag == "script":
            self.scripts.append(attrs.get("src", "(inline)"))
        for name in ("href", "src"):
            value = attrs.get(name)
            if value and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(value)
        if tag in ("img", "script", "source", "iframe") and attrs.get("src"):
            self.resources.append(attrs["src"])
        if tag == "link" and attrs.get("rel") not in ("canonical", "alternate") and attrs.get("href"):
            self.resources.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


_BLOCK = (
    "html|head|body|meta|link|title|script|style|main|header|footer|nav|section|article|aside|div|p|"
    "h[1-6]|ul|ol|li|dl|dt|dd|table|caption|thead|tbody|tr|th|td|figure|figcaption|blockquote|form|"
    "fieldset|legend|details|summary|label|input|select|option|button|noscript|!DOCTYPE"
)
_AROUND_BLOCK = re.compile(rf"\s*(</?(?:{_BLOCK})\b[^>]*>)\s*", re.I)


def squash(html: str) -> str:
    """HTML as a browser lays it out: whitespace runs made one space, none around block-level tags.

    Templates are indented for people; tests assert on fragments without depending on that.
    """
    return _AROUND_BLOCK.sub(r"\1", re.sub(r"\s+", " ", html))


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def resolve(site: Path, page: Path, href: str, prefix: str = "/") -> Path | None:
    """The file an internal link points to, or None for an external or special link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page
    if path.startswith("/"):
        assert path.startswith(prefix), f"{href} does not start with the base path {prefix}"
        target = site / path[len(prefix) :]
    else:
        target = page.parent / path
    return target / "index.html" if path.endswith("/") else target


def broken_links(site: Path, prefix: str = "/") -> list[str]:
    """Every internal href/src in every page that does not resolve to a file (or to an id on it)."""
    broken = []
    parsed = {page: parse(page) for page in html_pages(site)}
    for page, parser in parsed.items():
        for href in parser.links:
            target = resolve(site, page, href, prefix)
            if target is None:
                continue
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {href}")
                continue
            fragment = urlsplit(href).fragment
            if fragment and target.suffix == ".html" and fragment not in parsed.get(target, parse(target)).ids:
                broken.append(f"{page.relative_to(site)} → {href} (no such id)")
    return broken


ALLOWED_SCRIPT_PREFIXES = ("/static/", "/pagefind/")
_BAD_SCHEME = ("javascript:", "data:", "vbscript:")
_MOJIBAKE_MARKERS = ("Ã", "á»", "áº", "Æ°", "Ä‘", "â€", "\ufffd")


class _SafetyParser(HTMLParser):
    """Collects every script, event-handler attribute, URL and text node of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.texts: list[str] = []
        self._tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"event handler {name}= on <{tag}>")
            if name in ("href", "src", "action", "formaction", "srcset", "poster") and value:
                squeezed = "".join(value.split()).lower()
                if squeezed.startswith(_BAD_SCHEME):
                    self.findings.append(f"{name}={value!r} on <{tag}>")
        if tag == "script":
            src = dict(attrs).get("src")
            kind = dict(attrs).get("type", "")
            if kind == "application/ld+json":
                return
            if not src:
                self.findings.append("inline <script>")
            elif not src.startswith(ALLOWED_SCRIPT_PREFIXES):
                self.findings.append(f"script from {src}")
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.findings.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if self._tags and self._tags[-1] == tag:
            self._tags.pop()

    def handle_data(self, data):
        if self._tags and self._tags[-1] in ("script", "style"):
            return
        self.texts.append(data)


def unsafe_content(site: Path) -> list[str]:
    """What a public page must never contain; an empty list when the site is clean."""
    import unicodedata

    problems = []
    for page in html_pages(site):
        raw = page.read_text(encoding="utf-8")
        parser = _SafetyParser()
        parser.feed(raw)
        where = page.relative_to(site).as_posix()
        problems += [f"{where}: {finding}" for finding in parser.findings]
        text = " ".join(parser.texts)
        if not unicodedata.is_normalized("NFC", raw):
            problems.append(f"{where}: text not in NFC")
        problems += [f"{where}: mojibake marker {m!r}" for m in _MOJIBAKE_MARKERS if m in text]
        for word in ("None", "False", "True", "null", "undefined"):
            if any(token.strip(".,:;()“”\"'") == word for token in text.split()):
                problems.append(f"{where}: shows {word!r} as text")
        invisible = [c for c in "\u200b\u200c\u200d\u00ad\ufeff\u000b\u2060" if c in raw]
        problems += [f"{where}: invisible character U+{ord(c):04X}" for c in invisible]
    return problems
