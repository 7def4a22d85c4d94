"""The site's data model: frozen dataclasses passed between pipeline stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .images import Processed
from .text_vi import collation_key, match_key


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary: a field, a district or a level."""

    id: str
    label: str
    variants: tuple[str, ...] = ()
    full_name: str = ""  # districts: "huyện Mỏ Cày Nam"; others: the label
    code: str = ""  # districts: the statistics-office code before 01/7/2025
    note: Statement | None = None  # shown on the term's page (and with the models of the term)
    in_sentence: str = ""  # how a sentence names it: "toàn tỉnh Bến Tre"; default: the full name
    aliases: tuple[str, ...] = ()  # former ids: their published pages redirect to this term


@dataclass(frozen=True)
class Vocabulary:
    """One vocabulary file: what it is called, its terms in the file's order, the notes its pages show."""

    name: str  # in messages: "“Kinh te” không có trong danh sách lĩnh vực."
    name_en: str
    terms: tuple[Term, ...]
    note: Statement | None = None  # on the facet's index page
    term_note: Statement | None = None  # on each term's page unless the term has its own; {label}: its name


@dataclass(frozen=True)
class Image:
    file: str  # path of the source file, relative to the project root
    alt: str
    caption: str = ""
    credit: str = ""
    name: str = ""  # the published file name (a linked document), or the stem of the renditions (a picture)
    processed: Processed | None = None  # the published renditions (showcase/images.py); None when only checked
    fresh: bool = False  # processed by this build, not taken from the cache


@dataclass(frozen=True)
class Source:
    """A document facts come from: the article, a resolution. Entries of content/sources.yaml have an id."""

    title: str
    author: str = ""
    publisher: str = ""
    date: dt.date | None = None
    url: str = ""
    id: str = ""  # its anchor on /nguon/; empty for a source written out in a model file
    short: str = ""  # how a statement names it: "Bài viết ngày 30/12/2024"
    note: str = ""


@dataclass(frozen=True)
class Statement:
    """A sentence or paragraph of fact shown on the site, with the sources that support it.

    Templates hold no facts: every such sentence lives in content/ as a Statement, so an editor can
    correct it and a check can ask for its source. about_site marks sentences about this site itself.
    """

    text: str
    sources: tuple[Source, ...] = ()
    quote: str = ""  # the source's own words, shown beside the text
    about_site: bool = False


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
    documents: tuple[Image, ...] = ()  # files the body links to (a decision as PDF), published beside the page
    links: tuple[tuple[str, int], ...] = ()  # (site path, file line) of the body's links into the site
    sources: tuple[Source, ...] = ()
    decision: Decision = field(default_factory=Decision)
    replication: bool = False
    featured: bool = False
    draft: bool = False  # not published: left out of builds unless --drafts; serve shows it with a banner
    published: dt.date | None = None  # first published on this site (required in files; None only in code)
    updated: dt.date | None = None
    # The title's place in Vietnamese order (text_vi.collation_key's three levels), made where the model is
    # made (in the load workers) and kept with it in the models cache: sorting 10,000 titles again took
    # 80 ms of a build after one edit. Not an argument: dataclasses.replace() with a new title makes a new
    # one. Without the title itself, which collation_key's cached result holds as another object once an
    # equal title was seen: pickled, the model (and so its fingerprints) would depend on that history.
    title_key: tuple = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title_key", collation_key(self.title)[:3])

    @property
    def last_changed(self) -> dt.date | None:
        return self.updated or self.published


@dataclass(frozen=True)
class FigureRow:
    """One published figure: what it counts, the number, and the source's own words for it."""

    key: str  # stable name for tests and open data: "recognised"; a field id in by_field
    label: str
    value: int
    quote: str = ""


@dataclass(frozen=True)
class YearFigures:
    """The figures one source gives for one year and one level, as published (not counted from pages)."""

    year: int
    scope: str  # the level every row counts at: "cấp tỉnh"
    source: Source
    rows: tuple[FigureRow, ...]
    by_field: tuple[FigureRow, ...] = ()
    headline: Statement | None = None

    def value(self, key: str) -> int | None:
        return next((row.value for row in self.rows if row.key == key), None)


@dataclass(frozen=True)
class ReplicationType:
    """A model type chosen for province-wide replication: a method, with no single unit."""

    slug: str
    title: str
    field: str
    field_inferred: bool = False
    note: Statement | None = None


@dataclass(frozen=True)
class Replication:
    """The replication page: what the source says was chosen for replication, by whom, and when."""

    title: str
    intro: Statement
    selected_year: int
    period: str
    selected_by: str
    types: tuple[ReplicationType, ...]
    more: tuple[Statement, ...] = ()  # further selections the source reports (districts', new models)


@dataclass(frozen=True)
class AdminSettings:
    """The web form at /admin/ (Decap CMS): which git host keeps the content, and how editors log in."""

    backend: str  # "github" or "gitlab"
    repo: str  # "owner/name"
    branch: str = "main"
    base_url: str = ""  # GitHub: the OAuth server's address; GitLab: a self-hosted GitLab's address
    auth_endpoint: str = ""  # the login path on base_url, when it is not the backend's default
    app_id: str = ""  # GitLab: the application id (login without a server of ours, PKCE)


@dataclass(frozen=True)
class Settings:
    title: str
    short_title: str
    description: str
    base_url: str
    province: str
    default_level: str
    per_page: int
    intro: tuple[Statement, ...] = ()  # the home page's opening paragraphs
    origin: Statement | None = None  # where the movement's name comes from, shown on the home page
    about: tuple[Statement, ...] = ()  # the /gioi-thieu/ page
    footer_lines: tuple[str, ...] = ()
    publisher: str = ""  # who runs the site; unknown today, so empty and not shown
    contact_address: str = ""  # each left empty, and hidden, until a document says what it is
    contact_email: str = ""
    contact_phone: str = ""
    data_licence: str = ""  # the open data's licence; "Đang cập nhật" until decided
    latest_on_home: int = 6
    feed_size: int = 20  # entries in each Atom feed
    edit_url_base: str = ""
    admin: AdminSettings | None = None  # None: no /admin/ is built


@dataclass(frozen=True)
class CommuneChange:
    """One commune of 2024 and the commune it was arranged into on 01/7/2025."""

    old: str  # as named before: "xã Thành Thới B"
    district: str  # district id: names repeat across districts (two xã An Thạnh)
    new: str
    clause: int  # the clause of the resolution's Article 1 that arranges it
    code: str = ""  # statistics-office code before the change


@dataclass(frozen=True)
class Reform:
    """The 2025 arrangement of communes, and the sentence a model page shows for its commune."""

    sentence: str  # with {old}, {district}, {new}, {clause}
    source: Source
    communes: tuple[CommuneChange, ...]

    def change_of(self, district: str, commune: str) -> CommuneChange | None:
        """The change of the commune so named (any spelling match_key folds) in that district."""
        return self._by_name.get((district, match_key(commune)))

    @cached_property
    def _by_name(self) -> dict[tuple[str, str], CommuneChange]:
        # built once: every model page asks, and folding each commune's name per page cost O(models × communes)
        found: dict[tuple[str, str], CommuneChange] = {}
        for change in self.communes:
            found.setdefault((change.district, match_key(change.old)), change)  # the first listed wins
        return found


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
class Withdrawn:
    """A model page that was published and then withdrawn: its address keeps a page saying so."""

    slug: str
    title: str
    reason: Statement
    date: dt.date | None = None
    related: tuple[str, ...] = ()  # slugs of models to read instead


@dataclass(frozen=True)
class Synonym:
    """What readers type for words the pages use: an abbreviation, an everyday name, an English word.

    The search index copy of every page that has `words` also gets `typed`, with the weight those
    words have there (showcase/search.py); pages and excerpts are never changed."""

    words: str  # as the pages write them: "Ủy ban nhân dân"
    typed: tuple[str, ...]  # "UBND", "U.B.N.D", "people's committee"
    note: str = ""


@dataclass(frozen=True)
class SiteData:
    """Everything under content/ that is not a model: settings, vocabularies, figures."""

    settings: Settings
    vocabularies: Vocabularies
    figures: tuple[YearFigures, ...]
    replication: Replication | None
    sources: tuple[Source, ...] = ()  # content/sources.yaml, listed on /nguon/
    reform: Reform | None = None
    withdrawn: tuple[Withdrawn, ...] = ()
    synonyms: tuple[Synonym, ...] = ()  # content/synonyms.yaml: for search only
