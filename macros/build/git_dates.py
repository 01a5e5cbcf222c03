"""Git, read for the dates (macros/build/page_dates.py): the commits that touched the pages' files, and the files as
each commit had them. Nothing here imports MkDocs. A tarball or sdist has no .git: there is then no history, and
the pages simply show no date.
"""

from __future__ import annotations

import io
import logging
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.macros.git_dates")


@dataclass(frozen=True)
class History:
    """The commits of the branch being built (first parents) that touched the given folders, newest first."""

    top: Path  # the repository's top folder
    prefix: str  # the project's folder inside it ('' or 'site/')
    folders: tuple[str, ...]  # folders and files, relative to the project: 'data', 'docs', 'CONTRIBUTING.md'
    commits: tuple[tuple[str, str], ...]  # (commit id, committer date YYYY-MM-DD)

    def files_at(self, commit: str) -> dict[str, bytes]:
        """Every file under the folders as the commit had them, by path relative to the project."""
        # Only what the commit has: a path it lacks would stop git archive.
        there = _git(["ls-tree", "--name-only", commit, "--", *(self.prefix + f for f in self.folders)], self.top).split()
        if not there:
            return {}
        out = _git(["archive", "--format=tar", commit, "--", *there], self.top, text=False)
        files = {}
        with tarfile.open(fileobj=io.BytesIO(out), mode="r:") as archive:
            for member in archive:
                handle = archive.extractfile(member) if member.isfile() else None
                if handle is not None:
                    files[member.name.removeprefix(self.prefix)] = handle.read()
        return files


class GitError(Exception):
    """A git command failed; the message is git's."""


def _git(args: list[str], cwd: Path, text: bool = True):
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=text, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(str(exc)) from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip() if text else result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def history(project: Path, folders: tuple[str, ...]) -> History | None:
    """The first-parent commits that touched the folders, newest first; None without git history."""
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], project).strip())
        prefix = _git(["rev-parse", "--show-prefix"], project).strip()
        # --first-parent: the states the branch went through (a merge counts as one change, on its own date).
        out = _git(["log", "--first-parent", "--format=%H %cs", "--", *folders], project)
    except GitError as exc:
        log.info("no git history (%s): pages will show no 'last changed' date", exc)
        return None
    commits = tuple(tuple(line.split(" ", 1)) for line in out.splitlines() if line.strip())
    return History(top, prefix, folders, commits)  # type: ignore[arg-type]
