"""A Content Security Policy and a referrer policy in every built page, as meta tags (GitHub Pages sets no headers).

Scripts run only from the site itself, or inline when their exact text is allowed by hash: the theme's
inline scripts differ from page to page, so each page gets the hashes of its own. Run after the build on
either engine (macros/build/after/page_finish.py), once the pages are final.
"""

from __future__ import annotations

import base64
import hashlib
import re

REFERRER_POLICY = "same-origin"
# Everything from the site itself. Styles may be inline (the theme and the map's SVG set style
# attributes); images may be data: URLs (the theme's icons are SVG data in its stylesheet).
# 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search, and nothing else.
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
)
_INLINE = re.compile(r"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.S | re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>\s*(?:<meta charset=[^>]*>)?", re.I)
_MARK = '<meta http-equiv="Content-Security-Policy"'


class CspError(Exception):
    """A page has no <head> to carry the policy."""


def script_hash(text: str) -> str:
    """The CSP source that allows one inline script: 'sha256-<base64 of its text's digest>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# Under `mkdocs serve` only: MkDocs' server puts a live-reload script into each page it serves, after the build,
# with text that changes from request to request, so no hash can name it. Browsers ignore 'unsafe-inline' beside
# hashes, so the served pages carry no hashes but 'unsafe-inline'; every other directive is the built site's.
SERVING = "'unsafe-inline'"


def policy_for(html: str, serving: bool = False) -> str:
    """The policy for a page: POLICY with the hash of each of its inline scripts, in page order (under serve, see SERVING)."""
    if serving:
        return POLICY.format(hashes=" " + SERVING)
    hashes = dict.fromkeys(script_hash(body) for body in _INLINE.findall(html))
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def with_policies(html: str, serving: bool = False) -> str | None:
    """The page with both policies first in its head (before any script), or None if it has no head."""
    if _MARK in html:
        html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>\s*<meta name="referrer"[^>]*>', "", html)
    head = _HEAD.search(html)
    if head is None:
        return None
    tags = (f'\n<meta http-equiv="Content-Security-Policy" content="{policy_for(html, serving)}">'
            f'\n<meta name="referrer" content="{REFERRER_POLICY}">')
    return html[: head.end()] + tags + html[head.end():]

