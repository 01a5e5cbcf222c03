"""What the frame and group pages say about themselves that other pages show: whether they report the discussion."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .. import urls
from .site import SiteData

# How the pages that report the discussion under the post mark it (CONTRIBUTING.md, "Own words and citations").
DISCUSSION_BOX = '!!! quote "From the discussion under the post"'


def discussion_reports(data: SiteData, docs: Path) -> dict[str, bool]:
    """Frame or group id -> whether its page has a 'Critiques and replies' section, for pages that report the discussion."""
    def text_of(source: str) -> str | None:
        page = docs / source
        return page.read_text(encoding="utf-8") if page.is_file() else None
    return reports_in(data, text_of)


def reports_in(data: SiteData, text_of: Callable[[str], str | None]) -> dict[str, bool]:
    """The same, from the pages' Markdown as text_of gives it by file (relative to docs/; None if there is none)."""
    found = {}
    for owner in [*data.groups, *data.frames]:
        folder = urls.page_of(data, owner).rstrip("/")
        text = text_of(f"{folder}.md")
        text = text if text is not None else text_of(f"{folder}/index.md") or ""
        if DISCUSSION_BOX in text:
            found[owner] = f"{{ #{urls.DISCUSSION_SECTION} }}" in text
    return found
