"""The frame map (/map/): its layout as a pure function, its SVG and text, the built page, and a browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.views import frame_map as frame_map_view
from macros.views.frame_map import layout as map_layout, ordering, selection
from macros.model import LINK_TYPES, Frame, SiteData


class Tags(HTMLParser):
    """Every start tag with its attributes and the tags it sits inside."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict, tuple[str, ...]]] = []
        self.stack: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in ("path", "rect", "circle", "br", "meta", "link", "img", "input", "hr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.found.append((tag, dict(attrs), tuple(self.stack)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]

    def inside(self, outer: str) -> list[tuple[str, dict]]:
        return [(tag, attrs) for tag, attrs, stack in self.found if outer in stack]


def boxes_overlap(a: map_layout.MapNode, b: map_layout.MapNode) -> bool:
    return a.y < b.y + b.height and b.y < a.y + a.height


def with_extra_frame(data: SiteData) -> SiteData:
    """The real data plus one frame in both inner and other, linked to and from existing frames."""
    extra = Frame.model_validate({
        "id": "new-frame", "title": "A Newly Added Frame With a Long Title", "group": "inner",
        "also_in": ["other"], "thesis": "A thesis.",
        "links": [{"to": "deception", "type": "fits-with", "basis": "post", "note": "A note."}],
    })
    frames_file = data.frames_file.model_copy(update={"frames": [*data.frames_file.frames, extra]})
    return SiteData(frames_file=frames_file, glossary=data.glossary)


def cloned(data: SiteData, copies: int, chained: bool = False) -> SiteData:
    """The real frames and `copies` sets of clones, each linked within its set, as bench/synth.py makes a large
    site; chained, each set's first frame also links to the set before it, so the site is one network."""
    frames = list(data.frames_file.frames)
    first = data.frames_file.frames[0]
    for k in range(1, copies + 1):
        for frame in data.frames_file.frames:
            links = [{**link.model_dump(exclude_none=True), "to": f"{link.to}-{k}"} for link in frame.links]
            if chained and frame is first:
                links.append({"to": first.id if k == 1 else f"{first.id}-{k - 1}", "type": "fits-with", "basis": "reading",
                              "note": "A link between two sets."})
            frames.append(Frame.model_validate({
                "id": f"{frame.id}-{k}", "title": f"{frame.title} ({k})", "group": frame.group, "also_in": frame.also_in,
                "thesis": frame.thesis, "links": links,
            }))
    return SiteData(frames_file=data.frames_file.model_copy(update={"frames": frames}), glossary=data.glossary)


# ---------------------------------------------------------------- layout


def _column(view: selection.MapView, bands: dict) -> dict[str, int]:
    """Each frame's place in the map's column, for bands in the given order (boundary frames after their band)."""
    order = {g.id: i for i, g in enumerate(view.groups)}
    boundary = {f.id: ordering.map_boundary(f, order) for f in view.frames.values()}
    column = [f.id for g, i in order.items() for f in (*bands[g], *(f for f in view.frames.values() if boundary[f.id] == i))]
    return {fid: place for place, fid in enumerate(column)}


@pytest.mark.parametrize("extra", [False, True])
def test_frames_are_ordered_in_their_bands_to_cross_no_more_arcs_than_the_data_order(site_data, extra):
    data = with_extra_frame(site_data) if extra else site_data
    order = {g: i for i, g in enumerate(data.groups)}
    boundary = {f.id: ordering.map_boundary(f, order) for f in data.frames.values()}
    as_written = {g: [f for f in data.frames.values() if f.group == g and boundary[f.id] is None] for g in data.groups}
    view = selection.map_view(data)
    chosen = ordering.fewer_crossings_order(view, boundary)
    assert {g: sorted(f.id for f in frames) for g, frames in chosen.items()} == \
        {g: sorted(f.id for f in frames) for g, frames in as_written.items()}  # the same frames, reordered
    pairs = selection.link_pairs(view)
    assert frame_map_view.crossings(pairs, _column(view, chosen)) <= frame_map_view.crossings(pairs, _column(view, as_written))


def test_crossings_counts_interleaved_arcs_only():
    place = {"a": 0, "b": 1, "c": 2, "d": 3}
    assert frame_map_view.crossings([("a", "c"), ("b", "d")], place) == 1  # a-c and b-d interleave
    assert frame_map_view.crossings([("a", "d"), ("b", "c")], place) == 0  # nested
    assert frame_map_view.crossings([("a", "b"), ("c", "d")], place) == 0  # apart
    assert frame_map_view.crossings([("a", "c"), ("c", "d")], place) == 0  # sharing a frame


def test_each_link_type_has_its_own_colour_on_arcs_badges_and_legend(site_data):
    layout = frame_map_view.frame_map_layout(site_data)
    colours = {item.type: item.colour for item in layout.legend}
    assert len(set(colours.values())) == len(colours)
    assert all(edge.colour == colours[edge.type] for edge in layout.edges)
    html = frame_map_view.frame_map(site_data, "../")
    for colour in colours.values():
        assert html.count(f"frame-map__c{colour}") >= 3  # an arc, its badge and the legend's sample


def test_every_frame_has_one_box_and_no_boxes_overlap(site_data):
    layout = frame_map_view.frame_map_layout(site_data)
    assert sorted(node.frame.id for node in layout.nodes) == sorted(site_data.frames)
    for index, node in enumerate(layout.nodes):
        assert 0 <= node.x and node.x + node.width <= layout.width
        assert 0 <= node.y and node.y + node.height <= layout.height
        for other in layout.nodes[index + 1:]:
            assert not boxes_overlap(node, other), (node.frame.id, other.frame.id)


def test_each_frame_sits_in_its_groups_band_or_across_the_boundary_of_the_two_neighbouring_groups_it_is_in(site_data):
    layout = frame_map_view.frame_map_layout(site_data)
    bands = list(layout.bands)
    assert [band.group.id for band in bands] == list(site_data.groups)
    order = {band.group.id: band.index for band in bands}
    spanning: dict[int, list] = {}
    for node in layout.nodes:
        boundary = ordering.map_boundary(node.frame, order)
        if boundary is None:
            band = bands[order[node.frame.group]]
            assert band.top <= node.y and node.y + node.height <= band.bottom, node.frame.id
        else:
            assert bands[boundary].top <= node.y and node.y + node.height <= bands[boundary + 1].bottom, node.frame.id
            assert node.notes[0].startswith("in both groups"), node.frame.id
            spanning.setdefault(boundary, []).append(node)
    # A box in two groups says so, and that the listing is the site's (the post files each frame under one group).
    for node in layout.nodes:
        assert ("site" in " ".join(node.notes)) == bool(node.frame.also_in), node.frame.id
    for boundary, nodes in spanning.items():  # the two bands meet across the middle of the frames in both
        assert bands[boundary].bottom == bands[boundary + 1].top
        assert min(n.y for n in nodes) < bands[boundary].bottom < max(n.y + n.height for n in nodes)


def test_distribution_shift_straddles_outer_and_inner(site_data):
    # The post files Distribution Shift under both framings: the map shows it on their boundary.
    shift = next(node for node in frame_map_view.frame_map_layout(site_data).nodes if node.frame.id == "distribution-shift")
    assert shift.notes[0].startswith("in both groups")


def test_layout_is_deterministic(site_data):
    assert frame_map_view.frame_map_layout(site_data) == frame_map_view.frame_map_layout(site_data)


def test_layout_takes_in_an_added_frame_without_overlaps(site_data):
    bigger = with_extra_frame(site_data)
    layout = frame_map_view.frame_map_layout(bigger)
    assert len(layout.nodes) == len(site_data.frames) + 1
    for index, node in enumerate(layout.nodes):
        for other in layout.nodes[index + 1:]:
            assert not boxes_overlap(node, other), (node.frame.id, other.frame.id)
    bands = {band.group.id: band for band in layout.bands}
    added = next(node for node in layout.nodes if node.frame.id == "new-frame")
    assert added.y < bands["inner"].bottom == bands["other"].top < added.y + added.height
    assert len(added.lines) >= 2  # the long title wraps
    assert any(edge.source == "new-frame" and edge.target == "deception" for edge in layout.edges)
    assert layout.height > frame_map_view.frame_map_layout(site_data).height


def test_long_titles_wrap_to_fit_their_box():
    lines = map_layout.wrap_words("Non-agentic AI / Oracle AI and Something Else", 170, 14)
    assert len(lines) == 2
    assert all(map_layout.estimated_width(line, 14) <= 170 for line in lines)
    assert map_layout.wrap_words("Supercalifragilisticexpialidocious", 50, 14) == ("Supercalifragilisticexpialidocious",)


def test_badges_do_not_touch_each_other(site_data):
    edges = frame_map_view.frame_map_layout(site_data).edges
    for index, edge in enumerate(edges):
        for other in edges[index + 1:]:
            distance = ((edge.badge_x - other.badge_x) ** 2 + (edge.badge_y - other.badge_y) ** 2) ** 0.5
            assert distance >= 2 * map_layout.MAP_BADGE_RADIUS, (edge.source, edge.target, other.source, other.target)


def test_every_link_type_has_its_own_dash_pattern():
    assert len(set(map_layout.MAP_DASHES)) >= len(LINK_TYPES)


# ---------------------------------------------------------------- rendered SVG


def test_every_frame_box_is_a_link_to_its_page(site_data):
    tags = Tags(frame_map_view.frame_map(site_data, "../"))
    links = {attrs["href"] for tag, attrs in tags.inside("svg") if tag == "a"}
    for frame_id in site_data.frames:
        assert f"../frames/{frame_id}/" in links, frame_id
    for group_id in site_data.groups:
        assert f"../groups/{group_id}/" in links, group_id


def test_every_data_link_has_an_arc_of_its_type(site_data):
    tags = Tags(frame_map_view.frame_map(site_data, "./"))
    arcs = [(a["data-source"], a["data-target"], a["data-type"], "marker-start" in a)
            for tag, a, _ in tags.found if tag == "path" and "frame-map__edge" in a.get("class", "") and "data-type" in a]
    links = [(frame.id, link.to, link.type) for frame in site_data.frames.values() for link in frame.links]
    for source, target, link_type in links:
        assert any(link_type == t and ((source, target) == (s, e) or ((target, source) == (s, e) and both))
                   for s, e, t, both in arcs), (source, target, link_type)
    # Each arc stands for one link, or two opposite links of one type (then it has two arrowheads).
    assert sum(2 if both else 1 for *_, both in arcs) == len(links)


def test_legend_lists_each_used_link_type_once_with_its_number(site_data):
    html = frame_map_view.frame_map(site_data, "./")
    legend = re.findall(r'<li data-type="([a-z-]+)">', html.split('class="frame-map__legend"')[1].split("</figcaption>")[0])
    used = {link.type for frame in site_data.frames.values() for link in frame.links}
    assert sorted(legend) == sorted(used)
    assert legend == [t for t in LINK_TYPES if t in used]  # in the model's order, numbered 1, 2, ...
    for number, link_type in enumerate(legend, 1):
        phrase = "A " + LINK_TYPES[link_type][0].format(target="B")
        assert f'<span class="frame-map__legend-number">{number}.</span> {phrase}</li>' in html


def test_the_links_are_also_listed_in_words(site_data):
    html = frame_map_view.frame_map(site_data, "./")
    assert '<li data-source="distribution-shift" data-target="mesa-optimizers" data-type="explains-why-matters">' in html
    item = html.split('data-target="mesa-optimizers" data-type="explains-why-matters">')[1].split("</li>")[0]
    text = re.sub(r"<[^>]+>", "", item)
    assert text.startswith("Distribution Shift explains why Mesa-Optimizers matters")
    count = sum(len(frame.links) for frame in site_data.frames.values())
    assert html.split('class="frame-map__links"')[1].count("<li ") == count


def test_svg_is_labelled_for_screen_readers_and_uses_no_fixed_colours(site_data):
    html = frame_map_view.frame_map(site_data, "./")
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="group"' in svg and 'aria-labelledby="frame-map-title"' in svg
    assert '<title id="frame-map-title">' in svg and '<desc id="frame-map-desc">' in svg
    assert '<g class="frame-map__edges" aria-hidden="true">' in svg
    assert not re.search(r'(fill|stroke|color)="(#|rgb|black|white)', svg)
    assert "style=" not in svg


def test_the_current_frame_is_marked_and_unrelated_arcs_fade(site_data):
    html = frame_map_view.frame_map(site_data, "../../", current="corrigibility")
    assert re.search(r'<a class="frame-map__node frame-map__node--current" href="../../frames/corrigibility/" aria-current="page"', html)
    assert html.count('aria-current="page"') == 1
    assert 'frame-map__edge--faded" d=' in html
    assert not re.search(r'frame-map__edge--faded"[^>]*data-target="corrigibility"', html)


# ---------------------------------------------------------------- built site


def test_map_page_carries_the_map_and_every_box_links_to_a_built_page(built_site: Path, site_data):
    html = (built_site / "map" / "index.html").read_text(encoding="utf-8")
    assert html.count('<svg class="frame-map__svg"') == 1
    hrefs = re.findall(r'<a class="frame-map__node[^"]*" href="([^"]+)"', html)
    assert len(hrefs) == len(site_data.frames)
    for href in hrefs:
        assert (built_site / "map" / href / "index.html").resolve().is_file(), href
    assert "assets/site.css" in html  # the stylesheet that holds the map's styles


# ---------------------------------------------------------------- browser


CONTRAST = """([fg, bg]) => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const lum = c => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_is_legible_at_phone_width_in_both_schemes(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "map/")
    svg = page.locator(".frame-map__svg")
    box = svg.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    # The smallest title, as drawn on screen, is still at least 11 px tall.
    sizes = page.eval_on_selector_all(
        ".frame-map__node tspan:not(.frame-map__note)",
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a)")
    assert sizes and min(sizes) >= 11, sizes
    # No title runs out of its box.
    overflow = page.eval_on_selector_all(".frame-map__node", """nodes => nodes.filter(a => {
        const rect = a.querySelector('rect').getBBox();
        return [...a.querySelectorAll('tspan')].some(t => t.getComputedTextLength() + 8 > rect.width);
      }).map(a => a.dataset.frame)""")
    assert overflow == []
    # Titles keep their contrast against the box in this scheme.
    colours = page.eval_on_selector(".frame-map__node", """a => [
        getComputedStyle(a.querySelector('text')).fill, getComputedStyle(a.querySelector('rect')).fill]""")
    assert page.evaluate(CONTRAST, colours) >= 4.5, colours
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@pytest.mark.browser
def test_a_box_on_the_map_opens_its_frame_page(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "map/")
    page.locator('.frame-map__node[data-frame="wireheading"]').click()
    page.wait_for_url("**/frames/wireheading/")
    assert page.locator("h1").first.inner_text().startswith("Wireheading")
    page.close()


LIT = "els => els.filter(e => e.classList.contains('is-lit')).map(e => e.dataset.source + '>' + e.dataset.target)"


@pytest.mark.browser
def test_pointing_at_a_frame_shows_its_links_and_dims_the_rest(browser, site_url, site_data):
    frame = "distribution-shift"
    page = browser.new_page()
    page.goto(site_url + "map/")
    page.locator(f'.frame-map__node[data-frame="{frame}"]').hover()
    page.locator(".frame-map__svg.frame-map--lit").wait_for()
    lit = page.eval_on_selector_all(".frame-map__edge[data-source]", LIT)
    expected = {(f.id, link.to) for f in site_data.frames.values() for link in f.links if frame in (f.id, link.to)}
    assert lit and all(frame in pair.split(">") for pair in lit)
    assert {tuple(pair.split(">")) for pair in lit} <= expected | {(b, a) for a, b in expected}
    # The rest dims (after a short fade).
    page.wait_for_function("() => parseFloat(getComputedStyle(document.querySelector('.frame-map__edge:not(.is-lit)')).opacity) < 0.5")
    sentences = page.eval_on_selector_all(".frame-map__links li", LIT)
    links = [link for f in site_data.frames.values() for link in f.links if frame in (f.id, link.to)]
    assert len(sentences) == len(links)  # every link of the frame, in words too
    page.mouse.move(0, 0)
    page.wait_for_function("() => !document.querySelector('.frame-map__svg').classList.contains('frame-map--lit')")
    page.close()


@pytest.mark.browser
def test_on_touch_the_first_tap_shows_a_frames_links_and_the_second_opens_it(touch_page, site_url):
    page = touch_page
    page.goto(site_url + "map/")
    node = page.locator('.frame-map__node[data-frame="wireheading"]')
    node.tap()
    page.locator(".frame-map__svg.frame-map--lit").wait_for()
    assert page.url.endswith("/map/")
    node.tap()
    page.wait_for_url("**/frames/wireheading/")


# ---------------------------------------------------------------- a large site: a bounded view


def degrees(data: SiteData) -> dict[str, int]:
    found = {fid: 0 for fid in data.frames}
    for frame in data.frames.values():
        for link in frame.links:
            found[frame.id] += 1
            found[link.to] += 1
    return found


def is_connected(view: selection.MapView) -> bool:
    reached, todo = set(), [next(iter(view.frames))]
    while todo:
        here = todo.pop()
        reached.add(here)
        todo += [end for frame, link in view.links for end in (frame.id, link.to)
                 if here in (frame.id, link.to) and end not in reached]
    return reached == set(view.frames)


def assert_bounded_and_counted(data: SiteData, layout: map_layout.MapLayout) -> None:
    """The view starts at the most linked frame, is one network, fits about two screens, and counts what it leaves out."""
    view = layout.view
    degree = degrees(data)
    assert len(layout.nodes) == len(view.frames) <= selection.MAP_FRAMES_MAX < view.total == len(data.frames)
    assert max(degree[fid] for fid in view.frames) == max(degree.values()) and is_connected(view)
    assert layout.height < 1600 and layout.width < 700
    for node in layout.nodes:
        outside = view.left_out[node.frame.id]
        assert outside == sum(1 for link in node.frame.links if link.to not in view.frames) + sum(
            1 for other in data.frames.values() if other.id not in view.frames
            for link in other.links if link.to == node.frame.id)
        assert any("more link" in note for note in node.notes) == bool(outside)
    html = frame_map_view.frame_map(data, "../")
    assert f"With {view.total} frames on the site, the map draws {len(view.frames)}" in html
    assert html.count('<li data-source=') == len(view.links)  # the list in words matches the picture


def test_a_small_site_draws_every_frame_and_says_nothing_of_a_selection(site_data):
    view = selection.map_view(site_data)
    assert list(view.frames) == list(site_data.frames) and view.total == len(site_data.frames)
    assert not any(view.left_out.values())
    assert "frame-map__scope" not in frame_map_view.frame_map(site_data, "../")


def network_of_busiest(data) -> list[str]:
    """The titles of the frames that links join, directly or not, to the frame with the most links."""
    neighbours = {fid: set() for fid in data.frames}
    for frame in data.frames.values():
        for link in frame.links:
            neighbours[frame.id].add(link.to)
            neighbours[link.to].add(frame.id)
    busiest = max(data.frames, key=lambda fid: len(data.frames[fid].links) + len(data.backlinks[fid]))
    seen, todo = {busiest}, [busiest]
    while todo:
        for other in neighbours[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return [data.frames[fid].title for fid in seen]


def test_a_thousand_frames_in_sets_draw_one_set_whole(site_data, record_figure):
    # bench/synth.py's site: sets that link only among themselves. The map draws the busiest set, all of it.
    data = cloned(site_data, -(-1000 // len(site_data.frames)) - 1)
    layout = frame_map_view.frame_map_layout(data)
    assert_bounded_and_counted(data, layout)
    # All of the set's network around its most linked frame: the real frames that links join to it.
    assert sorted(f.title for f in layout.view.frames.values()) == sorted(network_of_busiest(site_data))
    record_figure(f"map at {len(data.frames)} frames in sets: {len(layout.nodes)} boxes, {len(layout.edges)} arcs, "
                  f"{layout.width}x{layout.height} px")


def test_a_thousand_frames_in_one_network_draw_the_busiest_neighbourhood(site_data, record_figure):
    data = cloned(site_data, -(-1000 // len(site_data.frames)) - 1, chained=True)
    layout = frame_map_view.frame_map_layout(data)
    assert_bounded_and_counted(data, layout)
    assert len(layout.view.frames) == selection.MAP_FRAMES_MAX and any(layout.view.left_out.values())
    record_figure(f"map at {len(data.frames)} frames in one network: {len(layout.nodes)} boxes, {len(layout.edges)} arcs, "
                  f"{layout.width}x{layout.height} px")
    # Its bands are too large to try every order: they are sorted, and cross no more arcs than the data order.
    view = layout.view
    groups = {g.id: i for i, g in enumerate(view.groups)}
    boundary = {f.id: ordering.map_boundary(f, groups) for f in view.frames.values()}
    as_written = {g: [f for f in view.frames.values() if f.group == g and boundary[f.id] is None] for g in groups}
    assert max(len(band) for band in as_written.values()) > ordering.MAP_PERMUTE_MAX
    chosen = ordering.fewer_crossings_order(view, boundary)
    pairs = selection.link_pairs(view)
    assert frame_map_view.crossings(pairs, _column(view, chosen)) <= frame_map_view.crossings(pairs, _column(view, as_written))
