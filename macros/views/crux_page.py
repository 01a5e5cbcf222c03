"""The page of one crux (/cruxes/<id>/): its text, where it sits, who relies on it, the discussion, how to cite it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import urls
from ..model import JOINS, Crux, CruxRef, Frame, Group, SiteData
from .templates import environment

# How a nested crux relates to its parent, as a phrase before the parent's text.
_ROLE = {"because": "One of the reasons given for", "any_of": "One of the alternatives, at least one of which gives",
         "all_of": "One of the conditions, all of which give"}


@dataclass(frozen=True)
class CruxSummary:
    """A crux as another crux's page mentions it: its id, number and owner, text, and whether it is defined elsewhere."""

    crux: Crux
    number: str
    owner: Frame | Group
    is_ref: bool = False


def _summary(data: SiteData, crux: str, numbers: dict[str, str], is_ref: bool = False) -> CruxSummary:
    entry = data.cruxes[crux]
    return CruxSummary(entry.crux, numbers[crux], data.owner(entry.owner), is_ref)


def crux_page_facts(data: SiteData, crux: str, reported: dict[str, bool]) -> dict[str, Any]:
    """What a crux's page says about it, for its page and its Markdown twin. `reported`: owner id -> whether its page
    has a 'Critiques and replies' section, for the owners whose pages report the discussion under the post."""
    numbers = data.crux_numbers
    entry = data.cruxes[crux]
    owner = data.owner(entry.owner)
    groups = [data.groups[g] for g in owner.group_ids] if isinstance(owner, Frame) else [owner]
    parent = _summary(data, entry.parent, numbers) if entry.parent else None
    role = _ROLE[data.cruxes[entry.parent].crux.join] if entry.parent else None
    children = [_summary(data, item.ref if isinstance(item, CruxRef) else item.id, numbers, isinstance(item, CruxRef))
                for item in entry.crux.children]
    users = [data.owner(oid) for oid in data.relied_on_by[crux]]
    discussed = [(user, reported[user.id]) for user in users if user.id in reported]
    return dict(
        crux=entry.crux,
        number=numbers[crux],
        owner=owner,
        owner_is_group=owner.id in data.groups,
        groups=groups,
        parent=parent,
        role=role,
        children=children,
        join=JOINS[entry.crux.join].heading if entry.crux.join else None,
        users=users,
        discussed=discussed,
    )


def crux_page(data: SiteData, crux: str, root: str, reported: dict[str, bool]) -> str:
    """The body of a crux's page (`reported`: as for crux_page_facts)."""
    # Markdown around raw HTML blocks: the blank lines that separate them stay.
    return environment().get_template("crux_page.html").render(
        links=urls.Links(data, root), **crux_page_facts(data, crux, reported)).strip() + "\n"
