"""What the frame and group pages say about themselves that other pages show: whether they report the discussion."""

from __future__ import annotations

from pathlib import Path

from .. import urls
from .site import SiteData

# How the pages that report the discussion under the post mark it (CONTRIBUTING.md, "Own words and citations").
DISCUSSION_BOX = '!!! quote "From the discussion under the post"'


def discussion_reports(data: SiteData, docs: Path) -> dict[str, bool]:
    """Frame or group id -> whether its page has a 'Critiques and replies' section, for pages that report the discussion."""
    found = {}
    for owner in [*data.groups, *data.frames]:
        page = docs / urls.source_of(urls.page_of(data, owner), docs)
        text = page.read_text(encoding="utf-8") if page.is_file() else ""
        if DISCUSSION_BOX in text:
            found[owner] = f"{{ #{urls.DISCUSSION_SECTION} }}" in text
    return found
