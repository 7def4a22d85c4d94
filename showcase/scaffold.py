"""`new`: a model file ready to fill in, at the right place, with values spelled as the site spells them.

An editor gives the title, field, district, year and unit (as options, or when asked); `new` checks
them against the vocabularies, derives the address from the title, refuses an address that a file,
an old alias, a withdrawn page or the URL record already holds (a published address is never
reused), and writes content/mo-hinh/<year>/<slug>.md with today's `published` date and the sections
of the editor guide's example file, each saying “Đang cập nhật” until the editor writes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from . import addresses, urls
from .model import SiteData
from .pipeline import MODELS_FOLDER, BuildOptions, check
from .specs import Year
from .text_vi import format_date, slugify
from .vocab import Matcher, matchers

EXAMPLE_FILE = Path(__file__).resolve().parent.parent / "docs" / "vi-du-mo-hinh.md"
SLUG_LENGTH = 80  # like the existing files' names: long enough to read, short enough to cite
UNKNOWN = "Đang cập nhật."


class NewModelRefused(Exception):
    """A value cannot be used, or the address is taken: the message says which and what to do."""


@dataclasses.dataclass(frozen=True)
class Request:
    title: str
    field: str
    district: str
    year: int
    unit: str
    commune: str = ""
    slug: str = ""
    draft: bool = False


# (key, question) in the order an editor is asked; the keys are Request's fields.
QUESTIONS = (
    ("title", "Tên mô hình / title"),
    ("field", "Lĩnh vực / field"),
    ("district", "Địa bàn lúc công nhận (huyện, thành phố) / district as recorded"),
    ("year", "Năm công nhận / recognition year"),
    ("unit", "Đơn vị thực hiện / implementing unit"),
)


def ask_missing(given: dict[str, str | None], data: SiteData, ask: Callable[[str], str]) -> dict[str, str]:
    """Ask for every value not given, naming the accepted choices of the vocabularies."""
    choices = {"field": matchers(data.vocabularies)["fields"], "district": matchers(data.vocabularies)["districts"]}
    values = {}
    for key, question in QUESTIONS:
        value = given.get(key)
        while not (value or "").strip():
            hint = f" [{choices[key].choices()}]" if key in choices else ""
            value = ask(f"{question}{hint}: ")
        values[key] = value.strip()
    return values


def resolve(values: dict[str, str], data: SiteData, today: dt.date) -> Request:
    """Check the values against the vocabularies and the year's limits; spell them as the site does."""
    found = matchers(data.vocabularies)
    field = _term(found["fields"], values["field"], "lĩnh vực / field")
    district = _term(found["districts"], values["district"], "địa bàn / district")
    try:
        year = int(values["year"])
    except ValueError:
        raise NewModelRefused(
            f"Năm “{values['year']}” không phải số. / Year “{values['year']}” is not a number."
        ) from None
    if not Year.MIN_YEAR <= year <= today.year:
        raise NewModelRefused(
            f"Năm phải từ {Year.MIN_YEAR} đến {today.year}, có {year}. / The year must be {Year.MIN_YEAR}–{today.year}."
        )
    return Request(
        title=values["title"],
        field=field.label,
        district=district.full_name or district.label,
        year=year,
        unit=values["unit"],
        commune=values.get("commune") or "",
        slug=values.get("slug") or "",
        draft=bool(values.get("draft")),
    )


def _term(matcher: Matcher, value: str, what: str):
    term_id = matcher.match(value)
    if term_id is None:
        suggestion = matcher.suggest(value)
        maybe = f" Có phải “{suggestion}”? / Did you mean “{suggestion}”?" if suggestion else ""
        raise NewModelRefused(
            f"“{value}” không có trong danh sách {what}.{maybe} Chọn một trong: {matcher.choices()}. "
            f"/ “{value}” is not a known {what.split(' / ')[-1]}."
        )
    return next(term for term in matcher.terms if term.id == term_id)


def taken_addresses(options: BuildOptions) -> set[str]:
    """Every model address in use or ever published: files (drafts and broken files too), aliases,
    withdrawn pages and the URL record."""
    data, models, _ = check(dataclasses.replace(options, drafts=True, record="off", jobs=options.jobs or 1))
    taken = {slugify(path.stem) for path in (options.content_dir / MODELS_FOLDER).rglob("*.md")}
    taken |= {slug for model in models for slug in (model.slug, *model.aliases)}
    if data is not None:
        taken |= {withdrawn.slug for withdrawn in data.withdrawn}
    prefix = f"/{urls.MODELS}/"
    for address in addresses.read_record(options.record_file):
        if address.startswith(prefix) and address.count("/") == 3:
            taken.add(address[len(prefix) : -1])
    return taken


def slug_for(request: Request) -> str:
    """The given slug, or the title's, cut at a word boundary."""
    slug = slugify(request.slug or request.title)
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug


def write_model_file(request: Request, options: BuildOptions, today: dt.date) -> Path:
    """Write the new file; refuse when its address is taken. Returns the file's path."""
    slug = slug_for(request)
    if not slug:
        raise NewModelRefused("Tên mô hình không tạo được địa chỉ. / The title gives no address; use --slug.")
    if slug in taken_addresses(options):
        raise NewModelRefused(
            f"Địa chỉ /mo-hinh/{slug}/ đã có hoặc đã từng được đăng; chọn địa chỉ khác bằng --slug. "
            f"/ The address /mo-hinh/{slug}/ exists or was published before; choose another with --slug."
        )
    path = options.content_dir / MODELS_FOLDER / str(request.year) / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite a file
        file.write(model_text(request, today))
    return path


def model_text(request: Request, today: dt.date) -> str:
    """Front-matter with the values in double quotes (JSON strings are valid YAML), then the sections.
    The address is the file's name, so no slug key is needed."""
    lines = [
        "---",
        f"title: {_quoted(request.title)}",
        f"field: {_quoted(request.field)}",
        f"unit: {_quoted(request.unit)}",
        f"district: {_quoted(request.district)}",
    ]
    if request.commune:
        lines.append(f"commune: {_quoted(request.commune)}")
    lines += [f"year: {request.year}", f"published: {_quoted(format_date(today))}"]
    if request.draft:
        lines.append("draft: true")
    lines += ["---", UNKNOWN, ""]
    for heading in example_sections():
        lines += [f"## {heading}", "", UNKNOWN, ""]
    return "\n".join(lines)


def example_sections() -> list[str]:
    """The section headings of the editor guide's example file, so a new file has the same shape."""
    text = EXAMPLE_FILE.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if "\n---\n" in text else text
    return [line[3:].strip() for line in body.splitlines() if line.startswith("## ")]


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
