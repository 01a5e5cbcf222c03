"""Loading the data files: every problem in them at once, or the validated site data."""

from __future__ import annotations

from pathlib import Path

from .cross_refs import CrossChecker
from .glossary_checks import check_glossary
from .page_checks import Ids, check_pages
from .page_links import check_links
from .restatements import check_restatements
from .models import FramesFile, GlossaryFile
from .page_files import check_page_files
from .placeholders import placeholders_in_data, placeholders_in_pages
from .problems import DataError, Problem
from .raw_nodes import items_under, text_under
from .site import SiteData
from .structure import Structure
from .wording import validate_model
from .yaml_positions import line_of, read_yaml

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
    docs_dir: Path | None = None,
    allow_placeholders: bool = False,
) -> SiteData:
    """Load and check the data files (and the pages, given docs_dir); raise DataError listing every problem found.

    The build and `python -m macros.cli validate` both come here, so what one accepts the other builds.
    Only new-frame's trial of the entry it is about to write allows its placeholders.
    """
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
    checker = None
    if raw is not None:
        frames_file, found = validate_model(FramesFile, raw, raw, display)
        problems.extend(found)
        if isinstance(raw, dict):
            checker = CrossChecker(raw, display, {p.path for p in found})
            problems.extend(checker.run())
            if pages_dir is not None:
                problems.extend(check_page_files(checker, "frames", pages_dir, shown(pages_dir)))
            if docs_dir is not None:
                problems.extend(check_page_files(checker, "groups", docs_dir / "groups", shown(docs_dir / "groups")))
        if frames_file is not None and not problems:
            problems.extend(Structure(raw, display).frames_file(frames_file))
        if not allow_placeholders:
            problems.extend(placeholders_in_data(raw, frames_path, display))
    # Frame ids are known only from a frames file that parsed with its list of frames.
    frame_ids = checker.frame_ids if checker and not checker.frames_unknown and not checker.broken_ids else None

    glossary = GlossaryFile.model_construct(terms=[])  # no glossary file given: no terms
    if glossary_path is not None:
        checked, found = load_glossary(glossary_path, shown(glossary_path), frame_ids)
        problems.extend(found)
        glossary = checked or glossary

    # The checks of the pages that need the cruxes (macro calls naming one, restated words, links and anchors) run
    # when the data files have no problem: they read the checked data.
    data_files = {display, shown(glossary_path) if glossary_path is not None else display}
    site = None
    if frames_file is not None and not any(p.file in data_files for p in problems):
        lines = {
            text_under(node, "id"): line_of(raw[kind], i)
            for kind in ("groups", "frames") for i, node in items_under(raw, kind)
        }
        site = SiteData(frames_file, glossary, data_file=display, entry_lines=lines)

    if docs_dir is not None:
        problems.extend(page_problems(docs_dir, shown(docs_dir), checker if frame_ids is not None else None, site))
        if not allow_placeholders:
            problems.extend(placeholders_in_pages(docs_dir, shown(docs_dir)))

    if problems:
        raise DataError(problems)
    assert site is not None
    return site


def page_problems(docs: Path, display: str, checker: CrossChecker | None, site: SiteData | None) -> list[Problem]:
    """Every problem in the pages: what the page checks find, and, with the checked data, restated cruxes and links."""
    if site is not None:
        ids = Ids(set(site.frames), set(site.groups), set(site.cruxes), site.crux_aliases)
    else:
        ids = Ids(checker.frame_ids, checker.group_ids) if checker else None
    problems = check_pages(docs, display, ids)
    if site is not None:
        problems.extend(check_restatements(docs, display, site))
        problems.extend(check_links(docs, display, site))
    return problems


def load_glossary(path: Path, display: str, frame_ids: set[str] | None) -> tuple[GlossaryFile | None, list[Problem]]:
    """The checked glossary, or every problem in it; frame ids are checked when known."""
    raw, problems = read_yaml(path, display)
    if raw is None:
        return None, problems
    checked, found = validate_model(GlossaryFile, raw, raw, display)
    problems.extend(found)
    if checked is None:
        return None, problems
    problems.extend(check_glossary(checked, raw, display, frame_ids))
    if not problems:
        problems.extend(Structure(raw, display).glossary_file(checked))
    return (None if problems else checked), problems
