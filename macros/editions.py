"""Editions: dated, unchanging releases of the content, made from git tags and kept as committed snapshots.

`python -m macros.cli edition 2026-12` tags a commit `edition-2026-12` and writes what its data said into
data/editions/2026-12.json (the /frames.json document of that commit, with the edition's date and commit).
Builds read the snapshots only, never git: a shallow clone or a tarball builds every edition, and a build
costs no more than rendering them. Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .export import frames_document
from .model import load

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
    """Every committed edition, oldest first; read again only when a snapshot changed (Zensical asks on every page)."""
    folder = project / FOLDER
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    key = (folder, tuple((p.name, p.stat().st_mtime_ns) for p in paths))
    if _read.get("key") != key:
        _read.update(key=key, editions=_read_snapshots(paths))
    return _read["editions"]


_read: dict = {}


def _read_snapshots(paths: list[Path]) -> list[Edition]:
    editions = []
    for path in paths:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("snapshot_version") != SNAPSHOT_VERSION or raw.get("edition") != path.stem:
            raise EditionError(f"{FOLDER / path.name}: not an edition snapshot of version {SNAPSHOT_VERSION} named {path.stem}")
        editions.append(Edition(raw["edition"], raw["date"], raw["commit"], raw["document"]))
    return editions


def _git(project: Path, *args: str) -> str:
    run = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, timeout=60, check=False)
    if run.returncode != 0:
        raise EditionError(f"git {' '.join(args)}: {run.stderr.strip() or 'failed'}")
    return run.stdout


def snapshot_at(project: Path, name: str, ref: str) -> dict[str, Any]:
    """The snapshot of edition `name`: the data of the commit `ref` names, checked as any build checks it."""
    commit = _git(project, "rev-parse", f"{ref}^{{commit}}").strip()
    date = _git(project, "show", "-s", "--format=%cs", commit).strip()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        for name_in_data in ("frames.yml", "glossary.yml"):
            (folder / name_in_data).write_text(_git(project, "show", f"{commit}:data/{name_in_data}"), encoding="utf-8")
        data = load(folder / "frames.yml", folder / "glossary.yml", root=Path(tmp))
    # Paths from the site's root ('/frames/x/'): the snapshot does not depend on where the site is served.
    return {"snapshot_version": SNAPSHOT_VERSION, "edition": name, "date": date, "commit": commit,
            "document": frames_document(data, "")}


def snapshot_text(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n"


def make_edition(project: Path, name: str, ref: str = "HEAD") -> Path:
    """Tag `ref` as edition `name` (unless the tag exists) and write its snapshot; refuse a bad or taken name."""
    if not EDITION.match(name):
        raise EditionError(f"'{name}' is not an edition name: write the year and month, e.g. 2026-12")
    path = project / FOLDER / f"{name}.json"
    if path.exists():
        raise EditionError(f"{FOLDER / path.name} exists: an edition never changes; name a new one")
    existing = [e.name for e in read_editions(project)]
    if existing and name <= max(existing):
        raise EditionError(f"edition {name} would come before edition {max(existing)}: editions are dated in order")
    tags = _git(project, "tag", "--list", tag_of(name)).split()
    if not tags:
        _git(project, "tag", "-a", tag_of(name), "-m", f"Edition {name}", ref)
    snapshot = snapshot_at(project, name, tag_of(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(snapshot_text(snapshot), encoding="utf-8")
    return path
