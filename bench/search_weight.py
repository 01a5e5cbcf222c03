"""What a reader's first search fetches: the bytes of a first one-word query, as Chromium received them.

Used by tests/test_search.py on the real site and by the benchmark on the 1,000-frame site, so that
both figures come from the same steps: load a page, open search with "/", type one word, wait until
the status line reports its results and the network is idle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FirstQuery:
    """Bytes (as transferred, so compressed when the server compresses) of a page's first load and of a first query."""

    first_load: list[tuple[str, int]]
    query: list[tuple[str, int]]

    def query_bytes(self) -> int:
        return sum(size for _, size in self.query)

    def first_load_bytes(self) -> int:
        return sum(size for _, size in self.first_load)


def first_query(browser, page_url: str, word: str) -> FirstQuery:
    """Open page_url in a new page, search for one word as a reader would, and weigh what each step fetched."""
    page = browser.new_page()
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: fetched.append((request.url, _received(request))))
    try:
        page.goto(page_url)
        page.wait_for_load_state("networkidle")
        first_load = list(fetched)
        fetched.clear()
        page.keyboard.press("/")
        box = page.locator("#site-search-input:focus")
        box.wait_for()
        box.type(word)
        page.wait_for_function(
            "q => { const s = document.getElementById('site-search-status').textContent;"
            " return s.includes('“' + q + '”') && !/^Searching/.test(s); }", arg=word)
        page.wait_for_load_state("networkidle")
        return FirstQuery(first_load, list(fetched))
    finally:
        page.close()


def _received(request) -> int:
    """The body's bytes as sent; Chromium reports 0 for a worker's script, so its Content-Length then."""
    size = request.sizes()["responseBodySize"]
    if size:
        return size
    response = request.response()
    length = response.header_value("content-length") if response else None
    return int(length) if length else 0
