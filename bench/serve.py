"""A small static server for a built site, as it would be deployed: gzip, types, cache headers.

Python's http.server sends files uncompressed and without cache headers, which makes a
measured page look heavier and slower than the deployed one. This one compresses text on the
fly (once per file), names the type with its charset, marks fingerprinted assets immutable,
and serves the site under the path of its site_url (e.g. /frames/), so that 404.html, whose
links are absolute, loads its styles as it would online.

    python -m bench.serve site/ --prefix /frames/ --port 8000
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import re
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# Material's own files carry a content hash in their names (main.57a0d79d.min.css): cache for good.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


def site_prefix(site_dir: Path) -> str:
    """The URL path of the site_url a site was built with ('/frames/'), read from its sitemap."""
    sitemap = Path(site_dir) / "sitemap.xml"
    if not sitemap.is_file():
        return "/"
    first = sitemap.read_text(encoding="utf-8").partition("<loc>")[2].partition("</loc>")[0]
    return urlparse(first).path if first else "/"


def content_type(path: Path) -> str:
    """The Content-Type header for a file, with a charset for text."""
    return TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def cache_control(path: Path) -> str:
    """Fingerprinted assets never change; pages are revalidated; the rest is kept a day."""
    if FINGERPRINTED.search(path.name):
        return "public, max-age=31536000, immutable"
    if path.suffix in (".html", ".json", ".xml"):
        return "no-cache"
    return "public, max-age=86400"


@lru_cache(maxsize=4096)
def compressed(path: Path, mtime_ns: int) -> bytes:
    """The gzip-compressed bytes of a file (cached per file version)."""
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


def make_handler(site_dir: Path, prefix: str):
    """A request handler class serving site_dir under the URL path prefix."""
    site_dir = site_dir.resolve()

    class SiteHandler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_HEAD(self) -> None:
            self.respond(send_body=False)

        def do_GET(self) -> None:
            self.respond(send_body=True)

        def respond(self, send_body: bool) -> None:
            url_path = unquote(urlsplit(self.path).path)
            if url_path + "/" == prefix:
                return self.redirect(prefix)
            if not url_path.startswith(prefix):
                return self.send_file(site_dir / "404.html", 404, send_body)
            target = (site_dir / url_path[len(prefix):]).resolve()
            if site_dir not in (target, *target.parents):
                return self.send_file(site_dir / "404.html", 404, send_body)
            if target.is_dir():
                if not url_path.endswith("/"):
                    return self.redirect(url_path + "/")
                target = target / "index.html"
            if not target.is_file():
                return self.send_file(site_dir / "404.html", 404, send_body)
            self.send_file(target, 200, send_body)

        def redirect(self, location: str) -> None:
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def send_file(self, path: Path, status: int, send_body: bool) -> None:
            if not path.is_file():
                self.send_error(status)
                return
            kind = content_type(path)
            gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
            if gzip_ok and kind.startswith(COMPRESSIBLE):
                body = compressed(path, path.stat().st_mtime_ns)
                encoded = True
            else:
                body = path.read_bytes()
                encoded = False
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", cache_control(path))
            if kind.startswith(COMPRESSIBLE):
                self.send_header("Vary", "Accept-Encoding")
            if encoded:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            if send_body:
                self.wfile.write(body)

    return SiteHandler


class SiteServer:
    """The site served on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, site_dir: Path, prefix: str = "/", port: int = 0):
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.prefix = prefix
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(Path(site_dir), prefix))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{prefix}"

    def __enter__(self) -> "SiteServer":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a built site gzip-compressed on 127.0.0.1.")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--prefix", help="URL path the site lives under (default: its site_url's, e.g. /frames/)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    prefix = args.prefix or site_prefix(args.site_dir)
    with SiteServer(args.site_dir, prefix, args.port) as served:
        print(f"Serving {args.site_dir} at {served.url} (Ctrl-C to stop)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
