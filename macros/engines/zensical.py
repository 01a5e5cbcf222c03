"""Zensical's glue: `python -m macros.engines.zensical [CONFIG]` runs the build's timeline around a Zensical build.

Zensical (0.0.73) has no hooks, so this command says when each step runs: begin the build, write the pages
the data makes, let Zensical render every page in this process (its macros find the build under way, as
MkDocs' do), then everything after the pages. `make zensical` runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.build import timeline
from macros.build.context import Settings, refusal
from macros.model import DataError



def main(config_file: str = "zensical.yml") -> int:
    """Build the project of a Zensical config (by default ./zensical.yml) into its site_dir, strict and clean."""
    import zensical
    from zensical.config import parse_config

    config = Path(config_file).absolute()
    root = config.parent
    try:
        build = timeline.start(Settings.of(parse_config(str(config)), root, "zensical"))
    except DataError as exc:
        print(refusal(exc), file=sys.stderr)
        return 1
    timeline.before_pages(build)
    # --clean: Zensical's cache does not see edits to the macros package.
    zensical.build(str(config), {"clean": True, "strict": True})
    try:
        timeline.after_pages(build)
    except timeline.AfterPagesError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{build.settings.site}: built by Zensical, with everything the build adds after the pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
