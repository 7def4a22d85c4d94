"""Loading models: one file → a validated Model with its HTML, and the checks across files."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import urls, wording
from .hygiene import LEGACY_NAMES, has_legacy_marks, legacy_encoding
from .markup import TIME_BUDGET, MarkupTooComplex, render_markdown, summary_from_html
from .model import Image, Model
from .problems import Problem, problem
from .sources import SourceFile, read_source
from .specs import DOCUMENT_EXTENSIONS, IMAGE_EXTENSIONS, Context, image_path
from .validation import unique_image_name, validate


def load_model(file: Path, context: Context) -> tuple[Model | None, list[Problem]]:
    """Read, validate and render one model file; None with problems when it cannot be used."""
    source, problems = read_source(file, context.root, context.content_dir)
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
    files = _local_files(body_html, source, context, {image.name for image in values["images"]}, values["slug"])
    if files.problems:
        return None, problems + files.problems
    summary = values.pop("summary", None) or summary_from_html(files.html)
    return Model(
        source_path=source.path,
        body_html=files.html,
        summary=summary,
        body_images=files.images,
        documents=files.documents,
        links=files.links,
        **values,
    ), problems


_LOCAL_REFERENCE = re.compile(r'(<(?:img|a)\b[^>]*?\b(?:src|href)=")([^"]*)(")')


@dataclass
class _BodyFiles:
    """What a body refers to: images and documents to publish beside the page, links into the site."""

    html: str
    images: tuple[Image, ...] = ()
    documents: tuple[Image, ...] = ()
    links: tuple[tuple[str, int], ...] = ()  # (site path, line in the file), checked once all pages are known
    problems: list[Problem] = field(default_factory=list)


def _local_files(body_html: str, source: SourceFile, context: Context, used: set[str], slug: str) -> _BodyFiles:
    """Check what the body refers to and point the HTML at the published copies.

    Pictures (![alt](anh/x.jpg)) and linked documents ([quyết định](tai-lieu/qd.pdf)) beside the model
    file are checked like front-matter images and published beside the page under safe names; links
    into the site (/mo-hinh/x/, or ../x/ from this page) are kept with their line for the check across pages.
    """
    published: dict[str, Image] = {}
    found = _BodyFiles(body_html)
    links: list[tuple[str, int]] = []
    images: list[Image] = []
    documents: list[Image] = []
    for match in _LOCAL_REFERENCE.finditer(body_html):
        reference = html.unescape(match.group(2))
        is_image = match.group(0).startswith("<img")
        parts = urlsplit(reference)
        if reference in published or parts.scheme or reference.startswith(("#", "//")) or not reference:
            continue
        line = _line_of(source, reference)
        if reference.startswith("/"):
            links.append((reference, line))
            continue
        if not is_image and not parts.path.lower().endswith(DOCUMENT_EXTENSIONS):  # a page, relative to this one
            target = posixpath.normpath(posixpath.join(urls.model_url(slug), parts.path))
            links.append((target + "/" if "." not in target.rsplit("/", 1)[1] else target, line))
            continue
        extensions, missing = (IMAGE_EXTENSIONS, "image-missing") if is_image else (DOCUMENT_EXTENSIONS, "file-missing")
        path, code, expected = image_path(parts.path, source.path, context, extensions, missing)
        if code:
            found.problems.append(problem(code, source.path, line, key="(nội dung)", expected=expected, got=reference))
            continue
        published[reference] = Image(file=path, alt="", name=unique_image_name(path, used))
        (images if is_image else documents).append(published[reference])
    found.html = _LOCAL_REFERENCE.sub(
        lambda m: (
            m.group(1) + html.escape(published[html.unescape(m.group(2))].name) + m.group(3)
            if html.unescape(m.group(2)) in published
            else m.group(0)
        ),
        body_html,
    )
    found.images, found.documents, found.links = tuple(images), tuple(documents), tuple(links)
    return found


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
