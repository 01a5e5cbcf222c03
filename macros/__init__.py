"""mkdocs-macros entry point: load and check the data once, then register the macros.

The logic lives in model.py (data) and render.py (HTML); this module only wires them to pages.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import history, render
from .model import DataError, SiteData, load

TAXONOMY_MARK = 'class="taxonomy"'
# Pages other than frame pages that carry a "Cite this" block, with the title to cite.
CITED_PAGES = {"cruxes.md": "Crux explorer"}


# The macros and the post-build hook both need the data of one build: parse it once.
_loaded: dict[tuple, SiteData] = {}


def load_site_data(project_dir: Path, docs_dir: Path) -> SiteData:
    """Load data/ for a build; every problem becomes one line of the build's error."""
    paths = (project_dir / "data" / "frames.yml", project_dir / "data" / "glossary.yml")
    pages = docs_dir / "frames"
    # Any edit to the data or to the set of frame pages changes the key, so `mkdocs serve` reloads.
    key = (*(p.stat().st_mtime_ns if p.exists() else None for p in paths),
           *paths, tuple(sorted(p.name for p in pages.glob("*.md"))))
    if key in _loaded:
        return _loaded[key]
    try:
        data = load(*paths, pages_dir=pages, root=project_dir)
    except DataError as exc:
        count = len(exc.problems)
        raise PluginError(f"data/ has {count} problem{'s' if count != 1 else ''}:\n{exc}") from None
    _loaded.clear()
    _loaded[key] = data
    return data


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
    # One `git log` per build; empty without git history, and pages then show no date.
    env.variables["last_changed_dates"] = history.last_changed_dates(Path(env.project_dir))

    def root() -> str:
        return render.root_prefix(env.page.url)

    # Passes over each page's finished HTML (so they see snippets and macro output too): the
    # estimated reading time under the title, then a tooltip on every glossary term, the first
    # mention of each linked to its entry.
    terms = render.term_matcher(data.glossary.terms)
    env.conf["markdown_extensions"] += [
        render.UnparsedHtml(),  # HTML of @html_macro macros skips Markdown's HTML parser
        render.HtmlPass("reading_time", 2, render.with_reading_time),
        render.HtmlPass("glossary_tooltips", 1, lambda html: render.mark_glossary_terms(html, terms, root() + "glossary/")),
    ]

    def html_macro(function):
        """Register a macro whose HTML reaches the page without Markdown parsing it again (render.unparsed)."""
        @functools.wraps(function)
        def marked(*args, **kwargs) -> str:
            return render.unparsed(function(*args, **kwargs))
        return env.macro(marked)

    def subject(given: str | None) -> str:
        found = given or page_subject(env)
        if found is None:
            raise ValueError(f"{env.page.file.src_uri}: name a frame or group id, e.g. crux_table('pointers-problem')")
        return found

    # The outer/inner/other taxonomy, with this page's frame or group marked.
    @html_macro
    def taxonomy() -> str:
        return render.taxonomy(data, root(), page_subject(env))

    # The crux table of a frame or group (this page's by default).
    @html_macro
    def crux_table(owner_id: str | None = None) -> str:
        return render.crux_table(data, subject(owner_id), root())

    # The thesis box of a frame or group (this page's by default).
    @html_macro
    def thesis(owner_id: str | None = None) -> str:
        return render.thesis(data, subject(owner_id), root())

    # Typed links from a frame and backlinks to it.
    @html_macro
    def see_also(frame_id: str | None = None) -> str:
        return render.see_also(data, subject(frame_id), root())

    # The frame's further-reading list.
    @html_macro
    def further_reading(frame_id: str | None = None) -> str:
        return render.further_reading(data, subject(frame_id))

    # The glossary, from data/glossary.yml.
    @html_macro
    def glossary() -> str:
        return render.glossary(data, root())

    # The frames of a group, with their theses.
    @html_macro
    def group_frames(group_id: str | None = None) -> str:
        return render.group_frames(data, subject(group_id), root())

    # Every crux of every group and frame, with filters (the crux explorer). Not an @html_macro:
    # Markdown reads its headings (markdown="span") for the table of contents; the same for the stance tool.
    @env.macro
    def crux_explorer() -> str:
        return render.crux_explorer(data, root())

    # The "Where do you stand?" tool.
    @env.macro
    def stance_tool() -> str:
        return render.stance_page(data, root())

    # The frame map: the taxonomy with the typed links drawn between frames, as inline SVG.
    @html_macro
    def frame_map() -> str:
        return render.frame_map(data, root(), page_subject(env))


def on_pre_page_macros(env) -> None:
    """Frame and group pages: thesis as description, link to the data entry; every page: last-changed date."""
    found = page_subject(env)
    if found:
        data = env.variables["site_data"]
        env.page.meta.setdefault("description", data.owner(found).thesis)
        # A second edit button (overrides/partials/actions.html) opens the entry in data/frames.yml.
        if env.conf.get("repo_url") and found in data.entry_lines:
            env.page.meta["data_entry_url"] = render.data_entry_url(
                env.conf["repo_url"], env.conf.get("edit_uri") or "", data.data_file, data.entry_lines[found])
    # "Last changed": the newest commit to the page's file, or to data/ if the page calls macros.
    docs = Path(env.conf["docs_dir"]).resolve().relative_to(Path(env.project_dir).resolve())
    changed = history.page_last_changed(
        env.variables["last_changed_dates"], (docs / env.page.file.src_uri).as_posix(),
        calls_macros="{{" in env.markdown)
    if changed:
        env.page.meta.setdefault("last_changed", changed)


def on_post_page_macros(env) -> None:
    """Append the generated blocks every page carries, after the page's own text."""
    data = env.variables["site_data"]
    root = render.root_prefix(env.page.url)
    subject = page_subject(env)
    # "Cite this" on frame pages and the crux explorer, before the taxonomy.
    if subject in data.frames or env.page.file.src_uri in CITED_PAGES:
        title = data.frames[subject].title if subject in data.frames else CITED_PAGES[env.page.file.src_uri]
        env.markdown += "\n\n" + render.cite_block(
            data, title, env.page.canonical_url, env.page.url, env.conf["site_name"], env.page.meta.get("last_changed"))
    # The taxonomy goes on every page that did not place it itself.
    if TAXONOMY_MARK not in env.markdown:
        env.markdown += "\n\n" + render.unparsed(render.taxonomy(data, root, subject)) + "\n"
