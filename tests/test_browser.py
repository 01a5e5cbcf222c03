"""A real headless Chromium opens every page: no console error, no request to another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import after_next_paint
from macros.build.nav import second_entries

pytestmark = pytest.mark.browser


def test_every_page_loads_without_console_errors_or_foreign_requests(browser, site_url, all_pages):
    own_host = urlparse(site_url).netloc
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    current = {"path": ""}
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"{current['path']}: console: {msg.text}"))
    page.on("pageerror", lambda exc: problems.append(f"{current['path']}: script error: {exc}"))

    def check_request(request):
        host = urlparse(request.url).netloc
        if request.url.startswith(("http:", "https:")) and host != own_host:
            problems.append(f"{current['path']}: request to another host: {request.url}")

    page.on("request", check_request)
    for path in all_pages:
        current["path"] = path or "(home)"
        response = page.goto(site_url + path, wait_until="networkidle")
        assert response is not None and response.ok, path
        assert page.locator("h1").count() >= 1, path
    context.close()
    assert len(all_pages) >= 20
    assert problems == []


def test_taxonomy_link_navigates_and_marks_the_new_page(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "frames/corrigibility/")
    page.locator(".taxonomy a", has_text="The Sharp Left Turn").click()
    page.wait_for_url("**/frames/sharp-left-turn/")
    assert page.locator('.taxonomy [aria-current="page"]').inner_text() == "The Sharp Left Turn"
    page.close()


def test_a_frame_filed_in_two_groups_is_found_in_the_sidebar_of_either(browser, site_url, site_data):
    # A reader looking under its second group finds it there; following it opens the page, with the
    # sidebar now open at the group the page is listed under.
    entries = second_entries(site_data)
    assert entries or not any(f.also_in for f in site_data.frames.values())
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    for entry in entries:
        page.goto(site_url + entry.beside)
        page.locator(".md-sidebar--primary .md-nav__link", has_text=entry.title).click()
        page.wait_for_url("**/" + entry.path)
        frame = next(f for f in site_data.frames.values() if entry.path.endswith(f"/{f.id}/"))
        current = page.locator(".md-sidebar--primary a.md-nav__link--active", has_text=frame.title)
        assert current.is_visible()
        group = site_data.groups[frame.group].title
        section = page.locator(".md-sidebar--primary .md-nav__item--active > label.md-nav__link", has_text=group)
        assert section.is_visible()
    page.close()


def test_crux_anchor_scrolls_to_the_crux_row(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(site_url + "frames/pointers-problem/#crux-too-confused-to-train-a-diamond-maximizer")
    row = page.locator("#crux-too-confused-to-train-a-diamond-maximizer")
    assert row.is_visible()
    box = row.bounding_box()
    assert box is not None and 0 <= box["y"] < 700
    page.close()


def test_not_found_page_loads_its_theme_without_errors_or_foreign_requests(browser, deployed_url):
    # 404.html links its assets from the site root (/frames/...), so it is served as deployed.
    own_host = urlparse(deployed_url).netloc
    missing = deployed_url + "no-such-page/"
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and msg.location.get("url") != missing
            and problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("response", lambda response: response.url != missing and response.status >= 400
            and problems.append(f"{response.status}: {response.url}"))
    page.on("request", lambda request: urlparse(request.url).netloc not in (own_host, "")
            and problems.append(f"request to another host: {request.url}"))
    response = page.goto(missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text().startswith("404")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.close()
    assert problems == []


LAYOUT_SHIFTS = """() => new Promise(done => new PerformanceObserver((list, observer) => {
    observer.disconnect();
    done(list.getEntries().map(shift => [shift.value, shift.sources.map(s => s.node && s.node.outerHTML.slice(0, 80))]));
}).observe({type: 'layout-shift', buffered: true}) || setTimeout(() => done([]), 500))"""


# Not the crux explorer with filters in its address: cruxes.js hides the other cruxes after the first paint.
@pytest.mark.parametrize("path", ["", "frames/distribution-shift/", "cruxes/", "map/", "stance/"])
def test_a_page_loads_on_a_phone_without_moving_what_is_already_shown(browser, site_url, path):
    # A script in the header let a phone paint the light/dark toggle before the search button
    # was parsed, which then pushed it aside; the crux filters used to appear after the first paint.
    # Lighthouse counts such moves (cumulative layout shift).
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")  # deferred and lazy scripts have run
    after_next_paint(page)
    assert page.evaluate(LAYOUT_SHIFTS) == [], path
    context.close()
