"""Reading the raw YAML data by shape, so that checks of a file that failed validation still see all of it."""

from __future__ import annotations

from typing import Any


def items_under(node: Any, key: str) -> list[tuple[int, Any]]:
    """(index, mapping) for each mapping in the list under a key; nothing if the shape is wrong."""
    value = node.get(key) if isinstance(node, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def texts_under(node: Any, key: str) -> list[tuple[int, str]]:
    """(index, text) for each text in the list under a key."""
    value = node.get(key) if isinstance(node, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)] if isinstance(value, list) else []


def text_under(node: Any, key: str) -> str | None:
    """The text under a key, or None when it is missing or not text."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, str) else None
