"""The navigation's entries from the data: a frame filed in a second group is listed there as a link to its page."""

from __future__ import annotations

from pathlib import Path

from macros import urls
from macros.model import load
from macros.build.nav import second_entries


def test_each_further_group_of_a_frame_gets_a_link_to_the_frame_page(site_data):
    entries = second_entries(site_data)
    expected = {(group, frame.id) for frame in site_data.frames.values() for group in frame.also_in}
    assert sorted(e.path for e in entries) == sorted(urls.page_of(site_data, f) for _, f in expected)
    for entry in entries:
        frame = next(f for f in site_data.frames.values() if urls.page_of(site_data, f.id) == entry.path)
        # It joins a section of the further group: beside one of its frames, or its own page.
        beside = next(o for o in (*site_data.groups, *site_data.frames) if urls.page_of(site_data, o) == entry.beside)
        assert beside in frame.also_in or site_data.frames[beside].group in frame.also_in
        # The entry names the frame and where the page itself is listed, so a reader knows where the sidebar
        # will open, and says the listing is the site's: the post files each frame under one group.
        assert_second_title(entry.title, frame.title, site_data.groups[frame.group].title)


def assert_second_title(title: str, frame_title: str, primary_title: str) -> None:
    assert title.startswith(frame_title) and primary_title in title[len(frame_title):], title
    assert "site" in title[len(frame_title):].lower(), title


def test_only_a_frame_filed_in_a_second_group_gets_an_entry_there():
    minimal = load(Path(__file__).parent / "fixtures" / "minimal.yml")  # alpha is in outer; beta in inner and outer
    # Beta's link joins the section of Alpha, the outer frame nearest to it in data order.
    [entry] = second_entries(minimal)
    assert (entry.beside, entry.path) == ("frames/alpha/", "frames/beta/")
    assert_second_title(entry.title, "Beta", "Inner")
