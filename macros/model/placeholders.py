"""The placeholders `make new-frame` leaves for the contributor to replace: refused wherever one is left."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from .problems import Problem
from .yaml_positions import PosMap, PosSeq, dotted

SCAFFOLD_MARK = "TODO(new-frame)"
# A mark in code (`TODO(new-frame)`, or a fenced block) is a mention of it, as in CONTRIBUTING, and one in an HTML
# comment is a note to editors: neither is a placeholder a reader would see.
_NOT_PROSE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1|`+[^`\n]*`+|<!--.*?-->", re.M | re.S)


def _instruction(text: str, at: int) -> str:
    """What the placeholder at `at` asks for: the rest of its line after the mark."""
    rest = text[at + len(SCAFFOLD_MARK):].split("\n", 1)[0].lstrip(":").strip()
    return " ".join(rest.split()).rstrip(".")


def _message(instruction: str) -> str:
    if not instruction:
        return f"placeholder from new-frame still here; write this part in your own words, then remove {SCAFFOLD_MARK}"
    return f'placeholder from new-frame still here: "{instruction}"; do what it says, then remove {SCAFFOLD_MARK}'


def _texts(node: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str, tuple[int, int]]]:
    """(location, text, 0-based position) for every text value in the data, in file order."""
    if isinstance(node, PosMap):
        for key, value in node.items():
            if isinstance(value, str):
                yield (*loc, key), value, node.values_at[key]
            else:
                yield from _texts(value, (*loc, key))
    elif isinstance(node, PosSeq):
        for index, value in enumerate(node):
            if isinstance(value, str):
                yield (*loc, index), value, node.items_at[index]
            else:
                yield from _texts(value, (*loc, index))


def placeholders_in_data(raw: Any, path: Path, display: str) -> list[Problem]:
    """Each value of a data file that still holds a placeholder, at the placeholder itself."""
    found = [(loc, value, at) for loc, value, at in _texts(raw) if SCAFFOLD_MARK in value]
    if not found:
        return []
    text = path.read_text(encoding="utf-8-sig")
    starts = [0, *(i + 1 for i, char in enumerate(text) if char == "\n")]
    problems = []
    for loc, value, (line, col) in found:
        # A folded text starts at its '>-' and the words follow on the next lines: the mark's own place is further on.
        offset = text.find(SCAFFOLD_MARK, starts[line] + col)
        line = next(i for i in range(line, len(starts)) if i + 1 == len(starts) or starts[i + 1] > offset)
        problems.append(Problem(display, line + 1, offset - starts[line] + 1, dotted(loc),
                                _message(_instruction(value, value.index(SCAFFOLD_MARK)))))
    return problems


def placeholders_in_page(text: str, display: str) -> list[Problem]:
    """Each placeholder in a page's text (outside code and comments), at its line and column."""
    prose = _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    problems = []
    for found in re.finditer(re.escape(SCAFFOLD_MARK), prose):
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        problems.append(Problem(display, line, col, "page", _message(_instruction(text, found.start()))))
    return problems


def placeholders_in_pages(docs: Path, display: str) -> list[Problem]:
    """placeholders_in_page for every Markdown page under a docs folder (only pages holding the mark are decoded)."""
    problems = []
    for path in sorted(docs.rglob("*.md")):
        raw = path.read_bytes()
        if SCAFFOLD_MARK.encode() in raw:
            page = path.relative_to(docs).as_posix()
            problems.extend(placeholders_in_page(raw.decode("utf-8-sig", errors="replace"), f"{display}/{page}"))
    return problems
