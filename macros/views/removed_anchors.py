"""A removed crux's old anchors: on which pages they were, and the notice each of them now shows. Pure: data in, HTML out.

A crux an edition had and the site no longer has (nor as an old id of another) keeps its addresses. Its own page is a
tombstone (edition_pages.tombstone); its anchor, on the page of every frame or group that listed it and in the crux
explorer, is a short notice that says what happened and links to the tombstone. The notice carries the anchor as its
id and is drawn only while it is the address's target (site.css, `.crux-gone`): the browser scrolls to it by itself,
with or without scripts, and a page opened at any other address shows nothing of it and loads nothing more.

The build puts the notices first in the finished article (macros/build/after/page_finish.py), after the engine has
checked the pages' links: a page that still links to a removed crux's anchor is refused, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..model import SiteData
from ..model.editions import Edition, removed_cruxes
from .templates import render


@dataclass(frozen=True)
class RemovedAnchor:
    """A removed crux whose anchor was on a page: its id and the last edition that had it."""

    crux: str
    last_edition: str


def _live_owner(data: SiteData, owner: str) -> str | None:
    """The frame or group an edition's owner id is now (itself, or the one that took its id), or None if gone."""
    if owner in data.frames or owner in data.groups:
        return owner
    return data.owner_aliases.get(owner)


def pages_of(data: SiteData, editions: list[Edition], crux: str) -> set[str]:
    """The page paths that showed a crux's anchor in any edition: the explorer, and each frame's or group's page
    that listed it, at its current address (an old address redirects there and keeps the anchor)."""
    pages = {urls.CRUX_EXPLORER}
    for edition in editions:
        for owner in edition.cruxes.get(crux, {}).get("relied_on_by", []):
            live = _live_owner(data, owner)
            if live is not None:
                pages.add(urls.page_of(data, live))
    return pages


def removed_anchors(data: SiteData, editions: list[Edition]) -> dict[str, list[RemovedAnchor]]:
    """Page path -> the removed cruxes whose anchor that page showed, in id order."""
    found: dict[str, list[RemovedAnchor]] = {}
    for crux in removed_cruxes(data, editions):
        removed = RemovedAnchor(crux, [e.name for e in editions if crux in e.cruxes][-1])
        for page in sorted(pages_of(data, editions, crux)):
            found.setdefault(page, []).append(removed)
    return found


def notices(removed: list[RemovedAnchor], page_path: str) -> str:
    """The notices at a page's old anchors of removed cruxes, as HTML."""
    root = urls.root_prefix(page_path)
    return render("crux_gone.html", removed=[{"crux": r.crux, "edition": r.last_edition,
                                              "href": root + urls.crux_page_path(r.crux)} for r in removed])


def removed_anchor_notices(data: SiteData, editions: list[Edition]) -> dict[str, str]:
    """Page path ('frames/x/', 'cruxes/') -> the notices to put first in its article; no entry for most pages."""
    return {page: notices(removed, page) for page, removed in removed_anchors(data, editions).items()}
