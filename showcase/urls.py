"""Every URL and output path rule, in one place.

Site URLs are paths from the site root ('/mo-hinh/x/'); links in pages get the base URL's path in
front, so the site also works from a sub-folder of a host (preview deployments).
Published URLs must never change: tests pin these shapes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MODELS = "mo-hinh"
PAGE_SEGMENT = "trang"
SEARCH = "/tim-kiem/"
REPLICATION = "/nhan-rong/"
NOT_FOUND = "/404.html"
SOURCES = "/nguon/"


def model_url(slug: str) -> str:
    return f"/{MODELS}/{slug}/"


def facet_index_url(segment: str) -> str:
    return f"/{segment}/"


def term_url(segment: str, term_id: str, page: int = 1) -> str:
    """First page at /<facet>/<term>/, later pages at /<facet>/<term>/trang/<n>/."""
    base = f"/{segment}/{term_id}/"
    return base if page == 1 else f"{base}{PAGE_SEGMENT}/{page}/"


def image_url(slug: str, name: str) -> str:
    """Images live beside the page of the model that shows them."""
    return f"{model_url(slug)}{name}"


def output_path(url: str) -> str:
    """The file, relative to the output folder, that serves url: folders get index.html."""
    relative = url.lstrip("/")
    if not relative or relative.endswith("/"):
        return f"{relative}index.html"
    return relative


def base_path(base_url: str) -> str:
    """The path part of the base URL, always ending in '/': 'https://x.vn/dvk/' → '/dvk/'."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def link(base_url: str, url: str) -> str:
    """An href for url on a site published at base_url."""
    return base_path(base_url).rstrip("/") + url


def absolute(base_url: str, url: str) -> str:
    """A full URL for canonical links and sharing."""
    return base_url.rstrip("/") + url


_ROOT_RELATIVE = re.compile(r'(\b(?:href|src)=")/(?!/)')


def rebase(html: str, base_url: str) -> str:
    """html with its root-relative links (href="/nam/") under the base URL's path: a site published
    in a sub-folder (/pr-7/) must not send readers to the host's root."""
    prefix = base_path(base_url)
    return html if prefix == "/" else _ROOT_RELATIVE.sub(lambda m: m.group(1) + prefix, html)


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
