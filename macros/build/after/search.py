"""The site's search index: Pagefind over the built pages, plus one record per glossary entry and per crux.

Pagefind indexes the finished HTML, so the index is the same whichever engine wrote the pages. Its
filters and meta belong to a whole page and its sub-results come only from headings, so a glossary
entry or a crux (a <dt> or a table row, not a heading) cannot be a result of its own from the page:
each is added as a record of its own, landing on its anchor, and the partials mark the entries
data-pagefind-ignore so the long glossary or explorer page does not outrank them.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from ... import urls
from ...model import SiteData
from ...views.templates import environment

OUTPUT = urls.SEARCH_INDEX.rstrip("/")  # folder of the index in the built site
LANGUAGE = "en"
# The permalink signs after headings would end every section's title with a "¶"; every page's
# "Last changed" line would make "changed" find them all.
CONFIG = {"force_language": LANGUAGE, "exclude_selectors": [".headerlink", ".last-changed"]}


class SearchIndexError(Exception):
    """Pagefind could not index the built site; the message is one line."""


@dataclass(frozen=True)
class Record:
    """One search result of its own: the page path and anchor it lands on, and its HTML for Pagefind."""

    url: str
    html: str


def glossary_records(data: SiteData) -> list[Record]:
    """One record per glossary entry, at glossary/#term-<id>."""
    records = []
    for term in data.glossary.terms:
        frames = [data.frames[fid] for fid in term.frames if fid in data.frames]
        groups = _groups(data, [f.id for f in frames])
        title = f"{term.abbr} · {term.term}" if term.abbr else term.term
        records.append(_record(
            urls.term_path(term.id), kind="glossary entry", title=title,
            text=term.definition, also=list(term.also_matches or []),
            frames=[f.title for f in frames], groups=groups,
        ))
    return records


def crux_records(data: SiteData) -> list[Record]:
    """One record per crux, at its anchor on the page of the frame or group that defines it."""
    records = []
    for cid, entry in data.cruxes.items():
        owners = data.relied_on_by[cid]
        frames = [data.frames[o].title for o in owners if o in data.frames]
        owner = data.owner(entry.owner)
        parent = data.cruxes[entry.parent].crux.text if entry.parent else None
        records.append(_record(
            urls.crux_path(data, cid), kind="crux", title=entry.crux.text, text=parent or "",
            also=[f"Crux of {owner.title}"], frames=frames, groups=_groups(data, owners),
        ))
    return records


def _groups(data: SiteData, owners: list[str]) -> list[str]:
    """Titles of the groups the given frames or groups belong to, in order, once each."""
    ids = dict.fromkeys(g for oid in owners for g in data.owner_groups(oid))
    return [data.groups[g].title for g in ids]


def _record(url: str, *, kind: str, title: str, text: str, also: list[str], frames: list[str],
            groups: list[str]) -> Record:
    html = environment().get_template("search_record.html").render(
        kind=kind, title=title, text=text, also=also, frames=frames, groups=groups)
    return Record("/" + url, html)


def records(data: SiteData) -> list[Record]:
    """Every record added besides the pages, in a fixed order (the index must not change between builds)."""
    return glossary_records(data) + crux_records(data)


class _Service:
    """Pagefind's indexing service (`pagefind --service`, the process its Python API drives), spoken to directly.

    The Python API reads one answer per 0.1 s (a sleep in its polling loop), so a thousand records
    would take minutes; written all at once, they take a fraction of a second.
    """

    def __init__(self) -> None:
        from pagefind_bin import get_executable

        self._process = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._sent = 0
        self._pending = b""

    def ask(self, payloads: list[dict]) -> list[dict]:
        """Send requests, then wait for all their answers (in the order sent); raise on an error answer."""
        first = self._sent + 1
        self._sent += len(payloads)
        batch = b"".join(base64.b64encode(json.dumps({"message_id": first + i, "payload": payload}).encode())
                         + b"," for i, payload in enumerate(payloads))
        # Written from a thread: the service answers while it reads, and a full pipe would stall both.
        writer = threading.Thread(target=self._write, args=(batch,), daemon=True)
        writer.start()
        answers: dict[int, dict] = {}
        while len(answers) < len(payloads):
            chunk = self._process.stdout.read1(1 << 16)
            if not chunk:
                raise SearchIndexError("the Pagefind service stopped before answering")
            *messages, self._pending = (self._pending + chunk).split(b",")
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                payload = answer.get("payload") or {}
                if payload.get("type") == "Error":
                    raise SearchIndexError(payload.get("message") or str(payload))
                answers[answer["message_id"]] = payload
        writer.join()
        return [answers[first + i] for i in range(len(payloads))]

    def _write(self, batch: bytes) -> None:
        self._process.stdin.write(batch)
        self._process.stdin.flush()

    def close(self) -> None:
        self._process.stdin.close()
        self._process.wait(timeout=30)


def _index(site: Path, extra: list[Record]) -> int:
    """Index the site's pages and the records; return how many pages and records the index holds."""
    service = _Service()
    try:
        (created,) = service.ask([{"type": "NewIndex", "config": CONFIG}])
        index = created["index_id"]
        # Pages without data-pagefind-body (redirect stubs, 404.html) are left out by Pagefind itself.
        answers = service.ask([{"type": "AddDir", "index_id": index, "path": str(site), "glob": None}]
                              + [{"type": "AddFile", "index_id": index, "url": record.url,
                                  "file_contents": record.html, "file_path": None} for record in extra])
        if not answers[0]["page_count"]:
            raise SearchIndexError(f"no page in {site} has data-pagefind-body (overrides/main.html marks the article)")
        # Only once every page is in: the index is made as it stands when asked. Its files come back
        # through the pipe and are written here, so that each is whole when indexing returns (the
        # service's own WriteFiles once left pagefind.js cut at 32 KB on a loaded machine).
        (bundle,) = service.ask([{"type": "GetFiles", "index_id": index}])
        _write_bundle(site / OUTPUT, bundle["files"])
        return answers[0]["page_count"] + len(extra)
    finally:
        service.close()


def _write_bundle(folder: Path, files: list[dict]) -> None:
    """Write the index's files (each a path inside the bundle and its content in base64), replacing any older index."""
    if folder.exists():
        shutil.rmtree(folder)
    for file in files:
        target = folder / file["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))


def index_site(data: SiteData, site: Path) -> None:
    """Write the Pagefind index of a built site into SITE/pagefind/; raise SearchIndexError on failure."""
    try:
        _index(Path(site).resolve(), records(data))
    except Exception as exc:  # the service reports its errors as various types; one line is what a reader needs
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise SearchIndexError(f"Search index (Pagefind) failed for {site}: {detail}") from exc
