"""The same site from both engines: MkDocs (the main, strict build) and Zensical (`make zensical`)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import article_html, site_pages, site_path, text_of
from macros import urls

pytestmark = pytest.mark.slow

ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.DOTALL)
HREF = re.compile(r'\bhref="([^"]*)"')
ID = re.compile(r'\bid="([^"]*)"')


def article(page: Path) -> str:
    """A page's article as text: what a reader reads, without the theme's furniture around it."""
    return text_of(article_html(page.read_text(encoding="utf-8")))


def broken_links(site: Path, page: str) -> list[str]:
    """Links in a page's article to this site that lead to no file, or to a missing anchor."""
    here = "https://site/" + page
    broken = []
    for raw in HREF.findall(ARTICLE.search((site / page / "index.html").read_text(encoding="utf-8")).group(1)):
        target = urlsplit(urljoin(here, html.unescape(raw)))
        if target.netloc != "site":
            continue
        path = unquote(target.path.lstrip("/"))
        file = site / path / "index.html" if not path or path.endswith("/") else site / path
        if not file.is_file():
            broken.append(f"{raw} (no {file.relative_to(site)})")
        elif target.fragment and target.fragment not in ID.findall(file.read_text(encoding="utf-8")):
            broken.append(f"{raw} (no #{target.fragment})")
    return broken


def test_both_engines_build_the_same_pages_with_the_same_article_text(built_site, zensical_site):
    pages = site_pages(built_site)
    differing = [page or "/" for page in pages
                 if not (zensical_site / page / "index.html").is_file()
                 or article(built_site / page / "index.html") != article(zensical_site / page / "index.html")]
    assert pages and not differing, f"{len(pages) - len(differing)} of {len(pages)} pages equal; differ: {differing}"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_internal_link_and_anchor_resolves(engine, built_site, zensical_site):
    site = built_site if engine == "mkdocs" else zensical_site
    broken = {page or "/": found for page in site_pages(site) if (found := broken_links(site, page))}
    assert not broken


def test_both_engines_publish_the_same_export_and_redirects(built_site, zensical_site):
    assert (zensical_site / "frames.json").read_bytes() == (built_site / "frames.json").read_bytes()
    stubs = sorted(p.relative_to(built_site) for p in built_site.rglob("index.html")
                   if 'http-equiv="refresh"' in p.read_text(encoding="utf-8"))
    for stub in stubs:
        assert (zensical_site / stub).read_text(encoding="utf-8") == (built_site / stub).read_text(encoding="utf-8")


def test_both_engines_put_the_search_button_in_the_header(built_site, zensical_site):
    # overrides/main.html inserts it by replacing a piece of the theme's header: this fails if that piece changes.
    for site in (built_site, zensical_site):
        header = re.search(r"<header\b.*?</header>", (site / "index.html").read_text(encoding="utf-8"), re.DOTALL)
        assert header and 'class="md-header__button md-icon site-search__open"' in header.group(0), site


@pytest.mark.browser
def test_search_lands_on_its_answer_on_the_zensical_build_too(browser, zensical_site):
    from bench.serve import SiteServer, site_prefix

    with SiteServer(zensical_site, site_prefix(zensical_site)) as served:
        page = browser.new_page()
        page.goto(served.url + "frames/deception/")
        page.keyboard.press("/")
        box = page.locator("#site-search-input:focus")
        box.wait_for()
        box.type("ELK")
        page.locator("#site-search-results > li a.site-search__link").first.click()
        page.wait_for_url(re.compile(r"/glossary/\?highlight=[^#]+#term-elk$"))
        page.locator("#term-elk mark.pagefind-highlight").first.wait_for()
        page.close()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_next_and_previous_walk_through_every_page_once(engine, built_site, zensical_site, site_data):
    # A page listed twice in the nav would send "Next" round in a loop. So would a link to a page on Zensical
    # 0.0.73, which counts links in Previous/Next: that is why only the MkDocs build lists a frame's second group.
    site = built_site if engine == "mkdocs" else zensical_site
    walked, page = [], ""
    while page is not None and page not in walked:
        walked.append(page)
        found = re.search(r'<a href="([^"]*)" class="md-footer__link md-footer__link--next"',
                          (site / page / "index.html").read_text(encoding="utf-8"))
        page = site_path(page, found.group(1)) if found else None
    assert page is None, f"'Next' from {walked[-1]} leads back to {page}"
    assert not [owner for owner in (*site_data.groups, *site_data.frames) if urls.page_of(site_data, owner) not in walked]


def test_both_engines_list_the_same_pages_in_the_sitemap(built_site, zensical_site):
    for name in (urls.SITEMAP, urls.ROBOTS):
        assert (zensical_site / name).read_text(encoding="utf-8") == (built_site / name).read_text(encoding="utf-8"), name


def test_both_engines_dress_the_editions_pages_in_the_site(built_site, zensical_site):
    from macros.model.editions import read_editions
    from conftest import ROOT

    for edition in read_editions(ROOT):
        for owner in edition.owners:
            path = urls.edition_owner_path(edition.name, owner, edition.owners[owner]["kind"] == "group")
            for site in (built_site, zensical_site):
                page = (site / path / "index.html").read_text(encoding="utf-8")
                # The site's header search, its navigation and the edition's taxonomy, as on every page.
                assert 'class="md-header' in page and "md-nav" in page and 'class="taxonomy"' in page, (site, path)
    assert not (zensical_site / urls.EDITION_SHELL_FOLDER).exists() and not (built_site / urls.EDITION_SHELL_FOLDER).exists()
