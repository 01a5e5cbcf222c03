"""The editions' articles: each edition's contents, frames, groups and cruxes as they read then, the list of
editions, and a tombstone at the address of each crux that is gone. Pure: data in, HTML out.

The engine renders the few (the list, each edition's contents, the tombstones) as pages of their own through
macros; the many (every frame, group and crux of every edition) are articles that the build puts into the
page shell the engine rendered (macros/build/after/edition_pages.py), so every one wears the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import urls
from ..model.editions import Edition
from ..model import JOINS, SiteData
from ..model.crux_words import claim_sentence
from .citation import Citation, bibtex, file_downloads, highwire, page_fields, plain_text
from .revisions import crux_history
from .fragments import TAXONOMY_MAX_FRAMES
from .templates import environment


@dataclass(frozen=True)
class Site:
    """What every written page needs to know about the site."""

    name: str
    url: str  # the site's address, '' when unknown (canonical links are then paths from the root)


@dataclass(frozen=True)
class Article:
    """An edition's page as the build fills it into the shell: where, its title and description, its HTML."""

    path: str
    edition: str
    title: str
    description: str
    html: str
    highwire: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Status:
    """What became of an edition's crux: a sentence and a link to where it is now."""

    sentence: str
    href: str
    link_text: str


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


def _render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context).strip() + "\n"


def _links(root: str) -> dict[str, str]:
    """The site's pages an edition's article links to, from its page."""
    return {"root": root, "title_id": urls.TITLE_ID, "css_href": root + urls.EDITION_CSS, "changes_href": root + urls.CHANGES, "explorer_href": root + urls.CRUX_EXPLORER,
            "editions_href": root + urls.EDITIONS}


def _cite(site: Site, title: str, path: str, edition: Edition) -> dict[str, Any]:
    url = urls.absolute(site.url, path)
    name = f"{site.name}, edition {edition.name}"
    fields = page_fields(title, url, path, name, edition.date)
    return dict(citation=Citation(plain_text(fields), bibtex(fields)), downloads=file_downloads(fields),
                highwire={**highwire(fields), "citation_public_url": url})


def edition_taxonomy(edition: Edition, root: str, current: str | None = None) -> str:
    """The groups and frames as the edition had them, each linking to its page in the edition."""
    def href(oid: str) -> str:
        return root + urls.edition_owner_path(edition.name, oid, edition.owners[oid]["kind"] == "group")

    # Cut short as the site's taxonomy is (TAXONOMY_MAX_FRAMES), the page's own frame always listed: a page of an
    # edition of a thousand frames would otherwise carry a thousand links, and the build write each page's whole list.
    groups = []
    for g in edition.document["groups"]:
        shown = g["frames"][:TAXONOMY_MAX_FRAMES] + ([current] if current in g["frames"][TAXONOMY_MAX_FRAMES:] else [])
        groups.append({"id": g["id"], "title": g["title"], "href": href(g["id"]), "total": len(g["frames"]),
                       "frames": [{"id": f, "title": edition.owners[f]["title"], "href": href(f)} for f in shown]})
    return _render("editions/taxonomy.html", edition=edition, groups=groups, current=current)


def crux_article(data: SiteData, editions: list[Edition], edition: Edition, crux: str, site: Site) -> Article:
    """A crux as the edition gives it."""
    path = urls.edition_crux_path(edition.name, crux)
    root = urls.root_prefix(path)
    numbers = edition.numbers
    entry = edition.cruxes[crux]
    number, owner_id = numbers[crux]
    owner = edition.owners[owner_id]
    title = f"{owner['title']}, {'general crux' if owner['kind'] == 'group' else 'crux'} {number}"

    def crux_link(cid: str) -> dict[str, str]:
        return {"href": root + urls.edition_crux_path(edition.name, cid), "number": numbers[cid][0],
                "text": edition.cruxes[cid]["text"]}

    def owner_href(oid: str) -> str:
        return root + urls.edition_owner_path(edition.name, oid, edition.owners[oid]["kind"] == "group")

    first, last = crux_history(editions, crux)
    cite = _cite(site, title, path, edition)
    html = _render(
        "editions/crux.html", **_links(root), citation=cite["citation"], downloads=cite["downloads"], heading=title,
        edition=edition, crux=entry, number=number, owner=owner, owner_href=owner_href(owner_id),
        parent=crux_link(entry["parent"]) if entry["parent"] else None,
        children=[crux_link(c) for c in entry["children"]],
        join=JOINS[entry["join"]].heading if entry["join"] else "Nested cruxes",
        users=[{"href": owner_href(u), "title": edition.owners[u]["title"]} for u in entry["relied_on_by"]],
        status=crux_status(data, edition, crux, root), history={"first": first, "last": last},
        taxonomy=edition_taxonomy(edition, root, owner_id))
    # Its title and citation stay as the edition had them (numbers do not move within an edition); its description is
    # the edition's words made complete sentences, so a link preview never ends on "because".
    description = claim_sentence(entry["text"], len(entry["children"]))
    return Article(path, edition.name, f"{title} (edition {edition.name})", description, html, cite["highwire"])


def owner_article(data: SiteData, edition: Edition, owner_id: str, site: Site) -> Article:
    """A frame or group as the edition gives it, with its cruxes."""
    owner = edition.owners[owner_id]
    is_group = owner["kind"] == "group"
    path = urls.edition_owner_path(edition.name, owner_id, is_group)
    root = urls.root_prefix(path)
    numbers = edition.numbers

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
    html = _render("editions/owner.html", **_links(root), heading=owner["title"], edition=edition,
                   kind="group" if is_group else "frame", owner=owner, items=items(owner["cruxes"], ""),
                   current_href=current_href, current_text=current_text, citation=cite.get("citation"),
                   downloads=cite.get("downloads", []), numbers=numbers,
                   taxonomy=edition_taxonomy(edition, root, owner_id))
    return Article(path, edition.name, f"{owner['title']} (edition {edition.name})", owner["thesis"], html, cite.get("highwire", {}))


def edition_articles(data: SiteData, editions: list[Edition], site: Site) -> list[Article]:
    """Every frame, group and crux of every edition, as the build fills them into the page shell."""
    articles = []
    for edition in editions:
        articles += [owner_article(data, edition, owner_id, site) for owner_id in edition.owners]
        articles += [crux_article(data, editions, edition, crux, site) for crux in edition.cruxes]
    return articles


def contents(edition: Edition, root: str) -> str:
    """An edition's contents: its groups and frames, each with its count of cruxes (the page /editions/<name>/)."""
    owners = []
    for owner in edition.owners.values():
        count = sum(1 for c in edition.cruxes.values() if c["defined_in"] == owner["id"])
        owners.append({"href": root + urls.edition_owner_path(edition.name, owner["id"], owner["kind"] == "group"),
                       "title": owner["title"], "kind": owner["kind"], "count": count})
    return _render("editions/contents.html", **_links(root), edition=edition, owners=owners,
                   taxonomy=edition_taxonomy(edition, root))


def edition_list(editions: list[Edition], root: str) -> str:
    """Every edition, newest first (the page /editions/)."""
    listed = [{"href": root + urls.edition_path(e.name), "name": e.name, "date": e.date} for e in reversed(editions)]
    return _render("editions/list.html", **_links(root), listed=listed)


def tombstone(data: SiteData, editions: list[Edition], crux: str, root: str) -> str:
    """What a removed crux's address shows: what became of it, its last words, the edition to cite."""
    last = [e for e in editions if crux in e.cruxes][-1]
    entry = last.cruxes[crux]
    reasons = {retired.id: retired.reason for retired in data.frames_file.retired_cruxes}
    reason = reasons.get(crux) or "The site's data records no reason and no crux that took it over."
    return _render("editions/tombstone.html", **_links(root), last=last, text=entry["text"],
                   owner_title=last.owners[entry["defined_in"]]["title"],
                   last_href=root + urls.edition_crux_path(last.name, crux),
                   what_happened=f"It was taken off the site after edition {last.name}. {reason}")
