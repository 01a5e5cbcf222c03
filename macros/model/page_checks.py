"""Checks of the Markdown pages: no script in any form, and macro calls that name ids the data has."""

from __future__ import annotations

import difflib
import html
import re
from pathlib import Path
from typing import Iterable, NamedTuple

from .problems import Problem

# The macros a page may call (macros/engines/macros_env.py registers exactly these; a test compares),
# and what the first argument names: a frame, a group, either, or nothing.
PAGE_MACROS: dict[str, str | None] = {
    "taxonomy": None, "crux_table": "frame or group", "thesis": "frame or group", "see_also": "frame",
    "further_reading": "frame", "glossary": None, "group_frames": "group", "crux_explorer": None,
    "stance_tool": None, "frame_map": None, "page_end": None, "frame_overview": None, "crux_page": None,
    "tombstone": None, "edition_contents": None, "edition_list": None, "changes": None,
    "crux": "crux", "crux_ref": "crux",
}
# Elements that run or load code, or change where the page's links and forms go.
FORBIDDEN_ELEMENTS = ("script", "iframe", "frame", "object", "embed", "applet", "base", "meta", "link", "form")
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
MAX_PAGE_BYTES = 1_000_000

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?(?:\{%-?\s*endraw\s*-?%\}|\Z)", re.S)
_ELEMENT = re.compile(r"<\s*(" + "|".join(FORBIDDEN_ELEMENTS) + r")\b", re.I)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_ATTR_LIST = re.compile(r"\{[:#.]?[^{}\n]*\}")
_HANDLER = re.compile(r"(?:^|[\s\"'/{:;])(on[a-z]+)\s*=", re.I)
# Where a URL starts in Markdown or HTML: a link or image, a reference definition, an autolink, an attribute.
_URL_START = re.compile(
    r"\]\(\s*<?|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?|<(?=[a-z][a-z0-9+.-]*:)"
    r"|\b(?:href|src|action|formaction|srcset|poster|background|xlink:href|data|code|cite)\s*=\s*[\"']?",
    re.I | re.M,
)
MACRO_CALL = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\s*\(\s*([^()]*?)\s*\)\s*-?\}\}")
_FIRST_ARG = re.compile(r"^(?:\w+\s*=\s*)?(['\"])(.*?)\1")


class Ids(NamedTuple):
    """The ids a macro call may name (cruxes: None when the data is too broken to know them)."""

    frames: set[str]
    groups: set[str]
    cruxes: set[str] | None = None
    crux_aliases: dict[str, str] | None = None


def blank(text: str, pattern: re.Pattern[str]) -> str:
    """The text with each match replaced by spaces (line breaks kept), so positions still hold."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def prose_of(text: str) -> str:
    """A page's text with what is shown, never run, blanked: raw blocks, fenced code, comments, code spans."""
    return blank(blank(blank(blank(text, _RAW), _FENCE), _COMMENT), _CODE_SPAN)


def first_argument(args: str) -> str | None:
    """The quoted id a macro call's arguments start with, or None."""
    found = _FIRST_ARG.match(args)
    return found.group(2) if found else None


def where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_page(path: Path, display: str, ids: Ids | None, subject: str | None) -> list[Problem]:
    """Every script, event handler or unsafe URL in one page, and every macro call naming an unknown id."""
    if path.stat().st_size > MAX_PAGE_BYTES:
        return [Problem(display, 1, 1, "page", f"the page is over {MAX_PAGE_BYTES:,} bytes; split it")]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [Problem(display, 1, 1, "page", f"not UTF-8 (byte {exc.start}); save the page as UTF-8")]
    problems: list[Problem] = []

    def add(offset: int, field: str, message: str) -> None:
        problems.append(Problem(display, *where(text, offset), field, message))

    # Code is shown, never run: what sits in fences, code spans and comments is left alone.
    prose = prose_of(text)
    for found in _ELEMENT.finditer(prose):
        element = found.group(1).lower()
        why = ("scripts live in docs/assets/js and are listed in mkdocs.yml" if element == "script"
               else "it would load, run or send something outside the page")
        add(found.start(), "html", f"<{element}> is not allowed in a page; {why}")
    for container in (*_TAG.finditer(prose), *_ATTR_LIST.finditer(prose)):
        for handler in _HANDLER.finditer(container.group(0)):
            add(container.start() + handler.start(1), "html",
                f"event-handler attribute '{handler.group(1)}' is not allowed; behaviour belongs in docs/assets/js")
    for start in _URL_START.finditer(prose):
        value = html.unescape(prose[start.end(): start.end() + 200])
        squeezed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
        scheme = next((s for s in UNSAFE_SCHEMES if squeezed.startswith(s)), None)
        if scheme:
            add(start.end(), "link", f"'{scheme}' addresses are not allowed; link to a page or an https:// address")
    if ids is not None:
        problems.extend(_check_macro_calls(text, prose, display, ids, subject))
    return problems


def _check_macro_calls(text: str, prose: str, display: str, ids: Ids, subject: str | None) -> Iterable[Problem]:
    """Calls of unknown macros, and ids that name no frame or group (with the valid choices)."""
    for call in MACRO_CALL.finditer(prose):
        name, args = call.group(1), call.group(2)
        at = (display, *where(text, call.start()), name)
        if name not in PAGE_MACROS:
            close = difflib.get_close_matches(name, list(PAGE_MACROS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Problem(*at, f"unknown macro{hint}; expected one of: {', '.join(PAGE_MACROS)}")
            continue
        kind = PAGE_MACROS[name]
        if kind is None:
            continue
        if kind == "crux":
            yield from _check_crux_call(at, name, args, ids)
            continue
        valid = sorted((ids.frames if "frame" in kind else set()) | (ids.groups if "group" in kind else set()))
        first = _FIRST_ARG.match(args)
        if not args:
            if subject not in valid:
                yield Problem(*at, f"this page is not a {kind} page: name one, e.g. {name}('{valid[0] if valid else 'id'}')")
        elif first is None:
            yield Problem(*at, f"the {kind} must be given as a quoted id, e.g. {name}('{valid[0] if valid else 'id'}')")
        elif first.group(2) not in valid:
            yield Problem(*at, f"no {kind} with id '{first.group(2)}'{_choices(first.group(2), valid)}")


def _check_crux_call(at: tuple, name: str, args: str, ids: Ids) -> Iterable[Problem]:
    """A crux macro names a crux by its quoted id, or an old id of it (known only when the data could be read)."""
    if ids.cruxes is None:
        return
    valid = sorted(ids.cruxes)
    crux = first_argument(args)
    example = f"{name}('{valid[0] if valid else 'crux-id'}')"
    if crux is None:
        yield Problem(*at, f"name the crux by its quoted id, e.g. {example}")
    elif crux not in ids.cruxes and crux not in (ids.crux_aliases or {}):  # an old id names the crux it now is
        yield Problem(*at, f"no crux with id '{crux}'{_choices(crux, valid)}")


def _choices(value: str, valid: list[str]) -> str:
    close = difflib.get_close_matches(value, valid, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    listed = ", ".join(valid) if len(valid) <= 30 else f"the {len(valid)} ids in data/frames.yml"
    return f"{hint}; expected one of: {listed}"


def subject_of(page: str, ids: Ids) -> str | None:
    """The frame or group a page is about, from its source path (frames/<id>.md, groups/<id>.md)."""
    folder, _, name = page.rpartition("/")
    stem = name.removesuffix(".md")
    if folder == "frames" and stem in ids.frames or folder == "groups" and stem in ids.groups:
        return stem
    return None


def check_pages(docs: Path, display: str, ids: Ids | None) -> list[Problem]:
    """check_page for every Markdown page under a docs folder."""
    problems: list[Problem] = []
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        problems.extend(check_page(path, f"{display}/{page}", ids, subject_of(page, ids) if ids else None))
    return problems
