"""The map drawn: inline SVG with its legend and every link in words, from the layout."""

from __future__ import annotations

from ... import urls
from ...model import LINK_TYPES, SiteData
from ..fragments import link_sentence
from ..templates import render
from .layout import (
    MAP_BADGE_RADIUS, MAP_BADGE_SIZE, MAP_LINE_HEIGHT, MAP_NODE_PADDING, MAP_NOTE_SIZE, MAP_TITLE_SIZE, frame_map_layout,
)

def frame_map(data: SiteData, root: str, current: str | None = None) -> str:
    """The frame map as inline SVG with its legend and, in words, every link it draws."""
    layout = frame_map_layout(data)
    sentences = [(frame, link_sentence(LINK_TYPES[link.type].forward), data.frames[link.to], link)
                 for frame, link in layout.view.links]
    numbers = {item.type: item.number for item in layout.legend}
    return render(
        "frame_map.html", layout=layout, links=urls.Links(data, root), current=current, sentences=sentences, numbers=numbers,
        title_size=MAP_TITLE_SIZE, note_size=MAP_NOTE_SIZE, line_height=MAP_LINE_HEIGHT, padding=MAP_NODE_PADDING,
        badge_radius=MAP_BADGE_RADIUS, badge_size=MAP_BADGE_SIZE,
    )
