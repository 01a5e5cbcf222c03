"""The project's files in one place: where data/ and docs/ are, and its data loaded once per change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import SiteData, load


@dataclass(frozen=True)
class Project:
    """A checkout of the site: the folder that holds mkdocs.yml, data/ and docs/."""

    root: Path

    @property
    def frames_file(self) -> Path:
        return self.root / "data" / "frames.yml"

    @property
    def glossary_file(self) -> Path:
        return self.root / "data" / "glossary.yml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def frame_pages(self) -> Path:
        return self.docs / "frames"

    def check(self) -> SiteData:
        """Every check of the data and the pages, the same for the build and `python -m macros.cli validate`."""
        return load(self.frames_file, self.glossary_file, pages_dir=self.frame_pages, docs_dir=self.docs, root=self.root)

    def load(self, *, look_at_pages: bool = True) -> SiteData:
        """The validated data (DataError lists every problem); parsed again only when a file changed.

        Any edit to the data or to a page changes the key, so `mkdocs serve` checks again. Finding an
        edited page means looking at every page, so what asks once per page (the page's metadata) passes
        look_at_pages=False: within one build the pages do not change, and a thousand frames would
        otherwise cost a million file lookups.
        """
        files = (self.frames_file, self.glossary_file)
        data_key = (self.root, *(p.stat().st_mtime_ns if p.is_file() else None for p in files))
        if look_at_pages or _loaded.get("data_key") != data_key:
            pages_key = tuple(sorted((p.as_posix(), p.stat().st_mtime_ns) for p in self.docs.rglob("*.md")))
        else:
            pages_key = _loaded["pages_key"]
        if _loaded.get("data_key") != data_key or _loaded.get("pages_key") != pages_key:
            _loaded.clear()
            _loaded["data"] = self.check()
            _loaded.update(data_key=data_key, pages_key=pages_key)
        return _loaded["data"]


def data_of_this_build() -> SiteData:
    """The data the macros loaded for the build under way (Markdown passes cannot tell which project they are in)."""
    if "data" not in _loaded:
        raise LookupError("no project loaded yet: the macros load it before any page is converted")
    return _loaded["data"]


# The macros, the Markdown passes and the post-build step of one build all read the same data.
_loaded: dict = {}
