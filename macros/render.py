"""Pure functions from the validated data to HTML fragments for the pages.

Nothing here imports MkDocs: each function takes the data and the relative path from the
current page to the site root, and returns a string. The HTML itself lives in templates/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import stance
from .markup import map_text
from .template_cache import compiled_template_cache
from .model import JOINS, LINK_TYPES, Crux, CruxRef, Frame, Group, SiteData, Source, Term

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.bytecode_cache = compiled_template_cache(env, "macros")
    return env


def _render(template: str, **context) -> str:
    html = _env().get_template(template).render(**context)
    # Markdown ends a raw HTML block at a blank line, so the fragment must have none.
    return "\n".join(line for line in html.splitlines() if line.strip())


# ---------------------------------------------------------------- addresses


def root_prefix(page_url: str) -> str:
    """Relative path from a page (MkDocs page.url, e.g. 'frames/x/') back to the site root."""
    depth = len([part for part in page_url.split("/") if part])
    if page_url and not page_url.endswith("/"):
        depth -= 1  # a file URL such as '404.html' sits in its folder
    return "../" * depth if depth > 0 else "./"


def owner_path(data: SiteData, owner_id: str) -> str:
    """Site-relative path of the page of a frame or a group."""
    return f"groups/{owner_id}/" if owner_id in data.groups else f"frames/{owner_id}/"


def crux_path(data: SiteData, crux_id: str) -> str:
    """Site-relative permanent address of a crux on the page that defines it."""
    return f"{owner_path(data, data.cruxes[crux_id].owner)}#crux-{crux_id}"


# ---------------------------------------------------------------- view models


@dataclass(frozen=True)
class CruxRow:
    """One row of a crux table."""

    crux: Crux
    number: str
    depth: int
    join: str | None  # how this row relates to its parent ("because", "at least one of", ...)
    is_ref: bool  # defined on another page, relied on here
    defined_in: Frame | Group
    also_for: list[Frame | Group]


def crux_rows(data: SiteData, owner_id: str) -> list[CruxRow]:
    """The cruxes of a frame or group, flattened depth first and numbered 1, 1.1, 1.2, 2..."""
    rows: list[CruxRow] = []

    # The same tree as the explorer and stance page, so numbering and labels agree everywhere.
    def flatten(items: list[CruxItem], depth: int, join: str | None) -> None:
        for item in items:
            rows.append(CruxRow(
                crux=item.crux,
                number=item.number,
                depth=depth,
                join=join,
                is_ref=item.is_ref,
                defined_in=item.defined_in,
                also_for=[other for other in item.relied_on_by if other.id != owner_id],
            ))
            flatten(item.children, depth + 1, JOINS[item.crux.join] if item.join else None)

    flatten(crux_items(data, owner_id), 0, None)
    return rows


def link_sentence(template: str) -> tuple[str, str]:
    """Split a relation phrase around its placeholder: ('explains why ', ' matters')."""
    placeholder = "{target}" if "{target}" in template else "{source}"
    before, _, after = template.partition(placeholder)
    return before, after


# ---------------------------------------------------------------- fragments


# Every page carries the taxonomy: listing every frame would make each page grow with the site.
TAXONOMY_MAX_FRAMES = 12


@dataclass(frozen=True)
class TaxonomyGroup:
    """One group of the taxonomy: the frames shown (each with its other groups) and how many it has."""

    group: Group
    frames: list[tuple[Frame, str]]
    total: int


def taxonomy(data: SiteData, root: str, current: str | None = None) -> str:
    """The outer/inner/other taxonomy, with the current frame or group marked; long groups cut short."""
    def also(frame: Frame, group_id: str) -> str:
        others = [g for g in frame.group_ids if g != group_id]
        return " and ".join(data.groups[g].title.lower() for g in others)

    # The reader's own frame is always listed (and marked), even past the cap; the template then
    # ends the list with a link to the group's page, which lists them all.
    own = data.frames.get(current or "")
    groups = []
    for group in data.groups.values():
        members = data.frames_in(group.id)
        shown = list(members[:TAXONOMY_MAX_FRAMES])
        if own and group.id in own.group_ids and own.id not in {f.id for f in shown}:
            shown.append(own)
        groups.append(TaxonomyGroup(group, [(frame, also(frame, group.id)) for frame in shown], len(members)))
    return _render("taxonomy.html", groups=groups, root=root, current=current)


def crux_table(data: SiteData, owner_id: str, root: str) -> str:
    """The crux table of a frame or group, or a note when the post lists none."""
    owner = data.owner(owner_id)
    return _render(
        "crux_table.html",
        owner=owner,
        rows=crux_rows(data, owner_id),
        root=root,
        owner_path=lambda oid: owner_path(data, oid),
        no_cruxes_note=getattr(owner, "no_cruxes_note", None),
    )


def thesis(data: SiteData, owner_id: str, root: str) -> str:
    """The one-sentence thesis of a frame or group, with the groups it belongs to."""
    owner = data.owner(owner_id)
    groups = []
    if isinstance(owner, Frame):
        groups = [data.groups[g] for g in owner.group_ids]
    return _render("thesis.html", owner=owner, groups=groups, root=root)


def see_also(data: SiteData, frame_id: str, root: str) -> str:
    """The typed links from a frame and the backlinks to it."""
    frame = data.frames[frame_id]
    outgoing = [
        (link_sentence(LINK_TYPES[link.type][0]), data.frames[link.to], link)
        for link in frame.links
    ]
    incoming = [
        (link_sentence(LINK_TYPES[link.type][1]), source, link)
        for source, link in data.backlinks[frame_id]
    ]
    return _render("see_also.html", frame=frame, outgoing=outgoing, incoming=incoming, root=root)


def further_reading(data: SiteData, frame_id: str) -> str:
    """The frame's reading list, as a list of citations."""
    return _render("further_reading.html", items=data.frames[frame_id].reading)


def group_frames(data: SiteData, group_id: str, root: str) -> str:
    """The frames of a group with their theses, as cards linking to each page."""
    group = data.groups[group_id]
    frames = [(frame, frame.group != group_id) for frame in data.frames_in(group_id)]
    return _render("group_frames.html", group=group, frames=frames, root=root, data=data)


def glossary(data: SiteData, root: str) -> str:
    """Every glossary term, alphabetically, each with its anchor and the frames that use it."""
    terms = sorted(data.glossary.terms, key=lambda t: (t.abbr or t.term).lower())
    return _render("glossary.html", terms=terms, frames=data.frames, root=root)


# ---------------------------------------------------------------- reader features: crux explorer, stance page, "Cite this"

# How the nested cruxes of a crux are introduced in the explorer.
NESTED_LABELS = {"because": "Reasons given", "any_of": "At least one of", "all_of": "All of"}


def owner_groups(data: SiteData, owner_id: str) -> list[str]:
    """The groups a frame belongs to (primary first), or the group itself."""
    if owner_id in data.groups:
        return [owner_id]
    return list(data.frames[owner_id].group_ids)


@dataclass(frozen=True)
class CruxItem:
    """One crux in a nested list, as the explorer and the stance page show it."""

    crux: Crux
    number: str
    is_ref: bool  # defined under another frame or group, listed here too
    counts_for: list[str]  # the frames and groups it counts for, here
    groups: list[str]  # the groups of those
    relied_on_by: list[Frame | Group]
    show_relied_on_by: bool  # false for a nested crux relied on by just the same as its parent
    defined_in: Frame | Group
    join: str | None  # the label for its nested cruxes
    children: list["CruxItem"]


def crux_items(data: SiteData, owner_id: str) -> list[CruxItem]:
    """The cruxes a frame or group lists, as a tree numbered 1, 1.1, 2... like its crux table."""

    def build(item: Crux | CruxRef, number: str, parent_users: list[str] | None) -> CruxItem:
        is_ref = isinstance(item, CruxRef)
        crux = data.cruxes[item.ref].crux if is_ref else item
        users = data.relied_on_by[crux.id]
        # A reference counts here only; the definition counts for everyone who relies on it.
        counts_for = [owner_id] if is_ref else data.relied_on_by[crux.id]
        groups = list(dict.fromkeys(g for oid in counts_for for g in owner_groups(data, oid)))
        children = [] if is_ref else [build(child, f"{number}.{i}", users) for i, child in enumerate(crux.children, 1)]
        single = crux.join == "all_of" and len(crux.children) == 1
        return CruxItem(
            crux=crux,
            number=number,
            is_ref=is_ref,
            counts_for=counts_for,
            groups=groups,
            relied_on_by=[data.owner(oid) for oid in users],
            show_relied_on_by=users != parent_users,
            defined_in=data.owner(data.cruxes[crux.id].owner),
            join=None if (is_ref or single or not crux.join) else NESTED_LABELS[crux.join],
            children=children,
        )

    return [build(item, str(i), None) for i, item in enumerate(data.owner(owner_id).cruxes, 1)]


def crux_sections(data: SiteData) -> list[tuple[Group, list[tuple[Frame | Group, list[str], list[CruxItem]]]]]:
    """Each group with its own general cruxes first, then the frames filed under it (primary group)."""
    sections = []
    for group in data.groups.values():
        owners = [group, *(f for f in data.frames.values() if f.group == group.id)]
        entries = [(owner, owner_groups(data, owner.id), crux_items(data, owner.id)) for owner in owners]
        # A group without general cruxes needs no section of its own.
        sections.append((group, [e for e in entries if e[2] or e[0].id != group.id]))
    return sections


def crux_explorer(data: SiteData, root: str) -> str:
    """Every crux of every group and frame on one page, with the filter form cruxes.js brings to life."""
    return _render(
        "crux_explorer.html",
        sections=crux_sections(data),
        groups=list(data.groups.values()),
        frames=[(frame, owner_groups(data, frame.id)) for frame in data.frames.values()],
        group_titles={gid: group.title for gid, group in data.groups.items()},
        total=len(data.cruxes),
        root=root,
        owner_path=lambda oid: owner_path(data, oid),
    )


STANCE_CHOICES = [("agree", "Agree"), ("unsure", "Unsure"), ("disagree", "Disagree")]
VERDICT_LABELS = {"favoured": "Favoured", "undercut": "Undercut", "open": "Open", "no-cruxes": "No cruxes"}


def stance_page(data: SiteData, root: str) -> str:
    """The 'Where do you stand?' tool, rendered for a reader who has not answered yet."""
    scores = stance.stance_scores(data, {})
    answered, total = stance.answered_count(data, {})
    return _render(
        "stance.html",
        sections=crux_sections(data),
        frame_scores=[s for s in scores if s.kind == "frame" and s.total],
        group_scores=[s for s in scores if s.kind == "group" and s.total],
        without_cruxes=[s for s in scores if not s.total],
        summary=stance.stance_summary(data, {}),
        answered_text=f"Answered {answered} of {total}.",
        titles={oid: data.owner(oid).title for oid in [*data.groups, *data.frames]},
        verdict_labels=VERDICT_LABELS,
        choices=STANCE_CHOICES,
        derived_joins=stance.DERIVED_JOINS,
        structure={**stance.stance_structure(data), "verdictLabels": VERDICT_LABELS},
        root=root,
        owner_path=lambda oid: owner_path(data, oid),
    )


@dataclass(frozen=True)
class Citation:
    """One work cited two ways."""

    text: str
    bibtex: str


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def bibtex_escape(value: str) -> str:
    """Text safe inside a BibTeX field in braces."""
    value = value.replace("\\", r"\textbackslash{}")
    value = _BIBTEX_SPECIAL.sub(r"\\\1", value)
    return value.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def bibtex_authors(authors: str) -> str:
    """'Thomas Larsen et al.' -> 'Larsen, Thomas and others'; names are 'First Last', comma-separated."""
    others = bool(re.search(r"\bet al\.?$", authors.strip()))
    names = re.split(r",\s*|\s+and\s+", re.sub(r"\s*\bet al\.?$", "", authors.strip()))
    formatted = []
    for name in filter(None, (n.strip() for n in names)):
        first, _, last = name.rpartition(" ")
        formatted.append(f"{last}, {first}" if first else last)
    return " and ".join(formatted + (["others"] if others else []))


def _bibtex(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{kind}{{{key},"] + [f"  {name} = {{{bibtex_escape(value)}}}," for name, value in fields]
    return "\n".join(lines).rstrip(",") + "\n}"


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def cite_source(source: Source) -> Citation:
    """The post this site explains."""
    last_name = re.sub(r"\s*\bet al\.?$", "", source.authors).split(",")[0].split()[-1]
    title_word = next((w for w in _slug(source.title).split("-") if w not in {"the", "a", "an"}), "post")
    return Citation(
        text=f'{source.authors} ({source.year}). "{source.title}" Written in the {source.program}. {source.url}',
        bibtex=_bibtex("misc", f"{_slug(last_name)}{source.year}{title_word}", [
            ("author", bibtex_authors(source.authors)),
            ("title", source.title),
            ("year", str(source.year)),
            ("url", source.url),
            ("note", f"Written in the {source.program}"),
        ]),
    )


def cite_page(title: str, url: str, page_url: str, site_name: str, last_changed: str | None) -> Citation:
    """A page of this site: its title, address and (when git history exists) the date it last changed."""
    changed = f" Last changed {last_changed}." if last_changed else ""
    key = f"{_slug(site_name.split(',')[0])}:{_slug(page_url) or 'home'}"
    fields = [("title", title), ("howpublished", site_name)]
    if last_changed:
        fields += [("year", last_changed[:4]), ("note", f"Last changed {last_changed}")]
    return Citation(
        text=f'"{title}." In {site_name}.{changed} {url}',
        bibtex=_bibtex("misc", key, [*fields, ("url", url)]),
    )


def cite_block(data: SiteData, title: str, url: str, page_url: str, site_name: str, last_changed: str | None) -> str:
    """The 'Cite this' section, as Markdown with fenced code blocks (Material gives them copy buttons)."""
    source, page = cite_source(data.source), cite_page(title, url, page_url, site_name, last_changed)
    longest = max((len(run) for run in re.findall(r"`+", source.text + source.bibtex + page.text + page.bibtex)), default=0)
    fence = "`" * max(3, longest + 1)
    return _env().get_template("cite.html").render(source=source, page=page, fence=fence).strip() + "\n"


# ---------------------------------------------------------------- frame map (/map/)
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
    note: str | None


@dataclass(frozen=True)
class MapEdge:
    """One drawn arc: a typed link, or two opposite links of the same type merged."""

    type: str
    number: int  # the badge number, shared with the legend
    dash: str
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
    phrase: str  # "A explains why B matters"


@dataclass(frozen=True)
class MapLayout:
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


def _map_boundary(frame: Frame, order: dict[str, int]) -> int | None:
    """Index i when a frame belongs to groups i and i+1 (it is drawn on their boundary), else None."""
    for other in frame.also_in:
        if other in order and abs(order[other] - order[frame.group]) == 1:
            return min(order[other], order[frame.group])
    return None


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


def _map_boxes(data: SiteData) -> tuple[list[MapBand], list[MapNode], float]:
    """Bands top to bottom in group order, each with its frames' boxes; frames in two neighbouring
    groups go last in the upper band, and the boundary between the bands runs through their middle."""
    groups = list(data.groups.values())
    order = {group.id: index for index, group in enumerate(groups)}
    boundary = {frame.id: _map_boundary(frame, order) for frame in data.frames.values()}

    def box(frame: Frame, y: float) -> MapNode:
        if boundary[frame.id] is not None:
            note = "in both groups"
        else:
            others = [data.groups[g].title for g in frame.also_in if g in data.groups]
            note = f"also in {' and '.join(others)}" if others else None
        lines = wrap_words(frame.title, MAP_NODE_WIDTH - 2 * MAP_NODE_PADDING, MAP_TITLE_SIZE)
        height = 12 + MAP_LINE_HEIGHT * len(lines) + (MAP_NOTE_SIZE + 4 if note else 0)
        return MapNode(frame, MAP_NODE_X, y, MAP_NODE_WIDTH, height, lines, note)

    bands: list[MapBand] = []
    nodes: list[MapNode] = []
    y = top = 4.0

    def place(frames: list[Frame]) -> None:
        nonlocal y
        for frame in frames:
            nodes.append(box(frame, y))
            y = nodes[-1].y + nodes[-1].height + MAP_NODE_GAP

    for index, group in enumerate(groups):
        label_y = y + MAP_HEADER_HEIGHT - 10
        y += MAP_HEADER_HEIGHT
        place([f for f in data.frames.values() if f.group == group.id and boundary[f.id] is None])
        spanning = [f for f in data.frames.values() if boundary[f.id] == index]
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


def _map_arcs(data: SiteData, nodes: list[MapNode]) -> tuple[list[MapEdge], list[MapLegendItem]]:
    """One arc right of the boxes per typed link (two opposite links of one type share an arc),
    reaching further the further apart its frames are, with the legend of the types in use."""
    by_id = {node.frame.id: node for node in nodes}
    merged: dict[tuple[str, frozenset[str]], list[tuple[str, str]]] = {}
    for frame in data.frames.values():
        for link in frame.links:
            merged.setdefault((link.type, frozenset((frame.id, link.to))), []).append((frame.id, link.to))
    pairs = list(merged.items())
    used_types = [t for t in LINK_TYPES if any(link_type == t for link_type, _ in merged)]
    number = {t: i + 1 for i, t in enumerate(used_types)}
    dash = {t: MAP_DASHES[i % len(MAP_DASHES)] for i, t in enumerate(LINK_TYPES)}

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
            type=link_type, number=number[link_type], dash=dash[link_type], source=source, target=target,
            both_ways=len(links) > 1, badge_x=badge[0], badge_y=badge[1], reach=reach,
            path=f"M {x:.1f} {y1:.1f} C {x + reach:.1f} {y1:.1f} {x + reach:.1f} {y2:.1f} {x:.1f} {y2:.1f}",
        ))
    legend = [MapLegendItem(t, number[t], dash[t], "A " + LINK_TYPES[t][0].format(target="B")) for t in used_types]
    return edges, legend


def frame_map_layout(data: SiteData) -> MapLayout:
    """Positions of bands, boxes, arcs and legend entries, computed from the data alone."""
    bands, nodes, height = _map_boxes(data)
    edges, legend = _map_arcs(data, nodes)
    # A cubic arc bulges to 3/4 of its reach; keep the furthest one and its badge inside.
    widest = max((MAP_NODE_X + MAP_NODE_WIDTH + 0.75 * e.reach + MAP_BADGE_RADIUS + 4 for e in edges), default=0)
    return MapLayout(max(MAP_WIDTH, round(widest)), round(height, 1), tuple(bands), tuple(nodes), tuple(edges), tuple(legend))


def frame_map(data: SiteData, root: str, current: str | None = None) -> str:
    """The frame map as inline SVG with its legend and, in words, every link it draws."""
    layout = frame_map_layout(data)
    sentences = [
        (frame, link_sentence(LINK_TYPES[link.type][0]), data.frames[link.to], link)
        for frame in data.frames.values()
        for link in frame.links
    ]
    numbers = {item.type: item.number for item in layout.legend}
    return _render(
        "frame_map.html", layout=layout, root=root, current=current, sentences=sentences, numbers=numbers,
        title_size=MAP_TITLE_SIZE, note_size=MAP_NOTE_SIZE, line_height=MAP_LINE_HEIGHT, padding=MAP_NODE_PADDING,
        badge_radius=MAP_BADGE_RADIUS, badge_size=MAP_BADGE_SIZE,
    )


# ---------------------------------------------------------------- permanent addresses: redirect stubs, data links


def redirect_page(old_path: str, live_path: str, title: str, site_url: str) -> str:
    """The stub written at an old page path: it sends readers on to the live page, keeping the #fragment."""
    canonical = (site_url.rstrip("/") + "/" + live_path) if site_url else "/" + live_path
    return _render("redirect.html", target=root_prefix(old_path) + live_path, canonical=canonical, title=title) + "\n"


def data_entry_url(repo_url: str, edit_uri: str, data_file: str, line: int) -> str:
    """The repository address of one line of a data file, on the branch that edit_uri names."""
    parts = edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"
    return f"{repo_url.rstrip('/')}/blob/{branch}/{data_file}#L{line}"


# ---------------------------------------------------------------- glossary tooltips
# Glossary terms in a page's finished HTML become <abbr data-tip="Term: definition">, which site.css
# shows as a tooltip on hover and on keyboard focus, without script (no title: the browser would
# show its own tooltip too). The first mention of each term on a page also links to its glossary
# entry; the link sits inside the <abbr>, so focusing it (Tab) shows the tooltip, and it carries the
# definition as its aria-description for screen readers. Working on the HTML, not the Markdown,
# reaches the text of macro output too (theses, crux tables) and lets headings, links and code stay
# unmarked, which Python-Markdown's abbr cannot do.

# Single words a reader also meets in their everyday sense get no tooltip on their own; they
# still get one inside a longer term ("proxy objective").
EVERYDAY_WORDS = frozenset({
    "agent", "agents", "capabilities", "capability", "circuit", "circuits", "crux", "cruxes",
    "frame", "frames", "framing", "framings", "oracle", "oracles", "policy", "policies",
    "proxy", "proxies",
})
# Text inside these is never marked: headings, links, code, titles of works, existing tooltips,
# navigation, drawings.
UNMARKED_TAGS = frozenset({
    "a", "abbr", "button", "caption", "cite", "code", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "kbd",
    "label", "nav", "pre", "q", "samp", "script", "select", "style", "summary", "svg", "textarea", "title",
})
UNMARKED_CLASSES = frozenset({"glossary", "reading-time"})  # the glossary's own entries; page metadata


@dataclass(frozen=True)
class TermMatcher:
    """Every spelling that gets a tooltip, each with its glossary entry, and one regex for them all."""

    pattern: re.Pattern[str] | None
    terms: dict[str, Term]
    # The partial's HTML around the text, by term id, first mention or not, and link address:
    # filled while pages are marked, so each is rendered once. A build makes a new matcher.
    tooltips: dict[tuple[str, bool, str], tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)


def gets_tooltip(form: str) -> bool:
    """Abbreviations and multi-word terms always; a single word unless it is an everyday word."""
    if " " in form or "-" in form or sum(char.isupper() for char in form) >= 2:
        return True
    return form.lower() not in EVERYDAY_WORDS


def _spellings(form: str) -> list[str]:
    """A form as written, capitalized to start a sentence, and in lower case within one.

    Not in Title Case: that is how the titles of works are written ("The Core of the Alignment
    Problem is..."), and a tooltip would split them up."""
    variants = [form, form[:1].upper() + form[1:]]
    if form[1:2].islower():
        variants.append(form[:1].lower() + form[1:])
    return variants


def joined_words(text: str) -> str:
    """Text with each run of spaces, line breaks or hyphens between words made one space."""
    return re.sub(r"[\s-]+", " ", text)


def _spelling_regex(spelling: str) -> str:
    """A regex for a spelling whose words may be split by a space, a line break or a hyphen ("outer-alignment")."""
    return r"(?:\s+|-)".join(re.escape(word) for word in spelling.split(" "))


def term_matcher(terms: list[Term]) -> TermMatcher:
    """The spellings of every glossary term that gets a tooltip; on a clash the earlier entry wins."""
    found: dict[str, Term] = {}
    for term in terms:
        for form in (term.abbr, term.term, *term.also_matches):
            if form and gets_tooltip(form):
                for spelling in _spellings(form):
                    found.setdefault(joined_words(spelling), term)
    if not found:
        return TermMatcher(None, {})
    # Longest first, so "large language model" wins over "language model" where both start; the
    # guards keep "optimizer" in "mesa-optimizer" and "LM" in "LMs" from matching alone. Grouped
    # by first character, so the regex tries a few spellings at each word instead of all of them:
    # spellings that start differently never match at the same place, so the order still holds.
    by_first: dict[str, list[str]] = {}
    for spelling in sorted(found, key=lambda s: (-len(s), s)):
        by_first.setdefault(spelling[0], []).append(_spelling_regex(spelling[1:]))
    alternatives = "|".join(f"{_spelling_regex(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items())
    return TermMatcher(re.compile(rf"(?<![\w-])(?:{alternatives})(?!\w)"), found)


# An attribute of a start tag: its name and its value, quoted or bare.
_ATTRIBUTE = re.compile(r"""([^\s/>=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
# Stands in for the matched text while the partial renders: autoescape turns every '<' of the data
# into '&lt;', so this can only come from the slot.
_TEXT_SLOT = "<glossary-term-text/>"


def _render_inline(template: str, **context) -> str:
    """A one-line fragment for use inside running text (no line breaks)."""
    return " ".join(_env().get_template(template).render(**context).split("\n")).strip()


def _unmarks(attrs: str) -> bool:
    """Whether a start tag's attributes keep its text plain: a title of its own, or an unmarked class."""
    values = {name.lower(): value for name, value in _ATTRIBUTE.findall(attrs)}
    if "title" in values:
        return True
    classes = values.get("class", "")
    if classes[:1] in ("'", '"'):
        classes = classes[1:-1]
    return bool(UNMARKED_CLASSES.intersection(unescape(classes).split()))


def _term_parts(term: Term, first: bool, href: str) -> tuple[str, str]:
    """The partial's HTML before and after the matched text, for one term, linked or not."""
    html = _render_inline("glossary_term.html", text=_TEXT_SLOT, term=term, first=first, href=href)
    before, _, after = html.partition(_TEXT_SLOT)
    return before, after


def mark_glossary_terms(html: str, matcher: TermMatcher, glossary_href: str) -> str:
    """The page's HTML with every glossary term explained by a tooltip, the first of each linked."""
    if matcher.pattern is None:
        return html
    linked: set[str] = set()

    def wrap(match: re.Match[str]) -> str:
        """A found term in its tooltip, linked to its glossary entry at its first mention."""
        text = match.group(0)
        term = matcher.terms[joined_words(text)]
        first = term.id not in linked
        linked.add(term.id)
        key = (term.id, first, f"{glossary_href}#term-{term.id}")
        if key not in matcher.tooltips:
            matcher.tooltips[key] = _term_parts(term, first, key[2])
        before, after = matcher.tooltips[key]
        # _render_inline makes the fragment one line, so a line break inside the text becomes a space.
        return before + text.replace("\n", " ") + after

    return map_text(html, lambda text: matcher.pattern.sub(wrap, text),
                    keeps=lambda tag, attrs: tag in UNMARKED_TAGS or _unmarks(attrs))


# ---------------------------------------------------------------- macro HTML, unparsed
# To Python-Markdown a macro's HTML is raw HTML, which it parsed again with a pure-Python HTML
# parser (md_in_html's: about a tenth of a build) only to put it back unchanged. Marked by
# `unparsed`, it goes straight into Markdown's stash of raw HTML instead: after MkDocs has read its
# ids (for checking links to anchors), before Markdown looks for HTML blocks. Output with
# markdown="..." attributes, whose contents Markdown must read (the headings of the crux explorer
# and the stance page), is not marked. Left in a page by mistake, the marks are HTML comments.
_UNPARSED_START, _UNPARSED_END = "<!--unparsed-->", "<!--/unparsed-->"
_UNPARSED = re.compile(re.escape(_UNPARSED_START) + "(.*?)" + re.escape(_UNPARSED_END), re.DOTALL)


def unparsed(html: str) -> str:
    """Macro HTML marked to skip Markdown's HTML parser (see UnparsedHtml)."""
    return _UNPARSED_START + html + _UNPARSED_END


class UnparsedHtml(Extension):
    """Python-Markdown extension: HTML marked by `unparsed` goes into the raw HTML stash as it is."""

    def extendMarkdown(self, md) -> None:
        # MkDocs reads ids from raw HTML at 21; Markdown looks for HTML blocks at 20.
        md.preprocessors.register(_UnparsedHtmlPreprocessor(md), "unparsed_html", 20.5)


class _UnparsedHtmlPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if _UNPARSED_START not in text:
            return lines
        return _UNPARSED.sub(lambda match: self.md.htmlStash.store(match.group(1)), text).split("\n")


class HtmlPass(Extension):
    """Python-Markdown extension that runs a function over each page's finished HTML."""

    def __init__(self, name: str, priority: int, transform: Callable[[str], str]):
        super().__init__()
        self.name, self.priority, self.transform = name, priority, transform

    def extendMarkdown(self, md) -> None:
        # Python-Markdown also runs the postprocessors over each heading's inner HTML while it builds
        # the table of contents and the title; a treeprocessor that runs after all others marks
        # the point from which the text is the whole page. (MkDocs makes a Markdown per page.)
        tree_done = _TreeDone(md)
        md.treeprocessors.register(tree_done, f"{self.name}_tree_done", -100)
        # Postprocessors run by falling priority; raw HTML is restored at 30, so a low number sees it all.
        md.postprocessors.register(_HtmlPassPostprocessor(md, self.transform, tree_done), self.name, self.priority)


class _TreeDone(Treeprocessor):
    done = False

    def run(self, root) -> None:
        self.done = True


class _HtmlPassPostprocessor(Postprocessor):
    def __init__(self, md, transform: Callable[[str], str], tree_done: _TreeDone):
        super().__init__(md)
        self.transform, self.tree_done = transform, tree_done

    def run(self, text: str) -> str:
        return self.transform(text) if self.tree_done.done else text


# ---------------------------------------------------------------- reading time

WORDS_PER_MINUTE = 200  # explanatory prose with tables reads slower than a novel
# Navigation, drawings and scripts are not read as text.
UNREAD = re.compile(r"<(nav|svg|script|style)\b.*?</\1>", re.DOTALL)


def reading_minutes(html: str) -> int:
    """Estimated minutes to read a page's finished HTML, counting the words of its text; at least one."""
    text = unescape(re.sub(r"<[^>]+>", " ", UNREAD.sub(" ", html)))
    words = re.findall(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*", text)
    return max(1, round(len(words) / WORDS_PER_MINUTE))


def with_reading_time(html: str) -> str:
    """The page's HTML with its estimated reading time right under the title (or on top without one)."""
    note = _render("reading_time.html", minutes=reading_minutes(html))
    title_end = html.find("</h1>")
    if title_end < 0:
        return f"{note}\n{html}"
    cut = title_end + len("</h1>")
    return f"{html[:cut]}\n{note}{html[cut:]}"
