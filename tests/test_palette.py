"""The light/dark toggle (overrides/partials/palette.html, docs/assets/js/site.js) in a real Chromium.

Material's palette component is not mounted (it restyled the whole page on every load); these
tests check that the toggle still does what Material's did, and that the first paint already
has the reader's scheme.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TOGGLE = "label.md-header__button[for^='__palette_']"


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def shown_toggle(page) -> str:
    """The title of the one toggle on show (it names the scheme it switches to)."""
    titles = page.locator(f"{TOGGLE}:visible").evaluate_all("labels => labels.map(l => l.title)")
    assert len(titles) == 1, titles
    return titles[0]


@pytest.fixture
def light_home(browser, site_url):
    """The home page in a fresh browser context whose reader's system prefers light, nothing stored."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def test_the_palette_form_is_not_left_to_materials_script(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<form class="md-header__option">' in html
    assert 'data-md-component="palette"' not in html
    # Runs once the whole header is parsed: an earlier script would let a phone paint a half-built header.
    assert html.index("</header>") < html.index("function __palette_show(") < html.index("<main")


@pytest.mark.parametrize("preference, expected, toggle", [
    ("light", "default", "Switch to dark mode"),
    ("dark", "slate", "Switch to light mode"),
])
def test_the_readers_system_scheme_is_there_before_any_script_file_runs(browser, site_url, preference, expected, toggle):
    context = browser.new_context(color_scheme=preference)
    page = context.new_page()
    page.route("**/*.js", lambda route: route.abort())  # no script file: Material's bundle, site.js
    page.goto(site_url + "frames/corrigibility/")
    assert scheme(page) == expected
    assert shown_toggle(page) == toggle
    context.close()


def test_clicking_the_toggle_switches_the_scheme_and_the_choice_is_kept(light_home, site_url):
    page = light_home
    page.locator(f"{TOGGLE}:visible").click()
    assert scheme(page) == "slate"
    assert shown_toggle(page) == "Switch to light mode"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    # Phones colour their address bar like the header, and the page's scrollbars follow the scheme,
    # as with Material's own toggle.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert page.evaluate("[...document.querySelectorAll('head meta[name=theme-color]')].map(m => m.content)") == [header]
    assert page.evaluate("[...document.querySelectorAll('head meta[name=color-scheme]')].map(m => m.content)") == ["dark"]
    page.goto(site_url + "map/")  # another page, same choice
    assert scheme(page) == "slate"
    page.emulate_media(color_scheme="dark")  # a chosen scheme outlasts changes of the system's
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(200)
    assert scheme(page) == "slate"
    page.locator(f"{TOGGLE}:visible").click()
    assert scheme(page) == "default"
    page.reload()
    assert scheme(page) == "default"


def test_enter_on_the_focused_toggle_switches_and_keeps_focus_on_it(light_home):
    page = light_home
    page.locator("#__palette_0").focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to dark mode"
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to light mode"
    page.keyboard.press("Enter")
    assert scheme(page) == "default"


def test_without_a_choice_the_page_follows_the_system_scheme_as_it_changes(light_home):
    page = light_home
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert shown_toggle(page) == "Switch to light mode"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.endsWith('__palette'))") == []


def test_a_tap_on_the_toggle_before_its_script_arrives_still_switches(browser, site_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.route("**/assets/js/site.js", lambda route: route.abort())
    page.goto(site_url)
    page.locator(f"{TOGGLE}:visible").click()  # checks the other input; nothing listens yet
    assert scheme(page) == "default"
    page.unroute("**/assets/js/site.js")
    page.add_script_tag(url=site_url + "assets/js/site.js")  # the script arrives
    assert scheme(page) == "slate"
    assert shown_toggle(page) == "Switch to light mode"
    page.reload()
    assert scheme(page) == "slate"  # and the choice was kept
    context.close()
