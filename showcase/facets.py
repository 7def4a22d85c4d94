"""Facets: the ways to browse the models (field, district, year, recognition level), one definition each.

A definition owns everything about its facet: the model attribute it groups by, its URL segment,
its search filter, its labels, where its terms come from and what its pages show. Navigation, the
model page's facts, cards, the search page's filters and search.js all iterate FACETS, so a new
facet is one more definition here (and, if its terms are a vocabulary, that vocabulary's file).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from . import urls
from .model import Model, SiteData, Statement
from .text_vi import collation_key, sentence_start, slugify


@dataclass(frozen=True)
class FacetDef:
    attribute: str  # the Model attribute whose value is the term id
    segment: str  # URL segment: /<segment>/ lists the terms, /<segment>/<term>/ a term's models
    filter: str  # the search index's filter name, also the search page's URL parameter
    label: str  # short Vietnamese name: navigation and search filter headings
    title: str  # heading of the index page (/<segment>/), and "Theo …" on the home page
    label_en: str
    fact_label: str  # the row of the model page's facts list
    term_heading: str  # a term page's heading: {label} is the term's label
    related: str  # a sentence linking a model page to the term's other models: {in_sentence}
    vocabulary: str | None = None  # terms from content/<vocabulary>.yaml in its order; None: values present
    value_label: str = "{value}"  # a value term's label (no vocabulary)
    value_in_sentence: str = "{value}"  # and how a sentence names it
    newest_first: bool = False  # value terms: descending order
    on_cards: bool = True  # cards show the term (except on this facet's own pages)
    sortable: bool = False  # the search page can sort results by it
    shows_figures: bool = False  # term pages show the published figures of the same id (years)
    printable: bool = False  # each term has a printable compendium: /<segment>/<term>/in/
    feeds: bool = False  # each term has an Atom feed of its newest models: /<segment>/<term>/atom.xml
    context_before: tuple[str, ...] = ()  # model attributes shown before the term in the facts list
    context_after: str = ""  # a Settings attribute shown after the term in the facts list

    def key_of(self, model: Model) -> str:
        """The id of the term a model belongs to: a vocabulary id, or its value made a URL segment;
        "" when the model has no value for an optional attribute (it is then in no term)."""
        value = str(getattr(model, self.attribute) or "")
        return value if self.vocabulary is not None else slugify(value)


FACETS: tuple[FacetDef, ...] = (
    FacetDef(
        attribute="field",
        segment="linh-vuc",
        filter="linh-vuc",
        label="Lĩnh vực",
        title="Lĩnh vực",
        label_en="field",
        fact_label="Lĩnh vực",
        term_heading="Lĩnh vực: {label}",
        related="Các mô hình thuộc lĩnh vực {in_sentence}",
        vocabulary="fields",
        feeds=True,
    ),
    FacetDef(
        attribute="district",
        segment="dia-ban",
        filter="dia-ban",
        label="Địa bàn",
        title="Địa bàn",
        label_en="district",
        fact_label="Địa bàn (lúc công nhận)",
        term_heading="Địa bàn: {label}",
        related="Các mô hình ở {in_sentence}",
        vocabulary="districts",
        context_before=("hamlet", "commune"),
        context_after="province",
    ),
    FacetDef(
        attribute="year",
        segment="nam",
        filter="nam",
        label="Năm",
        title="Năm công nhận",
        label_en="year",
        fact_label="Năm công nhận",
        term_heading="{label}",
        related="Các mô hình công nhận {in_sentence}",
        value_label="Năm {value}",
        value_in_sentence="năm {value}",
        newest_first=True,
        sortable=True,
        shows_figures=True,
        printable=True,
    ),
    FacetDef(
        attribute="level",
        segment="cap-cong-nhan",
        filter="cap",
        label="Cấp công nhận",
        title="Cấp công nhận",
        label_en="recognition level",
        fact_label="Cấp công nhận",
        term_heading="Cấp công nhận: {label}",
        related="Các mô hình công nhận {in_sentence}",
        vocabulary="levels",
        on_cards=False,
    ),
)


@dataclass(frozen=True)
class FacetTerm:
    id: str
    label: str  # standing alone (a list item, a heading): "Kinh tế", "Huyện Ba Tri", "Năm 2024"
    in_sentence: str  # inside a sentence: "kinh tế", "huyện Ba Tri", "toàn tỉnh Bến Tre", "năm 2024"
    short: str  # where the facet is already named (a filter, the facts list): "2024"; else the label
    note: Statement | None
    models: tuple[int, ...]  # indexes into Site.models, already in display order
    pages: int
    aliases: tuple[str, ...] = ()  # former ids whose pages redirect here

    def url(self, segment: str, page: int = 1) -> str:
        return urls.term_url(segment, self.id, page)


@dataclass(frozen=True)
class Facet:
    definition: FacetDef
    note: Statement | None  # shown on the facet's index page
    terms: tuple[FacetTerm, ...]
    by_id: dict[str, FacetTerm] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id.update((t.id, t) for t in self.terms)

    def term(self, term_id: str) -> FacetTerm:
        return self.by_id[term_id]

    def term_of(self, model: Model) -> FacetTerm | None:
        """The term a model belongs to, or None when it has no value for this facet."""
        return self.by_id.get(self.definition.key_of(model))

    def url(self) -> str:
        return urls.facet_index_url(self.definition.segment)

    def term_url(self, term: FacetTerm, page: int = 1) -> str:
        return term.url(self.definition.segment, page)

    def heading(self, term: FacetTerm) -> str:
        return _fill(self.definition.term_heading, term)

    def related(self, term: FacetTerm) -> str:
        return _fill(self.definition.related, term)


def _fill(pattern: str, term: FacetTerm) -> str:
    return pattern.replace("{label}", term.label).replace("{in_sentence}", term.in_sentence)


def build_facet(definition: FacetDef, data: SiteData, models: tuple[Model, ...], per_page: int) -> Facet:
    """Group the models (already in display order) under the facet's terms, in the facet's term order."""
    members: dict[str, list[int]] = {}
    values: dict[str, str] = {}  # term id → the value as written, for value terms' labels
    for index, model in enumerate(models):
        key = definition.key_of(model)
        if not key:
            continue
        members.setdefault(key, []).append(index)
        values.setdefault(key, str(getattr(model, definition.attribute)))
    if definition.vocabulary is not None:
        note, terms = _vocabulary_terms(definition, data)
    else:
        note, terms = None, _value_terms(definition, data, values)
    return Facet(
        definition,
        note,
        tuple(
            dataclasses.replace(
                term, models=tuple(members.get(term.id, ())), pages=page_count(len(members.get(term.id, ())), per_page)
            )
            for term in terms
        ),
    )


def _vocabulary_terms(definition: FacetDef, data: SiteData) -> tuple[Statement | None, list[FacetTerm]]:
    """The vocabulary's terms in its file's order, and the note of its index page."""
    vocabulary = data.vocabularies.by_name(definition.vocabulary or "")
    terms = []
    for term in vocabulary.terms:
        full = term.full_name or term.label
        label = sentence_start(full)
        in_sentence = term.in_sentence or (full if full != term.label else full[:1].lower() + full[1:])
        note = term.note or vocabulary.term_note
        if note is not None:
            note = dataclasses.replace(note, text=note.text.replace("{label}", in_sentence))
        terms.append(FacetTerm(term.id, label, in_sentence, label, note, (), 1, term.aliases))
    return vocabulary.note, terms


def _value_terms(definition: FacetDef, data: SiteData, values: dict[str, str]) -> list[FacetTerm]:
    """One term per value models have (and per year the published figures cover), in value order."""
    if definition.shows_figures:
        values = values | {str(f.year): str(f.year) for f in data.figures}
    ordered = sorted(values, key=lambda key: _value_order(values[key]), reverse=definition.newest_first)
    return [
        FacetTerm(
            key,
            definition.value_label.replace("{value}", values[key]),
            definition.value_in_sentence.replace("{value}", values[key]),
            values[key],
            None,
            (),
            1,
        )
        for key in ordered
    ]


def _value_order(value: str) -> tuple:
    """Numbers by value, then text in Vietnamese order."""
    return (0, int(value), ()) if value.isdigit() else (1, 0, collation_key(value))


def page_count(items: int, per_page: int) -> int:
    """Pages needed for items; an empty listing still has its first page."""
    return max(1, -(-items // per_page))
