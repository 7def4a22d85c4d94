"""Where a page sits (its breadcrumb trail) and what it is, for machines (JSON-LD, schema.org).

Every page describes the WebSite, with a SearchAction to /tim-kiem/?q=, and its BreadcrumbList. A
model page is an Article: the page is a written account of a model (title, dates, sources), and
Article is what search engines and link previews understand for that. The model itself is the
Article's subject (`about`): a CreativeWork — a way of working a unit devised — with its creator
(the implementing unit, an Organization), the place as recorded (a Place), and its recognition
as an `award`. Every URL in it is absolute.
"""

from __future__ import annotations

from . import urls
from .images import rendition_name
from .model import Model
from .pages import Page, PageKind
from .security import safe_url
from .site_model import Site


def breadcrumbs(site: Site, page: Page) -> list[tuple[str, str]]:
    """(URL, label) from the home page to this page; empty for the home page and non-pages."""
    home = ("/", "Trang chủ")
    kind = page.kind
    if kind is PageKind.MODEL:
        model = site.models[page.args[0]]
        primary = site.facets[0]
        term = primary.term_of(model)
        trail = [(primary.url(), primary.definition.title)]
        if term is not None:
            trail.append((primary.term_url(term), term.label))
        return [home, *trail, (page.url, model.title)]
    if kind in (PageKind.TERM, PageKind.PRINT):
        attribute, term_id = page.args[:2]
        facet = site.facet(attribute)
        term = facet.term(term_id)
        trail = [home, (facet.url(), facet.definition.title), (facet.term_url(term), term.label)]
        return trail + ([(page.url, "Bản in")] if kind is PageKind.PRINT else [])
    if kind is PageKind.FACET_INDEX:
        facet = site.facet(page.args[0])
        return [home, (facet.url(), facet.definition.title)]
    titles = {
        PageKind.MODEL_INDEX: (urls.listing_url(urls.MODELS), "Tất cả mô hình"),
        PageKind.REPLICATION: (urls.REPLICATION, "Nhân rộng"),
        PageKind.SOURCES: (urls.SOURCES, "Nguồn tư liệu"),
        PageKind.ABOUT: (urls.ABOUT, "Giới thiệu"),
        PageKind.DATA_INDEX: (urls.DATA, "Dữ liệu mở"),
        PageKind.WITHDRAWN: (page.url, "Trang đã gỡ"),
    }
    return [home, titles[kind]] if kind in titles else []


def json_ld(site: Site, page: Page, crumbs: list[tuple[str, str]]) -> dict:
    """The page's structured data as one JSON-LD graph."""
    absolute = lambda url: urls.absolute(site.base_url, url)  # noqa: E731
    settings = site.data.settings
    graph: list[dict] = [
        {
            "@type": "WebSite",
            "@id": absolute("/#website"),
            "name": settings.title,
            "url": absolute("/"),
            "inLanguage": "vi",
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": absolute(urls.SEARCH) + "?q={search_term_string}"},
                "query-input": "required name=search_term_string",
            },
        }
    ]
    if settings.publisher:
        graph[0]["publisher"] = {"@type": "Organization", "name": settings.publisher}
    if len(crumbs) > 1:
        graph.append(
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": number, "name": label, "item": absolute(url)}
                    for number, (url, label) in enumerate(crumbs, 1)
                ],
            }
        )
    if page.kind is PageKind.MODEL:
        graph.append(_article(site, site.models[page.args[0]], absolute))
    return {"@context": "https://schema.org", "@graph": graph}


def _article(site: Site, model: Model, absolute) -> dict:
    settings = site.data.settings
    url = absolute(urls.model_url(model.slug))
    place = ", ".join(
        part for part in (model.hamlet, model.commune, _facet_term(site, "district", model), settings.province) if part
    )
    level = _facet_term(site, "level", model)
    article = {
        "@type": "Article",
        "@id": f"{url}#bai",
        "headline": model.title,
        "description": model.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "vi",
        "isPartOf": {"@id": absolute("/#website")},
        "about": {
            "@type": "CreativeWork",
            "name": model.title,
            "creator": {"@type": "Organization", "name": model.unit},
            "locationCreated": {"@type": "Place", "name": place},
            "award": f"Mô hình “Dân vận khéo” {level} năm {model.year}",
        },
    }
    if model.published:
        article["datePublished"] = model.published.isoformat()
    if model.last_changed:
        article["dateModified"] = model.last_changed.isoformat()
    if settings.publisher:
        article["publisher"] = {"@type": "Organization", "name": settings.publisher}
    pictures = [image for image in model.images + model.body_images if image.processed]
    if pictures:
        article["image"] = [
            absolute(urls.image_url(model.slug, rendition_name(p.name, p.processed.share))) for p in pictures[:1]
        ]
    if model.sources:
        article["citation"] = [_citation(source) for source in model.sources]
    return article


def _citation(source) -> dict:
    citation = {"@type": "CreativeWork", "name": source.title}
    if source.author:
        citation["author"] = {"@type": "Person", "name": source.author}
    if source.publisher:
        citation["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.date:
        citation["datePublished"] = source.date.isoformat()
    if source.url and safe_url(source.url) == source.url:
        citation["url"] = source.url
    return citation


def _facet_term(site: Site, attribute: str, model: Model) -> str:
    term = site.facet(attribute).term_of(model)
    return term.in_sentence if term else ""
