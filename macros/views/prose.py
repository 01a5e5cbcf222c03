"""A page's own Markdown as plain Markdown, for its twin: no macros, no attribute lists, no admonitions, no HTML.

Read from the page's source (docs/), never from the built HTML: each macro call on a line of its own is replaced
by what the twin shows in its place (macros/views/twins.py gives the Markdown, made from the data), an admonition
becomes a block quote under its title, and every link becomes the absolute address of where it leads.
"""

from __future__ import annotations

import ast
import posixpath
import re
from typing import Callable

from .. import urls
from ..model.page_text import split_front_matter, strip_attributes

# (macro name, positional arguments, keyword arguments) -> the Markdown shown in its place.
MacroText = Callable[[str, list, dict], str]

_MACRO_LINE = re.compile(r"^\{\{\s*(\w+)\((.*)\)\s*\}\}$")
_MACRO_INLINE = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")
# The macros that name a crux in running text, and so may stand inside a line.
INLINE_MACROS = ("crux", "crux_ref")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$')
_ATTRIBUTES_ALONE = re.compile(r"^\{:?\s*[#.][^}]*\}$")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} ")


class ProseError(ValueError):
    """The page holds something its twin cannot say in plain Markdown; the message says what."""


def _call(name: str, arguments: str) -> tuple[list, dict]:
    call = ast.parse(f"f({arguments})", mode="eval").body
    return ([ast.literal_eval(a) for a in call.args], {k.arg: ast.literal_eval(k.value) for k in call.keywords})


def absolute_link(target: str, source: str, site_url: str) -> str:
    """Where a link in the page at `source` (relative to docs/) leads, as an absolute address."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target):
        return target  # https:, mailto: ...
    path, hash_, fragment = target.partition("#")
    here = urls.source_page_path(source)
    if not path:
        page = here
    else:
        page = urls.source_page_path(posixpath.normpath(posixpath.join(posixpath.dirname(source), path)))
    return urls.absolute(site_url, page) + (hash_ + fragment if fragment else "")


def _inline(line: str, source: str, macro: MacroText) -> str:
    """A line with each macro that names a crux in running text replaced by its plain Markdown."""
    def plain(call: re.Match) -> str:
        if call.group(1) not in INLINE_MACROS:
            raise ProseError(f"docs/{source}: a macro inside a line cannot be made plain Markdown: {call.group(0)[:60]}")
        return macro(call.group(1), *_call(call.group(1), call.group(2))).strip()
    return _MACRO_INLINE.sub(plain, line)


def plain_markdown(text: str, source: str, site_url: str, macro: MacroText) -> str:
    """The body of a page (relative to docs/: `source`) as plain Markdown, its first-level title left out."""
    out: list[str] = []
    lines = split_front_matter(text)[1].splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        i += 1
        if line.startswith("# ") or _ATTRIBUTES_ALONE.match(stripped):
            continue
        call = _MACRO_LINE.match(stripped)
        if call:
            out += ["", macro(call.group(1), *_call(call.group(1), call.group(2))).strip(), ""]
            continue
        line = _inline(line, source, macro)
        stripped = line.strip()
        if "{{" in stripped or "{%" in stripped:
            raise ProseError(f"docs/{source}: a macro inside a line cannot be made plain Markdown: {stripped[:60]}")
        box = _ADMONITION.match(line)
        if box:
            body: list[str] = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                body.append(_inline(lines[i][4:], source, macro))
                i += 1
            while body and not body[-1].strip():
                body.pop()
            title = box.group(2) if box.group(2) is not None else box.group(1).capitalize()
            out += ["", f"> **{title}**" if title else ">", ">", *(f"> {b}".rstrip() for b in body), ""]
            continue
        if _HEADING.match(line):
            line = strip_attributes(line)
        out.append(line)
    prose = "\n".join(out)
    return _LINK.sub(lambda m: f"]({absolute_link(m.group(1), source, site_url)})", prose)
