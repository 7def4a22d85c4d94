"""Property-based tests: the loader never crashes or hangs; slugs and output paths are always safe."""

from __future__ import annotations

import re
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from showcase import urls
from showcase.loading import load_model
from showcase.site_data import load_site_data, validation_context
from showcase.text_vi import slugify
from showcase.writing import target

from .conftest import TODAY, make_project

SAFE_SLUG = re.compile(r"([a-z0-9]+(-[a-z0-9]+)*)?")
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠàáảãạĐđỜỚỞỠỢờớởỡợ "
YAMLISH = st.text(alphabet=VIETNAMESE + ":-[]{}&*!|>'\"#%@`\n\t ,?0123456789", max_size=400)


@st.composite
def model_files(draw) -> bytes:
    """Bytes shaped like model files, often broken in the ways editors break them."""
    front = draw(YAMLISH)
    body = draw(st.text(max_size=400))
    shape = draw(st.sampled_from(["ok", "open", "none", "raw"]))
    text = {"ok": f"---\n{front}\n---\n{body}", "open": f"---\n{front}\n{body}", "none": body, "raw": front}[shape]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258", "latin-1"]))
    return text.encode(encoding, errors="replace")


class _Loader:
    """One temporary project reused across examples (hypothesis and tmp_path do not mix)."""

    def __init__(self, root: Path):
        self.content = make_project(root, models=None)
        data, _ = load_site_data(self.content, root)
        self.context = validation_context(data, self.content, root, TODAY)
        self.file = self.content / "mo-hinh" / "thu.md"

    def load(self, raw: bytes):
        self.file.write_bytes(raw)
        return load_model(self.file, self.context)


def _loader(tmp_path_factory) -> _Loader:
    return _Loader(tmp_path_factory.mktemp("prop"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=600), model_files()))
def test_loader_never_crashes(tmp_path_factory, raw):
    loader = getattr(test_loader_never_crashes, "_loader", None) or _loader(tmp_path_factory)
    test_loader_never_crashes._loader = loader
    started = time.monotonic()
    model, problems = loader.load(raw)
    assert time.monotonic() - started < 10  # never hangs: Markdown has a 2 s budget per file
    assert (model is None) == any(p.severity == "error" for p in problems)
    for p in problems:
        assert p.path == "content/mo-hinh/thu.md" and p.message_vi and p.message_en


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_slugs_are_always_safe(text):
    slug = slugify(text)
    assert SAFE_SLUG.fullmatch(slug)
    if any(ch.isascii() and ch.isalnum() for ch in text):
        assert slug


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=100))
def test_output_paths_stay_inside_the_output_folder(tmp_path_factory, text):
    staging = Path("/tmp/staging-property")
    slug = slugify(text) or "x"
    path = target(staging, urls.output_path(urls.model_url(slug)))
    assert path.is_relative_to(staging)
