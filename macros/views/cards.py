"""The card a shared link to a page unfurls with (og:image): what it says, from the data, and how it is laid out.

Pure: the words come from the data (a frame's or group's thesis, a crux's own words) and the page's title; the
lines are measured by a function the build passes in (macros/build/after/cards.py reads the font's advance widths),
and the card is an SVG filled from macros/templates/card.svg, which the build turns into a PNG.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import urls
from ..model import Frame, SiteData
from .templates import environment

# The size link previews ask for (1.91:1); at 600 px wide, the smallest text (26 px here) is still 13 px.
WIDTH, HEIGHT = 1200, 630
MARGIN = 64
ELLIPSIS = "\u2026"

# A function that says how wide a text is, in px, at a font size and weight: (text, size, bold) -> width.
Measure = Callable[[str, float, bool], float]


@dataclass(frozen=True)
class Card:
    """What a page's card says: a kicker (its frame or group), its title, and a body (a crux's words, a thesis)."""

    kicker: str
    title: str
    body: str = ""
    quoted: bool = False  # a crux's words, between quotation marks

    @property
    def alt(self) -> str:
        """The card's words as one text (og:image:alt): what a reader who cannot see the image is told."""
        heads = ". ".join(part.rstrip(".") for part in (self.title, self.kicker) if part) + "."
        body = f"\u201c{self.body}\u201d" if self.quoted and self.body else self.body
        return f"{heads} {body}" if body else heads


def _groups(data: SiteData, owner: str) -> str:
    return " and ".join(data.groups[g].title for g in data.owner_groups(owner))


def card_for(data: SiteData, page_path: str, heading: str | None, description: str | None) -> Card | None:
    """The card of a page (None for the pages that have none): `heading` and `description` are the page's own."""
    if not urls.has_card(page_path):
        return None
    crux = urls.crux_at(data, page_path)
    if crux:
        entry = data.cruxes[crux]
        owner = data.owner(entry.owner)
        kind = "crux" if isinstance(owner, Frame) else "general crux"
        return Card(_groups(data, owner.id), f"{owner.title}, {kind}\u00a0{data.crux_numbers[crux]}",
                    crux_words(entry.crux.text, bool(entry.crux.children)), quoted=True)
    subject = urls.subject_at(data, page_path)
    if subject in data.frames:
        return Card(f"A frame \u00b7 {_groups(data, subject)}", data.frames[subject].title, data.frames[subject].thesis)
    if subject in data.groups:
        return Card("A group of frames", data.groups[subject].title, data.groups[subject].thesis)
    if page_path == urls.VERDICT:
        return Card(f"The verdict \u00b7 {data.owner(data.verdict.frame).title}", heading or "", data.verdict.summary)
    if page_path == urls.GLOSSARY and not description:
        description = f"{len(data.glossary.terms)} terms and abbreviations, each explained in a sentence or two."
    return Card(f'A guide to \u201c{data.source.title}\u201d', heading or "", description or "")


def crux_words(text: str, has_children: bool) -> str:
    """A crux's words as its card shows them: one that leads into its nested cruxes ('..., because', '...these:')
    ends in '…', which says that the words go on, on its page."""
    last = text.rstrip().split(" ")[-1].lower()
    if has_children and (text.rstrip().endswith(":") or last in _DANGLING):
        return text.rstrip().rstrip(":").rstrip() + ELLIPSIS
    return text


# ---------------------------------------------------------------- wrapping and shortening


def wrap(text: str, width: float, size: float, bold: bool, measure: Measure, max_lines: int) -> list[str]:
    """Lines of at most `width` px, breaking only between words; past `max_lines`, the last line kept ends in '…'
    after a whole word (a word wider than a line gets a line of its own: it is never cut)."""
    if max_lines <= 0:
        return []
    lines: list[str] = []
    # Only spaces break a line: a no-break space (as in 'crux\u00a02') keeps its words together.
    for word in filter(None, text.split(" ")):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and measure(joined, size, bold) <= width:
            lines[-1] = joined
        elif len(lines) < max_lines:
            lines.append(word)
        else:
            return _shortened(lines, width, size, bold, measure)
    return lines


_TRAILING = ",;:\u2013\u2014-(\u201c"
# Words a shortened text does not end on before its '…': they promise a word that the card does not show.
_DANGLING = {"a", "an", "and", "as", "at", "because", "but", "by", "for", "from", "in", "into", "is", "of", "on", "or",
             "than", "that", "the", "to", "which", "who", "with"}


def _shortened(lines: list[str], width: float, size: float, bold: bool, measure: Measure) -> list[str]:
    """The lines with '…' after the last whole word that leaves room for it (dangling punctuation dropped)."""
    last = lines[-1].split(" ")
    while last:
        kept = " ".join(last).rstrip(_TRAILING).rstrip()
        candidate = kept + ELLIPSIS
        if kept and kept.rpartition(" ")[2].lower() not in _DANGLING and measure(candidate, size, bold) <= width:
            return [*lines[:-1], candidate]
        last.pop()
    # Not one word of the last line leaves room: the line before ends the card; a lone first word wider than the
    # card is kept whole, overflowing, rather than cut.
    return _shortened(lines[:-1], width, size, bold, measure) if len(lines) > 1 else [lines[0].split(" ")[0] + ELLIPSIS]


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class Line:
    text: str
    y: int


@dataclass(frozen=True)
class Block:
    """Lines of one size and weight, each with its baseline."""

    size: int
    bold: bool
    lines: list[Line]


KICKER = (30, False)
TITLE = (60, True, 74)  # size, bold, line height
BODY = (38, False, 52)
TOP, BOTTOM = 112, 540  # below the band with the site's name; above the footer


def layout(card: Card, measure: Measure) -> tuple[Block, Block, Block]:
    """The kicker, title and body of a card, wrapped to the card's width, the body given the room the title leaves."""
    width = WIDTH - 2 * MARGIN
    kicker_lines = wrap(card.kicker, width, KICKER[0], KICKER[1], measure, 1)
    y = TOP + 48
    kicker = Block(KICKER[0], KICKER[1], [Line(kicker_lines[0] if kicker_lines else "", y)])
    size, bold, step = TITLE
    title_lines = wrap(card.title, width, size, bold, measure, 2)
    y += 28
    title = Block(size, bold, [Line(text, y + step * (i + 1) - (step - size)) for i, text in enumerate(title_lines)])
    y = title.lines[-1].y if title.lines else y
    size, bold, step = BODY
    body_text = f"\u201c{card.body}\u201d" if card.quoted and card.body else card.body
    first = y + 70  # the body's first baseline, below the title's last
    room = max(0, (BOTTOM - first) // step + 1)
    # A crux's words keep their closing quotation mark when shortened: room is left for it.
    close = measure("\u201d", size, bold) if card.quoted else 0
    body_lines = wrap(body_text, width - close, size, bold, measure, room) if body_text else []
    if card.quoted and body_lines and body_lines[-1].endswith(ELLIPSIS):
        body_lines[-1] += "\u201d"
    body = Block(size, bold, [Line(text, first + step * i) for i, text in enumerate(body_lines)])
    return kicker, title, body


def card_svg(card: Card, site_name: str, footer: str, measure: Measure) -> str:
    """The card as an SVG document (macros/templates/card.svg), its text laid out for the font the build renders with."""
    kicker, title, body = layout(card, measure)
    return environment().get_template("card.svg").render(
        width=WIDTH, height=HEIGHT, margin=MARGIN, site_name=site_name, kicker=kicker, title=title, body=body,
        footer=footer).strip() + "\n"
