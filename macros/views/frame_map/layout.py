"""Where the map's bands, boxes, arcs and badges go, computed from the data alone."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import LINK_TYPES, Frame, Group, SiteData
from .ordering import fewer_crossings_order, map_boundary
from .selection import MapView, arcs, map_view

# The taxonomy as stacked bands (one per group, in data order) with the frames as a column of
# boxes and the typed links as arcs to their right. A frame in two neighbouring groups sits on
# the boundary between their bands. One layout serves phones and desktops: the SVG scales.

MAP_NODE_X = 6
MAP_NODE_WIDTH = 190
MAP_NODE_PADDING = 10
MAP_WIDTH = 392
MAP_TITLE_SIZE = 14
MAP_NOTE_SIZE = 11
MAP_LINE_HEIGHT = 17
MAP_HEADER_HEIGHT = 30
MAP_NODE_GAP = 10
MAP_BAND_GAP = 14
MAP_ARC_MIN = 26  # how far the shortest arc reaches right of the boxes
MAP_ARC_MAX = 220  # and the longest (a cubic with both controls this far out bulges 3/4 of it)
MAP_PARALLEL_STEP = 28  # extra reach for a second arc between the same two frames
MAP_BADGE_RADIUS = 9
MAP_BADGE_SIZE = 12
MAP_BADGE_CLEARANCE = 2 * MAP_BADGE_RADIUS + 3  # closer badges would touch
# One dash pattern per link type, in LINK_TYPES order; types are also told apart by a numbered badge.
MAP_DASHES = ["", "7 4", "2 3", "10 3 2 3", "14 4 2 4 2 4", "4 6", "1 2"]
MAP_COLOURS = 7  # colours per link type in site.css (.frame-map__c1 ...), colour-blind safe; dashes tell them apart in grey


@dataclass(frozen=True)
class MapBand:
    """A group's band: its vertical extent and where its label sits."""

    group: Group
    index: int
    top: float
    bottom: float
    label_y: float


@dataclass(frozen=True)
class MapNode:
    """A frame's box: position, wrapped title lines and an optional small note."""

    frame: Frame
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    notes: tuple[str, ...]  # small print under the title: its second group, links the map leaves out


@dataclass(frozen=True)
class MapEdge:
    """One drawn arc: a typed link, or two opposite links of the same type merged."""

    type: str
    number: int  # the badge number, shared with the legend
    dash: str
    colour: int  # index of the type's colour in site.css (frame-map__c<n>), in LINK_TYPES order
    source: str
    target: str
    both_ways: bool
    path: str
    reach: float  # how far right of the boxes the arc's control points lie
    badge_x: float
    badge_y: float


@dataclass(frozen=True)
class MapLegendItem:
    type: str
    number: int
    dash: str
    colour: int
    phrase: str  # "A explains why B matters"


@dataclass(frozen=True)
class MapLayout:
    view: MapView
    width: float
    height: float
    bands: tuple[MapBand, ...]
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    legend: tuple[MapLegendItem, ...]


def estimated_width(text: str, size: float) -> float:
    """A generous guess at a line's width in a sans-serif font (the site loads no web font to measure)."""
    em = 0.0
    for char in text:
        if char in "ijlft.,:;'|!I ()/-":
            em += 0.3
        elif char in "mwMW":
            em += 0.85
        elif char.isupper() or char.isdigit():
            em += 0.67
        else:
            em += 0.55
    return em * size


def wrap_words(text: str, width: float, size: float) -> tuple[str, ...]:
    """Greedy word wrap into lines no wider than `width` (a single long word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and estimated_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


def _free_badge_spot(x: float, y1: float, y2: float, reach: float, taken: list[tuple[float, float]]) -> tuple[float, float]:
    """A point on the arc for its number badge, away from the badges already placed."""
    def point(t: float) -> tuple[float, float]:
        # The arc is a cubic with controls (x+reach, y1) and (x+reach, y2).
        return (round(x + reach * 3 * t * (1 - t), 1),
                round(y1 * ((1 - t) ** 3 + 3 * (1 - t) ** 2 * t) + y2 * (3 * (1 - t) * t ** 2 + t ** 3), 1))

    candidates = [point(t) for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)]
    for spot in candidates:
        if all((spot[0] - bx) ** 2 + (spot[1] - by) ** 2 >= MAP_BADGE_CLEARANCE ** 2 for bx, by in taken):
            return spot
    return candidates[0]


def _map_boxes(view: MapView) -> tuple[list[MapBand], list[MapNode], float]:
    """Bands top to bottom in group order, each with its frames' boxes; frames in two neighbouring
    groups go last in the upper band, and the boundary between the bands runs through their middle."""
    groups = list(view.groups)
    order = {group.id: index for index, group in enumerate(groups)}
    titles = {group.id: group.title for group in groups}
    boundary = {frame.id: map_boundary(frame, order) for frame in view.frames.values()}
    text_width = MAP_NODE_WIDTH - 2 * MAP_NODE_PADDING

    def box(frame: Frame, y: float) -> MapNode:
        others = [titles[g] for g in frame.also_in if g in titles]  # a second group is the site's listing, not the post's
        notes = ["in both groups (site's listing)"] if boundary[frame.id] is not None else [f"also in {' and '.join(others)} (site's listing)"] if others else []
        if view.left_out[frame.id]:
            count = view.left_out[frame.id]
            notes.append(f"{count} more link{'s' if count > 1 else ''} on its page")
        lines = wrap_words(frame.title, text_width, MAP_TITLE_SIZE)
        note_lines = tuple(line for note in notes for line in wrap_words(note, text_width, MAP_NOTE_SIZE))
        height = 12 + MAP_LINE_HEIGHT * len(lines) + (MAP_NOTE_SIZE + 4) * len(note_lines)
        return MapNode(frame, MAP_NODE_X, y, MAP_NODE_WIDTH, height, lines, note_lines)

    bands: list[MapBand] = []
    nodes: list[MapNode] = []
    y = top = 4.0

    def place(frames: list[Frame]) -> None:
        nonlocal y
        for frame in frames:
            nodes.append(box(frame, y))
            y = nodes[-1].y + nodes[-1].height + MAP_NODE_GAP

    order_in_band = fewer_crossings_order(view, boundary)
    for index, group in enumerate(groups):
        label_y = y + MAP_HEADER_HEIGHT - 10
        y += MAP_HEADER_HEIGHT
        place(order_in_band[group.id])
        spanning = [f for f in view.frames.values() if boundary[f.id] == index]
        if spanning:
            block_top = y
            place(spanning)
            split = (block_top + y - MAP_NODE_GAP) / 2
            bands.append(MapBand(group, index, top, split, label_y))
            top = split
        else:
            bands.append(MapBand(group, index, top, y, label_y))
            y += MAP_BAND_GAP
            top = y
    return bands, nodes, y - MAP_BAND_GAP + 4


def _map_arcs(view: MapView, nodes: list[MapNode]) -> tuple[list[MapEdge], list[MapLegendItem]]:
    """One arc right of the boxes per typed link (two opposite links of one type share an arc),
    reaching further the further apart its frames are, with the legend of the types in use."""
    by_id = {node.frame.id: node for node in nodes}
    merged = arcs(view)
    pairs = list(merged.items())
    used_types = [t for t in LINK_TYPES if any(link_type == t for link_type, _ in merged)]
    number = {t: i + 1 for i, t in enumerate(used_types)}
    dash = {t: MAP_DASHES[i % len(MAP_DASHES)] for i, t in enumerate(LINK_TYPES)}
    colour = {t: i % MAP_COLOURS + 1 for i, t in enumerate(LINK_TYPES)}

    def centre(frame_id: str) -> float:
        return by_id[frame_id].y + by_id[frame_id].height / 2

    # Each box spreads its arc ends down its right side, ordered by where the other end lies.
    ends: dict[str, list[tuple[float, int]]] = {node.frame.id: [] for node in nodes}
    for index, (_, links) in enumerate(pairs):
        source, target = links[0]
        ends[source].append((centre(target), index))
        ends[target].append((centre(source), index))
    port: dict[tuple[str, int], float] = {}
    for frame_id, items in ends.items():
        items.sort()
        step = min(7.0, (by_id[frame_id].height - 12) / max(len(items), 1))
        first = centre(frame_id) - step * (len(items) - 1) / 2
        for slot, (_, index) in enumerate(items):
            port[(frame_id, index)] = first + slot * step

    longest = max((abs(centre(a) - centre(b)) for _, [(a, b), *_] in pairs), default=1.0) or 1.0
    edges: list[MapEdge] = []
    badges: list[tuple[float, float]] = []
    between: dict[frozenset[str], int] = {}  # arcs already drawn between the same two frames
    x = MAP_NODE_X + MAP_NODE_WIDTH
    for index, ((link_type, frames), links) in enumerate(pairs):
        source, target = links[0]
        y1, y2 = port[(source, index)], port[(target, index)]
        parallel = between.get(frames, 0)
        between[frames] = parallel + 1
        reach = (MAP_ARC_MIN + (MAP_ARC_MAX - MAP_ARC_MIN) * abs(centre(source) - centre(target)) / longest
                 + MAP_PARALLEL_STEP * parallel)
        badge = _free_badge_spot(x, y1, y2, reach, badges)
        badges.append(badge)
        edges.append(MapEdge(
            type=link_type, number=number[link_type], dash=dash[link_type], colour=colour[link_type],
            source=source, target=target,
            both_ways=len(links) > 1, badge_x=badge[0], badge_y=badge[1], reach=reach,
            path=f"M {x:.1f} {y1:.1f} C {x + reach:.1f} {y1:.1f} {x + reach:.1f} {y2:.1f} {x:.1f} {y2:.1f}",
        ))
    legend = [MapLegendItem(t, number[t], dash[t], colour[t], "A " + LINK_TYPES[t].forward.format(target="B"))
              for t in used_types]
    return edges, legend


def frame_map_layout(data: SiteData) -> MapLayout:
    """Positions of bands, boxes, arcs and legend entries, computed from the data alone."""
    view = map_view(data)
    bands, nodes, height = _map_boxes(view)
    edges, legend = _map_arcs(view, nodes)
    # A cubic arc bulges to 3/4 of its reach; keep the furthest one and its badge inside.
    widest = max((MAP_NODE_X + MAP_NODE_WIDTH + 0.75 * e.reach + MAP_BADGE_RADIUS + 4 for e in edges), default=0)
    return MapLayout(view, max(MAP_WIDTH, round(widest)), round(height, 1), tuple(bands), tuple(nodes), tuple(edges),
                     tuple(legend))
