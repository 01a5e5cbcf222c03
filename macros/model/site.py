"""The validated data plus the indexes the pages need, computed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from .crux_words import claim_sentence, crux_heading
from .models import Crux, CruxRef, Frame, FramesFile, GlossaryFile, Group, Link, Source, Verdict


@dataclass
class CruxEntry:
    """A crux with where it sits: the frame or group that defines it, its parent and depth."""

    crux: Crux
    owner: str
    parent: str | None
    depth: int


@dataclass
class SiteData:
    """Validated data plus the indexes the pages need, computed once."""

    frames_file: FramesFile
    glossary: GlossaryFile
    data_file: str = "data/frames.yml"
    """The data file as shown to contributors, relative to the project."""
    entry_lines: dict[str, int] = field(default_factory=dict)
    """Frame or group id -> the line of its '- id:' entry in the data file."""
    frames: dict[str, Frame] = field(init=False)
    groups: dict[str, Group] = field(init=False)
    cruxes: dict[str, CruxEntry] = field(init=False)

    def __post_init__(self) -> None:
        self.frames = {f.id: f for f in self.frames_file.frames}
        self.groups = {g.id: g for g in self.frames_file.groups}
        self.cruxes = {}
        for owner in [*self.frames_file.groups, *self.frames_file.frames]:
            for item in owner.cruxes:
                self._index(item, owner.id, None, 0)

    def _index(self, item: Crux | CruxRef, owner: str, parent: str | None, depth: int) -> None:
        if isinstance(item, CruxRef):
            return
        self.cruxes[item.id] = CruxEntry(item, owner, parent, depth)
        for child in item.children:
            self._index(child, owner, item.id, depth + 1)

    @property
    def source(self) -> Source:
        return self.frames_file.source

    @property
    def verdict(self) -> Verdict:
        return self.frames_file.verdict

    def owner(self, owner_id: str) -> Frame | Group:
        """The frame or group with this id."""
        return self.frames.get(owner_id) or self.groups[owner_id]

    def frames_in(self, group_id: str) -> tuple[Frame, ...]:
        """Frames whose primary or secondary group is this one, in data order."""
        return self._frames_by_group.get(group_id, ())

    @cached_property
    def _frames_by_group(self) -> dict[str, tuple[Frame, ...]]:
        # Every page's taxonomy asks for each group's frames: one pass over the frames serves them all.
        members: dict[str, list[Frame]] = {}
        for frame in self.frames.values():
            for group_id in dict.fromkeys(frame.group_ids):
                members.setdefault(group_id, []).append(frame)
        return {group_id: tuple(frames) for group_id, frames in members.items()}

    @cached_property
    def relied_on_by(self) -> dict[str, list[str]]:
        """Crux id -> ids of the frames and groups that list it, its owner first."""
        users: dict[str, list[str]] = {cid: [entry.owner] for cid, entry in self.cruxes.items()}
        for owner in [*self.frames_file.groups, *self.frames_file.frames]:
            for ref in iter_refs(owner.cruxes):
                if owner.id not in users[ref.ref]:
                    users[ref.ref].append(owner.id)
        return users

    @cached_property
    def owner_aliases(self) -> dict[str, str]:
        """Old id -> live id, for every alias of a frame or group."""
        owners = [*self.frames_file.groups, *self.frames_file.frames]
        return {alias: owner.id for owner in owners for alias in owner.aliases}

    @cached_property
    def crux_aliases(self) -> dict[str, str]:
        """Old id -> live id, for every alias of a crux."""
        return {alias: cid for cid, entry in self.cruxes.items() for alias in entry.crux.aliases}

    @cached_property
    def crux_numbers(self) -> dict[str, str]:
        """Crux id -> its number in the list of the frame or group that defines it ('2.1'), as every page numbers it."""
        numbers: dict[str, str] = {}

        def walk(items: list[Crux | CruxRef], prefix: str) -> None:
            for i, item in enumerate(items, 1):
                if isinstance(item, Crux):
                    numbers[item.id] = f"{prefix}{i}"
                    walk(item.children, f"{prefix}{i}.")

        for owner in [*self.frames_file.groups, *self.frames_file.frames]:
            walk(owner.cruxes, "")
        return numbers

    def crux_place(self, crux: str) -> str:
        """Where a crux is defined and its number there ('The Pointers Problem, crux 2.1')."""
        owner = self.owner(self.cruxes[crux].owner)
        kind = "general crux" if owner.id in self.groups else "crux"
        return f"{owner.title}, {kind} {self.crux_numbers[crux]}"

    def crux_title(self, crux: str) -> str:
        """A crux's title, for its page, link previews and citations: its place and its words, shortened with care."""
        return crux_heading(self.crux_place(crux), self.cruxes[crux].crux.text)

    def crux_description(self, crux: str) -> str:
        """A crux's words as complete sentences; one that rests on nested cruxes says so."""
        entry = self.cruxes[crux].crux
        return claim_sentence(entry.text, len(entry.children))

    def owner_groups(self, owner_id: str) -> list[str]:
        """The groups a frame belongs to (primary first), or the group itself."""
        if owner_id in self.groups:
            return [owner_id]
        return list(self.frames[owner_id].group_ids)

    @cached_property
    def backlinks(self) -> dict[str, list[tuple[Frame, Link]]]:
        """Frame id -> (source frame, link) for every link that points at it."""
        result: dict[str, list[tuple[Frame, Link]]] = {fid: [] for fid in self.frames}
        for frame in self.frames.values():
            for link in frame.links:
                result[link.to].append((frame, link))
        return result


def iter_cruxes(items: list[Crux | CruxRef]) -> Iterator[Crux | CruxRef]:
    """Every crux and reference in a list, depth first."""
    for item in items:
        yield item
        if isinstance(item, Crux):
            yield from iter_cruxes(item.children)


def iter_refs(items: list[Crux | CruxRef]) -> Iterator[CruxRef]:
    return (item for item in iter_cruxes(items) if isinstance(item, CruxRef))

