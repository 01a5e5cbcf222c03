"""axe-core on every page of the built site, in the light and the dark scheme: zero violations.

The site is served as deployed (`deployed_url`: gzip, under its site_url path, so 404.html finds
its styles) and Chromium is told the reader prefers light or dark; Material then renders that
scheme, which each test checks on the page itself before running axe with its default rules,
all impacts. Material's own defects are fixed in overrides/partials/search.html and
docs/assets/site.css (accessibility section) and docs/assets/js/site.js, never by turning a rule off.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

# What Material writes on <body> for each scheme of mkdocs.yml's palette, and its background.
SCHEMES = {
    "light": ("default", "rgb(255, 255, 255)"),
    "dark": ("slate", None),
}


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def report(path: str, violations: list[dict]) -> list[str]:
    """One line per violated rule: page, rule, impact, and the elements at fault."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        more = f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else ""
        lines.append(f"{path or '(home)'}: {violation['id']} ({violation['impact']}): {targets}{more}")
    return lines


def rendered_scheme(page) -> tuple[str, str]:
    """The scheme Material applied to the page, and the body's computed background."""
    return page.evaluate(
        "[document.body.getAttribute('data-md-color-scheme'), getComputedStyle(document.body).backgroundColor]"
    )


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_has_no_axe_violations(browser, deployed_url, reader_pages, axe, scheme):
    expected_attr, expected_bg = SCHEMES[scheme]
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    for path in reader_pages:
        page.goto(deployed_url + path, wait_until="load")
        attr, background = rendered_scheme(page)
        assert attr == expected_attr, f"{path}: Material rendered '{attr}', not '{expected_attr}'"
        if expected_bg:
            assert background == expected_bg, f"{path}: body background {background}"
        else:
            assert background != SCHEMES["light"][1], f"{path}: dark scheme with a white background"
        problems += report(path, axe.run(page).response["violations"])
    context.close()
    assert len(reader_pages) >= 20
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_open_search_with_results_has_no_axe_violations(browser, deployed_url, axe, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(deployed_url, wait_until="load")
    page.keyboard.press("/")  # opens the search dialog and focuses its box
    box = page.locator("#site-search-input:focus")
    box.wait_for()
    box.press_sequentially("corrigibility")
    page.locator("#site-search-results > li").first.wait_for()
    violations = axe.run(page).response["violations"]
    context.close()
    assert report(f"(home, search open, {scheme})", violations) == []


def test_phone_width_with_the_menu_open_has_no_axe_violations(browser, deployed_url, axe, site_data):
    frame = next(iter(site_data.frames))
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(deployed_url + f"frames/{frame}/", wait_until="load")
    page.locator('.md-header label[for="__drawer"]').click()
    page.locator(".md-nav--primary").first.wait_for(state="visible")
    assert page.evaluate("document.getElementById('__drawer').checked")
    violations = axe.run(page).response["violations"]
    context.close()
    assert report(f"frames/{frame}/ (phone, menu open)", violations) == []
