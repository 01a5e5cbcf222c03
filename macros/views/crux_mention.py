"""A crux named in a page's running text: its number as a link to its row, and, with crux(), its words from the data
before it.

On the page of a frame or group that lists the crux, the number is the one its crux table shows and the link
leads to that row; elsewhere it names where the crux is defined ("crux 2 of The Pointers Problem") and leads
there. The words are the data's, so a crux reworded in data/frames.yml is reworded on every page that names it.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .. import urls
from ..model import Crux, CruxRef, SiteData
from .crux_tree import crux_rows
from .templates import render_inline

# Characters that Markdown would read as markup in the text between inline tags, written as entities instead.
_MARKDOWN_SIGNS = {"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;", "\\": "&#92;"}


def number_on(data: SiteData, crux: str, owner: str | None) -> str | None:
    """The crux's number in the crux table of a frame or group, or None if that table does not list it."""
    if owner is None:
        return None
    return next((row.number for row in crux_rows(data, owner) if row.crux.id == crux), None)


def label(data: SiteData, crux: str, subject: str | None) -> tuple[str, str | None]:
    """What the link to a crux says, and the frame or group whose page it leads to (None: where it is defined)."""
    here = number_on(data, crux, subject)
    if here is not None:
        return f"crux {here}", subject
    owner = data.owner(data.cruxes[crux].owner)
    kind = "general crux" if owner.id in data.groups else "crux"
    return f"{kind} {data.crux_numbers[crux]} of {owner.title}", None


def claim(data: SiteData, crux: Crux) -> str:
    """A crux's words with those of the cruxes it rests on, as one run of text without its closing stop."""
    return _with_nested(data, crux).rstrip(" .;:,")


def _with_nested(data: SiteData, crux: Crux) -> str:
    parts = [crux.text.strip()]
    for child in crux.children:
        nested = _with_nested(data, data.cruxes[child.ref].crux if isinstance(child, CruxRef) else child)
        parts.append(nested if nested[-1:] in ".;:," else nested + ";")
    return " ".join(parts)


def _inline_safe(text: str) -> Markup:
    escaped = str(escape(text))
    return Markup("".join(_MARKDOWN_SIGNS.get(char, char) for char in escaped))


def crux_ref(data: SiteData, crux: str, root: str, subject: str | None, capital: bool = False) -> str:
    """A link to a crux that says its number: "crux 1.2" on the page that lists it, "crux 2 of X" elsewhere."""
    text, on = label(data, crux, subject)
    return render_inline("crux_mention.html", href=_href(data, crux, root, on),
                         label=text[:1].upper() + text[1:] if capital else text, words=None)


def crux_words(data: SiteData, crux: str, root: str, subject: str | None) -> str:
    """The crux's words (and those of the cruxes it rests on) in quotation marks, then crux_ref in brackets."""
    text, on = label(data, crux, subject)
    return render_inline("crux_mention.html", href=_href(data, crux, root, on), label=text,
                         words=_inline_safe(claim(data, data.cruxes[crux].crux)))


def _href(data: SiteData, crux: str, root: str, on: str | None) -> str:
    """The crux's row: on this page (a fragment alone) when this page lists it, else where it is defined."""
    return "#" + urls.crux_anchor(crux) if on is not None else urls.Links(data, root).crux(crux)
