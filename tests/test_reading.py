"""Reading comfort: previous/next in reading order, reading time, print without chrome, no sideways scroll on phones."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, made_by_the_build, page_html
from macros import urls
from macros.views import reading_time


def reading_order() -> list[str]:
    """The pages in the order of mkdocs.yml's nav, as URL paths ('' for the home page)."""
    from mkdocs.config import load_config

    def walk(items) -> list[str]:
        paths: list[str] = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                paths += walk(value)
            else:
                paths.append(urls.source_page_path(value))
        return paths

    return walk(load_config(str(ROOT / "mkdocs.yml"))["nav"])


# ---------------------------------------------------------------- previous / next


def test_previous_and_next_follow_the_reading_order_on_every_page(built_site, all_pages, site_data):
    order = reading_order()
    # Every page is on the path, once, but those the build makes from the data: other pages lead to them.
    assert sorted(order) == sorted(page for page in all_pages if not made_by_the_build(page))
    for index, path in enumerate(order):
        html = page_html(built_site, path)
        footer = re.findall(r'<a href="([^"]*)" class="md-footer__link md-footer__link--(prev|next)"', html)
        links = {kind: href for href, kind in footer}
        assert len(links) == len(footer), path  # one previous, one next at most
        expected = {}
        if index > 0:
            expected["prev"] = order[index - 1]
        if index + 1 < len(order):
            expected["next"] = order[index + 1]
        resolved = {kind: (built_site / path / href).resolve() for kind, href in links.items()}
        assert resolved == {kind: (built_site / target).resolve() for kind, target in expected.items()}, path


# ---------------------------------------------------------------- reading time


def test_reading_minutes_counts_words_of_the_text_not_markup_navigation_or_drawings():
    assert reading_time.reading_minutes("<p>" + "word " * 1000 + "</p>") == 5
    assert reading_time.reading_minutes("<p>" + "word " * 50 + "</p>") == 1
    markup = '<div class="x" data-y="z">' * 500 + '<a href="https://example.org/a/b/c/d/e/f">a link</a> ' * 10
    unread = "<nav>" + "menu " * 900 + "</nav><svg><text>" + "label " * 900 + "</text></svg>"
    assert reading_time.reading_minutes(markup + unread + "<p>" + "word " * 380 + "</p>") == 2


def test_reading_time_goes_right_under_the_title():
    page = '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>\n<p>' + "word " * 450 + "</p>"
    result = reading_time.with_reading_time(page)
    assert result.startswith('<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>\n'
                             '<p class="reading-time">About 2 minutes to read</p>\n<p>word')
    assert reading_time.with_reading_time("<p>No title here.</p>").startswith(
        '<p class="reading-time">About 1 minute to read</p>\n<p>No title')


def test_every_page_shows_its_reading_time_right_under_its_title(built_site, all_pages):
    for path in all_pages:
        html = page_html(built_site, path)
        found = re.search(r'</h1>\s*<p class="reading-time">About (\d+) minutes? to read</p>', html)
        assert found, path
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        words = len(re.sub(r"<[^>]+>", " ", article).split())
        assert 0.4 * words / 200 <= int(found.group(1)) <= words / 200 + 1, (path, words, found.group(1))


# ---------------------------------------------------------------- print

CONTRAST = """([fg, bg]) => {
  const parts = c => c.match(/[\\d.]+/g).map(Number);
  const lin = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const lum = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  const [r, g, b, a = 1] = parts(fg), back = parts(bg);
  const mixed = [r, g, b].map((v, i) => v * a + back[i] * (1 - a));  // text drawn with alpha over the page
  const [x, y] = [lum(mixed), lum(back)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


@pytest.mark.browser
def test_a_frame_page_prints_without_navigation_and_with_link_addresses(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "frames/goodharting/")
    assert page.locator(".md-sidebar--primary").is_visible()  # on screen the chrome is there
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
                   ".taxonomy", ".md-content__button"]:
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator("article h1").is_visible() and page.locator(".thesis").is_visible()
    assert page.locator(".crux-table").is_visible()
    external = page.locator('article a[href^="https://"]').first
    href = external.get_attribute("href")
    assert href and href in external.evaluate("a => getComputedStyle(a, '::after').content")
    internal = page.locator('article a[href^="../"]').first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()


@pytest.mark.browser
def test_a_page_read_in_the_dark_scheme_prints_dark_text_on_white(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "frames/goodharting/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.emulate_media(media="print")
    for selector in ["article h1", ".reading-time", ".thesis__text", ".crux-row__number a"]:
        colour = page.locator(selector).first.evaluate("e => getComputedStyle(e).color")
        assert page.evaluate(CONTRAST, [colour, "rgb(255, 255, 255)"]) >= 4.5, (selector, colour)
    context.close()


# ---------------------------------------------------------------- phone width

CLIPPED = """() => {
  // Elements that reach past the right edge and are not inside a box that scrolls or clips them.
  const width = document.documentElement.clientWidth;
  const boxed = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= width + 1) return true;
    } return false; };
  return [...document.querySelectorAll('.md-content *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !boxed(e))
    .slice(0, 5).map(e => e.tagName + '.' + e.className);
}"""


# How far the page title's box reaches below its words: a line more when Material's hidden
# permalink (the pilcrow) wraps on its own.
TITLE_OVERHANG = """() => {
  const title = document.querySelector('article h1');
  const words = document.createRange();
  words.selectNodeContents(title.firstChild);
  return title.getBoundingClientRect().bottom - words.getBoundingClientRect().bottom;
}"""


@pytest.mark.browser
def test_no_page_scrolls_sideways_at_phone_width_or_leaves_a_blank_title_line(browser, site_url, all_pages):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    problems = []
    for path in all_pages:
        page.goto(site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        clipped = page.evaluate(CLIPPED)
        overhang = page.evaluate(TITLE_OVERHANG)
        if width > 375 or clipped or overhang > 10:
            problems.append((path or "(home)", width, clipped, overhang))
    context.close()
    assert problems == []


@pytest.mark.browser
def test_crux_tables_fit_a_phone_screen(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + "groups/outer/")
    box = page.locator(".crux-table-wrapper").first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.close()


# ---------------------------------------------------------------- the passes over finished HTML


def test_the_finishing_pass_marks_only_the_article_between_the_marks(site_data):
    from macros.build.after.page_finish import ARTICLE_END, ARTICLE_START, finished_page
    from macros.views.glossary_terms import term_matcher

    term = next(t for t in site_data.glossary.terms if " " in t.term)
    article = f"<h1 id=\"t\">The Title</h1>\n<p>Some text on {term.term}.</p>\n<h2 id=\"s\">A Section</h2>"
    page = (f"<html><head><meta charset=\"utf-8\"><title>{term.term}</title></head><body><nav>{term.term}</nav>"
            f"{ARTICLE_START}{article}{ARTICLE_END}</body></html>")
    html = finished_page(page, "frames/x/index.html", term_matcher(site_data.glossary.terms))
    assert html.count('class="reading-time"') == 1 and ARTICLE_START not in html and ARTICLE_END not in html
    # The first mention in the article links to its entry, from the page's own depth; the title and nav stay as they were.
    assert f'href="../../{urls.term_path(term.id)}"' in html
    assert f"<title>{term.term}</title>" in html and f"<nav>{term.term}</nav>" in html
    assert 'http-equiv="Content-Security-Policy"' in html


def test_page_titles_and_heading_ids_are_untouched_by_the_reading_time_and_tooltips(built_site, site_data):
    for frame in site_data.frames.values():
        html = page_html(built_site, f"frames/{frame.id}")
        assert re.search(rf"<title>{re.escape(frame.title)} - ", html.replace("&#39;", "'")), frame.id
    html = page_html(built_site, "groups/inner")
    assert "About" not in re.search(r"<title>([^<]*)</title>", html).group(1)
    assert "<abbr" not in html.split('<nav class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
