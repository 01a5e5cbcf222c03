"""A removed crux's old anchors say what happened: where the notices go and what they say, without a build.

The browser half (a crux removed the documented way in a copy of the project, its old anchors opened with and
without scripts) is in tests/test_editions.py, which builds that copy once for all the editions' tests.
"""

from __future__ import annotations

import re
import shutil

from conftest import ROOT
from macros import urls
from macros.build.after.page_finish import ARTICLE_END, ARTICLE_START, finished_page
from macros.model import SiteData, load
from macros.model.editions import Edition, removed_cruxes
from macros.views.glossary_terms import term_matcher
from macros.views.removed_anchors import pages_of, removed_anchor_notices

GONE = "a-crux-taken-off"


def with_crux(data: SiteData, name: str, crux: str, relied_on_by: list[str]) -> Edition:
    """An edition of the site as it is, plus one crux that the data no longer has, listed by `relied_on_by`."""
    document = {"groups": [], "frames": [], "cruxes": [
        {"id": crux, "text": "Words the site no longer has.", "defined_in": relied_on_by[0], "children": [],
         "relied_on_by": relied_on_by, "parent": None, "join": None}]}
    for cid in data.cruxes:
        document["cruxes"].append({"id": cid, "text": data.cruxes[cid].crux.text, "defined_in": data.cruxes[cid].owner,
                                   "children": [], "relied_on_by": list(data.relied_on_by[cid]), "parent": None,
                                   "join": None})
    return Edition(name, f"{name}-01", "0" * 40, document)


def test_a_removed_crux_keeps_its_anchor_on_every_page_that_listed_it_and_in_the_explorer(site_data):
    frame, group = next(iter(site_data.frames)), next(iter(site_data.groups))
    editions = [with_crux(site_data, "2026-12", GONE, [frame, group, "a-frame-no-longer-here"])]
    assert removed_cruxes(site_data, editions) == [GONE]
    notices = removed_anchor_notices(site_data, editions)
    # An owner that is gone altogether has no page to carry it; every other page listed it.
    assert set(notices) == {urls.CRUX_EXPLORER, urls.page_of(site_data, frame), urls.page_of(site_data, group)}
    for page, html in notices.items():
        assert html.count(f'id="{urls.crux_anchor(GONE)}"') == 1, page
        assert 'class="crux-gone"' in html and "data-pagefind-ignore" in html
        assert "taken off the site after edition 2026-12" in html
        # The link leads to the crux's tombstone, from this page.
        assert f'href="{urls.root_prefix(page)}{urls.crux_page_path(GONE)}"' in html, page


def test_the_notice_names_the_last_edition_that_had_the_crux(site_data):
    frame = next(iter(site_data.frames))
    later = Edition("2027-01", "2027-01-01", "1" * 40, {"groups": [], "frames": [], "cruxes": []})
    editions = [with_crux(site_data, "2026-12", GONE, [frame]), with_crux(site_data, "2027-02", GONE, [frame]), later]
    assert "after edition 2027-02" in removed_anchor_notices(site_data, editions)[urls.CRUX_EXPLORER]


def test_a_crux_on_the_site_or_kept_as_an_old_id_gets_no_notice(site_data):
    old_id, live = next(iter(site_data.crux_aliases.items()))
    editions = [with_crux(site_data, "2026-12", old_id, [site_data.cruxes[live].owner])]
    assert removed_cruxes(site_data, editions) == []
    assert removed_anchor_notices(site_data, editions) == {}
    assert removed_anchor_notices(site_data, []) == {}


def test_an_old_id_of_a_frame_leads_to_its_page_now(tmp_path):
    # A frame renamed since: its old page redirects to the new one and keeps the anchor, so the notice is there.
    frames = (ROOT / "data" / "frames.yml").read_text(encoding="utf-8")
    frame = re.search(r"^  - id: ([a-z0-9-]+)$", frames.split("\nframes:", 1)[1], re.M).group(1)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "frames.yml").write_text(
        frames.replace(f"\n  - id: {frame}\n", f"\n  - id: {frame}\n    aliases: [its-old-id]\n", 1), encoding="utf-8")
    shutil.copy(ROOT / "data" / "glossary.yml", tmp_path / "data" / "glossary.yml")
    data = load(tmp_path / "data" / "frames.yml", tmp_path / "data" / "glossary.yml", root=tmp_path)
    assert data.owner_aliases == {"its-old-id": frame}
    editions = [with_crux(data, "2026-12", GONE, ["its-old-id"])]
    assert pages_of(data, editions, GONE) == {urls.CRUX_EXPLORER, urls.page_of(data, frame)}


def test_the_notices_come_first_in_the_finished_article_and_nothing_changes_without_them(site_data):
    page = (f"<html><head><meta charset=\"utf-8\"></head><body><div data-pagefind-body>{ARTICLE_START}"
            f"<h1>A frame</h1><p>Its words.</p>{ARTICLE_END}</div></body></html>")
    matcher = term_matcher(site_data.glossary.terms)
    notice = '<p class="crux-gone" id="crux-x">Gone</p>'
    plain = finished_page(page, "frames/x/index.html", matcher)
    with_notice = finished_page(page, "frames/x/index.html", matcher, notice)
    assert plain == finished_page(page, "frames/x/index.html", matcher, "")
    assert with_notice.replace("\n" + notice, "", 1) == plain
    assert with_notice.index(notice) < with_notice.index("<h1>")
    assert ARTICLE_START not in with_notice and 'data-pagefind-body>' in with_notice
