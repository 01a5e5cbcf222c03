"""The cruxes of a frame or group as one numbered tree, shared by the crux tables, the explorer and the stance page."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import JOINS, Crux, CruxRef, Frame, Group, SiteData


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


def ends_with_phrase(text: str, phrase: str) -> bool:
    """Whether a parent crux's text already ends with its join's words ("..., because")."""
    return text.rstrip(" :;,.").lower().endswith(phrase.lower())


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
            phrase = JOINS[item.crux.join].phrase if item.join else None
            # "... a distribution shift, because" needs no "because:" again before each reason.
            flatten(item.children, depth + 1, None if phrase and ends_with_phrase(item.crux.text, phrase) else phrase)

    flatten(crux_items(data, owner_id), 0, None)
    return rows


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
        groups = list(dict.fromkeys(g for oid in counts_for for g in data.owner_groups(oid)))
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
            join=None if (is_ref or single or not crux.join) else JOINS[crux.join].heading,
            children=children,
        )

    return [build(item, str(i), None) for i, item in enumerate(data.owner(owner_id).cruxes, 1)]


def crux_sections(data: SiteData) -> list[tuple[Group, list[tuple[Frame | Group, list[str], list[CruxItem]]]]]:
    """Each group with its own general cruxes first, then the frames filed under it (primary group)."""
    sections = []
    for group in data.groups.values():
        owners = [group, *(f for f in data.frames.values() if f.group == group.id)]
        entries = [(owner, data.owner_groups(owner.id), crux_items(data, owner.id)) for owner in owners]
        # A group without general cruxes needs no section of its own.
        sections.append((group, [e for e in entries if e[2] or e[0].id != group.id]))
    return sections
