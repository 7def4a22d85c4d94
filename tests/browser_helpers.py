"""Helpers for the search tests: a site built with search, a local server, and Debian's Chromium.

Plain functions (no pytest magic), so the fixtures in test_browser.py and test_search.py stay short.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import yaml

from showcase.pipeline import BuildOptions, build
from showcase.security import CSP  # the policy the site is published with

ROOT = Path(__file__).resolve().parent.parent
SEARCH_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "search"
SEARCH_JS = ROOT / "layouts" / "static" / "search.js"
FIXTURE_FOLDER = "kiem-thu"  # where the test models go, under content/mo-hinh/
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_search_site(tmp: Path, base_url: str | None = None, out: Path | None = None) -> Path:
    """Copy the real content/ into tmp, add the search test models, build with search; return the site."""
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(SEARCH_FIXTURES / "mo-hinh", content / "mo-hinh" / FIXTURE_FOLDER)
    site = out or tmp / "site"
    build(BuildOptions(content_dir=content, layouts_dir=ROOT / "layouts", out_dir=site, search=True, jobs=1,
                       base_url=base_url))
    return site


def read_strings() -> dict[str, str]:
    """The UI strings of search.js: the JSON object between its strings:start and strings:end markers."""
    source = SEARCH_JS.read_text(encoding="utf-8")
    return json.loads(re.search(r"/\* strings:start \*/(.*?)/\* strings:end \*/", source, re.S).group(1))


def model_files(content: Path) -> list[Path]:
    return sorted((content / "mo-hinh").rglob("*.md"))


def count_models_with_field(content: Path, field_id: str) -> int:
    """How many model files name this field, by its id, label or a listed variant (any case, NFC)."""
    fields = yaml.safe_load((content / "fields.yaml").read_text(encoding="utf-8"))
    term = next(f for f in fields if f["id"] == field_id)
    spellings = {_key(s) for s in (term["id"], term["label"], *term.get("variants", []))}
    count = 0
    for path in model_files(content):
        front = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
        value = yaml.safe_load(front.group(1)).get("field", "") if front else ""
        count += _key(str(value)) in spellings
    return count


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace("–", "-").split())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve site on 127.0.0.1 on a free port, with the site's Content-Security-Policy; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch_chromium(playwright):
    """Debian's Chromium, headless, with nothing that phones home."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
