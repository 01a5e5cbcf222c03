"""The light/dark toggle, Material's own (palette in mkdocs.yml), in a real Chromium: what a reader relies on."""

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


@pytest.mark.parametrize("preference, expected, toggle", [
    ("light", "default", "Switch to dark mode"),
    ("dark", "slate", "Switch to light mode"),
])
def test_the_readers_system_scheme_is_shown(browser, site_url, preference, expected, toggle):
    context = browser.new_context(color_scheme=preference)
    page = context.new_page()
    page.goto(site_url + "frames/corrigibility/")
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{expected}'")
    assert shown_toggle(page) == toggle
    context.close()


def test_clicking_the_toggle_switches_the_scheme_and_the_choice_is_kept(light_home, site_url):
    page = light_home
    page.locator(f"{TOGGLE}:visible").click()
    assert scheme(page) == "slate"
    assert shown_toggle(page) == "Switch to light mode"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    page.goto(site_url + "map/")  # another page, same choice
    assert scheme(page) == "slate"
    page.emulate_media(color_scheme="dark")  # a chosen scheme outlasts changes of the system's
    page.emulate_media(color_scheme="light")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
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
