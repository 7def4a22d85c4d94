"""The web form at /admin/ (Decap CMS): its config.yml generated from the schema, its page and its files.

Why generated: the form must offer exactly what validation accepts. Every key of `schema.MODEL` becomes a
widget from its spec (a vocabulary's terms as a select, a year's range as a number's limits, the spec's
Vietnamese description as the hint), so a new term in content/fields.yaml or a new key in schema.py
changes the form at the next build, with nothing to edit by hand.

Where it goes: `build` writes admin/ into the staging folder when content/site.yaml has `admin:`
(pipeline.build); `serve --admin` serves the same files from memory (preview.Preview.respond), with
`local_backend` pointing at a decap-server on 127.0.0.1 (showcase/admin_server.py). The page is never
linked from the site, and the admin files are not pages: search, the sitemap and content/urls.txt never
see them.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import yaml

from . import schema, security
from .model import AdminSettings, SiteData
from .specs import (
    Choice,
    Date,
    Either,
    Fact,
    Flag,
    Integer,
    ListOf,
    LocalImage,
    Record,
    Slug,
    SourceRef,
    Spec,
    Text,
    Url,
)

PROJECT = Path(__file__).resolve().parent.parent
CMS_DIST = PROJECT / "node_modules" / "decap-cms" / "dist"  # installed by `npm ci` (scripts/setup.sh)
YAML_DIST = PROJECT / "node_modules" / "yaml" / "browser"  # the YAML library our format script imports
OUR_FILES = Path(__file__).resolve().parent / "cms"  # our script: preview template, front-matter format
FOLDER = "admin"
DATE_FORMAT = "DD/MM/YYYY"  # how every date is written in content files (text_vi.parse_date)
MEDIA_FOLDER = "anh"  # photos land beside the model file, in anh/, as the build expects relative paths
SLUG_LENGTH = 80  # like scaffold.SLUG_LENGTH: file names long enough to read, short enough to cite
SLUG_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", "Chỉ chữ thường không dấu, số và dấu gạch ngang, ví dụ: hoa-giai-co-so."]
URL_PATTERN = ["^https?://\\S+$", "Địa chỉ bắt đầu bằng https://"]
MULTILINE_FROM = 500  # a text this long may hold several sentences: a text area instead of one line
SOURCE_TYPE_KEY = "loai"  # the key a typed list adds to tell its item types apart (removed again on save)
# Settings whoever runs the site changes once, in a reviewed text edit: the form's own backend, the
# public address, the default level (written as an id) and the edit links.
SETTINGS_LEFT_OUT = ("admin", "base_url", "default_level", "edit_url_base")
FORMAT = "dvk-frontmatter"  # ours (showcase/cms/dvk-admin.js): lines an editor did not change stay
BACKENDS = {  # Decap's backend names and the hosts the browser talks to (for the admin CSP)
    "github": ("https://api.github.com",),
    "gitlab": ("https://gitlab.com",),
}


class CmsMissing(Exception):
    """content/site.yaml enables /admin/ but Decap CMS's files are not installed (npm ci)."""


# -- the configuration -------------------------------------------------------------------------------


def site_config(data: SiteData, content_dir: Path, today: dt.date, local_url: str | None = None) -> dict:
    """Decap's whole configuration: backend, media, the model collections, the data files.

    Paths are relative to the repository root (content_dir's parent), as decap-server and git hosts see them."""
    content_folder = content_dir.name
    config: dict = {
        "locale": "vi",
        "backend": backend(data.settings.admin, local_url),
        "publish_mode": "editorial_workflow",  # every change is a pull/merge request that CI checks
        "media_folder": f"{content_folder}/{MEDIA_FOLDER}",  # unused: each collection keeps its photos beside it
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [*model_collections(data, content_dir, today), *data_collections(data, content_folder, today)],
    }
    if local_url is not None:
        config["local_backend"] = {"url": f"{local_url}/api/v1"}
    return config


def backend(admin: AdminSettings | None, local_url: str | None) -> dict:
    """The git host from site.yaml; without one (serve --admin only), decap-server is the backend itself."""
    if admin is None:
        return {"name": "proxy", "proxy_url": f"{local_url}/api/v1", "branch": "main"}
    found: dict = {"name": admin.backend, "repo": admin.repo, "branch": admin.branch or "main"}
    if admin.base_url:
        found["base_url"] = admin.base_url.rstrip("/")
        if admin.backend == "gitlab":
            found["api_root"] = f"{admin.base_url.rstrip('/')}/api/v4"
    if admin.auth_endpoint:
        found["auth_endpoint"] = admin.auth_endpoint
    if admin.app_id:
        found |= {"auth_type": "pkce", "app_id": admin.app_id}
    return found


def model_collections(data: SiteData, content_dir: Path, today: dt.date) -> list[dict]:
    """One collection per year folder of content/mo-hinh/ (and the current year's), newest first.

    Files live in content/mo-hinh/<year>/<slug>.md and the build warns when `year` and the folder
    disagree. Decap cannot name a folder after a field called `year` (in its templates {{year}} is the
    date of the save, and {{fields.year}} is mangled in `path`), so each year is a collection of its
    own, whose year box accepts only that year: the form cannot write a model into the wrong folder."""
    from .pipeline import MODELS_FOLDER  # the pipeline imports this module: import at call time

    models = content_dir / MODELS_FOLDER
    found = {int(p.name) for p in models.iterdir() if p.is_dir() and p.name.isdigit()} if models.is_dir() else set()
    fields = model_fields(data, today)
    return [
        {
            "name": f"{MODELS_FOLDER}-{year}",
            "label": f"Mô hình năm {year}",
            "label_singular": f"mô hình năm {year}",
            "description": f"Mỗi mô hình một tệp {content_dir.name}/{MODELS_FOLDER}/{year}/<địa-chỉ>.md; "
            "cách ghi: docs/huong-dan-bien-tap.md.",
            "folder": f"{content_dir.name}/{MODELS_FOLDER}/{year}",
            "extension": "md",
            "format": FORMAT,
            "create": True,
            "slug": f"{{{{title | truncate({SLUG_LENGTH}, '-')}}}}",
            "identifier_field": "title",
            "summary": "{{title}}",
            "sortable_fields": ["title", "published"],
            "media_folder": MEDIA_FOLDER,
            "public_folder": MEDIA_FOLDER,
            "fields": [_for_year(field, year) for field in fields] + [body_field()],
        }
        for year in sorted(found | {today.year}, reverse=True)
    ]


def _for_year(field: dict, year: int) -> dict:
    """The year box of one year's collection: that year, and only it."""
    if field["name"] != "year":
        return field
    return field | {"default": year, "min": year, "max": year, "hint": f"{year}: năm của thư mục này."}


def model_fields(data: SiteData, today: dt.date) -> list[dict]:
    """Every front-matter key of schema.MODEL as a widget, in the schema's order."""
    fields = [widget(name, spec, data, today) for name, spec in schema.MODEL.items()]
    for field in fields:
        if field["name"] == "published":
            field["default"] = "{{now}}"  # the day the file is first written, as `new` does
    return fields


def body_field() -> dict:
    return {
        "name": "body",
        "label": "Nội dung",
        "widget": "markdown",
        "hint": "Các phần: Giới thiệu, Cách làm, Kết quả; điều nguồn chưa nêu ghi “Đang cập nhật”.",
        "required": False,
        "modes": ["rich_text", "raw"],  # "Markdown" switches to the text as saved (tables are kept there)
        "sanitize_preview": True,
    }


def widget(name: str, spec: Spec, data: SiteData, today: dt.date) -> dict:
    """One key as a Decap field: the spec's kind decides the widget, its labels the words around it."""
    field: dict = {"name": name, "label": spec.label or name, "required": spec.required}
    if spec.doc:
        field["hint"] = spec.doc
    return field | _kind(spec, data, today)


def _kind(spec: Spec, data: SiteData, today: dt.date) -> dict:
    """The widget and its options for a spec (subclasses first: a Choice is also a Text)."""
    if isinstance(spec, Choice):
        return select(_terms(data, spec.vocabulary))
    if isinstance(spec, SourceRef):
        return select([(source.id, f"{source.short or source.title} ({source.id})") for source in data.sources])
    if isinstance(spec, Integer):
        minimum, maximum = _limits(spec, today)
        limits = {"min": minimum} | ({"max": maximum} if maximum is not None else {})
        return {"widget": "number", "value_type": "int"} | limits
    if isinstance(spec, Flag):
        return {"widget": "boolean"}  # no default: an untouched switch writes no line (absent is false)
    if isinstance(spec, Date):
        return {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT, "time_format": False}
    if isinstance(spec, LocalImage):
        return {"widget": "image", "choose_url": False}
    if isinstance(spec, Slug):
        return {"widget": "string", "pattern": SLUG_PATTERN}
    if isinstance(spec, Url):
        return {"widget": "string", "pattern": URL_PATTERN}
    if isinstance(spec, Text):
        return _text(spec)
    if isinstance(spec, ListOf):
        return _list(spec, data, today)
    if isinstance(spec, Record):
        fields = [widget(key, inner, data, today) for key, inner in spec.keys.items()]
        return {"widget": "object", "collapsed": True, "fields": fields}
    raise TypeError(f"showcase/admin.py has no widget for {type(spec).__name__}: add one to _kind")


def _text(spec: Text) -> dict:
    multiline = spec.max_length is not None and spec.max_length >= MULTILINE_FROM
    found: dict = {"widget": "text" if multiline else "string"}
    if spec.max_length is not None:
        found["pattern"] = [f"^[\\s\\S]{{0,{spec.max_length}}}$", f"Tối đa {spec.max_length} ký tự."]
    return found


def _list(spec: ListOf, data: SiteData, today: dt.date) -> dict:
    """A list: of texts (one box each), of records (a group of boxes each), or of either (typed items)."""
    found: dict = {"widget": "list", "collapsed": False}
    if spec.max_items is not None:
        found["max"] = spec.max_items
    if spec.min_items:
        found["min"] = spec.min_items
    item = spec.item
    if isinstance(item, Either):
        return found | {"types": _either_types(item, data, today), "typeKey": SOURCE_TYPE_KEY}
    if isinstance(item, Record):
        return found | {"fields": [widget(key, inner, data, today) for key, inner in item.keys.items()]}
    return found | {"field": widget("item", item, data, today) | {"label": spec.label, "required": True}}


def _either_types(spec: Either, data: SiteData, today: dt.date) -> list[dict]:
    """An item written as a text (a source id) or as a record (a source written out): two item types.

    The format script (showcase/cms/dvk-admin.js) turns a bare id into {loai: ma, ma: id} when a file
    is read and back when it is saved, so the file keeps the schema's shape."""
    text = widget("ma", spec.text, data, today) | {"label": "Mã nguồn", "required": True}
    record = spec.record.keys if isinstance(spec.record, Record) else {}
    return [
        {"name": "ma", "label": "Nguồn có mã (content/sources.yaml)", "widget": "object", "fields": [text]},
        {
            "name": "ghi",
            "label": "Nguồn ghi đầy đủ",
            "widget": "object",
            "fields": [widget(key, inner, data, today) for key, inner in record.items()],
        },
    ]


def select(options: list[tuple[str, str]]) -> dict:
    """A select whose stored value is the spelling the content files use."""
    shown = [{"label": label, "value": value} for value, label in options]
    return {"widget": "select", "options": shown}


def _terms(data: SiteData, vocabulary: str) -> list[tuple[str, str]]:
    """A vocabulary's terms as (value, label): the full name ("huyện Ba Tri"), as the files write it."""
    return [
        (term.full_name or term.label, term.full_name or term.label) for term in data.vocabularies.terms(vocabulary)
    ]


def _limits(spec: Integer, today: dt.date) -> tuple[int, int | None]:
    """The spec's range; a year's upper end is the current year (Year.limits reads it from the checker)."""
    from .specs import Year

    if isinstance(spec, Year):
        return Year.MIN_YEAR, today.year
    return spec.minimum, spec.maximum


def data_collections(data: SiteData, content_folder: str, today: dt.date) -> list[dict]:
    """content/site.yaml's plain settings as one form; its other keys stay in the file as they are.

    Left out, and edited as text: the sourced statements (intro, about, notes: a form cannot show a
    source written either as one id or as a list without rewriting it), the `admin` record (the form
    must not lock its own editors out), the vocabularies (a term's id is a published address and its
    note a sourced statement), and sources.yaml, figures.yaml, withdrawn.yaml and synonyms.yaml, whose top
    level is a list: a Decap file collection edits a mapping only."""
    keys = {k: s for k, s in schema.SETTINGS.keys.items() if k not in SETTINGS_LEFT_OUT and expressible(s)}
    settings = [widget(k, s, data, today) for k, s in keys.items()]
    return [
        {
            "name": "du-lieu",
            "label": "Thiết lập trang",
            "format": "dvk-yaml",  # ours too: site.yaml's comments and quoting stay
            "editor": {"preview": False},
            "files": [
                {"name": "site", "label": "Thiết lập trang", "file": f"{content_folder}/site.yaml", "fields": settings}
            ],
        }
    ]


def expressible(spec: Spec) -> bool:
    """Whether a form can show and save this value without changing how the file writes it."""
    if isinstance(spec, Fact | Either):
        return False
    if isinstance(spec, ListOf):
        return expressible(spec.item)
    if isinstance(spec, Record):
        return all(expressible(inner) for inner in spec.keys.values())
    return True


def to_yaml(config: dict) -> str:
    """config.yml's text: UTF-8 as written (no \\u escapes), keys in the order above."""
    header = "# Tạo tự động từ showcase/schema.py và content/ (showcase/admin.py); không sửa tay.\n"
    return header + yaml.dump(config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)


class _PlainDumper(yaml.SafeDumper):
    """Writes a repeated value out again instead of as an anchor and alias: the file stays plain to read."""

    def ignore_aliases(self, data: object) -> bool:
        return True


# -- the page and the files ----------------------------------------------------------------------------


def page(title: str, policy: str, either_keys: list[str], models: list[str]) -> str:
    """admin/index.html: its own policy (the CMS needs more than the site's pages), noindex, the scripts."""
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>Biên tập – {html.escape(title)}</title>
<script src="dvk-init.js" defer></script>
<script src="decap-cms.js" defer></script>
<link rel="icon" href="../static/favicon.svg" type="image/svg+xml">
<script type="module" src="dvk-admin.js" data-either="{html.escape(json.dumps(either_keys))}"
 data-models="{html.escape(json.dumps(models))}"></script>
</head>
<body>
<noscript>Trang biên tập cần JavaScript. / The editing form needs JavaScript.</noscript>
</body>
</html>
"""


def either_keys() -> list[str]:
    """The front-matter keys whose list items are typed (a source id or a written-out source)."""
    return [name for name, spec in schema.MODEL.items() if isinstance(spec, ListOf) and isinstance(spec.item, Either)]


def cms_files(dist: Path = CMS_DIST, yaml_dist: Path = YAML_DIST) -> dict[str, Path]:
    """Decap's prebuilt files the page loads (the entry script, its lazy chunks, WebAssembly, licences)
    and the YAML library under yaml/.

    Source maps (60 MB) and the older `cms.js` copies are left out: nothing loads them."""
    if not (dist / "decap-cms.js").is_file() or not (yaml_dist / "index.js").is_file():
        raise CmsMissing(str(dist if not (dist / "decap-cms.js").is_file() else yaml_dist))
    wanted = [p for p in dist.iterdir() if p.name.endswith(("decap-cms.js", ".wasm", "decap-cms.js.LICENSE.txt"))]
    found = {p.name: p for p in sorted(wanted)}
    library = sorted(p for p in yaml_dist.rglob("*") if p.is_file() and p.suffix in (".js", ".json"))
    found |= {f"yaml/{p.relative_to(yaml_dist).as_posix()}": p for p in library}
    return found | {"yaml/LICENSE": yaml_dist.parent / "LICENSE"}


def files(data: SiteData, content_dir: Path, today: dt.date, local_url: str | None = None) -> dict[str, bytes | Path]:
    """Every file of /admin/, by name: generated text as bytes, copied files as their path."""
    admin = data.settings.admin
    policy = security.admin_policy(admin.backend if admin else None, admin.base_url if admin else "", local_url)
    config = site_config(data, content_dir, today, local_url)
    models = [c["name"] for c in config["collections"] if "folder" in c]
    generated = {
        "index.html": page(data.settings.short_title, policy, either_keys(), models),
        "config.yml": to_yaml(config),
    }
    ours = {p.name: p for p in sorted(OUR_FILES.iterdir()) if p.is_file()}
    return {name: text.encode("utf-8") for name, text in generated.items()} | ours | cms_files()


def write_admin(data: SiteData, staging: Path, content_dir: Path, today: dt.date) -> None:
    """Write admin/ into the staging folder when site.yaml enables it (nothing otherwise)."""
    if data.settings.admin is None:
        return
    folder = staging / FOLDER
    folder.mkdir()
    admin = data.settings.admin
    security.add_admin_headers(staging, security.admin_policy(admin.backend, admin.base_url))  # after write_headers
    for name, content in files(data, content_dir, today).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.read_bytes())
