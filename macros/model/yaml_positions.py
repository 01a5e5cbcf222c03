"""Reading YAML with the line and column of every node, and turning a field path into a position."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .models import UNION_TAGS
from .problems import Problem

# Bounds that keep a hostile file from tying up a build: the real data is a few dozen KB and six
# levels deep; a 1,000-frame site (bench/synth.py) is about 2.5 MB.
MAX_BYTES = 4_000_000
MAX_DEPTH = 32

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
        # The events first: aliases are refused before anything could expand them (a few hundred
        # bytes of nested aliases would otherwise take hours), and so is a nesting past MAX_DEPTH.
        problems = _unused_features(text, display)
        if problems:
            return None, problems
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display)]
    except yaml.YAMLError as exc:  # e.g. a reader error without a position
        return None, [Problem(display, 1, 1, "yaml", f"syntax error: {exc}")]
    problems.extend(_duplicate_keys(root, display))
    if root is None:  # an empty file: each missing section is named
        return CommentedMap(), problems
    out = _construct(root, display, problems)
    return (None if problems and out is None else out), problems


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    """A syntax error where its cause starts (an unclosed bracket, not the line where the parser gave up)."""
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    found = exc.problem_mark
    hint = next((h for key, h in _HINTS.items() if key in f"{problem} {context}"), "")
    if exc.context_mark is not None and found is not None and exc.context_mark.line < found.line:
        start = exc.context_mark
        message = f"syntax error: {problem} at line {found.line + 1}, {context} that starts here"
    else:
        start = found or exc.context_mark
        message = f"syntax error: {problem}" + (f" {context}" if context else "")
    return Problem(display, start.line + 1, start.column + 1, "yaml", message + (f"; {hint}" if hint else ""))


def _unused_features(text: str, display: str) -> list[Problem]:
    """Anchors, aliases and tags (the data uses none) and nesting past MAX_DEPTH, from the event stream."""
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        where = (display, mark.line + 1, mark.column + 1, "yaml")
        # Each anchor is reported once; the aliases that use it are the same mistake.
        if isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.AliasEvent) and event.anchor is not None:
            problems.append(Problem(*where, f"anchor '&{event.anchor}': anchors and aliases are not allowed; "
                                            "write the value out"))
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag is not None:
            problems.append(Problem(*where, f"tag '{event.tag}': tags are not allowed; write plain values"))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(Problem(*where, f"nested more than {MAX_DEPTH} levels deep"))
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return problems


# PyYAML's C parser (libyaml) is ~30 times faster than a pure-Python one, and its nodes carry
# line and column. The data is rebuilt as ruamel's position-aware containers for the checks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.SafeLoader("")


def _construct(node: Any, display: str, problems: list[Problem]) -> Any:
    """Plain data from a composed node: mappings and sequences remember where each item stood."""
    if isinstance(node, yaml.MappingNode):
        out = CommentedMap()
        out._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                mark = key_node.start_mark
                problems.append(Problem(display, mark.line + 1, mark.column + 1, "yaml",
                                        "a key must be a plain word, not a list or mapping"))
                continue
            key = _construct(key_node, display, problems)
            if key in out:
                continue  # a duplicate key, already reported; the first value is kept
            out[key] = _construct(value_node, display, problems)
            out._yaml_set_kv_line_col(key, [key_node.start_mark.line, key_node.start_mark.column,
                                            value_node.start_mark.line, value_node.start_mark.column])
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = CommentedSeq()
        seq._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for index, item in enumerate(node.value):
            seq.append(_construct(item, display, problems))
            seq._yaml_set_idx_line_col(index, [item.start_mark.line, item.start_mark.column])
        return seq
    try:
        return _scalars.construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError):
        # A value that looks like a date or number but is none (2022-02-30): kept as the text it is.
        return node.value


def _duplicate_keys(node: Any, display: str, path: str = "") -> Iterator[Problem]:
    """Every key that appears twice in one mapping of a composed YAML node tree."""
    if node is None:
        return
    if node.id == "mapping":
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            here = f"{path}.{name}" if path else name
            if name in seen:
                yield Problem(
                    display, key.start_mark.line + 1, key.start_mark.column + 1, here,
                    "duplicate key; each key may appear once in a mapping",
                )
            seen.add(name)
            yield from _duplicate_keys(value, display, here)
    elif node.id == "sequence":
        for index, value in enumerate(node.value):
            yield from _duplicate_keys(value, display, f"{path}[{index}]")


def position(root: Any, loc: tuple, *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node that a pydantic error location names."""
    node, line, col = root, 1, 1
    if isinstance(root, (CommentedMap, CommentedSeq)) and root.lc.line is not None:
        line, col = root.lc.line + 1, root.lc.col + 1
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, CommentedMap):
            if part in node:
                pos = node.lc.key(part) if (key and last) else node.lc.value(part)
                line, col = pos[0] + 1, pos[1] + 1
                node = node[part]
                continue
            if part in UNION_TAGS:
                continue
            break  # a missing field: point at the mapping that lacks it
        if isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            pos = node.lc.item(part)
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
