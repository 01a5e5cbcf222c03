"""The 404 page's taxonomy: the theme renders the page, which answers any address, so its links start at the site's path."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from ...model import SiteData
from ...views.fragments import taxonomy

# Where overrides/404.html wants the taxonomy; the theme's template cannot call the macros.
TAXONOMY_PLACE = "<!-- taxonomy -->"
PAGE = "404.html"


def write_not_found_taxonomy(site: Path, data: SiteData, site_url: str) -> None:
    """Put the taxonomy into the built 404 page, its links from the site's root path ('/frames/')."""
    page = site / PAGE
    if page.is_file():
        root = urlsplit(site_url).path or "/"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(TAXONOMY_PLACE, taxonomy(data, root if root.endswith("/") else root + "/")), encoding="utf-8")
