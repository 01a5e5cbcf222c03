"""One build, top to bottom: what happens before the pages, for each page, and after them.

Both engines follow this timeline; their glue (macros/engines/) only says when each step runs.

    before the pages   start(): load and check the data, editions and git dates once (the Build)
                       before_pages(): write the pages the data makes (crux pages, tombstones, editions,
                       the page shell), so the engine lists them like any page
                       nav_entries(): a frame filed in a second group, listed in that group's section too
    for each page      the macros (macros/engines/macros_env.py) ask macros/build/page.py for the page's
                       metadata and its closing blocks, and macros/views/ for everything else
    after the pages    after_pages(): redirect stubs, the editions' filled pages and feed, /frames.json, the
                       sitemap and robots.txt, the 404 page's taxonomy, minified assets, each page finished (reading time, glossary
                       terms, a notice at each old anchor of a crux taken off, Content Security Policy), then the search
                       index over the finished pages
"""

from __future__ import annotations

import json

from .. import urls
from ..model.editions import EditionError
from ..model.export import frames_document, redirects
from ..views.edition_pages import Site
from ..views.removed_anchors import removed_anchor_notices
from .after.assets import minify_own_assets
from .after.csp import CspError
from .after.edition_pages import ShellError, write_edition_pages
from .after.not_found import write_not_found_taxonomy
from .after.page_finish import finish_pages
from .after.redirects import write_redirects
from .after.search import SearchIndexError, index_site
from .after.sitemap import write_sitemap
from .context import Build, Settings, begin, end
from .generated_pages import write_generated_pages
from .git_dates import page_last_changed
from .nav import SecondEntry, second_entries


class AfterPagesError(Exception):
    """A step after the pages could not finish the site; the message says which and why."""


# ---------------------------------------------------------------- before the pages


def start(settings: Settings) -> Build:
    """Begin a build: its data, editions and dates, loaded and checked once (DataError lists every problem)."""
    return begin(settings)


def before_pages(build: Build) -> list[str]:
    """Write the Markdown of the pages the data makes; the files changed."""
    return write_generated_pages(build.data, build.editions, build.settings.docs)


def nav_entries(build: Build) -> list[SecondEntry]:
    """The nav's second entries: a frame also filed in another group, as a link in that group's section."""
    return second_entries(build.data)


# ---------------------------------------------------------------- after the pages


def after_pages(build: Build) -> None:
    """Everything the build adds to the written site, in order; AfterPagesError says what failed."""
    try:
        _after_pages(build)
    finally:
        end(build)


def _after_pages(build: Build) -> None:
    settings, data = build.settings, build.data
    site = settings.site
    problems = write_redirects(site, redirects(data), settings.site_url)
    if problems:
        raise AfterPagesError("Cannot keep the old addresses of data/frames.yml:\n" + "\n".join(problems))
    try:
        filled = write_edition_pages(data, build.editions, site, Site(settings.site_name, settings.site_url))
    except (EditionError, ShellError) as exc:
        raise AfterPagesError(str(exc)) from None
    document = frames_document(data, settings.site_url)
    (site / urls.EXPORT).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_sitemap(site, settings.site_url, {**engine_pages(build), **filled})
    write_not_found_taxonomy(site, data, settings.site_url)
    minify_own_assets(settings.docs, site)
    try:
        finish_pages(site, build.matcher, removed_anchor_notices(data, build.editions), settings.serving)
        # Last, so that the index covers the finished pages (stubs carry no data-pagefind-body: not indexed).
        index_site(data, site)
    except (CspError, SearchIndexError) as exc:
        raise AfterPagesError(str(exc)) from None


def engine_pages(build: Build) -> dict[str, str | None]:
    """Every page the engine wrote from docs/ (the page shell aside), by path -> the date its words last changed."""
    docs = build.settings.docs
    pages = {}
    for source in sorted(docs.rglob("*.md")):
        src = source.relative_to(docs).as_posix()
        path = urls.source_page_path(src)
        if not path.startswith(urls.EDITION_SHELL_FOLDER):
            tracked = (docs.relative_to(build.settings.root) / src).as_posix()
            pages[path] = page_last_changed(build.dates, tracked if tracked in build.dates else None, calls_macros=True)
    return pages
