"""For each page: what it gets besides its own text, its metadata and the blocks it ends with."""

from __future__ import annotations

import re

from .. import urls
from ..model.page_text import heading_of, split_front_matter
from ..views import cards, citation, fragments, structured_data
from ..views.twins import SiteFacts
from ..views.revisions import crux_revisions, frame_revisions
from .context import Build
from .generated_pages import MARK

# Pages other than frame pages that carry a "Cite this" block, by path, with the title to cite.
CITED_PAGES = {urls.CRUX_EXPLORER: "Crux explorer"}


def page_meta(build: Build, page_path: str, text: str) -> dict[str, str]:
    """The page's description, title for link previews, data-entry address and last-changed date."""
    data, site_name, repo_url = build.data, build.settings.site_name, build.settings.repo_url
    # Every page's head links the Atom feed of the changes (overrides/main.html), and its search dialog
    # tells the scripts where the search index is (overrides/partials/site-search.html). The site-relative
    # paths serve the 404 page too, which has no meta of its own and reads the home page's.
    meta = {"og_type": "website" if page_path == "" else "article", "feed_href": urls.root_prefix(page_path) + urls.FEED,
            "feed_path": urls.FEED, "search_index": urls.SEARCH_INDEX}
    # Link previews name the page by its own heading: nav titles such as "Overview" say too little.
    # Its attribute list ("# About this site { #about }") is not part of it.
    heading = next((re.sub(r"\s*\{[^{}]*\}\s*$", "", line[2:].strip()) for line in text.splitlines()
                    if line.startswith("# ")), None)
    meta["og_title"] = site_name if page_path == "" else (heading or "")
    subject = urls.subject_at(data, page_path)
    crux = urls.crux_at(data, page_path)
    if crux:
        # A pasted link to a crux unfurls with the crux's own words, as complete sentences.
        meta["description"] = data.crux_description(crux)
        subject = data.cruxes[crux].owner  # its edit-data button opens the entry of the frame that defines it
        # Its Markdown file is generated: the only edit button opens the data (overrides/partials/actions.html).
        meta["generated"] = "data"
    elif subject:
        meta["description"] = data.owner(subject).thesis
    # A second edit button (overrides/partials/actions.html) opens the entry in data/frames.yml.
    if subject and repo_url and subject in data.entry_lines:
        meta["data_entry_url"] = urls.data_entry_url(repo_url, build.settings.edit_uri, data.data_file, data.entry_lines[subject])
        meta["data_entry_line"] = str(data.entry_lines[subject])
    # The date its words last changed: its Markdown's and the data's it shows (macros/build/page_dates.py). A crux's
    # page is written from the data at each build and dated by its words too; the other pages the build writes
    # (tombstones, editions, the shell its pages are filled into) show words dated by their edition instead.
    changed = build.dates.get(page_path) if crux or MARK not in text else None
    if changed:
        meta["last_changed"] = changed
    # Reference managers read the citation of frame and crux pages from Highwire meta (overrides/main.html).
    cited = data.crux_title(crux) if crux else (data.frames[subject].title if subject in data.frames else None)
    if cited:
        meta.update(citation.highwire(citation.page_fields(cited, "", page_path, site_name, changed)))
    meta.update(machine_meta(build, page_path, text, meta))
    return {key: value for key, value in meta.items() if value}


def machine_meta(build: Build, page_path: str, text: str, meta: dict[str, str]) -> dict[str, str]:
    """What a page tells machines: its card (og:image, drawn after the pages by macros/build/after/cards.py, from the
    same view) and its JSON-LD. `meta`: what page_meta found so far (title, description, date)."""
    settings, data = build.settings, build.data
    front = split_front_matter(text)[0]
    description = meta.get("description") or front.get("description") or settings.site_description
    found = {}
    card = cards.card_for(data, page_path, heading_of(text), front.get("description"))
    if card:
        found.update(og_image=urls.absolute(settings.site_url, urls.card_path(page_path)), og_image_alt=card.alt,
                     og_image_width=str(cards.WIDTH), og_image_height=str(cards.HEIGHT))
    # The shell the build fills with the editions' pages gets theirs then (macros/build/after/edition_pages.py).
    if not page_path.startswith(urls.EDITION_SHELL_FOLDER):
        site = SiteFacts(settings.site_name, settings.site_url, settings.site_description)
        crux = urls.crux_at(data, page_path)
        title = data.crux_title(crux) if crux else (meta.get("og_title") or heading_of(text) or settings.site_name)
        graph = structured_data.page_graph(data, page_path, site, title, description, meta.get("last_changed"),
                                           found.get("og_image"))
        found["json_ld"] = structured_data.script_text(graph)
    return found


def page_end(build: Build, page_path: str, root: str, last_changed: str | None, with_taxonomy: bool = True) -> str:
    """The blocks a page ends with: "Cite this" on frame and crux pages and the crux explorer, then the taxonomy."""
    data, editions, site_name = build.data, build.editions, build.settings.site_name
    canonical_url = urls.absolute(build.settings.site_url, page_path)
    subject = urls.subject_at(data, page_path)
    crux = urls.crux_at(data, page_path)
    blocks = []
    if subject in data.frames or page_path in CITED_PAGES or crux:
        revisions = None
        if crux:
            title = data.crux_title(crux)
            revisions = crux_revisions(data, editions, crux)
        elif subject in data.frames:
            title = data.frames[subject].title
            revisions = frame_revisions(data, editions, subject)
        else:
            title = CITED_PAGES[page_path]
        blocks.append(citation.cite_block(data, title, canonical_url, page_path, site_name, last_changed,
                                          revisions=revisions, root=root))
    # The home page places the taxonomy itself, higher up.
    if with_taxonomy:
        blocks.append(fragments.taxonomy(data, root, subject))
    return "\n\n".join(blocks)
