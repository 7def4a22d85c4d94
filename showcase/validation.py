"""Front-matter validation: a source file's YAML nodes + the schema → typed values, or problems.

Pure apart from checking that referenced images exist. Every problem in a file is collected;
nothing stops at the first one.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .hygiene import LEGACY_NAMES, legacy_encoding
from .model import Decision, Image, Source
from .problems import Problem, problem
from .schema import MIN_YEAR, MODEL_KEYS, KeySpec, Kind
from .sources import SourceFile
from .text_vi import nfc, parse_date, slugify
from .vocab import LABELS, Matcher

STR_TAG = "tag:yaml.org,2002:str"
YAML_TYPES = {
    "tag:yaml.org,2002:bool": ("giá trị đúng/sai (boolean)", "a boolean"),
    "tag:yaml.org,2002:int": ("số (number)", "a number"),
    "tag:yaml.org,2002:float": ("số thập phân (number)", "a decimal number"),
    "tag:yaml.org,2002:null": ("giá trị rỗng (null)", "null"),
    "tag:yaml.org,2002:timestamp": ("ngày tháng (date)", "a date"),
}
ALLOWED_URL_SCHEMES = ("https://", "http://")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")  # no SVG: it can carry scripts
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_SLUG = 200  # folder names stay well under the 255-byte limit of common file systems
_MISSING = object()


@dataclass
class Context:
    """What validating one file needs besides the file itself."""

    matchers: dict[str, Matcher]
    default_level: str
    current_year: int
    root: Path
    content_dir: Path


class _FileValidator:
    """Validates one file's front-matter, accumulating problems instead of raising."""

    def __init__(self, source: SourceFile, context: Context):
        self.source = source
        self.context = context
        self.problems: list[Problem] = []

    def report(self, code: str, node: Node | None, key: str | None, **details) -> None:
        line = self.source.first_line + node.start_mark.line if node is not None else self.source.first_line - 1
        column = node.start_mark.column + 1 if node is not None else None
        self.problems.append(problem(code, self.source.path, line, column, key=key, **details))

    # -- scalar kinds ---------------------------------------------------------------------------
    def text(self, node: Node, key: str, required: bool = False) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            if required:
                self.report("value-empty", node, key)
            return None
        if not isinstance(node, ScalarNode):
            self.report("value-type", node, key, expected="chữ (text)", got=_shape(node))
            return None
        if node.tag != STR_TAG:
            vi, en = YAML_TYPES.get(node.tag, ("giá trị khác", "another type"))
            self.report("value-not-text", node, key, expected="chữ (text)", got=str(node.value),
                        yaml_type=vi, yaml_type_en=en)
            return None
        value = nfc(node.value).strip()
        if not value:
            if required:
                self.report("value-empty", node, key)
            return None
        legacy = legacy_encoding(value)
        if legacy:
            vi, en = LEGACY_NAMES[legacy]
            self.report("text-legacy", node, key, expected="Unicode", got=value[:60], encoding=vi, encoding_en=en)
            return None
        return value

    def year(self, node: Node, key: str) -> int | None:
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else _shape(node)
        limits = {"minimum": MIN_YEAR, "maximum": self.context.current_year}
        is_number = isinstance(node, ScalarNode) and node.tag in (STR_TAG, "tag:yaml.org,2002:int")
        if is_number and raw.isascii() and raw.isdigit() and MIN_YEAR <= int(raw) <= self.context.current_year:
            return int(raw)
        expected = f"{MIN_YEAR}–{self.context.current_year}"
        self.report("year-invalid", node, key, expected=expected, got=raw, **limits)
        return None

    def vocab(self, node: Node, key: str, vocabulary: str, required: bool) -> str | None:
        value = self.text(node, key, required)
        if value is None:
            return None
        matcher = self.context.matchers[vocabulary]
        found = matcher.match(value)
        if found is None:
            suggestion = matcher.suggest(value)
            vi, en = LABELS[vocabulary]
            hint = (f"Có phải “{suggestion}”? / Did you mean “{suggestion}”?" if suggestion
                    else f"Chọn một giá trị trong content/{vocabulary}.yaml. "
                    f"/ Pick a value from content/{vocabulary}.yaml.")
            self.report("value-unknown", node, key, expected=matcher.choices(), got=value,
                        vocabulary=vi, vocabulary_en=en, suggestion=hint)
        return found

    def boolean(self, node: Node, key: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        self.report("value-type", node, key, expected="true hoặc false", got=_shape(node))
        return None

    def date(self, node: Node, key: str) -> dt.date | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            parsed = parse_date(node.value[:10])
        elif isinstance(node, ScalarNode) and node.tag == STR_TAG:
            parsed = parse_date(node.value)
        else:
            parsed = None
        if parsed is None:
            self.report("date-invalid", node, key, expected="dd/mm/yyyy", got=_shape(node))
        return parsed

    def url(self, node: Node, key: str) -> str | None:
        value = self.text(node, key)
        if value is not None and (not value.lower().startswith(ALLOWED_URL_SCHEMES) or any(c.isspace() for c in value)):
            self.report("url-invalid", node, key, expected="https://…", got=value)
            return None
        return value

    def slug(self, node: Node, key: str) -> str | None:
        value = self.text(node, key)
        if value is None:
            return None
        slug = slugify(value)
        if not slug:
            self.report("slug-invalid", node, key, expected="a-z, 0-9, -", got=value)
            return None
        if slug in WINDOWS_RESERVED or len(slug) > MAX_SLUG:
            self.report("slug-reserved", node, key, expected=f"≤ {MAX_SLUG} ký tự, không phải con, nul, com1…",
                        got=slug)
            return None
        return slug

    def path(self, node: Node, key: str) -> str | None:
        """A file beside the model file: relative, inside content/, existing; project-relative result."""
        relative = self.text(node, key)
        if relative is None:
            return None
        path, code, expected = image_path(relative, self.source.path, self.context)
        if code:
            self.report(code, node, key, expected=expected, got=relative)
        return path

    def slug_list(self, node: Node, key: str) -> tuple[str, ...]:
        items = node.value if isinstance(node, SequenceNode) else [node]
        values = (self.slug(item, key) for item in items)
        return tuple(dict.fromkeys(v for v in values if v))

    def text_list(self, node: Node, key: str) -> tuple[str, ...]:
        items = node.value if isinstance(node, SequenceNode) else [node]
        values = (self.text(item, key) for item in items)
        return tuple(dict.fromkeys(v for v in values if v))

    # -- records --------------------------------------------------------------------------------
    def record(self, node: Node, spec: KeySpec) -> dict | None:
        if not isinstance(node, MappingNode):
            self.report("value-type", node, spec.name, expected="các dòng khóa: giá trị (mapping)", got=_shape(node))
            return None
        return self.fields(node, spec.items, prefix=f"{spec.name}.")

    def records(self, node: Node, spec: KeySpec) -> list[dict]:
        if not isinstance(node, SequenceNode):
            self.report("value-type", node, spec.name, expected="danh sách (list, mỗi mục bắt đầu bằng -)",
                        got=_shape(node))
            return []
        found = (self.record(item, spec) for item in node.value)
        return [item for item in found if item is not None]

    def fields(self, node: MappingNode, specs: tuple[KeySpec, ...], prefix: str = "") -> dict | None:
        """Validate a mapping against specs; None when a required sub-key is missing or invalid."""
        by_name = {spec.name: spec for spec in specs}
        values: dict[str, object] = {}
        complete = True
        for key_node, value_node in node.value:
            key = str(key_node.value)
            spec = by_name.get(key)
            if spec is None:
                self.unknown_key(key_node, prefix + key, specs)
                continue
            if _is_null(value_node) and not spec.required:  # "decision:" left empty, as the guide says
                continue
            value = self.value(value_node, spec, prefix + key)
            if value is None and spec.required:
                complete = False
            if value is not None:
                values[key] = value
        for spec in specs:
            if spec.required and spec.name not in values and spec.name not in _keys(node):
                self.report("key-missing", node if prefix else None, prefix + spec.name,
                            label=spec.label_vi, label_en=spec.label_en)
                complete = False
        return values if complete else None

    def value(self, node: Node, spec: KeySpec, key: str):
        kind = spec.kind
        if kind is Kind.TEXT:
            return self.text(node, key, spec.required)
        if kind is Kind.VOCAB:
            return self.vocab(node, key, spec.vocabulary or "", spec.required)
        handlers = {Kind.YEAR: self.year, Kind.BOOL: self.boolean, Kind.DATE: self.date, Kind.URL: self.url,
                    Kind.SLUG: self.slug, Kind.TEXT_LIST: self.text_list, Kind.PATH: self.path,
                    Kind.SLUG_LIST: self.slug_list}
        if kind in handlers:
            return handlers[kind](node, key)
        return self.record(node, spec) if kind is Kind.RECORD else self.records(node, spec)

    def unknown_key(self, key_node: Node, key: str, specs: tuple[KeySpec, ...]) -> None:
        names = {spec.name: spec.name for spec in specs}
        names.update({slugify(spec.label_vi): spec.name for spec in specs})
        close = difflib.get_close_matches(slugify(key.rsplit(".", 1)[-1]) or key, list(names), n=1, cutoff=0.6)
        hint = (f"Có phải “{names[close[0]]}”? / Did you mean “{names[close[0]]}”?" if close
                else "Xóa dòng này hoặc xem danh sách khóa trong hướng dẫn biên tập. "
                "/ Remove it or see the editor guide.")
        expected = ", ".join(spec.name for spec in specs)
        self.report("key-unknown", key_node, key, expected=expected, got=key, suggestion=hint)


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _keys(node: MappingNode) -> set[str]:
    return {str(k.value) for k, _ in node.value}


def _shape(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return str(node.value)
    return "danh sách (list)" if isinstance(node, SequenceNode) else "nhóm khóa (mapping)"


def validate(source: SourceFile, context: Context) -> tuple[dict | None, list[Problem]]:
    """Check a file's front-matter against the schema; return typed fields or None, and problems."""
    checker = _FileValidator(source, context)
    values = checker.fields(source.front_matter, MODEL_KEYS)
    if values is None or any(p.severity == "error" for p in checker.problems):
        return None, checker.problems
    values["level"] = values.get("level") or context.default_level
    values["images"] = _images(values.get("images", []))
    values["sources"] = tuple(Source(**item) for item in values.get("sources", []))
    values["decision"] = Decision(**values["decision"]) if values.get("decision") else Decision()
    if not values.get("slug"):
        values["slug"] = checker.slug(ScalarNode(STR_TAG, PurePosixPath(source.path).stem,
                                                 source.front_matter.start_mark), "slug")
    if not source.body.strip():
        checker.problems.append(problem("body-empty", source.path, source.body_line))
    if any(p.severity == "error" for p in checker.problems):
        return None, checker.problems
    return values, checker.problems


def image_path(relative: str, model_path: str, context: Context) -> tuple[str | None, str | None, str]:
    """(project-relative path, None, "") for a safe existing image beside a model file, else
    (None, problem code, what was expected). Used for front-matter images and body images alike."""
    parts = PurePosixPath(relative).parts
    unsafe = "\\" in relative or relative.startswith("/") or ".." in parts or ":" in relative
    if unsafe or not relative.lower().endswith(IMAGE_EXTENSIONS):
        return None, "path-unsafe", "anh/ten-anh.jpg (" + ", ".join(IMAGE_EXTENSIONS) + ")"
    path = (PurePosixPath(model_path).parent / relative).as_posix()
    file = context.root / path
    if not file.is_file():
        return None, "image-missing", path
    if not file.resolve().is_relative_to(context.content_dir.resolve()):  # a symlink out
        return None, "path-unsafe", "một tệp trong content/"
    return path, None, ""


def unique_image_name(file: str, used: set[str]) -> str:
    """A safe published name for an image: ASCII, lowercase, never reserved, unique among used."""
    stem, _, extension = PurePosixPath(file).name.rpartition(".")
    base = slugify(stem) or "anh"
    base = f"anh-{base}" if base in WINDOWS_RESERVED else base
    name, counter = f"{base}.{extension.lower()}", 2
    while name in used:
        name, counter = f"{base}-{counter}.{extension.lower()}", counter + 1
    used.add(name)
    return name


def _images(items: list[dict]) -> tuple[Image, ...]:
    """Front-matter images, each with its published name."""
    used: set[str] = set()
    return tuple(Image(file=item["file"], alt=item["alt"], caption=item.get("caption", ""),
                       credit=item.get("credit", ""), name=unique_image_name(item["file"], used))
                 for item in items)
