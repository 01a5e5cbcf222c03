"""Which frames and links the map draws: all of a small site, a bounded neighbourhood of a large one."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Frame, Group, Link, SiteData

MAP_FRAMES_MAX = 20  # a larger site's map draws this many: a picture of a thousand boxes answers no question


@dataclass(frozen=True)
class MapView:
    """What the map draws: every frame of a small site; on a larger one MAP_FRAMES_MAX of them, linked closely."""

    groups: tuple[Group, ...]
    frames: dict[str, Frame]  # in data order
    links: tuple[tuple[Frame, Link], ...]  # the links between drawn frames
    left_out: dict[str, int]  # per drawn frame, its links to frames not drawn
    total: int  # frames on the site


def map_view(data: SiteData) -> MapView:
    """Every frame, or on a site of more than MAP_FRAMES_MAX the neighbourhood of its most linked frame.

    The neighbourhood is the most linked frame (the first in data order, on a tie), then the frames one
    link away from it, then two, and so on, the more linked first at each distance, up to MAP_FRAMES_MAX.
    Frames it does not reach, however busy, would only make a second picture beside it.
    """
    frames = list(data.frames.values())
    if len(frames) <= MAP_FRAMES_MAX:
        drawn = {f.id for f in frames}
    else:
        neighbours: dict[str, set[str]] = {f.id: set() for f in frames}
        for frame in frames:
            for link in frame.links:
                if link.to in neighbours and link.to != frame.id:
                    neighbours[frame.id].add(link.to)
                    neighbours[link.to].add(frame.id)
        rank = {f.id: (-len(neighbours[f.id]), index) for index, f in enumerate(frames)}
        busiest = min(rank, key=rank.__getitem__)
        distance, ring = {busiest: 0}, [busiest]
        while ring:  # breadth first: every frame the busiest one reaches, and how many links away
            reached = []
            for here in ring:
                for other in neighbours[here] - distance.keys():
                    distance[other] = distance[here] + 1
                    reached.append(other)
            ring = reached
        drawn = set(sorted(distance, key=lambda fid: (distance[fid], rank[fid]))[:MAP_FRAMES_MAX])
    links = tuple((f, link) for f in frames if f.id in drawn for link in f.links if link.to in drawn)
    left_out = {f.id: 0 for f in frames if f.id in drawn}
    for frame in frames:  # a link with one end drawn counts against that end
        for link in frame.links:
            if (frame.id in drawn) != (link.to in drawn):
                left_out[frame.id if frame.id in drawn else link.to] += 1
    return MapView(tuple(data.groups.values()), {f.id: f for f in frames if f.id in drawn}, links, left_out, len(frames))


def arcs(view: MapView) -> dict[tuple[str, frozenset[str]], list[tuple[str, str]]]:
    """The links each arc stands for, as (from, to), keyed by type and ends: two opposite links of one type share one."""
    arcs: dict[tuple[str, frozenset[str]], list[tuple[str, str]]] = {}
    for frame, link in view.links:
        arcs.setdefault((link.type, frozenset((frame.id, link.to))), []).append((frame.id, link.to))
    return arcs


def link_pairs(view: MapView) -> list[tuple[str, str]]:
    """The frames at the two ends of each arc."""
    return [links[0] for links in arcs(view).values()]
