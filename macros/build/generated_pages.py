"""The Markdown files of the pages the data makes, written before the engine lists docs/ (both engines read only files).

They are generated, never committed (git ignores them): a crux's page (docs/cruxes/<id>.md), a tombstone at
the address of a crux an edition had and the site no longer has, an edition's contents
(docs/editions/<name>/index.md), and the one shell that the engine renders with the site's header,
navigation and search and that the build fills with each edition's frame, group and crux pages afterwards
(macros/build/after/edition_pages.py). Only files that change are rewritten, so `mkdocs serve` does not
rebuild for nothing; a generated file whose page is gone is removed, and a file without the mark is
someone's own page, never touched.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import urls
from ..model import SiteData
from ..model.page_text import GENERATED_MARK
from ..model.editions import Edition, removed_cruxes

# The first line after the front matter of every generated file.
MARK = GENERATED_MARK
# Words in the shell that the build replaces with each filled page's own (macros/build/after/edition_pages.py).
SHELL_TITLE = "SHELL-TITLE"
SHELL_DESCRIPTION = "SHELL-DESCRIPTION"


def _page(meta: dict[str, str], title: str, body: str) -> str:
    # json.dumps gives a double-quoted string that YAML reads back as it was. The heading's id is fixed: a crux's
    # title carries its words, and an id made from them would move whenever they are reworded.
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{front}---\n{MARK}\n\n# {title} {{ #{urls.TITLE_ID} }}\n\n{body}\n"


def generated_pages(data: SiteData, editions: list[Edition]) -> dict[str, str]:
    """Source path (relative to docs/) -> Markdown, for every page the data makes."""
    pages = {urls.crux_page_source(crux): _page({"crux": crux}, data.crux_title(crux), "{{ crux_page() }}\n\n{{ page_end() }}")
             for crux in data.cruxes}
    for crux in removed_cruxes(data, editions):
        pages[urls.crux_page_source(crux)] = _page({"removed_crux": crux, "generated": "data"}, f"Removed crux: {crux}",
                                                   "{{ tombstone() }}\n\n{{ page_end() }}")
    for edition in editions:
        pages[urls.source_of_path(urls.edition_path(edition.name))] = _page(
            {"edition": edition.name, "generated": "data"}, f"Edition {edition.name}",
            "{{ edition_contents() }}\n\n{{ page_end(taxonomy=False) }}")
    if editions:
        pages[urls.source_of_path(urls.EDITION_SHELL)] = (
            f"---\ntitle: {SHELL_TITLE}\ndescription: {SHELL_DESCRIPTION}\ngenerated: data\nshell: true\n---\n{MARK}\n\n"
            f"# {SHELL_TITLE} {{ #{urls.TITLE_ID} }}\n")
    return pages


def write_generated_pages(data: SiteData, editions: list[Edition], docs: Path) -> list[str]:
    """Write every generated page that changed, remove those whose page is gone; the files changed."""
    wanted = {docs / path: text for path, text in generated_pages(data, editions).items()}
    changed = []
    for folder in (docs / urls.CRUX_PAGES, docs / urls.EDITIONS):
        for old in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            if old not in wanted and old.read_text(encoding="utf-8").partition("\n---\n")[2].startswith(MARK):
                old.unlink()
                changed.append(old.relative_to(docs).as_posix())
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path.relative_to(docs).as_posix())
    return changed
