"""The per-build object: what one build knows (settings, data, editions, dates), made once and passed down.

Both engines call into the project several times per build (per page, per hook); each call finds the
build under way by its project folder. A build is begun before any page and ended after the last, so a
second build in the same process (`mkdocs serve`, a test) starts from nothing: there are no caches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..model import DataError, SiteData, load
from ..model.editions import Edition, read_editions
from ..model.page_facts import discussion_reports
from ..views.glossary_terms import TermMatcher, term_matcher
from .git_dates import last_changed_dates


@dataclass(frozen=True)
class Settings:
    """What a build is told by its engine's configuration (mkdocs.yml), in one place."""

    root: Path  # the project folder: data/, docs/, mkdocs.yml
    docs: Path
    site: Path
    site_url: str
    site_name: str
    repo_url: str = ""
    edit_uri: str = ""
    engine: str = "mkdocs"
    serving: bool = False  # `mkdocs serve`: the pages are served with its live-reload script, never deployed

    @classmethod
    def of(cls, config, root: Path, engine: str, serving: bool = False) -> "Settings":
        """From an engine's configuration (MkDocs' config object, or the dict Zensical parses)."""
        docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
        return cls(root=root, docs=docs if docs.is_absolute() else root / docs,
                   site=site if site.is_absolute() else root / site, site_url=config.get("site_url") or "",
                   site_name=config["site_name"], repo_url=config.get("repo_url") or "",
                   edit_uri=config.get("edit_uri") or "", engine=engine, serving=serving)


@dataclass
class Build:
    """One build: its settings, the checked data, the editions, and when each file last changed."""

    settings: Settings
    data: SiteData
    editions: list[Edition]
    dates: dict[str, str]
    # Frame or group id -> whether its page has a "Critiques and replies" section, for the pages that
    # report the discussion under the post (read from the pages once per build).
    discussion: dict[str, bool] = field(default_factory=dict)

    @cached_property
    def matcher(self) -> TermMatcher:
        """The glossary's terms as one pattern: compiled once per build, it is the costly part of marking pages."""
        return term_matcher(self.data.glossary.terms)


def check_project(root: Path, docs: Path | None = None) -> SiteData:
    """Every check of the data and the pages, the same for the build and `python -m macros.cli validate`."""
    docs = docs or root / "docs"
    return load(root / "data" / "frames.yml", root / "data" / "glossary.yml", pages_dir=docs / "frames",
                docs_dir=docs, root=root)


def load_build(settings: Settings) -> Build:
    """Load and check everything a build reads, once; DataError lists every problem."""
    root = settings.root
    data = check_project(root, settings.docs)
    return Build(settings, data, read_editions(root), last_changed_dates(root), discussion_reports(data, settings.docs))


def refusal(exc: DataError) -> str:
    """The message a build stops with when the data or pages have problems: how many, then one a line."""
    count = len(exc.problems)
    return f"The data and pages have {count} problem{'s' if count != 1 else ''}:\n{exc}"


def begin(settings: Settings) -> Build:
    """Start a build: load its data once and make it the one under way for its project."""
    build = load_build(settings)
    _UNDER_WAY[settings.root.resolve()] = build
    return build


def under_way(root: Path) -> Build:
    """The build under way for a project folder; the engine glue asks, never the views."""
    try:
        return _UNDER_WAY[Path(root).resolve()]
    except KeyError:
        raise LookupError(f"no build under way for {root}: build with `make build`, `make serve` or `make zensical`") from None


def end(build: Build) -> None:
    """Forget a finished build, so that nothing outlives it."""
    if _UNDER_WAY.get(build.settings.root.resolve()) is build:
        del _UNDER_WAY[build.settings.root.resolve()]


# The builds under way in this process, by project folder: not a cache, the hand-off between the engine's
# separate calls into one build. begin() replaces an entry, end() removes it.
_UNDER_WAY: dict[Path, Build] = {}
