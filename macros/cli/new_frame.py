"""`new-frame`: a frame's data entry, page and nav entry from the templates in macros/scaffold/."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from string import Template

from .. import urls
from ..model import ID_PATTERN, DataError, load
from ..model.placeholders import SCAFFOLD_MARK
from .scaffold_text import add_to_nav, insert_frame

# The templates hold SCAFFOLD_MARK where the contributor writes; validate and the build refuse a file while one is left.
SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"


def new_frame(args: argparse.Namespace) -> int:
    """Add a frame: its entry at the end of the frames in data/frames.yml, its page, its nav entry."""
    data_path, docs = args.project / "data" / "frames.yml", args.project / "docs"
    page = docs / "frames" / f"{args.id}.md"
    try:
        data = load(data_path, pages_dir=docs / "frames", root=args.project)
    except DataError as exc:
        print(f"{exc}\nFix these problems first; nothing was changed.")
        return 1
    taken = {*data.frames, *data.groups, *data.owner_aliases}
    refusal = (
        f"'{args.id}' is not a valid id; use lowercase letters, digits and single hyphens" if not ID_PATTERN.match(args.id)
        else f"'{args.id}' is already the id or an old id of a frame or group" if args.id in taken
        else f"unknown group '{args.group}'; expected one of: {', '.join(data.groups)}" if args.group not in data.groups
        else f"{page.relative_to(args.project)} already exists" if page.exists()
        else None
    )
    if refusal:
        print(f"new-frame: {refusal}; nothing was changed.")
        return 1

    entry = Template((SCAFFOLD / "frame.yml").read_text(encoding="utf-8")).substitute(
        id=args.id, title=json.dumps(args.title, ensure_ascii=False), group=args.group)
    text, line = insert_frame(data_path.read_text(encoding="utf-8"), entry)
    # Check the result before writing anything, so a bad title changes nothing.
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "data" / "frames.yml"
        trial.parent.mkdir()
        trial.write_text(text, encoding="utf-8")
        try:
            load(trial, root=Path(tmp), allow_placeholders=True)
        except DataError as exc:
            print(f"{exc}\nThe new entry would not be valid; nothing was changed.")
            return 1
    data_path.write_text(text, encoding="utf-8")
    page.write_text(Template((SCAFFOLD / "frame.md").read_text(encoding="utf-8")).substitute(title=args.title),
                    encoding="utf-8")
    print(f"Added frame '{args.id}' to data/frames.yml at line {line}.")
    print(f"Created {page.relative_to(args.project).as_posix()} from macros/scaffold/frame.md.")
    group_title = data.groups[args.group].title
    mkdocs_yml = args.project / "mkdocs.yml"
    source = f"{urls.FRAMES}/{args.id}.md"  # as the nav names a page: relative to docs/
    nav = add_to_nav(mkdocs_yml.read_text(encoding="utf-8"), group_title, source)
    if nav is None:
        print(f"Add '- {source}' to the nav in mkdocs.yml yourself: no section '{group_title}' was found.")
    else:
        mkdocs_yml.write_text(nav, encoding="utf-8")
        print(f"Added {source} to the nav in mkdocs.yml, under '{group_title}'.")
    print(f"Next: replace each {SCAFFOLD_MARK} in both files, add cruxes, links and reading, "
          "then run `make validate` and `make serve`; list the new page's addresses with "
          "`.venv/bin/python -m macros.cli addresses --add`.")
    return 0
