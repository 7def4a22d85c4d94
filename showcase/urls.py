"""Every URL and output path rule, in one place.

Site URLs are paths from the site root ('/mo-hinh/x/'); links in pages get the base URL's path in
front, so the site also works from a sub-folder of a host (preview deployments).
Published URLs must never change: tests pin these shapes.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import urlsplit

MODELS = "mo-hinh"
PAGE_SEGMENT = "trang"
SEARCH = "/tim-kiem/"
REPLICATION = "/nhan-rong/"
NOT_FOUND = "/404.html"
SOURCES = "/nguon/"
ABOUT = "/gioi-thieu/"
DATA = "/du-lieu/"
DATA_FILES = {
    "models-json": "/du-lieu/mo-hinh.json",
    "models-csv": "/du-lieu/mo-hinh.csv",
    "figures-csv": "/du-lieu/so-lieu.csv",
}
FEED = "/atom.xml"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"
PRINT = "in"


def model_url(slug: str) -> str:
    return f"/{MODELS}/{slug}/"


def facet_index_url(segment: str) -> str:
    return f"/{segment}/"


def term_url(segment: str, term_id: str, page: int = 1) -> str:
    """First page at /<facet>/<term>/, later pages at /<facet>/<term>/trang/<n>/."""
    base = f"/{segment}/{term_id}/"
    return base if page == 1 else f"{base}{PAGE_SEGMENT}/{page}/"


def listing_url(segment: str, page: int = 1) -> str:
    """A listing of every item of a section: /mo-hinh/, then /mo-hinh/trang/2/."""
    return f"/{segment}/" if page == 1 else f"/{segment}/{PAGE_SEGMENT}/{page}/"


def print_url(segment: str, term_id: str) -> str:
    """The printable compendium of a term: /nam/2024/in/."""
    return f"{term_url(segment, term_id)}{PRINT}/"


def feed_url(segment: str, term_id: str) -> str:
    """The Atom feed of a term's newest models: /linh-vuc/kinh-te/atom.xml."""
    return f"{term_url(segment, term_id)}atom.xml"


def image_url(slug: str, name: str) -> str:
    """Images live beside the page of the model that shows them."""
    return f"{model_url(slug)}{name}"


def output_path(url: str) -> str:
    """The file, relative to the output folder, that serves url: folders get index.html."""
    relative = url.lstrip("/")
    if not relative or relative.endswith("/"):
        return f"{relative}index.html"
    return relative


@lru_cache(maxsize=16)
def base_path(base_url: str) -> str:
    """The path part of the base URL, always ending in '/': 'https://x.vn/dvk/' → '/dvk/'. Cached: a
    page makes dozens of links, and splitting the base URL for each took a twentieth of a model page."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def link(base_url: str, url: str) -> str:
    """An href for url on a site published at base_url (templates: `url | link`)."""
    return link_prefix(base_url) + url


def link_prefix(base_url: str) -> str:
    """What link() puts before a root-relative URL: the base URL's path without its last '/'."""
    return base_path(base_url).rstrip("/")


def absolute(base_url: str, url: str) -> str:
    """A full URL for canonical links and sharing."""
    return base_url.rstrip("/") + url


# \b(?:href|src)="/(?!/), starting at the '="' (as markup._ID_ATTRIBUTE, which says why)
_ROOT_RELATIVE = re.compile(r'="(?:(?<=\bhref=")|(?<=\bsrc="))/(?!/)')


def rebase(html: str, base_url: str) -> str:
    """html with its root-relative links (href="/nam/") under the base URL's path: a site published
    in a sub-folder (/pr-7/) must not send readers to the host's root."""
    prefix = base_path(base_url)
    return html if prefix == "/" else _ROOT_RELATIVE.sub(lambda m: '="' + prefix, html)


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def base_url_error(url: str) -> str | None:
    """Why url cannot be the address the site is published at, or None when it can.

    Canonical links, sharing cards and citations are built from it: it must be absolute https (http
    only for this machine), name a host, and carry no query, fragment or credentials.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return "https://tên-miền/…"
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        return "https:// (http:// chỉ dùng cho localhost)"
    if parts.query or parts.fragment or parts.username or parts.password or any(c.isspace() for c in url):
        return "không có ?…, #… hay tên người dùng"
    return None


def is_local(url: str) -> bool:
    return urlsplit(url).hostname in LOCAL_HOSTS


# \b(href|src|srcset)="([^"]*)", starting at the '="' (as markup._ID_ATTRIBUTE); group 1: "srcset" or None
_RELATIVE_ATTRIBUTE = re.compile(r'="(?:(?<=\bhref=")|(?<=\bsrc=")|(?<=\b(srcset)="))([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def resolve_relative(html: str, page_url: str, base_url: str) -> str:
    """html written for page_url, with its relative links and pictures made root-relative, so it reads
    the same on another page: a model's body copied into a year's printable compendium."""

    def resolved(value: str) -> str:
        if not value or value.startswith(("/", "#")) or _SCHEME.match(value):
            return value
        return link(
            base_url, posixpath.normpath(posixpath.join(page_url, value)) + ("/" if value.endswith("/") else "")
        )

    def attribute(match: re.Match) -> str:
        srcset, value = match.groups()
        if srcset:
            value = ", ".join(
                " ".join([resolved(candidate.split()[0]), *candidate.split()[1:]])
                for candidate in value.split(",")
                if candidate.strip()
            )
        else:
            value = resolved(value)
        return f'="{value}"'

    return _RELATIVE_ATTRIBUTE.sub(attribute, html)
