"""Machine-readable outputs: the sitemap, robots.txt, Atom feeds and the open data files.

Built from the same Site as the pages, so they cannot disagree with them; every URL is absolute,
from the base URL. Nothing here depends on the time of the build: the same content gives the same
bytes (feeds take their dates from the models).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from xml.sax.saxutils import escape, quoteattr

from . import urls
from .model import Model
from .pages import Page, PageKind, indexed, plan_pages
from .security import safe_url
from .site_model import Site

ATOM_NAMESPACE = uuid.UUID("5b1c1d52-9a51-4d2a-9b3f-4d3e1f0c2a10")  # fixed: entry ids never change
VIETNAM = dt.timezone(dt.timedelta(hours=7))
MODEL_COLUMNS = (
    ("slug", "Phần cuối địa chỉ trang / the page's slug"),
    ("url", "Địa chỉ đầy đủ của trang / the page's absolute URL"),
    ("title", "Tên mô hình / model title"),
    ("field", "Mã lĩnh vực / field id"),
    ("field_label", "Lĩnh vực / field"),
    ("unit", "Đơn vị thực hiện / implementing unit"),
    ("district", "Mã địa bàn lúc công nhận / district id, as recorded"),
    ("district_label", "Địa bàn lúc công nhận / district, as recorded"),
    ("commune", "Xã, phường, thị trấn lúc công nhận / commune, as recorded"),
    ("hamlet", "Ấp, khu phố / hamlet"),
    ("year", "Năm công nhận / recognition year"),
    ("level", "Mã cấp công nhận / recognition level id"),
    ("level_label", "Cấp công nhận / recognition level"),
    ("decision", "Số quyết định công nhận, nếu đã có / recognition decision number, if known"),
    ("summary", "Tóm tắt / summary"),
    ("published", "Ngày đăng trên trang, ISO 8601 / first published, ISO 8601"),
    ("updated", "Ngày cập nhật, ISO 8601 / last updated, ISO 8601"),
    ("sources", "Nguồn, cách nhau bằng “ | ” / sources, separated by “ | ”"),
)
FIGURE_COLUMNS = (
    ("year", "Năm / year"),
    ("scope", "Cấp được tính / level counted"),
    ("key", "Mã số liệu / figure key"),
    ("label", "Nội dung / what is counted"),
    ("value", "Số mô hình / number of models"),
    ("quote", "Nguyên văn trong nguồn / the source's words"),
    ("source", "Nguồn / source"),
)


def render(site: Site, page: Page) -> str:
    """The text of a machine-readable page."""
    if page.kind is PageKind.SITEMAP:
        return sitemap(site, plan_pages(site))
    if page.kind is PageKind.ROBOTS:
        return robots(site)
    if page.kind is PageKind.FEED:
        return feed(site, page)
    if page.kind is PageKind.DATA:
        return {"models-json": models_json, "models-csv": models_csv, "figures-csv": figures_csv}[page.args[0]](site)
    raise ValueError(page.kind)


# -- discovery -----------------------------------------------------------------------------------


def sitemap(site: Site, pages: list[Page]) -> str:
    """Every page search engines should list, with the date its content last changed where known."""
    entries = []
    listings: dict[tuple, dt.date | None] = {}  # a listing's pages share their models: one date per listing
    for page in pages:
        if not indexed(site, page):
            continue
        if page.kind is PageKind.MODEL:
            changed = last_changed(site, page)
        else:
            listing = (page.kind, page.args[:2]) if page.kind is PageKind.TERM else (page.kind,)
            if listing not in listings:
                listings[listing] = last_changed(site, page)
            changed = listings[listing]
        lastmod = f"<lastmod>{changed.isoformat()}</lastmod>" if changed else ""
        entries.append(f"  <url><loc>{escape(urls.absolute(site.base_url, page.url))}</loc>{lastmod}</url>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(entries) + "</urlset>\n"
    )


def last_changed(site: Site, page: Page) -> dt.date | None:
    """The newest date of the models a page shows: its own for a model page, its models' for a listing."""
    models = shown_models(site, page)
    dates = [m.last_changed for m in models if m.last_changed]
    return max(dates) if dates else None


def shown_models(site: Site, page: Page) -> list[Model]:
    if page.kind is PageKind.MODEL:
        return [site.models[page.args[0]]]
    if page.kind is PageKind.TERM:
        attribute, term_id, _ = page.args
        return [site.models[i] for i in site.facet(attribute).term(term_id).models]
    if page.kind in (PageKind.HOME, PageKind.MODEL_INDEX):
        return list(site.models)
    return []


def robots(site: Site) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(site.base_url, urls.SITEMAP)}\n"


# -- feeds ---------------------------------------------------------------------------------------


def newest(models: list[Model], count: int) -> list[Model]:
    """Newest first by the date first published, for feeds and the home page; models published the
    same day keep the site's order (sorted() is stable, reverse included)."""
    return sorted(models, key=lambda m: m.published or dt.date.min, reverse=True)[:count]


def feed_models(site: Site, page: Page) -> list[Model]:
    attribute, term_id = page.args
    models = (
        list(site.models) if attribute is None else [site.models[i] for i in site.facet(attribute).term(term_id).models]
    )
    return newest([m for m in models if not m.draft], site.data.settings.feed_size)


def feed_title(site: Site, page: Page) -> str:
    attribute, term_id = page.args
    if attribute is None:
        return site.data.settings.title
    facet = site.facet(attribute)
    return f"{facet.related(facet.term(term_id))} – {site.data.settings.title}"


def feed(site: Site, page: Page) -> str:
    """An Atom feed (RFC 4287) of the newest models: ids never change, even if the address does."""
    settings = site.data.settings
    entries = feed_models(site, page)
    author = settings.publisher or settings.title
    updated = max((_timestamp(m.last_changed) for m in entries if m.last_changed), default=_timestamp(None))
    address = canonical_feed_url(site, page)  # the same feed, id and self link at a renamed term's old address
    alternate = urls.absolute(site.base_url, address.rsplit("/", 1)[0] + "/")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
        f"  <id>{_atom_id(address)}</id>",
        f"  <title>{escape(feed_title(site, page))}</title>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(author)}</name></author>",
        f'  <link rel="self" href={quoteattr(urls.absolute(site.base_url, address))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(alternate)}/>',
    ]
    for model in entries:
        link = urls.absolute(site.base_url, urls.model_url(model.slug))
        lines += [
            "  <entry>",
            f"    <id>{_atom_id(urls.model_url(model.slug))}</id>",
            f"    <title>{escape(model.title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"    <published>{_timestamp(model.published)}</published>",
            f"    <updated>{_timestamp(model.last_changed)}</updated>",
            f"    <summary>{escape(model.summary)}</summary>",
            "  </entry>",
        ]
    return "\n".join([*lines, "</feed>", ""])


def canonical_feed_url(site: Site, page: Page) -> str:
    attribute, term_id = page.args
    if attribute is None:
        return page.url
    return urls.feed_url(site.facet(attribute).definition.segment, term_id)


def _atom_id(path: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ATOM_NAMESPACE, path)}"


def _timestamp(date: dt.date | None) -> str:
    day = date or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM).isoformat()


# -- open data -----------------------------------------------------------------------------------


def model_rows(site: Site) -> list[dict]:
    """One row per model: the columns of MODEL_COLUMNS, URLs absolute, dates ISO 8601."""
    field, district, level = (_vocabulary_facet(site, name) for name in ("fields", "districts", "levels"))
    rows = []
    for model in site.models:
        if model.draft:  # a preview build's drafts are not data anyone should reuse
            continue
        rows.append(
            {
                "slug": model.slug,
                "url": urls.absolute(site.base_url, urls.model_url(model.slug)),
                "title": model.title,
                "field": model.field,
                "field_label": field.term(model.field).label,
                "unit": model.unit,
                "district": model.district,
                "district_label": district.term(model.district).label,
                "commune": model.commune,
                "hamlet": model.hamlet,
                "year": model.year,
                "level": model.level,
                "level_label": level.term(model.level).label,
                "decision": model.decision.number,
                "summary": model.summary,
                "published": model.published.isoformat() if model.published else "",
                "updated": model.updated.isoformat() if model.updated else "",
                "sources": [_source_text(source) for source in model.sources],
            }
        )
    return rows


def models_json(site: Site) -> str:
    document = {
        "title": site.data.settings.title,
        "url": urls.absolute(site.base_url, "/"),
        "licence": site.data.settings.data_licence or None,
        "columns": {name: description for name, description in MODEL_COLUMNS},
        "models": model_rows(site),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def models_csv(site: Site) -> str:
    """UTF-8 with a byte-order mark, so Excel opens the Vietnamese text correctly."""
    rows = [row | {"sources": " | ".join(row["sources"])} for row in model_rows(site)]
    return _csv([name for name, _ in MODEL_COLUMNS], rows)


def figures_csv(site: Site) -> str:
    rows = []
    for figures in site.data.figures:
        source = _source_text(figures.source)
        field = _vocabulary_facet(site, "fields")
        for row in figures.rows:
            rows.append(
                {
                    "year": figures.year,
                    "scope": figures.scope,
                    "key": row.key,
                    "label": row.label,
                    "value": row.value,
                    "quote": row.quote,
                    "source": source,
                }
            )
        for row in figures.by_field:
            rows.append(
                {
                    "year": figures.year,
                    "scope": figures.scope,
                    "key": f"recognised:{row.key}",
                    "label": f"Được công nhận, lĩnh vực {field.term(row.key).in_sentence}",
                    "value": row.value,
                    "quote": row.quote,
                    "source": source,
                }
            )
    return _csv([name for name, _ in FIGURE_COLUMNS], rows)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv(columns: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: _cell(value) for name, value in row.items()} for row in rows)
    return "\ufeff" + buffer.getvalue()


def _cell(value):
    """A text cell Excel would run as a formula ("=HYPERLINK(…)") gets a leading apostrophe, as OWASP
    advises for CSV files: Excel shows the text, and runs nothing."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _source_text(source) -> str:
    url = source.url if safe_url(source.url) == source.url else ""
    parts = [
        source.author,
        f"“{source.title}”",
        source.publisher,
        source.date.strftime("%d/%m/%Y") if source.date else "",
        url,
    ]
    return ", ".join(part for part in parts if part)


def _vocabulary_facet(site: Site, vocabulary: str):
    return next(f for f in site.facets if f.definition.vocabulary == vocabulary)
