"""`make serve` reloads the open page on save, under the built site's policy plus the one live-reload script."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from types import SimpleNamespace

import pytest
from mkdocs.livereload import LiveReloadServer

from conftest import ROOT
from macros.build.after.csp import POLICY, policy_for, script_hash, with_policies
from macros.engines.live_reload import allow_live_reload
from test_csp import META, check_page_policy, directives

PAGE = ('<html><head><meta charset="utf-8"><script>theme()</script></head>'
        '<body><p>Words</p><script>theme()</script></body></html>')


def mkdocs_server():
    """Something that injects as MkDocs' development server does, with its own code, without serving."""
    server = SimpleNamespace()
    server._inject_js_into_html = lambda content, epoch: LiveReloadServer._inject_js_into_html(server, content, epoch)
    return server


def test_a_served_page_allows_the_live_reload_script_by_its_hash_and_nothing_more():
    built = with_policies(PAGE)
    served = allow_live_reload(mkdocs_server())._inject_js_into_html(built.encode(), 1234).decode()
    injected = re.findall(r"<script>(.*?)</script>", served, re.S)[-1]
    assert "livereload(1234, " in injected  # MkDocs' own script, put in before </body>
    policy, built_policy = META.search(served).group(1), META.search(built).group(1)
    # The built page's policy, with the hash of that one script added to script-src, and no other change.
    built_rules = directives(built_policy)
    assert directives(policy) == {**built_rules, "script-src": [*built_rules["script-src"], script_hash(injected)]}
    assert check_page_policy(served) == []
    assert served.replace(f" {script_hash(injected)}", "", 1).replace(f"<script>{injected}</script>", "") == built


def test_each_response_allows_only_its_own_script():
    server = allow_live_reload(mkdocs_server())
    built = with_policies(PAGE).encode()
    # Before and after a rebuild (MkDocs' epoch); its request id differs too, from one millisecond to the next.
    first, second = (server._inject_js_into_html(built, epoch).decode() for epoch in (1, 2))
    one, two = (re.findall(r"<script>(.*?)</script>", page, re.S)[-1] for page in (first, second))
    assert one != two
    assert script_hash(two) not in first and script_hash(one) not in second


def test_the_built_policy_has_no_allowance_for_serving():
    # What the build writes into every page depends on the page alone: no 'unsafe-inline', nonce or extra hash.
    policy = policy_for(PAGE)
    assert policy == POLICY.format(hashes=" " + script_hash("theme()"))
    sources = directives(policy)["script-src"]
    assert sources == ["'self'", "'wasm-unsafe-eval'", script_hash("theme()")]
    assert not any(word in POLICY for word in ("nonce-", "127.0.0.1", "localhost", "ws:", "'unsafe-eval'"))
    # Only the development server's glue allows more, in its responses: no step of a build calls it.
    callers = {path.relative_to(ROOT).as_posix() for path in (ROOT / "macros").rglob("*.py")
               if re.search(r"\ballowing\(|\ballow_live_reload\(", path.read_text(encoding="utf-8"))}
    assert callers == {"macros/build/after/csp.py", "macros/engines/live_reload.py", "macros/engines/mkdocs_hooks.py"}


def test_the_built_site_policy_has_no_allowance_for_serving(built_site):
    for file in sorted(built_site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        found = META.search(html)
        # Exactly the hashes of the page's own inline scripts: nothing for a script the page does not carry.
        assert found and found.group(1) == policy_for(html), file
        assert "livereload" not in html, file


# ---------------------------------------------------------------- make serve, in a browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, what: str, seconds: float = 240) -> None:
    """Wait for a condition, bounded generously (a busy 2-core machine builds slowly); the failure says what did not happen."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{what} within {seconds:.0f} s")


@pytest.mark.slow  # serves a copy of the project
@pytest.mark.browser
@pytest.mark.parametrize("edited", ["data/frames.yml", "docs/frames"])
def test_make_serve_reloads_the_open_page_on_save_without_a_policy_violation(browser, scratch_project, edited):
    from macros.model import Crux, load

    data = load(scratch_project / "data" / "frames.yml", root=scratch_project)
    frame = next(f for f in data.frames.values() if any(isinstance(item, Crux) for item in f.cruxes))
    crux = next(item for item in frame.cruxes if isinstance(item, Crux))
    port = free_port()
    url = f"http://127.0.0.1:{port}/frames/frames/{frame.id}/"
    # As `make serve` runs it.
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=scratch_project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(scratch_project)})
    context = browser.new_context()
    page = context.new_page()
    errors, loads = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("load", lambda _: loads.append(page.url))
    try:
        wait_until(lambda: urllib.request.urlopen(url, timeout=5).status == 200, "the site was not served")
        page.goto(url, wait_until="load")
        assert page.locator(f"#crux-{crux.id}").count() == 1
        # The live-reload script ran when the page was read: a policy that refused it has said so by now.
        assert errors == [], "the page's policy refused a script under `make serve`"
        mark = "Reloadcheck"  # a word no page has
        if edited.endswith(".yml"):
            path = scratch_project / edited
            text = path.read_text(encoding="utf-8")
            edited_text = re.sub(rf"(- id: {re.escape(crux.id)}\n\s+text: (?:>-?\n\s+|\"|')?)", rf"\g<1>{mark} ", text, count=1)
        else:
            path = scratch_project / edited / f"{frame.id}.md"
            text = path.read_text(encoding="utf-8")
            edited_text = text.replace("\n## ", f"\n{mark} is a word put in by a test.\n\n## ", 1)
        assert edited_text != text
        path.write_text(edited_text, encoding="utf-8")
        # The page reloads itself: the test never navigates again.
        page.get_by_text(mark).first.wait_for(timeout=240_000)
        assert len(loads) >= 2 and set(loads) == {url}
        assert errors == []
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=30)
