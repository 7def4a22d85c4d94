"""Rendering: the list of pages a Site has, and each page's HTML from the Jinja templates.

Templates are loaded once per process, with autoescape on and StrictUndefined, so a template
typo fails the build instead of rendering blank.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from . import security, urls
from .site_model import FACETS, Site, paginate
from .text_vi import format_date, format_number

UNKNOWN = "Đang cập nhật"


@dataclass(frozen=True)
class PageJob:
    """One output page: its URL, its template and what selects its content."""

    url: str
    template: str
    args: tuple = ()


def plan_pages(site: Site) -> list[PageJob]:
    """Every page of the site, in a fixed order: home, models, facet indexes and terms, extras."""
    jobs = [PageJob("/", "home.html")]
    jobs += [PageJob(urls.model_url(m.slug), "model.html", (i,)) for i, m in enumerate(site.models)]
    jobs += [PageJob(urls.model_url(alias), "redirect.html", (i,))
             for i, m in enumerate(site.models) for alias in m.aliases]
    for facet in site.facets:
        segment = facet.definition.segment
        jobs.append(PageJob(urls.facet_index_url(segment), "facet_index.html", (facet.definition.id,)))
        for term in facet.terms:
            jobs += [PageJob(term.url(segment, n), "term.html", (facet.definition.id, term.id, n))
                     for n in range(1, term.pages + 1)]
    if site.data.replication is not None:
        jobs.append(PageJob(urls.REPLICATION, "replication.html"))
    jobs.append(PageJob(urls.SEARCH, "search.html"))
    jobs.append(PageJob("/404.html", "404.html"))
    return jobs


@lru_cache(maxsize=4)
def environment(layouts_dir: str) -> jinja2.Environment:
    """The Jinja environment for a layouts folder, built once per process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(layouts_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["date_vi"] = lambda d: format_date(d) if d else UNKNOWN
    env.filters["number_vi"] = format_number
    env.filters["safe_url"] = safe_url
    env.globals["UNKNOWN"] = UNKNOWN
    env.globals["csp"] = security.CSP
    env.globals["asset_version"] = _asset_versions(Path(layouts_dir) / "static")
    return env


def safe_url(url: str) -> str:
    """Pass an http(s), mailto or relative URL through; anything else becomes '#'.

    Autoescaping stops HTML injection but not a javascript: URL in href; validation already
    rejects those in content, and this filter is the second line in every template.
    """
    squeezed = "".join(str(url).split()).lower()
    scheme = squeezed.split(":", 1)[0] if ":" in squeezed.split("/", 1)[0] else ""
    return str(url) if scheme in ("", "http", "https", "mailto", "tel") else "#"


def _asset_versions(static_dir: Path) -> dict[str, str]:
    """Short content hashes, so a changed stylesheet is never served stale from a cache."""
    return {
        p.relative_to(static_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:10]
        for p in sorted(static_dir.rglob("*")) if p.is_file()
    }


def render_page(site: Site, job: PageJob, layouts_dir: str) -> str:
    """Render one page to HTML."""
    env = environment(layouts_dir)
    context = _common(site, job) | _CONTEXT[job.template](site, *job.args)
    return env.get_template(job.template).render(context)


def _common(site: Site, job: PageJob) -> dict:
    base_url = site.base_url
    return {
        "settings": site.data.settings,
        "vocab": _labels(site),
        "facets": FACETS,
        "page_url": job.url,
        "canonical": urls.absolute(base_url, job.url),
        "link": lambda url: urls.link(base_url, url),
        "absolute": lambda url: urls.absolute(base_url, url),
        "has_replication": site.data.replication is not None,
        "replication_title": site.data.replication.title if site.data.replication else "",
        "model_url": urls.model_url,
        "term_url": urls.term_url,
        "image_url": urls.image_url,
        "urls": urls,
    }


_LABELS: dict[int, tuple[Site, dict]] = {}


def _labels(site: Site) -> dict:
    """Terms by id for each vocabulary, computed once per site and process."""
    cached = _LABELS.get(id(site))
    if cached is None or cached[0] is not site:
        vocab = site.data.vocabularies
        labels = {name: {t.id: t for t in vocab.by_name(name)} for name in ("fields", "districts", "levels")}
        # Lists of districts anywhere (search filters too) follow the facet's Vietnamese order.
        order = [term.id for term in site.facet("district").terms]
        labels["districts"] = {term_id: labels["districts"][term_id] for term_id in order}
        cached = _LABELS[id(site)] = (site, labels)
    return cached[1]


def _home(site: Site) -> dict:
    latest = site.models[: site.data.settings.latest_on_home]
    featured = [m for m in site.models if m.featured][: site.data.settings.latest_on_home]
    figures = max(site.data.figures, key=lambda f: f.year, default=None)
    return {"latest": latest, "featured": featured, "site_facets": site.facets, "figures": figures,
            "total": len(site.models)}


def _model(site: Site, index: int) -> dict:
    return {"model": site.models[index]}


def _facet_index(site: Site, facet_id: str) -> dict:
    return {"facet": site.facet(facet_id)}


def _term(site: Site, facet_id: str, term_id: str, number: int) -> dict:
    facet = site.facet(facet_id)
    term = facet.term(term_id)
    page = paginate(term.models, site.data.settings.per_page)[number - 1]
    figures = next((f for f in site.data.figures if str(f.year) == term_id), None) if facet_id == "year" else None
    return {
        "facet": facet,
        "term": term,
        "page": page,
        "models": [site.models[i] for i in page.items],
        "figures": figures,
        "pager": pager_links(page, lambda n: term.url(facet.definition.segment, n)),
        "pager_url": lambda n: term.url(facet.definition.segment, n),
    }


def pager_links(page, url_for) -> list[dict]:
    """Numbered links around the current page: first, last, current ±2, gaps marked by None."""
    shown = sorted({1, page.total, *range(max(1, page.number - 2), min(page.total, page.number + 2) + 1)})
    items: list[dict] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            items.append({"gap": True})
        items.append({"gap": False, "number": number, "url": url_for(number), "current": number == page.number})
        previous = number
    return items


def _replication(site: Site) -> dict:
    return {"replication": site.data.replication}


_CONTEXT = {
    "home.html": _home,
    "model.html": _model,
    "facet_index.html": _facet_index,
    "term.html": _term,
    "replication.html": _replication,
    "redirect.html": _model,
    "search.html": lambda site: {},
    "404.html": lambda site: {},
}
