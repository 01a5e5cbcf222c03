"""Reading YAML with the line and column of every node, and turning a field path into a position."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from .models import UNION_TAGS
from .problems import Problem

# Bounds that keep a hostile file from tying up a build: the real data is a few dozen KB and six
# levels deep; a 1,000-frame site (bench/synth.py) is about 2.5 MB.
MAX_BYTES = 4_000_000
MAX_DEPTH = 32
MAX_VALUES = 150_000  # keys, values and containers

# Plain words for what went wrong, keyed by a phrase of PyYAML's message.
_HINTS = {
    "flow sequence": "a value that starts with '[' is a list: close it with ']', or quote the text",
    "flow mapping": "a value that starts with '{' is a mapping: close it with '}', or quote the text",
    "quoted scalar": "close the quote, or escape a quote inside the text",
    "mapping values are not allowed": "quote a value that contains ': ', or align this line with the keys above it",
    "expected <block end>": "this line's indentation matches no key above it",
    "did not find expected key": "this line's indentation matches no key above it",
    "did not find expected '-'": "items of a list start with '- ' at the same indentation",
    "could not find expected ':'": "a key needs ': ' after it, or a long text needs quotes",
    "special characters are not allowed": "remove the control character",
}


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or why it cannot be read: missing, a folder, too large, not UTF-8."""
    def refused(message: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, col, "file", message)]

    if path.is_dir():
        return refused("this is a folder; give a YAML file")
    if not path.is_file():
        return refused("no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return refused(f"the file is {size:,} bytes; the limit is {MAX_BYTES:,}")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return refused(f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot appear here; save the file as UTF-8", line, col)


def read_yaml(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Parse a YAML file, reporting tabs, a syntax error, YAML features the data does not use, or every duplicate key."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            problems.append(
                Problem(display, number, indent.index("\t") + 1, "yaml", "tab used for indentation; indent with spaces")
            )
    if problems:
        return None, problems
    try:
        return _Builder(display).build(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display, text)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, with its offset
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return None, [Problem(display, line, col, "yaml", f"the control character U+{code:04X} is not allowed; remove it")]


_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?[^\s:#][^:#]*:\s+(["'])""")


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    """A syntax error where its cause starts (an unclosed bracket, not the line where the parser gave up)."""
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    found = exc.problem_mark
    hint = next((h for key, h in _HINTS.items() if key in f"{problem} {context}"), "")
    if "nesting depth" in problem and found is not None:  # libyaml's own bound, met while reading ahead
        return Problem(display, found.line + 1, found.column + 1, "yaml", f"nested more than {MAX_DEPTH} levels deep")
    first = exc.context_mark.line if exc.context_mark is not None else found.line if found else 0
    last = found.line if found is not None else first
    # A quote opened and not closed on its line swallows the lines after it: the parser fails further
    # down, but the mistake is the quote.
    for number, line in enumerate(text.splitlines()[first: last + 1], first + 1):
        quote = _OPEN_QUOTE.match(line)
        if quote and line.rstrip().count(quote.group(1)) % 2 == 1 and found is not None and found.line + 1 > number:
            return Problem(display, number, quote.end(), "yaml", f"syntax error: the quote opened here is not closed on "
                                                                 f"its line, so the lines up to line {found.line + 1} "
                                                                 "are read as one text; close the quote")
    if exc.context_mark is not None and found is not None and exc.context_mark.line < found.line:
        start = exc.context_mark
        message = f"syntax error: {problem} at line {found.line + 1}, {context} that starts here"
    else:
        start = found or exc.context_mark
        message = f"syntax error: {problem}" + (f" {context}" if context else "")
    return Problem(display, start.line + 1, start.column + 1, "yaml", message + (f"; {hint}" if hint else ""))


class PosMap(dict):
    """A mapping from the file, with where it and each of its keys and values stood (0-based)."""

    __slots__ = ("start", "keys_at", "values_at")


class PosSeq(list):
    """A list from the file, with where it and each of its items stood (0-based)."""

    __slots__ = ("start", "items_at")


# PyYAML's C parser (libyaml) reads the events; one pass over them checks what the data may not use
# and builds the containers, so the cost stays linear and bounded by MAX_VALUES: aliases are never
# expanded (a few hundred bytes of nested aliases would otherwise take hours).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.SafeLoader("")
_STR = "tag:yaml.org,2002:str"
_DROP = object()  # the place of a value that is not kept: under a duplicate or malformed key


@functools.lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    return _scalars.resolve(yaml.ScalarNode, value, (True, False))


class _Builder:
    """Plain data with positions from a YAML text, and the problems found on the way."""

    def __init__(self, display: str):
        self.display = display
        self.problems: list[Problem] = []
        # One entry per open container: [container, path, key waiting for its value or None, its mark].
        self.open: list[list] = []
        self.root: Any = None
        self.fatal = False

    def add(self, mark: Any, path: str, message: str, fatal: bool = True) -> None:
        self.problems.append(Problem(self.display, mark.line + 1, mark.column + 1, path, message))
        self.fatal = self.fatal or fatal

    def build(self, text: str) -> tuple[Any, list[Problem]]:
        count = documents = 0
        for event in yaml.parse(text, Loader=_Loader):
            count += 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.add(event.start_mark, "yaml", "syntax error: a second YAML document starts here; the file holds one")
                    break
            if count > MAX_VALUES:
                self.add(event.start_mark, "yaml", f"the file holds more than {MAX_VALUES:,} values; split it or shorten it")
                break
            if isinstance(event, yaml.NodeEvent):
                self._node(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                done = self.open.pop()
                self._place(done[0], done[3])
            if len(self.open) > MAX_DEPTH:
                self.add(event.start_mark, "yaml", f"nested more than {MAX_DEPTH} levels deep")
                break
        if self.fatal:
            return None, self.problems
        return (PosMap() if self.root is None else self.root), self.problems

    def _node(self, event: Any) -> None:
        mark = event.start_mark
        # Each anchor is reported once; the aliases that use it are the same mistake.
        if event.anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.add(mark, "yaml", f"anchor '&{event.anchor}': anchors and aliases are not allowed; write the value out")
        if getattr(event, "tag", None) is not None:
            self.add(mark, "yaml", f"tag '{event.tag}': tags are not allowed; write plain values")
        if isinstance(event, yaml.AliasEvent):
            self._place(None, mark)
        elif isinstance(event, yaml.ScalarEvent):
            self._place(self._scalar(event), mark)
        else:
            container = PosMap() if isinstance(event, yaml.MappingStartEvent) else PosSeq()
            container.start = (mark.line, mark.column)
            if isinstance(container, PosMap):
                container.keys_at, container.values_at = {}, {}
            else:
                container.items_at = []
            self.open.append([container, self._child_path(), None, mark])

    def _child_path(self) -> str:
        if not self.open:
            return ""
        container, path, key, _ = self.open[-1]
        if isinstance(container, PosSeq):
            return f"{path}[{len(container)}]"
        return (f"{path}.{key[0]}" if path else str(key[0])) if key and key[0] is not _DROP else path

    def _place(self, value: Any, mark: Any) -> None:
        """Put a finished value where it belongs: the root, the next item of a list, a key or a key's value."""
        if not self.open:
            self.root = value
            return
        top = self.open[-1]
        container = top[0]
        if isinstance(container, PosSeq):
            container.append(value)
            container.items_at.append((mark.line, mark.column))
        elif top[2] is None:  # a key
            if isinstance(value, (PosMap, PosSeq)):
                self.add(mark, "yaml", "a key must be a plain word, not a list or mapping", fatal=False)
                value = _DROP
            elif value in container:
                here = f"{top[1]}.{value}" if top[1] else str(value)
                self.add(mark, here, "duplicate key; each key may appear once in a mapping", fatal=False)
                value = _DROP  # the first value is kept
            top[2] = (value, mark)
        else:
            key, key_mark = top[2]
            top[2] = None
            if key is not _DROP:
                container[key] = value
                container.keys_at[key] = (key_mark.line, key_mark.column)
                container.values_at[key] = (mark.line, mark.column)

    @staticmethod
    def _scalar(event: Any) -> Any:
        plain = not event.style and event.implicit[0]  # the C parser gives "" for plain, the Python one None
        tag = _plain_tag(event.value) if plain else _STR
        if tag == _STR:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return _scalars.yaml_constructors[tag](_scalars, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            # A value that looks like a date or number but is none (2022-02-30): kept as the text it is.
            return event.value


def line_of(container: Any, key: Any) -> int:
    """The 1-based line of an item of a list or a key of a mapping read by read_yaml."""
    if isinstance(container, PosSeq):
        return container.items_at[key][0] + 1
    return container.keys_at[key][0] + 1


def position(root: Any, loc: tuple, *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node that a pydantic error location names."""
    node, line, col = root, 1, 1
    if isinstance(root, (PosMap, PosSeq)) and hasattr(root, "start"):
        line, col = root.start[0] + 1, root.start[1] + 1
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, PosMap):
            if part in node:
                pos = node.keys_at[part] if (key and last) else node.values_at[part]
                line, col = pos[0] + 1, pos[1] + 1
                node = node[part]
                continue
            if part in UNION_TAGS:
                continue
            break  # a missing field: point at the mapping that lacks it
        if isinstance(node, PosSeq) and isinstance(part, int) and part < len(node):
            pos = node.items_at[part]
            line, col = pos[0] + 1, pos[1] + 1
            node = node[part]
            continue
        break
    return line, col


def dotted(loc: tuple) -> str:
    """A pydantic location as a field path: frames[2].cruxes[0].text."""
    out = ""
    for part in loc:
        if part in UNION_TAGS:
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"
