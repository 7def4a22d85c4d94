"""Rendering: each page's HTML from its kind's Jinja template and context.

Templates are loaded once per process, with autoescape on and StrictUndefined, so a template
typo fails the build instead of rendering blank.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import operator
import traceback
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

import jinja2
import markupsafe

from . import assets, images, markup, outputs, security, synonyms, urls
from .facets import Facet
from .model import Model, Statement
from .pages import HTML_KINDS, Page, PageKind, indexed
from .sharing import share_for
from .site_model import PageSlice, Site, page_slice
from .structured import breadcrumbs, json_ld
from .text_vi import fold_d, format_date, format_number, sentence_start

UNKNOWN = "Đang cập nhật"

TEMPLATES = {
    PageKind.HOME: "home.html",
    PageKind.MODEL: "model.html",
    PageKind.REDIRECT: "redirect.html",
    PageKind.WITHDRAWN: "withdrawn.html",
    PageKind.FACET_INDEX: "facet_index.html",
    PageKind.TERM: "term.html",
    PageKind.MODEL_INDEX: "model_index.html",
    PageKind.PRINT: "print.html",
    PageKind.REPLICATION: "replication.html",
    PageKind.SOURCES: "sources.html",
    PageKind.ABOUT: "about.html",
    PageKind.DATA_INDEX: "data_index.html",
    PageKind.SEARCH: "search.html",
    PageKind.NOT_FOUND: "404.html",
}


@lru_cache(maxsize=4)
def environment(layouts_dir: str, base_url: str, compiled: str | None = None) -> jinja2.Environment:
    """The Jinja environment for a layouts folder and a site's base URL, built once per process;
    `compiled`: a folder where Jinja keeps compiled templates between builds (cache.templates_folder).

    Templates write an address as `url | link` (an href under the base URL's path), a filter rather
    than a function of the context: Jinja calls a filter directly, a function through Context.call,
    which cost a model page's 35 links a tenth of its time. What is the same for every page (the urls
    module, card_terms) is a global, not page context: partials that need nothing else are imported
    without context, and Jinja makes such a module once per process instead of once per page (an
    eighth of a model page's time)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(layouts_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_compiled_templates(compiled, base_url) if compiled else None,
    )
    env.filters["date_vi"] = lambda d: format_date(d) if d else UNKNOWN
    env.filters["number_vi"] = format_number
    env.filters["safe_url"] = security.safe_url
    env.filters["link"] = partial(operator.add, urls.link_prefix(base_url))  # urls.link, without a call per link
    env.globals["UNKNOWN"] = UNKNOWN
    env.globals["urls"] = urls
    env.globals["card_terms"] = card_terms
    env.globals["search_engine"] = search_engine_version()
    env.globals["csp"] = security.CSP
    env.globals["asset_version"] = assets.versions(Path(layouts_dir) / "static")
    env.globals["picture"] = lambda image, lazy=True, base="": markupsafe.Markup(
        images.picture_html(image.name, image.processed, image.alt, lazy, base)
    )
    env.globals["thumbnail"] = lambda slug, image: urls.image_url(
        slug, images.rendition_name(image.name, image.processed.webp[0])
    )
    return env


def search_engine_version() -> str:
    """Pagefind's version: its script and WebAssembly change only with it, so pages fetch them by it."""
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "0"


class TemplateFailure(Exception):
    """A template could not be loaded or rendered: where (layouts file:line) and why, picklable so a
    worker process can hand it back."""

    def __init__(self, where: str, message: str):
        super().__init__(where, message)
        self.where = where
        self.message = message


def _compiled_templates(folder: str, base_url: str) -> jinja2.FileSystemBytecodeCache:
    """Jinja's bytecode cache in folder, its files named for the base URL's path too: Jinja works out a
    filter over a literal when it compiles (`'/static/style.css' | link`), so the compiled code holds
    the links of the base URL it was compiled for, and Jinja's own key (the template's name, file and
    source) does not say which."""
    prefix = hashlib.sha256(urls.link_prefix(base_url).encode("utf-8")).hexdigest()[:16]
    return _KeptTemplates(folder, f"__jinja2_{prefix}_%s.cache")


class _KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache, where a folder that is gone means a compiled template is not kept, not
    that the build fails. A build that finds no folder for its program version removes the other
    versions' folders (cache.templates_folder), while a build of another version sharing the cache may
    be running into another output folder (--out): builds of one output folder wait for each other,
    those of two do not. Jinja already reads a missing file as nothing kept."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(FileNotFoundError):
            super().dump_bytecode(bucket)


Fragments = Callable[[Model, Callable[[], str]], str]  # (model, render it) → its HTML, perhaps kept


def render_page(
    site: Site, page: Page, layouts_dir: str, fragments: Fragments | None = None, compiled: str | None = None
) -> str:
    """Render one page: HTML from its kind's template, or a machine-readable output (showcase/outputs.py).

    A printable page shows every model of a year in full (~0.3 s for 1,000 models); each model's part
    (partials/print-model.html) goes through `fragments`, which the build backs with its cache, so a
    printable page after one edit renders one model again, not all of them. `compiled`: where the
    build cache keeps compiled templates (environment)."""
    if page.kind not in HTML_KINDS:
        return outputs.render(site, page)
    env = environment(layouts_dir, site.base_url, compiled)
    context = _common(site, page) | _CONTEXT[page.kind](site, *page.args)
    if page.kind is PageKind.PRINT:
        context["printed"] = _printed(env, context, fragments or (lambda model, render: render()))
    try:
        return env.get_template(TEMPLATES[page.kind]).render(context)
    except jinja2.TemplateError as error:
        raise TemplateFailure(_template_location(error, layouts_dir, TEMPLATES[page.kind]), str(error)) from None


def _printed(env: jinja2.Environment, context: dict, fragments: Fragments) -> Callable[[Model], markupsafe.Markup]:
    """print.html's printed(m): one model's part of a printable page, through `fragments`."""
    partial = env.get_template(PRINTED_MODEL)
    shared = {name: context[name] for name in PRINTED_CONTEXT}  # nothing about the page around it
    return lambda model: markupsafe.Markup(fragments(model, lambda: partial.render(shared | {"m": model})))


PRINTED_MODEL = "partials/print-model.html"
PRINTED_CONTEXT = ("absolute", "printed_body", "fact_rows")


def _template_location(error: jinja2.TemplateError, layouts_dir: str, template: str) -> str:
    """layouts/<file>:<line> of a template error: from a syntax error itself, else from the traceback,
    where Jinja puts each template's own file and line."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return f"{_shown(error.filename, layouts_dir)}:{error.lineno}"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"layouts/{error.name}"
    frames = traceback.extract_tb(error.__traceback__)
    inside = [frame for frame in frames if frame.filename.endswith(".html")]
    if inside:
        return f"{_shown(inside[-1].filename, layouts_dir)}:{inside[-1].lineno}"
    return f"layouts/{template}"


def _shown(filename: str, layouts_dir: str) -> str:
    path = Path(filename)
    return f"layouts/{path.relative_to(layouts_dir).as_posix()}" if path.is_relative_to(layouts_dir) else filename


def _common(site: Site, page: Page) -> dict:
    base_url = site.base_url
    crumbs = breadcrumbs(site, page)
    return {
        "crumbs": crumbs,
        "json_ld": json_ld(site, page, crumbs),
        "robots": None if indexed(site, page) else "noindex",
        "feeds": _feeds(site, page),
        "settings": site.data.settings,
        "facets": site.facets,
        "current_facet": None,  # a term or facet index page sets its facet: cards leave it out
        "page_url": page.url,
        "canonical": urls.absolute(base_url, page.url),
        "absolute": lambda url: urls.absolute(base_url, url),
        "replication": site.data.replication,
        "search_tag": site.search_tag,
        "search_parts": site.search_parts,
        "nav": [(url, label, _current(page.url, url)) for url, label in navigation(site)],
        "share": share_for(site, page),
        "term_label": lambda vocabulary, term_id: _vocabulary_facet(site, vocabulary).term(term_id).label,
        "term_in_sentence": lambda vocabulary, term_id: _vocabulary_facet(site, vocabulary).term(term_id).in_sentence,
        "term_page": lambda vocabulary, term_id: _vocabulary_facet(site, vocabulary).term_url(
            _vocabulary_facet(site, vocabulary).term(term_id)
        ),
    }


def _feeds(site: Site, page: Page) -> list[tuple[str, str]]:
    """(URL, title) of the Atom feeds a page announces: the site's, and its term's when it has one."""
    found = [(urls.FEED, site.data.settings.title)]
    if page.kind is PageKind.TERM and site.facet(page.args[0]).definition.feeds:
        facet = site.facet(page.args[0])
        term = facet.term(page.args[1])
        found.append((urls.feed_url(facet.definition.segment, term.id), facet.related(term)))
    return found


def _vocabulary_facet(site: Site, vocabulary: str) -> Facet:
    """The facet whose terms are this vocabulary's: where its terms are named and have pages."""
    return next(f for f in site.facets if f.definition.vocabulary == vocabulary)


def card_terms(model: Model, shown: list[Facet]) -> list[str]:
    """The labels of a model's terms of the facets a card shows, in their order: one call from the
    card's template instead of one for each facet."""
    return [term.label for facet in shown if (term := facet.term_of(model)) is not None]


def _current(page_url: str, item_url: str) -> bool:
    """Whether a navigation item is the page's own section: the page itself, or a page under it."""
    return page_url == item_url or (item_url != "/" and page_url.startswith(item_url))


def navigation(site: Site) -> list[tuple[str, str]]:
    """The main navigation: home, every facet, replication when there is one, search."""
    items = [("/", "Trang chủ"), (urls.listing_url(urls.MODELS), "Mô hình")] + [
        (facet.url(), facet.definition.label) for facet in site.facets
    ]
    if site.data.replication is not None:
        items.append((urls.REPLICATION, "Nhân rộng"))
    return items + [(urls.SEARCH, "Tìm kiếm")]


def index_attributes(site: Site, model: Model) -> list[tuple[str, str]]:
    """The attributes by which Pagefind reads a model page's filters and result metadata.

    Metadata is searched too (Pagefind 1.5) and weighted by SEARCH_RANKING: the unit and the place as
    recorded, each also (unit_x, place_x) with đ written as d (Pagefind does not fold đ) and with the
    abbreviations readers type for its words, and the summary a result shows when it was found
    through a synonym and has no excerpt of its own."""
    district = _vocabulary_facet(site, "districts").term_of(model)
    place = ", ".join(part for part in (model.hamlet, model.commune, district.in_sentence if district else "") if part)
    texts = {"unit": model.unit, "place": place, "summary": model.summary}
    for name in ("unit", "place"):  # đ as d, and what readers type for their words (content/synonyms.yaml)
        extra = " ".join([fold_d(texts[name]), *synonyms.typed_forms(texts[name], site.data.synonyms)])
        if extra != texts[name]:
            texts[f"{name}_x"] = extra
    attributes = [(f"data-s-{name.replace('_', '-')}", value) for name, value in texts.items() if value]
    meta = [f"{name}[data-s-{name.replace('_', '-')}]" for name, value in texts.items() if value]
    filters = []
    for facet in site.facets:
        definition, term = facet.definition, facet.term_of(model)
        if term is None:
            continue
        attributes += [(f"data-f-{definition.filter}", term.id), (f"data-m-{definition.attribute}", term.label)]
        filters.append(f"{definition.filter}[data-f-{definition.filter}]")
        meta.append(f"{definition.attribute}[data-m-{definition.attribute}]")
    return attributes + [("data-pagefind-filter", ", ".join(filters)), ("data-pagefind-meta", ", ".join(meta))]


def attributes_html(attributes: list[tuple[str, str]]) -> markupsafe.Markup:
    """' name="value"' for each attribute, each value escaped: one string for the template, not two
    escapes and a loop step per attribute (a model page has twenty). The names are this program's."""
    return markupsafe.Markup("".join(f' {name}="{markupsafe.escape(value)}"' for name, value in attributes))


def search_config(site: Site) -> dict:
    """What search.js needs to know about the facets: filter names, card metadata, the sort key."""
    sortable = next((f.definition for f in site.facets if f.definition.sortable), None)
    return {
        "filters": [f.definition.filter for f in site.facets],
        "card": [f.definition.attribute for f in site.facets if f.definition.on_cards],
        "sort": {"key": sortable.filter, "label": sortable.fact_label} if sortable else None,
        "ranking": SEARCH_RANKING,
    }


# Pagefind's ranking (1.5): a title, a unit or a place that holds the query's words lifts a page more
# than words in its text do (metadata weights, "title" is Pagefind's default 5); the same tone marks
# as typed count more ("nông" before "nòng"); longer pages are penalised a little less than by default,
# since a model's text says more than its length. Tuned on bench/search_queries.yaml.
SEARCH_RANKING = {
    "metaWeights": {"title": 5.0, "unit": 4.0, "unit_x": 4.0, "place": 4.0, "place_x": 4.0, "summary": 0.5},
    "diacriticSimilarity": 1.5,
    "pageLength": 0.5,
}


def _home(site: Site) -> dict:
    latest = outputs.newest(list(site.models), site.data.settings.latest_on_home)
    featured = [m for m in site.models if m.featured][: site.data.settings.latest_on_home]
    figures = max(site.data.figures, key=lambda f: f.year, default=None)
    return {
        "latest": latest,
        "featured": featured,
        "figures": figures,
        "total": len(site.models),
        "year_facet": _figures_facet(site),
    }


def _figures_facet(site: Site) -> Facet | None:
    return next((f for f in site.facets if f.definition.shows_figures), None)


def _model(site: Site, index: int) -> dict:
    model = site.models[index]
    terms = [(facet, facet.term_of(model)) for facet in site.facets]
    return {
        "model": model,
        "body_html": urls.rebase(model.body_html, site.base_url),
        "notes": [(facet, term) for facet, term in terms if term is not None and term.note is not None],
        "reform": reform_statement(site, model),
        "index_attributes": attributes_html(index_attributes(site, model)),
        "fact_rows": model_facts(site, model),
        "related": [(facet.term_url(term), facet.related(term)) for facet, term in terms if term is not None],
    }


def _withdrawn(site: Site, index: int) -> dict:
    withdrawn = site.data.withdrawn[index]
    by_slug = {m.slug: m for m in site.models}
    return {"withdrawn": withdrawn, "related": [by_slug[s] for s in withdrawn.related if s in by_slug]}


def model_facts(site: Site, model: Model) -> list[tuple[Facet, list[tuple[str, str | None]]]]:
    """The rows of a model's facts, each facet that has one with its fact_parts: made here, once, for
    the template to loop over (each call from a template goes through Jinja's Context.call)."""
    return [(facet, parts) for facet in site.facets if (parts := fact_parts(site, facet, model))]


def fact_parts(site: Site, facet: Facet, model: Model) -> list[tuple[str, str | None]]:
    """A facet's row in the model page's facts: (text, link) pieces, the first capitalised.

    The district row reads "Ấp Tân Điền, xã Thành Thới B, huyện Mỏ Cày Nam, tỉnh Bến Tre": the model's
    own place names before the term, the province after it unless the term already names it.
    """
    definition, term = facet.definition, facet.term_of(model)
    parts: list[tuple[str, str | None]] = [
        (str(getattr(model, a)), None) for a in definition.context_before if getattr(model, a)
    ]
    if term is not None:
        parts.append((term.in_sentence if definition.context_before else term.short, facet.term_url(term)))
    after = str(getattr(site.data.settings, definition.context_after, "")) if definition.context_after else ""
    if after and term is not None and after not in term.in_sentence:
        parts.append((after, None))
    if parts:
        parts[0] = (sentence_start(parts[0][0]), parts[0][1])
    return parts


def reform_statement(site: Site, model: Model) -> Statement | None:
    """The sentence saying which commune the model's commune was arranged into in 2025, if known."""
    reform = site.data.reform
    if reform is None or not model.commune:
        return None
    change = reform.change_of(model.district, model.commune)
    if change is None:
        return None
    district = _vocabulary_facet(site, "districts").term(change.district).in_sentence
    text = (
        reform.sentence.replace("{old}", change.old)
        .replace("{district}", district)
        .replace("{new}", change.new)
        .replace("{clause}", str(change.clause))
    )
    return Statement(sentence_start(text), (reform.source,))


def _facet_index(site: Site, attribute: str) -> dict:
    facet = site.facet(attribute)
    return {"facet": facet, "current_facet": facet.definition}


def _term(site: Site, attribute: str, term_id: str, number: int) -> dict:
    facet = site.facet(attribute)
    term = facet.term(term_id)
    page = page_slice(term.models, site.data.settings.per_page, number)
    figures = (
        next((f for f in site.data.figures if str(f.year) == term_id), None) if facet.definition.shows_figures else None
    )
    return {
        "facet": facet,
        "current_facet": facet.definition,
        "term": term,
        "page": page,
        "models": [site.models[i] for i in page.items],
        "figures": figures,
        "pager": pager_links(page, lambda n: facet.term_url(term, n)),
        "pager_url": lambda n: facet.term_url(term, n),
    }


def _model_index(site: Site, number: int) -> dict:
    everything = tuple(range(len(site.models)))
    page = page_slice(everything, site.data.settings.per_page, number)
    return {
        "page": page,
        "total": len(site.models),
        "models": [site.models[i] for i in page.items],
        "pager": pager_links(page, lambda n: urls.listing_url(urls.MODELS, n)),
        "pager_url": lambda n: urls.listing_url(urls.MODELS, n),
    }


def _print(site: Site, attribute: str, term_id: str) -> dict:
    """A term's models on one page, grouped by the first facet (fields) in its order, for printing."""
    facet = site.facet(attribute)
    term = facet.term(term_id)
    members = [site.models[i] for i in term.models]
    grouping = site.facets[0]
    groups = []
    for group in grouping.terms:
        inside = [m for m in members if grouping.term_of(m) == group]
        if inside:
            groups.append((group, inside))
    return {
        "facet": facet,
        "term": term,
        "groups": groups,
        "count": len(members),
        "printed_body": lambda model: markup.embedded(
            urls.resolve_relative(
                urls.rebase(model.body_html, site.base_url), urls.model_url(model.slug), site.base_url
            ),
            model.slug,
            heading_shift=2,
        ),
        "fact_rows": lambda model: model_facts(site, model),
    }


def _data_index(site: Site) -> dict:
    return {
        "files": [
            (urls.DATA_FILES["models-csv"], "Danh sách mô hình (CSV)"),
            (urls.DATA_FILES["models-json"], "Danh sách mô hình (JSON)"),
            (urls.DATA_FILES["figures-csv"], "Số liệu theo năm (CSV)"),
        ],
        "model_columns": outputs.MODEL_COLUMNS,
        "figure_columns": outputs.FIGURE_COLUMNS,
        "total": len(site.models),
    }


def pager_links(page: PageSlice, url_for: Callable[[int], str]) -> list[dict]:
    """Numbered links around the current page: first, last, current ±2, gaps marked."""
    shown = sorted({1, page.total, *range(max(1, page.number - 2), min(page.total, page.number + 2) + 1)})
    items: list[dict] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            items.append({"gap": True})
        items.append({"gap": False, "number": number, "url": url_for(number), "current": number == page.number})
        previous = number
    return items


_CONTEXT: dict[PageKind, Callable[..., dict]] = {
    PageKind.HOME: _home,
    PageKind.MODEL: _model,
    PageKind.REDIRECT: lambda site, target, title: {"target": target, "target_title": title},
    PageKind.WITHDRAWN: lambda site, index: _withdrawn(site, index),
    PageKind.FACET_INDEX: _facet_index,
    PageKind.TERM: _term,
    PageKind.MODEL_INDEX: _model_index,
    PageKind.PRINT: _print,
    PageKind.REPLICATION: lambda site: {},
    PageKind.SOURCES: lambda site: {"sources": site.data.sources},
    PageKind.ABOUT: lambda site: {},
    PageKind.DATA_INDEX: _data_index,
    PageKind.SEARCH: lambda site: {"search_config": search_config(site)},
    PageKind.NOT_FOUND: lambda site: {},
}


def _check_every_kind_is_handled() -> None:
    """A page kind without a template or a context would fail mid-build; fail at import instead."""
    missing = HTML_KINDS - (set(TEMPLATES) & set(_CONTEXT))
    if missing:
        raise RuntimeError(f"page kinds without a template or context in rendering.py: {sorted(missing)}")


_check_every_kind_is_handled()
