"""Text surgery for new-frame: an entry added to data/frames.yml and a page to mkdocs.yml's nav, the rest kept as written."""

from __future__ import annotations

from ruamel.yaml import YAML


def insert_frame(text: str, entry: str) -> tuple[str, int]:
    """The data file with the entry after its last frame, and the entry's first line number."""
    root = YAML(typ="rt").load(text)
    keys = list(root)
    lines = text.splitlines(keepends=True)
    after = keys.index("frames") + 1
    end = root.lc.key(keys[after])[0] if after < len(keys) else len(lines)
    # Blank lines and comments just before the next section belong to it.
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    if lines and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join([*lines[:end], "\n", entry, *lines[end:]]), end + 2


def add_to_nav(text: str, section: str, page: str) -> str | None:
    """mkdocs.yml with the page added last under a nav section, or None if there is no such section."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == f"- {section}:"), None)
    if start is None:
        return None
    depth = len(lines[start]) - len(lines[start].lstrip())
    last = start
    for i in range(start + 1, len(lines)):
        if lines[i].strip():
            if len(lines[i]) - len(lines[i].lstrip()) <= depth:
                break
            last = i
    if last == start:
        return None
    prefix = lines[last][: lines[last].index("-")]
    lines.insert(last + 1, f"{prefix}- {page}\n")
    return "".join(lines)
