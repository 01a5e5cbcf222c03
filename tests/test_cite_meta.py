"""'Cite this', meta and link-preview tags, and the last-changed date from git (or none without git)."""

from __future__ import annotations

import html as html_lib
import re
import subprocess

import pytest

from conftest import ROOT, build_site, meta, page_html
from macros import urls
from macros.build.generated_pages import MARK
from macros.views import citation
from macros.model import Source, load

CITED = ["cruxes/"]  # besides every frame page
SITE_NAME = "The Core of the Alignment Problem, frame by frame"




def cite_block(html: str) -> str:
    return html.split('id="cite-this"', 1)[1].split('class="taxonomy"', 1)[0]


def text_of(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))


# ---------------------------------------------------------------- Cite this


def test_frame_pages_and_the_explorer_cite_the_post_and_themselves(built_site, site_data):
    source = site_data.source
    for path in [f"frames/{fid}/" for fid in site_data.frames] + CITED:
        html = page_html(built_site, path)
        assert html.count('id="cite-this"') == 1, path
        assert html.index('id="cite-this"') < html.index('class="taxonomy"'), path  # the taxonomy stays last
        block = text_of(cite_block(html))
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        title = site_data.frames[path.split("/")[1]].title if path.startswith("frames/") else "Crux explorer"
        assert f'{source.authors} ({source.year}). "{source.title}"' in block and source.url in block, path
        assert "@misc{larsen2022core," in block and "author = {Larsen, Thomas and others}" in block, path
        assert f'"{title}." In {SITE_NAME}.' in block, path
        assert f"title = {{{title}}}" in block and f"url = {{{canonical}}}" in block, path
        assert canonical.endswith("/" + path), path
        assert cite_block(html).count("<pre") == 4, path  # plain text and BibTeX, twice


def test_other_pages_have_no_cite_block(built_site):
    for path in ["", "glossary/", "stance/", "groups/outer/"]:
        assert 'id="cite-this"' not in page_html(built_site, path), path


@pytest.mark.parametrize("authors, expected", [
    ("Thomas Larsen et al.", "Larsen, Thomas and others"),
    ("Jessica Taylor, Eliezer Yudkowsky", "Taylor, Jessica and Yudkowsky, Eliezer"),
    ("Chris van Merwijk and janus", "Merwijk, Chris van and janus"),
])
def test_bibtex_authors(authors, expected):
    assert citation.bibtex_authors(authors) == expected


def test_bibtex_fields_are_escaped_and_dates_optional():
    page = citation.cite_page("50% of {it} & more_", "https://example.org/x/", "x/", "A site, by frame", None)
    assert r"title = {50\% of \{it\} \& more\_}" in page.bibtex
    assert "year" not in page.bibtex and "Last changed" not in page.text
    dated = citation.cite_page("T", "https://example.org/x/", "x/", "A site", "2026-01-02")
    assert "year = {2026}" in dated.bibtex and "Last changed 2026-01-02." in dated.text
    source = citation.cite_source(Source(title="A Post", authors="Ann Bo et al.", year=2020,
                                       url="https://example.org/p", program="A programme"))
    assert source.bibtex.startswith("@misc{bo2020post,") and source.bibtex.endswith("\n}")


@pytest.mark.browser
def test_copy_button_copies_the_bibtex(clipboard_page, site_url, site_data):
    page = clipboard_page
    page.goto(site_url + "frames/corrigibility/", wait_until="load")
    buttons = page.locator(".cite button.md-code__button")
    assert buttons.count() == 4
    buttons.nth(3).click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{") and "title = {Corrigibility}" in copied
    assert copied.rstrip().endswith("}")


# ---------------------------------------------------------------- meta and link previews


def test_every_page_has_a_description_and_link_preview_tags(built_site, all_pages, site_data):
    for path in all_pages:
        html = page_html(built_site, path)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        description = meta(html, "description")
        assert description, path
        assert meta(html, "og:description") == meta(html, "twitter:description") == description, path
        assert meta(html, "og:url") == canonical, path
        assert meta(html, "og:site_name") == SITE_NAME
        assert meta(html, "og:type") == ("website" if path == "" else "article"), path
        # A page with a card unfurls with it (tests/test_cards.py checks the image itself).
        assert meta(html, "twitter:card") == ("summary_large_image" if urls.has_card(path) else "summary"), path
        assert meta(html, "og:title") and meta(html, "og:title") == meta(html, "twitter:title"), path
        assert "{" not in meta(html, "og:title"), path  # a heading's attribute list ({ #about }) is not its title
        assert description.endswith((".", "?", "!")), (path, description)  # complete sentences, never "…, because"
    for frame in site_data.frames.values():
        html = page_html(built_site, f"frames/{frame.id}/")
        assert meta(html, "og:description") == frame.thesis
        assert meta(html, "og:title") == frame.title
    assert meta(page_html(built_site, "groups/outer/"), "og:title") == "Outer alignment"  # not the nav's "Overview"
    assert meta(page_html(built_site, ""), "og:title") == SITE_NAME
    assert meta(page_html(built_site, "cruxes/"), "description").startswith("Every crux of every frame")
    assert meta(page_html(built_site, "stance/"), "description").startswith("Mark each crux")


# ---------------------------------------------------------------- last changed


def git_date(*paths: str) -> str | None:
    """The date of the newest commit touching any of these paths, straight from git."""
    out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", *paths], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.strip()
    return out or None


def source_of(path: str) -> str:
    return "docs/" + urls.source_of(path, ROOT / "docs")


def test_last_changed_is_a_commit_that_changed_the_words_never_after_the_files(built_site, all_pages):
    """The date a page shows is when its words last changed (tests/test_page_dates.py makes a history to check
    which commit that is): a commit of the branch, never newer than the newest commit of its file or the data."""
    assert (ROOT / ".git").exists(), "this test reads the project's git history"
    def files(*args: str) -> set[str]:
        return set(subprocess.run(["git", "ls-files", *args, "docs"], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.splitlines())

    def uncommitted(*paths: str) -> bool:
        return subprocess.run(["git", "diff", "--quiet", "HEAD", "--", *paths], cwd=ROOT).returncode != 0

    commit_dates = set(subprocess.run(["git", "log", "--first-parent", "--format=%cs", "--", "data", "docs"], cwd=ROOT,
                                      capture_output=True, text=True, check=True).stdout.split())
    # Pages the build writes from the data (ignored by git) are as new as the data at most; a page not committed
    # yet (a contributor's new frame) has no date until it is.
    committed, written_by_the_build = files(), files("--others", "--ignored", "--exclude-standard")
    dated = 0
    for path in all_pages:
        source = source_of(path)
        text = (ROOT / source).read_text(encoding="utf-8") if (ROOT / source).is_file() else ""
        # The build's pages of an edition (filled into the shell, or written for it) and tombstones show the
        # edition's date in their words, not a "Last changed" line; a crux's page is dated by its words.
        if not text or (MARK in text and "\ncrux:" not in text.partition("\n---\n")[0]):
            assert '<p class="last-changed">' not in page_html(built_site, path), path
            continue
        newest = git_date(source, "data") if source in committed else git_date("data") if source in written_by_the_build \
            else None
        html = page_html(built_site, path)
        shown = re.search(r'<p class="last-changed">Last changed <time datetime="([^"]+)">\1</time></p>', html)
        shown = shown.group(1) if shown else None
        assert meta(html, "article:modified_time") == shown, path
        if shown:
            assert newest and shown <= newest and shown in commit_dates, (path, shown, newest)
        else:
            assert newest is None or uncommitted(source, "data"), f"{path}: committed, yet no date"
        dated += bool(shown)
    assert dated, "no page has a date: the build found no git history"


@pytest.mark.slow  # builds a site of its own
def test_without_git_the_site_builds_strictly_with_no_dates(scratch_project, tmp_path):
    assert subprocess.run(["git", "rev-parse"], cwd=scratch_project, capture_output=True).returncode != 0
    # A thesis with characters that must be escaped in an attribute, given to the first frame of the data.
    data = scratch_project / "data" / "frames.yml"
    text = data.read_text(encoding="utf-8")
    thesis = "The core of the problem is \"deference\" & shutdown, in one sentence."
    frame = next(iter(load(data, root=scratch_project).frames))
    start = text.index(f"  - id: {frame}\n")
    thesis_at = text.index("    thesis:", start)
    block_end = re.compile(r"^(?:    [a-z_]+:|  - |\S)", re.M).search(text, thesis_at + 1).start()  # what follows it
    data.write_text(text[:thesis_at] + f"    thesis: '{thesis}'\n" + text[block_end:], encoding="utf-8")

    site = tmp_path / "site"
    build_site(site, scratch_project / "mkdocs.yml")
    pages = list(site.rglob("index.html"))
    assert len(pages) >= 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="last-changed"' not in html and "article:modified_time" not in html, page
    page = (site / "frames" / frame / "index.html").read_text(encoding="utf-8")
    block = text_of(cite_block(page))
    assert "@misc{larsen2022core," in block and "Last changed" not in block and "year = {2026}" not in block
    assert meta(page, "description") == meta(page, "og:description") == thesis
    assert meta(page, "twitter:description") == thesis
