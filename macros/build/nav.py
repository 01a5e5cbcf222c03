"""What the navigation lists from the data: a frame filed in a second group, as a link in that group's section."""

from __future__ import annotations

from typing import NamedTuple

from .. import urls
from ..model import SiteData


class SecondEntry(NamedTuple):
    """A link to a frame's page, listed in the nav section of a group the frame is also filed in."""

    beside: str  # a page of that group ('frames/y/', or the group's own 'groups/g/'): the link joins its section
    title: str
    path: str  # the frame's page, from the site root ('frames/x/')


def second_entries(data: SiteData) -> list[SecondEntry]:
    """One entry per frame and further group, in data order; the frame's page itself stays under its own group.

    A link and not the page a second time: a page listed twice would make "Next" lead back to where it has been.
    The link joins the section of the group's frame nearest in data order, so on a site whose group sections
    hold sub-sections it lands in the sub-section a reader is in, not at the top of the group.
    """
    frames = list(data.frames.values())
    entries = []
    for index, frame in enumerate(frames):
        for group in frame.also_in:
            if group not in data.groups:
                continue
            after = [f for f in frames[index + 1:] if f.group == group]
            before = [f for f in frames[:index] if f.group == group]
            nearest = after[0] if after else before[-1] if before else None
            beside = urls.page_of(data, nearest.id if nearest else group)
            # The post files each frame under one group: this entry is the site's listing, and says so.
            title = f"{frame.title} (site's listing; see {data.groups[frame.group].title})"
            entries.append(SecondEntry(beside, title, urls.page_of(data, frame.id)))
    return entries
