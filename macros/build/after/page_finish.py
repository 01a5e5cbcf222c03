"""Each page the engine wrote, finished: its reading time and glossary terms, the notices at the old anchors of
cruxes taken off the site, then its Content Security Policy.

All happen here, on the finished page, so that they are the same on both engines and read every word of the
page, macro output included. The article is the part of the page between the two marks that
overrides/main.html writes around the theme's content; pages without them (the 404 page, redirect stubs,
edition pages, whose archived words never change) get only the policy. The notices come after the engine has
checked the pages' links (a page may not link to a removed crux), and after the reading time and terms, which
they do not change (macros/views/removed_anchors.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ... import urls
from ...views.glossary_terms import TermMatcher, mark_glossary_terms
from ...views.reading_time import with_reading_time
from .csp import CspError, with_policies

ARTICLE_START = "<!-- article -->"
ARTICLE_END = "<!-- /article -->"


def finished_article(article: str, matcher: TermMatcher, root: str) -> str:
    """An article with its reading time under the title and the first mention of each term in each section marked."""
    return mark_glossary_terms(with_reading_time(article), matcher, root + urls.GLOSSARY)


def finished_page(page: str, path: str, matcher: TermMatcher, first: str = "", serving: bool = False) -> str | None:
    """A built page finished, `first` put at the start of its article; None if it has no <head> to carry the policy.
    `path`: its file, from the site root."""
    start, end = page.find(ARTICLE_START), page.find(ARTICLE_END)
    if 0 <= start < end:
        article = page[start + len(ARTICLE_START):end]
        finished = finished_article(article, matcher, urls.root_prefix(path))
        page = page[:start] + (f"\n{first}" if first else "") + finished + page[end + len(ARTICLE_END):]
    return with_policies(page, serving)


def finish_pages(site: Path, matcher: TermMatcher, first: Mapping[str, str] | None = None, serving: bool = False) -> int:
    """Finish every HTML page of a built site, once each; CspError names the pages that have no head.
    `first`: page path ('frames/x/') -> HTML to put at the start of its article (the notices at removed anchors)."""
    first = first or {}
    headless = []
    count = 0
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        finished = finished_page(file.read_text(encoding="utf-8"), path, matcher,
                                 first.get(path.removesuffix("index.html"), ""), serving)
        if finished is None:
            headless.append(path)
            continue
        file.write_text(finished, encoding="utf-8")
        count += 1
    if headless:
        raise CspError("No <head> to carry the Content Security Policy: " + ", ".join(headless))
    return count
