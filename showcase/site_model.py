"""Models → Site: sort orders, generic facets (field, district, year), pagination and URLs.

Every facet is one FacetDef served by the same code path; adding one means adding a definition.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .model import Model, SiteData, Term
from .text_vi import collation_key


@dataclass(frozen=True)
class FacetDef:
    id: str  # the Model attribute it groups by
    segment: str  # URL segment
    title: str  # Vietnamese heading
    term_noun: str  # how one term is introduced in page titles


FACETS = (
    FacetDef("field", "linh-vuc", "Lĩnh vực", "Lĩnh vực"),
    FacetDef("district", "dia-ban", "Địa bàn", "Địa bàn"),
    FacetDef("year", "nam", "Năm công nhận", "Năm"),
)


@dataclass(frozen=True)
class FacetTerm:
    id: str
    label: str
    note: str
    models: tuple[int, ...]  # indexes into Site.models, already in display order
    pages: int

    def url(self, segment: str, page: int = 1) -> str:
        return urls.term_url(segment, self.id, page)


@dataclass(frozen=True)
class Facet:
    definition: FacetDef
    terms: tuple[FacetTerm, ...]

    def term(self, term_id: str) -> FacetTerm:
        return next(t for t in self.terms if t.id == term_id)


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

    def facet(self, facet_id: str) -> Facet:
        return next(f for f in self.facets if f.definition.id == facet_id)


def model_order(model: Model) -> tuple:
    """Newest year first, then title in Vietnamese alphabetical order."""
    return (-model.year, collation_key(model.title), model.slug)


def page_count(items: int, per_page: int) -> int:
    """Pages needed for items; an empty listing still has its first page."""
    return max(1, -(-items // per_page))


def paginate(items: tuple[int, ...], per_page: int) -> list[PageSlice]:
    """Cut items into pages of per_page, numbered from 1."""
    total = page_count(len(items), per_page)
    return [PageSlice(n, total, items[(n - 1) * per_page : n * per_page]) for n in range(1, total + 1)]


def build_site(data: SiteData, models: list[Model], base_url: str | None = None) -> Site:
    """Sort the models once and group them under every facet."""
    ordered = tuple(sorted(models, key=model_order))
    per_page = data.settings.per_page
    facets = tuple(Facet(d, _terms(d, data, ordered, per_page)) for d in FACETS)
    return Site(data, base_url or data.settings.base_url, ordered, facets)


def _terms(definition: FacetDef, data: SiteData, models: tuple[Model, ...], per_page: int) -> tuple[FacetTerm, ...]:
    members: dict[str, list[int]] = {}
    for index, model in enumerate(models):
        members.setdefault(str(getattr(model, definition.id)), []).append(index)
    terms = []
    for term, label, note in _declared_terms(definition, data, members):
        indexes = tuple(members.get(term.id, ()))
        terms.append(FacetTerm(term.id, label, note, indexes, page_count(len(indexes), per_page)))
    return tuple(terms)


def _declared_terms(definition: FacetDef, data: SiteData, members: dict[str, list[int]]):
    """The terms a facet shows, in their display order, each with its label and note."""
    vocab = data.vocabularies
    if definition.id == "field":
        return [(t, t.label, "") for t in vocab.fields]
    if definition.id == "district":
        ordered = sorted(vocab.districts, key=lambda t: (t.full_name == t.label, collation_key(t.label)))
        return [(t, t.full_name, t.note) for t in ordered]
    years = {int(y) for y in members} | {f.year for f in data.figures}
    return [(Term(str(y), f"Năm {y}"), f"Năm {y}", "") for y in sorted(years, reverse=True)]
