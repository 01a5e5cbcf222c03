"""Our stylesheets and scripts as served: without the comments that explain them (kept libraries, rcssmin and rjsmin)."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin


def minify_own_assets(docs: Path, site: Path) -> None:
    """Rewrite each of our CSS and JS files in the built site minified (a frame page stays under its weight budget)."""
    for source in (*docs.rglob("*.css"), *docs.rglob("*.js")):
        built = site / source.relative_to(docs)
        if built.is_file():
            minify = rcssmin.cssmin if source.suffix == ".css" else rjsmin.jsmin
            built.write_text(minify(source.read_text(encoding="utf-8")), encoding="utf-8")
