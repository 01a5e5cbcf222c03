"""MkDocs' glue (mkdocs.yml `hooks:`): when each step of the build's timeline runs (macros/build/timeline.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link

from macros.build import timeline
from macros.build.context import Settings, refusal, under_way
from macros.engines.mkdocs_command import COMMAND
from macros.model import DataError


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_startup(command: str, dirty: bool) -> None:
    """Remember what MkDocs was asked to do: `serve` adds a live-reload script to every page it serves."""
    COMMAND["name"] = command


# First of every on_config: mkdocs-macros calls define_env from its own, and the macros need the build under way.
@event_priority(100)
def on_config(config):
    """Begin the build: the data, editions and dates, loaded and checked once."""
    try:
        timeline.start(Settings.of(config, _root(config), "mkdocs", serving=COMMAND["name"] == "serve"))
    except DataError as exc:
        raise PluginError(refusal(exc)) from None
    return config


def on_pre_build(config) -> None:
    """The pages the data makes, written before MkDocs lists docs/."""
    timeline.before_pages(under_way(_root(config)))


def on_nav(nav, config, files):
    """A frame filed in a second group listed in that group's section too, as a link."""
    section_of = {page.url: page.parent for page in nav.pages}
    for entry in timeline.nav_entries(under_way(_root(config))):
        section = section_of.get(entry.beside)
        if section is not None:
            link = Link(entry.title, entry.path)
            link.parent = section
            section.children.append(link)
    return nav


def on_post_build(config) -> None:
    """Everything the build adds to the written site."""
    try:
        timeline.after_pages(under_way(_root(config)))
    except timeline.AfterPagesError as exc:
        raise PluginError(str(exc)) from None

