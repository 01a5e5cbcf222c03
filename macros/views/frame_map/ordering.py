"""The order of frames within their bands that crosses fewer arcs, and how crossings of arcs are counted."""

from __future__ import annotations

import itertools

from ...model import Frame
from .selection import MapView, link_pairs

MAP_PERMUTE_MAX = 6  # bands up to this many frames try every order (720) to cross fewer arcs; larger ones sort


def map_boundary(frame: Frame, order: dict[str, int]) -> int | None:
    """Index i when a frame belongs to groups i and i+1 (it is drawn on their boundary), else None."""
    for other in frame.also_in:
        if other in order and abs(order[other] - order[frame.group]) == 1:
            return min(order[other], order[frame.group])
    return None


def crossings(pairs: list[tuple[str, str]], position: dict[str, int]) -> int:
    """How many pairs of arcs cross: arcs right of one column cross when their ends interleave."""
    spans = [tuple(sorted((position[a], position[b]))) for a, b in pairs]
    count = 0
    for i, (top1, bottom1) in enumerate(spans):
        for top2, bottom2 in spans[i + 1:]:
            if len({top1, bottom1, top2, bottom2}) == 4 and (top1 < top2 < bottom1) != (top1 < bottom2 < bottom1):
                count += 1
    return count


def fewer_crossings_order(view: MapView, boundary: dict[str, int | None]) -> dict[str, list[Frame]]:
    """Each group's own frames (not those drawn on a boundary) in an order that crosses fewer arcs.

    Bands of up to MAP_PERMUTE_MAX frames try every order; larger ones try their frames sorted by the mean
    place of the frames they link to. One band at a time, twice over; an order is kept only if it crosses
    fewer arcs, and the data's order breaks ties, so the layout stays deterministic.
    """
    groups = [g.id for g in view.groups]
    frames = list(view.frames.values())
    bands = {g: [f for f in frames if f.group == g and boundary[f.id] is None] for g in groups}
    spanning = {g: [f for f in frames if boundary[f.id] == i] for i, g in enumerate(groups)}
    pairs = link_pairs(view)

    def positions() -> dict[str, int]:
        column = [f.id for g in groups for f in (*bands[g], *spanning[g])]
        return {fid: i for i, fid in enumerate(column)}

    def by_partners(band: list[Frame]) -> list[list[Frame]]:
        place = positions()
        partners: dict[str, list[int]] = {f.id: [] for f in band}
        for a, b in pairs:
            for end, other in ((a, b), (b, a)):
                if end in partners:
                    partners[end].append(place[other])
        mean = {fid: sum(found) / len(found) if found else place[fid] for fid, found in partners.items()}
        return [sorted(band, key=lambda f: (mean[f.id], place[f.id]))]

    for _ in range(2):
        for g in groups:
            candidates = itertools.permutations(bands[g]) if len(bands[g]) <= MAP_PERMUTE_MAX else by_partners(bands[g])
            best, fewest = bands[g], crossings(pairs, positions())
            for candidate in candidates:
                bands[g] = list(candidate)
                found = crossings(pairs, positions())
                if found < fewest:
                    best, fewest = list(candidate), found
            bands[g] = best
    return bands
