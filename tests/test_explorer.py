"""The crux explorer: every crux anchored once with its nesting and backlinks; filters in a real Chromium."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import after_next_paint
from macros.views import fragments
from macros.model import iter_refs, load

from test_stance import NESTED


def explorer_html(built_site: Path) -> str:
    return (built_site / "cruxes" / "index.html").read_text(encoding="utf-8")


class CruxTree(HTMLParser):
    """The crux <li> elements of the explorer: id -> (parent crux id, attributes, text)."""

    def __init__(self, html: str):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []  # (tag, crux id or None)
        self.items: dict[str, dict] = {}
        self.refs: list[dict] = []
        self.feed(html.split('id="crux-explorer"', 1)[1])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        crux_id = None
        if tag == "li" and attrs.get("data-kind"):
            parents = [cid for _, cid in self.stack if cid]
            entry = {**attrs, "parent": parents[-1] if parents else None}
            if attrs["data-kind"] == "crux":
                crux_id = attrs["id"].removeprefix("crux-")
                self.items[crux_id] = entry
            else:
                self.refs.append(entry)
        if tag not in ("input", "br", "img", "meta", "link"):
            self.stack.append((tag, crux_id))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def expected_groups(site_data, crux_id: str) -> set[str]:
    groups = set()
    for owner in site_data.relied_on_by[crux_id]:
        groups |= set(site_data.owner_groups(owner))
    return groups


# ---------------------------------------------------------------- HTML


def test_every_crux_has_exactly_one_anchor_nested_under_its_parent(built_site, site_data):
    html = explorer_html(built_site)
    tree = CruxTree(html)
    assert set(tree.items) == set(site_data.cruxes)
    for crux_id, entry in site_data.cruxes.items():
        assert html.count(f'id="crux-{crux_id}"') == 1, crux_id
        assert tree.items[crux_id]["parent"] == entry.parent, crux_id
        assert set(tree.items[crux_id]["data-counts-for"].split()) == set(site_data.relied_on_by[crux_id])
        assert set(tree.items[crux_id]["data-groups"].split()) == expected_groups(site_data, crux_id)


def test_each_frame_and_group_has_a_section_showing_its_groups(built_site, site_data):
    html = explorer_html(built_site)
    for frame in site_data.frames.values():
        section = html.split(f'id="owner-{frame.id}"', 1)[1].split("</section>", 1)[0]
        assert f">{frame.title}<" in section
        for group_id in (frame.group, *frame.also_in):
            assert f'href="../groups/{group_id}/">{site_data.groups[group_id].title}</a>' in section, frame.id
        assert f'href="../frames/{frame.id}/">Read the frame</a>' in section
        assert ("No cruxes listed." in section) == (not frame.cruxes), frame.id
    for group in site_data.groups.values():
        assert (f"General cruxes of {group.title.lower()}" in html) == bool(group.cruxes), group.id


def test_old_ids_land_on_their_crux_and_each_ref_row_points_at_its_definition(built_site, site_data):
    html = explorer_html(built_site)
    # An old id is an empty anchor at the start of the live crux's row.
    for alias, crux_id in site_data.crux_aliases.items():
        row_start = re.search(rf'<li [^>]*id="crux-{crux_id}"[^>]*>((?:\s*<span id="crux-[a-z0-9-]+"></span>)*)', html)
        assert f'<span id="crux-{alias}"></span>' in row_start.group(1), alias
    # Each `- ref:` of the data is one row that counts for its frame and points at the crux's definition.
    tree = CruxTree(html)
    refs = [(owner.id, ref.ref) for owner in [*site_data.groups.values(), *site_data.frames.values()]
            for ref in iter_refs(owner.cruxes)]
    assert len(tree.refs) == len(refs)
    for owner, crux_id in refs:
        defined_in = site_data.owner(site_data.cruxes[crux_id].owner).title
        assert f'defined under <a href="#crux-{crux_id}">{defined_in}</a>' in html, (owner, crux_id)
        assert any(owner in row["data-counts-for"].split() for row in tree.refs), (owner, crux_id)
    # Raw links are not checked by MkDocs: check every crux link from this page ourselves.
    for page, anchor in set(re.findall(r'href="\.\./((?:frames|groups)/[a-z0-9-]+/)#(crux-[a-z0-9-]+)"', html)):
        assert f'id="{anchor}"' in (built_site / page / "index.html").read_text(encoding="utf-8"), (page, anchor)


@pytest.mark.parametrize("path", ["cruxes", "stance"])
def test_in_page_links_land_on_an_element(built_site, path):
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert len(targets) > 10
    missing = [t for t in targets if f'id="{t}"' not in html]
    assert missing == []


def test_without_javascript_the_form_is_hidden_and_the_list_complete(built_site, site_data):
    html = explorer_html(built_site)
    form = re.search(r"<form[^>]*>", html.split('id="crux-explorer"', 1)[1]).group(0)
    assert 'id="crux-filters"' in form and "hidden" not in form  # shown from the first paint: no layout shift
    # Hidden by CSS while the root keeps Material's no-js class, which a <head> script swaps for js.
    assert '<html lang="en" class="no-js">' in html
    assert 'classList.replace("no-js", "js")' in html.split("</head>", 1)[0]
    assert re.search(r"\.no-js \.crux-filters\s*\{\s*display:\s*none", (built_site / "assets" / "site.css").read_text(encoding="utf-8"))
    for control in ("crux-filter-group", "crux-filter-frame", "crux-filter-text"):
        assert f'<label for="{control}">' in html
    status = re.search(r'(<p[^>]* id="crux-explorer-status"[^>]*>)([^<]*)', html)
    assert 'role="status"' in status.group(1) and status.group(2) == f"All {len(site_data.cruxes)} cruxes shown."
    assert re.search(r'<script[^>]* src="\.\./assets/js/cruxes\.js"', html)
    assert (built_site / "assets" / "js" / "cruxes.js").exists()
    other_pages = [p for p in built_site.rglob("index.html") if p.parent.name != "cruxes"]
    assert not any("cruxes.js" in p.read_text(encoding="utf-8") for p in other_pages)


def test_aliases_keep_their_anchors(tmp_path):
    path = tmp_path / "frames.yml"
    path.write_text(NESTED, encoding="utf-8")
    html = fragments.crux_explorer(load(path), "../")
    assert '<span id="crux-old-plain"></span>' in html
    assert html.count('id="crux-plain"') == 1


def test_nested_cruxes_say_how_they_join(tmp_path):
    path = tmp_path / "frames.yml"
    path.write_text(NESTED, encoding="utf-8")
    html = fragments.crux_explorer(load(path), "../")
    for label in ("At least one of:", "All of:", "Reasons given:"):
        assert f'<p class="crux__join">{label}</p>' in html


# ---------------------------------------------------------------- filters in Chromium


def expected_shown(site_data, group="", frame="", text="") -> set[str]:
    """The cruxes the filters should show as matches (not as context for a nested match)."""
    words = text.lower().split()
    shown = set()
    for crux_id, entry in site_data.cruxes.items():
        haystack = entry.crux.text.lower() + " " + crux_id.replace("-", " ")
        if group and group not in expected_groups(site_data, crux_id):
            continue
        if frame and frame not in site_data.relied_on_by[crux_id]:
            continue
        if all(word in haystack for word in words):
            shown.add(crux_id)
    return shown


def visible_matches(page) -> set[str]:
    return set(page.eval_on_selector_all(
        'li[data-kind="crux"]:not(.crux--context)',
        "items => items.filter(li => li.offsetParent !== null).map(li => li.id.slice(5))"))


@pytest.mark.browser
def test_filters_narrow_the_list_and_live_in_the_address(browser, site_url, site_data):
    page = browser.new_page()
    page.goto(site_url + "cruxes/", wait_until="load")
    total = len(site_data.cruxes)
    assert page.is_visible("#crux-filters")
    assert page.text_content("#crux-explorer-status") == f"All {total} cruxes shown."
    assert len(visible_matches(page)) == total

    page.select_option("#crux-filter-group", "inner")
    expected = expected_shown(site_data, group="inner")
    assert visible_matches(page) == expected
    assert page.text_content("#crux-explorer-status") == f"{len(expected)} of {total} cruxes shown."
    assert parse_qs(urlparse(page.url).query) == {"group": ["inner"]}
    # Frames outside the chosen group cannot be picked.
    assert page.is_disabled('#crux-filter-frame option[value="corrigibility"]')
    assert not page.is_disabled('#crux-filter-frame option[value="distribution-shift"]')  # also inner

    page.select_option("#crux-filter-frame", "ontology-identification")
    page.fill("#crux-filter-text", "NAH")
    expected = expected_shown(site_data, "inner", "ontology-identification", "NAH")
    assert expected == {"nah-makes-translation-tractable", "work-past-a-weak-nah"}
    assert visible_matches(page) == expected
    page.wait_for_function(
        "n => document.getElementById('crux-explorer-status').textContent.startsWith(n + ' of ')", arg=len(expected))
    assert parse_qs(urlparse(page.url).query) == {"group": ["inner"], "frame": ["ontology-identification"], "text": ["NAH"]}
    assert page.get_attribute("#crux-filter-link", "href").endswith("?group=inner&frame=ontology-identification&text=NAH")
    # The parent of a nested match stays, dimmed, to show where the match sits.
    assert page.is_visible("#crux-ontology-identification-tractable.crux--context")
    assert not page.is_visible("#owner-corrigibility")

    page.click("#crux-filter-clear")
    assert len(visible_matches(page)) == total and urlparse(page.url).query == ""
    page.close()


@pytest.mark.browser
def test_a_filtered_link_opens_filtered(browser, site_url, site_data):
    page = browser.new_page()
    page.goto(site_url + "cruxes/?frame=deception&text=detect", wait_until="load")
    assert visible_matches(page) == expected_shown(site_data, frame="deception", text="detect") == {"deception-hard-to-detect"}
    assert page.input_value("#crux-filter-frame") == "deception"
    assert page.input_value("#crux-filter-text") == "detect"
    assert page.text_content("#crux-explorer-status") == f"1 of {len(site_data.cruxes)} cruxes shown."
    assert not page.is_visible(".md-search__output")  # the site search, which reads ?q=, stays closed
    page.close()


def displayed(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "el => el.getClientRects().length > 0")


def assert_in_view(page, selector: str) -> None:
    """The element's top is within the window."""
    box = page.locator(selector).bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], (selector, box)


@pytest.mark.browser
def test_a_filtered_link_shows_no_crux_until_filtered_so_nothing_moves(browser, site_url, site_data):
    # Until cruxes.js runs, the full list would show and then shrink, moving all below it.
    context = browser.new_context(viewport={"width": 1280, "height": 823})
    page = context.new_page()
    page.add_init_script("window.__shift = 0; new PerformanceObserver(list => list.getEntries()"
                         ".forEach(entry => { window.__shift += entry.value; })).observe({type: 'layout-shift', buffered: true});")
    held = []
    page.route("**/cruxes.js", lambda route: held.append(route))
    page.goto(site_url + "cruxes/?frame=deception", wait_until="commit")
    page.wait_for_selector(".md-footer", state="attached")  # parsed past the list, to the page's end
    after_next_paint(page)
    assert held, "cruxes.js was not requested"
    # The script is held back: the form is there, the list and everything after it are not.
    assert displayed(page, "#crux-filters")
    for selector in ("#group-outer", "#group-inner", "#how-to-read", "#how-to-read + ul", ".md-footer"):
        assert not displayed(page, selector), f"{selector} is shown before the filters apply"
    held[0].continue_()
    page.wait_for_function("() => !document.documentElement.classList.contains('crux-filters-pending')")
    assert visible_matches(page) == expected_shown(site_data, frame="deception")
    assert displayed(page, "#how-to-read + ul") and displayed(page, ".md-footer")
    page.wait_for_load_state("networkidle")
    after_next_paint(page)
    assert page.evaluate("window.__shift") < 0.01
    context.close()


@pytest.mark.browser
def test_a_filtered_link_shows_every_crux_if_the_script_never_comes(browser, site_url, site_data):
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.route("**/cruxes.js", lambda route: route.abort())
    page.goto(site_url + "cruxes/?frame=deception#crux-deception-hard-to-detect", wait_until="load")
    assert not displayed(page, "#group-inner")
    page.wait_for_function("() => !document.documentElement.classList.contains('crux-filters-pending')", timeout=6000)
    assert len(visible_matches(page)) == len(site_data.cruxes)
    # The browser found no crux to scroll to while the list was left out: the page goes to it then.
    assert_in_view(page, "#crux-deception-hard-to-detect")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("address, group_after", [
    ("cruxes/?group=inner#crux-deception-hard-to-detect", "inner"),  # a crux the filters show
    ("cruxes/?group=other#crux-natural-abstraction-hypothesis", ""),  # one they hide: they are cleared
])
def test_a_link_to_a_crux_lands_on_it_whether_the_filters_show_it_or_not(browser, site_url, address, group_after):
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(site_url + address, wait_until="load")
    page.wait_for_function("() => !document.documentElement.classList.contains('crux-filters-pending')")
    after_next_paint(page)
    assert page.input_value("#crux-filter-group") == group_after
    assert_in_view(page, "#" + address.split("#")[1])
    page.close()


@pytest.mark.browser
def test_filters_work_from_the_keyboard(browser, site_url, site_data):
    page = browser.new_page()
    page.goto(site_url + "cruxes/", wait_until="load")
    page.focus("#crux-filter-group")
    page.keyboard.press("ArrowDown")  # All groups -> Outer alignment
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "crux-filter-text"
    page.keyboard.type("optimization")
    assert visible_matches(page) == expected_shown(site_data, group="outer", text="optimization")
    page.close()


@pytest.mark.browser
def test_without_javascript_every_crux_is_visible(scriptless_page, site_url, site_data):
    page = scriptless_page
    page.goto(site_url + "cruxes/?group=inner")
    assert not page.is_visible("#crux-filters")
    visible = page.eval_on_selector_all('li[data-kind="crux"]', "items => items.filter(li => li.offsetParent !== null).length")
    assert visible == len(site_data.cruxes)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["cruxes/?group=inner&text=the", "stance/", "frames/distribution-shift/"])
def test_no_horizontal_scroll_at_375_px(browser, site_url, path):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + path, wait_until="load")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    page.close()


CONTENTS = """() => [...document.querySelectorAll('.md-sidebar--secondary .md-nav--secondary a.md-nav__link')]
    .filter(a => a.getClientRects().length > 0).map(a => a.getAttribute('href').slice(1))"""
SHOWN_HEADINGS = """() => [...document.querySelectorAll('.crux-explorer h2[id], .crux-explorer h3[id]')]
    .filter(h => h.getClientRects().length > 0).map(h => h.id)"""


@pytest.mark.browser
def test_the_contents_list_follows_the_filters(browser, site_url, site_data):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "cruxes/", wait_until="load")
    everything = page.evaluate(CONTENTS)
    assert set(page.evaluate(SHOWN_HEADINGS)) <= set(everything)
    frame = next(iter(site_data.frames))
    page.select_option("#crux-filter-frame", frame)
    shown = page.evaluate(SHOWN_HEADINGS)
    assert f"owner-{frame}-heading" in shown and len(shown) < len(everything)
    # The list names exactly the sections still shown, and whatever of the page is outside the explorer.
    outside = [anchor for anchor in everything if not page.evaluate(
        "id => !!document.getElementById(id).closest('.crux-explorer')", anchor)]
    assert page.evaluate(CONTENTS) == [anchor for anchor in everything if anchor in shown or anchor in outside]
    page.click("#crux-filter-clear")
    assert page.evaluate(CONTENTS) == everything
    page.close()
