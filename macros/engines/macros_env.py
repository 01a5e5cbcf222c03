"""The macros for pages, registered through mkdocs-macros (MkDocs) or Zensical's built-in macros extension.

The two call us differently: mkdocs-macros runs define_env once per build and on_pre_page_macros
before each page; Zensical runs define_env once per page, with the page already set, and has no
page hooks. Zensical also rewrites relative URLs in a page's raw HTML as if they were written from
the page's source file, where MkDocs leaves them as written; `page_root` hands each engine the
prefix it expects, so both produce the same hrefs.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .. import crux_pages, editions, history, pages, urls
from ..model import DataError
from ..project import Project
from ..views import crux_page as crux_page_view
from ..views import fragments, revisions
from ..views import frame_map as frame_map_view


def is_zensical(env) -> bool:
    """Whether Zensical's macros extension, not mkdocs-macros, called us."""
    return type(env).__module__.startswith("zensical")


def page_path(env) -> str:
    """The page's path from the site root, as both engines give it: 'frames/x/', '' for the home page."""
    return env.page.url


def page_root(env) -> str:
    """The prefix from the page's raw HTML to the site root, in the form this engine expects."""
    if is_zensical(env):
        # Zensical resolves it from the source file's folder: frames/x.md is served at frames/x/.
        # Zensical rewrites only hrefs that start with a dot: a top-level page's "./x" becomes ".././x".
        folder = page_source(env).rpartition("/")[0]
        return urls.root_prefix(folder + "/" if folder else "")
    return urls.root_prefix(page_path(env))


def failing_build(env, register):
    """Zensical's register: a macro that raises stops the build with the page and the problem, one line.

    Zensical writes a failing macro's error into the page and goes on, even when strict.
    """
    def register_failing(function):
        @functools.wraps(function)
        def macro(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as exc:  # any failure: the page must not be written with an error in it
                raise SystemExit(f"docs/{page_source(env)}: {function.__name__}(): {exc}") from None
        return register(macro)
    return register_failing


def site_data(env, *, look_at_pages: bool = True):
    """The project's validated data, or the engine's own build error listing every problem, one a line."""
    try:
        return Project(Path(env.project_dir)).load(look_at_pages=look_at_pages)
    except DataError as exc:
        count = len(exc.problems)
        message = f"The data and pages have {count} problem{'s' if count != 1 else ''}:\n{exc}"
    if is_zensical(env):
        raise SystemExit(message)
    from mkdocs.exceptions import PluginError  # MkDocs prints it as it is and stops, without a traceback

    raise PluginError(message)


def define_env(env) -> None:
    """Register the macros; on Zensical, which calls this once per page, also set the page's metadata."""
    data = site_data(env)
    if is_zensical(env):
        env.macro = failing_build(env, env.macro)

    def subject(given: str | None) -> str:
        found = given or urls.subject_at(data, page_path(env))
        if found is None:
            raise ValueError(f"{page_path(env) or 'home page'}: name a frame or group id, e.g. crux_table('pointers-problem')")
        if found not in data.frames and found not in data.groups:
            # The page checks (macros/model/page_checks.py) refuse this first, with the page's line.
            raise ValueError(f"no frame or group with id '{found}'; expected one of: {', '.join([*data.frames, *data.groups])}")
        return found

    @env.macro
    def taxonomy() -> str:
        """The outer/inner/other taxonomy, with this page's frame or group marked."""
        return fragments.taxonomy(data, page_root(env), urls.subject_at(data, page_path(env)))

    @env.macro
    def crux_table(owner_id: str | None = None) -> str:
        """The crux table of a frame or group (this page's by default), after the "changed since you last read" notice."""
        owner = subject(owner_id)
        notice = revisions.since_read(data, editions.read_editions(Path(env.project_dir)), owner, page_root(env))
        return "\n".join(filter(None, [notice, fragments.crux_table(data, owner, page_root(env))]))

    @env.macro
    def thesis(owner_id: str | None = None) -> str:
        """The thesis box of a frame or group (this page's by default)."""
        shown = subject(owner_id)
        return fragments.thesis(data, shown, page_root(env), own_page=shown == urls.subject_at(data, page_path(env)))

    @env.macro
    def see_also(frame_id: str | None = None) -> str:
        """Typed links from a frame and backlinks to it."""
        return fragments.see_also(data, subject(frame_id), page_root(env))

    @env.macro
    def further_reading(frame_id: str | None = None) -> str:
        """The frame's further-reading list."""
        return fragments.further_reading(data, subject(frame_id))

    @env.macro
    def glossary() -> str:
        """The glossary, from data/glossary.yml."""
        return fragments.glossary(data, page_root(env))

    @env.macro
    def group_frames(group_id: str | None = None) -> str:
        """The frames of a group, with their theses."""
        return fragments.group_frames(data, subject(group_id), page_root(env))

    @env.macro
    def frame_overview() -> str:
        """Every group and its frames, each with its one-line thesis (the home page)."""
        return fragments.frame_overview(data, page_root(env))

    @env.macro
    def crux_explorer() -> str:
        """Every crux of every group and frame, with filters."""
        return fragments.crux_explorer(data, page_root(env))

    @env.macro
    def stance_tool() -> str:
        """The "Where do you stand?" tool."""
        return fragments.stance_page(data, page_root(env))

    @env.macro
    def frame_map() -> str:
        """The frame map: the taxonomy with the typed links drawn between frames, as inline SVG."""
        return frame_map_view.frame_map(data, page_root(env), urls.subject_at(data, page_path(env)))

    @env.macro
    def crux_page() -> str:
        """The body of a crux's own page (docs/cruxes/<id>.md, written by macros/crux_pages.py)."""
        crux = urls.crux_at(data, page_path(env))
        if crux is None:
            raise ValueError(f"{page_path(env)}: crux_page() belongs on a crux's page, /{urls.CRUX_PAGES}<crux-id>/")
        docs = Path(env.project_dir) / env.conf["docs_dir"]
        return crux_page_view.crux_page(data, crux, page_root(env), crux_pages.discussion_reports(data, docs, data.relied_on_by[crux]))

    @env.macro
    def page_end(taxonomy: bool = True) -> str:
        """What every page ends with: "Cite this" on frame pages and the explorer, then the taxonomy."""
        canonical = urls.absolute(env.conf.get("site_url") or "", page_path(env))
        return pages.page_end(data, page_path(env), page_root(env), canonical,
                              env.conf["site_name"], env.page.meta.get("last_changed"), with_taxonomy=taxonomy,
                              editions=editions.read_editions(Path(env.project_dir)))

    if is_zensical(env):
        set_page_meta(env)


def on_pre_page_macros(env) -> None:
    """mkdocs-macros, before each page: set the page's metadata."""
    set_page_meta(env)


def set_page_meta(env) -> None:
    """Description, data-entry address and last-changed date, unless the page's front matter sets them."""
    project = Path(env.project_dir)
    docs = (project / env.conf["docs_dir"]).resolve().relative_to(project.resolve())
    source = (docs / page_source(env)).as_posix()
    # Empty without git history: pages then show no date.
    dates = history.last_changed_dates(project)
    text = (project / source).read_text(encoding="utf-8")
    found = pages.page_meta(site_data(env, look_at_pages=False), page_path(env), source, text, dates, env.conf.get("repo_url") or "",
                            env.conf.get("edit_uri") or "", env.conf["site_name"])
    for key, value in found.items():
        env.page.meta.setdefault(key, value)


def page_source(env) -> str:
    """The page's Markdown file, relative to docs/."""
    file = getattr(env.page, "file", None)
    if file is not None:
        return file.src_uri
    return urls.source_of(page_path(env), Path(env.project_dir) / env.conf["docs_dir"])
