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

from .. import urls
from ..build import page as page_parts
from ..build.context import Build, under_way
from ..views import changes as changes_view
from ..views import crux_mention
from ..views import crux_page as crux_page_view
from ..views import edition_pages, fragments, revisions
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
        folder = page_source(env, build_of(env)).rpartition("/")[0]
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
                raise SystemExit(f"docs/{page_source(env, build_of(env))}: {function.__name__}(): {exc}") from None
        return register(macro)
    return register_failing


def build_of(env) -> Build:
    """The build under way for this page's project: begun by MkDocs' on_config hook, or by `make zensical`."""
    try:
        return under_way(Path(env.project_dir))
    except LookupError as exc:
        # Only a bare `zensical build` gets here: it runs no hook that could begin the build.
        raise SystemExit(f"{exc} (Zensical builds this site through `python -m macros.engines.zensical`)") from None


def define_env(env) -> None:
    """Register the macros; on Zensical, which calls this once per page, also set the page's metadata."""
    build = build_of(env)
    data = build.data
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
        notice = revisions.since_read(data, build.editions, owner, page_root(env))
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

    def named_crux(crux_id: str) -> str:
        """The live id of the crux a page names, by its id or an old one (its aliases keep working, as its anchors do)."""
        live = data.crux_aliases.get(crux_id, crux_id)
        if live not in data.cruxes:
            # The page checks (macros/model/page_checks.py) refuse this first, with the page's line.
            raise ValueError(f"no crux with id '{crux_id}'")
        return live

    @env.macro
    def crux(crux_id: str) -> str:
        """A crux's words from the data, then its number as a link to its row: “...” (crux 2 of X)."""
        return crux_mention.crux_words(data, named_crux(crux_id), page_root(env), urls.subject_at(data, page_path(env)))

    @env.macro
    def crux_ref(crux_id: str, capital: bool = False) -> str:
        """A crux's number as a link to its row: "crux 1.2" on the page that lists it, "crux 2 of X" elsewhere."""
        return crux_mention.crux_ref(data, named_crux(crux_id), page_root(env), urls.subject_at(data, page_path(env)),
                                     capital)

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
        """The body of a crux's own page (docs/cruxes/<id>.md, written by macros/build/generated_pages.py)."""
        crux = urls.crux_at(data, page_path(env))
        if crux is None:
            raise ValueError(f"{page_path(env)}: crux_page() belongs on a crux's page, /{urls.CRUX_PAGES}<crux-id>/")
        return crux_page_view.crux_page(data, crux, page_root(env), build.discussion)

    @env.macro
    def page_end(taxonomy: bool = True) -> str:
        """What every page ends with: "Cite this" on frame pages and the explorer, then the taxonomy."""
        return page_parts.page_end(build, page_path(env), page_root(env), env.page.meta.get("last_changed"),
                                   with_taxonomy=taxonomy)

    @env.macro
    def tombstone() -> str:
        """What a removed crux's address shows (a page the build writes, macros/build/generated_pages.py)."""
        return edition_pages.tombstone(data, build.editions, env.page.meta["removed_crux"], page_root(env))

    @env.macro
    def edition_contents() -> str:
        """An edition's contents (a page the build writes for each edition)."""
        edition = {e.name: e for e in build.editions}[env.page.meta["edition"]]
        return edition_pages.contents(edition, page_root(env))

    @env.macro
    def edition_list() -> str:
        """Every edition, newest first."""
        return edition_pages.edition_list(build.editions, page_root(env))

    @env.macro
    def changes() -> str:
        """What changed, edition by edition, with each reworded crux as a word-level diff."""
        return changes_view.changes(data, build.editions, page_root(env))

    if is_zensical(env):
        set_page_meta(env, build)


def on_pre_page_macros(env) -> None:
    """mkdocs-macros, before each page: set the page's metadata."""
    set_page_meta(env, build_of(env))


def set_page_meta(env, build: Build) -> None:
    """Description, data-entry address and last-changed date, unless the page's front matter sets them."""
    text = (build.settings.docs / page_source(env, build)).read_text(encoding="utf-8")
    found = page_parts.page_meta(build, page_path(env), text)
    for key, value in found.items():
        env.page.meta.setdefault(key, value)


def page_source(env, build: Build) -> str:
    """The page's Markdown file, relative to docs/."""
    file = getattr(env.page, "file", None)
    if file is not None:
        return file.src_uri
    return urls.source_of(page_path(env), build.settings.docs)
