"""The site map: every page the site has, each with its URL and its kind.

Kinds are listed once here. Everything that treats pages differently (which template renders
them, which ones the search index reads, which ones a link check or a sitemap lists) selects
them by kind, never by template name or by looking inside their HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import urls
from .site_model import Site, page_count


class PageKind(StrEnum):
    HOME = "home"
    MODEL = "model"  # one model: the pages the search index covers
    REDIRECT = "redirect"  # an old address of a renamed model or term: args (target URL, its title)
    WITHDRAWN = "withdrawn"  # the address of a withdrawn model: says so, links to related models
    FACET_INDEX = "facet-index"  # /linh-vuc/: the terms of one facet
    TERM = "term"  # /linh-vuc/kinh-te/ (and /trang/N/): the models of one term
    MODEL_INDEX = "model-index"  # /mo-hinh/ (and /trang/N/): every model
    PRINT = "print"  # /nam/2024/in/: every model of a year on one page, for printing
    REPLICATION = "replication"
    SOURCES = "sources"  # /nguon/: every source the site's facts come from
    ABOUT = "about"  # /gioi-thieu/: who runs the site, how to reach them
    DATA_INDEX = "data-index"  # /du-lieu/: the open data files, described
    SEARCH = "search"
    NOT_FOUND = "not-found"
    # machine-readable outputs (showcase/outputs.py), not HTML
    DATA = "data"  # /du-lieu/mo-hinh.json, .csv, so-lieu.csv
    FEED = "feed"  # /atom.xml, /linh-vuc/<id>/atom.xml
    SITEMAP = "sitemap"
    ROBOTS = "robots"


HTML_KINDS = frozenset(PageKind) - {PageKind.DATA, PageKind.FEED, PageKind.SITEMAP, PageKind.ROBOTS}
NOT_INDEXED = frozenset({PageKind.SEARCH, PageKind.NOT_FOUND, PageKind.REDIRECT, PageKind.WITHDRAWN, PageKind.PRINT})


@dataclass(frozen=True)
class Page:
    """One output page: its URL, its kind and what selects its content (indexes and ids)."""

    url: str
    kind: PageKind
    args: tuple = ()


def plan_pages(site: Site) -> list[Page]:
    """Every page of the site, in a fixed order: home, models, redirects, facets, extras."""
    pages = [Page("/", PageKind.HOME)]
    pages += [Page(urls.model_url(m.slug), PageKind.MODEL, (i,)) for i, m in enumerate(site.models)]
    pages += [
        Page(urls.model_url(alias), PageKind.REDIRECT, (urls.model_url(m.slug), m.title))
        for m in site.models
        for alias in m.aliases
    ]
    pages += [Page(urls.model_url(w.slug), PageKind.WITHDRAWN, (i,)) for i, w in enumerate(site.data.withdrawn)]
    for facet in site.facets:
        pages.append(Page(facet.url(), PageKind.FACET_INDEX, (facet.definition.attribute,)))
        pages += [
            Page(facet.term_url(term, n), PageKind.TERM, (facet.definition.attribute, term.id, n))
            for term in facet.terms
            for n in range(1, term.pages + 1)
        ]
        pages += [
            Page(urls.term_url(facet.definition.segment, alias), PageKind.REDIRECT, (facet.term_url(term), term.label))
            for term in facet.terms
            for alias in term.aliases
        ]
    listing = page_count(len(site.models), site.data.settings.per_page)
    pages += [Page(urls.listing_url(urls.MODELS, n), PageKind.MODEL_INDEX, (n,)) for n in range(1, listing + 1)]
    for facet in site.facets:
        if facet.definition.printable:
            pages += [
                Page(
                    urls.print_url(facet.definition.segment, term.id),
                    PageKind.PRINT,
                    (facet.definition.attribute, term.id),
                )
                for term in facet.terms
                if term.models
            ]
    if site.data.replication is not None:
        pages.append(Page(urls.REPLICATION, PageKind.REPLICATION))
    pages += [Page(urls.SOURCES, PageKind.SOURCES), Page(urls.ABOUT, PageKind.ABOUT)]
    pages.append(Page(urls.DATA, PageKind.DATA_INDEX))
    pages += [Page(url, PageKind.DATA, (name,)) for name, url in urls.DATA_FILES.items()]
    pages.append(Page(urls.FEED, PageKind.FEED, (None, None)))
    for facet in site.facets:
        if facet.definition.feeds:
            # a renamed term's feed stays at its old address too: feed readers do not follow redirects
            pages += [
                Page(
                    urls.feed_url(facet.definition.segment, name), PageKind.FEED, (facet.definition.attribute, term.id)
                )
                for term in facet.terms
                for name in (term.id, *term.aliases)
            ]
    pages += [Page(urls.SITEMAP, PageKind.SITEMAP), Page(urls.ROBOTS, PageKind.ROBOTS)]
    pages.append(Page(urls.SEARCH, PageKind.SEARCH))
    pages.append(Page(urls.NOT_FOUND, PageKind.NOT_FOUND))
    return pages


def indexed(site: Site, page: Page) -> bool:
    """Whether search engines should list the page: not the search page, not a page that only says
    where to go or that nothing is there, not a listing with no model, not a print copy, not a draft."""
    if page.kind in NOT_INDEXED or page.kind not in HTML_KINDS:
        return False
    if page.kind is PageKind.TERM:
        attribute, term_id, _ = page.args
        return bool(site.facet(attribute).term(term_id).models)
    if page.kind is PageKind.MODEL:
        return not site.models[page.args[0]].draft
    return True


def of_kind(pages: list[Page], kind: PageKind) -> list[Page]:
    return [page for page in pages if page.kind is kind]
