"""The anchors a page offers to links: its headings, the ids written in it, and the public anchors its macros make.

A link may name a heading (by its `{ #id }` or, without one, by the slug the toc extension gives it), an id the
page writes itself (`{: #id }`, `<span id="...">`, a footnote), or an anchor of the URL scheme that a macro on
the page makes from the data: a crux row (crux-<id>, old ids included) where a crux table or the explorer lists
it, a frame's or group's section of the explorer (owner-<id>), a glossary entry (term-<id>). The ids that
widgets give their own parts are not addresses, and no page links to them. Which macro makes which anchors is
said here, once; tests/test_page_links.py checks it against the ids of the built pages.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import slugify, unique

from .. import urls
from .page_checks import MACRO_CALL, first_argument, prose_of
from .site import SiteData, iter_cruxes

_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.*?)[ \t]*$", re.M)
_TRAILING_ATTRS = re.compile(r"\s*\{:?[^{}\n]*\}\s*$")
_ATTR_ID = re.compile(r"\{:?[ \t]*(?:[^{}\n]*?[ \t])?#([A-Za-z][\w:.-]*)[^{}\n]*\}")
_HTML_ID = re.compile(r"""<[A-Za-z][^<>]*?\s(?:id|name)\s*=\s*["']?([^"'\s>]+)""")
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
_LINK_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE_MARKUP = re.compile(r"<[^<>]*>|\{\{.*?\}\}|[*_`]")


def heading_slug(text: str) -> str:
    """The id the toc extension gives a heading without an explicit one, before it is made unique."""
    plain = html.unescape(_INLINE_MARKUP.sub("", _LINK_TEXT.sub(r"\1", text)))
    return slugify(plain, "-")


def written_anchors(text: str) -> set[str]:
    """The anchors a page's own Markdown makes: headings, attribute-list and HTML ids, footnotes."""
    prose = prose_of(text)
    found = set(_ATTR_ID.findall(prose)) | set(_HTML_ID.findall(prose))
    used = set(found)
    for heading in _HEADING.finditer(prose):
        words = heading.group(2).rstrip("#").rstrip()
        explicit = _TRAILING_ATTRS.search(words)
        if explicit and _ATTR_ID.search(explicit.group(0)):
            continue  # its id is among the attribute-list ids already
        found.add(unique(heading_slug(words), used))
    for note in _FOOTNOTE.findall(prose):
        found |= {f"fn:{note}", f"fnref:{note}"}
    return found


def listed_cruxes(data: SiteData, owner: str) -> set[str]:
    """The cruxes a frame's or group's crux table lists (its own, nested ones and those it refers to)."""
    return {getattr(item, "ref", None) or item.id for item in iter_cruxes(data.owner(owner).cruxes)}


def crux_anchors(data: SiteData, cruxes: set[str]) -> set[str]:
    """crux-<id> for each of these cruxes, and for the old ids of each."""
    return {urls.crux_anchor(c) for crux in cruxes for c in (crux, *data.cruxes[crux].crux.aliases)}


def macro_anchors(data: SiteData, macro: str, owner: str | None) -> set[str]:
    """The public anchors one macro call makes: `owner` is the frame or group it shows (its argument, or the page's)."""
    if macro == "crux_table" and owner is not None:
        # A referred crux's row has its anchor, but only the row that defines a crux carries its old ids.
        own = {c for c in listed_cruxes(data, owner) if data.cruxes[c].owner == owner}
        return crux_anchors(data, own) | {urls.crux_anchor(c) for c in listed_cruxes(data, owner)}
    if macro == "crux_explorer":
        owners = [*data.frames.values(), *(g for g in data.groups.values() if g.cruxes)]
        return crux_anchors(data, set(data.cruxes)) | {urls.owner_id(o) for owner in owners for o in (owner.id, *owner.aliases)}
    if macro == "glossary":
        return {urls.term_id(term.id) for term in data.glossary.terms}
    return set()


def page_anchors(data: SiteData, text: str, subject: str | None) -> set[str]:
    """Every anchor a link may name on a page: what its Markdown writes and what its macros make."""
    found = written_anchors(text)
    for call in MACRO_CALL.finditer(prose_of(text)):
        named = first_argument(call.group(2))
        owner = named if named in data.frames or named in data.groups else None if named else subject
        found |= macro_anchors(data, call.group(1), owner)
    return found
