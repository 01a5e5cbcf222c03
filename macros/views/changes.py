"""What changed from edition to edition: the changes page (/changes/), with a word-level diff of each reworded crux,
and the same as an Atom feed (written by feedgen). Pure: the page and the feed as text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from .. import urls
from ..model.editions import Edition
from ..model.export import frames_document
from ..model import SiteData
from .citation import SITE_AUTHOR
from .edition_pages import Site, _links, _render


@dataclass(frozen=True)
class WordDiff:
    """A reworded text as runs of words: ('same' | 'removed' | 'added', text)."""

    runs: list[tuple[str, str]]


@dataclass
class EditionChanges:
    """What one edition changed against the one before it (or, for UNRELEASED, the site against the latest edition)."""

    name: str
    date: str
    previous: str | None
    added: list[tuple[str, str]] = field(default_factory=list)  # (crux id, text)
    reworded: list[tuple[str, WordDiff]] = field(default_factory=list)
    merged: list[tuple[str, str, str]] = field(default_factory=list)  # (old id, its last words, id that took it)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (crux id, its last words)
    owners: list[tuple[str, str]] = field(default_factory=list)  # (title, what changed)

    @property
    def empty(self) -> bool:
        return not (self.added or self.reworded or self.merged or self.removed or self.owners)


def word_diff(before: str, after: str) -> WordDiff:
    """The words removed and added between two texts, by difflib over their words."""
    old, new = before.split(), after.split()
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", " ".join(old[i1:i2])))
        if op in ("delete", "replace"):
            runs.append(("removed", " ".join(old[i1:i2])))
        if op in ("insert", "replace"):
            runs.append(("added", " ".join(new[j1:j2])))
    return WordDiff(runs)


def current_state(data: SiteData) -> Edition:
    """The site as it is now, in an edition's shape, to compare with the latest edition."""
    return Edition(urls.UNRELEASED, "", "", frames_document(data, ""))


def _aliases(state: Edition) -> dict[str, str]:
    """Old crux id -> live crux id, from the crux's old addresses (#crux-<old id>)."""
    # Snapshots older than the document's "old_ids" give the old ids only inside their old addresses.
    return {old: cid for cid, crux in state.cruxes.items()
            for old in crux.get("old_ids", [urls.crux_of_address(address) for address in crux["old_urls"]])}


def compare(before: Edition | None, after: Edition) -> EditionChanges:
    """What `after` changed against `before` (None: `after` is the first edition, and says so by adding everything)."""
    changes = EditionChanges(after.name, after.date, before.name if before else None)
    old_cruxes = before.cruxes if before else {}
    took = _aliases(after)
    for cid, crux in after.cruxes.items():
        if cid not in old_cruxes:
            changes.added.append((cid, crux["text"]))
        elif old_cruxes[cid]["text"] != crux["text"]:
            changes.reworded.append((cid, word_diff(old_cruxes[cid]["text"], crux["text"])))
    for cid, crux in old_cruxes.items():
        if cid not in after.cruxes:
            if cid in took:
                changes.merged.append((cid, crux["text"], took[cid]))
            else:
                changes.removed.append((cid, crux["text"]))
    old_owners = before.owners if before else {}
    for oid, owner in after.owners.items():
        if oid not in old_owners:
            changes.owners.append((owner["title"], "new"))
            continue
        parts = [name for name, key in (("title", "title"), ("thesis", "thesis"), ("list of cruxes", "cruxes"))
                 if old_owners[oid][key] != owner[key]]
        if parts:
            changes.owners.append((owner["title"], ", ".join(parts) + " changed"))
    for oid, owner in old_owners.items():
        if oid not in after.owners:
            changes.owners.append((owner["title"], "no longer on the site"))
    return changes


def all_changes(data: SiteData, editions: list[Edition]) -> list[EditionChanges]:
    """Newest first: the changes since the latest edition (if any), then each edition against the one before."""
    found = [compare(before, after) for before, after in zip([None, *editions[:-1]], editions)]
    since = compare(editions[-1], current_state(data)) if editions else None
    return ([since] if since and not since.empty else []) + list(reversed(found))


def changes(data: SiteData, editions: list[Edition], root: str) -> str:
    """The body of the changes page: per edition, the frames and cruxes that changed, each reworded crux as a word-level diff."""
    sections = all_changes(data, editions)
    return _render("editions/changes.html", **_links(root), feed_href=root + urls.FEED, sections=sections,
                   any_reworded=any(section.reworded for section in sections),
                   editions_exist=bool(editions), unreleased=urls.UNRELEASED, change_id=urls.change_id,
                   change_crux_id=urls.change_crux_id,
                   crux_href=lambda section, cid: root + (urls.crux_page_path(cid) if section == urls.UNRELEASED
                                                          else urls.edition_crux_path(section, cid)),
                   edition_href=lambda name: root + urls.edition_path(name))


def _date(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)


def atom_feed(data: SiteData, editions: list[Edition], site: Site) -> str:
    """The Atom feed of the changes: one entry per edition, newest first."""
    changes_url = urls.absolute(site.url, urls.CHANGES)
    feed = FeedGenerator()
    feed.id(changes_url)
    feed.title(f"{site.name}: what changed")
    feed.author({"name": SITE_AUTHOR})
    feed.link(href=urls.absolute(site.url, urls.FEED), rel="self", type="application/atom+xml")
    feed.link(href=changes_url, rel="alternate", type="text/html")
    feed.language("en")
    # A feed without editions is dated by the post it explains, so that two builds of one commit agree.
    feed.updated(_date(editions[-1].date) if editions else datetime(data.source.year, 1, 1, tzinfo=timezone.utc))
    for section in reversed([c for c in all_changes(data, editions) if c.name != urls.UNRELEASED]):
        entry = feed.add_entry()
        entry.id(f"{changes_url}#{urls.change_id(section.name)}")
        entry.title(f"Edition {section.name}")
        entry.link(href=f"{changes_url}#{urls.change_id(section.name)}", rel="alternate", type="text/html")
        entry.published(_date(section.date))
        entry.updated(_date(section.date))
        entry.summary(_summary(section))
    return feed.atom_str(pretty=True).decode("utf-8")


def _summary(section: EditionChanges) -> str:
    if section.previous is None:
        return f"The first edition: {len(section.added)} cruxes."
    parts = [f"{len(items)} {label}" for items, label in ((section.added, "added"), (section.reworded, "reworded"),
             (section.merged, "merged into another"), (section.removed, "removed")) if items]
    owners = "; ".join(f"{title}: {what}" for title, what in section.owners)
    return f"Against edition {section.previous}: cruxes {', '.join(parts) or 'unchanged'}." + (f" {owners}." if owners else "")
