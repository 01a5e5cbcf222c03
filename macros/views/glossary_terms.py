"""Glossary terms in a page's finished HTML: the first mention in each section linked to its entry, with a tooltip."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from .. import urls
from .markup import map_text
from ..model import Term
from .templates import render_inline

# A glossary term in a page's finished HTML becomes <abbr class="glossary-term"> around a link to
# its entry, whose aria-description ("Term: definition") screen readers hear as its description and
# site.css shows as a tooltip on hover and while the link has focus, without script (no title: the
# browser would show its own tooltip too); the definition is in the page once per mention. Every
# marked term is that one link, so each has one look and each is reached by Tab; on touch,
# js/site.js makes the first tap show the definition and a second tap follow the link. A term is
# marked at its first mention in each section (a heading starts one), not at every mention: a
# paragraph that names it three times shows it once. Working on the HTML, not the Markdown,
# reaches the text of macro output too (theses, crux tables) and lets headings, links and code stay
# unmarked, which Python-Markdown's abbr cannot do.

# Single words a reader also meets in their everyday sense get no tooltip on their own; they
# still get one inside a longer term ("proxy objective").
EVERYDAY_WORDS = frozenset({
    "agent", "agents", "capabilities", "capability", "circuit", "circuits", "crux", "cruxes",
    "frame", "frames", "framing", "framings", "oracle", "oracles", "policy", "policies",
    "proxy", "proxies",
})
# Text inside these is never marked: headings, links, code, titles of works, existing tooltips,
# navigation, drawings.
UNMARKED_TAGS = frozenset({
    "a", "abbr", "button", "caption", "cite", "code", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "kbd",
    "label", "nav", "pre", "q", "samp", "script", "select", "style", "summary", "svg", "textarea", "title",
})
UNMARKED_CLASSES = frozenset({"glossary", "reading-time", "frame-overview", "diffs"})  # the glossary's own entries; page metadata; the home page's one-line theses


@dataclass(frozen=True)
class TermMatcher:
    """Every spelling that gets a tooltip, each with its glossary entry, and one regex for them all."""

    pattern: re.Pattern[str] | None
    terms: dict[str, Term]
    # The partial's HTML around the text, by term id and link address: filled while pages are
    # marked, so each is rendered once. A build makes a new matcher.
    tooltips: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)


def gets_tooltip(form: str) -> bool:
    """Abbreviations and multi-word terms always; a single word unless it is an everyday word."""
    if " " in form or "-" in form or sum(char.isupper() for char in form) >= 2:
        return True
    return form.lower() not in EVERYDAY_WORDS


def _spellings(form: str) -> list[str]:
    """A form as written, capitalized to start a sentence, and in lower case within one.

    Not in Title Case: that is how the titles of works are written ("The Core of the Alignment
    Problem is..."), and a tooltip would split them up."""
    variants = [form, form[:1].upper() + form[1:]]
    if form[1:2].islower():
        variants.append(form[:1].lower() + form[1:])
    return variants


def joined_words(text: str) -> str:
    """Text with each run of spaces, line breaks or hyphens between words made one space."""
    return re.sub(r"[\s-]+", " ", text)


def _spelling_regex(spelling: str) -> str:
    """A regex for a spelling whose words may be split by a space, a line break or a hyphen ("outer-alignment")."""
    return r"(?:\s+|-)".join(re.escape(word) for word in spelling.split(" "))


def term_matcher(terms: list[Term]) -> TermMatcher:
    """The spellings of every glossary term that gets a tooltip; on a clash the earlier entry wins."""
    found: dict[str, Term] = {}
    for term in terms:
        for form in (term.abbr, term.term, *term.also_matches):
            if form and gets_tooltip(form):
                for spelling in _spellings(form):
                    found.setdefault(joined_words(spelling), term)
    if not found:
        return TermMatcher(None, {})
    # Longest first, so "large language model" wins over "language model" where both start; the
    # guards keep "optimizer" in "mesa-optimizer" and "LM" in "LMs" from matching alone. Grouped
    # by first character, so the regex tries a few spellings at each word instead of all of them:
    # spellings that start differently never match at the same place, so the order still holds.
    by_first: dict[str, list[str]] = {}
    for spelling in sorted(found, key=lambda s: (-len(s), s)):
        by_first.setdefault(spelling[0], []).append(_spelling_regex(spelling[1:]))
    alternatives = "|".join(f"{_spelling_regex(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items())
    return TermMatcher(re.compile(rf"(?<![\w-])(?:{alternatives})(?!\w)"), found)


# An attribute of a start tag: its name and its value, quoted or bare.


_ATTRIBUTE = re.compile(r"""([^\s/>=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
# Stands in for the matched text while the partial renders: autoescape turns every '<' of the data
# into '&lt;', so this can only come from the slot.
_TEXT_SLOT = "<glossary-term-text/>"


def _unmarks(attrs: str) -> bool:
    """Whether a start tag's attributes keep its text plain: a title of its own, or an unmarked class."""
    values = {name.lower(): value for name, value in _ATTRIBUTE.findall(attrs)}
    if "title" in values:
        return True
    classes = values.get("class", "")
    if classes[:1] in ("'", '"'):
        classes = classes[1:-1]
    return bool(UNMARKED_CLASSES.intersection(unescape(classes).split()))


def _term_parts(term: Term, href: str) -> tuple[str, str]:
    """The partial's HTML before and after the matched text, for one term."""
    html = render_inline("glossary_term.html", text=_TEXT_SLOT, term=term, href=href)
    before, _, after = html.partition(_TEXT_SLOT)
    return before, after


# Each of these starts a new section of a page, where the terms it mentions are marked again.
SECTION_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def mark_glossary_terms(html: str, matcher: TermMatcher, glossary_href: str) -> str:
    """The page's HTML with the first mention of each glossary term in each section linked and explained."""
    if matcher.pattern is None:
        return html
    marked: set[str] = set()  # the terms marked since the last heading

    def wrap(match: re.Match[str]) -> str:
        """A found term in its tooltip and linked to its entry, if this section has not marked it yet."""
        text = match.group(0)
        term = matcher.terms[joined_words(text)]
        if term.id in marked:
            return text
        marked.add(term.id)
        key = (term.id, f"{glossary_href}#{urls.term_id(term.id)}")
        if key not in matcher.tooltips:
            matcher.tooltips[key] = _term_parts(term, key[1])
        before, after = matcher.tooltips[key]
        # _render_inline makes the fragment one line, so a line break inside the text becomes a space.
        return before + text.replace("\n", " ") + after

    def opened(tag: str) -> None:
        if tag in SECTION_TAGS:
            marked.clear()

    return map_text(html, lambda text: matcher.pattern.sub(wrap, text),
                    keeps=lambda tag, attrs: tag in UNMARKED_TAGS or _unmarks(attrs), opened=opened)
