"""What every command needs to speak: counts in words, and paths as the user would type them."""

from __future__ import annotations

from pathlib import Path


def plural(count: int, noun: str, plural_form: str = "") -> str:
    """'1 problem', '2 problems' ('3 cruxes' given the plural)."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def shown(path: Path) -> str:
    """A path relative to the working folder when it is under it, as the user would type it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
