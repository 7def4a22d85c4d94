"""Loading models: one file → a validated Model with its HTML, and the checks across files."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from . import images, urls, wording
from .hygiene import LEGACY_NAMES, has_legacy_marks, legacy_encoding
from .markup import TIME_BUDGET, MarkupTooComplex, render_markdown, summary_from_html
from .model import Image, Model
from .problems import Problem, problem
from .sources import SourceFile, read_source
from .specs import DOCUMENT_EXTENSIONS, Context, image_path
from .text_vi import show_invisible, slugify
from .validation import unique_image_name, validate


def load_model(file: Path, context: Context) -> tuple[Model | None, list[Problem]]:
    """Read, validate and render one model file; None with problems when it cannot be used."""
    source, problems = read_source(file, context.root, context.content_dir)
    if source is None:
        return None, problems
    values, found = validate(source, context)
    problems = problems + found + _legacy_lines(source.body, source.body_line, source.path)
    problems += wording.check_model_text(source.path, source.text)
    try:
        body_html = render_markdown(source.body)
    except MarkupTooComplex:
        budget = f"{TIME_BUDGET:g}"
        return None, problems + [
            problem("markdown-too-complex", source.path, source.body_line, expected=f"≤ {budget} s", budget=budget)
        ]
    valid = values is not None and not any(p.severity == "error" for p in problems)
    # The body is checked even when the front-matter has errors, so every problem is reported at once;
    # its pictures are then only inspected, not processed, as nothing will be published.
    slug = values["slug"] if valid else slugify(Path(source.path).stem)
    used = {image.name for image in values["images"]} if valid else set()
    files = _local_files(body_html, source, context if valid else replace(context, cache_dir=None), used, slug)
    problems += files.problems
    if not valid or files.problems:
        return None, problems
    summary = values.pop("summary", None) or summary_from_html(files.html)
    return Model(
        source_path=source.path,
        body_html=files.html,
        summary=summary,
        body_images=tuple(files.images),
        documents=tuple(files.documents),
        links=tuple(files.links),
        **values,
    ), problems


_LINK = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')
_PICTURE = re.compile(r"(<p>\s*)?<img\b([^>]*)>(\s*</p>)?")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


@dataclass
class _BodyFiles:
    """What a body refers to: images and documents to publish beside the page, links into the site."""

    html: str
    images: list[Image] = field(default_factory=list)
    documents: list[Image] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)  # (site path, file line), checked across pages
    problems: list[Problem] = field(default_factory=list)


def _local_files(body_html: str, source: SourceFile, context: Context, used: set[str], slug: str) -> _BodyFiles:
    """Check what the body refers to and point the HTML at the published copies.

    Pictures (![mô tả](anh/x.jpg "Ảnh: tác giả")) are checked and processed like front-matter images and
    shown with their credit; linked documents ([quyết định](tai-lieu/qd.pdf)) beside the model file are
    published beside the page under safe names; links into the site (/mo-hinh/x/, or ../x/ from this
    page) are kept with their line for the check across pages.
    """
    found = _BodyFiles(body_html)
    if "<img" in body_html:  # most bodies have no picture, and _PICTURE is tried at every position
        found.html = _PICTURE.sub(lambda match: _picture(match, source, context, used, found), body_html)
    documents: dict[str, Image] = {}
    for match in _LINK.finditer(found.html):
        reference = html.unescape(match.group(2))
        parts = urlsplit(reference)
        if reference in documents or parts.scheme or reference.startswith(("#", "//")) or not reference:
            continue
        line = _line_of(source, reference)
        if reference.startswith("/"):
            found.links.append((reference, line))
        elif not parts.path.lower().endswith(DOCUMENT_EXTENSIONS):  # a page, relative to this one
            target = posixpath.normpath(posixpath.join(urls.model_url(slug), parts.path))
            found.links.append((target + "/" if "." not in target.rsplit("/", 1)[1] else target, line))
        else:
            path, code, expected = image_path(parts.path, source.path, context, DOCUMENT_EXTENSIONS, "file-missing")
            if code:
                found.problems.append(
                    problem(code, source.path, line, key="(nội dung)", expected=expected, got=show_invisible(reference))
                )
                continue
            documents[reference] = Image(file=path, alt="", name=unique_image_name(path, used))
            found.documents.append(documents[reference])
    found.html = _LINK.sub(
        lambda m: (
            m.group(1) + html.escape(documents[html.unescape(m.group(2))].name) + m.group(3)
            if html.unescape(m.group(2)) in documents
            else m.group(0)
        ),
        found.html,
    )
    return found


def _picture(match: re.Match, source: SourceFile, context: Context, used: set[str], found: _BodyFiles) -> str:
    """One <img> of the body, checked and replaced by its published <picture> with its credit."""
    attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(match.group(2))}
    reference, alt = attributes.get("src", ""), attributes.get("alt", "").strip()
    credit = attributes.get("title", "").strip()
    if not reference:  # the sanitiser removed an address that was not allowed (javascript:…): keep the words
        return f"{match.group(1) or ''}{html.escape(alt)}{match.group(3) or ''}"
    line = _line_of(source, reference)
    shown = show_invisible(reference)  # a no-break space pasted into a name must show in the report
    wrong = []
    if not alt:
        wrong.append(problem("image-alt-missing", source.path, line, key="(nội dung)", got=shown))
    if not credit:
        wrong.append(problem("image-credit-missing", source.path, line, key="(nội dung)", got=shown))
    path, code, expected = image_path(reference, source.path, context)
    if code:
        wrong.append(problem(code, source.path, line, key="(nội dung)", expected=expected, got=shown))
    else:
        try:
            loaded = images.load(context.root, context.content_dir, path, context.cache_dir)
        except images.ImageRefused as refused:
            wrong.append(
                problem(
                    refused.code,
                    source.path,
                    line,
                    key="(nội dung)",
                    expected=refused.expected,
                    got=f"{shown}: {refused.got}",
                )
            )
    if wrong:
        found.problems += wrong
        return match.group(0)
    image = Image(
        file=path,
        alt=alt,
        credit=credit,
        name=unique_image_name(path, used, extension=False),
        processed=loaded.processed,
        fresh=loaded.fresh,
    )
    found.images.append(image)
    if image.processed is None:  # only checked (build.py check): nothing is published
        return match.group(0)
    picture = images.picture_html(image.name, image.processed, alt)
    credit_html = f'<span class="credit">{html.escape(credit)}</span>'
    if match.group(1) and match.group(3):  # the picture is a paragraph of its own: a figure with its credit
        return f"<figure>{picture}<figcaption>{credit_html}</figcaption></figure>"
    return f"{match.group(1) or ''}{picture} {credit_html}{match.group(3) or ''}"


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
                    got=show_invisible(line.strip())[:60],
                    encoding=vi,
                    encoding_en=en,
                )
            )
    return problems
