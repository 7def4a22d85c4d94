"""Loading models: one file → a validated Model with its HTML, and the checks across files."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from . import wording
from .hygiene import LEGACY_NAMES, has_legacy_marks, legacy_encoding
from .markup import TIME_BUDGET, MarkupTooComplex, render_markdown, summary_from_html
from .model import Image, Model
from .problems import Problem, problem
from .sources import SourceFile, read_source
from .specs import Context, image_path
from .validation import unique_image_name, validate


def load_model(file: Path, context: Context) -> tuple[Model | None, list[Problem]]:
    """Read, validate and render one model file; None with problems when it cannot be used."""
    source, problems = read_source(file, context.root)
    if source is None:
        return None, problems
    values, found = validate(source, context)
    problems = problems + found + _legacy_lines(source.body, source.body_line, source.path)
    problems += wording.check_model_text(source.path, source.text)
    if values is None or any(p.severity == "error" for p in problems):
        return None, problems
    try:
        body_html = render_markdown(source.body)
    except MarkupTooComplex:
        return None, problems + [
            problem(
                "markdown-too-complex",
                source.path,
                source.body_line,
                expected=f"≤ {TIME_BUDGET:g} s",
                budget=f"{TIME_BUDGET:g}",
            )
        ]
    body_html, body_images, found = _body_images(body_html, source, context, values["images"])
    if found:
        return None, problems + found
    summary = values.pop("summary", None) or summary_from_html(body_html)
    return Model(
        source_path=source.path, body_html=body_html, summary=summary, body_images=body_images, **values
    ), problems


_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')


def _body_images(
    body_html: str, source: SourceFile, context: Context, images: tuple[Image, ...]
) -> tuple[str, tuple[Image, ...], list[Problem]]:
    """Check the pictures the body shows (![alt](anh/x.jpg)) like front-matter images, publish them
    beside the page under safe names and point the HTML at those names."""
    used = {image.name for image in images}
    renamed: dict[str, Image] = {}
    problems = []
    for match in _IMG_SRC.finditer(body_html):
        relative = html.unescape(match.group(2))
        if relative in renamed or urlsplit(relative).scheme in ("http", "https"):
            continue
        path, code, expected = image_path(relative, source.path, context)
        if code:
            problems.append(
                problem(
                    code, source.path, _line_of(source, relative), key="(nội dung)", expected=expected, got=relative
                )
            )
            continue
        renamed[relative] = Image(file=path, alt="", name=unique_image_name(path, used))
    rewritten = _IMG_SRC.sub(
        lambda m: (
            m.group(1) + html.escape(renamed[html.unescape(m.group(2))].name) + m.group(3)
            if html.unescape(m.group(2)) in renamed
            else m.group(0)
        ),
        body_html,
    )
    return rewritten, tuple(renamed.values()), problems


def _line_of(source: SourceFile, text: str) -> int:
    """The file line where text first appears in the body (the body's first line if nowhere)."""
    index = source.body.find(text)
    return source.body_line + (source.body.count("\n", 0, index) if index >= 0 else 0)


def check_unique_slugs(models: list[Model]) -> list[Problem]:
    """Two files must never publish the same address (slug or old alias); name both in the error."""
    first: dict[str, Model] = {}
    problems = []
    for model in sorted(models, key=lambda m: m.source_path):
        for key, slug in [("slug", model.slug)] + [("aliases", alias) for alias in model.aliases]:
            other = first.setdefault(slug, model)
            if other is not model or (key == "aliases" and slug == model.slug):
                problems.append(
                    problem(
                        "slug-duplicate",
                        model.source_path,
                        1,
                        key=key,
                        expected="một địa chỉ riêng cho mỗi tệp",
                        got=slug,
                        other=other.source_path,
                    )
                )
    return problems


def _legacy_lines(body: str, first_line: int, path: str) -> list[Problem]:
    """Report each body line typed in VNI/TCVN3 or decoded twice, with its line number."""
    problems: list[Problem] = []
    if not has_legacy_marks(body):  # the common case: one scan of the text instead of one per line
        return problems
    for offset, line in enumerate(body.split("\n")):
        legacy = legacy_encoding(line)
        if legacy:
            vi, en = LEGACY_NAMES[legacy]
            problems.append(
                problem(
                    "text-legacy",
                    path,
                    first_line + offset,
                    expected="Unicode",
                    got=line.strip()[:60],
                    encoding=vi,
                    encoding_en=en,
                )
            )
    return problems
