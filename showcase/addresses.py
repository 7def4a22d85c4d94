"""Addresses: every URL the site publishes, checked so that a published link never breaks.

- The record (content/urls.txt) lists every address ever published, one a line, sorted, committed
  with the content. A recorded address the build would no longer publish is an error that names the
  address, the likely cause and the fix: `aliases` on the renamed model or term, or an entry in
  content/withdrawn.yaml. An address the build makes that the record lacks is a warning; a build
  adds it to the record (commit the file), and under --strict, as in the site's CI, it is an error.
- Every address is made by one page only: model slugs and aliases, withdrawn slugs, term ids and
  their aliases never collide.
- A link in a model's text to a page of this site must reach one ("did you mean" the closest).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from . import urls
from .pages import Page, PageKind
from .problems import Problem, problem
from .site_model import Site
from .text_vi import closest

RECORD_FILE = "urls.txt"
HEADER = (
    "# Every address this site has published (one a line, sorted). The build adds new ones: commit this file\n"
    "# with the content. Never delete a line: an address that disappears must redirect (aliases) or say why\n"
    "# (content/withdrawn.yaml), because press articles link to it.\n"
)
UNRECORDED_KINDS = frozenset({PageKind.NOT_FOUND})  # /404.html is what hosts serve for missing pages


def recorded_urls(pages: list[Page]) -> list[str]:
    """The addresses a build publishes that readers may link to: first pages of listings, not /404.html.

    Later pages of a listing (/trang/2/) come and go as models are added; they are not promises.
    """
    found = {page.url for page in pages if page.kind not in UNRECORDED_KINDS and "/trang/" not in page.url}
    return sorted(found)


def read_record(file: Path) -> dict[str, int]:
    """Recorded address → its line in the file; an absent file records nothing."""
    if not file.exists():
        return {}
    record = {}
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        address = line.strip()
        if address and not address.startswith("#"):
            record.setdefault(address, number)
    return record


def compare(site: Site, pages: list[Page], file: Path, root: Path) -> list[Problem]:
    """Problems between the record and the addresses this build makes."""
    record = read_record(file)
    made = set(recorded_urls(pages))
    path = _relative(file, root)
    problems = [_removed(site, address, path, line) for address, line in record.items() if address not in made]
    problems += [
        problem("url-unrecorded", path, None, got=address, file=path)
        for address in sorted(made)
        if address not in record
    ]
    return problems


def update_record(file: Path, pages: list[Page]) -> int:
    """Add the build's new addresses to the record (never remove one); return how many were added."""
    record = read_record(file)
    new = [address for address in recorded_urls(pages) if address not in record]
    if not new:
        return 0
    addresses = sorted(set(record) | set(new))
    text = HEADER + "".join(f"{address}\n" for address in addresses)
    descriptor, temporary = tempfile.mkstemp(prefix=".urls-", dir=file.parent)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(temporary, file)
    return len(new)


def _removed(site: Site, address: str, path: str, line: int) -> Problem:
    """The error for a recorded address that would disappear, with the fix that fits its kind."""
    parts = [part for part in address.strip("/").split("/") if part]
    segments = {facet.definition.segment: facet for facet in site.facets}
    if len(parts) == 2 and parts[0] == urls.MODELS:
        hint = (
            'Nếu tệp mô hình đã đổi tên hoặc đổi slug, thêm aliases: ["{slug}"] vào tệp mới; nếu mô hình '
            "bị gỡ, thêm một mục slug: {slug} vào content/withdrawn.yaml (kèm lý do). / If the model was renamed, "
            'add aliases: ["{slug}"] to it; if it was withdrawn, add it to content/withdrawn.yaml.'
        )
        return problem("url-removed", path, line, got=address, cause=hint.replace("{slug}", parts[1]))
    if len(parts) >= 2 and parts[0] in segments:  # a term's page, its feed or its printable copy
        vocabulary = segments[parts[0]].definition.vocabulary
        where = f"content/{vocabulary}.yaml" if vocabulary else "các tệp mô hình"
        hint = (
            f'Nếu mã “{parts[1]}” trong {where} đã đổi, thêm aliases: ["{parts[1]}"] vào mục mới. '
            f'/ If the id “{parts[1]}” was changed, add aliases: ["{parts[1]}"] to the new entry.'
        )
        return problem("url-removed", path, line, got=address, cause=hint)
    hint = "Khôi phục trang đã xóa, hoặc báo người bảo trì. / Restore the page, or tell the maintainer."
    return problem("url-removed", path, line, got=address, cause=hint)


def collisions(site: Site, root: Path, content_dir: Path) -> list[Problem]:
    """Addresses claimed twice across model slugs, withdrawn slugs and term aliases, and related slugs
    of withdrawn pages that name no model."""
    problems = []
    live = {m.slug: m for m in site.models} | {alias: m for m in site.models for alias in m.aliases}
    path = _relative(content_dir / "withdrawn.yaml", root)
    for withdrawn in site.data.withdrawn:
        if withdrawn.slug in live:
            problems.append(
                problem(
                    "slug-duplicate", path, None, key="slug", got=withdrawn.slug, other=live[withdrawn.slug].source_path
                )
            )
        problems += [
            problem("related-unknown", path, None, key="related", got=slug)
            for slug in withdrawn.related
            if slug not in {m.slug for m in site.models}
        ]
    for facet in site.facets:
        ids = {term.id for term in facet.terms}
        vocabulary = _relative(content_dir / f"{facet.definition.vocabulary}.yaml", root)
        problems += [
            problem("slug-duplicate", vocabulary, None, key="aliases", got=alias, other=vocabulary)
            for term in facet.terms
            for alias in term.aliases
            if alias in ids
        ]
    return problems


def broken_body_links(site: Site, pages: list[Page]) -> list[Problem]:
    """Links in model texts to addresses of this site that no page serves."""
    served = {page.url for page in pages} | {urls.SEARCH}
    problems = []
    for model in site.models:
        for href, line in model.links:
            target = urlsplit(href).path
            if target and not _served(target, served):
                meant = closest(target, sorted(served))
                problems.append(
                    problem(
                        "link-broken",
                        model.source_path,
                        line,
                        key="(nội dung)",
                        got=href,
                        suggestion=f"Có phải “{meant}”? / Did you mean “{meant}”?"
                        if meant
                        else "Kiểm tra lại địa chỉ. / Check the address.",
                    )
                )
    return problems


def _served(target: str, served: set[str]) -> bool:
    """A site path is served when a page has it, or it names a file published beside a model page."""
    if target in served or f"{target}/" in served:
        return True
    folder = target.rsplit("/", 1)[0] + "/"
    return folder in served and "." in target.rsplit("/", 1)[1]


def _relative(file: Path, root: Path) -> str:
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
