"""The command line: each command's arguments, wired to the module that runs it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __doc__ as cli_doc
from .addresses import addresses
from .edition import edition
from .new_frame import new_frame
from .schema import schema
from .validate import validate

PROJECT = Path(__file__).resolve().parent.parent.parent


def main(argv: list[str] | None = None, project: Path = PROJECT) -> int:
    """Run the command the arguments name, on the project at `project`; its exit status."""
    parser = argparse.ArgumentParser(prog="python -m macros.cli", description=cli_doc.split("\n")[0])
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
    args.project = project
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
