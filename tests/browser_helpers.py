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
import subprocess
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import yaml

from showcase.pipeline import BuildOptions, build
from showcase.security import CSP  # the policy the site is published with

ROOT = Path(__file__).resolve().parent.parent
SEARCH_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "search"
SEARCH_CORE_JS = ROOT / "layouts" / "static" / "search-core.js"
FIXTURE_FOLDER = "kiem-thu"  # where the test models go, under content/mo-hinh/
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The browser tests' site has its search index in parts, as a site of thousands of models does
# (showcase/search.py): 16 models in parts of at most 4 make 5 parts, two of them halves of one year.
PART_PAGES = 4


def build_search_site(
    tmp: Path, base_url: str | None = None, out: Path | None = None, part_pages: int = PART_PAGES
) -> Path:
    """The fixture site plus the search test models, built with search into tmp; return the site folder."""
    from .conftest import make_project

    content = make_project(tmp, synonyms=True)
    shutil.copytree(SEARCH_FIXTURES / "mo-hinh", content / "mo-hinh" / FIXTURE_FOLDER)
    site = out or tmp / "site"
    build(
        BuildOptions(
            content_dir=content,
            layouts_dir=ROOT / "layouts",
            out_dir=site,
            search=True,
            jobs=1,
            base_url=base_url,
            search_part_pages=part_pages,
        )
    )
    return site


def read_strings() -> dict[str, str]:
    """The search page's UI strings, as search-core.js exports them (read with Node)."""
    script = f"import({json.dumps(SEARCH_CORE_JS.as_uri())}).then(m => console.log(JSON.stringify(m.STRINGS)))"
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def model_files(content: Path) -> list[Path]:
    return sorted((content / "mo-hinh").rglob("*.md"))


def count_models_with_field(content: Path, field_id: str) -> int:
    """How many model files name this field, by its id, label or a listed variant (any case, NFC)."""
    fields = yaml.safe_load((content / "fields.yaml").read_text(encoding="utf-8"))["terms"]
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


class Watch:
    """What must never happen on a page: dialogs, script errors, CSP violations, other hosts."""

    def __init__(self, page, base_url):
        self.dialogs, self.errors, self.violations, self.foreign = [], [], [], []
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)
        page.on("request", lambda request: self._request(request.url, base_url))

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(message.text)

    def _request(self, url, base_url):
        if not url.startswith((base_url + "/", "data:", "blob:")):
            self.foreign.append(url)

    def check(self):
        assert self.dialogs == [], "a dialog opened"
        assert self.errors == [], "script errors"
        assert self.violations == [], "Content-Security-Policy violations"
        assert self.foreign == [], "requests to another host"
