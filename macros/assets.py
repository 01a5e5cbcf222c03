"""The site's own stylesheets and scripts, and every page, as served: without comments, indentation or blank lines.

The files in docs/assets keep their comments for contributors; without them a reader's first
page downloads about 3 KB less (compressed). Only what is safe to drop without a full parser
goes: CSS comments (strings are skipped, so a "/*" inside one stays), whole-line // comments in
scripts, leading indentation and blank lines. A script with a template literal (`...`), where a
line may sit inside a string, is left as written. Pages lose the indentation of their lines and
their blank lines (about 0.6 KB compressed a page, most of it the theme's template indentation),
except inside pre, code, kbd, textarea, script and style elements, whose text is kept as written.
"""

from __future__ import annotations

import re

from .markup import map_text

# A CSS string (kept) or a comment (dropped), found in one pass so that neither hides in the other.
_CSS_STRING_OR_COMMENT = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|/\*.*?\*/""", re.DOTALL)
_JS_LINE_COMMENT = re.compile(r"^[ \t]*//.*(?:\n|\Z)", re.MULTILINE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n\s*\n")


def _tidy(text: str) -> str:
    """Text without leading indentation and blank lines, ending in one line break."""
    return _BLANK_LINES.sub("\n", _INDENT.sub("", text)).strip() + "\n"


def shrink_css(text: str) -> str:
    """A stylesheet without its comments, indentation and blank lines."""
    return _tidy(_CSS_STRING_OR_COMMENT.sub(lambda match: match.group(1) or "", text))


def shrink_js(text: str) -> str:
    """A script without its whole-line comments, indentation and blank lines."""
    if "`" in text:
        return text
    return _tidy(_JS_LINE_COMMENT.sub("", text))


# Elements whose text is shown as written (Material sets code and kbd to pre-wrap). Script and style,
# like tags and comments, are markup, which is never changed. An element set to pre by other CSS
# would need adding here.
_WHITESPACE_KEPT = frozenset({"pre", "code", "kbd", "textarea"})
_LINE_START_SPACE = re.compile(r"\n[ \t\r\n\f]+")  # HTML's whitespace only: not a no-break space


def shrink_html(html: str) -> str:
    """A page without the indentation of its lines and its blank lines; the page reads the same."""
    # In text, a line break and the spaces after it are one space to HTML; the line break stays, so
    # no two words or tags are joined.
    return map_text(html, lambda text: _LINE_START_SPACE.sub("\n", text), keeps=lambda tag, attrs: tag in _WHITESPACE_KEPT)
