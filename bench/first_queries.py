"""The bytes of a first one-word query on built sites, in Chromium (bench/search_weight.py's steps)."""

from __future__ import annotations

from pathlib import Path

from .lighthouse import CHROME
from .search_weight import first_query
from .serve import SiteServer, site_prefix

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WORD = "deception"  # a word every site has, real or synthetic (the synthetic frames are clones)
PAGE = "frames/deception/"


def first_query_bytes(sites: dict[str, Path]) -> dict[str, int]:
    """For each labelled built site, the bytes (as transferred, gzip) of a first one-word query."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=ARGS)
        try:
            for label, site in sites.items():
                with SiteServer(site, site_prefix(site)) as served:
                    found[label] = first_query(browser, served.url + PAGE, WORD).query_bytes()
                print(f"  {label}: a first query for '{WORD}' fetches {found[label] / 1000:.1f} KB", flush=True)
        finally:
            browser.close()
    return found
