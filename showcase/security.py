"""The Content-Security-Policy every page carries, and the headers file for hosts that read one.

Only our own files may run: scripts from this site (search.js and Pagefind's bundle), Pagefind's
WebAssembly ('wasm-unsafe-eval'), styles and images from this site. Nothing from another host.
"""

from __future__ import annotations

from pathlib import Path

from .urls import base_path

CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
CSP = "; ".join(CSP_DIRECTIVES)
# Directives a <meta> tag cannot carry; hosts that read _headers (Netlify, Cloudflare Pages) get them.
HEADER_ONLY = ("frame-ancestors 'none'",)


def safe_url(url: str) -> str:
    """Pass an http(s), mailto or relative URL through; anything else becomes '#'.

    Autoescaping stops HTML injection but not a javascript: URL in href; validation already
    rejects those in content, and this is the second line in every template and in the structured data.
    """
    squeezed = "".join(str(url).split()).lower()
    scheme = squeezed.split(":", 1)[0] if ":" in squeezed.split("/", 1)[0] else ""
    return str(url) if scheme in ("", "http", "https", "mailto", "tel") else "#"


def headers_file() -> str:
    """The _headers file: the same policy plus what only an HTTP header can say."""
    policy = "; ".join(CSP_DIRECTIVES + HEADER_ONLY)
    return (
        "/*\n"
        f"  Content-Security-Policy: {policy}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: strict-origin-when-cross-origin\n"
        "  X-Frame-Options: DENY\n"
    )


def write_headers(staging: Path) -> None:
    (staging / "_headers").write_text(headers_file(), encoding="utf-8")


def redirects_file(pages, base_url: str) -> str:
    """The _redirects file (Netlify, Cloudflare Pages): each old address with a permanent redirect."""
    prefix = base_path(base_url).rstrip("/")
    return "".join(f"{prefix}{page.url} {prefix}{page.args[0]} 301\n" for page in pages)


def write_redirects(staging: Path, pages, base_url: str) -> None:
    (staging / "_redirects").write_text(redirects_file(pages, base_url), encoding="utf-8")
