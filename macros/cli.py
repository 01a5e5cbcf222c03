"""Commands for contributors, documented in CONTRIBUTING.md.

    python -m macros.cli validate [FILE] [--pages DIR]   check the data and pages (or one file or folder) without building
    python -m macros.cli new-frame ID --title T --group G   add a frame: data entry, page, nav entry
    python -m macros.cli schema [--check]                regenerate data/frames.schema.json
    python -m macros.cli addresses [--add] [--site DIR]  compare a build with data/addresses.txt
    python -m macros.cli edition YYYY-MM [--ref REF]      make a dated edition: tag REF, snapshot its data
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from string import Template

from ruamel.yaml import YAML

from .addresses import lost_addresses, public_anchors, read_manifest, read_site, unlisted_addresses, write_manifest
from .build.context import check_project
from .editions import EditionError, make_edition, tag_of
from .model import ID_PATTERN, DataError, Problem, json_schema, load
from .model.load import load_glossary
from .model.page_checks import Ids, check_page, check_pages, subject_of

PROJECT = Path(__file__).resolve().parent.parent
SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
# Left in the scaffolded entry and page; tests/test_cli.py fails while one remains in data/ or docs/.
SCAFFOLD_MARK = "TODO(new-frame)"


def _plural(count: int, noun: str, plural: str = "") -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


# ---------------------------------------------------------------- validate


def validate(args: argparse.Namespace) -> int:
    """Check the data files and pages (or the one file or folder given); print every problem, one a line."""
    try:
        if not args.file:
            data = check_project(PROJECT)
        else:
            given = Path(args.file)
            kind = file_kind(given)
            if kind == "glossary":
                return _report_glossary(given)
            if kind == "pages":
                return _report_pages(given)
            data = load(given, pages_dir=Path(args.pages) if args.pages else None, root=Path.cwd())
    except DataError as exc:
        print(exc)
        print(f"{_plural(len(exc.problems), 'problem')} found.")
        return 1
    print(f"{data.data_file}: no problems ({_plural(len(data.groups), 'group')}, {_plural(len(data.frames), 'frame')}, "
          f"{_plural(len(data.cruxes), 'crux', 'cruxes')}, {_plural(len(data.glossary.terms), 'glossary term')}).")
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


def _project_ids():
    """The frame and group ids of the project's data, for checking pages and a glossary alone (None if it is broken)."""
    try:
        data = load(PROJECT / "data" / "frames.yml", root=PROJECT)
    except DataError:
        return None
    return Ids(set(data.frames), set(data.groups))


def _report(problems: list, done: str) -> int:
    if problems:
        print(DataError(problems))
        print(f"{_plural(len(set(problems)), 'problem')} found.")
        return 1
    print(done)
    return 0


def _report_glossary(path: Path) -> int:
    ids = _project_ids()
    glossary, problems = load_glossary(path, _shown(path), ids.frames if ids else None)
    return _report(problems, f"{_shown(path)}: no problems ({_plural(len(glossary.terms), 'glossary term')})."
                   if glossary else "")


def _report_pages(path: Path) -> int:
    ids = _project_ids()
    if path.is_dir() and not any(path.rglob("*.md")):
        problems, count = [Problem(_shown(path), 1, 1, "file", "this folder holds no Markdown page; give a page, "
                                                                "a folder of pages or a YAML file")], 0
    elif path.is_dir():
        problems, count = check_pages(path, _shown(path), ids), len(list(path.rglob("*.md")))
    elif path.is_file():
        problems, count = check_page(path, _shown(path), ids, _page_subject(path, ids)), 1
    else:
        problems, count = [Problem(_shown(path), 1, 1, "file", "no such file")], 0
    return _report(problems, f"{_shown(path)}: no problems ({_plural(count, 'page')}).")


def _page_subject(path: Path, ids) -> str | None:
    return subject_of(f"{path.parent.name}/{path.name}", ids) if ids else None


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# ---------------------------------------------------------------- new-frame


def new_frame(args: argparse.Namespace) -> int:
    """Add a frame: its entry at the end of the frames in data/frames.yml, its page, its nav entry."""
    data_path, docs = PROJECT / "data" / "frames.yml", PROJECT / "docs"
    page = docs / "frames" / f"{args.id}.md"
    try:
        data = load(data_path, pages_dir=docs / "frames", root=PROJECT)
    except DataError as exc:
        print(f"{exc}\nFix these problems first; nothing was changed.")
        return 1
    taken = {*data.frames, *data.groups, *data.owner_aliases}
    refusal = (
        f"'{args.id}' is not a valid id; use lowercase letters, digits and single hyphens" if not ID_PATTERN.match(args.id)
        else f"'{args.id}' is already the id or an old id of a frame or group" if args.id in taken
        else f"unknown group '{args.group}'; expected one of: {', '.join(data.groups)}" if args.group not in data.groups
        else f"{page.relative_to(PROJECT)} already exists" if page.exists()
        else None
    )
    if refusal:
        print(f"new-frame: {refusal}; nothing was changed.")
        return 1

    entry = Template((SCAFFOLD / "frame.yml").read_text(encoding="utf-8")).substitute(
        id=args.id, title=json.dumps(args.title, ensure_ascii=False), group=args.group)
    text, line = _insert_frame(data_path.read_text(encoding="utf-8"), entry)
    # Check the result before writing anything, so a bad title changes nothing.
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "data" / "frames.yml"
        trial.parent.mkdir()
        trial.write_text(text, encoding="utf-8")
        try:
            load(trial, root=Path(tmp))
        except DataError as exc:
            print(f"{exc}\nThe new entry would not be valid; nothing was changed.")
            return 1
    data_path.write_text(text, encoding="utf-8")
    page.write_text(Template((SCAFFOLD / "frame.md").read_text(encoding="utf-8")).substitute(title=args.title),
                    encoding="utf-8")
    print(f"Added frame '{args.id}' to data/frames.yml at line {line}.")
    print(f"Created {page.relative_to(PROJECT).as_posix()} from macros/scaffold/frame.md.")
    group_title = data.groups[args.group].title
    mkdocs_yml = PROJECT / "mkdocs.yml"
    nav = _add_to_nav(mkdocs_yml.read_text(encoding="utf-8"), group_title, f"frames/{args.id}.md")
    if nav is None:
        print(f"Add '- frames/{args.id}.md' to the nav in mkdocs.yml yourself: no section '{group_title}' was found.")
    else:
        mkdocs_yml.write_text(nav, encoding="utf-8")
        print(f"Added frames/{args.id}.md to the nav in mkdocs.yml, under '{group_title}'.")
    print(f"Next: replace each {SCAFFOLD_MARK} in both files, add cruxes, links and reading, "
          "then run `make validate` and `make serve`; list the new page's addresses with "
          "`.venv/bin/python -m macros.cli addresses --add`.")
    return 0


def _insert_frame(text: str, entry: str) -> tuple[str, int]:
    """The data file with the entry after its last frame, and the entry's first line number."""
    root = YAML(typ="rt").load(text)
    keys = list(root)
    lines = text.splitlines(keepends=True)
    after = keys.index("frames") + 1
    end = root.lc.key(keys[after])[0] if after < len(keys) else len(lines)
    # Blank lines and comments just before the next section belong to it.
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    if lines and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join([*lines[:end], "\n", entry, *lines[end:]]), end + 2


def _add_to_nav(text: str, section: str, page: str) -> str | None:
    """mkdocs.yml with the page added last under a nav section, or None if there is no such section."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == f"- {section}:"), None)
    if start is None:
        return None
    depth = len(lines[start]) - len(lines[start].lstrip())
    last = start
    for i in range(start + 1, len(lines)):
        if lines[i].strip():
            if len(lines[i]) - len(lines[i].lstrip()) <= depth:
                break
            last = i
    if last == start:
        return None
    prefix = lines[last][: lines[last].index("-")]
    lines.insert(last + 1, f"{prefix}- {page}\n")
    return "".join(lines)


# ---------------------------------------------------------------- schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema(args: argparse.Namespace) -> int:
    """Write data/frames.schema.json from the models, or with --check say whether it is current."""
    path = PROJECT / "data" / "frames.schema.json"
    text = schema_text()
    if args.check:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            print("data/frames.schema.json matches macros/model/models.py.")
            return 0
        print("data/frames.schema.json differs from macros/model/models.py; run: python -m macros.cli schema")
        return 1
    path.write_text(text, encoding="utf-8")
    print("Wrote data/frames.schema.json from macros/model/models.py.")
    return 0


# ---------------------------------------------------------------- addresses


def addresses(args: argparse.Namespace) -> int:
    """Build the site (or read a built one) and compare its addresses with data/addresses.txt."""
    manifest = PROJECT / "data" / "addresses.txt"
    listed = read_manifest(manifest) if manifest.exists() else []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site) if args.site else Path(tmp)
        if not args.site:
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            build(load_config(str(PROJECT / "mkdocs.yml"), strict=True, site_dir=str(site)))
        data = load(PROJECT / "data" / "frames.yml", PROJECT / "data" / "glossary.yml", root=PROJECT)
        pages = read_site(site, public_anchors(data, PROJECT / "docs"))
    lost, new = lost_addresses(listed, pages), unlisted_addresses(listed, pages)
    for address in lost:
        print(f"no longer served: {address}")
    if new and args.add:
        write_manifest(manifest, [*listed, *new])
        print(f"Added {_plural(len(new), 'address', 'addresses')} to data/addresses.txt.")
    else:
        for address in new:
            print(f"not listed: {address}")
    if lost:
        print("Restore what was lost, or keep the old id as an alias in data/frames.yml.")
    if new and not args.add:
        print("Run with --add to list the new addresses.")
    if not lost and not new:
        print(f"data/addresses.txt: all {_plural(len(listed), 'address', 'addresses')} served, none missing.")
    return 1 if lost or (new and not args.add) else 0


# ---------------------------------------------------------------- editions


def edition(args: argparse.Namespace) -> int:
    """Tag a commit as a dated edition and write its snapshot, data/editions/<name>.json, to commit."""
    try:
        path = make_edition(PROJECT, args.name, args.ref)
    except (EditionError, DataError) as exc:
        print(f"edition {args.name}: {exc}")
        return 1
    print(f"Tagged {tag_of(args.name)} and wrote {path.relative_to(PROJECT).as_posix()}: commit it, and push the tag.")
    return 0


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.cli", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="check the data without building the site")
    check.add_argument("file", nargs="?", help="one file or folder to check instead of the whole project: a frames "
                                               "file, a glossary, a page or a folder of pages (told apart by content)")
    check.add_argument("--pages", help="with FILE: the folder of its frame pages, to check them too")
    check.set_defaults(run=validate)

    scaffold = commands.add_parser("new-frame", help="add a frame: data entry, page from the template, nav entry")
    scaffold.add_argument("id", help="the permanent id, e.g. 'value-learning'")
    scaffold.add_argument("--title", required=True, help="the frame's title")
    scaffold.add_argument("--group", required=True, help="the id of its group: outer, inner or other")
    scaffold.set_defaults(run=new_frame)

    generate = commands.add_parser("schema", help="regenerate data/frames.schema.json from the models")
    generate.add_argument("--check", action="store_true", help="only say whether the committed file is current")
    generate.set_defaults(run=schema)

    manifest = commands.add_parser("addresses", help="compare the site's addresses with data/addresses.txt")
    manifest.add_argument("--add", action="store_true", help="list the new addresses in data/addresses.txt")
    manifest.add_argument("--site", help="an already built site folder (default: build one)")
    manifest.set_defaults(run=addresses)

    dated = commands.add_parser("edition", help="make a dated edition (YYYY-MM): tag a commit, snapshot its data")
    dated.add_argument("name", help="the edition's year and month, e.g. 2026-12")
    dated.add_argument("--ref", default="HEAD", help="the commit to tag (default: HEAD)")
    dated.set_defaults(run=edition)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
