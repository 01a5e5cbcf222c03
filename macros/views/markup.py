"""Changing the text of an HTML page, never its markup, and not inside chosen elements.

The glossary pass (render.py) marks terms in a page's text; the served pages (assets.py) lose the
indentation of their lines. Both walk the page with the one regular expression below and change the
text between two pieces of markup, unless an element around it is one they keep as it is.
"""

from __future__ import annotations

import re
from typing import Callable

VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

# One piece of markup, found in a single pass; the text between two pieces is what may change.
# Copied whole: comments, CDATA and declarations (to the end of the page if unclosed), script and
# style elements with their raw text (which may hold '<'), and entities (so no term is found
# inside one). As in HTML, a quote opens an attribute value only after '=', and such a value may
# hold '>'. Every branch starts with '<' or '&', which lets the regex engine skip text quickly.
_MARKUP = re.compile(r"""
    <(?: !--.*?(?:-->|\Z) | !\[CDATA\[.*?(?:\]\]>|\Z) | [!?][^>]*>?
       | (?P<raw>(?i:script|style))(?=[\s/>])(?:[^>=]+|=\s*(?:"[^"]*"|'[^']*')?)*+(?<!/)>.*?(?:</\s*(?i:(?P=raw))\s*>|\Z)
       | /(?P<end>[a-zA-Z][^\s/>]*)[^>]*>
       | (?P<start>[a-zA-Z][^\s/>]*)(?P<attrs>(?:[^>=]+|=\s*(?:"[^"]*"|'[^']*')?)*+)> )
  | &(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z][-.a-zA-Z0-9]*);
""", re.VERBOSE | re.DOTALL)


def map_text(html: str, change: Callable[[str], str], keeps: Callable[[str, str], bool],
             opened: Callable[[str], None] | None = None) -> str:
    """html with change applied to its text, except inside elements for which keeps(tag, attributes) holds.

    opened(tag), if given, hears of each start tag in page order, before the text after it changes."""
    out: list[str] = []
    open_tags: list[tuple[str, bool]] = []  # (tag, whether it or an element around it is kept)
    kept = False  # whether the text here is inside a kept element
    done = 0
    for piece in _MARKUP.finditer(html):
        text = html[done:piece.start()]
        out += (text if kept or not text else change(text), piece.group())
        done = piece.end()
        if piece["start"]:
            tag, attrs = piece["start"].lower(), piece["attrs"]
            if opened:
                opened(tag)
            if tag not in VOID_TAGS and not attrs.endswith("/"):
                kept = kept or keeps(tag, attrs)
                open_tags.append((tag, kept))
        elif piece["end"]:
            # An end tag closes every element opened since its start tag; a stray one closes nothing.
            tag = piece["end"].lower()
            for index in range(len(open_tags) - 1, -1, -1):
                if open_tags[index][0] == tag:
                    del open_tags[index:]
                    kept = bool(open_tags) and open_tags[-1][1]
                    break
    text = html[done:]
    out.append(text if kept or not text else change(text))
    return "".join(out)
