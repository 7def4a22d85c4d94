"""Kinds of values in content files: one small class per kind, each owning its check and its guide label.

Front-matter and every data file under content/ are declared with these kinds (showcase/schema.py), so
they are all validated one way, with line numbers and wording from the one message catalogue. A kind
is a subclass of Spec; `check` is abstract, so a kind without a check cannot even be declared.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import images
from .hygiene import LEGACY_NAMES, legacy_encoding
from .messages import DATE_REASONS, hint
from .model import Statement
from .problems import Problem, problem
from .text_vi import (
    closest,
    date_parts,
    days_in_month,
    format_date,
    loose_key,
    nfc,
    parse_date,
    show_invisible,
    slugify,
    unwrap_quotes,
)
from .urls import base_url_error
from .wording import ENGLISH, english_words

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
YAML_TYPES = {  # how a message names what YAML made of an unquoted value
    BOOL: ("giá trị đúng/sai (boolean)", "a boolean"),
    INT: ("số (number)", "a number"),
    "tag:yaml.org,2002:float": ("số thập phân (number)", "a decimal number"),
    NULL: ("giá trị rỗng (null)", "null"),
    TIMESTAMP: ("ngày tháng (date)", "a date"),
}
URL_SCHEMES = ("https://", "http://")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")  # no SVG: it can carry scripts
DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods")  # decisions, reports
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_SLUG = 200  # folder names stay well under the 255-byte limit of common file systems
RESERVED_SLUGS = {"trang"}  # /mo-hinh/trang/2/ is the list of all models, page 2


@dataclass
class Context:
    """What checking a file needs besides the file: vocabularies, the current year, the folders."""

    matchers: dict[str, Any]  # vocabulary name → vocab.Matcher; empty while the vocabularies load
    current_year: int
    root: Path
    content_dir: Path
    default_level: str = ""
    sources: dict[str, Any] = field(default_factory=dict)  # content/sources.yaml: id → model.Source
    cache_dir: Path | None = None  # where processed images are kept; None: images are only checked
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class Checker:
    """Checks one file's nodes, collecting every problem instead of stopping at the first."""

    path: str  # relative to the project root
    first_line: int  # the file line of the YAML text's first line
    context: Context
    root: Node | None = None  # the document's top node: a missing key is reported at fallback_line
    fallback_line: int | None = None
    invisible: frozenset[int] = frozenset()  # file lines that held invisible characters, now removed
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, node: Node) -> int:
        return self.first_line + node.start_mark.line

    def report(self, code: str, node: Node | None, key: str | None, **details: Any) -> None:
        """Add the catalogue's problem `code` at node's line and column (or the fallback line)."""
        if node is None or node is self.root:
            line, column = self.fallback_line, None
        else:
            line, column = self.first_line + node.start_mark.line, node.start_mark.column + 1
        if isinstance(details.get("got"), str):  # a tab or no-break space must show in the report
            details["got"] = show_invisible(details["got"])
        self.problems.append(problem(code, self.path, line, column, key=key, **details))

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def shape(node: Node) -> str:
    """What a node is, in words an editor recognises from the file."""
    if isinstance(node, ScalarNode):
        return str(node.value)
    return "danh sách (list)" if isinstance(node, SequenceNode) else "nhóm khóa (mapping)"


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


class Spec(ABC):
    """One key's kind of value, its labels for messages and the guide, and whether it is required."""

    kind_vi: ClassVar[str]  # the editor guide's "Kiểu" column

    def __init__(self, label: str = "", en: str = "", doc: str = "", required: bool = False):
        self.label = label
        self.en = en
        self.doc = doc
        self.required = required

    @abstractmethod
    def check(self, node: Node, checker: Checker, key: str) -> Any:
        """The typed value of node, or None after reporting why it cannot be used."""

    def guide_kind(self) -> str:
        return self.kind_vi


class Text(Spec):
    kind_vi = "chữ"

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.max_length = max_length  # characters; a value this long is a paste gone wrong

    def check(self, node: Node, checker: Checker, key: str) -> str | None:
        if is_null(node):
            if self.required:
                checker.report("value-empty", node, key)
            return None
        if not isinstance(node, ScalarNode):
            checker.report("value-type", node, key, expected="chữ (text)", got=shape(node))
            return None
        if node.tag != STR:
            vi, en = YAML_TYPES.get(node.tag, ("giá trị khác", "another type"))
            checker.report(
                "value-not-text", node, key, expected="chữ (text)", got=str(node.value), yaml_type=vi, yaml_type_en=en
            )
            return None
        value = nfc(node.value).strip()
        if not value:
            if checker.line_of(node) in checker.invisible:
                checker.report("value-invisible", node, key)
            elif self.required:
                checker.report("value-empty", node, key)
            return None
        inner = unwrap_quotes(value)
        if inner is not None:
            quotes = f"{value[0]}…{value[-1]}"
            checker.report("value-curly-quotes", node, key, expected=inner, got=value, quotes=quotes, used=inner)
            value = inner
        if self.max_length is not None and len(value) > self.max_length:
            checker.report(
                "text-too-long",
                node,
                key,
                expected=f"≤ {self.max_length} ký tự",
                got=f"{len(value)} ký tự",
                limit=self.max_length,
            )
            return None
        legacy = legacy_encoding(value)
        if legacy:
            vi, en = LEGACY_NAMES[legacy]
            checker.report("text-legacy", node, key, expected="Unicode", got=value[:60], encoding=vi, encoding_en=en)
            return None
        return value


class Integer(Spec):
    kind_vi = "số nguyên"
    code = "number-invalid"  # the catalogue entry for a value out of range or not a whole number

    def __init__(self, *args: Any, minimum: int = 0, maximum: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.minimum = minimum
        self.maximum = maximum

    def limits(self, checker: Checker) -> tuple[int, int | None]:
        return self.minimum, self.maximum

    def check(self, node: Node, checker: Checker, key: str) -> int | None:
        minimum, maximum = self.limits(checker)
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else shape(node)
        is_number = isinstance(node, ScalarNode) and node.tag in self.accepted_tags()
        if is_number and raw.isascii() and raw.isdigit():
            value = int(raw)
            if value >= minimum and (maximum is None or value <= maximum):
                return value
        expected = f"{minimum}–{maximum}" if maximum is not None else f"≥ {minimum}"
        checker.report(
            self.code,
            node,
            key,
            expected=expected,
            got=raw,
            minimum=minimum,
            maximum=maximum if maximum is not None else "…",
        )
        return None

    def accepted_tags(self) -> tuple[str, ...]:
        return (INT,)


class Year(Integer):
    """A recognition year: from MIN_YEAR to the current year (a future year is a typo)."""

    kind_vi = "số nguyên (năm)"
    code = "year-invalid"
    MIN_YEAR = 2000

    def limits(self, checker: Checker) -> tuple[int, int | None]:
        return self.MIN_YEAR, checker.context.current_year

    def accepted_tags(self) -> tuple[str, ...]:
        return (INT, STR)  # year: "2024" is as clear as year: 2024


class Choice(Text):
    """A term of a vocabulary (content/<vocabulary>.yaml), written as editors write it; gives its id."""

    kind_vi = "chữ, theo danh sách"

    def __init__(self, *args: Any, vocabulary: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.vocabulary = vocabulary

    def check(self, node: Node, checker: Checker, key: str) -> str | None:
        value = super().check(node, checker, key)
        if value is None:
            return None
        matcher = checker.context.matchers[self.vocabulary]
        found = matcher.match(value)
        if found is not None:
            return found
        names = {"vocabulary": matcher.vocabulary.name, "vocabulary_en": matcher.vocabulary.name_en}
        reading = matcher.read(value)
        if reading is not None:
            found, dropped = reading
            checker.report(
                "value-read-as", node, key, expected=matcher.display(found), got=value, dropped=dropped, **names
            )
            return found
        checker.report(
            "value-unknown",
            node,
            key,
            expected=matcher.choices(),
            got=value,
            suggestion=self.suggestion(matcher.candidates(value)),
            **names,
        )
        return None

    def suggestion(self, candidates: tuple[str, ...]) -> str:
        """A "did you mean" for one candidate, every candidate when several are as likely, else the file."""
        if len(candidates) == 1:
            return hint("did-you-mean", meant=candidates[0])
        if candidates:
            quoted = [f"“{c}”" for c in candidates]
            return hint("one-of", choices_vi=" hoặc ".join(quoted), choices_en=" or ".join(quoted))
        return hint("pick-from", file=f"content/{self.vocabulary}.yaml")


class OneOf(Text):
    """One of a few fixed words that the program itself understands (a git host's name), not a vocabulary
    editors extend: the words live here, beside the code that acts on them."""

    kind_vi = "chữ, một trong vài giá trị cố định"

    def __init__(self, *args: Any, options: tuple[str, ...], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.options = options

    def guide_kind(self) -> str:
        return " hoặc ".join(f"“{option}”" for option in self.options)

    def check(self, node: Node, checker: Checker, key: str) -> str | None:
        value = super().check(node, checker, key)
        if value is None or value in self.options:
            return value
        quoted = [f"“{option}”" for option in self.options]
        checker.report(
            "value-unknown",
            node,
            key,
            expected=", ".join(self.options),
            got=value,
            vocabulary=self.label or key,
            vocabulary_en=self.en or key,
            suggestion=hint("one-of", choices_vi=" hoặc ".join(quoted), choices_en=" or ".join(quoted)),
        )
        return None


class Flag(Spec):
    kind_vi = "true / false"

    def check(self, node: Node, checker: Checker, key: str) -> bool | None:
        """true or false; YAML's other spellings (yes, no, on, off) are read the same way with a warning,
        because "replication: no" reads as a word, not as the switch it is."""
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            value = node.value.lower() in ("true", "yes", "on")
            if node.value.lower() not in ("true", "false"):
                checker.report("flag-spelling", node, key, expected=str(value).lower(), got=node.value)
            return value
        checker.report("value-type", node, key, expected="true hoặc false", got=shape(node))
        return None


class Slug(Text):
    """The last part of an address: any text, made ASCII; reserved and overlong names refused."""

    kind_vi = "chữ (không dấu, gạch ngang)"

    def check(self, node: Node, checker: Checker, key: str) -> str | None:
        value = super().check(node, checker, key)
        return None if value is None else slug_of(value, node, checker, key)


def slug_of(value: str, node: Node | None, checker: Checker, key: str) -> str | None:
    """value as a slug, or None after reporting why it cannot be one (also used for file names)."""
    slug = slugify(value)
    if not slug:
        checker.report("slug-invalid", node, key, expected="a-z, 0-9, -", got=value)
        return None
    if slug in WINDOWS_RESERVED or slug in RESERVED_SLUGS or len(slug) > MAX_SLUG:
        checker.report("slug-reserved", node, key, expected=f"≤ {MAX_SLUG} ký tự, không phải con, nul, com1…", got=slug)
        return None
    return slug


class Id(Text):
    """A vocabulary id: it becomes a URL segment, so it must already be written as a slug."""

    kind_vi = "mã (chữ thường không dấu, gạch ngang)"

    def check(self, node: Node, checker: Checker, key: str) -> str | None:
        value = super().check(node, checker, key)
        if value is not None and slugify(value) != value:
            checker.report("id-invalid", node, key, expected=slugify(value) or "kinh-te", got=value)
            return None
        return value


class Date(Spec):
    kind_vi = 'ngày "dd/mm/yyyy"'

    def __init__(self, *args: Any, past: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.past = past  # a date that has happened (published): tomorrow is a typo

    def check(self, node: Node, checker: Checker, key: str) -> dt.date | None:
        written = ""
        if isinstance(node, ScalarNode) and node.tag == TIMESTAMP:
            written = node.value[:10]
        elif isinstance(node, ScalarNode) and node.tag == STR:
            written = nfc(node.value)
        parsed = parse_date(written) if written else None
        parts = date_parts(written)
        if parsed is None and parts and parts[2] >= 1:  # the form is right, the day does not exist
            impossible_date(node, checker, key, written.strip(), parts)
        elif parsed is None:
            checker.report("date-invalid", node, key, expected="dd/mm/yyyy", got=shape(node))
        elif self.past and parsed > checker.context.today:
            checker.report(
                "date-future", node, key, expected=f"≤ {format_date(checker.context.today)}", got=format_date(parsed)
            )
            return None
        return parsed


def impossible_date(node: Node, checker: Checker, key: str, written: str, parts: tuple[int, int, int]) -> None:
    """Report a date written in the right form that does not exist (31/02/2024), saying why, and the
    date meant when the day and the month were swapped (12/31/2024)."""
    day, month, year = parts
    if not 1 <= month <= 12:
        reason = "no-month"
    elif day == 0:
        reason = "no-day"
    else:
        reason = "short-month"
    days = days_in_month(month, year) if 1 <= month <= 12 and year >= 1 else 0
    vi, en = (text.format(month=month, year=year, days=days) for text in DATE_REASONS[reason])
    swapped = parse_date(f"{month}/{day}/{year}")
    advice = hint("day-month-swapped", meant=format_date(swapped)) if swapped else hint("check-date")
    checker.report(
        "date-impossible",
        node,
        key,
        expected="một ngày có thật / a real date",
        got=written,
        why=vi,
        why_en=en,
        advice=advice,
    )


class Url(Text):
    kind_vi = "địa chỉ https://"

    def check(self, node: Node, checker: Checker, key: str) -> str | None:
        value = super().check(node, checker, key)
        if value is not None and (not value.lower().startswith(URL_SCHEMES) or any(c.isspace() for c in value)):
            checker.report("url-invalid", node, key, expected="https://…", got=value)
            return None
        return value


class BaseUrl(Text):
    """The address the site is published at: absolute https (http for localhost), nothing after it."""

    kind_vi = "địa chỉ https:// của trang"

    def check(self, node: Node, checker: Checker, key: str) -> str | None:
        value = super().check(node, checker, key)
        if value is not None and (expected := base_url_error(value)):
            checker.report("base-url-invalid", node, key, expected=expected, got=value)
            return None
        return value


class LocalImage(Text):
    """An image file beside the model file: relative, inside content/, existing. Gives its project path."""

    kind_vi = "đường dẫn tệp ảnh"

    def check(self, node: Node, checker: Checker, key: str) -> images.ImageFile | None:
        relative = super().check(node, checker, key)
        if relative is None:
            return None
        path, code, expected = image_path(relative, checker.path, checker.context)
        if code:
            checker.report(code, node, key, expected=expected, got=relative)
            return None
        context = checker.context
        try:
            return images.load(context.root, context.content_dir, path, context.cache_dir)
        except images.ImageRefused as refused:
            checker.report(refused.code, node, key, expected=refused.expected, got=f"{relative}: {refused.got}")
            return None


def image_path(
    relative: str,
    file_path: str,
    context: Context,
    extensions: tuple[str, ...] = IMAGE_EXTENSIONS,
    missing: str = "image-missing",
) -> tuple[str | None, str | None, str]:
    """(project-relative path, None, "") for a safe existing file beside a content file, else
    (None, problem code, what was expected). Used for images and linked documents alike."""
    parts = PurePosixPath(relative).parts
    unsafe = "\\" in relative or relative.startswith("/") or ".." in parts or ":" in relative
    example = "anh/ten-anh.jpg" if extensions is IMAGE_EXTENSIONS else "tai-lieu/quyet-dinh.pdf"
    refused = f"{example} (" + ", ".join(extensions) + ")"
    folder = context.root / PurePosixPath(file_path).parent
    if unsafe:
        return None, "path-unsafe", refused
    if not relative.lower().endswith(extensions):  # "anh/duong-hoa": perhaps only the extension is missing
        near = near_file(folder, relative, extensions)
        return (None, "file-name-near", near) if near else (None, "path-unsafe", refused)
    path = (PurePosixPath(file_path).parent / relative).as_posix()
    file = context.root / path
    if not file.is_file():
        stored = _stored_name(file)  # the same name stored decomposed (NFD), as macOS and some zips do
        if stored is None:
            near = near_file(folder, relative, extensions)
            return (None, "file-name-near", near) if near else (None, missing, path)
        path = (PurePosixPath(path).parent / stored.name).as_posix()
        file = stored
    if not file.resolve().is_relative_to(context.content_dir.resolve()):  # a symlink out
        return None, "path-unsafe", "một tệp trong content/"
    return path, None, ""


def _stored_name(file: Path) -> Path | None:
    """The file whose name, normalised to NFC, is file's name; None when there is none."""
    try:
        return next((p for p in file.parent.iterdir() if nfc(p.name) == nfc(file.name) and p.is_file()), None)
    except OSError:
        return None


MAX_NEAR_FILES = 2000  # how many files a "did you mean" looks at: a content folder has tens


def near_file(folder: Path, relative: str, extensions: tuple[str, ...]) -> str | None:
    """The path to write, relative to folder, for the one file an editor probably meant by relative.

    In order: the same path but for case, spaces, diacritics or the extension (anh/duong-hoa.PNG,
    anh/duong hoa.png, anh/duong-hoa → anh/duong-hoa.png); the same name in another subfolder; a close
    name in the same folder. Two files equally meant give None: a wrong "did you mean" is worse than none.
    """
    files = _files_under(folder, extensions)
    wanted = _path_key(relative)
    same = [f for f in files if _path_key(f) == wanted]
    if not same:
        name = wanted.rsplit("/", 1)[-1]
        same = [f for f in files if _path_key(f).rsplit("/", 1)[-1] == name]
    if len(same) == 1:
        return same[0]
    if same:
        return None
    parent = PurePosixPath(relative).parent.as_posix()
    beside = {PurePosixPath(f).name: f for f in files if PurePosixPath(f).parent.as_posix() == parent}
    meant = closest(PurePosixPath(relative).name, list(beside), cutoff=0.75)
    return beside[meant] if meant else None


def _files_under(folder: Path, extensions: tuple[str, ...]) -> list[str]:
    """Files with one of extensions under folder (subfolders included, at most MAX_NEAR_FILES), as
    paths relative to folder with forward slashes, sorted."""
    found: list[str] = []
    try:
        for path in folder.rglob("*"):
            if len(found) >= MAX_NEAR_FILES:
                break
            if path.suffix.lower() in extensions and path.is_file():
                found.append(nfc(path.relative_to(folder).as_posix()))
    except OSError:
        return found
    return sorted(found)


def _path_key(path: str) -> str:
    """A path compared without case, diacritics, spacing or its extension: "Anh/Đường hoa.PNG" → "anh/duong hoa"."""
    pure = PurePosixPath(path)
    stem = pure.stem if pure.suffix.lower() in IMAGE_EXTENSIONS + DOCUMENT_EXTENSIONS else pure.name
    return "/".join(loose_key(part) for part in (*pure.parent.parts, stem) if part not in ("", "."))


class ListOf(Spec):
    """A YAML list of one kind of item. Text items are de-duplicated; a single text counts as one item."""

    def __init__(
        self,
        item: Spec,
        *args: Any,
        min_items: int = 0,
        max_items: int | None = None,
        unique: str | None = None,
        single: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.item = item
        self.min_items = min_items
        self.max_items = max_items
        self.unique = unique  # a key whose value no two items may share (a term's id)
        self.single = single  # a single value is a normal way to write a one-item list (source: id)

    def guide_kind(self) -> str:
        return f"danh sách {self.item.guide_kind()}" if isinstance(self.item, Text) else "danh sách nhóm khóa"

    def check(self, node: Node, checker: Checker, key: str) -> tuple | None:
        if isinstance(node, SequenceNode):
            items = node.value
        elif isinstance(node, ScalarNode) and isinstance(self.item, Text | Either) and not is_null(node):
            items = self.single_items(node, checker, key)
        else:
            checker.report(
                "value-type", node, key, expected="danh sách (list, mỗi mục bắt đầu bằng -)", got=shape(node)
            )
            return None
        values = [self.item.check(item, checker, key) for item in items]
        kept = [v for v in values if v is not None]
        if self.unique:
            self.check_unique(items, values, checker, key)
        if len(kept) < self.min_items:
            checker.report("list-empty", node, key, minimum=self.min_items)
            return None
        if self.max_items is not None and len(items) > self.max_items:
            checker.report(
                "list-too-long", node, key, expected=f"≤ {self.max_items}", got=str(len(items)), limit=self.max_items
            )
            return None
        return tuple(dict.fromkeys(kept)) if isinstance(self.item, Text) else tuple(kept)

    def single_items(self, node: ScalarNode, checker: Checker, key: str) -> list[Node]:
        """The items of a single value written where a list is expected.

        Text with commas is split at them (tags: "đê bao, ngăn mặn" is two tags, not one tag with a
        comma in it), with a warning saying so; other text is a one-item list.
        """
        parts = [p.strip() for p in str(node.value).split(",")] if node.tag == STR else []
        parts = [p for p in parts if p]
        if isinstance(self.item, Text) and len(parts) >= 2:
            checker.report(
                "value-comma-list",
                node,
                key,
                got=str(node.value),
                count=len(parts),
                items=", ".join(f"“{p}”" for p in parts),
                quoted=", ".join(f'"{p}"' for p in parts),
            )
            return [ScalarNode(STR, p, node.start_mark, node.end_mark) for p in parts]
        if not self.single:
            checker.report("value-not-list", node, key, got=str(node.value))
        return [node]

    def check_unique(self, items: list[Node], values: list[Any], checker: Checker, key: str) -> None:
        seen: set[Any] = set()
        for node, value in zip(items, values, strict=True):
            if value is None:
                continue
            name = value.get(self.unique) if isinstance(value, dict) else getattr(value, self.unique)
            if name in seen:
                checker.report("data-duplicate", node, f"{key}.{self.unique}" if key else self.unique, got=name)
            seen.add(name)


class Record(Spec):
    """A mapping of known keys, each with its own spec; unknown keys warn with a "did you mean"."""

    kind_vi = "nhóm khóa"

    def __init__(self, keys: dict[str, Spec], *args: Any, build: Callable[[dict], Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.keys = keys
        self.build = build

    def check(self, node: Node, checker: Checker, key: str) -> Any:
        if not isinstance(node, MappingNode):
            checker.report("value-type", node, key, expected="các dòng khóa: giá trị (mapping)", got=shape(node))
            return None
        values = self.fields(node, checker, f"{key}." if key else "")
        if values is None or self.build is None:
            return values
        return self.build(values)

    def fields(self, node: MappingNode, checker: Checker, prefix: str = "") -> dict | None:
        """Typed values by key; None when a required key is missing or invalid."""
        values: dict[str, Any] = {}
        complete = True
        written = {str(k.value) for k, _ in node.value}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            spec = self.keys.get(name)
            if spec is None:
                self.unknown(key_node, checker, prefix + name)
                continue
            if is_null(value_node) and not spec.required:  # "decision:" left empty, as the guide says
                continue
            value = spec.check(value_node, checker, prefix + name)
            if value is None:
                complete = complete and not spec.required
            else:
                values[name] = value
        for name, spec in self.keys.items():
            if spec.required and name not in written:
                checker.report("key-missing", node, prefix + name, label=spec.label, label_en=spec.en)
                complete = False
        return values if complete else None

    def unknown(self, key_node: Node, checker: Checker, key: str) -> None:
        names = {name: name for name in self.keys} | {spec.label: name for name, spec in self.keys.items()}
        meant = closest(key.rsplit(".", 1)[-1], names)
        checker.report(
            "key-unknown",
            key_node,
            key,
            expected=", ".join(self.keys),
            got=key,
            suggestion=hint("did-you-mean", meant=meant) if meant else hint("see-guide"),
        )


class MapOf(Spec):
    """A mapping whose keys are one kind (e.g. field ids) and values another (e.g. counts)."""

    kind_vi = "nhóm khóa"

    def __init__(self, key: Spec, value: Spec, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.key_spec = key
        self.value_spec = value

    def check(self, node: Node, checker: Checker, key: str) -> dict | None:
        if not isinstance(node, MappingNode):
            checker.report("value-type", node, key, expected="các dòng khóa: giá trị (mapping)", got=shape(node))
            return None
        found = {}
        for key_node, value_node in node.value:
            name = self.key_spec.check(key_node, checker, key)
            value = self.value_spec.check(value_node, checker, f"{key}.{key_node.value}")
            if name is not None and value is not None:
                found[name] = value
        return found


class SourceRef(Text):
    """The id of an entry of content/sources.yaml; gives that Source."""

    kind_vi = "mã nguồn (trong content/sources.yaml)"

    def check(self, node: Node, checker: Checker, key: str) -> Any:
        value = super().check(node, checker, key)
        if value is None:
            return None
        found = checker.context.sources.get(value)
        if found is None:
            meant = closest(value, list(checker.context.sources))
            checker.report(
                "value-unknown",
                node,
                key,
                expected=", ".join(checker.context.sources),
                got=value,
                vocabulary="nguồn",
                vocabulary_en="source",
                suggestion=hint("did-you-mean", meant=meant)
                if meant
                else hint("pick-from", file="content/sources.yaml"),
            )
        return found


class Either(Spec):
    """A value written either as text (checked by `text`) or as key: value lines (checked by `record`)."""

    def __init__(self, text: Spec, record: Spec, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.text = text
        self.record = record

    def guide_kind(self) -> str:
        return f"{self.text.guide_kind()}, hoặc {self.record.guide_kind()}"

    def check(self, node: Node, checker: Checker, key: str) -> Any:
        spec = self.record if isinstance(node, MappingNode) else self.text
        return spec.check(node, checker, key)


class Fact(Spec):
    """A sentence of fact shown on the site: text, its sources, the source's own words.

    Written as key: value lines (text, source, quote, about_site) or, for a sentence about the site
    itself, as plain text. A fact without a source is a warning: every sentence a reader sees must be
    true to a named source, or be about this site (about_site: true).
    """

    kind_vi = "câu nêu sự kiện (text, source, quote)"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.record = Record(
            {
                "text": Text("Nội dung", "text", required=True),
                "source": ListOf(SourceRef(), "Nguồn", "source", "Mã nguồn trong content/sources.yaml.", single=True),
                "quote": Text("Nguyên văn", "quote", "Câu gốc trong nguồn, nếu có."),
                "about_site": Flag(
                    "Nói về trang này", "about the site", "true khi câu nói về chính trang thông tin này."
                ),
            }
        )

    def check(self, node: Node, checker: Checker, key: str) -> Any:
        if isinstance(node, MappingNode):
            values = self.record.check(node, checker, key)
            if values is None:
                return None
            statement = Statement(
                values["text"], values.get("source", ()), values.get("quote", ""), values.get("about_site", False)
            )
        else:
            text = Text(required=self.required).check(node, checker, key)
            if text is None:
                return None
            statement = Statement(text)
        if not statement.sources and not statement.about_site:
            checker.report("statement-unsourced", node, key, got=statement.text[:80])
        for word in english_words(statement.text):
            checker.report("text-english", node, key, expected=ENGLISH[word.lower()], got=word)
        return statement


def check_document(spec: Spec, node: Node, checker: Checker) -> Any:
    """Check a whole document (a file's front-matter or a data file) against its top-level spec."""
    checker.root = node
    if isinstance(spec, Record) and isinstance(node, MappingNode):
        values = spec.fields(node, checker)
        return spec.build(values) if values is not None and spec.build is not None else values
    return spec.check(node, checker, "")


def spec_rows(keys: dict[str, Spec], prefix: str = "") -> list[tuple[str, Spec]]:
    """Every key of a record, nested keys as "images.file", in declaration order: for the guide."""
    rows: list[tuple[str, Spec]] = []
    for name, spec in keys.items():
        rows.append((prefix + name, spec))
        inner = spec.item if isinstance(spec, ListOf) else spec
        if isinstance(inner, Record):
            rows += spec_rows(inner.keys, f"{prefix}{name}.")
    return rows
