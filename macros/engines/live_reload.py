"""`make serve` reloads the open page on save, under the same Content Security Policy as the built site.

MkDocs' development server puts an inline script into every HTML page it serves (mkdocs/livereload/__init__.py,
`_inject_js_into_html`): it asks the server whether the site was rebuilt and reloads the page when it was. Its text
differs from response to response (the build's epoch and a request id), and the policy each page carries runs an
inline script only by the hash of its exact text (macros/build/after/csp.py), so the browser refused it and an edit
never showed. Here, under `mkdocs serve` only, each served page's policy also allows that one script, by the hash
of its text in that one response. Nothing else is allowed that the built site does not allow: no 'unsafe-inline'
(browsers ignore it beside hashes anyway), no nonce, no other host; its requests go to the same origin, which
connect-src 'self' already allows. The files the build writes, their policy included, stay byte for byte what
`mkdocs build` writes: only the response is changed, in memory.
"""

from __future__ import annotations

import logging

from ..build.after.csp import added_inline_scripts, allowing

log = logging.getLogger("mkdocs.plugins.live_reload")


def allow_live_reload(server):
    """Make a MkDocs LiveReloadServer allow, in each page it serves, the script it puts there; the server."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:  # a MkDocs whose server works otherwise: say so, rather than fail to serve
        log.warning("This MkDocs puts its live-reload script in differently: pages will not reload on save "
                    "(macros/engines/live_reload.py)")
        return server

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        served = inject(content, epoch)
        before = content.decode("utf-8", "surrogateescape")
        after = served.decode("utf-8", "surrogateescape")
        return allowing(after, added_inline_scripts(before, after)).encode("utf-8", "surrogateescape")

    server._inject_js_into_html = inject_allowed
    return server
