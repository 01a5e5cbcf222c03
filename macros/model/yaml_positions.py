"""Reading YAML with the line and column of every node, and turning a field path into a position."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .models import UNION_TAGS
from .problems import Problem


def read_yaml(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Parse a YAML file, reporting tabs, a syntax error or every duplicate key with its position."""
    text = path.read_text(encoding="utf-8")
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            problems.append(
                Problem(display, number, indent.index("\t") + 1, "yaml", "tab used for indentation; indent with spaces")
            )
    if problems:
        return None, problems
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "invalid YAML").strip()
        return None, [Problem(display, mark.line + 1, mark.column + 1, "yaml", f"syntax error: {what}")]
    problems.extend(_duplicate_keys(root, display))
    # An empty file is an empty mapping, so each missing section is named.
    return (CommentedMap() if root is None else _construct(root)), problems


# PyYAML's C parser (libyaml) is ~30 times faster than a pure-Python one, and its nodes carry
# line and column. The data is rebuilt as ruamel's position-aware containers for the checks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.SafeLoader("")


def _construct(node: Any) -> Any:
    """Plain data from a composed node: mappings and sequences remember where each item stood."""
    if isinstance(node, yaml.MappingNode):
        out = CommentedMap()
        out._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for key_node, value_node in node.value:
            key = _construct(key_node)
            if key in out:
                continue  # a duplicate key, already reported; the first value is kept
            out[key] = _construct(value_node)
            out._yaml_set_kv_line_col(key, [key_node.start_mark.line, key_node.start_mark.column,
                                            value_node.start_mark.line, value_node.start_mark.column])
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = CommentedSeq()
        seq._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for index, item in enumerate(node.value):
            seq.append(_construct(item))
            seq._yaml_set_idx_line_col(index, [item.start_mark.line, item.start_mark.column])
        return seq
    return _scalars.construct_object(node)


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
