"""The fragments that macros put on pages: taxonomy, thesis, crux table, links, reading lists, glossary, explorer, stance tool."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..model import stance
from ..model import LINK_TYPES, Frame, Group, SiteData
from .crux_tree import crux_rows, crux_sections
from .templates import render


def link_sentence(template: str) -> tuple[str, str]:
    """Split a relation phrase around its placeholder: ('explains why ', ' matters')."""
    placeholder = "{target}" if "{target}" in template else "{source}"
    before, _, after = template.partition(placeholder)
    return before, after


# Every page carries the taxonomy: listing every frame would make each page grow with the site.
TAXONOMY_MAX_FRAMES = 12


def listed_in(data: SiteData, group_id: str) -> list[tuple[Frame, bool]]:
    """A group's frames: those the post files there, then those this site also lists there (flagged True)."""
    members = data.frames_in(group_id)
    return [(f, False) for f in members if f.group == group_id] + [(f, True) for f in members if f.group != group_id]


def listing_note(data: SiteData, frame: Frame, group_id: str) -> str:
    """Where a frame sits besides this group, saying that a second group is this site's listing, not the post's."""
    # The post files each frame under one section; any other group (also_in) is this site's choice.
    if frame.group != group_id:
        return f"site's listing; the post files it under {data.groups[frame.group].title.lower()}"
    others = [data.groups[g].title.lower() for g in frame.also_in if g in data.groups]
    return f"this site also lists it under {' and '.join(others)}" if others else ""


@dataclass(frozen=True)
class TaxonomyGroup:
    """One group of the taxonomy: the frames shown (each with its other groups) and how many it has."""

    group: Group
    frames: list[tuple[Frame, str]]
    total: int


def taxonomy(data: SiteData, root: str, current: str | None = None) -> str:
    """The outer/inner/other taxonomy, with the current frame or group marked; long groups cut short."""
    # The reader's own frame is always listed (and marked), even past the cap; the template then
    # ends the list with a link to the group's page, which lists them all.
    own = data.frames.get(current or "")
    groups = []
    for group in data.groups.values():
        members = [frame for frame, _ in listed_in(data, group.id)]
        shown = members[:TAXONOMY_MAX_FRAMES]
        if own and group.id in own.group_ids and own.id not in {f.id for f in shown}:
            shown.append(own)
        groups.append(TaxonomyGroup(group, [(f, listing_note(data, f, group.id)) for f in shown], len(members)))
    return render("taxonomy.html", groups=groups, links=urls.Links(data, root), current=current)


def crux_table(data: SiteData, owner_id: str, root: str) -> str:
    """The crux table of a frame or group, or a note when the post lists none."""
    owner = data.owner(owner_id)
    return render(
        "crux_table.html",
        owner=owner,
        rows=crux_rows(data, owner_id),
        links=urls.Links(data, root),
        no_cruxes_note=getattr(owner, "no_cruxes_note", None),
    )


def thesis(data: SiteData, owner_id: str, root: str, own_page: bool = True) -> str:
    """The one-sentence thesis of a frame or group, with the groups it belongs to.

    Only on the frame's or group's own page does the box tell search what kind of page it is.
    """
    owner = data.owner(owner_id)
    groups = []
    if isinstance(owner, Frame):
        groups = [data.groups[g] for g in owner.group_ids]
    return render("thesis.html", owner=owner, groups=groups, links=urls.Links(data, root), own_page=own_page)


def see_also(data: SiteData, frame_id: str, root: str) -> str:
    """The typed links from a frame and the backlinks to it."""
    frame = data.frames[frame_id]
    outgoing = [
        (link_sentence(LINK_TYPES[link.type].forward), data.frames[link.to], link)
        for link in frame.links
    ]
    incoming = [
        (link_sentence(LINK_TYPES[link.type].backward), source, link)
        for source, link in data.backlinks[frame_id]
    ]
    return render("see_also.html", frame=frame, outgoing=outgoing, incoming=incoming, links=urls.Links(data, root))


def further_reading(data: SiteData, frame_id: str) -> str:
    """The frame's reading list, as a list of citations."""
    return render("further_reading.html", items=data.frames[frame_id].reading)


def group_frames(data: SiteData, group_id: str, root: str) -> str:
    """The frames of a group with their theses, as cards linking to each page."""
    group = data.groups[group_id]
    frames = [(frame, listing_note(data, frame, group_id) if also else "") for frame, also in listed_in(data, group_id)]
    return render("group_frames.html", group=group, frames=frames, links=urls.Links(data, root), data=data)


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OTHER_LETTER = "#"  # the A-Z bar's place for terms that start with a digit or a sign


def glossary_letter(term) -> str:
    """The letter a term is filed under: the first letter of its abbreviation, or of its name."""
    first = (term.abbr or term.term)[:1].upper()
    return first if first in ALPHABET else OTHER_LETTER


def frame_overview(data: SiteData, root: str) -> str:
    """Every group with its frames, each frame's one-line thesis and link: the home page's first screen."""
    groups = []
    for group in data.groups.values():
        listed = listed_in(data, group.id)
        frames = [(frame, listing_note(data, frame, group.id)) for frame, _ in listed]
        groups.append((group, frames, sum(1 for _, also in listed if not also)))
    return render("frame_overview.html", groups=groups, data=data, links=urls.Links(data, root))


def glossary(data: SiteData, root: str) -> str:
    """Every glossary term, alphabetically and by letter, each with its anchor, copy-link button and the frames that use it."""
    terms = sorted(data.glossary.terms, key=lambda t: (t.abbr or t.term).lower())
    by_letter: dict[str, list] = {}
    for term in terms:
        by_letter.setdefault(glossary_letter(term), []).append(term)
    letters = [letter for letter in (OTHER_LETTER, *ALPHABET) if letter in by_letter or letter in ALPHABET]
    return render("glossary.html", letters=letters, by_letter=by_letter, total=len(terms),
                  frames=data.frames, links=urls.Links(data, root))


def crux_explorer(data: SiteData, root: str) -> str:
    """Every crux of every group and frame on one page, with the filter form cruxes.js brings to life."""
    return render(
        "crux_explorer.html",
        sections=crux_sections(data),
        groups=list(data.groups.values()),
        frames=[(frame, data.owner_groups(frame.id)) for frame in data.frames.values()],
        group_titles={gid: group.title for gid, group in data.groups.items()},
        total=len(data.cruxes),
        links=urls.Links(data, root),
        crux_anchor_prefix=urls.CRUX_ANCHOR_PREFIX,
    )


STANCE_CHOICES = [("agree", "Agree"), ("unsure", "Unsure"), ("disagree", "Disagree")]
VERDICT_LABELS = {"favoured": "Favoured", "undercut": "Undercut", "open": "No lean", "no-cruxes": "No cruxes"}


def stance_page(data: SiteData, root: str) -> str:
    """The 'Where do you stand?' tool, rendered for a reader who has not answered yet."""
    scores = stance.stance_scores(data, {})
    answered, total = stance.answered_count(data, {})
    return render(
        "stance.html",
        sections=crux_sections(data),
        frame_scores=[s for s in scores if s.kind == "frame" and s.total],
        group_scores=[s for s in scores if s.kind == "group" and s.total],
        without_cruxes=[s for s in scores if not s.total],
        summary=stance.stance_summary(data, {}),
        answered_text=f"Answered {answered} of {total}.",
        answerable=total, all_cruxes=len(data.cruxes),
        titles={oid: data.owner(oid).title for oid in [*data.groups, *data.frames]},
        verdict_labels=VERDICT_LABELS,
        choices=STANCE_CHOICES,
        derived_joins=stance.DERIVED_JOINS,
        structure={**stance.stance_structure(data), "verdictLabels": VERDICT_LABELS},
        links=urls.Links(data, root),
        crux_anchor_prefix=urls.CRUX_ANCHOR_PREFIX, crux_section=urls.CRUX_SECTION,
    )


def redirect_stub(old_path: str, live_path: str, title: str, site_url: str) -> str:
    """The page written at an old path: it sends readers on to the live page, keeping the #fragment."""
    canonical = urls.absolute(site_url, live_path) if site_url else "/" + live_path
    return render("redirect.html", target=urls.root_prefix(old_path) + live_path, canonical=canonical, title=title) + "\n"
