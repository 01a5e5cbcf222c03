"""Writes the editions' pages into a built site (called by macros/postbuild.py), whichever engine built it."""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import urls
from .model.editions import read_editions
from .model import SiteData
from .views.changes import atom_feed, changes_page
from .views.edition_pages import Site, edition_site_pages, tombstones

_SITE_NAME = re.compile(r'<meta property="og:site_name" content="([^"]*)"')


def site_name_of(site: Path) -> str:
    """The site's name as its built home page gives it (both engines write it from mkdocs.yml)."""
    found = _SITE_NAME.search((site / "index.html").read_text(encoding="utf-8"))
    return html.unescape(found.group(1)) if found else ""


def write_edition_pages(data: SiteData, site: Path, site_url: str, project: Path) -> list[str]:
    """Write every edition's pages, the list of editions, the tombstones, the changes page and its Atom feed; the paths written."""
    editions = read_editions(project)  # EditionError: postbuild reports it as the build's error
    about = Site(site_name_of(site), site_url, data.source.authors, data.source.year)
    pages = edition_site_pages(data, editions, about)
    # A tombstone never covers a page or a redirect stub: a crux that is back, or an old id of one, is served.
    pages.update({path: text for path, text in tombstones(data, editions, about).items()
                  if not (site / path / "index.html").exists()})
    pages[urls.CHANGES] = changes_page(data, editions, about)
    for path, text in pages.items():
        target = site / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (site / urls.FEED).write_text(atom_feed(data, editions, about), encoding="utf-8")
    return sorted([*pages, urls.FEED])
