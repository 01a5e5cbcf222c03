"""The taxonomy every page carries keeps a bounded size however many frames a group has, and marks the site's own listings (no build)."""

from __future__ import annotations

import re
from pathlib import Path

from test_render import Elements

from macros.views import fragments
from macros.model import SiteData, load

HERE = Path(__file__).parent
CAP = fragments.TAXONOMY_MAX_FRAMES


def data_with_extra_frames(tmp_path: Path, extra: int) -> SiteData:
    """The minimal fixture with `extra` more frames in the group 'outer' (after alpha and beta)."""
    text = (HERE / "fixtures" / "minimal.yml").read_text(encoding="utf-8")
    frames = "".join(
        f"  - id: extra-{n}\n    title: Extra {n}\n    group: outer\n    thesis: Extra thesis {n}.\n"
        for n in range(1, extra + 1))
    text = text.replace("verdict:", frames + "verdict:", 1)
    path = tmp_path / "frames.yml"
    path.write_text(text, encoding="utf-8")
    return load(path, root=tmp_path)


def group_items(html: str, group_id: str) -> Elements:
    """The parsed HTML of one group's section of the taxonomy."""
    section = html.split(f"taxonomy__group--{group_id}", 1)[1].split("</section>", 1)[0]
    return Elements(section)


def frame_links(items: Elements) -> list[str]:
    return [a["href"] for a in items.with_attr("href") if "/frames/" in a["href"]]


def listing_order(data: SiteData, group_id: str) -> list:
    """A group's frames as the taxonomy lists them: those filed there first, then those the site also lists there."""
    members = data.frames_in(group_id)
    return [f for f in members if f.group == group_id] + [f for f in members if f.group != group_id]


def test_a_long_group_lists_the_cap_in_data_order_then_links_to_its_page(tmp_path):
    data = data_with_extra_frames(tmp_path, 40)
    members = listing_order(data, "outer")
    assert len(members) == 42
    items = group_items(fragments.taxonomy(data, "../../"), "outer")
    assert frame_links(items) == [f"../../frames/{f.id}/" for f in members[:CAP]]
    more = items.with_attr("class", "taxonomy__more")
    assert len(more) == 1
    assert items.with_attr("href")[-1]["href"] == "../../groups/outer/"
    assert "All 42 frames of Outer" in items.text
    # The short group is untouched.
    inner = group_items(fragments.taxonomy(data, "../../"), "inner")
    assert frame_links(inner) == ["../../frames/beta/"] and not inner.with_attr("class", "taxonomy__more")


def test_the_current_frame_beyond_the_cap_is_listed_and_marked(tmp_path):
    data = data_with_extra_frames(tmp_path, 40)
    items = group_items(fragments.taxonomy(data, "../../", "extra-30"), "outer")
    links = frame_links(items)
    assert len(links) == CAP + 1
    assert links[-1] == "../../frames/extra-30/"
    assert [a["href"] for a in items.with_attr("aria-current", "page")] == ["../../frames/extra-30/"]
    assert "All 42 frames of Outer" in items.text


def test_a_frame_within_the_cap_is_marked_where_it_stands(tmp_path):
    data = data_with_extra_frames(tmp_path, 40)
    items = group_items(fragments.taxonomy(data, "../../", "extra-3"), "outer")
    assert len(frame_links(items)) == CAP
    assert [a["href"] for a in items.with_attr("aria-current", "page")] == ["../../frames/extra-3/"]


def test_no_link_when_the_current_frame_completes_the_group(tmp_path):
    data = data_with_extra_frames(tmp_path, CAP - 1)  # alpha, beta and the extras: one over the cap
    last = listing_order(data, "outer")[-1].id
    assert len(frame_links(group_items(fragments.taxonomy(data, "./"), "outer"))) == CAP
    items = group_items(fragments.taxonomy(data, "./", last), "outer")
    assert len(frame_links(items)) == CAP + 1
    assert not items.with_attr("class", "taxonomy__more")


def test_on_the_group_page_only_the_title_is_marked(tmp_path):
    data = data_with_extra_frames(tmp_path, 40)
    html = Elements(fragments.taxonomy(data, "../../", "outer"))
    assert [a["href"] for a in html.with_attr("aria-current")] == ["../../groups/outer/"]


def test_the_real_data_renders_as_without_a_cap(site_data, monkeypatch):
    currents = [None, *site_data.groups, *site_data.frames]
    capped = [fragments.taxonomy(site_data, "../../", current) for current in currents]
    monkeypatch.setattr(fragments, "TAXONOMY_MAX_FRAMES", 10**6)
    assert capped == [fragments.taxonomy(site_data, "../../", current) for current in currents]
    for group_id in site_data.groups:
        items = group_items(capped[0], group_id)
        assert frame_links(items) == [f"../../frames/{f.id}/" for f in listing_order(site_data, group_id)]
        assert not items.with_attr("class", "taxonomy__more")


def test_a_frame_listed_in_a_second_group_is_said_to_be_the_sites_listing(tmp_path):
    data = data_with_extra_frames(tmp_path, 2)
    html = fragments.taxonomy(data, "../../")
    for group_id in data.groups:
        section = html.split(f"taxonomy__group--{group_id}", 1)[1].split("</section>", 1)[0]
        for frame in data.frames_in(group_id):
            item = re.search(rf'<li><a href="[^"]*/frames/{frame.id}/"[^>]*>.*?</li>', section).group(0)
            # The post files a frame under one group; wherever a frame of several groups shows, the site says it listed it.
            assert ("site" in Elements(item).text.lower()) == bool(frame.also_in), item
