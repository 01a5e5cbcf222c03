"""When each page's words last changed, from git history read once per build (macros/build/context.py).

A page's words are its Markdown's and those of the data it shows (macros/model/page_words.py). Newest first, over
the commits of the branch being built (first parents) that touched data/ or docs/, each commit's files are read as
it had them and each page's words fingerprinted; a page is dated by the oldest commit of the newest unbroken run of
commits whose words are its words now (under its old address, for a frame, group or crux renamed with an alias). So
a commit that changes one frame's data re-dates the pages that show what it changed, and a reformatting, a rename
or a change of data/frames.schema.json re-dates none. A page whose words are not yet committed has no date; a
page the build writes for an edition or a removed crux shows its edition's date instead (macros/build/page.py).

The walk stops when every page's run has ended, or at a commit whose data is not in today's shape (its data cannot
be read for words: pages unchanged since then are dated by the commit after it). Each commit's fingerprints are
kept in .cache/page-words/<version>/<commit>.json (a commit's files never change; the version is that of the code
that makes the words), so a build reads git only for commits it has not seen: `make bench` and the README give
the cost with a cold and a warm cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Iterator

from .. import urls
from ..model import DataError, SiteData
from ..model import markdown_words, page_words
from ..model.editions import Edition, EditionError, read_editions
from ..model.page_facts import reports_in
from ..model.markdown_words import included_files
from ..model.page_words import fingerprint, page_aliases, read_past_data, words_shown
from .generated_pages import MARK
from .git_dates import GitError, History, history

log = logging.getLogger("mkdocs.plugins.macros.page_dates")

DATA = "data"
CACHE = Path(".cache") / "page-words"
# The cache is good for as long as the code that makes the words is the same.
VERSION = hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in (page_words, markdown_words)) +
                         Path(__file__).read_bytes()).hexdigest()[:12]
Fingerprints = dict[str, str]  # page path -> fingerprint of its words


def page_dates(root: Path, docs: Path, data: SiteData, editions: list[Edition],
               discussion: dict[str, bool]) -> dict[str, str | None]:
    """Page path -> the date (YYYY-MM-DD) its words last changed, or None (not committed, or no git history)."""
    pages = _pages(data, _texts(docs))
    # The files that snippets put in the pages (docs/contributing.md shows CONTRIBUTING.md) are their words too.
    included = sorted({name for text in pages.values() for name in included_files(text)})
    now = {path: fingerprint(words_shown(data, path, text, editions=editions, discussion=discussion,
                                         include=lambda name: _read(root / name)))
           for path, text in pages.items()}
    try:
        folder = docs.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:  # pages kept outside the project: git cannot say how they changed along with the data
        return dict.fromkeys(now)
    found = history(root, (DATA, folder, *included))
    if found is None:
        return dict.fromkeys(now)
    aliases = {path: page_aliases(data, path) for path in now}
    return date_runs(now, aliases, _fingerprints(found, root / CACHE / VERSION, folder))


def date_runs(now: Fingerprints, aliases: dict[str, tuple[str, ...]],
              commits: Iterator[tuple[str, Fingerprints | None]]) -> dict[str, str | None]:
    """Each page's date: that of the oldest commit in the newest unbroken run whose words are the page's words now.

    `commits`: (date, fingerprints) newest first, fingerprints None at a commit whose words cannot be read (the run
    ends there). A page whose words differ from the newest commit's (not committed yet) has no date.
    """
    dates: dict[str, str | None] = dict.fromkeys(now)
    running = set(now)
    for date, found in commits if running else ():
        if found is None:
            break
        for path in sorted(running):
            then = next((found[p] for p in (path, *aliases.get(path, ())) if p in found), None)
            if then == now[path]:
                dates[path] = date
            else:
                running.discard(path)
        if not running:
            break
    return dates


def _fingerprints(found: History, cache: Path, docs: str) -> Iterator[tuple[str, Fingerprints | None]]:
    """(date, each page's fingerprint) at each commit, newest first: from the cache, else from git (then cached)."""
    for commit, date in found.commits:
        stored = cache / f"{commit}.json"
        try:
            yield date, json.loads(stored.read_text(encoding="utf-8"))["pages"]
            continue
        except (OSError, ValueError, KeyError):
            pass
        try:
            files = found.files_at(commit)
        except GitError as exc:  # not kept: it may read next time
            log.info("the dates look no further back than commit %s: %s", commit[:12], exc)
            return
        try:
            pages = fingerprints_of(files, docs)
        except (DataError, EditionError, ValueError, KeyError, TypeError) as exc:
            log.info("the dates look no further back than commit %s: %s", commit[:12], str(exc).splitlines()[0][:200])
            pages = None
        _store(stored, {"pages": pages})
        yield date, pages


def fingerprints_of(files: dict[str, bytes], docs: str) -> Fingerprints:
    """Each page's fingerprint, from the files of data/ and docs/ as a commit had them (paths relative to the project)."""
    with tempfile.TemporaryDirectory(prefix="page-words-") as folder:
        for path, content in files.items():
            if path.startswith(DATA + "/"):
                (Path(folder) / path).parent.mkdir(parents=True, exist_ok=True)
                (Path(folder) / path).write_bytes(content)
        data = read_past_data(Path(folder) / DATA / "frames.yml", Path(folder) / DATA / "glossary.yml")
        editions = read_editions(Path(folder))
    texts = {path.removeprefix(docs + "/"): content.decode("utf-8") for path, content in files.items()
             if path.startswith(docs + "/") and path.endswith(".md")}
    discussion = reports_in(data, texts.get)

    def include(name: str) -> str | None:
        return files[name].decode("utf-8") if name in files else None

    return {path: fingerprint(words_shown(data, path, text, editions=editions, discussion=discussion, include=include))
            for path, text in _pages(data, texts).items()}


def _pages(data: SiteData, texts: dict[str, str]) -> dict[str, str]:
    """Page path -> Markdown of every page that shows a "Last changed" date: docs/'s own and a page per crux."""
    pages = {urls.source_page_path(source): text for source, text in texts.items()
             if not text.partition("\n---\n")[2].startswith(MARK)}
    pages.update({urls.crux_page_path(crux): "" for crux in data.cruxes})
    return pages


def _texts(docs: Path) -> dict[str, str]:
    return {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in sorted(docs.rglob("*.md"))}


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _store(path: Path, value: dict) -> None:
    """Write a cache file whole or not at all (another build may read it at the same moment)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(value, sort_keys=True), encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        log.info("cannot keep the dates' cache in %s: %s", path.parent, exc)
