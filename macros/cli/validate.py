"""`validate`: every check of the data and pages, or of one file or folder, without building."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..build.context import check_project
from ..model import DataError, Problem, SiteData, load
from ..model.load import load_glossary
from ..model.page_checks import Ids, check_page, subject_of
from ..model.page_links import check_links
from ..model.restatements import check_restatements
from ..model.placeholders import placeholders_in_page, placeholders_in_pages
from .output import plural, shown


def validate(args: argparse.Namespace) -> int:
    """Check the data files and pages (or the one file or folder given); print every problem, one a line."""
    try:
        if not args.file:
            data = check_project(args.project)
        else:
            given = Path(args.file)
            kind = file_kind(given)
            if kind == "glossary":
                return _report_glossary(given, args.project)
            if kind == "pages":
                return _report_pages(given, args.project)
            data = load(given, pages_dir=Path(args.pages) if args.pages else None, root=Path.cwd())
    except DataError as exc:
        print(exc)
        print(f"{plural(len(exc.problems), 'problem')} found.")
        return 1
    print(f"{data.data_file}: no problems ({plural(len(data.groups), 'group')}, {plural(len(data.frames), 'frame')}, "
          f"{plural(len(data.cruxes), 'crux', 'cruxes')}, {plural(len(data.glossary.terms), 'glossary term')}).")
    return 0


def file_kind(path: Path) -> str:
    """What a file given to validate is: 'pages' (a folder or a .md page), 'glossary' or 'frames'."""
    if path.is_dir() or path.suffix == ".md":
        return "pages"
    try:
        head = path.read_bytes()[:200_000].decode("utf-8", errors="replace")
    except OSError:
        return "frames"  # the frames check says what is wrong with the path
    top = set(re.findall(r"^([A-Za-z_]+)\s*:", head, re.M))
    return "glossary" if "terms" in top and not top & {"frames", "groups", "schema_version"} else "frames"


def _project_data(project: Path) -> SiteData | None:
    """The project's checked data and glossary, for checking pages and a glossary alone (None if it is broken)."""
    try:
        return load(project / "data" / "frames.yml", project / "data" / "glossary.yml", root=project)
    except DataError:
        try:  # a broken glossary still leaves the frame and group ids to check a page's macros with
            return load(project / "data" / "frames.yml", root=project)
        except DataError:
            return None


def _project_ids(project: Path) -> Ids | None:
    data = _project_data(project)
    return Ids(set(data.frames), set(data.groups), set(data.cruxes), data.crux_aliases) if data else None


def _report(problems: list, done: str) -> int:
    """Print every problem and their count, or what was checked; the exit status."""
    if problems:
        print(DataError(problems))
        print(f"{plural(len(set(problems)), 'problem')} found.")
        return 1
    print(done)
    return 0


def _report_glossary(path: Path, project: Path) -> int:
    ids = _project_ids(project)
    glossary, problems = load_glossary(path, shown(path), ids.frames if ids else None)
    return _report(problems, f"{shown(path)}: no problems ({plural(len(glossary.terms), 'glossary term')})."
                   if glossary else "")


def _report_pages(path: Path, project: Path) -> int:
    data = _project_data(project)
    ids = Ids(set(data.frames), set(data.groups), set(data.cruxes), data.crux_aliases) if data else None
    if path.is_dir() and not any(path.rglob("*.md")):
        problems, count = [Problem(shown(path), 1, 1, "file", "this folder holds no Markdown page; give a page, "
                                                                "a folder of pages or a YAML file")], 0
    elif path.is_dir():
        root = _docs_root(path)
        pages = sorted(page.resolve() for page in path.rglob("*.md"))
        problems = [problem for page in pages for problem in check_page(page, shown(page), ids, _page_subject(page, root, ids))]
        problems += [*placeholders_in_pages(path, shown(path)), *_words_and_links(pages, root, data)]
        count = len(pages)
    elif path.is_file():
        root = _docs_root(path.parent)
        problems, count = check_page(path, shown(path), ids, _page_subject(path.resolve(), root, ids)), 1
        if not problems:  # a page that can be read: a placeholder in it is one more thing to replace
            problems = placeholders_in_page(path.read_text(encoding="utf-8-sig"), shown(path))
            problems += _words_and_links([path.resolve()], root, data)
    else:
        problems, count = [Problem(shown(path), 1, 1, "file", "no such file")], 0
    return _report(problems, f"{shown(path)}: no problems ({plural(count, 'page')}).")


def _docs_root(folder: Path) -> Path:
    """The folder a page's links lead from: the nearest folder named docs at or above it, else the folder itself."""
    folder = folder.resolve()
    return next((f for f in (folder, *folder.parents) if f.name == "docs"), folder)


def _words_and_links(pages: list[Path], root: Path, data: SiteData | None) -> list[Problem]:
    """Restated cruxes and broken links in these pages (absolute paths under root)."""
    if data is None:
        return []
    return [*check_restatements(root, shown(root), data, pages), *check_links(root, shown(root), data, pages)]


def _page_subject(page: Path, root: Path, ids: Ids | None) -> str | None:
    """The frame or group a page is about, from its path under its docs folder (or its own folder's name)."""
    if not ids:
        return None
    where = page.relative_to(root).as_posix() if root.name == "docs" else f"{page.parent.name}/{page.name}"
    return subject_of(where, ids)
