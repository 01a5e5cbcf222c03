"""The built site: one strict build per session, then HTML assertions for every frame in the data."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import ROOT, build_site, made_by_the_build, site_path
from macros import urls
from macros.build.nav import second_entries


def page(built_site: Path, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def test_every_frame_has_a_page_with_its_title_thesis_and_crux_anchors(built_site, site_data):
    for frame in site_data.frames.values():
        html = page(built_site, f"frames/{frame.id}")
        assert re.search(rf"<h1[^>]*>{re.escape(frame.title)}", html), frame.id
        assert 'class="thesis"' in html, frame.id
        for crux_id, entry in site_data.cruxes.items():
            if entry.owner == frame.id:
                assert f'id="crux-{crux_id}"' in html, (frame.id, crux_id)
        for ref in site_data.relied_on_by:
            if frame.id in site_data.relied_on_by[ref]:
                assert f'id="crux-{ref}"' in html, (frame.id, ref)


def test_every_page_carries_the_taxonomy_once_with_the_right_item_marked(built_site, site_data, all_pages):
    for path in all_pages:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        # The home page's overview of every group and frame stands in for it there.
        assert html.count('class="taxonomy"') + html.count('class="frame-overview"') == 1, path
        marked = re.findall(r'<a href="[^"]*"\s+aria-current="page">([^<]*)</a>', html)
        subject = path.strip("/").split("/")
        if len(subject) == 2 and subject[0] == "frames":
            frame = site_data.frames[subject[1]]
            assert set(marked) == {frame.title}, path
            assert len(marked) == 1 + len(frame.also_in), path
        elif len(subject) == 2 and subject[0] == "groups":
            assert marked == [site_data.groups[subject[1]].title], path


def primary_nav_targets(site: Path, page_path: str) -> list[str]:
    """Where the links of a page's navigation sidebar lead, as paths from the site root."""
    text = (site / page_path / "index.html").read_text(encoding="utf-8")
    sidebar = text.split('class="md-sidebar md-sidebar--primary"', 1)[1].split('class="md-sidebar md-sidebar--secondary"', 1)[0]
    return [site_path(page_path, href) for href in re.findall(r'href="([^"]*)"', sidebar)]


def test_a_frame_filed_in_two_groups_is_in_the_navigation_section_of_each(built_site, site_data):
    shared = [frame for frame in site_data.frames.values() if frame.also_in]
    for frame in shared:
        for group in frame.group_ids:
            # Only the open section lists its pages (navigation.prune): on the group's page, that is the group's.
            assert urls.page_of(site_data, frame.id) in primary_nav_targets(built_site, urls.page_of(site_data, group)), \
                (frame.id, group)


def test_group_pages_show_general_cruxes_and_their_frames(built_site, site_data):
    for group in site_data.groups.values():
        html = page(built_site, f"groups/{group.id}")
        for frame in site_data.frames_in(group.id):
            assert f'href="../../frames/{frame.id}/"' in html
    assert 'id="crux-write-down-a-utility-function"' in page(built_site, "groups/outer")


def test_wireheading_page_says_there_are_no_cruxes(built_site):
    html = page(built_site, "frames/wireheading")
    assert "No cruxes listed." in html and "crux-table" not in html.split('class="crux-table--empty"')[0].split("<article")[-1]


def test_frame_pages_have_meta_description_from_thesis(built_site, site_data):
    frame = site_data.frames["goodharting"]
    html = page(built_site, "frames/goodharting")
    assert f'<meta name="description" content="{frame.thesis[:40]}' in html


def test_the_not_found_page_links_to_every_page_of_the_site(built_site, all_pages, site_data):
    # It answers any address, so its links start at the site's root path (/frames/ here).
    html = (built_site / "404.html").read_text(encoding="utf-8")
    listed = re.search(r'<nav class="not-found"[^>]*>(.*?)</nav>', html, re.DOTALL)
    assert listed, "404.html has no list of pages"
    hrefs = re.findall(r'href="([^"]+)"', listed.group(1))
    from bench.serve import site_prefix

    root = site_prefix(built_site)
    assert all(href.startswith(root) for href in hrefs), hrefs
    # The pages the build makes from the data are reached from the pages it lists (the explorer, the editions).
    listed_pages = [href.removeprefix(root) for href in hrefs]
    assert sorted(set(listed_pages)) == sorted(p for p in all_pages if not made_by_the_build(p))
    # As in the nav, a frame filed in a second group is listed there too.
    assert Counter(listed_pages) - Counter(set(listed_pages)) == Counter(e.path for e in second_entries(site_data))


def test_no_page_is_an_empty_stub(built_site, all_pages):
    # The pages the build makes are as long as their data: a group of an edition may list one crux.
    for path in [p for p in all_pages if not made_by_the_build(p)]:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        words = len(re.sub(r"<[^>]+>", " ", article).split())
        assert words >= 120, f"{path or 'home'} has only {words} words"


def test_every_script_file_is_deferred(built_site, all_pages):
    # overrides/main.html defers Material's bundle by rewriting its tag: this fails if the theme's markup changes.
    # The site's own scripts are ES modules, which browsers defer without the attribute.
    for path in all_pages:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        scripts = [tag for tag in re.findall(r"<script\b[^>]*>", html) if re.search(r'\bsrc="', tag)]
        deferred = [tag for tag in scripts if re.search(r'\sdefer\b|\stype="module"', tag)]
        assert scripts and deferred == scripts, (path, scripts)


def test_no_reference_to_another_host_is_loaded(built_site):
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            src = re.search(r'\b(?:src|href)="([^"]+)"', tag)
            rel = re.search(r'\brel="([^"]+)"', tag)
            if src and src.group(1).startswith(("http:", "https:", "//")):
                # Links that name an address but load nothing (the feed's link is rel="alternate feed").
                assert rel and set(rel.group(1).split()) <= {"canonical", "alternate", "feed"}, (html_file, tag)


def test_bad_data_stops_the_build_with_positioned_lines(scratch_project, tmp_path, caplog):
    data = scratch_project / "data" / "frames.yml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("    title: Goodharting\n", "    titel: Goodharting\n").replace("type: fits-with", "type: fits")
    data.write_text(text, encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(tmp_path / "out", scratch_project / "mkdocs.yml")
    logged = caplog.text
    assert "Traceback" not in logged
    assert re.search(r"data/frames\.yml:\d+:\d+: frames\[3\]\.titel: unknown field 'titel'", logged)
    assert re.search(r"data/frames\.yml:\d+:\d+: frames\[\d+\]\.links\[\d+\]\.type: 'fits' is not allowed", logged)


def test_the_sitemap_lists_every_canonical_page_and_robots_txt_names_it(built_site, all_pages):
    from mkdocs.config import load_config

    site_url = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
    sitemap = (built_site / urls.SITEMAP).read_text(encoding="utf-8")
    listed = [loc.removeprefix(site_url) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    # Every page a reader can stay on, once; no redirect stub, no 404, no page shell.
    assert sorted(listed) == sorted(all_pages)
    assert f"Sitemap: {site_url}{urls.SITEMAP}" in (built_site / urls.ROBOTS).read_text(encoding="utf-8")


def test_the_not_found_page_ends_with_the_taxonomy_from_the_sites_root(built_site):
    from bench.serve import site_prefix

    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert html.count('class="taxonomy"') == 1
    nav = html.split('class="taxonomy"', 1)[1].split("</nav>", 1)[0]
    assert all(href.startswith(site_prefix(built_site)) for href in re.findall(r'href="([^"]+)"', nav))
