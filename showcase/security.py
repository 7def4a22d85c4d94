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


# -- /admin/ only: the web form (Decap CMS, showcase/admin.py) needs more than the site's pages --------

ADMIN_HOSTS = {  # what the browser talks to for each git host: its API, and where users' pictures live
    "github": {"connect": ("https://api.github.com",), "img": ("https://avatars.githubusercontent.com",)},
    "gitlab": {"connect": ("https://gitlab.com",), "img": ("https://gitlab.com", "https://secure.gravatar.com")},
}


def admin_policy(backend: str | None, base_url: str = "", local_url: str | None = None) -> str:
    """The Content-Security-Policy of /admin/ only; every source beyond the site's policy says why.

    backend is "github", "gitlab" or None (serve --admin without site.yaml settings); base_url a
    self-hosted GitLab (its API replaces gitlab.com); local_url the decap-server of serve --admin."""
    hosts = ADMIN_HOSTS.get(backend or "", {"connect": (), "img": ()})
    connect = hosts["connect"]
    if backend == "gitlab" and base_url:
        connect = (base_url.rstrip("/"),)
    if local_url:
        connect = (*connect, local_url)  # decap-server on 127.0.0.1: reads and writes the working tree
    directives = (
        "default-src 'self'",
        # 'unsafe-eval': Decap checks its configuration with ajv, which compiles each check into a function.
        "script-src 'self' 'unsafe-eval'",
        # 'unsafe-inline': the CMS styles itself with CSS-in-JS (emotion), which writes <style> elements.
        "style-src 'self' 'unsafe-inline'",
        # blob: and data: are photos chosen for upload, shown before they are saved; then users' pictures.
        "img-src " + " ".join(("'self'", "blob:", "data:", *hosts["img"])),
        "font-src 'self'",
        # The git host's API (or the local decap-server): where entries are read and committed; blob: the
        # photos chosen for upload, which the CMS reads back to save them with the entry.
        "connect-src " + " ".join(("'self'", "blob:", *connect)),
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
    return "; ".join(directives)


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


def admin_headers(policy: str) -> str:
    """The _headers rule for /admin/, after the site's: its own policy instead of the site's, and noindex.

    Cloudflare Pages gives a path every matching rule's headers, so the site's policy is detached first
    (`! Content-Security-Policy`); Netlify keeps the later rule's value of a header set twice."""
    return (
        "/admin/*\n"
        "  ! Content-Security-Policy\n"
        f"  Content-Security-Policy: {'; '.join((policy, *HEADER_ONLY))}\n"
        "  X-Robots-Tag: noindex\n"
    )


def add_admin_headers(staging: Path, policy: str) -> None:
    """Append the /admin/ rule to the _headers file write_headers wrote (showcase/admin.py calls it)."""
    with (staging / "_headers").open("a", encoding="utf-8") as headers:
        headers.write(admin_headers(policy))


def redirects_file(pages, base_url: str) -> str:
    """The _redirects file (Netlify, Cloudflare Pages): each old address with a permanent redirect."""
    prefix = base_path(base_url).rstrip("/")
    return "".join(f"{prefix}{page.url} {prefix}{page.args[0]} 301\n" for page in pages)


def write_redirects(staging: Path, pages, base_url: str) -> None:
    (staging / "_redirects").write_text(redirects_file(pages, base_url), encoding="utf-8")
