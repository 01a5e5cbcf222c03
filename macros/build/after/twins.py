"""The Markdown twin of every frame, group and crux page, the glossary and the verdict, and /llms.txt that lists them.

Written after the pages on both engines (the engines empty the site folder when they begin), from the data and the
pages' own Markdown (macros/views/twins.py), never from the built HTML: each twin sits beside its page, at
urls.twin_path (the page's address followed by index.html.md, as llmstxt.org asks).
"""

from __future__ import annotations

from pathlib import Path

from ... import urls
from ...model import SiteData
from ...views.twins import (Entry, TwinPage, SiteFacts, crux_twin, glossary_twin, llms_txt, owner_twin,
                            verdict_twin)


def _page(docs: Path, path: str, dates: dict[str, str | None]) -> TwinPage:
    source = urls.source_of(path, docs)
    text = (docs / source).read_text(encoding="utf-8") if (docs / source).is_file() else ""
    return TwinPage(path, source, text, dates.get(path))


def twins(data: SiteData, docs: Path, site: SiteFacts, dates: dict[str, str | None],
          reported: dict[str, bool]) -> dict[str, str]:
    """Page path -> its twin's Markdown, for every page that has one. `dates`: page path -> when it last changed."""
    made = {}
    for owner in [*data.frames, *data.groups]:
        path = urls.page_of(data, owner)
        made[path] = owner_twin(data, owner, _page(docs, path, dates), site)
    for crux in data.cruxes:
        path = urls.crux_page_path(crux)
        made[path] = crux_twin(data, crux, TwinPage(path, last_changed=dates.get(path)), site, reported)
    made[urls.GLOSSARY] = glossary_twin(data, _page(docs, urls.GLOSSARY, dates), site)
    made[urls.VERDICT] = verdict_twin(data, _page(docs, urls.VERDICT, dates), site)
    return made


def write_twins(data: SiteData, docs: Path, site_dir: Path, site: SiteFacts, dates: dict[str, str | None],
                reported: dict[str, bool]) -> dict[str, Path]:
    """Write every twin beside its page and llms.txt at the site's root; page path -> the twin's file."""
    written = {}
    for path, text in twins(data, docs, site, dates, reported).items():
        target = site_dir / urls.twin_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written[path] = target
    optional = [Entry(urls.EXPORT, urls.absolute(site.url, urls.EXPORT),
                      "the site's data as JSON: every group, frame, crux and typed link, with their addresses"),
                Entry("Sitemap", urls.absolute(site.url, urls.SITEMAP), "every page of the site, with when it last changed")]
    (site_dir / urls.LLMS_TXT).write_text(llms_txt(data, site, optional), encoding="utf-8")
    return written
