"""The Markdown files of the crux pages (docs/cruxes/<id>.md), written from the data before each build.

Both engines build pages only from files in docs/, and Zensical has no hook to add pages, so the files
are written to disk: by MkDocs' pre-build hook, and by `python -m macros.cli crux-pages` before a
Zensical build. They are generated (git ignores them): a new crux gets its page at the next build, and
the page of a crux that is gone is removed. Only files that change are rewritten, so `mkdocs serve`
does not rebuild for nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import urls
from .model import SiteData
from .views.crux_page import crux_title
from .views.crux_tree import crux_numbers

# The first line of every generated file: a file without it is someone's own page, never removed.
MARK = "<!-- Written by macros/crux_pages.py from data/frames.yml at each build: edit the data, not this file. -->"
# How the pages that report the discussion under the post mark it (CONTRIBUTING.md, "Own words and citations").
DISCUSSION_BOX = '!!! quote "From the discussion under the post"'


def stub(title: str, crux: str) -> str:
    """The Markdown of one crux's page: its title, and the macros that fill it."""
    # json.dumps gives a double-quoted string that YAML reads back as it was.
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ncrux: {crux}\n---\n{MARK}\n\n"
            f"# {title}\n\n{{{{ crux_page() }}}}\n\n{{{{ page_end() }}}}\n")


def write_crux_pages(data: SiteData, docs: Path) -> list[str]:
    """Write docs/cruxes/<id>.md for every crux, remove the generated ones of cruxes that are gone; the files changed."""
    numbers = crux_numbers(data)
    wanted = {docs / urls.crux_page_source(crux): stub(crux_title(data, crux, numbers), crux) for crux in data.cruxes}
    changed = []
    folder = docs / urls.CRUX_PAGES
    for old in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if old not in wanted and old.read_text(encoding="utf-8").partition("\n---\n")[2].startswith(MARK):
            old.unlink()
            changed.append(old.relative_to(docs).as_posix())
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path.relative_to(docs).as_posix())
    return changed


def discussion_reports(data: SiteData, docs: Path) -> dict[str, bool]:
    """Frame or group id -> whether its page has a 'Critiques and replies' section, for the pages that report the discussion."""
    # Asked by every crux page: the pages are read again only when one changed.
    sources = [docs / urls.source_of(urls.page_of(data, owner), docs) for owner in [*data.groups, *data.frames]]
    mtimes = tuple(p.stat().st_mtime_ns if p.is_file() else None for p in sources)
    if _reports.get("data") is not data or _reports.get("mtimes") != mtimes:
        _reports.update(data=data, mtimes=mtimes, found=_read_reports(data, docs))
    return _reports["found"]


_reports: dict = {}


def _read_reports(data: SiteData, docs: Path) -> dict[str, bool]:
    found = {}
    for owner in [*data.groups, *data.frames]:
        page = docs / urls.source_of(urls.page_of(data, owner), docs)
        text = page.read_text(encoding="utf-8") if page.is_file() else ""
        if DISCUSSION_BOX in text:
            found[owner] = f"{{ #{urls.DISCUSSION_SECTION} }}" in text
    return found
