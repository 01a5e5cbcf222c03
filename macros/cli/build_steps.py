"""`crux-pages` and `postbuild`: the build's own steps, run by hand around a Zensical build."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from .. import urls
from ..crux_pages import write_crux_pages
from ..model import DataError
from ..postbuild import PostBuildError, finish_site
from ..project import Project
from .output import plural


def crux_pages(args: argparse.Namespace) -> int:
    """Write the crux pages' Markdown files (docs/cruxes/<id>.md) before a build by an engine without hooks."""
    try:
        data = Project(args.project).load()
    except DataError as exc:
        print(exc)
        return 1
    changed = write_crux_pages(data, args.project / "docs")
    print(f"docs/{urls.CRUX_PAGES}: {plural(len(data.cruxes), 'crux page')}, {len(changed)} written or removed.")
    return 0


def postbuild(args: argparse.Namespace) -> int:
    """What MkDocs' hook adds after a build, for a site another engine (Zensical) built."""
    site = Path(args.site)
    home = site / "index.html"
    if not home.is_file():
        print(f"postbuild: {site} holds no built site (no index.html)")
        return 1
    try:
        data = Project(args.project).load()
        finish_site(data, site, canonical_site_url(home.read_text(encoding="utf-8")), args.project / "docs")
    except (DataError, PostBuildError) as exc:
        print(exc)
        return 1
    print(f"{site}: redirect stubs, editions and tombstones, {urls.EXPORT}, minified CSS and JS, the Content Security Policy "
          "and the search index written.")
    return 0


def canonical_site_url(home_html: str) -> str:
    """The site's address as the built home page gives it (its canonical link), so both engines agree."""
    found = re.search(r'<link rel="canonical" href="([^"]*)"', home_html)
    return found.group(1) if found else ""
