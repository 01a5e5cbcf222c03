"""The words a page shows, which date it: a page's date changes only when these do (macros/build/page_dates.py).

A page's words are its Markdown's words with each macro call replaced by the words of the data that macro shows:
a frame page shows its entry (title, thesis, groups, cruxes with the texts of the cruxes it refers to, links with
their notes and the titles at their other end, reading), a group page its entry and its frames' titles and theses,
a crux page its crux, parent, children, owner and the frames that rely on it; the home page, the explorer, the map,
the stance tool and the glossary show what their macros render. Left out, so that they re-date no page:
- the site's furniture every page carries (the taxonomy, the glossary's marks, the navigation, the notes about
  editions in "Cite this" and "changed since you last read", which describe the page rather than say it);
- ids, link targets, anchors and macro arguments: renaming an id (the old one kept as an alias) changes no words;
- layout: whitespace, line wrapping and YAML quoting, folding or indentation.
A macro this module does not know counts as showing all the data, so that no date ever claims too much.
Nothing here imports MkDocs or reads git.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path
from typing import Any, Callable, Sequence

from .. import urls
from .cross_refs import CrossChecker
from .editions import Edition
from .markdown_words import Call, Include, collapse, leaves, page_parts
from .models import LINK_TYPES, CruxRef, Frame, FramesFile, GlossaryFile
from .problems import DataError
from .site import SiteData
from .wording import validate_model
from .yaml_positions import read_yaml

# The title a cited page other than a frame or crux page is cited by (macros/build/page.py, CITED_PAGES).
CITED_ELSEWHERE = {urls.CRUX_EXPLORER}


def fingerprint(words: str) -> str:
    """A short digest of a page's words: equal words, equal fingerprints."""
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:24]


def words_shown(data: SiteData, page_path: str, markdown: str = "", *, editions: Sequence[Edition] = (),
                discussion: dict[str, bool] | None = None, include: Include | None = None) -> str:
    """The words of the page at page_path: its Markdown's (front matter and prose) with each macro's data in place.

    A crux's page is written from the data (macros/build/generated_pages.py), so its Markdown is not needed.
    `discussion`: owner id -> whether its page has a "Critiques and replies" section (model/page_facts.py).
    `include`: the files that snippets put in the page (see included_files); without it, the snippet lines alone.
    """
    shown = _Shown(data, page_path, tuple(editions), discussion or {})
    crux = urls.crux_at(data, page_path)
    parts = [data.crux_title(crux), Call("crux_page", ""), Call("page_end", "")] if crux else page_parts(markdown, include)
    return "\n".join(w for part in parts for w in ([part] if isinstance(part, str) else map(collapse, shown.macro(part)))
                     if w)


def page_aliases(data: SiteData, page_path: str) -> tuple[str, ...]:
    """The paths this page had under its old ids (a renamed frame, group or crux), where earlier commits have it."""
    crux = urls.crux_at(data, page_path)
    if crux:
        return tuple(urls.crux_page_path(alias) for alias in data.cruxes[crux].crux.aliases)
    owner = urls.subject_at(data, page_path)
    return tuple(urls.old_page_of(data, owner, alias) for alias in data.owner(owner).aliases) if owner else ()


def read_past_data(frames: Path, glossary: Path) -> SiteData:
    """A past commit's data, read for its words: its shape and references checked, not today's wording rules
    (which it may predate). DataError when its shape is not today's: a commit the dates cannot look behind."""
    raw, problems = read_yaml(frames, frames.name)
    checked, found = validate_model(FramesFile, raw, raw, frames.name) if raw is not None else (None, [])
    problems += found
    if isinstance(raw, dict) and not problems:
        problems += CrossChecker(raw, frames.name, set()).run()
    terms, found = read_yaml(glossary, glossary.name)
    problems += found
    glossary_file, found = validate_model(GlossaryFile, terms, terms, glossary.name) if terms is not None else (None, [])
    problems += found
    if problems or checked is None or glossary_file is None:
        raise DataError(problems)
    return SiteData(checked, glossary_file)


def _arguments(text: str) -> tuple[list[Any], dict[str, Any]] | None:
    """A macro call's arguments, if they are plain values."""
    try:
        call = ast.parse(f"f({text})", mode="eval").body
        return [ast.literal_eval(a) for a in call.args], {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    except (SyntaxError, ValueError):
        return None


class _Shown:
    """The words each macro shows on one page; a macro not listed in MACROS shows all the data."""

    def __init__(self, data: SiteData, page_path: str, editions: tuple[Edition, ...], discussion: dict[str, bool]):
        self.data, self.page_path, self.editions, self.discussion = data, page_path, editions, discussion

    def macro(self, call: Call) -> list[str]:
        name, words, found = call.name, MACROS.get(call.name), _arguments(call.arguments)
        if words is None or found is None:
            return self.everything()
        try:
            return [f"{{{{ {name} }}}}", *words(self, *found[0], **found[1])]
        except (KeyError, TypeError):  # an id the data does not have: the build refuses the page anyway
            return self.everything()

    def subject(self, given: str | None = None) -> str:
        found = given or urls.subject_at(self.data, self.page_path)
        if found is None:
            raise KeyError(self.page_path)
        return found

    def everything(self) -> list[str]:
        return ["{{ all the data }}", *leaves(self.data.frames_file.model_dump(mode="json")),
                *leaves(self.data.glossary.model_dump(mode="json"))]

    def groups_of(self, frame: Frame) -> list[str]:
        return [self.data.groups[g].title for g in frame.group_ids if g in self.data.groups]

    def crux_tree(self, owner_id: str) -> list[str]:
        """Each crux a frame or group lists, depth first: its place, join, words, where it is defined, who else relies on it."""
        data, words = self.data, []

        def walk(items: list, depth: int) -> None:
            for item in items:
                crux = data.cruxes[item.ref].crux if isinstance(item, CruxRef) else item
                owner = data.owner(data.cruxes[crux.id].owner)
                words.extend([f"{depth} {'ref' if isinstance(item, CruxRef) else crux.join or ''}", crux.text, owner.title,
                              *(data.owner(user).title for user in data.relied_on_by[crux.id])])
                if not isinstance(item, CruxRef):
                    walk(crux.children, depth + 1)

        walk(data.owner(owner_id).cruxes, 0)
        return words

    def links(self, frame: Frame) -> list[str]:
        data = self.data
        words = [w for link in frame.links
                 for w in (LINK_TYPES[link.type].forward, data.frames[link.to].title, link.basis, link.note)]
        return words + [w for source, link in data.backlinks[frame.id]
                        for w in (LINK_TYPES[link.type].backward, source.title, link.basis, link.note)]

    def listing(self, group_id: str, line: Callable[[Frame], str]) -> list[str]:
        return [w for frame in self.data.frames_in(group_id) for w in (frame.title, line(frame), *self.groups_of(frame))]

    def owners_with_cruxes(self) -> list[str]:
        data = self.data
        return [w for owner_id in [*data.groups, *data.frames]
                for w in (data.owner(owner_id).title, *(data.groups[g].title for g in data.owner_groups(owner_id)),
                          *self.crux_tree(owner_id))]


def _thesis(shown: _Shown, owner_id: str | None = None) -> list[str]:
    owner = shown.data.owner(shown.subject(owner_id))
    return [owner.title, owner.thesis, *(shown.groups_of(owner) if isinstance(owner, Frame) else [])]


def _crux_table(shown: _Shown, owner_id: str | None = None) -> list[str]:
    owner = shown.data.owner(shown.subject(owner_id))
    return [owner.title, *shown.crux_tree(owner.id), getattr(owner, "no_cruxes_note", None) or ""]


def _see_also(shown: _Shown, frame_id: str | None = None) -> list[str]:
    return shown.links(shown.data.frames[shown.subject(frame_id)])


def _further_reading(shown: _Shown, frame_id: str | None = None) -> list[str]:
    return [str(w) for r in shown.data.frames[shown.subject(frame_id)].reading for w in (r.authors, r.year, r.title, r.url)]


def _group_frames(shown: _Shown, group_id: str | None = None) -> list[str]:
    return shown.listing(shown.data.groups[shown.subject(group_id)].id, lambda frame: frame.thesis)


def _frame_overview(shown: _Shown) -> list[str]:
    return [w for group in shown.data.groups.values()
            for w in (group.title, *shown.listing(group.id, lambda frame: frame.summary or frame.thesis))]


def _all_cruxes(shown: _Shown) -> list[str]:
    return shown.owners_with_cruxes()


def _frame_map(shown: _Shown) -> list[str]:
    data = shown.data
    return [*(g.title for g in data.groups.values()),
            *(w for frame in data.frames.values() for w in (frame.title, *shown.groups_of(frame), *shown.links(frame)))]


def _glossary(shown: _Shown) -> list[str]:
    frames = shown.data.frames
    return [w for term in shown.data.glossary.terms
            for w in (term.term, term.abbr or "", term.definition, *(frames[f].title for f in term.frames if f in frames))]


def _crux_page(shown: _Shown) -> list[str]:
    data, crux = shown.data, urls.crux_at(shown.data, shown.page_path)
    entry = data.cruxes[crux or ""]
    owner = data.owner(entry.owner)
    words = [entry.crux.text, owner.title, data.crux_numbers[entry.crux.id],
             *(data.groups[g].title for g in data.owner_groups(owner.id))]
    if entry.parent:
        parent = data.cruxes[entry.parent]
        words += [parent.crux.join or "", data.crux_numbers[parent.crux.id], data.owner(parent.owner).title, parent.crux.text]
    for item in entry.crux.children:
        child = data.cruxes[item.ref if isinstance(item, CruxRef) else item.id]
        words += [data.crux_numbers[child.crux.id], data.owner(child.owner).title, child.crux.text]
    users = [data.owner(user) for user in data.relied_on_by[entry.crux.id]]
    return words + [w for user in users for w in (user.title, str(shown.discussion.get(user.id)))]


def _page_end(shown: _Shown, taxonomy: bool = True) -> list[str]:
    """The cited title and the post cited, on the pages that carry "Cite this"; the taxonomy is furniture."""
    data, path = shown.data, shown.page_path
    crux, subject = urls.crux_at(data, path), urls.subject_at(data, path)
    title = data.crux_title(crux) if crux else data.frames[subject].title if subject in data.frames else None
    if title is None and path not in CITED_ELSEWHERE:
        return []
    source = data.source
    return [title or "", source.title, source.authors, str(source.year), source.url, source.program]


def _crux_mention(shown: _Shown, crux_id: str, capital: bool = False) -> list[str]:
    """A crux named in running text: its words, its number and the frame or group that defines it."""
    data = shown.data
    entry = data.cruxes[data.crux_aliases.get(crux_id, crux_id)]
    children = [data.cruxes[c.ref if isinstance(c, CruxRef) else c.id].crux.text for c in entry.crux.children]
    return [entry.crux.text, *children, data.crux_numbers[entry.crux.id], data.owner(entry.owner).title]


def _crux_ref(shown: _Shown, crux_id: str, capital: bool = False) -> list[str]:
    data = shown.data
    entry = data.cruxes[data.crux_aliases.get(crux_id, crux_id)]
    return [data.crux_numbers[entry.crux.id], data.owner(entry.owner).title]


def _editions(shown: _Shown) -> list[str]:
    return [w for e in shown.editions for w in (e.name, e.date)]


def _changes(shown: _Shown) -> list[str]:
    return [*shown.everything(), *(w for e in shown.editions for w in (e.name, e.date, *leaves(e.document)))]


# Every macro a page can call (macros/engines/macros_env.py), with the words of the data it shows.
MACROS: dict[str, Callable[..., list[str]]] = {
    "taxonomy": lambda shown: [],  # furniture: every page carries it
    "thesis": _thesis, "crux_table": _crux_table, "see_also": _see_also, "further_reading": _further_reading,
    "group_frames": _group_frames, "frame_overview": _frame_overview, "glossary": _glossary,
    "crux_explorer": _all_cruxes, "stance_tool": _all_cruxes, "frame_map": _frame_map, "crux_page": _crux_page,
    "page_end": _page_end, "edition_list": _editions, "changes": _changes, "crux": _crux_mention, "crux_ref": _crux_ref,
    # On the pages the build writes for an edition or a removed crux, which carry their edition's date, not this one.
    "tombstone": _editions, "edition_contents": _editions,
}
