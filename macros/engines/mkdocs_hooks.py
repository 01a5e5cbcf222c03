"""MkDocs hooks (mkdocs.yml `hooks:`): the crux pages' files before the build, the nav's second entries, and after
the build the outputs any engine's build gets."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link

from macros.crux_pages import write_crux_pages
from macros.model import DataError
from macros.nav_entries import second_entries
from macros.postbuild import PostBuildError, finish_site
from macros.project import Project


def on_pre_build(config) -> None:
    """The crux pages' Markdown files, written before MkDocs lists docs/ (macros/crux_pages.py)."""
    try:
        data = Project(Path(config.config_file_path).parent).load()
    except DataError:
        return  # the macros report every problem of the data, with its line, when they load it
    write_crux_pages(data, Path(config.docs_dir))


def on_post_build(config) -> None:
    """Redirect stubs at old ids, and /frames.json."""
    data = Project(Path(config.config_file_path).parent).load()
    try:
        finish_site(data, Path(config.site_dir), config.site_url or "", Path(config.docs_dir))
    except PostBuildError as exc:
        raise PluginError(str(exc)) from None


def on_nav(nav, config, files):
    """A frame filed in a second group listed in that group's section too, as a link (macros/nav_entries.py)."""
    try:
        data = Project(Path(config.config_file_path).parent).load(look_at_pages=False)
    except DataError:
        return nav  # as on_pre_build: the macros report the problems
    section_of = {page.url: page.parent for page in nav.pages}
    for entry in second_entries(data):
        section = section_of.get(entry.beside)
        if section is not None:
            link = Link(entry.title, entry.path)
            link.parent = section
            section.children.append(link)
    return nav
