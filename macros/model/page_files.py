"""Pages on disk against the data: every frame and group has its page, and every page its frame or group."""

from __future__ import annotations

from pathlib import Path

from .cross_refs import CrossChecker
from .models import ID_PATTERN
from .problems import Problem
from .raw_nodes import text_under


def check_page_files(refs: CrossChecker, kind: str, pages_dir: Path, pages_display: str) -> list[Problem]:
    """For kind 'frames' or 'groups': an entry without its page, and a page in the folder without its entry."""
    on_disk = {p.stem for p in pages_dir.glob("*.md") if p.stem != "index"} if pages_dir.is_dir() else set()
    known = refs.frame_ids if kind == "frames" else refs.group_ids
    noun = kind.removesuffix("s")
    problems = []
    for owner_kind, i, node in refs.owners:
        oid = text_under(node, "id")
        if owner_kind == kind and oid is not None and oid not in on_disk and ID_PATTERN.match(oid):
            problems.extend(refs.problem_at((kind, i, "id"), f"no page for this {noun}; create {pages_display}/{oid}.md"))
    for stem in sorted(on_disk - known):
        # A page whose entry only lost its id to a typo is a knock-on of that typo, already reported.
        if not refs.knock_on(stem, refs.broken_ids, refs.frames_unknown):
            problems.append(Problem(f"{pages_display}/{stem}.md", 1, 1, "page",
                                    f"no {noun} with id '{stem}' in {refs.display}; add it there or remove the page"))
    return problems
