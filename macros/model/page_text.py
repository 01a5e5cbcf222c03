"""What a page's Markdown says about itself before any macro runs: its front matter and its title."""

from __future__ import annotations

import yaml

_FENCE = "---\n"
# The first line after the front matter of every page the build writes from the data (macros/build/generated_pages.py).
GENERATED_MARK = "<!-- Written by macros/build/generated_pages.py from data/ at each build: edit the data, not this file. -->"


def is_generated(text: str) -> bool:
    """Whether a page's Markdown was written by the build from the data (so its words are the data's, not a page's)."""
    return text.partition("\n---\n")[2].startswith(GENERATED_MARK)


def split_front_matter(text: str) -> tuple[dict, str]:
    """A page's front matter (a YAML mapping between '---' lines at its top, or {}) and the Markdown after it."""
    if text.startswith(_FENCE):
        head, sep, body = text[len(_FENCE):].partition("\n" + _FENCE)
        if sep:
            meta = yaml.safe_load(head) or {}
            return (meta if isinstance(meta, dict) else {}), body
    return {}, text


def heading_of(text: str) -> str | None:
    """The page's title: its first level-1 heading, without an attribute list ('# Title { #id }' -> 'Title')."""
    for line in split_front_matter(text)[1].splitlines():
        if line.startswith("# "):
            return strip_attributes(line[2:])
    return None


def strip_attributes(heading: str) -> str:
    """A heading's words without the attribute list after them ('Why { #why }' -> 'Why')."""
    words = heading.strip()
    if words.endswith("}") and "{" in words:
        words = words[: words.rindex("{")].rstrip()
    return words
