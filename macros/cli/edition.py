"""`edition`: a dated edition, a git tag and the snapshot of its data."""

from __future__ import annotations

import argparse

from .snapshots import EditionError, make_edition, tag_of
from ..model import DataError


def edition(args: argparse.Namespace) -> int:
    """Tag a commit as a dated edition and write its snapshot, data/editions/<name>.json, to commit."""
    try:
        path = make_edition(args.project, args.name, args.ref)
    except (EditionError, DataError) as exc:
        print(f"edition {args.name}: {exc}")
        return 1
    print(f"Tagged {tag_of(args.name)} and wrote {path.relative_to(args.project).as_posix()}: commit it, and push the tag.")
    return 0
