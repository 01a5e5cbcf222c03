"""Making an edition: tag a commit `edition-YYYY-MM` and write what its data said into data/editions/YYYY-MM.json.

The snapshot is the /frames.json document of that commit, with the edition's date and commit; builds read
it (macros/model/editions.py) and never git. Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ..model import load
from ..model.editions import EDITION, FOLDER, SNAPSHOT_VERSION, EditionError, read_editions, tag_of
from ..model.export import frames_document


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
