"""mkdocs-macros entry point: load and check the data once, then register the macros.

The logic lives in model.py (data) and render.py (HTML); this module only wires them to pages.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from . import render
from .model import DataError, SiteData, load

TAXONOMY_MARK = 'class="taxonomy"'


def load_site_data(project_dir: Path, docs_dir: Path) -> SiteData:
    """Load data/ for a build; every problem becomes one line of the build's error."""
    try:
        return load(
            project_dir / "data" / "frames.yml",
            project_dir / "data" / "glossary.yml",
            pages_dir=docs_dir / "frames",
            root=project_dir,
        )
    except DataError as exc:
        count = len(exc.problems)
        raise PluginError(f"data/ has {count} problem{'s' if count != 1 else ''}:\n{exc}") from None


def page_subject(env) -> str | None:
    """The id of the frame or group a page presents (from its path), or None."""
    data: SiteData = env.variables["site_data"]
    folder, _, name = env.page.file.src_uri.rpartition("/")
    stem = name.removesuffix(".md")
    if (folder == "frames" and stem in data.frames) or (folder == "groups" and stem in data.groups):
        return stem
    return None


def define_env(env) -> None:
    """Called by mkdocs-macros once per build."""
    data = load_site_data(Path(env.project_dir), Path(env.conf["docs_dir"]))
    env.variables["site_data"] = data

    def root() -> str:
        return render.root_prefix(env.page.url)

    def subject(given: str | None) -> str:
        found = given or page_subject(env)
        if found is None:
            raise ValueError(f"{env.page.file.src_uri}: name a frame or group id, e.g. crux_table('pointers-problem')")
        return found

    # The outer/inner/other taxonomy, with this page's frame or group marked.
    @env.macro
    def taxonomy() -> str:
        return render.taxonomy(data, root(), page_subject(env))

    # The crux table of a frame or group (this page's by default).
    @env.macro
    def crux_table(owner_id: str | None = None) -> str:
        return render.crux_table(data, subject(owner_id), root())

    # The thesis box of a frame or group (this page's by default).
    @env.macro
    def thesis(owner_id: str | None = None) -> str:
        return render.thesis(data, subject(owner_id), root())

    # Typed links from a frame and backlinks to it.
    @env.macro
    def see_also(frame_id: str | None = None) -> str:
        return render.see_also(data, subject(frame_id), root())

    # The frame's further-reading list.
    @env.macro
    def further_reading(frame_id: str | None = None) -> str:
        return render.further_reading(data, subject(frame_id))

    # The glossary, from data/glossary.yml.
    @env.macro
    def glossary() -> str:
        return render.glossary(data, root())

    # The frames of a group, with their theses.
    @env.macro
    def group_frames(group_id: str | None = None) -> str:
        return render.group_frames(data, subject(group_id), root())


def on_pre_page_macros(env) -> None:
    """Give frame and group pages their thesis as meta description unless they set one."""
    found = page_subject(env)
    if found:
        env.page.meta.setdefault("description", env.variables["site_data"].owner(found).thesis)


def on_post_page_macros(env) -> None:
    """Append the generated blocks every page carries, after the page's own text."""
    data = env.variables["site_data"]
    root = render.root_prefix(env.page.url)
    subject = page_subject(env)
    # The taxonomy goes on every page that did not place it itself.
    if TAXONOMY_MARK not in env.markdown:
        env.markdown += "\n\n" + render.taxonomy(data, root, subject) + "\n"
