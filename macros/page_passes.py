"""A Python-Markdown extension, named in mkdocs.yml: passes over each page's finished HTML, on either engine.

Both engines convert pages with Python-Markdown, so the passes run the same way on both: the estimated
reading time under the title, then the glossary terms: the first mention of each in each section
linked to its entry, with its definition as a tooltip. Working on the finished HTML reaches the text of macro output too.

A Markdown converter knows neither its page nor its project. The `page_end()` macro, which every page
calls, leaves the page's prefix to the site root in an HTML comment (urls.site_root_mark), which the
glossary pass reads and removes; the glossary is the one the macros loaded for this build.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from . import urls
from .project import data_of_this_build
from .views.glossary_terms import TermMatcher, mark_glossary_terms, term_matcher
from .views.reading_time import with_reading_time


class PagePasses(Extension):
    """Reading time and glossary tooltips on each page's finished HTML."""

    def extendMarkdown(self, md) -> None:
        # Python-Markdown also runs the postprocessors over each heading's inner HTML while it builds
        # the table of contents; a treeprocessor that runs after all others marks the point from
        # which the text is the whole page.
        tree_done = _TreeDone(md)
        md.treeprocessors.register(tree_done, "page_passes_tree_done", -100)
        # The lowest priority: after every postprocessor of Markdown's own (raw HTML is back in place).
        md.postprocessors.register(_PagePasses(md, tree_done), "page_passes", -100)


class _TreeDone(Treeprocessor):
    done = False

    def run(self, root) -> None:
        self.done = True


class _PagePasses(Postprocessor):
    def __init__(self, md, tree_done: _TreeDone):
        super().__init__(md)
        self.tree_done = tree_done

    def run(self, text: str) -> str:
        if not self.tree_done.done:
            return text
        root, text = urls.take_site_root_mark(text)
        text = with_reading_time(text)
        if root is None:
            return text
        return mark_glossary_terms(text, self.matcher(), root + urls.GLOSSARY)

    def matcher(self) -> TermMatcher:
        """One matcher per loaded glossary: compiling its regex is the costly part."""
        glossary = data_of_this_build().glossary
        if _matcher.get("glossary") is not glossary:
            _matcher.update(glossary=glossary, matcher=term_matcher(glossary.terms))
        return _matcher["matcher"]


_matcher: dict = {}


def makeExtension(**kwargs) -> PagePasses:
    return PagePasses(**kwargs)
