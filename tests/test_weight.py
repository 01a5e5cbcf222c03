"""Page-weight budget: what a first visit downloads, gzip-compressed, read from the built files.

bench/weight.py finds every file a page loads (its HTML, stylesheets, scripts, icons, images,
fonts) and, apart, the search worker and index that opening search fetches. Browser tests check
both lists against what a real Chromium requests. Figures are in KB of 1,000 bytes.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.serve import site_prefix
from bench.weight import page_weight

# The target for a frame page's first load (search is fetched when the reader opens it).
FRAME_PAGE_BUDGET = 80_000
# No target in the issue for the other pages; this one only makes growth visible.
OTHER_PAGE_BUDGET = 100_000


@pytest.fixture(scope="session")
def weights(built_site: Path, reader_pages: list[str]) -> dict:
    prefix = site_prefix(built_site)
    return {page: page_weight(built_site, page, prefix) for page in reader_pages}


def test_every_frame_page_first_load_is_within_80_kb(weights):
    frames = {page: w for page, w in weights.items() if page.startswith("frames/")}
    figures = "\n".join(w.summary() for w in frames.values())
    over = [page for page, w in frames.items() if w.total() > FRAME_PAGE_BUDGET]
    assert len(frames) >= 10, figures
    assert over == [], f"over {FRAME_PAGE_BUDGET / 1000:.0f} KB: {over}\n{figures}"


def test_every_other_page_first_load_is_within_100_kb(weights):
    others = {page: w for page, w in weights.items() if not page.startswith("frames/")}
    figures = "\n".join(w.summary() for w in others.values())
    over = [page or "(home)" for page, w in others.items() if w.total() > OTHER_PAGE_BUDGET]
    assert over == [], f"over {OTHER_PAGE_BUDGET / 1000:.0f} KB: {over}\n{figures}"


def test_every_page_is_weighed_with_the_theme_files_it_loads(weights):
    # A parser that lost the stylesheets or the bundle would pass any budget.
    for page, weight in weights.items():
        names = {path.name for path in weight.files}
        kinds = weight.by_kind()
        assert any(n.startswith("main.") and n.endswith(".css") for n in names), page
        assert any(n.startswith("bundle.") and n.endswith(".js") for n in names), page
        assert kinds["html"] > 0 and kinds["css"] > 20_000 and kinds["js"] > 30_000, weight.summary()


def files_fetched(page, action, built_site: Path, site_path: str) -> set[Path]:
    """The built files Chromium fetches while doing action on the page."""
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    action()
    page.wait_for_load_state("networkidle")  # no request for 500 ms: deferred scripts have run
    files = set()
    for url in loaded:
        target = built_site / urlparse(url).path[len(site_path):]
        files.add(target / "index.html" if target.is_dir() else target)
    return files


@pytest.mark.browser
def test_the_weighed_files_are_the_files_chromium_loads_first(browser, deployed_url, weights, built_site):
    # Pages with their own scripts or diagrams, plus one frame page.
    frame_page = next(page for page in weights if page.startswith("frames/"))
    checked = ["", frame_page, *(p for p in ("cruxes/", "map/", "stance/") if p in weights)]
    site_path = urlparse(deployed_url).path
    context = browser.new_context()
    for path in checked:
        page = context.new_page()
        files = files_fetched(page, lambda: page.goto(deployed_url + path), built_site, site_path)
        page.close()
        weighed = weights[path].files
        first_load = set(weighed)
        names = lambda found: sorted(f.relative_to(built_site).as_posix() for f in found)  # noqa: E731
        assert len(files) >= 5, f"{path or '(home)'}: {names(files)}"
        assert files == first_load, f"{path or '(home)'}: loaded {names(files)}, weighed {names(first_load)}"
    context.close()
