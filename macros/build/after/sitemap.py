"""The sitemap of every canonical page (the engine's pages and the editions' filled ones, no redirect stubs) and robots.txt.

Written from what the build knows, not read from either engine's own sitemap: MkDocs lists only its pages,
and the two engines would otherwise list different sets.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.etree import ElementTree

from ... import urls

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(site_url: str, pages: dict[str, str | None]) -> str:
    """A sitemap of pages (path from the site root -> last-changed date or None), in path order."""
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for path in sorted(pages):
        entry = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(entry, "loc").text = urls.absolute(site_url, path)
        if pages[path]:
            ElementTree.SubElement(entry, "lastmod").text = pages[path]
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap says where they are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(site_url, urls.SITEMAP)}\n"


def write_sitemap(site: Path, site_url: str, pages: dict[str, str | None]) -> None:
    """Write sitemap.xml, its gzip copy (which MkDocs also writes) and robots.txt into the built site."""
    text = sitemap_xml(site_url, pages)
    (site / urls.SITEMAP).write_text(text, encoding="utf-8")
    # mtime=0: two builds of one commit write the same bytes.
    (site / f"{urls.SITEMAP}.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    (site / urls.ROBOTS).write_text(robots_txt(site_url), encoding="utf-8")
