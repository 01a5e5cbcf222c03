"""Every page's card (og:image), drawn as a PNG into the built site by resvg from the SVG the view fills, and cached.

Drawn after the pages, on both engines: the engines empty the site folder when they begin, and a card is a file
beside the pages, not part of one. Each page's meta tags name its card by address while the page is rendered
(macros/build/page.py); both ask the same view (macros/views/cards.py) and the same rule (urls.has_card), so every
card a page names is drawn. A card is drawn again only when its SVG changes: the PNG is kept in
`.card-cache/<sha256 of the SVG, the fonts and resvg's version>.png` (cache_dir(); git ignores it), and an
unchanged page's card is copied from there.

The font is the one the project carries (macros/fonts/, DejaVu Sans) and resvg is told to load no other: a card
looks the same on a machine with no fonts at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import resvg_py
from fontTools.ttLib import TTFont

from ... import urls
from ...model.page_text import heading_of, split_front_matter
from ...model.site import SiteData
from ...views.cards import Card, card_for, card_svg

FONTS = Path(__file__).resolve().parents[2] / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
# Not under .cache/: Zensical empties that folder at each clean build.
CACHE = Path(".card-cache")


def cache_dir(root: Path) -> Path:
    """Where drawn cards are kept: $CARD_CACHE when set (the tests share one between copies of the project), else
    the project's .card-cache/ (git ignores it; delete it at any time)."""
    return Path(os.environ.get("CARD_CACHE") or root / CACHE)


class _Face:
    """One font file's advance widths, read once."""

    def __init__(self, path: Path) -> None:
        font = TTFont(path, lazy=True)
        self.units = font["head"].unitsPerEm
        self.cmap = font.getBestCmap()
        self.advances = {name: advance for name, (advance, _) in font["hmtx"].metrics.items()}

    def width(self, text: str, size: float) -> float:
        return sum(self.advances[self.cmap.get(ord(c), ".notdef")] for c in text) * size / self.units


@dataclass
class FontMeasure:
    """How wide a text is in the cards' font, from its advance widths (kerning only narrows it)."""

    regular: Path = REGULAR
    bold: Path = BOLD

    @cached_property
    def _faces(self) -> dict[bool, _Face]:
        return {False: _Face(self.regular), True: _Face(self.bold)}

    def __call__(self, text: str, size: float, bold: bool) -> float:
        return self._faces[bold].width(text, size)


@lru_cache(maxsize=1)
def _renderer_key() -> str:
    """What besides the SVG decides a card's pixels: the fonts' bytes and resvg's version."""
    digest = hashlib.sha256(f"resvg-py {resvg_py.__version__}".encode())
    for font in (REGULAR, BOLD):
        digest.update(font.read_bytes())
    return digest.hexdigest()


def cache_key(svg: str) -> str:
    return hashlib.sha256((_renderer_key() + svg).encode("utf-8")).hexdigest()


def render_png(svg: str) -> bytes:
    """The SVG drawn as a PNG with the project's fonts and no other."""
    return resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True, font_files=[str(REGULAR), str(BOLD)])


@dataclass
class CardsWritten:
    """What writing the cards did: how many were drawn, how many came from the cache, and each page's file."""

    drawn: int = 0
    reused: int = 0
    files: dict[str, Path] = field(default_factory=dict)


def footer_of(site_url: str, site_name: str) -> str:
    """The address a card shows at its foot ('core-of-alignment.github.io/frames'), or the site's name."""
    parts = urlsplit(site_url)
    return (parts.netloc + parts.path.rstrip("/")) if parts.netloc else site_name


def card_pages(data: SiteData, docs: Path) -> dict[str, Card]:
    """Page path -> card, for every page of docs/ that has one (its title and description read from its source)."""
    cards = {}
    for source in sorted(docs.rglob("*.md")):
        path = urls.source_page_path(source.relative_to(docs).as_posix())
        text = source.read_text(encoding="utf-8")
        card = card_for(data, path, heading_of(text), split_front_matter(text)[0].get("description"))
        if card is not None:
            cards[path] = card
    return cards


def write_cards(cards: dict[str, Card], site: Path, cache: Path, site_name: str, footer: str,
                measure: FontMeasure | None = None) -> CardsWritten:
    """Write each page's card into the built site, drawing only those whose SVG the cache has not seen."""
    measure = measure or FontMeasure()
    written = CardsWritten()
    cache.mkdir(parents=True, exist_ok=True)
    for path, card in cards.items():
        svg = card_svg(card, site_name, footer, measure)
        kept = cache / f"{cache_key(svg)}.png"
        if kept.is_file():
            written.reused += 1
        else:
            partial = kept.with_name(f"{kept.stem}.{os.getpid()}.tmp")
            partial.write_bytes(render_png(svg))
            partial.replace(kept)  # whole or not at all, should two builds draw the same card at once
            written.drawn += 1
        target = site / urls.card_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kept, target)
        written.files[path] = target
    return written
