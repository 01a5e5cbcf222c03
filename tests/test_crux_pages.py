"""A page per crux (/cruxes/<id>/): written from the data at each build, with link-preview meta of its own words,
where it sits, who relies on it, a cite block; crux numbers elsewhere lead to it and copy its address."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from conftest import ROOT, article_html, meta, page_html, text_of
from macros import urls
from macros.build import generated_pages
from macros.model import crux_words
from macros.model.page_facts import discussion_reports

NESTED = "agent-grows-smarter"  # a nested crux of Distribution Shift, under agi-brings-distribution-shift




def article_text(html: str) -> str:
    return text_of(article_html(html), tag="")


# ---------------------------------------------------------------- the generated files


def test_every_crux_gets_a_file_and_files_of_gone_cruxes_go(site_data, tmp_path):
    docs = tmp_path / "docs"
    mine = docs / "cruxes" / "someones-own-page.md"  # not generated: never removed
    mine.parent.mkdir(parents=True)
    mine.write_text("# Mine\n", encoding="utf-8")
    gone = docs / "cruxes" / "a-crux-that-was-removed.md"
    gone.write_text(f"---\ntitle: Old\n---\n{generated_pages.MARK}\n\n# Old\n", encoding="utf-8")

    changed = generated_pages.write_generated_pages(site_data, [], docs)
    written = {p.stem for p in (docs / "cruxes").glob("*.md")}
    assert written == {*site_data.cruxes, "someones-own-page"}
    assert "cruxes/a-crux-that-was-removed.md" in changed
    # A second run changes nothing, so `mkdocs serve` does not rebuild for nothing.
    assert generated_pages.write_generated_pages(site_data, [], docs) == []
    text = (docs / "cruxes" / f"{NESTED}.md").read_text(encoding="utf-8")
    assert "{{ crux_page() }}" in text and "{{ page_end() }}" in text and f'crux: "{NESTED}"' in text


def test_titles_name_the_defining_frame_the_number_there_and_the_claim(site_data):
    numbers = site_data.crux_numbers
    for crux, entry in site_data.cruxes.items():
        place = site_data.crux_place(crux)
        owner = site_data.owner(entry.owner)
        assert place.startswith(owner.title + ", ") and place.endswith(" " + numbers[crux])
        if entry.parent:
            assert numbers[crux].startswith(numbers[entry.parent] + ".")
        title = site_data.crux_title(crux)
        assert title.startswith(place + ": "), title
        words = title.removeprefix(place + ": ")
        claim = crux_words.claim(entry.crux.text)
        # The crux's own words: whole, or cut at a word boundary and marked with "…", never ending on "because".
        assert words == claim or (words.endswith("…") and claim.startswith(words[:-1]) and claim[len(words) - 1] in " ,;:"), title
        assert len(words) <= crux_words.TITLE_WORDS_MAX and not words.rstrip("…").endswith((" because", ",", ":", " the"))
    assert site_data.crux_title(NESTED) != site_data.crux_title(site_data.cruxes[NESTED].parent)


@pytest.mark.parametrize("text, nested, sentence", [
    ("Building an AGI unavoidably brings a distribution shift, because", 2,
     "Building an AGI unavoidably brings a distribution shift, for the two reasons its nested cruxes give."),
    ("X holds because:", 1, "X holds, for the reason its nested crux gives."),
    ("The problem is tractable for at least one of two reasons:", 2,
     "The problem is tractable for at least one of two reasons, as its two nested cruxes set out."),
    ("the real world at deployment is not the world it was trained in;", 0,
     "The real world at deployment is not the world it was trained in."),
    ("Capabilities generalize faster than alignment does.", 0, "Capabilities generalize faster than alignment does."),
    ("Alignment is hard.", 3, "Alignment is hard. It rests on three nested cruxes."),
])
def test_a_description_is_complete_sentences(text, nested, sentence):
    assert crux_words.claim_sentence(text, nested) == sentence


@pytest.mark.parametrize("words, limit, short", [
    ("Short enough", 100, "Short enough"),
    ("Whether this problem is tractable depends on some form of the Natural Abstraction Hypothesis", 60,
     "Whether this problem is tractable depends on some form…"),
    ('In the end there will be something like "human values" that can be pointed at', 52,
     "In the end there will be something like…"),
    ("Keeping the AGI within its training distribution will not be possible", 60,
     "Keeping the AGI within its training distribution…"),
])
def test_long_words_are_cut_at_a_word_boundary_never_on_a_dangling_word_or_inside_quotes(words, limit, short):
    assert crux_words.shortened(words, limit) == short


def test_every_description_is_complete_sentences(site_data):
    for crux, entry in site_data.cruxes.items():
        description = site_data.crux_description(crux)
        assert description[:1].isupper() and description.endswith((".", "?", "!")), description
        assert not re.search(r"\bbecause\W*$|[:;,]$", description), description
        if entry.crux.children:
            assert "nested crux" in description or description.count(".") > 1 or entry.crux.text.endswith("."), description


# ---------------------------------------------------------------- the built pages


def test_every_crux_has_a_page_whose_link_preview_is_its_own_text(built_site, site_data):
    for crux, entry in site_data.cruxes.items():
        html = page_html(built_site, urls.crux_page_path(crux))
        text = entry.crux.text
        description = site_data.crux_description(crux)
        assert meta(html, "description") == meta(html, "og:description") == meta(html, "twitter:description") == description
        title = site_data.crux_title(crux)
        assert meta(html, "og:title") == title and title.startswith(site_data.crux_place(crux) + ": ")
        assert re.search(r"<title>([^<]*)</title>", html).group(1).startswith(html_lib.escape(title, quote=False)), crux
        assert re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).startswith(html_lib.escape(title, quote=False)), crux
        assert meta(html, "og:url").endswith("/" + urls.crux_page_path(crux))
        body = article_text(html)
        assert " ".join(text.split()) in body, crux
        owner = site_data.owner(entry.owner)
        assert f'href="../../{urls.crux_path(site_data, crux)}"' in html  # its anchor on the defining page
        for user in site_data.relied_on_by[crux]:
            assert f'href="../../{urls.page_of(site_data, user)}#crux-{crux}"' in html, (crux, user)
        assert owner.title in body and "Cite this" in body
        assert f"{urls.crux_page_path(crux)}" in html.split('id="cite-this"', 1)[1]
        # Its Markdown is generated: no edit button to a file that is not in the repository.
        assert "edit/main/docs/cruxes/" not in html


def test_a_nested_crux_page_shows_its_parent_and_a_parent_its_children(built_site, site_data):
    entry = site_data.cruxes[NESTED]
    child_page = page_html(built_site, urls.crux_page_path(NESTED))
    assert f'href="../../{urls.crux_page_path(entry.parent)}"' in child_page
    assert " ".join(site_data.cruxes[entry.parent].crux.text.split()) in article_text(child_page)
    parent_page = page_html(built_site, urls.crux_page_path(entry.parent))
    for child in site_data.cruxes[entry.parent].crux.children:
        assert f'href="../../{urls.crux_page_path(child.id)}"' in parent_page


def test_the_discussion_section_links_only_to_pages_that_report_the_discussion(built_site, site_data):
    reports = discussion_reports(site_data, ROOT / "docs")
    assert reports, "no page reports the discussion: the marker in macros/model/page_facts.py no longer matches the pages"
    for crux in site_data.cruxes:
        section = page_html(built_site, urls.crux_page_path(crux)).split('id="discussion"', 1)[1].split('id="cite-this"')[0]
        users = site_data.relied_on_by[crux]
        for user in users:
            href = f"../../{urls.page_of(site_data, user)}"
            if user in reports:
                assert (href + "#critiques" if reports[user] else href + '"') in section, (crux, user)
            else:
                assert f'href="{href}' not in section, (crux, user)


def test_crux_numbers_keep_their_anchors_and_lead_to_the_crux_page(built_site, site_data):
    for owner in [*site_data.groups, *site_data.frames]:
        html = page_html(built_site, urls.page_of(site_data, owner))
        for row in re.findall(r'<tr id="crux-([^"]+)"[^>]*>(.*?)</tr>', html, re.DOTALL):
            crux, cells = row
            assert f'<a href="#crux-{crux}"' in cells
            assert f'class="crux-actions__page" href="../../{urls.crux_page_path(crux)}"' in cells
            assert 'class="copy-link" data-copy-link=""' in cells
    explorer = page_html(built_site, "cruxes/")
    for crux in site_data.cruxes:
        assert f'id="crux-{crux}"' in explorer
        assert f'class="crux-actions__page" href="../{urls.crux_page_path(crux)}"' in explorer


def test_an_old_crux_id_redirects_to_the_crux_page(built_site, site_data):
    assert site_data.crux_aliases, "the data has no crux alias left to test with"
    for old, live in site_data.crux_aliases.items():
        stub = page_html(built_site, urls.crux_page_path(old))
        assert f'content="0; url=../../{urls.crux_page_path(live)}"' in stub


def test_crux_pages_are_in_the_address_manifest(site_data):
    listed = set((ROOT / "data" / "addresses.txt").read_text(encoding="utf-8").split())
    assert {f"/{urls.crux_page_path(c)}" for c in [*site_data.cruxes, *site_data.crux_aliases]} <= listed


# ---------------------------------------------------------------- the copy-link button


STATUS = "() => [...document.querySelectorAll('[role=status]')].some(s => s.textContent.startsWith('Copied the link'))"


@pytest.mark.browser
def test_copy_link_copies_the_crux_page_address_and_says_so(clipboard_page, site_url, site_data):
    page = clipboard_page
    page.goto(site_url + "frames/distribution-shift/", wait_until="load")
    button = page.locator(f"#crux-{NESTED} button.copy-link")
    assert button.is_visible()
    assert page.get_by_role("button", name="Copy link to crux ").count() >= 1  # its name says which crux
    button.click()
    page.wait_for_function(STATUS)  # said to screen readers
    assert page.evaluate("navigator.clipboard.readText()") == site_url + urls.crux_page_path(NESTED)
    assert button.locator(".copy-link__label").inner_text() == "Link copied"  # the visible confirmation
    # It says so for a while, then offers to copy again.
    page.wait_for_function(f"() => document.querySelector('#crux-{NESTED} .copy-link__label').textContent === 'Copy link'",
                           timeout=10_000)
    # The crux page itself has the same button for its own address.
    page.goto(site_url + urls.crux_page_path(NESTED), wait_until="load")
    page.locator("button.copy-link").first.click()
    page.wait_for_function(STATUS)
    assert page.evaluate("navigator.clipboard.readText()") == site_url + urls.crux_page_path(NESTED)


@pytest.mark.browser
def test_copy_link_is_reachable_by_keyboard(clipboard_page, site_url):
    page = clipboard_page
    page.goto(site_url + urls.crux_page_path(NESTED), wait_until="load")
    page.locator("button.copy-link").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('button.copy-link .copy-link__label').textContent === 'Link copied'")
