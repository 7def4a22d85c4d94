"""The site's data model: frozen dataclasses passed between pipeline stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary: a field, a district or a level."""

    id: str
    label: str
    variants: tuple[str, ...] = ()
    full_name: str = ""  # districts: "huyện Mỏ Cày Nam"; others: the label
    code: str = ""  # districts: the statistics-office code before 01/7/2025
    note: str = ""  # shown on the term's page


@dataclass(frozen=True)
class Vocabulary:
    """One vocabulary file: what it is called, its terms in the file's order, the notes its pages show."""

    name: str  # in messages: "“Kinh te” không có trong danh sách lĩnh vực."
    name_en: str
    terms: tuple[Term, ...]
    note: str = ""  # on the facet's index page
    term_note: str = ""  # on each term's page unless the term has its own; {label} is the term's name


@dataclass(frozen=True)
class Image:
    file: str  # path of the source file, relative to the project root
    alt: str
    caption: str = ""
    credit: str = ""
    name: str = ""  # the published file name, beside the model's page


@dataclass(frozen=True)
class Source:
    title: str
    author: str = ""
    publisher: str = ""
    date: dt.date | None = None
    url: str = ""


@dataclass(frozen=True)
class Decision:
    number: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Model:
    """One recognised 'Dân vận khéo' model, validated, with its body already rendered to HTML."""

    source_path: str
    slug: str
    title: str
    field: str  # term ids
    district: str
    level: str
    unit: str
    year: int
    summary: str
    body_html: str
    commune: str = ""
    hamlet: str = ""
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # old slugs that redirect here
    images: tuple[Image, ...] = ()
    body_images: tuple[Image, ...] = ()  # pictures the Markdown body shows, published beside the page
    sources: tuple[Source, ...] = ()
    decision: Decision = field(default_factory=Decision)
    replication: bool = False
    featured: bool = False


@dataclass(frozen=True)
class YearFigures:
    """Official figures for one year, as published (not counted from the site's pages)."""

    year: int
    registered: int
    accepted: int
    not_accepted: int
    proposed: int
    recognised: int
    recognised_by_field: tuple[tuple[str, int], ...]
    body: str
    source: Source
    quote: str = ""


@dataclass(frozen=True)
class ReplicationType:
    """A model type chosen for province-wide replication: a method, with no single unit."""

    slug: str
    title: str
    field: str
    field_inferred: bool = False
    note: str = ""


@dataclass(frozen=True)
class Replication:
    title: str
    selected_year: int
    period: str
    selected_by: str
    intro: str
    source: Source
    types: tuple[ReplicationType, ...]
    quote: str = ""


@dataclass(frozen=True)
class Settings:
    title: str
    short_title: str
    description: str
    base_url: str
    organisation: str
    province: str
    default_level: str
    per_page: int
    footer_lines: tuple[str, ...] = ()
    latest_on_home: int = 6
    edit_url_base: str = ""


@dataclass(frozen=True)
class Vocabularies:
    """The controlled vocabularies by name ("fields", "districts", "levels")."""

    by_file: dict[str, Vocabulary]

    def by_name(self, name: str) -> Vocabulary:
        return self.by_file[name]

    def terms(self, name: str) -> tuple[Term, ...]:
        return self.by_file[name].terms

    @property
    def fields(self) -> tuple[Term, ...]:
        return self.terms("fields")

    @property
    def districts(self) -> tuple[Term, ...]:
        return self.terms("districts")

    @property
    def levels(self) -> tuple[Term, ...]:
        return self.terms("levels")


@dataclass(frozen=True)
class SiteData:
    """Everything under content/ that is not a model: settings, vocabularies, figures."""

    settings: Settings
    vocabularies: Vocabularies
    figures: tuple[YearFigures, ...]
    replication: Replication | None
