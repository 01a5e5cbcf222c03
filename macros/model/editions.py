"""Editions as builds read them: the committed snapshots in data/editions/, oldest first.

An edition is the content as it read on a date (made by `python -m macros.cli edition`, macros/cli/snapshots.py).
Builds read the snapshots only, never git: a shallow clone or a tarball builds every edition.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import SiteData

EDITION = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
TAG_PREFIX = "edition-"
FOLDER = Path("data") / "editions"
SNAPSHOT_VERSION = 1


class EditionError(Exception):
    """An edition cannot be made or read; the message says why."""


@dataclass(frozen=True)
class Edition:
    """One edition as its snapshot holds it: name (YYYY-MM), date, commit, and the data document of that commit."""

    name: str
    date: str
    commit: str
    document: dict[str, Any] = field(repr=False)

    @cached_property
    def cruxes(self) -> dict[str, dict[str, Any]]:
        return {crux["id"]: crux for crux in self.document["cruxes"]}

    @cached_property
    def numbers(self) -> dict[str, tuple[str, str]]:
        """Crux id -> (number in its defining frame's or group's list, that owner's id), as the edition numbered them."""
        numbers: dict[str, tuple[str, str]] = {}

        def walk(owner: str, ids: list[str], prefix: str) -> None:
            for i, cid in enumerate(ids, 1):
                crux = self.cruxes[cid]
                if crux["defined_in"] == owner and cid not in numbers:
                    numbers[cid] = (f"{prefix}{i}", owner)
                    walk(owner, crux["children"], f"{prefix}{i}.")

        for owner in self.owners.values():
            walk(owner["id"], owner["cruxes"], "")
        return numbers

    @cached_property
    def owners(self) -> dict[str, dict[str, Any]]:
        """Frame or group id -> its entry, groups marked with kind 'group'."""
        found = {g["id"]: {**g, "kind": "group"} for g in self.document["groups"]}
        found.update({f["id"]: {**f, "kind": "frame"} for f in self.document["frames"]})
        return found

    @property
    def tag(self) -> str:
        return TAG_PREFIX + self.name


def tag_of(name: str) -> str:
    return TAG_PREFIX + name


def read_editions(project: Path) -> list[Edition]:
    """Every committed edition, oldest first; EditionError names a snapshot that is not one."""
    folder = project / FOLDER
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    editions = []
    for path in paths:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("snapshot_version") != SNAPSHOT_VERSION or raw.get("edition") != path.stem:
            raise EditionError(f"{FOLDER / path.name}: not an edition snapshot of version {SNAPSHOT_VERSION} named {path.stem}")
        editions.append(Edition(raw["edition"], raw["date"], raw["commit"], raw["document"]))
    return editions




def removed_cruxes(data: SiteData, editions: list[Edition]) -> list[str]:
    """Cruxes an edition had that are neither on the site nor an old id of one: their addresses say what happened."""
    return sorted({c for e in editions for c in e.cruxes} - set(data.cruxes) - set(data.crux_aliases))
