"""Models → Site: the models in display order, grouped under every facet, with pagination.

Everything a page needs is computed here once, before rendering, so every page sees the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .facets import FACETS, Facet, build_facet, page_count
from .model import Model, SiteData

__all__ = ["PageSlice", "Site", "build_site", "model_order", "page_count", "page_slice", "paginate"]


@dataclass(frozen=True)
class PageSlice:
    """One page of a paginated listing."""

    number: int
    total: int
    items: tuple[int, ...]


@dataclass(frozen=True)
class Site:
    data: SiteData
    base_url: str
    models: tuple[Model, ...]
    facets: tuple[Facet, ...]
    search_tag: str = ""  # changes whenever the search index may: the page caches Pagefind's entry file by it
    search_parts: tuple[str, ...] = ()  # folders of the index's parts after the first, under the bundle (search.py)

    def facet(self, attribute: str) -> Facet:
        return next(f for f in self.facets if f.definition.attribute == attribute)


def model_order(model: Model) -> tuple:
    """Newest year first, then title in Vietnamese alphabetical order (as text_vi.collation_key orders)."""
    return (-model.year, model.title_key, model.title, model.slug)


def paginate(items: tuple[int, ...], per_page: int) -> list[PageSlice]:
    """Cut items into pages of per_page, numbered from 1."""
    return [page_slice(items, per_page, n) for n in range(1, page_count(len(items), per_page) + 1)]


def page_slice(items: tuple[int, ...], per_page: int, number: int) -> PageSlice:
    """Page `number` (from 1) of paginate(items, per_page), without cutting the others: a listing of
    10,000 models has 500 pages, and cutting all of them for each page was quadratic."""
    return PageSlice(number, page_count(len(items), per_page), items[(number - 1) * per_page : number * per_page])


def build_site(data: SiteData, models: list[Model], base_url: str | None = None) -> Site:
    """Sort the models once and group them under every facet."""
    ordered = tuple(sorted(models, key=model_order))
    facets = tuple(build_facet(d, data, ordered, data.settings.per_page) for d in FACETS)
    return Site(data, base_url or data.settings.base_url, ordered, facets)
