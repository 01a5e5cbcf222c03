"""What the navigation lists from the data: a frame filed in a second group, as a link in that group's section."""

from __future__ import annotations

from typing import NamedTuple

from . import urls
from .model import SiteData


class SecondEntry(NamedTuple):
    """A link to a frame's page, listed in the section of a group the frame is also filed in."""

    group_page: str  # the group's page ('groups/inner/'), which marks the group's section
    title: str
    path: str  # the frame's page, from the site root ('frames/x/')


def second_entries(data: SiteData) -> list[SecondEntry]:
    """One entry per frame and further group, in data order; the frame's page itself stays under its own group.

    A link and not the page a second time: a page listed twice would make "Next" lead back to where it has been.
    """
    return [
        SecondEntry(urls.page_of(data, group), f"{frame.title} (see {data.groups[frame.group].title})",
                    urls.page_of(data, frame.id))
        for frame in data.frames.values() for group in frame.also_in if group in data.groups
    ]
