"""When each file last changed, read from git history once per build (macros/build/context.py); nothing without git.

Nothing here imports MkDocs. A tarball or sdist has no .git: every lookup then finds no date,
and the pages simply show none.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.macros.git_dates")

# Pages that call a macro show data from data/, so a change there changes them too.
DATA_DIR = "data/"


def last_changed_dates(project_dir: Path) -> dict[str, str]:
    """Path (relative to project_dir) -> date (YYYY-MM-DD) of the newest commit that touched it."""
    try:
        result = subprocess.run(
            # --relative: paths relative to project_dir, and only files under it, even when the
            # project sits inside a larger repository.
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames"],
            cwd=project_dir, capture_output=True, text=True, timeout=60, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.info("no git history (%s): pages will show no 'last changed' date", exc)
        return {}
    if result.returncode != 0:
        log.info("no git history (%s): pages will show no 'last changed' date", result.stderr.strip())
        return {}
    return parse_git_log(result.stdout)


def parse_git_log(text: str) -> dict[str, str]:
    """Read `git log --format=%x00%cs --name-only` output: newest commits come first."""
    dates: dict[str, str] = {}
    date = None
    for line in text.splitlines():
        if line.startswith("\x00"):
            date = line[1:].strip()
        elif line.strip() and date:
            dates.setdefault(line.strip(), date)
    return dates


def page_last_changed(dates: dict[str, str], source: str | None, *, calls_macros: bool) -> str | None:
    """Newest date of a page's Markdown file and, if it calls macros, of any file under data/.

    A page never committed has no date: the data's would claim it unchanged since then. A page written
    from the data at each build (source None: a crux's page) has the data's.
    """
    if source is not None and source not in dates:
        return None
    found = [dates[source]] if source is not None else []
    if calls_macros:
        found += [date for path, date in dates.items() if path.startswith(DATA_DIR)]
    return max(found, default=None)
