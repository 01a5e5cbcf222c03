"""The site's URL scheme: every page path, anchor and address is made here, and nowhere else.

Paths are relative to the site root ('frames/x/'); hrefs are relative to the page that shows them
('../../frames/x/'), so the site works from any folder it is served under. Templates get a `Links`
bound to their page and ask it, instead of spelling out paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import SiteData

FRAMES, GROUPS = "frames", "groups"
GLOSSARY = "glossary/"
CRUX_EXPLORER = "cruxes/"
# One page per crux, in the explorer's folder: cruxes/<id>/, from docs/cruxes/<id>.md, which the build writes.
CRUX_PAGES = "cruxes/"
EXPORT = "frames.json"
# Dated editions (macros/model/editions.py): each frame, group and crux as it read then, at a permanent address.
EDITIONS = "editions/"
# The one page the engine renders for the build to fill with each edition's frame, group and crux pages
# (macros/build/generated_pages.py): as deep as they are, so its relative links work from theirs. Removed after.
EDITION_CSS = "assets/edition.css"  # the look of the editions' articles, the tombstones and the changes, loaded by them only
EDITION_SHELL_FOLDER = f"{EDITIONS}shell/"
EDITION_SHELL = f"{EDITION_SHELL_FOLDER}frames/page/"
# The id of a filled page's title, which the shell's skip link leads to.
TITLE_ID = "title"
# What changed from edition to edition, as a page and as an Atom feed.
CHANGES = "changes/"
FEED = "changes/feed.xml"
ASSETS = "assets/"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
VERDICT = "verdict/"
# For machines (llmstxt.org): what the site is and where each page's Markdown twin is.
LLMS_TXT = "llms.txt"
# A page's Markdown twin sits at its address plus index.html.md, as llmstxt.org asks of a URL without a file name.
TWIN_FILE = "index.html.md"
# The image a shared link to a page unfurls with (og:image), drawn by the build from the data.
CARDS = f"{ASSETS}cards/"
# The search index (macros/build/after/search.py writes it; docs/assets/js/site.js and search.js load it from there).
SEARCH_INDEX = "pagefind/"


# ---------------------------------------------------------------- anchors (public: data/addresses.txt lists them)


# Scripts get it from a data attribute their widget's template writes (docs/assets/js/ spells no address).
CRUX_ANCHOR_PREFIX = "crux-"


def crux_anchor(crux: str) -> str:
    """The anchor of a crux on a page (its element's id, without the #): crux-<id>."""
    return CRUX_ANCHOR_PREFIX + crux


def crux_of_address(address: str) -> str:
    """The crux id in a crux's address on a page ('/frames/x/#crux-<id>' -> '<id>')."""
    return address.rpartition("#" + CRUX_ANCHOR_PREFIX)[2]


def term_id(term: str) -> str:
    """The id of a glossary entry: #term-<id>."""
    return f"term-{term}"


def letter_id(letter: str) -> str:
    """The id of a letter's part of the glossary, for its A-Z bar (not a public address): #letter-<a>."""
    return f"letter-{letter.lower() if letter.isalpha() else 'other'}"


# The section of a frame's or group's page that reports the discussion under the post (written in the pages).
DISCUSSION_SECTION = "critiques"
# The section of a frame's or group's page that lists its cruxes (written in the pages).
CRUX_SECTION = "cruxes"


def owner_id(owner: str) -> str:
    """The id of a frame's or group's section of the crux explorer: #owner-<id>."""
    return f"owner-{owner}"


# ---------------------------------------------------------------- paths from the site root


def page_of(data: SiteData, owner: str) -> str:
    """Site-relative path of the page of a frame or a group."""
    return old_page_of(data, owner, owner)


def old_page_of(data: SiteData, owner: str, alias: str) -> str:
    """The page path a frame's or group's id (or an old id of it) names: frames/<id>/ or groups/<id>/."""
    return f"{GROUPS if owner in data.groups else FRAMES}/{alias}/"


def term_path(term: str) -> str:
    """Site-relative address of a glossary entry."""
    return f"{GLOSSARY}#{term_id(term)}"


def crux_path(data: SiteData, crux: str) -> str:
    """Site-relative permanent address of a crux on the page that defines it."""
    return f"{page_of(data, data.cruxes[crux].owner)}#{crux_anchor(crux)}"


def crux_page_path(crux: str) -> str:
    """Site-relative permanent address of a crux's own page."""
    return f"{CRUX_PAGES}{crux}/"


def crux_page_source(crux: str) -> str:
    """The Markdown file, relative to docs/, that the build writes for a crux's page."""
    return f"{CRUX_PAGES}{crux}.md"


def crux_at(data: SiteData, page_path: str) -> str | None:
    """The id of the crux whose own page is at this path ('cruxes/<id>/'), or None."""
    if not page_path.startswith(CRUX_PAGES):
        return None
    crux = page_path.removeprefix(CRUX_PAGES).removesuffix("/")
    return crux if crux in data.cruxes else None


def edition_path(edition: str) -> str:
    """Site-relative address of an edition's contents page."""
    return f"{EDITIONS}{edition}/"


def edition_crux_path(edition: str, crux: str) -> str:
    """Site-relative permanent address of a crux as an edition gives it."""
    return f"{EDITIONS}{edition}/{CRUX_PAGES}{crux}/"


def edition_owner_path(edition: str, owner: str, is_group: bool) -> str:
    """Site-relative permanent address of a frame or group as an edition gives it."""
    return f"{EDITIONS}{edition}/{GROUPS if is_group else FRAMES}/{owner}/"


# The changes since the latest edition, on the changes page, before the editions' own sections.
UNRELEASED = "unreleased"


def change_id(edition: str) -> str:
    """The id of an edition's section of the changes page: #edition-<name> (#unreleased for the changes since)."""
    return UNRELEASED if edition == UNRELEASED else f"edition-{edition}"


def change_crux_id(edition: str, crux: str) -> str:
    """The id of one crux's change in an edition's section of the changes page."""
    return f"{change_id(edition)}-crux-{crux}"


def card_path(page_path: str) -> str:
    """Site-relative address of a page's card: 'frames/x/' -> 'assets/cards/frames/x.png', '' -> 'assets/cards/index.png'."""
    return f"{CARDS}{page_path.strip('/') or 'index'}.png"


def has_card(page_path: str) -> bool:
    """Whether a page gets a card: every page but an edition's archived pages (the list of editions has one)."""
    return not page_path.startswith(EDITIONS) or page_path == EDITIONS


def twin_path(page_path: str) -> str:
    """Site-relative address of a page's Markdown twin: 'frames/x/' -> 'frames/x/index.html.md'."""
    return f"{page_path}{TWIN_FILE}"


def source_page_path(src_uri: str) -> str:
    """The path a Markdown file in docs/ is served at: 'frames/x.md' -> 'frames/x/', 'index.md' -> ''."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def source_of_path(page_path: str) -> str:
    """The Markdown file, relative to docs/, that the build writes for a page it makes: 'editions/x/' -> 'editions/x/index.md'."""
    return f"{page_path}index.md"


def source_of(page_path: str, docs: Path) -> str:
    """The Markdown file in docs/ that is served at a path: 'frames/x/' -> 'frames/x.md' (or 'frames/x/index.md')."""
    folder = page_path.rstrip("/")
    if folder and (docs / f"{folder}.md").is_file():
        return f"{folder}.md"
    return f"{folder}/index.md" if folder else "index.md"


def subject_at(data: SiteData, page_path: str) -> str | None:
    """The id of the frame or group whose page is at this path ('frames/<id>/', 'groups/<id>/'), or None."""
    folder, _, rest = page_path.partition("/")
    owner = rest.removesuffix("/")
    if (folder == FRAMES and owner in data.frames) or (folder == GROUPS and owner in data.groups):
        return owner
    return None


# ---------------------------------------------------------------- from one page to another


def root_prefix(page_url: str) -> str:
    """Relative path from a page (its URL from the root, e.g. 'frames/x/') back to the site root."""
    depth = len([part for part in page_url.split("/") if part])
    if page_url and not page_url.endswith("/"):
        depth -= 1  # a file URL such as '404.html' sits in its folder
    return "../" * depth if depth > 0 else "./"


def absolute(site_url: str, path: str) -> str:
    """An absolute URL when the site's address is known, else a path from the site root."""
    return (site_url.rstrip("/") if site_url else "") + "/" + path


def data_entry_url(repo_url: str, edit_uri: str, data_file: str, line: int) -> str:
    """The repository address of one line of a data file, on the branch that edit_uri names."""
    parts = edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"
    return f"{repo_url.rstrip('/')}/blob/{branch}/{data_file}#L{line}"


@dataclass(frozen=True)
class Links:
    """Hrefs as seen from one page; what templates use."""

    data: SiteData
    root: str  # root_prefix of the page

    def page(self, owner: str) -> str:
        return self.root + page_of(self.data, owner)

    def crux(self, crux: str, on: str | None = None) -> str:
        """A crux on the page of `on` (a frame or group that lists it), by default where it is defined."""
        return self.page(on or self.data.cruxes[crux].owner) + "#" + crux_anchor(crux)

    def discussion(self, owner: str) -> str:
        """The section of a frame's or group's page that reports the discussion under the post."""
        return self.page(owner) + "#" + DISCUSSION_SECTION

    def crux_page(self, crux: str) -> str:
        """The crux's own page."""
        return self.root + crux_page_path(crux)

    def crux_explorer(self) -> str:
        return self.root + CRUX_EXPLORER

    def term(self, term: str) -> str:
        """A glossary entry."""
        return self.root + term_path(term)

    def twin(self, page_path: str) -> str:
        """A page's Markdown twin."""
        return self.root + twin_path(page_path)

    def asset(self, path: str) -> str:
        return self.root + ASSETS + path
