"""Render functions, tested on the minimal fixture and the real data without a build."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.views import fragments
from macros import urls
from macros.model import load

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def mini():
    return load(HERE / "fixtures" / "minimal.yml", root=HERE.parent)


class Elements(HTMLParser):
    """Collects (tag, attrs) of every start tag, and the text."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data

    def with_attr(self, name: str, value: str | None = None) -> list[dict]:
        return [a for _, a in self.tags if name in a and (value is None or a[name] == value)]


@pytest.mark.parametrize("url, expected", [
    ("", "./"), ("frames/alpha/", "../../"), ("glossary/", "../"), ("404.html", "./"),
])
def test_root_prefix(url, expected):
    assert urls.root_prefix(url) == expected


def test_crux_table_rows_are_numbered_nested_and_anchored(mini):
    html = Elements(fragments.crux_table(mini, "alpha", "../../"))
    rows = html.with_attr("id")
    assert [r["id"] for r in rows] == ["crux-shared", "crux-parent", "crux-child"]
    assert "crux-row--depth-1" in rows[2]["class"]
    assert "because:" in html.text


def test_shared_crux_is_marked_also_a_crux_for_the_other_frame(mini):
    alpha = Elements(fragments.crux_table(mini, "alpha", "../../"))
    assert alpha.with_attr("href", "../../frames/beta/#crux-shared")
    beta = Elements(fragments.crux_table(mini, "beta", "../../"))
    assert beta.with_attr("href", "../../frames/alpha/#crux-shared")  # defined under, and also for
    assert "defined under" in beta.text


def test_the_also_relied_on_by_column_shows_only_when_a_crux_is_shared(site_data):
    for owner in [*site_data.frames, *site_data.groups]:
        html = fragments.crux_table(site_data, owner, "../../")
        shared = any(other != owner for cid in site_data.cruxes
                     if site_data.cruxes[cid].owner == owner or owner in site_data.relied_on_by[cid]
                     for other in site_data.relied_on_by[cid] if owner in site_data.relied_on_by[cid])
        assert ("Also relied on by" in html) == shared, owner
        assert "only here" not in html


def test_a_parent_that_ends_with_its_join_is_not_followed_by_it_again(site_data):
    from macros.views.crux_tree import crux_rows, ends_with_phrase

    assert ends_with_phrase("Building an AGI brings a shift, because", "because")
    assert not ends_with_phrase("The problem is tractable for two reasons:", "because")
    for owner in site_data.frames:
        rows = crux_rows(site_data, owner)
        for parent, child in zip(rows, rows[1:]):
            if child.depth > parent.depth and child.join:
                assert not ends_with_phrase(parent.crux.text, child.join), (owner, parent.crux.id)


def test_frame_without_cruxes_says_so_instead_of_an_empty_table(site_data):
    html = fragments.crux_table(site_data, "wireheading", "../../")
    assert "<table" not in html and "No cruxes listed." in html


def test_text_from_data_is_escaped(mini):
    from macros.model import Crux

    evil = mini.frames["alpha"].cruxes[0].model_copy(update={"text": "<script>alert(1)</script>"})
    assert isinstance(evil, Crux)
    mini.cruxes["shared"].crux = evil
    try:
        html = fragments.crux_table(mini, "beta", "./")
    finally:
        mini.cruxes["shared"].crux = mini.frames["alpha"].cruxes[0]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_taxonomy_marks_current_frame_in_both_of_its_groups(site_data):
    html = Elements(fragments.taxonomy(site_data, "../../", "distribution-shift"))
    current = html.with_attr("aria-current", "page")
    assert [a["href"] for a in current] == ["../../frames/distribution-shift/"] * 2
    sections = [a["class"] for t, a in html.tags if t == "section"]
    assert len(sections) == 3


def test_taxonomy_marks_current_group(site_data):
    html = Elements(fragments.taxonomy(site_data, "../../", "inner"))
    assert [a["href"] for a in html.with_attr("aria-current")] == ["../../groups/inner/"]


def test_see_also_has_typed_links_and_backlinks(site_data):
    html = fragments.see_also(site_data, "ontology-identification", "../../")
    assert "shares ground with" in html
    assert 'href="../../frames/distribution-shift/">Distribution Shift</a> explains why this frame matters' in html


def test_fragments_have_no_blank_lines(site_data):
    # A blank line would end Markdown's raw HTML block and garble the page.
    for html in (fragments.taxonomy(site_data, "./"), fragments.crux_table(site_data, "outer", "../../"),
                 fragments.see_also(site_data, "pointers-problem", "../../"), fragments.glossary(site_data, "../")):
        assert "\n\n" not in html
