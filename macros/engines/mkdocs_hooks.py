"""MkDocs hooks (mkdocs.yml `hooks:`): the crux pages' files before the build, and after it the outputs any engine's build gets."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.crux_pages import write_crux_pages
from macros.model import DataError
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
