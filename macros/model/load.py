"""Loading the data files: every problem in them at once, or the validated site data."""

from __future__ import annotations

from pathlib import Path

from .checks import CrossChecker, check_glossary, items_under, text_under, validate_model
from .models import FramesFile, GlossaryFile
from .problems import DataError, Problem
from .site import SiteData
from .yaml_positions import read_yaml

# ---------------------------------------------------------------- JSON Schema for editors


def json_schema() -> dict:
    """The JSON Schema of data/frames.yml, generated from the models (committed as data/frames.schema.json)."""
    schema = FramesFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "data/frames.yml",
        "description": "Groups, frames, cruxes, links and the verdict of the site. Generated from macros/model/models.py "
                       "by `python -m macros.cli schema`; do not edit by hand.",
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


# ---------------------------------------------------------------- entry point


def load(
    frames_path: Path,
    glossary_path: Path | None = None,
    *,
    pages_dir: Path | None = None,
    root: Path | None = None,
) -> SiteData:
    """Load and check the data files; raise DataError listing every problem found."""
    root = root or frames_path.parent.parent

    def shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    problems: list[Problem] = []
    display = shown(frames_path)
    raw, found = read_yaml(frames_path, display)
    problems.extend(found)
    frames_file = None
    frame_ids: set[str] | None = None
    if raw is not None:
        frames_file, found = validate_model(FramesFile, raw, raw, display)
        problems.extend(found)
        if isinstance(raw, dict):
            checker = CrossChecker(raw, display, {p.path for p in found})
            problems.extend(checker.run(pages_dir, shown(pages_dir) if pages_dir else ""))
            frame_ids = checker.frame_ids

    glossary = GlossaryFile(terms=[])
    if glossary_path is not None:
        gdisplay = shown(glossary_path)
        graw, found = read_yaml(glossary_path, gdisplay)
        problems.extend(found)
        if graw is not None:
            checked, found = validate_model(GlossaryFile, graw, graw, gdisplay)
            problems.extend(found)
            if checked is not None:
                glossary = checked
                problems.extend(check_glossary(glossary, graw, gdisplay, frame_ids))

    if problems:
        raise DataError(problems)
    assert frames_file is not None
    lines = {
        text_under(node, "id"): raw[kind].lc.item(i)[0] + 1
        for kind in ("groups", "frames") for i, node in items_under(raw, kind)
    }
    return SiteData(frames_file, glossary, data_file=display, entry_lines=lines)

