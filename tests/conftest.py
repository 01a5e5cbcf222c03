"""Shared fixtures: the real data, one strict build of the real site per session, a local server, a browser.

Tests come in three tiers (README, "Tests"): unit (the default: builds nothing, starts no process), build (marked
`build`, or using a built site: a build, a command, git) and browser (marked `browser`: a real Chromium).
"""

from __future__ import annotations

import contextlib
import os
import functools
import html as html_lib
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.build.context import check_project  # noqa: E402
from macros.build.after.cards import cache_dir  # noqa: E402

# Every build of the session, copies of the project and commands included, keeps its cards in the project's cache
# (macros/build/after/cards.py): a copy draws only the cards its changes change.
os.environ.setdefault("CARD_CACHE", str(cache_dir(ROOT)))
from macros.model import SiteData  # noqa: E402

# Fixtures that hold a built site: a test that asks for one is in the build tier (or the browser tier).
BUILT = {"built_site", "zensical_site", "site_url", "deployed_url", "all_pages", "reader_pages", "scratch_project"}


def pytest_collection_modifyitems(items) -> None:
    """Put each test in its tier: browser as marked; build if marked slow or build, or if it uses a built site."""
    for item in items:
        if item.get_closest_marker("browser") is None and (
                item.get_closest_marker("slow") or BUILT & set(item.fixturenames)):
            item.add_marker(pytest.mark.build)


@pytest.fixture(autouse=True)
def unit_tests_start_no_process(request, monkeypatch) -> None:
    """A unit test that starts a process (a build's search index, git, a command) belongs in the build tier."""
    if request.node.get_closest_marker("build") or request.node.get_closest_marker("browser"):
        return

    def refuse(*args, **kwargs):
        raise AssertionError(f"a unit test starts no process ({args[0] if args else kwargs.get('args')}): "
                             "mark it @pytest.mark.build")

    monkeypatch.setattr(subprocess, "Popen", refuse)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site_data() -> SiteData:
    """The project's real, validated data."""
    return check_project(ROOT)


def build_site(site_dir: Path, config_file: Path = ROOT / "mkdocs.yml", strict: bool = True, **overrides) -> None:
    """One MkDocs build in this process (strict unless told otherwise); each build begins from nothing (no caches)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config_file), strict=strict, site_dir=str(site_dir), **overrides))


def assert_build_refuses_as_validate(project: Path, site_dir: Path, caplog, reported: list[str]) -> None:
    """The strict build of a project stops, without a traceback, naming every problem `validate` reported, at its line."""
    from mkdocs.exceptions import Abort, PluginError

    with pytest.raises((PluginError, Abort)):
        build_site(site_dir, project / "mkdocs.yml")
    assert "Traceback" not in caplog.text
    for line in reported:
        assert line in caplog.text


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per session with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    build_site(site)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that moves on mid-download closes the socket: not a failure of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(site: Path):
    """A built site served on 127.0.0.1 while the block runs; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on 127.0.0.1 for the browser tests."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def zensical_site() -> Path:
    """The real site built by Zensical into site-zensical/, through the same timeline, as `make zensical` does."""
    run = subprocess.run([sys.executable, "-m", "macros.engines.zensical"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return ROOT / "site-zensical"


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def made_by_the_build(path: str) -> bool:
    """Whether a page is one the build makes from the data (a crux's page, a tombstone, an edition's pages), which
    the navigation does not list: the crux tables, the explorer, the changes and the list of editions lead to them."""
    from macros import urls

    return (path.startswith(urls.CRUX_PAGES) and path != urls.CRUX_EXPLORER) or \
        (path.startswith(urls.EDITIONS) and path != urls.EDITIONS)


def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ('' for the home page)."""
    pages = []
    for html in sorted(built_site.rglob("*.html")):
        rel = html.relative_to(built_site).as_posix()
        if rel == "404.html":
            continue
        # Redirect stubs at old ids (macros/build/after/redirects.py) are not pages; tests/test_links.py checks them.
        if '<meta http-equiv="refresh"' in html.read_text(encoding="utf-8"):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


@pytest.fixture(scope="session")
def all_pages(built_site: Path) -> list[str]:
    return site_pages(built_site)


def forget_in_pages(project: Path, crux: str | None = None, page: str | None = None) -> None:
    """What a contributor does when a crux or a page leaves the site, as validate asks: the pages' links to it become
    their own words, and a crux's mentions by crux() or crux_ref() become plain words."""
    from macros import urls

    links = []
    if crux is not None:
        links.append(rf"\[([^\]]*)\]\([^)\s]*#{re.escape(urls.crux_anchor(crux))}\)")
    if page is not None:
        links.append(rf"\[([^\]]*)\]\((?:[^)\s]*/)?{re.escape(page)}(?:#[^)\s]*)?\)")
    mention = re.compile(rf"\{{\{{\s*crux(?:_ref)?\(\s*['\"]{re.escape(crux or '')}['\"][^)]*\)\s*\}}\}}")
    for source in (project / "docs").rglob("*.md"):
        text = before = source.read_text(encoding="utf-8")
        for link in links:
            text = re.sub(link, r"\1", text)
        if crux is not None:
            text = mention.sub("a crux since taken off", text)
        if text != before:
            source.write_text(text, encoding="utf-8")


def copy_project(dest: Path) -> Path:
    """Copy the project's site sources into a folder, to change them there."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "zensical.yml", "docs", "data", "macros", "overrides", "CONTRIBUTING.md"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    return dest


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A copy of the project's site sources to break on purpose."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def deployed_url(built_site: Path):
    """The built site served as deployed: gzip, cache headers, under its site_url path (/frames/)."""
    from bench.serve import SiteServer, site_prefix

    with SiteServer(built_site, site_prefix(built_site)) as served:
        yield served.url


@pytest.fixture(scope="session")
def reader_pages(built_site: Path, all_pages: list[str]) -> list[str]:
    """Every page a reader can stay on: all_pages without the redirect stubs at old ids, plus 404.html."""
    def is_stub(page: str) -> bool:
        return 'http-equiv="refresh"' in (built_site / page / "index.html").read_text(encoding="utf-8")

    return [page for page in all_pages if not is_stub(page)] + ["404.html"]


def after_next_paint(page) -> None:
    """Wait until the browser has painted twice more: layout, scroll and shifts from what ran before are done."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


FIGURES: list[str] = []


@pytest.fixture
def record_figure():
    """Report a measured figure (a hit rate, the bytes of a first query) in the run's summary."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter) -> None:
    """The figures tests measured, at the end of the run, so that `make test` shows them."""
    if FIGURES:
        terminalreporter.section("figures measured")
        for line in FIGURES:
            terminalreporter.write_line(line)


def site_path(page: str, href: str) -> str:
    """Where a link on a page leads, as a path from the site root ('frames/x/'); the page's path is from the root too."""
    return urlsplit(urljoin("https://site/" + page, html_lib.unescape(href))).path.lstrip("/")


def page_html(built_site: Path, path: str) -> str:
    """The HTML of a built page, by its path from the site root ('' for home, 'frames/x/')."""
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def article_html(html: str) -> str:
    """The article of a built page: what the reader reads, without the theme's header, navigation and footer."""
    found = re.search(r"<article\b[^>]*>(.*?)</article>", html, re.DOTALL)
    assert found, "the page has no <article>"
    return found.group(1)


def text_of(html: str, tag: str = " ") -> str:
    """Text as a reader reads it: no markup, scripts or styles, entities read, spaces made single. `tag`: what a tag
    becomes, a space (between blocks) or nothing (inside a sentence: "<abbr>AGI</abbr>," reads "AGI,")."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", tag, html)).split())


def meta(html: str, key: str) -> str | None:
    """The content of <meta property=key> or <meta name=key>, unescaped."""
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return html_lib.unescape(found.group(1)) if found else None


@pytest.fixture
def clipboard_page(browser, site_url):
    """A page of the served site whose clipboard a test may read and write (the copy buttons)."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    yield context.new_page()
    context.close()


@pytest.fixture
def touch_page(browser):
    """A page on a phone-sized touch screen (375 x 800), as a reader's finger meets it."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def scriptless_page(browser):
    """A page with JavaScript switched off: what the site shows before, or without, its scripts."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()
