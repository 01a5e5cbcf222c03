"""`make serve` reloads the open page on save, under the built site's policy but for MkDocs' live-reload script."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT
from macros.build.after.csp import POLICY, SERVING, policy_for, script_hash, with_policies
from test_csp import META, directives

PAGE = ('<html><head><meta charset="utf-8"><script>theme()</script></head>'
        '<body><p>Words</p><script>theme()</script></body></html>')


def test_a_served_page_runs_the_live_reload_script_under_the_built_policy_otherwise():
    built, served = (META.search(with_policies(PAGE, serving)).group(1) for serving in (False, True))
    built_rules, served_rules = directives(built), directives(served)
    # Only script-src differs: 'unsafe-inline' instead of the page's hashes (browsers ignore it beside a hash).
    assert {k: v for k, v in served_rules.items() if k != "script-src"} == \
        {k: v for k, v in built_rules.items() if k != "script-src"}
    assert served_rules["script-src"] == ["'self'", "'wasm-unsafe-eval'", SERVING]


def test_the_built_policy_has_no_allowance_for_serving():
    # What a build writes into every page depends on the page alone: no 'unsafe-inline', nonce or extra hash.
    policy = policy_for(PAGE)
    assert policy == POLICY.format(hashes=" " + script_hash("theme()"))
    assert directives(policy)["script-src"] == ["'self'", "'wasm-unsafe-eval'", script_hash("theme()")]
    assert not any(word in POLICY for word in ("nonce-", "127.0.0.1", "localhost", "ws:", "'unsafe-eval'"))
    # Only MkDocs' serve command asks for it: the glue passes it on from MkDocs' on_startup event, nothing else.
    callers = {path.relative_to(ROOT).as_posix() for path in (ROOT / "macros").rglob("*.py")
               if "serving=" in path.read_text(encoding="utf-8")}
    assert callers <= {"macros/build/context.py", "macros/engines/mkdocs_hooks.py", "macros/build/after/page_finish.py",
                       "macros/build/timeline.py", "macros/build/after/csp.py"}


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
        # The words show once the reloaded page is parsed; its load event may come after (a busy machine).
        page.wait_for_load_state("load")
        assert len(loads) >= 2 and set(loads) == {url}
        assert errors == []
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=30)
