"""What a page shows when its link is shared (og:image): a model's first photo, or a drawn card.

Every page that can be shared gets a picture: model pages with a photo use its 1200×630 rendition,
model pages without one their field's card; every other page gets a card (showcase/cards.py) with
its title. Pages that only point elsewhere
(redirects) get none; a listing's later pages and the pages readers are not meant to share
(not found, withdrawn) reuse a card drawn once for another page.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import images, urls
from .pages import Page, PageKind
from .site_model import Site

CARD = "chia-se.png"  # a page's card, beside its index.html


@dataclass(frozen=True)
class Share:
    image: str  # site path of the picture
    alt: str
    width: int = 1200
    height: int = 630
    card: tuple[str, str] | None = None  # (title, detail) to draw at image: only on the page that owns the card


def share_for(site: Site, page: Page) -> Share | None:
    """The sharing picture of a page, and the card this page must draw, if any."""
    settings = site.data.settings
    home = Share(f"/{CARD}", f"{settings.title}")
    if page.kind is PageKind.REDIRECT:
        return None
    if page.kind is PageKind.MODEL:
        model = site.models[page.args[0]]
        photo = next((image for image in model.images + model.body_images if image.processed), None)
        if photo is not None:
            return Share(
                urls.image_url(model.slug, images.rendition_name(photo.name, photo.processed.share)), photo.alt
            )
        # Without a photo, the card of the model's field: a preview shows the page's title beside the
        # picture anyway, and a card per model (~9 ms to draw) would cost 90 s of CPU at 10,000 models.
        facet = site.facets[0]
        field = facet.term_of(model)
        if field is None:
            return home
        return Share(f"{facet.term_url(field)}{CARD}", f"{facet.heading(field)} – {settings.title}")
    if page.kind is PageKind.TERM:
        attribute, term_id, number = page.args
        facet = site.facet(attribute)
        first = facet.term_url(facet.term(term_id))
        card = _card(first, facet.heading(facet.term(term_id)), "", settings.title)
        return card if number == 1 else Share(card.image, card.alt)
    if page.kind is PageKind.FACET_INDEX:
        facet = site.facet(page.args[0])
        return _card(page.url, facet.definition.title, "", settings.title)
    titles = {
        PageKind.HOME: settings.description,
        PageKind.SEARCH: "Tìm kiếm mô hình",
        PageKind.SOURCES: "Nguồn tư liệu",
        PageKind.REPLICATION: site.data.replication.title if site.data.replication else "",
    }
    if page.kind in titles:
        return _card(page.url, titles[page.kind], "", settings.title)
    return home  # not found, withdrawn: the home page's card


def card_of(site: Site, page: Page) -> tuple[str, tuple[str, str]] | None:
    """(site path, (title, detail)) of the share card this page draws beside itself, if it owns one.
    Model pages and redirects never do (a model page shares its photo or its field's card): answered
    without share_for, which a build after one edit would call for each of 10,000 kept model pages."""
    if page.kind is PageKind.MODEL or page.kind is PageKind.REDIRECT:
        return None
    share = share_for(site, page)
    return (share.image, share.card) if share is not None and share.card is not None else None


def _card(page_url: str, title: str, detail: str, site_name: str) -> Share:
    return Share(f"{page_url}{CARD}", f"{title} – {site_name}", card=(title, detail))
