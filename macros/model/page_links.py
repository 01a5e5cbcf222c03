"""The links of the pages, checked before anything is built: each names a page that exists, by a relative link, and an
anchor that page has.

A Markdown link names a page by its Markdown file, relative to the page it is in (`../frames/x.md#crux-y`); the
build turns it into the page's address. A link in raw HTML is not rewritten: it names the page's address,
relative to the address of the page it is in (`../x/`). A link that starts with '/' names a path from the host's
root, which misses the site when it is served under a sub-path (as on GitHub Pages); it is refused. Anchors are
those of macros/model/page_anchors.py. The pages the build writes from the data (a crux's page) count as pages.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import urls
from .page_anchors import page_anchors
from .page_checks import UNSAFE_SCHEMES, blank, prose_of, where
from .problems import Problem
from .site import SiteData

# Where an address starts: a Markdown link or image, a reference definition, a raw HTML attribute.
_MARKDOWN_LINK = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*(?:\([^\s)]*\)[^\s)]*)*)")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_HTML_ADDRESS = re.compile(r"""<[A-Za-z][^<>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class SitePages:
    """The files of a docs folder that links may name, and the pages the build writes from the data."""

    def __init__(self, docs: Path, data: SiteData, display: str = "docs"):
        self.docs, self.data, self.display = docs, data, display
        self.files = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
        self.generated = {urls.crux_page_source(crux) for crux in data.cruxes}
        editions = docs.parent / "data" / "editions"
        for snapshot in editions.glob("*.json") if editions.is_dir() else ():
            self.generated.add(urls.source_of_path(urls.edition_path(snapshot.stem)))
        self._anchors: dict[str, set[str]] = {}

    def exists(self, source: str) -> bool:
        return source in self.files or source in self.generated

    def pages(self) -> list[str]:
        return sorted(s for s in self.files | self.generated if s.endswith(".md"))

    def source_at(self, path: str) -> str | None:
        """The Markdown file served at a site path ('frames/x/' -> 'frames/x.md'), or None."""
        folder = path.rstrip("/")
        for source in (f"{folder}.md", f"{folder}/index.md" if folder else "index.md"):
            if self.exists(source):
                return source
        return None

    def anchors(self, source: str) -> set[str]:
        if source not in self._anchors:
            text = (self.docs / source).read_text(encoding="utf-8-sig", errors="replace") if source in self.files else ""
            self._anchors[source] = page_anchors(self.data, text, urls.subject_at(self.data, urls.source_page_path(source)))
        return self._anchors[source]


def _addresses(prose: str) -> list[tuple[int, str, bool]]:
    """(offset, address, whether it is in raw HTML) for every link and image of a page, in page order."""
    found = [(m.start(1), m.group(1), False) for pattern in (_MARKDOWN_LINK, _REFERENCE) for m in pattern.finditer(prose)]
    for m in _HTML_ADDRESS.finditer(prose):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        found.append((m.start(group), html.unescape(m.group(group)), True))
    return sorted((at, value.strip("<>"), raw) for at, value, raw in found)


def _relative(source: str, target: str) -> str:
    """A relative link from one Markdown file to another."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def link_problems(source: str, text: str, pages: SitePages) -> list[tuple[int, str]]:
    """(offset, what is wrong and what to do) for each link of one page that leads nowhere."""
    prose = blank(prose_of(text), _TEMPLATE)
    problems = []
    for at, address, raw in _addresses(prose):
        squeezed = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(prose[at:at + 200])).lower()
        if not address or _SCHEME.match(address) or address.startswith("//") or squeezed.startswith(UNSAFE_SCHEMES):
            continue  # another site, or an address the script check refuses
        problem = _check(source, address, raw, pages)
        if problem:
            problems.append((at, problem))
    return problems


def _check(source: str, address: str, raw: bool, pages: SitePages) -> str | None:
    parts = urlsplit(address)
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    fragment = f"#{anchor}" if anchor else ""
    if path.startswith("/"):
        site_path = path.lstrip("/")
        target = site_path if site_path.endswith(".md") else pages.source_at(site_path)
        better = f", '{_from(source, target, raw)}{fragment}'" if target and pages.exists(target) else ""
        return (f"'{address}' starts with '/', so it misses the site when it is served under a sub-path; "
                f"use a relative link{better}")
    if not path:
        return _check_anchor(source, source, anchor, pages)
    in_docs = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if raw:
        if path.endswith(".md"):
            better = f" such as '{_from(source, in_docs, True)}{fragment}'" if pages.exists(in_docs) else ""
            return (f"'{address}' is a Markdown file in raw HTML, which the build does not rewrite; write the page's "
                    f"address{better}, or a Markdown link")
        resolved = posixpath.normpath(posixpath.join(urls.source_page_path(source), path))
        is_page = path.endswith("/") or "." not in posixpath.basename(path)
        target = pages.source_at(resolved) if is_page else resolved
        if target is None or resolved.startswith("..") or not pages.exists(target):
            shown = resolved + ("/" if is_page and resolved != "." else "")
            return (f"'{address}' names no page or file: raw HTML resolves it from the page's address, "
                    f"/{urls.source_page_path(source)}, to /{shown.lstrip('.')}, which nothing in {pages.display}/ serves")
    else:
        target = in_docs
        if in_docs.startswith(".."):
            return f"'{address}' is outside {pages.display}/, which is all the site serves; link to it by its https:// address"
        if not pages.exists(in_docs):
            served = pages.source_at(in_docs) if not in_docs.endswith(".md") else None
            if served:
                return f"'{address}' is a page's address; link to its Markdown file, '{_relative(source, served)}{fragment}'"
            return (f"'{address}' names no page or file: there is no {pages.display}/{in_docs}{_suggest(in_docs, pages)}; "
                    f"link to a file in {pages.display}/ by its path from this page")
    if anchor and target.endswith(".md"):
        return _check_anchor(source, target, anchor, pages)
    return None


def _from(source: str, target: str, raw: bool) -> str:
    """How a page links to a file in docs/: its Markdown file from a Markdown link, its address from raw HTML."""
    if not raw:
        return _relative(source, target)
    return posixpath.relpath(urls.source_page_path(target) or ".", urls.source_page_path(source) or ".") + "/"


def _check_anchor(source: str, target: str, anchor: str, pages: SitePages) -> str | None:
    anchors = pages.anchors(target)
    if anchor in anchors:
        return None
    where_to = "this page" if target == source else f"{pages.display}/{target}"
    crux = urls.crux_of_address("#" + anchor) if anchor.startswith(urls.crux_anchor("")) else None
    if crux in pages.data.cruxes:
        owner = urls.page_of(pages.data, pages.data.cruxes[crux].owner)
        home = pages.source_at(owner)
        return (f"crux '{crux}' is not listed on {where_to}; link to the page that lists it, "
                f"'{_relative(source, home or owner)}#{anchor}', or use {{{{ crux_ref('{crux}') }}}}")
    close = difflib.get_close_matches(anchor, sorted(anchors), n=1)
    hint = f" (did you mean '#{close[0]}'?)" if close else ""
    if crux is not None and not close and crux not in pages.data.crux_aliases:
        named = difflib.get_close_matches(crux, sorted(pages.data.cruxes), n=1)
        hint = f"; no crux has the id '{crux}'" + (f" (did you mean '{named[0]}'?)" if named else "")
    return f"no anchor '#{anchor}' on {where_to}{hint}; link to a heading, crux or term the page has"


def _suggest(resolved: str, pages: SitePages) -> str:
    close = difflib.get_close_matches(resolved, pages.pages(), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_links(docs: Path, display: str, data: SiteData, only: list[Path] | None = None) -> list[Problem]:
    """Every link of every page under a docs folder (or of the pages `only` names in it) that names a missing page or
    anchor, or starts with '/'."""
    pages = SitePages(docs, data, display)
    problems = []
    for path in sorted(docs.rglob("*.md")) if only is None else only:
        source = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        for at, message in link_problems(source, text, pages):
            problems.append(Problem(f"{display}/{source}", *where(text, at), "link", message))
    return problems
