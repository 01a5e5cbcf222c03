"""Reading YAML with the line and column of every node, and turning a field path into a position."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from .models import UNION_TAGS
from .problems import Problem
from .yaml_syntax import MAX_DEPTH, syntax_problem

# Bounds that keep a hostile file from tying up a build: the real data is a few dozen KB and six
# levels deep; a 1,000-frame site (bench/synth.py) is about 2.5 MB.
MAX_BYTES = 4_000_000
MAX_VALUES = 150_000  # keys, values and containers


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
        return None, [syntax_problem(exc, display, text)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, with its offset
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return None, [Problem(display, line, col, "yaml", f"the control character U+{code:04X} is not allowed; remove it")]


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
        self.anchors: set[str] = set()

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
                if event.version or event.tags:
                    self.add(event.start_mark, "yaml", f"directive '{'%YAML' if event.version else '%TAG'}': the data files "
                                                       "use no directives; remove the line", fatal=False)
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
            self.anchors.add(event.anchor)
            self.add(mark, "yaml", f"anchor '&{event.anchor}': anchors and aliases are not allowed; write the value out")
        if getattr(event, "tag", None) is not None:
            self.add(mark, "yaml", f"tag '{event.tag}': tags are not allowed; write plain values")
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                self.add(mark, "yaml", f"alias '*{event.anchor}' names no anchor, and anchors and aliases are not "
                                       "allowed; write the value out")
            self._place(None, mark)
        elif isinstance(event, yaml.ScalarEvent):
            value = self._scalar(event)
            top = self.open[-1] if self.open else None
            if top is not None and isinstance(top[0], PosMap) and top[2] is None:
                value = self._key(event, value)
            self._place(value, mark)
        else:
            container = PosMap() if isinstance(event, yaml.MappingStartEvent) else PosSeq()
            container.start = (mark.line, mark.column)
            if isinstance(container, PosMap):
                container.keys_at, container.values_at = {}, {}
            else:
                container.items_at = []
            self.open.append([container, self._child_path(), None, mark])

    def _key(self, event: Any, value: Any) -> Any:
        """A key as read, or _DROP for a merge key or a key that YAML does not read as a name."""
        if not event.style and event.value == "<<":
            self.add(event.start_mark, "yaml", "merge key '<<': merging mappings is not allowed; write each key out")
            return _DROP
        if not isinstance(value, str):
            kind = ("nothing" if value is None else "true or false" if isinstance(value, bool)
                    else "a number" if isinstance(value, (int, float)) else "a date")
            self.add(event.start_mark, "yaml", f"the key '{event.value}' reads as {kind} in YAML, not as a field name; "
                                               "use the field's name, or quote it", fatal=False)
            return _DROP
        return value

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
        construct = _scalars.yaml_constructors.get(tag)
        if construct is None:  # YAML 1.1's merge ('<<') and value ('=') types mean nothing as a value: the text it is
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return construct(_scalars, node)
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
