"""The pages of the editions (macros/editions.py): each edition's contents, frames, groups and cruxes as they read
then, the list of editions, and a tombstone at the address of each crux that is gone. Pure: path -> HTML."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import urls
from ..model.editions import Edition
from ..model import JOINS, SiteData
from .citation import cite_page, downloads, highwire_meta
from .revisions import crux_history
from .templates import environment


# The generator named in the head of the pages written after the build, so tools can tell them from the engine's.
GENERATOR = "macros/postbuild.py"


@dataclass(frozen=True)
class Site:
    """What every written page needs to know about the site."""

    name: str
    url: str  # the site's address, '' when unknown (canonical links are then paths from the root)
    source_authors: str
    source_year: int


@dataclass(frozen=True)
class Status:
    """What became of an edition's crux: a sentence and a link to where it is now."""

    sentence: str
    href: str
    link_text: str


def edition_numbers(edition: Edition) -> dict[str, tuple[str, str]]:
    """Crux id -> (number in its defining frame's or group's list, that owner's id), as the edition numbered them."""
    numbers: dict[str, tuple[str, str]] = {}

    def walk(owner: str, ids: list[str], prefix: str) -> None:
        for i, cid in enumerate(ids, 1):
            crux = edition.cruxes[cid]
            if crux["defined_in"] == owner and cid not in numbers:
                numbers[cid] = (f"{prefix}{i}", owner)
                walk(owner, crux["children"], f"{prefix}{i}.")

    for owner in edition.owners.values():
        walk(owner["id"], owner["cruxes"], "")
    return numbers


def crux_status(data: SiteData, edition: Edition, crux: str, root: str) -> Status:
    """What became of an edition's crux on the current site."""
    then = edition.cruxes[crux]["text"]
    if crux in data.cruxes:
        href = root + urls.crux_page_path(crux)
        if data.cruxes[crux].crux.text == then:
            return Status("Its words are unchanged on the current site.", href, "Read the current version")
        return Status("It has been reworded since.", href, "Read the current version")
    if crux in data.crux_aliases:
        live = data.crux_aliases[crux]
        return Status(f"Its id now leads to another crux, which took it over: {data.cruxes[live].crux.text}",
                      root + urls.crux_page_path(live), "Read that crux")
    return Status("It has since been taken off the site.", root + urls.crux_page_path(crux), "What happened to it")


def _render(template: str, *parts: dict[str, Any], **context: Any) -> str:
    """A whole page from a partial; later parts and the keywords win over earlier ones."""
    merged: dict[str, Any] = {}
    for part in (*parts, context):
        merged.update(part)
    return environment().get_template(template).render(**merged).strip() + "\n"


def _common(site: Site, path: str, title: str, description: str) -> dict[str, Any]:
    root = urls.root_prefix(path)
    return dict(site_name=site.name, title=title, description=description, canonical=urls.absolute(site.url, path),
                root=root, css=urls.EDITION_CSS, feed=urls.FEED, editions=urls.EDITIONS, changes=urls.CHANGES,
                explorer=urls.CRUX_EXPLORER, source_authors=site.source_authors, source_year=site.source_year,
                highwire=[], heading=None, generator=GENERATOR)


def _cite(site: Site, title: str, path: str, edition: Edition) -> dict[str, Any]:
    url = urls.absolute(site.url, path)
    name = f"{site.name}, edition {edition.name}"
    return dict(citation=cite_page(title, url, path, name, edition.date),
                downloads=downloads(title, url, path, name, edition.date),
                highwire=list(highwire_meta(title, name, edition.date).items()) + [("citation_public_url", url)])


def crux_page(data: SiteData, editions: list[Edition], edition: Edition, crux: str, site: Site) -> str:
    """A crux as the edition gives it."""
    path = urls.edition_crux_path(edition.name, crux)
    numbers = edition_numbers(edition)
    entry = edition.cruxes[crux]
    number, owner_id = numbers[crux]
    owner = edition.owners[owner_id]
    title = f"{owner['title']}, {'general crux' if owner['kind'] == 'group' else 'crux'} {number}"
    common = _common(site, path, f"{title} (edition {edition.name})", entry["text"])
    root = common["root"]

    def crux_link(cid: str) -> dict[str, str]:
        return {"href": root + urls.edition_crux_path(edition.name, cid), "number": numbers[cid][0],
                "text": edition.cruxes[cid]["text"]}

    def owner_href(oid: str) -> str:
        return root + urls.edition_owner_path(edition.name, oid, edition.owners[oid]["kind"] == "group")

    first, last = crux_history(editions, crux)
    return _render(
        "editions/crux.html", common, _cite(site, title, path, edition), heading=title,
        edition=edition, crux=entry, number=number, owner=owner, owner_href=owner_href(owner_id),
        parent=crux_link(entry["parent"]) if entry["parent"] else None,
        children=[crux_link(c) for c in entry["children"]],
        join=JOINS[entry["join"]].heading if entry["join"] else "Nested cruxes",
        users=[{"href": owner_href(u), "title": edition.owners[u]["title"]} for u in entry["relied_on_by"]],
        status=crux_status(data, edition, crux, root), history={"first": first, "last": last},
    )


def owner_page(data: SiteData, edition: Edition, owner_id: str, site: Site) -> str:
    """A frame or group as the edition gives it, with its cruxes."""
    owner = edition.owners[owner_id]
    is_group = owner["kind"] == "group"
    path = urls.edition_owner_path(edition.name, owner_id, is_group)
    common = _common(site, path, f"{owner['title']} (edition {edition.name})", owner["thesis"])
    root = common["root"]
    numbers = edition_numbers(edition)

    def items(ids: list[str], prefix: str) -> list[dict[str, Any]]:
        found = []
        for i, cid in enumerate(ids, 1):
            crux = edition.cruxes[cid]
            ref = crux["defined_in"] != owner_id
            found.append({"href": root + urls.edition_crux_path(edition.name, cid), "number": f"{prefix}{i}",
                          "text": crux["text"], "ref": ref,
                          "defined_in": edition.owners[crux["defined_in"]]["title"] if ref else "",
                          "children": [] if ref else items(crux["children"], f"{prefix}{i}.")})
        return found

    live = owner_id if owner_id in data.frames or owner_id in data.groups else data.owner_aliases.get(owner_id)
    current_href = root + (urls.page_of(data, live) if live else "")
    current_text = f"Read the current version of {data.owner(live).title}" if live else \
        f"{owner['title']} is no longer on the site: read the current version of the site"
    cite = {} if is_group else _cite(site, owner["title"], path, edition)
    return _render("editions/owner.html", common, cite, heading=owner["title"], edition=edition,
                   kind="group" if is_group else "frame", owner=owner, items=items(owner["cruxes"], ""),
                   current_href=current_href, current_text=current_text, citation=cite.get("citation"),
                   downloads=cite.get("downloads", []))


def contents_page(edition: Edition | None, editions: list[Edition], site: Site) -> str:
    """An edition's contents, or (edition None) the list of every edition."""
    path = urls.edition_path(edition.name) if edition else urls.EDITIONS
    title = f"Edition {edition.name}" if edition else "Editions"
    common = _common(site, path, title, f"The content as it read in edition {edition.name}." if edition
                      else "Every edition of the content, each kept unchanged at its own addresses.")
    root = common["root"]
    owners = []
    if edition:
        for owner in edition.owners.values():
            count = sum(1 for c in edition.cruxes.values() if c["defined_in"] == owner["id"])
            owners.append({"href": root + urls.edition_owner_path(edition.name, owner["id"], owner["kind"] == "group"),
                           "title": owner["title"], "kind": owner["kind"], "count": count})
    listed = [{"href": root + urls.edition_path(e.name), "name": e.name, "date": e.date} for e in reversed(editions)]
    return _render("editions/contents.html", common, edition=edition, owners=owners, listed=listed)


def tombstone(editions: list[Edition], crux: str, site: Site, reason: str | None = None) -> str:
    """The page at a removed crux's address: what became of it, its last words, the edition to cite."""
    last = [e for e in editions if crux in e.cruxes][-1]
    entry = last.cruxes[crux]
    path = urls.crux_page_path(crux)
    common = _common(site, path, f"Removed crux: {crux}", entry["text"])
    owner = last.owners[entry["defined_in"]]["title"]
    return _render("editions/tombstone.html", common, last=last, text=entry["text"], owner_title=owner,
                   last_href=common["root"] + urls.edition_crux_path(last.name, crux),
                   what_happened=f"It was taken off the site after edition {last.name}. " +
                                 (reason or "The site's data records no reason and no crux that took it over."))


def edition_site_pages(data: SiteData, editions: list[Edition], site: Site) -> dict[str, str]:
    """Every page the editions add, by site-relative path: contents, frames, groups, cruxes, and the list."""
    pages = {urls.EDITIONS: contents_page(None, editions, site)}
    for edition in editions:
        pages[urls.edition_path(edition.name)] = contents_page(edition, editions, site)
        for owner_id, owner in edition.owners.items():
            pages[urls.edition_owner_path(edition.name, owner_id, owner["kind"] == "group")] = owner_page(data, edition, owner_id, site)
        for crux in edition.cruxes:
            pages[urls.edition_crux_path(edition.name, crux)] = crux_page(data, editions, edition, crux, site)
    return pages


def tombstones(data: SiteData, editions: list[Edition], site: Site) -> dict[str, str]:
    """A page at the address of every crux an edition had that is neither on the site nor an old id of one."""
    gone = {c for e in editions for c in e.cruxes} - set(data.cruxes) - set(data.crux_aliases)
    reasons = {retired.id: retired.reason for retired in data.frames_file.retired_cruxes}
    return {urls.crux_page_path(crux): tombstone(editions, crux, site, reasons.get(crux)) for crux in sorted(gone)}
