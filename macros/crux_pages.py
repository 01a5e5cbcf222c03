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
    wanted = {docs / urls.crux_page_source(crux): stub(data.crux_title(crux), crux) for crux in data.cruxes}
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


def discussion_reports(data: SiteData, docs: Path, owners: list[str]) -> dict[str, bool]:
    """Of these frames or groups, those whose page reports the discussion -> whether it has a 'Critiques and replies' section."""
    found = {}
    for owner in owners:
        reported = _reported_on(docs / urls.source_of(urls.page_of(data, owner), docs))
        if reported is not None:
            found[owner] = reported
    return found


def _reported_on(page: Path) -> bool | None:
    """None if the page does not report the discussion, else whether it has the section; read again only once it changed."""
    # Asked by every crux page for the few frames relying on it: a page is read once per change, not once per crux.
    mtime = page.stat().st_mtime_ns if page.is_file() else None
    if _reports.get(page, (object(),))[0] != mtime:
        text = page.read_text(encoding="utf-8") if mtime is not None else ""
        _reports[page] = (mtime, (f"{{ #{urls.DISCUSSION_SECTION} }}" in text) if DISCUSSION_BOX in text else None)
    return _reports[page][1]


_reports: dict[Path, tuple] = {}
