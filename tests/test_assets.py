"""The site's own CSS and JS are served without comments (macros/assets.py, run by macros/hooks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.assets import shrink_css, shrink_js

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
