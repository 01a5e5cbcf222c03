"""First-load weight of a built page: its HTML and every file it makes the browser fetch, gzipped.

Read from the built files, not a browser, so the test suite can check every page cheaply:
stylesheets, scripts, icons, images, preloads, fonts and images that those stylesheets point
to. Text is counted gzip-compressed (level 9, as bench.serve sends it); images and fonts are
counted as they are, since they are already compressed.

Search loads nothing with a page; what a first query fetches is weighed in a browser by
bench/search_weight.py.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
# The static imports of an ES module (`import {a} from "./x.js"`, `import "./x.js"`): the browser fetches them on
# load, before the module runs. Dynamic import() loads later, on demand, and is not counted.
JS_IMPORT = re.compile(r"""(?:\bfrom|^\s*import|;\s*import)\s*["']([^"']+\.js)["']""", re.M)
KINDS = ("html", "css", "js", "fonts", "images")


@lru_cache(maxsize=4096)
def _transfer_size(path: Path, mtime_ns: int) -> int:
    data = path.read_bytes()
    if path.suffix in TEXT_SUFFIXES:
        return len(gzip.compress(data, compresslevel=9, mtime=0))
    return len(data)


def transfer_size(path: Path) -> int:
    """Bytes a gzip-serving host sends for this file."""
    return _transfer_size(path, path.stat().st_mtime_ns)


def kind_of(path: Path) -> str:
    """The column a file is counted in."""
    return {".html": "html", ".css": "css", ".js": "js", ".woff2": "fonts", ".woff": "fonts",
            ".ttf": "fonts"}.get(path.suffix, "images")


class _References(HTMLParser):
    """Collects the URLs a page makes the browser fetch on load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and a.get("href") and ({"stylesheet", "icon", "preload", "modulepreload"} & set(rel)):
            self.urls.append(a["href"])
        elif tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.urls.append(a["src"])


@dataclass
class PageWeight:
    """What one page loads, by file, with gzip-compressed sizes."""

    page: str
    files: dict[Path, int] = field(default_factory=dict)

    def total(self) -> int:
        """Bytes of the first load."""
        return sum(self.files.values())

    def by_kind(self) -> dict[str, int]:
        """Bytes per column: html, css, js, fonts, images."""
        kinds = dict.fromkeys(KINDS, 0)
        for path, size in self.files.items():
            kinds[kind_of(path)] += size
        return kinds

    def summary(self) -> str:
        """One line: the total and its parts, in KB (1 KB = 1,000 bytes)."""
        kinds = self.by_kind()
        parts = ", ".join(f"{kind} {kinds[kind] / 1000:.1f}" for kind in KINDS if kinds[kind])
        return f"{self.page or '(home)'}: {self.total() / 1000:.1f} KB ({parts})"


def _local_file(site_dir: Path, prefix: str, base_url: str, ref: str) -> Path | None:
    """The built file a reference on a page points to, or None (data: URIs, other hosts)."""
    if ref.startswith(("data:", "#", "mailto:", "javascript:")):
        return None
    resolved = urlsplit(urljoin(base_url, ref))
    if resolved.scheme != "http" or resolved.netloc != "site" or not resolved.path.startswith(prefix):
        return None
    path = site_dir / resolved.path[len(prefix):]
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def page_weight(site_dir: Path, page: str, prefix: str = "/") -> PageWeight:
    """Every file the page at this site-relative path ('' for home, 'x/' or '404.html') loads.

    prefix is the path of the site's site_url ('/frames/'): 404.html links to it absolutely.
    """
    html_path = site_dir / page / "index.html" if not page.endswith(".html") else site_dir / page
    base_url = f"http://site{prefix}{page}"
    weight = PageWeight(page)
    weight.files[html_path] = transfer_size(html_path)
    refs = _References()
    refs.feed(html_path.read_text(encoding="utf-8"))
    urls = [(base_url, url) for url in refs.urls]
    while urls:
        base, url = urls.pop()
        found = _local_file(site_dir, prefix, base, url)
        if found is None or found in weight.files:
            continue
        weight.files[found] = transfer_size(found)
        file_url = f"http://site{prefix}{found.relative_to(site_dir).as_posix()}"
        if found.suffix == ".css":
            urls += [(file_url, ref) for ref in CSS_URL.findall(found.read_text(encoding="utf-8"))]
        elif found.suffix == ".js":
            urls += [(file_url, ref) for ref in JS_IMPORT.findall(found.read_text(encoding="utf-8"))]
    return weight
