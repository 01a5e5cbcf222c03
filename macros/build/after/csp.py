"""A Content Security Policy and a referrer policy in every built page, as meta tags (GitHub Pages sets no headers).

Scripts run only from the site itself, or inline when their exact text is allowed by hash: the theme's
inline scripts differ from page to page, so each page gets the hashes of its own. Run after the build on
either engine (macros/build/after/page_finish.py), once the pages are final.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter

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
_SCRIPT_SRC = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src [^;"]*')


class CspError(Exception):
    """A page has no <head> to carry the policy."""


def script_hash(text: str) -> str:
    """The CSP source that allows one inline script: 'sha256-<base64 of its text's digest>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy_for(html: str) -> str:
    """The policy for a page: POLICY with the hash of each of its inline scripts, in page order."""
    hashes = dict.fromkeys(script_hash(body) for body in _INLINE.findall(html))
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def with_policies(html: str) -> str | None:
    """The page with both policies first in its head (before any script), or None if it has no head."""
    if _MARK in html:
        html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>\s*<meta name="referrer"[^>]*>', "", html)
    head = _HEAD.search(html)
    if head is None:
        return None
    tags = (f'\n<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
            f'\n<meta name="referrer" content="{REFERRER_POLICY}">')
    return html[: head.end()] + tags + html[head.end():]


def added_inline_scripts(before: str, after: str) -> list[str]:
    """The texts of the inline scripts that `after` has and `before` has not (each as many times as it was added)."""
    return list((Counter(_INLINE.findall(after)) - Counter(_INLINE.findall(before))).elements())


def allowing(html: str, scripts: list[str]) -> str:
    """The page with its policy also allowing these inline scripts, each by the hash of its text, and nothing else.

    Only `mkdocs serve` uses it, on each page it serves, for the live-reload script it puts there
    (macros/engines/live_reload.py); the built pages are never rewritten with it."""
    hashes = "".join(" " + script_hash(text) for text in dict.fromkeys(scripts))
    return _SCRIPT_SRC.sub(lambda found: found.group(0) + hashes, html, count=1) if hashes else html
