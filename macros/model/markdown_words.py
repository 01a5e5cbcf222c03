"""A page's Markdown as words (macros/model/page_words.py): its front matter's values and its prose, without the
layout (whitespace, line wrapping, YAML folding) and without the addresses (link targets, link definitions, attribute
lists, HTML addresses), with the files that snippets put in it filled in, and its macro calls left for the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import yaml

MACRO_CALL = re.compile(r"\{\{-?\s*(\w+)\s*\((.*?)\)\s*-?\}\}", re.S)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")  # ](target "title")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.M)  # [label]: target
_ATTRIBUTES = re.compile(r"\{:?\s*[#.][^{}\n]*\}")  # { #anchor .class }
_HTML_ADDRESS = re.compile(r"\s(?:href|src|id|for|data-[\w-]+)=\"[^\"]*\"")
# A file or a section of one that pymdownx.snippets puts in a page: --8<-- "CONTRIBUTING.md:check".
SNIPPET = re.compile(r'^[ \t]*-+8<-+[ \t]+"([^"\n:]+)(?::([\w-]+))?"[ \t]*$', re.M)
Include = Callable[[str], "str | None"]  # a file's text by its path from the project folder, None if there is none


@dataclass(frozen=True)
class Call:
    """A macro call in a page: the macro's name and its arguments as written."""

    name: str
    arguments: str


def collapse(text: Any) -> str:
    """Words separated by single spaces: what is left of a text when its layout is taken away."""
    return " ".join(str(text).split())


def leaves(value: Any) -> Iterable[str]:
    """Every scalar in a nested value, keys of mappings included, in order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    elif value is not None:
        yield str(value)


def page_parts(markdown: str, include: Include | None = None) -> list[str | Call]:
    """The page's words in order: its front matter's values, then its prose (collapsed) between its macro calls.

    The macros run first, on the page's own Markdown; the snippets they leave are then filled in as prose.
    Without `include`, a snippet line stands for itself.
    """
    front = FRONT_MATTER.match(markdown)
    parts: list[str | Call] = [collapse(w) for w in _front_words(front.group(1) or "")] if front else []
    body = markdown[front.end():] if front else markdown
    at = 0
    for call in MACRO_CALL.finditer(body):
        parts += [_prose(body[at:call.start()], include), Call(call.group(1), call.group(2))]
        at = call.end()
    parts.append(_prose(body[at:], include))
    return [part for part in parts if part]


def included_files(markdown: str) -> set[str]:
    """The files, from the project folder, that snippets put in a page."""
    return {match.group(1) for match in SNIPPET.finditer(markdown)}


def _prose(text: str, include: Include | None) -> str:
    text = _snippets(text, include)
    for pattern, by in ((_LINK_TARGET, "]"), (_LINK_DEFINITION, ""), (_ATTRIBUTES, ""), (_HTML_ADDRESS, "")):
        text = pattern.sub(by, text)
    return collapse(text)


def _snippets(text: str, include: Include | None) -> str:
    """The text with each snippet line replaced by the file or section it names (as pymdownx.snippets does)."""
    def fill(match: re.Match) -> str:
        found = include(match.group(1)) if include else None
        if found is None or not match.group(2):
            return found if found is not None else match.group(0)
        start, end = f"[start:{match.group(2)}]", f"[end:{match.group(2)}]"
        return found.partition(start)[2].partition(end)[0].partition("\n")[2].rpartition("\n")[0]
    return SNIPPET.sub(fill, text)


def _front_words(front: str) -> list[str]:
    """The words of a page's front matter, however its YAML is laid out."""
    try:
        return list(leaves(yaml.safe_load(front)))
    except yaml.YAMLError:
        return [front]
