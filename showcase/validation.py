"""Front-matter validation: a model file's YAML nodes + the schema → typed values, or problems.

Pure apart from checking that referenced images exist. Every problem in a file is collected;
nothing stops at the first one. The kinds of values and their checks live in showcase/specs.py,
the keys in showcase/schema.py; this module adds what only a whole model file knows.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePosixPath

from yaml.nodes import Node

from .model import Image
from .problems import Problem, problem
from .schema import MODEL_RECORD
from .sources import SourceFile
from .specs import WINDOWS_RESERVED, Checker, Context, check_document, slug_of
from .text_vi import format_date, slugify

__all__ = ["Context", "unique_image_name", "validate"]

_YEAR = re.compile(r"(19|20)\d\d")  # a folder named for a year of recognition
MODELS_FOLDER = "mo-hinh"  # content/mo-hinh/; pipeline.py names it too (importing it here would be circular)


def validate(source: SourceFile, context: Context) -> tuple[dict | None, list[Problem]]:
    """Check a file's front-matter against the schema; return typed fields or None, and problems."""
    checker = Checker(
        source.path, source.first_line, context, fallback_line=source.first_line - 1, invisible=source.invisible
    )
    values = check_document(MODEL_RECORD, source.front_matter, checker)
    if values is None or checker.has_errors():
        return None, checker.problems
    values["level"] = values.get("level") or context.default_level
    values["images"] = _images(values.get("images", ()))
    if not values.get("slug"):
        values["slug"] = slug_of(PurePosixPath(source.path).stem, None, checker, "slug")
    _check_year_folder(source, context, values.get("year"), checker)
    if values.get("updated") and values.get("published") and values["updated"] < values["published"]:
        node = _value_node(source, "updated")
        checker.report(
            "date-order", node, "updated", expected=format_date(values["published"]), got=format_date(values["updated"])
        )
    if not source.body.strip():
        checker.problems.append(problem("body-empty", source.path, source.body_line))
    if checker.has_errors():
        return None, checker.problems
    return values, checker.problems


def _check_year_folder(source: SourceFile, context: Context, year: int | None, checker: Checker) -> None:
    """Warn when a file in a year folder (mo-hinh/2023/) says another year: one of the two is wrong, and
    the folder is where editors look for a year's models. Files in no year folder are not compared."""
    parts = list(PurePosixPath(source.path).parts)
    at = _year_folder(parts, context)
    if year is None or at is None or int(parts[at]) == year:
        return
    meant = "/".join([*parts[:at], str(year), *parts[at + 1 : -1]]) + "/"
    checker.report(
        "year-folder", _value_node(source, "year"), "year", expected=parts[at], got=str(year), folder_meant=meant
    )


def _year_folder(parts: list[str], context: Context) -> int | None:
    """Index in parts (a path from the project root) of the nearest folder named like a year (2023)
    between the models folder and the file; None when there is none."""
    models = PurePosixPath(os.path.relpath(context.content_dir / MODELS_FOLDER, context.root)).parts
    if tuple(parts[: len(models)]) != models:
        return None
    years = [i for i in range(len(models), len(parts) - 1) if _YEAR.fullmatch(parts[i])]
    return years[-1] if years else None


def _value_node(source: SourceFile, key: str) -> Node | None:
    """The value node of a top-level front-matter key."""
    return next((value for name, value in source.front_matter.value if name.value == key), None)


def unique_image_name(file: str, used: set[str], extension: bool = True) -> str:
    """A safe published name: ASCII, lowercase, never reserved, unique among used. Pictures get a stem
    (their renditions add "-480.webp" and so on); documents keep their extension."""
    stem, _, suffix = PurePosixPath(file).name.rpartition(".")
    base = slugify(stem) or "anh"
    base = f"anh-{base}" if base in WINDOWS_RESERVED else base
    ending = f".{suffix.lower()}" if extension else ""
    name, counter = f"{base}{ending}", 2
    while name in used:
        name, counter = f"{base}-{counter}{ending}", counter + 1
    used.add(name)
    return name


def _images(items: tuple[dict, ...]) -> tuple[Image, ...]:
    """Front-matter images, each with its published name."""
    used: set[str] = set()
    return tuple(
        Image(
            file=item["file"].path,
            alt=item["alt"],
            caption=item.get("caption", ""),
            credit=item.get("credit", ""),
            name=unique_image_name(item["file"].path, used, extension=False),
            processed=item["file"].processed,
            fresh=item["file"].fresh,
        )
        for item in items
    )
