"""The site map: every page the site has, each with its URL and its kind.

Kinds are listed once here. Everything that treats pages differently (which template renders
them, which ones the search index reads, which ones a link check or a sitemap lists) selects
them by kind, never by template name or by looking inside their HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import urls
from .site_model import Site


class PageKind(StrEnum):
    HOME = "home"
    MODEL = "model"  # one model: the pages the search index covers
    REDIRECT = "redirect"  # an old address of a renamed model or term: args (target URL, its title)
    WITHDRAWN = "withdrawn"  # the address of a withdrawn model: says so, links to related models
    FACET_INDEX = "facet-index"  # /linh-vuc/: the terms of one facet
    TERM = "term"  # /linh-vuc/kinh-te/ (and /trang/N/): the models of one term
    REPLICATION = "replication"
    SOURCES = "sources"  # /nguon/: every source the site's facts come from
    SEARCH = "search"
    NOT_FOUND = "not-found"


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
    if site.data.replication is not None:
        pages.append(Page(urls.REPLICATION, PageKind.REPLICATION))
    pages.append(Page(urls.SOURCES, PageKind.SOURCES))
    pages.append(Page(urls.SEARCH, PageKind.SEARCH))
    pages.append(Page(urls.NOT_FOUND, PageKind.NOT_FOUND))
    return pages


def of_kind(pages: list[Page], kind: PageKind) -> list[Page]:
    return [page for page in pages if page.kind is kind]
