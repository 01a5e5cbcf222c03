"""The site's own CSS and JS are served without comments, and pages without indentation (macros/assets.py, run by macros/hooks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.assets import shrink_css, shrink_html, shrink_js

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_css_comments_indentation_and_blank_lines_go():
    css = "/* Why. */\n.a {\n  color: red; /* inline */\n}\n\n\n/* Multi\n   line */\n.b { margin: 0 }\n"
    assert shrink_css(css) == ".a {\ncolor: red; \n}\n.b { margin: 0 }\n"


def test_css_strings_keep_what_looks_like_a_comment():
    css = """.a::after { content: "/* not a comment */"; }\n.b::before { content: '\\'/*'; } /* gone */\n"""
    assert shrink_css(css) == """.a::after { content: "/* not a comment */"; }\n.b::before { content: '\\'/*'; }\n"""


def test_js_whole_line_comments_go_and_code_with_slashes_stays():
    js = ('// Why this file.\n(function () {\n  // why this line\n  var url = "http://x/y"; // kept: not a whole line\n'
          '  var re = /\\/\\//;\n\n  return url;\n})();\n')
    assert shrink_js(js) == '(function () {\nvar url = "http://x/y"; // kept: not a whole line\nvar re = /\\/\\//;\nreturn url;\n})();\n'


def test_js_with_a_template_literal_is_left_as_written():
    js = "var text = `one\n  // this line is inside the string\n`;\n"
    assert shrink_js(js) == js


@pytest.mark.parametrize("source", sorted([*DOCS.rglob("*.css"), *DOCS.rglob("*.js")]), ids=lambda p: p.name)
def test_the_built_site_serves_each_own_asset_shrunk(built_site, source):
    text = source.read_text(encoding="utf-8")
    built = (built_site / source.relative_to(DOCS)).read_text(encoding="utf-8")
    assert built == (shrink_css(text) if source.suffix == ".css" else shrink_js(text))
    assert len(built) < 0.9 * len(text)  # every one of them is commented for contributors


def test_html_loses_indentation_and_blank_lines_but_keeps_each_line_break():
    html = '<nav>\n    <ul>\n\n      <li><a href="#a">A</a>\n        and <b>b</b></li>\n    </ul>\n</nav>\n'
    assert shrink_html(html) == '<nav>\n<ul>\n<li><a href="#a">A</a>\nand <b>b</b></li>\n</ul>\n</nav>\n'


@pytest.mark.parametrize("tag", ["pre", "code", "kbd", "textarea", "script", "style"])
def test_html_text_shown_or_run_as_written_is_kept(tag):
    kept = f'<{tag} class="x">line one\n    indented\n\n  after a blank line</{tag}>'
    assert shrink_html(f"<div>\n  {kept}\n  </div>") == f"<div>\n{kept}\n</div>"


def test_html_tags_are_kept_whole_with_values_that_span_lines():
    html = '<p title="one\n    two" class=\'a\n  b\'>text\n    more</p>\n  <!-- a\n    comment -->'
    assert shrink_html(html) == '<p title="one\n    two" class=\'a\n  b\'>text\nmore</p>\n<!-- a\n    comment -->'


def test_html_inside_nested_kept_elements_is_kept_to_the_outer_end_tag():
    html = "<kbd><kbd>Ctrl</kbd>\n  +\n  <kbd>C</kbd></kbd>\n  <p>after</p>"
    assert shrink_html(html) == "<kbd><kbd>Ctrl</kbd>\n  +\n  <kbd>C</kbd></kbd>\n<p>after</p>"


def test_html_keeps_a_no_break_space_at_the_start_of_a_line():
    assert shrink_html("<p>one\n\u00a0two</p>") == "<p>one\n\u00a0two</p>"


def test_every_built_page_is_served_without_indentation(built_site, all_pages):
    for path in [*(f"{page}index.html" for page in all_pages), "404.html"]:
        page = (built_site / path).read_text(encoding="utf-8")
        assert shrink_html(page) == page, f"{path} still has indented lines"
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "\n  <" not in home.split("<pre", 1)[0]  # the theme indents its templates
