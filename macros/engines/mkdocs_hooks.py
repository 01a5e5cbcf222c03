"""MkDocs hooks (mkdocs.yml `hooks:`): after the build, the outputs any engine's build gets (macros/postbuild.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.postbuild import PostBuildError, finish_site
from macros.project import Project


def on_post_build(config) -> None:
    """Redirect stubs at old ids, and /frames.json."""
    data = Project(Path(config.config_file_path).parent).load()
    try:
        finish_site(data, Path(config.site_dir), config.site_url or "", Path(config.docs_dir))
    except PostBuildError as exc:
        raise PluginError(str(exc)) from None
