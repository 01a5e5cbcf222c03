"""Pure functions from the validated data to HTML fragments for the pages.

Nothing here imports MkDocs: each function takes the data and the relative path from the
current page to the site root, and returns a string. The HTML itself lives in templates/.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .model import JOINS, LINK_TYPES, Crux, CruxRef, Frame, Group, SiteData

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
    owner = data.owner(owner_id)
    rows: list[CruxRow] = []

    def walk(items: list, prefix: str, depth: int, join: str | None) -> None:
        for index, item in enumerate(items, 1):
            number = f"{prefix}{index}"
            is_ref = isinstance(item, CruxRef)
            crux = data.cruxes[item.ref].crux if is_ref else item
            entry = data.cruxes[crux.id]
            users = data.relied_on_by[crux.id]
            rows.append(CruxRow(
                crux=crux,
                number=number,
                depth=depth,
                join=join,
                is_ref=is_ref,
                defined_in=data.owner(entry.owner),
                also_for=[data.owner(uid) for uid in users if uid != owner_id],
            ))
            if not is_ref and crux.join:
                walk(crux.children, f"{number}.", depth + 1, JOINS[crux.join])

    walk(owner.cruxes, "", 0, None)
    return rows


def link_sentence(template: str) -> tuple[str, str]:
    """Split a relation phrase around its placeholder: ('explains why ', ' matters')."""
    placeholder = "{target}" if "{target}" in template else "{source}"
    before, _, after = template.partition(placeholder)
    return before, after


# ---------------------------------------------------------------- fragments


def taxonomy(data: SiteData, root: str, current: str | None = None) -> str:
    """The outer/inner/other taxonomy, with the current frame or group marked."""
    def also(frame: Frame, group_id: str) -> str:
        others = [g for g in (frame.group, *frame.also_in) if g != group_id]
        return " and ".join(data.groups[g].title.lower() for g in others)

    groups = [
        (group, [(frame, also(frame, group.id)) for frame in data.frames_in(group.id)])
        for group in data.groups.values()
    ]
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
        groups = [data.groups[owner.group], *(data.groups[g] for g in owner.also_in)]
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
