"""Glossary terms explained on hover, focus and tap: which words, nested terms, unmarked places, once per section, the built site, a browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import article_html, page_html
from macros import urls
from macros.views import glossary_terms
from macros.model import Term


def term(id: str, name: str, abbr: str | None = None, also: list[str] | None = None) -> Term:
    return Term(id=id, term=name, abbr=abbr, definition=f"Definition of {name}.", also_matches=also or [], frames=[])


@pytest.fixture(scope="module")
def matcher() -> glossary_terms.TermMatcher:
    return glossary_terms.term_matcher([
        term("agi", "Artificial General Intelligence", "AGI", ["AGIs"]),
        term("llm", "Large Language Model", "LLM", ["large language model", "large language models"]),
        term("lm", "Language Model", "LM", ["language model", "language models"]),
        term("mesa-optimizer", "Mesa-optimizer", None, ["mesa-optimizers"]),
        term("optimizer", "Optimizer", None, ["optimizers"]),
        term("inner-alignment", "Inner alignment"),
        term("frame", "Frame", None, ["frames"]),
        term("proxy", "Proxy", None, ["proxies", "proxy objective"]),
    ])


def mark(html: str, matcher: glossary_terms.TermMatcher) -> str:
    return glossary_terms.mark_glossary_terms(html, matcher, "../glossary/")


def titles(html: str) -> list[str]:
    return re.findall(r'<abbr class="glossary-term"><a class="glossary-term__link" href="[^"]*" aria-description="([^":]*):', html)


def sections(*parts: str) -> str:
    """Paragraphs each in a section of its own (a heading starts one), where a term is marked again."""
    return "".join(f"<h2>Part {n}</h2><p>{part}</p>" for n, part in enumerate(parts))


# ---------------------------------------------------------------- which words


@pytest.mark.parametrize("form, expected", [
    ("AGI", True), ("SERI MATS", True), ("inner alignment", True), ("non-agentic", True),
    ("Wireheading", True), ("proxy objective", True),
    ("frame", False), ("Frames", False), ("proxy", False), ("policy", False), ("agent", False),
])
def test_everyday_single_words_get_no_tooltip(form, expected):
    assert glossary_terms.gets_tooltip(form) is expected


def test_an_other_name_of_a_term_is_marked_as_the_term():
    wireheading = Term(id="wireheading", term="Wireheading", definition="Tampering with one's reward.",
                       also_called=["reward tampering"], frames=[])
    marked = mark("<p>Reward tampering is one name; reward tampering another.</p>", glossary_terms.term_matcher([wireheading]))
    assert titles(marked) == ["Wireheading"] and 'href="../glossary/#term-wireheading"' in marked


def test_everyday_words_stay_plain_but_a_longer_term_containing_one_is_marked(matcher):
    html = mark("<p>Each frame names a proxy; a proxy objective is different.</p>", matcher)
    assert titles(html) == ["Proxy"]
    assert ">proxy objective</a></abbr>" in html


def test_a_term_is_found_at_a_sentence_start_within_a_sentence_and_across_a_line_break(matcher):
    html = mark(sections("Inner alignment.", "Then inner\nalignment again,", "inner-alignment, and Mesa-optimizers."), matcher)
    assert titles(html) == ["Inner alignment", "Inner alignment", "Inner alignment", "Mesa-optimizer"]


def test_titles_of_works_are_left_whole(matcher):
    # Title Case is how works are named; their words are not glossary terms there.
    html = mark("<p>The post The Inner Alignment Handbook, and <cite>Language Model Basics</cite>.</p>", matcher)
    assert "<abbr" not in html


# ---------------------------------------------------------------- nested terms


def test_nested_terms_give_one_tooltip_for_the_longest(matcher):
    html = mark("<p>Large language models are language models; a mesa-optimizer is an optimizer.</p>", matcher)
    assert titles(html) == ["Large Language Model", "Language Model", "Mesa-optimizer", "Optimizer"]
    assert html.count("<abbr") == 4


def test_a_term_inside_a_hyphenated_word_is_not_marked_alone(matcher):
    assert titles(mark(sections("non-AGI and AGIX but AGI's", "AGIs"), matcher)) == ["Artificial General Intelligence"] * 2


# ---------------------------------------------------------------- where not to mark


@pytest.mark.parametrize("html", [
    "<h2>AGI</h2>", "<h1 id='x'>Inner alignment</h1>", '<p><a href="x">AGI</a></p>', "<p><code>AGI</code></p>",
    "<pre><code>AGI</code></pre>", '<p><abbr title="x">AGI</abbr></p>', "<nav><p>AGI</p></nav>",
    "<svg><text>AGI</text></svg>", '<dl class="glossary"><dd>An AGI is...</dd></dl>',
    '<p><span title="already explained">AGI</span></p>', "<table><caption>AGI</caption></table>",
    "<script>var AGI = 1;</script>",
])
def test_headings_links_code_and_existing_tooltips_stay_unmarked(html, matcher):
    assert mark(html, matcher) == html


def test_footnotes_tables_and_raw_html_are_marked(matcher):
    html = mark('<table><tr><td>An AGI</td></tr></table><h2>Notes</h2><div class="footnote"><ol><li><p>AGI again</p></li></ol></div>',
                matcher)
    assert len(titles(html)) == 2


def test_html_without_terms_in_its_text_passes_through_unchanged(matcher):
    source = ('<!DOCTYPE html><p class="a">Fish &amp; chips &#8212; &#x27;<br/><img src="x.png" alt="AGI"> <!-- AGI --> '
              '<em>no term</em></p><svg><![CDATA[ AGI ]]><path d="M 0 0"/></svg>')
    assert mark(source, matcher) == source


# ---------------------------------------------------------------- reading the markup


def tip(name: str, text: str, term_id: str) -> str:
    """The markup expected around a marked term: its tooltip, and its link to its entry."""
    definition = f"{name}: Definition of {name}."
    return (f'<abbr class="glossary-term"><a class="glossary-term__link" '
            f'href="../glossary/#term-{term_id}" aria-description="{definition}">{text}</a></abbr>')


AGI = "Artificial General Intelligence"


def test_a_less_than_sign_inside_a_script_a_style_or_a_comment_opens_no_tag(matcher):
    html = ("<p>AGI</p><script>if (a <b) { AGI }</script><STYLE>p<b{content:'AGI'}</style>"
            "<!-- a <b> AGI --><h2>x</h2><p>AGI</p>")
    assert mark(html, matcher) == (
        f"<p>{tip(AGI, 'AGI', 'agi')}</p><script>if (a <b) {{ AGI }}</script><STYLE>p<b{{content:'AGI'}}</style>"
        f"<!-- a <b> AGI --><h2>x</h2><p>{tip(AGI, 'AGI', 'agi')}</p>")


def test_a_greater_than_sign_inside_an_attribute_value_does_not_end_the_tag(matcher):
    html = """<p><span data-note="a > b" title="x">AGI</span> <em data-x='>'>AGI</em></p>"""
    assert mark(html, matcher) == (
        f"""<p><span data-note="a > b" title="x">AGI</span> <em data-x='>'>{tip(AGI, 'AGI', 'agi')}</em></p>""")


def test_an_end_tag_closes_the_elements_left_open_inside_it(matcher):
    html = "<p><code>AGI</p><p>AGI <code/><h3>x</h3>AGI</p><div><h2>AGI"
    assert mark(html, matcher) == (
        f"<p><code>AGI</p><p>{tip(AGI, 'AGI', 'agi')} <code/><h3>x</h3>{tip(AGI, 'AGI', 'agi')}</p><div><h2>AGI")


def test_text_stays_plain_until_the_outermost_unmarked_element_closes(matcher):
    html = '<nav><a href="x"><code>AGI</code> AGI</a> AGI <span>AGI</span></nav><p>AGI</p>'
    assert mark(html, matcher) == (
        f'<nav><a href="x"><code>AGI</code> AGI</a> AGI <span>AGI</span></nav><p>{tip(AGI, "AGI", "agi")}</p>')


def test_entities_are_copied_untouched_and_never_searched_for_terms():
    amp = glossary_terms.term_matcher([term("amp", "Amp")])
    html = "<p>&ldquo;Amp&rdquo; R&amp;D</p><h2>x</h2><p>&#38;amp;</p><h2>y</h2><p>Amp&#39;s</p>"
    assert glossary_terms.mark_glossary_terms(html, amp, "../glossary/") == (
        f"<p>&ldquo;{tip('Amp', 'Amp', 'amp')}&rdquo; R&amp;D</p><h2>x</h2><p>&#38;{tip('Amp', 'amp', 'amp')};</p>"
        f"<h2>y</h2><p>{tip('Amp', 'Amp', 'amp')}&#39;s</p>")


def test_a_term_split_by_a_line_break_is_shown_on_one_line(matcher):
    expected = f"<p>{tip('Inner alignment', 'inner alignment', 'inner-alignment')}</p>"
    assert mark("<p>inner\nalignment</p>", matcher) == expected


def test_a_one_letter_term_does_not_cut_short_a_longer_term_it_starts():
    letters = glossary_terms.term_matcher([term("x", "X"), term("x-y", "X Y")])
    assert glossary_terms.mark_glossary_terms("<p>X Y, X</p>", letters, "../glossary/") == (
        f"<p>{tip('X Y', 'X Y', 'x-y')}, {tip('X', 'X', 'x')}</p>")


# ---------------------------------------------------------------- links to the glossary


def test_a_term_is_marked_at_its_first_mention_in_each_section_only(matcher):
    html = mark("<p>AGI, AGIs and AGI.</p><p>An optimizer, AGI.</p><h3>Next</h3><p>An AGI and an optimizer.</p>", matcher)
    assert html.count('href="../glossary/#term-agi"') == 2
    assert html.count('href="../glossary/#term-optimizer"') == 2
    definition = "Artificial General Intelligence: Definition of Artificial General Intelligence."
    assert html.startswith(f'<p><abbr class="glossary-term"><a '
                           f'class="glossary-term__link" href="../glossary/#term-agi" aria-description="{definition}">'
                           f'AGI</a></abbr>, AGIs and AGI.</p><p>An ')
    assert "<h3>Next</h3><p>An <abbr" in html


def test_every_marked_term_is_a_link_in_the_one_markup(matcher):
    html = mark(sections("AGI and inner alignment", "an optimizer, a mesa-optimizer and AGI"), matcher)
    assert html.count("<abbr") == html.count('<a class="glossary-term__link"') == 5


def test_tooltip_text_is_escaped():
    evil = glossary_terms.term_matcher([Term(id="x", term="X Y", definition='Say "hi" & 1 < 2', also_matches=[], frames=[])])
    html = glossary_terms.mark_glossary_terms("<p>X Y</p>", evil, "./")
    assert html.count('="X Y: Say &#34;hi&#34; &amp; 1 &lt; 2"') == 1  # the aria-description, which the tooltip shows too


def test_every_abbreviation_in_the_real_glossary_gets_a_tooltip(site_data):
    matcher = glossary_terms.term_matcher(site_data.glossary.terms)
    for entry in site_data.glossary.terms:
        if entry.abbr:
            html = glossary_terms.mark_glossary_terms(f"<p>Before {entry.abbr} after.</p>", matcher, "./")
            assert re.search(rf'href="./#term-{entry.id}" aria-description="[^"]+">{re.escape(entry.abbr)}</a>', html), entry.id


# ---------------------------------------------------------------- built site


class Placement(HTMLParser):
    """Each <abbr> with the elements around it, and every tag found inside an <abbr>."""

    VOID = {"br", "img", "hr", "meta", "link", "input", "path", "rect", "circle", "source", "wbr", "col"}

    def __init__(self, html: str):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.abbrs: list[list[tuple[str, dict]]] = []
        self.inside_abbr: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if any(name == "abbr" for name, _ in self.stack):
            self.inside_abbr.append(tag)
        if tag == "abbr":
            self.abbrs.append(list(self.stack))
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        names = [name for name, _ in self.stack]
        if tag in names:
            del self.stack[len(names) - 1 - names[::-1].index(tag):]


def article(built_site: Path, path: str) -> str:
    return article_html(page_html(built_site, path))


def test_no_tooltip_sits_in_a_heading_link_code_or_another_tooltip(built_site, all_pages):
    marked_pages = 0
    for path in all_pages:
        found = Placement("<article" + article(built_site, path))
        marked_pages += bool(found.abbrs)
        for stack in found.abbrs:
            where = [name for name, _ in stack]
            assert not {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "nav"} & set(where), (path, where)
            assert not any("title" in attrs or "aria-description" in attrs for _, attrs in stack), (path, where)
        assert set(found.inside_abbr) <= {"a"}, path  # at most the link to the glossary, never a second tooltip
    assert marked_pages >= 15


def test_marked_terms_link_to_existing_glossary_entries_once_per_section(built_site, all_pages, site_data):
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    for path in all_pages:
        html = article(built_site, path)
        for section in re.split(r"<h[1-6][\s>]", html):
            ids = re.findall(r'<a class="glossary-term__link" href="[^"#]*#term-([a-z0-9-]+)"', section)
            assert len(ids) == len(set(ids)), (path, section[:80])
        linked = re.findall(r'<a class="glossary-term__link" href="([^"#]*)#term-([a-z0-9-]+)"', html)
        for href, term_id in linked:
            assert (built_site / path / href / "index.html").resolve() == (built_site / "glossary" / "index.html").resolve()
            assert f'id="term-{term_id}"' in glossary, (path, term_id)
        # One markup, so one look: every tooltip holds its link.
        assert html.count('<abbr class="glossary-term"') == len(linked), path


def test_frame_pages_explain_agi_from_the_thesis_on(built_site):
    html = article(built_site, "frames/distribution-shift")
    thesis = html.split('class="thesis"', 1)[1].split("</div>", 1)[0]
    assert re.search(r'<a class="glossary-term__link" href="../../glossary/#term-agi" aria-description="[^"]+">AGI</a>', thesis)


def test_the_glossary_entries_themselves_carry_no_tooltips(built_site):
    html = article(built_site, "glossary")
    entries = html.split('<dl class="glossary"', 1)[1].split("</dl>", 1)[0]
    assert "<abbr" not in entries


# ---------------------------------------------------------------- browser
# The definitions are drawn by CSS (site.css) from each term link's aria-description, as an ::after box. A
# script cannot select a pseudo-element, so these tests read its computed style, which holds
# the used position and size, and hit-test the box with elementFromPoint (a point on the box
# belongs to its term).

SHOWN_TIPS = """() => [...document.querySelectorAll('article abbr.glossary-term')].flatMap(term => {
    const tip = getComputedStyle(term.querySelector('a'), '::after');
    if (tip.content === 'none' || tip.display === 'none') return [];
    const block = term.closest('.md-content__inner').getBoundingClientRect();
    const left = block.left + parseFloat(tip.left) + parseFloat(tip.marginLeft);
    const px = (...names) => names.reduce((sum, name) => sum + parseFloat(tip[name]), 0);
    // Material sizes boxes by their border edge; the visible box starts below the transparent top border.
    const border = tip.boxSizing === 'border-box';
    const width = px('width') + (border ? 0 : px('paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'));
    const height = px('height') + (border ? -px('borderTopWidth') : px('paddingTop', 'paddingBottom', 'borderBottomWidth'));
    const line = term.getClientRects()[0];
    // The box sits on the term's line with its own top margin and transparent top border.
    const top = block.top + parseFloat(tip.top) + parseFloat(tip.marginTop) + parseFloat(tip.borderTopWidth);
    const hit = document.elementFromPoint(left + width / 2, top + height / 2);
    // The content is the shown text and its alternative text: '"Term: definition" / ""'.
    return [{text: JSON.parse(tip.content.replace(/ [/] ""$/, '')), alt: tip.content.endsWith(' / ""'), left, right: left + width, top, bottom: top + height,
             termBottom: line.bottom, hit: term.contains(hit)}];
})"""


def shown_tips(page) -> list[dict]:
    return page.evaluate(SHOWN_TIPS)


def definition_of(site_data, term_id: str) -> str:
    entry = next(t for t in site_data.glossary.terms if t.id == term_id)
    return f"{entry.term}: {entry.definition}"


@pytest.mark.browser
def test_hovering_a_term_shows_its_definition_under_it_and_only_that(browser, site_url, site_data):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "frames/distribution-shift/")
    assert shown_tips(page) == []
    page.locator("article abbr.glossary-term", has_text="AGI").first.hover()
    tips = shown_tips(page)
    assert [tip["text"] for tip in tips] == [definition_of(site_data, "agi")]
    tip = tips[0]
    assert tip["hit"], tip  # the box is drawn where computed, on top of the text under it
    assert 0 <= tip["top"] - tip["termBottom"] < 20, tip  # right under the term's line
    # The pointer can move onto the definition without losing it (WCAG 1.4.13, hoverable).
    page.mouse.move((tip["left"] + tip["right"]) / 2, tip["bottom"] - 4, steps=5)
    assert len(shown_tips(page)) == 1
    page.mouse.move(1, 1)
    assert shown_tips(page) == []
    page.close()


@pytest.mark.browser
def test_tabbing_to_a_term_shows_its_definition_and_escape_hides_it(browser, site_url, site_data):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "frames/distribution-shift/")
    page.locator(".thesis__text").click()  # start the tab order at the thesis
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('glossary-term__link')"):
            break
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getAttribute('href')]")
    assert focused == ["AGI", "../../glossary/#term-agi"]
    agi = definition_of(site_data, "agi")
    assert [tip["text"] for tip in shown_tips(page)] == [agi]
    # Screen readers hear the definition as the link's description, and not in its name though it is shown.
    assert page.evaluate("document.activeElement.getAttribute('aria-description')") == agi
    assert all(tip["alt"] for tip in shown_tips(page))
    expect(page.locator(":focus")).to_have_accessible_name("AGI")
    page.keyboard.press("Escape")
    assert shown_tips(page) == []
    page.keyboard.press("Tab")  # focus moves on and back: the term shows its definition again
    page.keyboard.press("Shift+Tab")
    assert [tip["text"] for tip in shown_tips(page)] == [agi]
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/#term-agi")
    page.close()


@pytest.mark.browser
def test_a_definition_hidden_by_escape_shows_again_when_the_pointer_comes_back(browser, site_url, site_data):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "frames/distribution-shift/")
    linked = page.locator(".thesis abbr.glossary-term", has_text="AGI")  # its link fills the term
    linked.hover()
    assert [tip["text"] for tip in shown_tips(page)] == [definition_of(site_data, "agi")]
    page.keyboard.press("Escape")
    assert shown_tips(page) == []
    page.mouse.move(1, 1)
    linked.hover()
    assert [tip["text"] for tip in shown_tips(page)] == [definition_of(site_data, "agi")]
    page.close()


@pytest.mark.browser
def test_no_element_opens_two_tooltips(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "frames/mesa-optimizers/")
    nested = page.evaluate("""() => [...document.querySelectorAll('article abbr')].filter(a =>
        a.querySelector('abbr, [title], [data-tip]') || a.parentElement.closest('abbr, [title], [data-tip]')).length""")
    assert nested == 0
    terms = page.locator("article abbr.glossary-term").all()[:3]
    assert len(terms) == 3
    for term in terms:
        term.hover()
        assert len(shown_tips(page)) == 1
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["frames/distribution-shift/", "cruxes/"])
def test_tapping_a_term_on_a_phone_shows_its_whole_definition_on_screen(touch_page, site_url, path):
    page = touch_page
    page.goto(site_url + path)
    terms = page.locator("article abbr.glossary-term")
    # The term furthest to the right on its line: the case where a bubble placed at the term would leave the screen.
    rightmost = max(range(min(terms.count(), 40)), key=lambda i: terms.nth(i).bounding_box()["x"])
    terms.nth(rightmost).tap()
    tips = shown_tips(page)
    assert len(tips) == 1 and tips[0]["hit"], tips
    assert 0 <= tips[0]["left"] and tips[0]["right"] <= 375, tips[0]  # the whole definition is on screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.browser
def test_on_touch_a_first_tap_shows_the_definition_and_a_second_follows_the_link(touch_page, site_url, site_data):
    page = touch_page
    page.goto(site_url + "frames/distribution-shift/")
    address = page.url
    term = page.locator(".thesis abbr.glossary-term", has_text="AGI")
    term.tap()
    assert [tip["text"] for tip in shown_tips(page)] == [definition_of(site_data, "agi")]
    assert page.url == address  # the first tap did not leave the page
    # A tap elsewhere closes it; the next tap on the term shows it again rather than leaving.
    page.locator("h1").tap()
    page.wait_for_function("() => !document.querySelector('.glossary-term--open')")
    term.tap()
    assert page.url == address and page.locator(".glossary-term--open").count() == 1
    term.tap()
    page.wait_for_url("**/glossary/#term-agi")


@pytest.mark.browser
def test_a_mouse_click_on_a_term_follows_its_link_at_once(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "frames/distribution-shift/")
    page.locator(".thesis abbr.glossary-term", has_text="AGI").click()
    page.wait_for_url("**/glossary/#term-agi")
    page.close()


TAB_WALK = """() => {
    const terms = [...document.querySelectorAll('article abbr.glossary-term')];
    const focused = document.activeElement;
    const at = terms.findIndex(term => term.contains(focused));
    const closed = focused && focused.tagName === 'SUMMARY' && !focused.parentElement.open;
    return [at, focused === document.body || !focused, terms.length, closed];
}"""


def terms_reached_by_tab(page) -> tuple[int, int]:
    """How many of the page's marked terms Tab reaches from the top of the article, and how many there are.

    A keyboard reader opens a closed <details> (Enter on its summary) to read on; so does this walk."""
    reached: set[int] = set()
    total = page.evaluate(TAB_WALK)[2]
    page.locator("article h1").click()
    for _ in range(3000):
        page.keyboard.press("Tab")
        at, left_page, _, closed = page.evaluate(TAB_WALK)
        if closed:
            page.keyboard.press("Enter")
        if at >= 0:
            reached.add(at)
        if left_page or len(reached) == total:
            break
    return len(reached), total


@pytest.mark.browser
def test_every_marked_term_is_reached_by_the_tab_key(browser, site_url, site_data, record_figure):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    paths = [urls.page_of(site_data, frame) for frame in site_data.frames] + [urls.CRUX_EXPLORER]
    missed, marked = [], 0
    for path in paths:
        page.goto(site_url + path)
        reached, total = terms_reached_by_tab(page)
        record_figure(f"glossary terms reached by Tab on /{path}: {reached} of {total}")
        marked += total
        if reached < total:
            missed.append((path, reached, total))
    assert marked and missed == []
    page.close()


@pytest.mark.browser
def test_on_a_touch_screen_the_keyboard_still_follows_a_term_at_once(touch_page, site_url):
    page = touch_page
    page.goto(site_url + "frames/distribution-shift/")
    page.locator("h1").tap()  # the last pointer was a finger
    page.locator(".thesis abbr.glossary-term a", has_text="AGI").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/#term-agi")


LOOKS = """() => [...document.querySelectorAll('article abbr.glossary-term')].map(term => {
    const link = getComputedStyle(term.querySelector('a'));
    const around = getComputedStyle(term.parentElement);
    return [link.textDecorationLine, link.textDecorationStyle, link.textDecorationColor, link.color === around.color];
})"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_marked_term_has_the_one_look_told_apart_from_links(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "frames/corrigibility/")  # some of its terms sit in bold text
    looks = page.evaluate(LOOKS)
    assert looks and len({tuple(look) for look in looks}) == 1, looks
    line, style, _, text_coloured = looks[0]
    assert (line, style, text_coloured) == ("underline", "dotted", True)
    # An ordinary link in running text keeps its own look: coloured, solid.
    plain = page.evaluate("""() => { const a = [...document.querySelectorAll('article p a')].find(a => !a.closest('.glossary-term'));
        const s = getComputedStyle(a); return [s.textDecorationStyle, s.color === getComputedStyle(a.parentElement).color]; }""")
    assert plain == ["solid", False]
    context.close()
