"""Checks of a validated glossary that need the whole file: unique term ids, and frames that exist."""

from __future__ import annotations

from typing import Any

from .models import GlossaryFile
from .problems import Problem
from .wording import suggest
from .yaml_positions import dotted, position


def check_glossary(glossary: GlossaryFile, raw: Any, display: str, frame_ids: set[str] | None) -> list[Problem]:
    """Term ids used twice, and frames named by a term that the data does not have (when the frame ids are known)."""
    problems = []
    seen: dict[str, int] = {}
    for ti, term in enumerate(glossary.terms):
        if term.id in seen:
            loc = ("terms", ti, "id")
            problems.append(Problem(display, *position(raw, loc), dotted(loc), f"duplicate term id '{term.id}'"))
        seen.setdefault(term.id, ti)
        for fi, fid in enumerate(term.frames):
            if frame_ids is not None and fid not in frame_ids:
                loc = ("terms", ti, "frames", fi)
                problems.append(Problem(display, *position(raw, loc), dotted(loc),
                                        f"no frame with id '{fid}'{suggest(fid, frame_ids)}"))
    return problems
