"""Search (issue 13): Pagefind's index of the built site, one result per glossary entry, crux and section.

Fast tests check the records macros/search.py adds; browser tests type readers' queries into the header
search box of the site served under its sub-path, and weigh what search fetches.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from macros import search, urls
from macros.views.fragments import crux_table, glossary, taxonomy

# What readers type, and where each should land (page path from the site root, and anchor).
QUERIES = [
    ("ELK", "glossary/#term-elk"),
    ("quantilizer", "glossary/#term-quantilizer"),
    ("NAH", "frames/pointers-problem/#crux-tractability-rests-on-nah"),  # the crux that names it ranks first
    ("natural abstraction", "glossary/#term-nah"),
    ("CEV", "glossary/#term-cev"),
    ("inclusive genetic fitness", "glossary/#term-inclusive-genetic-fitness"),
    ("orthogonality thesis", "glossary/#term-orthogonality-thesis"),
    ("diamond maximizer", "glossary/#term-diamond-maximizer"),
    ("true name", "glossary/#term-true-name"),
    ("low impact", "glossary/#term-low-impact-ai"),
    ("strawberry picker", "frames/mesa-optimizers/#in-plain-words"),
    ("evolution contraception", "frames/mesa-optimizers/#in-plain-words"),
    ("robot covering the camera", "frames/goodharting/#in-plain-words"),
    ("corrigibility more natural than human values", "frames/corrigibility/#crux-corrigibility-more-natural"),
    ("capabilities generalize faster than alignment", "frames/sharp-left-turn/#crux-capabilities-outpace-alignment"),
    ("deception very hard to detect", "frames/deception/#crux-deception-hard-to-detect"),
    ("simulate an optimizer without being one", "frames/non-agentic-ai/#crux-simulate-without-being"),
    ("gradient descent favours search", "frames/mesa-optimizers/#crux-gradient-descent-favours-search"),
    ("obtain bounds for deep shifts", "frames/distribution-shift/#crux-bounds-for-deep-shifts"),
    ("utility function carries over to new situations", "groups/outer/#crux-utility-generalizes"),
    ("which frame did the authors pick", "verdict/#choice"),
    ("the authors' three reasons", "verdict/#reasons"),
    ("what is a crux", "what-is-a-crux/"),
]


# ---------------------------------------------------------------- fast: the records (no build)


def test_every_glossary_entry_and_crux_is_a_record_at_its_anchor(site_data):
    found = {record.url for record in search.records(site_data)}
    assert {"/" + urls.GLOSSARY + "#" + urls.term_id(t.id) for t in site_data.glossary.terms} <= found
    assert {"/" + urls.crux_path(site_data, cid) for cid in site_data.cruxes} <= found
    assert len(found) == len(site_data.glossary.terms) + len(site_data.cruxes)  # one record each, no duplicates


def test_records_carry_kind_frame_and_group_as_filters_and_meta(site_data):
    term = next(t for t in site_data.glossary.terms if t.frames)
    record = next(r for r in search.glossary_records(site_data) if r.url.endswith("#" + urls.term_id(term.id)))
    assert 'data-pagefind-filter="kind:glossary entry"' in record.html
    assert 'data-pagefind-meta="kind:glossary entry"' in record.html
    frame = site_data.frames[term.frames[0]]
    assert f'<span data-pagefind-filter="frame">{frame.title}</span>' in record.html
    group = site_data.groups[frame.group_ids[0]]
    assert f'<span data-pagefind-filter="group">{group.title}</span>' in record.html
    crux = next(r for r in search.crux_records(site_data))
    assert 'data-pagefind-filter="kind:crux"' in crux.html and "data-pagefind-body" in crux.html


def test_records_are_the_same_every_time(site_data):
    assert search.records(site_data) == search.records(site_data)


def test_entries_on_pages_are_left_to_their_own_records(site_data):
    # Otherwise the long glossary page would outrank the entry itself ("ELK" landing at its top).
    assert "<dl class=\"glossary\" data-pagefind-ignore>" in glossary(site_data, "../")
    owner = next(iter(site_data.frames))
    assert "data-pagefind-ignore" in crux_table(site_data, owner, "../../")
    assert "data-pagefind-ignore" in taxonomy(site_data, "../../", owner)


def test_a_failing_index_says_so_in_one_line(site_data, tmp_path):
    missing = tmp_path / "no-such-site"
    with pytest.raises(search.SearchIndexError) as failure:
        search.index_site(site_data, missing)
    assert "\n" not in str(failure.value) and "Pagefind" in str(failure.value)


def test_indexing_writes_an_index_with_pages_and_records(site_data, tmp_path):
    page = tmp_path / "frames" / "x"
    page.mkdir(parents=True)
    (page / "index.html").write_text("<html><body><main data-pagefind-body><h1>X</h1><p>Words.</p></main></body></html>")
    search.index_site(site_data, tmp_path)
    entry = (tmp_path / search.OUTPUT / "pagefind-entry.json").read_text()
    count = int(re.search(r'"page_count":(\d+)', entry).group(1))
    assert count == 1 + len(search.records(site_data))


# ---------------------------------------------------------------- browser: readers' queries on the served site


def _open_search(page):
    """Open search as a reader would, with the keyboard, and wait until Pagefind's box is there."""
    page.keyboard.press("/")
    page.locator("#site-search .pagefind-ui__search-input").wait_for(state="visible")
    return page.locator("#site-search .pagefind-ui__search-input")


def _type(page, box, query: str) -> list[list[str]]:
    """Type a query; once its results are shown, the links of the first three (each: its own link, then its sub-results)."""
    box.fill("")
    box.type(query)
    # The UI says "N results for <query>" once this query's results are shown, and each result fills in
    # when its fragment arrives: read the links in the same check that finds them all there.
    handle = page.wait_for_function(
        "q => { const m = document.querySelector('#site-search .pagefind-ui__message');"
        " if (!m || !m.textContent.includes(q) || /^Searching/.test(m.textContent.trim())) return false;"
        " const items = Array.from(document.querySelectorAll('#site-search .pagefind-ui__result')).slice(0, 3);"
        " const links = items.map(i => Array.from(i.querySelectorAll('a.pagefind-ui__result-link'), a => a.href));"
        " return links.every(l => l.length) && links; }", arg=query)
    return handle.json_value()


def _site_paths(results: list[list[str]], base: str) -> list[list[str]]:
    """Result links as paths from the site root, with their anchors and without the highlight parameters."""
    def path(href: str) -> str:
        parts = urlsplit(href)
        return parts.path.removeprefix(urlsplit(base).path) + (f"#{parts.fragment}" if parts.fragment else "")
    return [[path(h) for h in result] for result in results]


@pytest.mark.browser
def test_readers_queries_land_on_their_answer_in_the_first_three(browser, deployed_url):
    page = browser.new_page()
    page.goto(deployed_url + "frames/goodharting/")
    box = _open_search(page)
    misses = []
    for query, expected in QUERIES:
        results = _site_paths(_type(page, box, query), deployed_url)
        if not any(expected in links for links in results):
            misses.append(f"{query!r}: wanted {expected}, got {results}")
    page.close()
    hits = len(QUERIES) - len(misses)
    print(f"search hit rate: {hits}/{len(QUERIES)}")
    assert len(QUERIES) >= 20
    assert hits >= len(QUERIES) - 1, "\n".join(misses)


@pytest.mark.browser
def test_a_result_lands_on_its_anchor_marked_and_highlighted(browser, deployed_url):
    page = browser.new_page()
    page.goto(deployed_url)
    box = _open_search(page)
    _type(page, box, "quantilizer")
    page.locator("#site-search a.pagefind-ui__result-link[href*='#term-quantilizer']").first.click()
    page.wait_for_url(re.compile(r"glossary/\?highlight=quantilizer#term-quantilizer$"))
    page.locator("#term-quantilizer mark.pagefind-highlight").first.wait_for()
    outline = page.eval_on_selector("#term-quantilizer", "e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # the :target rule in site.css marks where the reader landed
    page.close()


@pytest.mark.browser
def test_first_load_fetches_nothing_of_search_and_a_first_query_is_weighed(browser, deployed_url):
    page = browser.new_page()
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
    page.goto(deployed_url + "frames/deception/")
    page.wait_for_load_state("networkidle")
    first_load = list(fetched)
    assert first_load and not [url for url, _ in first_load if "pagefind" in url or "search.js" in url]
    fetched.clear()
    box = _open_search(page)
    _type(page, box, "deception")
    page.wait_for_load_state("networkidle")
    size = sum(n for _, n in fetched)
    print(f"first load {sum(n for _, n in first_load)} B; first one-word query {size} B over {len(fetched)} requests")
    # Recorded, not budgeted here: the 150 KB budget is for the 1,000-frame site (make bench).
    assert any(url.endswith(".pf_fragment") for url, _ in fetched), "the query fetched no result fragment"
    assert not [url for url, _ in fetched if "pagefind-component-ui" in url or "pagefind-modular-ui" in url]
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("key", ["/", "Control+k"])
def test_search_opens_from_the_keyboard_and_closes_with_escape(browser, deployed_url, key):
    page = browser.new_page()
    page.goto(deployed_url + "cruxes/")
    page.keyboard.press(key)
    page.locator("#site-search .pagefind-ui__search-input:focus").wait_for()
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('site-search').open")
    page.close()


@pytest.mark.browser
def test_results_are_announced_to_screen_readers(browser, deployed_url):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(deployed_url)
    page.locator(".site-search__open").click()
    box = page.locator("#site-search .pagefind-ui__search-input")
    box.wait_for(state="visible")
    _type(page, box, "ELK")
    live = page.locator("#site-search [aria-live='polite']")
    page.wait_for_function("() => document.getElementById('site-search-status').textContent.includes('ELK')")
    assert live.count() == 1
    page.close()
