"""Every frame, group and crux of every edition, filled into the page shell the engine rendered, and the changes' feed.

The engine renders the shell (macros/build/generated_pages.py) with the site's header, navigation, search,
palette and footer, as deep in the site as an edition's pages, so its relative links work from theirs; each
page is that shell with the edition's article in place of the shell's, and its own title, description,
address and citation meta. Thousands of pages cost a string replacement each, not an engine page each.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from ... import urls
from ...model import SiteData
from ...model.editions import Edition
from ...views.changes import atom_feed
from ...views.edition_pages import Article, Site, edition_articles
from ...views.reading_time import with_reading_time
from ...views.structured_data import edition_graph, script_element
from ...views.twins import SiteFacts
from ..generated_pages import SHELL_DESCRIPTION, SHELL_TITLE
from .page_finish import ARTICLE_END, ARTICLE_START


class ShellError(Exception):
    """The engine's shell page lacks what filling it needs; the message says what."""


def filled(shell: str, shell_url: str, article: Article, site_url: str) -> str:
    """The shell with the article in place of its own, and the article's title, description, address and meta."""
    start, end = shell.find(ARTICLE_START), shell.find(ARTICLE_END)
    if start < 0 or end < 0:
        raise ShellError(f"the page shell /{urls.EDITION_SHELL} has no {ARTICLE_START} ... {ARTICLE_END} "
                         "(overrides/main.html marks the article)")
    page = shell[:start] + with_reading_time(article.html) + shell[end + len(ARTICLE_END):]
    if shell_url:
        page = page.replace(shell_url, urls.absolute(site_url, article.path))
    page = page.replace(SHELL_TITLE, html.escape(article.title)).replace(SHELL_DESCRIPTION, html.escape(article.description))
    meta = "".join(f'<meta name="{name}" content="{html.escape(value)}">\n' for name, value in article.highwire.items())
    return page.replace("</head>", meta + "</head>", 1)


def write_edition_pages(data: SiteData, editions: list[Edition], site: Path, about: Site) -> dict[str, str]:
    """Fill every edition's page into the shell, write the feed, remove the shell; each path written -> its edition's date."""
    written = {}
    dates = {edition.name: edition.date for edition in editions}
    shell_file = site / urls.EDITION_SHELL / "index.html"
    if editions:
        if not shell_file.is_file():
            raise ShellError(f"the engine wrote no page shell at /{urls.EDITION_SHELL}: the generated pages were not written first")
        shell = shell_file.read_text(encoding="utf-8")
        shell_url = urls.absolute(about.url, urls.EDITION_SHELL) if about.url else ""
        for article in edition_articles(data, editions, about):
            target = site / article.path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            # Its structured data: the shell has none of its own (macros/build/page.py).
            graph = edition_graph(SiteFacts(about.name, about.url, ""), data, article.path, article.title,
                                  article.description, article.edition)
            page = filled(shell, shell_url, article, about.url).replace("</head>", script_element(graph) + "\n</head>", 1)
            target.write_text(page, encoding="utf-8")
            written[article.path] = dates[article.edition]
        shutil.rmtree(site / urls.EDITION_SHELL_FOLDER)
    (site / urls.FEED).parent.mkdir(parents=True, exist_ok=True)
    (site / urls.FEED).write_text(atom_feed(data, editions, about), encoding="utf-8")
    return written
