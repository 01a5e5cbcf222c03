"""The Content Security Policy and referrer policy: in every page of both builds, and nothing they block in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import site_pages
from macros.build.after.csp import policy_for, script_hash, with_policies

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Scripts a browser runs: a data block (the page's JSON-LD) is not run, and script-src does not apply to it.
INLINE = re.compile(r"<script(?![^>]*\bsrc\s*=)(?![^>]*\btype=\"application/ld\+json\")[^>]*>(.*?)</script\s*>", re.S)


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def check_page_policy(html: str) -> list[str]:
    """What is wrong with one built page's policies (nothing, when it is right)."""
    found = META.search(html)
    if not found:
        return ["no CSP meta tag"]
    wrong = []
    rules = directives(found.group(1))
    scripts = rules.get("script-src", [])
    if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
        wrong.append("script-src allows unsafe-inline or unsafe-eval")
    if any(not v.startswith("'") for name, values in rules.items() for v in values if name != "img-src"):
        wrong.append("a source other than the site itself")
    if rules.get("default-src") != ["'self'"] or rules.get("object-src") != ["'none'"]:
        wrong.append("default-src or object-src is not strict")
    for body in INLINE.findall(html):
        if script_hash(body) not in scripts:
            wrong.append(f"inline script not allowed by hash: {body[:60]!r}")
    if 0 <= html.find("<script") < found.start():  # -1: the page has no script
        wrong.append("a script comes before the policy")
    if '<meta name="referrer" content="same-origin">' not in html:
        wrong.append("no referrer policy")
    return wrong


def every_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_built_page_and_stub_carries_a_strict_policy_and_a_referrer_policy(built_site):
    pages = every_html(built_site)
    assert len(pages) > 5
    problems = {p.relative_to(built_site).as_posix(): check_page_policy(p.read_text(encoding="utf-8")) for p in pages}
    assert not {page: wrong for page, wrong in problems.items() if wrong}


def test_the_check_catches_an_unhashed_script_and_a_missing_policy():
    page = "<html><head><meta charset=\"utf-8\"><script>a()</script></head><body></body></html>"
    protected = with_policies(page)
    assert check_page_policy(protected) == []
    assert check_page_policy(page) == ["no CSP meta tag"]
    tampered = protected.replace("<script>a()</script>", "<script>b()</script>")
    assert check_page_policy(tampered) == ["inline script not allowed by hash: 'b()'"]


def test_policies_are_written_once_even_when_a_page_is_finished_twice():
    page = "<html><head><script>a()</script></head></html>"
    twice = with_policies(with_policies(page))
    assert twice.count("Content-Security-Policy") == 1 and twice.count('name="referrer"') == 1
    assert policy_for(page).count("sha256-") == 1


@pytest.mark.slow
def test_the_zensical_build_carries_the_same_policies(zensical_site):
    problems = {p.relative_to(zensical_site).as_posix(): check_page_policy(p.read_text(encoding="utf-8"))
                for p in every_html(zensical_site)}
    assert not {page: wrong for page, wrong in problems.items() if wrong}


# ---------------------------------------------------------------- browser: nothing blocked, nothing logged


class Watch:
    """Console errors and uncaught exceptions of a browser page, CSP violations among them (Chromium logs each)."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))


def use_search(page, query: str = "corrigibility") -> None:
    page.keyboard.press("/")
    box = page.locator("#site-search-input:focus")
    box.wait_for()
    box.fill(query)
    page.locator("#site-search a.site-search__link").first.wait_for()
    page.locator("#site-search-filters summary").click()  # the filters' index loads now
    page.locator("#site-search-filter-kind").wait_for()


def use_explorer(page, base: str) -> None:
    page.goto(base + "cruxes/", wait_until="load")
    page.select_option("#crux-filter-group", index=1)
    page.locator("#crux-filter-text").fill("goal")
    page.wait_for_function("() => !!document.querySelector('#crux-explorer-status').textContent")


def use_stance(page, base: str) -> None:
    page.goto(base + "stance/", wait_until="load")
    radios = page.locator(".stance-form input[type=radio]")
    radios.first.click()
    radios.nth(4).click()
    page.wait_for_function("() => location.hash.length > 1")


def visit_everything(browser, base: str, pages: list[str]) -> tuple[list[str], int]:
    """Every page in light and dark, then search, the explorer and the stance page; the errors seen, and the visits made."""
    errors, visits = [], 0
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        watch = Watch(page)
        for path in pages:
            page.goto(base + path, wait_until="load")
            visits += 1
        page.goto(base + "frames/deception/", wait_until="load")
        use_search(page)
        use_explorer(page, base)
        use_stance(page, base)
        visits += 3
        errors += watch.errors
        context.close()
    return errors, visits


@pytest.mark.browser
def test_no_page_or_interaction_breaks_the_policy_or_logs_an_error(browser, deployed_url, all_pages):
    # Served as deployed (under /frames/), where the 404 page's absolute addresses resolve.
    errors, visits = visit_everything(browser, deployed_url, [*all_pages, "404.html"])
    assert visits == 2 * (len(all_pages) + 1 + 3)
    assert errors == []


@pytest.mark.browser
def test_the_watch_sees_a_script_the_policy_blocks(browser, site_url):
    # The control: an inline script that no hash allows is refused, and the refusal is logged as an error.
    page = browser.new_page()
    watch = Watch(page)
    page.goto(site_url, wait_until="load")
    with page.expect_console_message(lambda m: m.type == "error" and "Content Security Policy" in m.text):
        try:
            page.add_script_tag(content="document.title = 'ran'")
        except Exception:  # Playwright may report the blocked script itself
            pass
    assert page.title() != "ran"
    assert any("Content Security Policy" in e for e in watch.errors)
    page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_zensical_build_holds_in_the_browser_too(browser, zensical_site):
    pages = [p for p in site_pages(zensical_site)] + ["404.html"]
    from bench.serve import SiteServer, site_prefix

    with SiteServer(zensical_site, site_prefix(zensical_site)) as served:
        errors, visits = visit_everything(browser, served.url, pages)
    assert visits == 2 * (len(pages) + 3)
    assert errors == []
