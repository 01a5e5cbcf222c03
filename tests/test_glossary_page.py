"""The glossary page a reader can scan (issue 17): the A-Z bar, the filter box, the mark on an entry
reached by its link, and each entry's copy-link button; rendered, built, then in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import urls
from macros.views import fragments


def test_every_term_sits_under_its_letter_and_the_bar_links_each_letter_that_has_terms(site_data):
    html = fragments.glossary(site_data, "../")
    parts = dict(re.findall(r'<section class="glossary__letter" id="(letter-[a-z]+)">(.*?)</section>', html, re.S))
    for term in site_data.glossary.terms:
        letter = fragments.glossary_letter(term)
        assert f'id="{urls.term_id(term.id)}"' in parts[urls.letter_id(letter)], term.id
    bar = html.split('<nav class="glossary-az"', 1)[1].split("</nav>", 1)[0]
    linked = re.findall(r'href="#(letter-[a-z]+)"', bar)
    assert linked == sorted(parts, key=lambda anchor: (anchor != "letter-other", anchor))
    # The whole alphabet is in the bar; a letter with no term is shown, but is no link.
    assert re.findall(r">([A-Z#])</(?:a|span)>", bar)[-26:] == list(fragments.ALPHABET)


def test_a_term_starting_with_a_digit_is_filed_under_other(site_data):
    term = site_data.glossary.terms[0].model_copy(update={"abbr": None, "term": "3D world model"})
    assert fragments.glossary_letter(term) == "#" and urls.letter_id("#") == "letter-other"


def test_each_entry_has_a_copy_link_button_for_its_own_anchor(site_data):
    html = fragments.glossary(site_data, "../")
    entries = re.findall(r'<dt id="([^"]+)">(.*?)</dt>', html)
    assert len(entries) == len(site_data.glossary.terms)
    for anchor, dt in entries:
        button = re.search(r'<button type="button" class="copy-link" data-copy-link="([^"]+)">(.*?)</button>', dt)
        assert button and button.group(1) == anchor, anchor
        assert "Copy link" in button.group(2)


def test_the_built_glossary_loads_its_scripts_from_files(built_site: Path):
    html = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    for name in ("glossary.js", "copy-link.js"):
        assert re.search(rf'<script type="module" src="[./]*assets/js/{name}"></script>', html), name
        assert (built_site / "assets" / "js" / name).is_file()


# ---------------------------------------------------------------- browser



def entry_shown(page, term_id: str) -> bool:
    return page.locator(f"#term-{term_id}").is_visible()


@pytest.mark.browser
def test_a_letter_of_the_bar_brings_its_terms_to_the_top(browser, site_url, site_data):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "glossary/")
    last = page.locator("nav.glossary-az a.glossary-az__letter").last
    anchor = last.get_attribute("href")
    last.click()
    page.wait_for_url("**/glossary/" + anchor)
    top = page.locator(anchor).evaluate("section => section.getBoundingClientRect().top")
    assert 0 <= top < 200, top
    page.close()


@pytest.mark.browser
def test_the_filter_keeps_matching_terms_hides_empty_letters_and_says_how_many(browser, site_url, site_data):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "glossary/")
    terms = site_data.glossary.terms
    target = next(t for t in terms if t.abbr)  # found by its abbreviation
    box = page.get_by_label("Filter the terms")
    box.fill(target.abbr.lower())
    expected = {t.id for t in terms
                if all(w in f"{t.abbr or ''} · {t.term} {t.definition}".lower() for w in target.abbr.lower().split())}
    page.wait_for_function("n => document.getElementById('glossary-filter-status').textContent.startsWith(n + ' of ')",
                           arg=len(expected))
    shown = set(page.eval_on_selector_all(".glossary__entry:not([hidden]) dt",
                                          "dts => dts.map(dt => dt.id.replace('term-', ''))"))
    assert target.id in shown and shown == expected
    assert len(shown) < len(terms)
    # A letter with no term left is hidden in the list and no longer a link in the bar.
    hidden_letters = page.eval_on_selector_all(".glossary__letter[hidden]", "s => s.map(x => x.id)")
    assert hidden_letters
    assert page.locator(f'a.glossary-az__letter[href="#{hidden_letters[0]}"]').get_attribute("aria-disabled") == "true"
    box.fill("zzzz no such word")
    page.wait_for_function("() => document.getElementById('glossary-filter-status').textContent.includes('Try fewer')")
    assert page.locator(".glossary__entry:not([hidden])").count() == 0
    box.press("Escape")  # clears the box, and every entry is back
    page.wait_for_function("() => !document.querySelector('.glossary__entry[hidden]')")
    page.close()


@pytest.mark.browser
def test_a_link_to_a_hidden_entry_clears_the_filter_and_lands_on_it(browser, site_url, site_data):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "glossary/")
    first, last = site_data.glossary.terms[0], site_data.glossary.terms[-1]
    page.get_by_label("Filter the terms").fill(first.term)
    page.wait_for_function(f"() => document.getElementById('term-{last.id}').closest('[hidden]')")
    page.evaluate(f"location.hash = 'term-{last.id}'")
    page.wait_for_function(f"() => !document.getElementById('term-{last.id}').closest('[hidden]')")
    assert page.locator(f"#term-{last.id}").is_visible()
    page.close()


MARK = """id => {
    const entry = document.getElementById(id).closest('.glossary__entry');
    const style = getComputedStyle(entry);
    return [style.backgroundColor, style.boxShadow];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_arriving_at_an_entry_marks_it_and_only_it(browser, site_url, site_data, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    target, other = site_data.glossary.terms[1], site_data.glossary.terms[0]
    page.goto(site_url + f"glossary/#term-{target.id}")
    background, bar = page.evaluate(MARK, f"term-{target.id}")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent") and "inset" in bar, (background, bar)
    assert page.evaluate(MARK, f"term-{other.id}") == ["rgba(0, 0, 0, 0)", "none"]
    top = page.locator(f"#term-{target.id}").evaluate("dt => dt.getBoundingClientRect().top")
    assert 0 <= top < 300  # in view, not under the header
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations] == []
    context.close()


@pytest.mark.browser
def test_the_copy_link_button_copies_the_entry_address_and_says_so(browser, site_url, site_data):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "glossary/?from=somewhere")
    term = site_data.glossary.terms[2]
    button = page.locator(f"#term-{term.id} button.copy-link")
    assert button.is_visible()
    # Its name says which entry it copies the link to.
    assert button.evaluate("b => b.textContent") == f"Copy link to {term.term}"
    button.focus()
    page.keyboard.press("Enter")  # reachable and usable by keyboard
    page.wait_for_function("b => b.textContent.startsWith('Link copied')", arg=button.element_handle())
    assert page.evaluate("navigator.clipboard.readText()") == site_url + f"glossary/#term-{term.id}"
    assert "copy-link--done" in button.get_attribute("class")
    page.wait_for_function("text => [...document.querySelectorAll('[role=status]')].some(s => s.textContent === text)",
                           arg=f"Copied the link to {term.term}.")
    context.close()


@pytest.mark.browser
def test_without_javascript_the_glossary_is_whole_and_shows_no_dead_controls(scriptless_page, site_url, site_data):
    page = scriptless_page
    page.goto(site_url + "glossary/")
    assert page.locator(".glossary__entry dt:visible").count() == len(site_data.glossary.terms)
    assert not page.locator("#glossary-filter").is_visible()
    assert page.locator("button.copy-link:visible").count() == 0
    assert page.locator("nav.glossary-az a").first.is_visible()  # the letters are plain links
