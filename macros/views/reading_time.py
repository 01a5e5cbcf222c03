"""The estimated reading time shown under a page's title."""

from __future__ import annotations

import re
from html import unescape

from .templates import render

WORDS_PER_MINUTE = 200  # explanatory prose with tables reads slower than a novel
# Navigation, drawings, scripts and controls (a copy-link button) are not read as text.
UNREAD = re.compile(r"<(nav|svg|script|style|button)\b.*?</\1>", re.DOTALL)


def reading_minutes(html: str) -> int:
    """Estimated minutes to read a page's finished HTML, counting the words of its text; at least one."""
    text = unescape(re.sub(r"<[^>]+>", " ", UNREAD.sub(" ", html)))
    words = re.findall(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*", text)
    return max(1, round(len(words) / WORDS_PER_MINUTE))


def with_reading_time(html: str) -> str:
    """The page's HTML with its estimated reading time right under the title (or on top without one)."""
    note = render("reading_time.html", minutes=reading_minutes(html))
    title_end = html.find("</h1>")
    if title_end < 0:
        return f"{note}\n{html}"
    cut = title_end + len("</h1>")
    return f"{html[:cut]}\n{note}{html[cut:]}"
