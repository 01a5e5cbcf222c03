"""What a build adds to the built site, whichever engine wrote the pages: redirect stubs, editions, /frames.json, the CSP, the search index.

MkDocs runs it from its post-build hook (macros/engines/mkdocs_hooks.py); after a Zensical build,
which has no hooks, `python -m macros.cli postbuild SITE_DIR` runs it.
"""

from __future__ import annotations

import json
from pathlib import Path

import rcssmin
import rjsmin

from . import csp, edition_site, search, urls
from .model.editions import EditionError
from .model.export import frames_document, redirects
from .model import SiteData
from .views.fragments import redirect_stub


class PostBuildError(Exception):
    """The built site cannot keep an old address; the message says which and why."""


def finish_site(data: SiteData, site: Path, site_url: str, docs: Path) -> None:
    """Write the redirect stubs, /frames.json and the search index into a built site; refuse unsafe stubs, writing none."""
    problems = write_redirects(site, redirects(data), site_url)
    if problems:
        raise PostBuildError("Cannot keep the old addresses of data/frames.yml:\n" + "\n".join(problems))
    # The editions' pages, and a tombstone at the address of each crux that is gone (macros/edition_site.py).
    try:
        edition_site.write_edition_pages(data, site, site_url, docs.parent)
    except EditionError as exc:
        raise PostBuildError(str(exc)) from None
    document = frames_document(data, site_url)
    (site / urls.EXPORT).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    minify_own_assets(docs, site)
    # After every page is final (stubs included): each page's policy allows its own inline scripts by hash.
    try:
        csp.protect_site(site)
    except csp.CspError as exc:
        raise PostBuildError(str(exc)) from None
    # Last, so that the index covers the finished pages (the stubs carry no data-pagefind-body: not indexed).
    try:
        search.index_site(data, site)
    except search.SearchIndexError as exc:
        raise PostBuildError(str(exc)) from None


def minify_own_assets(docs: Path, site: Path) -> None:
    """Our stylesheets and scripts as served: without the comments that explain them (a frame page stays under 80 KB)."""
    for source in (*docs.rglob("*.css"), *docs.rglob("*.js")):
        built = site / source.relative_to(docs)
        if built.is_file():
            minify = rcssmin.cssmin if source.suffix == ".css" else rjsmin.jsmin
            built.write_text(minify(source.read_text(encoding="utf-8")), encoding="utf-8")


def write_redirects(site: Path, plan: list[tuple[str, str, str]], site_url: str) -> list[str]:
    """Write a stub for each (old path, live path, title); if any is unsafe, write none and say why."""
    problems = []
    for old, live, _ in plan:
        existing = site / old / "index.html"
        # A stub from an earlier run of this step is ours to write again; a real page is not.
        if existing.exists() and 'http-equiv="refresh"' not in existing.read_text(encoding="utf-8"):
            problems.append(f"/{old}: an alias would replace this real page with a redirect to /{live}; "
                            "drop the alias or move the page")
        elif not (site / live / "index.html").exists():
            problems.append(f"/{old}: the redirect would point to /{live}, which the build did not produce")
    if problems:
        return problems
    for old, live, title in plan:
        stub = site / old / "index.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(redirect_stub(old, live, title, site_url), encoding="utf-8")
    return []
