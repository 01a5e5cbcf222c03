"""Pages are sent without the indentation between their tags: the same text and code, fewer bytes."""

from __future__ import annotations

import re

from macros.build.after.html_space import without_indentation

PAGE = """<html>
  <head>
    <script>
      if (a) {
        b();
      }
    </script>
    <style>
      .x { color: red }
    </style>
  </head>
  <body>
    <nav class="md-nav">
      <ul>
        <li><a href="#"   title="two
    lines">One</a></li>
      </ul>
    </nav>
    <!-- a
         comment -->
    <p>Some   words
       across lines <code>a  b
   c</code> and <kbd>Ctrl  +  C</kbd>.</p>
    <pre><code>def f():
    return 1
</code></pre>
    <textarea>
  kept
</textarea>
  </body>
</html>
"""


def text_of(html: str) -> str:
    """What a reader reads where white space collapses: the text without tags, runs of white space as one."""
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def test_indentation_between_tags_goes_and_nothing_else_changes():
    shown = without_indentation(PAGE)
    assert len(shown) < len(PAGE)
    assert "\n " not in re.sub(r"<(pre|textarea|script|style|code|kbd)\b.*?</\1>|<!--.*?-->|<[^>]*>", "", shown, flags=re.S)
    assert text_of(shown) == text_of(PAGE)
    for kept in re.findall(r"<(?:pre|textarea|script|style|code|kbd)\b.*?</(?:pre|textarea|script|style|code|kbd)>|"
                           r"<!--.*?-->|<a [^>]*>", PAGE, flags=re.S):
        assert kept in shown, kept
    assert "Some   words\nacross lines" in shown  # spaces within a line stay: only runs holding a line break change


def test_a_page_without_line_breaks_is_unchanged():
    page = "<p>One  two</p><pre>  x  </pre>"
    assert without_indentation(page) == page
