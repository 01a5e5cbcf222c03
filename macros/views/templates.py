"""The Jinja environment of the partials in macros/templates/, and how a fragment is rendered from one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import urls

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One environment per process: autoescaped, and strict about undefined names."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Anchors every partial may write; pages to link to come from the `links` each fragment passes.
    env.globals.update(crux_anchor=urls.crux_anchor, term_id=urls.term_id, owner_id=urls.owner_id,
                       letter_id=urls.letter_id)
    return env


def render(template: str, **context) -> str:
    """A block fragment from a partial, without blank lines (Markdown would end a raw HTML block at one)."""
    html = environment().get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_inline(template: str, **context) -> str:
    """A one-line fragment for use inside running text (no line breaks)."""
    return " ".join(environment().get_template(template).render(**context).split("\n")).strip()


@lru_cache(maxsize=1)
def text_environment() -> Environment:
    """For what is not HTML (the Markdown twins, llms.txt): nothing escaped, strict about undefined names."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render_text(template: str, **context) -> str:
    """Markdown or plain text from a template, with runs of blank lines closed up to one."""
    text = text_environment().get_template(template).render(**context)
    lines: list[str] = []
    for line in (line.rstrip() for line in text.splitlines()):
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip() + "\n"
