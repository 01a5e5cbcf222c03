"""Which edition first published a frame or crux and which last revised it in substance, and the edition to cite."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .. import urls
from ..model.editions import Edition
from ..model import SiteData


@dataclass(frozen=True)
class Revisions:
    """A page's editions: first published, last substantive revision, whether it changed since, and the edition to cite."""

    first: str | None
    last: str | None
    changed_since: bool  # the current words differ from the latest edition that has it
    archived_path: str | None  # the latest edition's page of it, when its words are the current ones
    archived_edition: str | None = None  # that edition


def _history(editions: list[Edition], signature: Callable[[Edition], Any]) -> tuple[str | None, str | None, Any]:
    first = last = None
    previous = None
    for edition in editions:
        found = signature(edition)
        if found is None:
            previous = None
            continue
        first = first or edition.name
        if previous != found:
            last = edition.name
        previous = found
    return first, last, previous


def crux_history(editions: list[Edition], crux: str) -> tuple[str, str] | None:
    """(first edition that has the crux, last edition that changed its words), or None if no edition has it."""
    first, last, _ = _history(editions, lambda e: e.cruxes[crux]["text"] if crux in e.cruxes else None)
    return (first, last) if first else None


def _frame_signature(edition: Edition, frame: str) -> tuple | None:
    """What a substantive change of a frame changes: its title, thesis and the words of the cruxes it defines."""
    owner = edition.owners.get(frame)
    if owner is None:
        return None
    own = tuple(c["text"] for c in edition.cruxes.values() if c["defined_in"] == frame)
    return owner["title"], owner["thesis"], tuple(owner["cruxes"]), own


def crux_revisions(data: SiteData, editions: list[Edition], crux: str) -> Revisions:
    """The editions of a crux, against its current words."""
    first, last, latest = _history(editions, lambda e: e.cruxes[crux]["text"] if crux in e.cruxes else None)
    current = data.cruxes[crux].crux.text
    same = latest is not None and latest == current and crux in editions[-1].cruxes
    return Revisions(first, last, latest is not None and latest != current,
                     urls.edition_crux_path(editions[-1].name, crux) if same else None, editions[-1].name if same else None)


def frame_revisions(data: SiteData, editions: list[Edition], frame: str) -> Revisions:
    """The editions of a frame, against its current title, thesis and cruxes."""
    first, last, latest = _history(editions, lambda e: _frame_signature(e, frame))
    owner = data.frames[frame]
    own = tuple(entry.crux.text for entry in data.cruxes.values() if entry.owner == frame)
    ids = tuple(getattr(item, "ref", None) or item.id for item in owner.cruxes)
    current = (owner.title, owner.thesis, ids, own)
    same = latest is not None and latest == current and frame in editions[-1].owners
    return Revisions(first, last, latest is not None and latest != current,
                     urls.edition_owner_path(editions[-1].name, frame, False) if same else None,
                     editions[-1].name if same else None)


def since_read(data: SiteData, editions: list[Edition], owner_id: str, root: str) -> str:
    """The "changed since you last read" notice of a frame or group page: each crux it lists, with the edition that
    last revised it and that change's place on the changes page; nothing before the first edition."""
    from .crux_tree import crux_rows
    from .templates import render

    if not editions:
        return ""
    items = []
    for row in crux_rows(data, owner_id):
        history = crux_history(editions, row.crux.id)
        # Revised in a later edition than the first that had it: the changes page has its diff.
        if history and history[1] != editions[0].name:
            items.append({"number": row.number, "edition": history[1],
                          "href": root + urls.CHANGES + "#" + urls.change_crux_id(history[1], row.crux.id)})
    return render("since_read.html", latest=editions[-1].name, items=items, changes_href=root + urls.CHANGES,
                  script=root + urls.ASSETS + "js/since-read.js")
