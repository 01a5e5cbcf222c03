"""The site's public addresses: the committed manifest (data/addresses.txt) and what a built site serves.

A public address is a page (/frames/<id>/), the data export (/frames.json), or an anchor on a page
that people link to: an explicit heading id written in the page's Markdown (`## Title { #id }`, h2 to
h6), a crux (crux-<id>, old ids included), a glossary term (term-<id>) or a frame's or group's section
of the crux explorer (owner-<id>, old ids included). Other ids that generated widgets give their own
headings are not promised. An address is served by its page, by an id on that page, or by a redirect stub
that leads to a page with that id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import urls
from ..model import SiteData

MANIFEST_HEADER = """\
# Every public address of the site, one a line: a page (/path/) or an anchor on it (/path/#id).
# tests/test_links.py fails when a build no longer serves one of them, and names it.
# Add an address: add its line (`python -m macros.cli addresses --add` adds every new one).
# Rename a frame, group or crux: keep the old id in its `aliases` in data/frames.yml, and keep its line.
# Remove a line only when the address is meant to disappear, and say why in the pull request.
"""
EXTRA_FILES = (urls.EXPORT, urls.FEED, urls.LLMS_TXT)
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
_ID = re.compile(r'\bid="([^"]+)"')
_EXPLICIT_ID = re.compile(r"^#{2,6}\s.*\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ServedPage:
    """What one address of a built site offers: the ids on the page, or the page it redirects to."""

    ids: frozenset[str]
    anchors: tuple[str, ...]  # the public ones among the ids, in page order
    redirect: str | None


@dataclass(frozen=True)
class PublicAnchors:
    """The ids that count as public addresses: the data's anchors on any page, explicit ids by page."""

    from_data: frozenset[str]
    by_page: dict[str, frozenset[str]]

    def on(self, address: str) -> frozenset[str]:
        return self.from_data | self.by_page.get(address, frozenset())


def public_anchors(data: SiteData, docs_dir: Path) -> PublicAnchors:
    """crux-<id> for every crux id and old id, term-<id> for every term, owner-<id> for every frame and
    group id and old id, and each page's explicit heading ids."""
    cruxes = [*data.cruxes, *data.crux_aliases]
    owners = [*data.frames, *data.groups, *data.owner_aliases]
    from_data = frozenset([*map(urls.crux_anchor, cruxes), *(urls.term_id(t.id) for t in data.glossary.terms),
                           *map(urls.owner_id, owners)])
    by_page = {}
    for source in docs_dir.rglob("*.md"):
        address = "/" + urls.source_page_path(source.relative_to(docs_dir).as_posix())
        by_page[address] = frozenset(_EXPLICIT_ID.findall(source.read_text(encoding="utf-8")))
    return PublicAnchors(from_data, by_page)


def read_site(site: Path, public: PublicAnchors) -> dict[str, ServedPage]:
    """Every page of a built site by address ('/frames/x/'), plus the extra files it publishes."""
    pages: dict[str, ServedPage] = {}
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        address = "/" + relative.removesuffix("index.html")
        text = html.read_text(encoding="utf-8")
        refresh = _REFRESH.search(text)
        redirect = urlsplit(urljoin("https://site" + address, refresh.group(1))).path if refresh else None
        ids = _ID.findall(text)
        promised = public.on(address)
        anchors = tuple(dict.fromkeys(i for i in ids if i in promised))
        pages[address] = ServedPage(frozenset(ids), anchors, redirect)
    for name in EXTRA_FILES:
        if (site / name).is_file():
            pages["/" + name] = ServedPage(frozenset(), (), None)
    return pages


def is_served(address: str, pages: dict[str, ServedPage]) -> bool:
    """Whether the page (after any redirects) exists and carries the anchor, if the address has one."""
    path, _, anchor = address.partition("#")
    followed: set[str] = set()
    while path in pages and pages[path].redirect and path not in followed:
        followed.add(path)
        path = pages[path].redirect
    return path in pages and (not anchor or anchor in pages[path].ids)


def public_addresses(pages: dict[str, ServedPage]) -> list[str]:
    """Every page that is not a redirect stub, and every public anchor on it."""
    found = []
    for address, page in pages.items():
        if page.redirect is None:
            found += [address, *(f"{address}#{anchor}" for anchor in page.anchors)]
    return sort_addresses(found)


def sort_addresses(addresses) -> list[str]:
    """Pages in path order, each followed by its anchors."""
    return sorted(set(addresses), key=lambda a: (a.partition("#")[0], a.partition("#")[2]))


def read_manifest(path: Path) -> list[str]:
    """The addresses listed in the manifest (comments and blank lines skipped)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def write_manifest(path: Path, addresses) -> None:
    """Write the manifest with its header and the addresses sorted."""
    path.write_text(MANIFEST_HEADER + "\n" + "".join(f"{a}\n" for a in sort_addresses(addresses)), encoding="utf-8")


def lost_addresses(manifest: list[str], pages: dict[str, ServedPage]) -> list[str]:
    """Listed addresses that the build no longer serves."""
    return [address for address in manifest if not is_served(address, pages)]


def unlisted_addresses(manifest: list[str], pages: dict[str, ServedPage]) -> list[str]:
    """Public addresses the build serves that the manifest does not list yet."""
    listed = set(manifest)
    return [address for address in public_addresses(pages) if address not in listed]
