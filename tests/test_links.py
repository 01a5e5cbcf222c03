"""Permanent addresses: the manifest is served, renames leave redirects, losses are named."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from ruamel.yaml import YAML

from conftest import ROOT, _QuietHandler, build_site, copy_project, forget_in_pages
from macros import urls
from macros.cli.address_manifest import (
    PublicAnchors,
    public_anchors,
    is_served,
    lost_addresses,
    read_manifest,
    read_site,
    sort_addresses,
    unlisted_addresses,
)
from macros.model import load

MANIFEST = ROOT / "data" / "addresses.txt"
# The frame and crux the rename scenario renames, keeping their old ids as aliases.
OLD_FRAME, NEW_FRAME = "goodharting", "goodhart"
OLD_CRUX, NEW_CRUX = "soft-optimization-can-work", "soft-optimization-works"


def lost_message(lost: list[str]) -> str:
    return ("The build no longer serves these addresses from data/addresses.txt; restore them, or keep the "
            "old id in `aliases` in data/frames.yml:\n" + "\n".join(lost))


def served(site: Path, project: Path = ROOT):
    """The addresses a built site serves, with the public anchors of the project it was built from."""
    data = load(project / "data" / "frames.yml", project / "data" / "glossary.yml", root=project)
    return read_site(site, public_anchors(data, project / "docs"))


# ---------------------------------------------------------------- the real site


def test_every_listed_address_is_served(built_site):
    lost = lost_addresses(read_manifest(MANIFEST), served(built_site))
    assert not lost, lost_message(lost)


def test_every_public_address_is_listed(built_site):
    new = unlisted_addresses(read_manifest(MANIFEST), served(built_site))
    assert not new, ("Add these addresses to data/addresses.txt (or run `python -m macros.cli addresses --add`):\n"
                     + "\n".join(new))


def test_manifest_lists_every_frame_group_and_crux_at_its_permanent_address(site_data):
    listed = set(read_manifest(MANIFEST))
    for group in site_data.groups:
        assert f"/groups/{group}/" in listed
    for frame in site_data.frames:
        assert f"/frames/{frame}/" in listed
    for crux_id, entry in site_data.cruxes.items():
        kind = "groups" if entry.owner in site_data.groups else "frames"
        assert f"/{kind}/{entry.owner}/#crux-{crux_id}" in listed
    assert "/frames.json" in listed


def test_manifest_is_sorted_and_has_no_duplicates():
    listed = read_manifest(MANIFEST)
    assert listed == sort_addresses(listed)


# ---------------------------------------------------------------- a rename keeps the old addresses


def _rename_in_cruxes(items, old: str, new: str) -> None:
    for item in items or []:
        if item.get("id") == old:
            item["id"] = new
            item.insert(1, "aliases", [old])
        if item.get("ref") == old:
            item["ref"] = new
        for join in ("because", "any_of", "all_of"):
            _rename_in_cruxes(item.get(join), old, new)


def rename(project: Path) -> None:
    """Rename a frame and a crux as a contributor would: new ids, old ids kept as aliases, page and nav moved."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data_path = project / "data" / "frames.yml"
    data = yaml.load(data_path)
    for owner in [*data["groups"], *data["frames"]]:
        if owner["id"] == OLD_FRAME:
            owner["id"] = NEW_FRAME
            owner.insert(1, "aliases", [OLD_FRAME])
        for link in owner.get("links", []):
            if link["to"] == OLD_FRAME:
                link["to"] = NEW_FRAME
        _rename_in_cruxes(owner.get("cruxes"), OLD_CRUX, NEW_CRUX)
    verdict = data["verdict"]
    for item in [verdict, *verdict.get("reasons", [])]:
        if item["frame"] == OLD_FRAME:
            item["frame"] = NEW_FRAME
    yaml.dump(data, data_path)
    glossary_path = project / "data" / "glossary.yml"
    glossary = yaml.load(glossary_path)
    for term in glossary["terms"]:
        if OLD_FRAME in term.get("frames", []):
            term["frames"][term["frames"].index(OLD_FRAME)] = NEW_FRAME
    yaml.dump(glossary, glossary_path)
    (project / "docs" / "frames" / f"{OLD_FRAME}.md").rename(project / "docs" / "frames" / f"{NEW_FRAME}.md")
    page_link = re.compile(rf"(?<![\w-]){OLD_FRAME}\.md")
    for path in [project / "mkdocs.yml", *(project / "docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(page_link.sub(f"{NEW_FRAME}.md", text), encoding="utf-8")


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """A copy of the project with one frame and one crux renamed, built strictly."""
    project = copy_project(tmp_path_factory.mktemp("renamed"))
    rename(project)
    site = project / "site"
    build_site(site, project / "mkdocs.yml")  # raises if the strict build fails
    return SimpleNamespace(project=project, site=site)


@pytest.mark.slow  # builds a renamed copy of the site
def test_renamed_frame_builds_strictly_with_a_redirect_at_the_old_address(renamed):
    stub = (renamed.site / "frames" / OLD_FRAME / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../../frames/{NEW_FRAME}/">' in stub
    assert f'<link rel="canonical" href="https://core-of-alignment.github.io/frames/frames/{NEW_FRAME}/">' in stub
    assert f'<a href="../../frames/{NEW_FRAME}/">' in stub and "location.hash" in stub
    assert (renamed.site / "frames" / NEW_FRAME / "index.html").is_file()


@pytest.mark.slow  # builds a renamed copy of the site
def test_renamed_frame_and_crux_lose_no_listed_address(renamed):
    pages = served(renamed.site, renamed.project)
    lost = lost_addresses(read_manifest(MANIFEST), pages)
    assert not lost, lost_message(lost)
    # The old crux anchor lands on the crux: through the stub, then on the span its alias leaves.
    assert is_served(f"/frames/{OLD_FRAME}/#crux-{OLD_CRUX}", pages)
    assert f'<span id="crux-{OLD_CRUX}">' in (renamed.site / "frames" / NEW_FRAME / "index.html").read_text()


@pytest.mark.slow  # builds a renamed copy of the site
def test_after_a_rename_only_the_new_ids_need_listing(renamed, built_site):
    # Addresses the unrenamed site already leaves unlisted (a frame just added) are another test's concern.
    before = set(unlisted_addresses(read_manifest(MANIFEST), served(built_site)))
    new = [a for a in unlisted_addresses(read_manifest(MANIFEST), served(renamed.site, renamed.project))
           if a not in before]
    assert new and all(f"/frames/{NEW_FRAME}/" in a or f"crux-{NEW_CRUX}" in a or a.endswith(f"#owner-{NEW_FRAME}")
                       or a == f"/{urls.crux_page_path(NEW_CRUX)}"
                       for a in new), new


@pytest.mark.browser
@pytest.mark.slow  # builds a renamed copy of the site
def test_old_address_with_a_crux_fragment_lands_on_the_crux(renamed, browser):
    handler = functools.partial(_QuietHandler, directory=str(renamed.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(f"{base}frames/{OLD_FRAME}/#crux-{OLD_CRUX}")
        page.wait_for_url(f"{base}frames/{NEW_FRAME}/#crux-{OLD_CRUX}")
        assert page.locator(f"#crux-{OLD_CRUX}").count() == 1
        page.close()
    finally:
        server.shutdown()


# ---------------------------------------------------------------- a loss is named


@pytest.mark.slow  # builds a site of its own
def test_deleting_a_page_and_a_crux_without_alias_is_named(tmp_path):
    project = copy_project(tmp_path / "project")
    # A crux that no edition had: one that an edition had keeps its addresses, which then say what happened to it
    # (tests/test_editions.py).
    shutil.rmtree(project / "data" / "editions")
    (project / "docs" / "verdict.md").unlink()
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text().replace("  - The verdict: verdict.md\n", ""), encoding="utf-8")
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(project / "data" / "frames.yml")
    frame = next(f for f in data["frames"] if f["id"] == "goodharting")
    frame["cruxes"] = [c for c in frame["cruxes"] if c.get("id") != "correct-loss-out-of-reach"]
    yaml.dump(data, project / "data" / "frames.yml")
    # The pages' links to what was deleted, and their mentions of the crux, become plain words, as validate asks:
    # the build finishes, and the manifest check is what catches the loss of the addresses.
    forget_in_pages(project, crux="correct-loss-out-of-reach", page="verdict.md")
    build_site(project / "site", mkdocs_yml, strict=False)
    lost = lost_addresses(read_manifest(MANIFEST), served(project / "site", project))
    message = lost_message(lost)
    assert "\n/verdict/\n" in message + "\n"
    assert "/frames/goodharting/#crux-correct-loss-out-of-reach" in message.splitlines()
    assert "/cruxes/#crux-correct-loss-out-of-reach" in message.splitlines()


# ---------------------------------------------------------------- redirects that would do harm


def _site_with(tmp_path: Path, *pages: str) -> Path:
    for page in pages:
        (tmp_path / page).mkdir(parents=True)
        (tmp_path / page / "index.html").write_text(f'<h2 id="x">{page}</h2>', encoding="utf-8")
    return tmp_path


def test_a_redirect_over_a_real_page_or_to_nowhere_writes_nothing(tmp_path):
    from macros.build.after.redirects import write_redirects

    site = _site_with(tmp_path, "frames/live/", "frames/taken/")
    problems = write_redirects(site, [("frames/taken/", "frames/live/", "Live"),
                                      ("frames/gone/", "frames/missing/", "Missing")], "")
    assert problems == [
        "/frames/taken/: an alias would replace this real page with a redirect to /frames/live/; "
        "drop the alias or move the page",
        "/frames/gone/: the redirect would point to /frames/missing/, which the build did not produce",
    ]
    assert "frames/taken" in (site / "frames/taken/index.html").read_text() and not (site / "frames/gone").exists()


def test_a_safe_redirect_is_written_and_followed(tmp_path):
    from macros.build.after.redirects import write_redirects

    site = _site_with(tmp_path, "frames/live/")
    assert write_redirects(site, [("frames/old/", "frames/live/", "Live")], "https://example.org/sub/") == []
    pages = read_site(site, PublicAnchors(frozenset(), {}))
    assert pages["/frames/old/"].redirect == "/frames/live/"
    assert is_served("/frames/old/#x", pages) and not is_served("/frames/old/#y", pages)
    assert '<link rel="canonical" href="https://example.org/sub/frames/live/">' in (site / "frames/old/index.html").read_text()


def test_the_build_hook_refuses_an_alias_over_a_real_page(scratch_project, tmp_path):
    from macros.engines.mkdocs_hooks import on_config, on_post_build

    data_path = scratch_project / "data" / "frames.yml"
    text = data_path.read_text(encoding="utf-8")
    data_path.write_text(text.replace("  - id: wireheading\n", "  - id: wireheading\n    aliases: [reward-hacking]\n"),
                         encoding="utf-8")
    site = _site_with(tmp_path / "site", "frames/wireheading/", "frames/reward-hacking/")
    class Config(dict):
        """As MkDocs hands its configuration to hooks: a mapping that also knows its file."""

        config_file_path = str(scratch_project / "mkdocs.yml")

    config = Config(docs_dir=str(scratch_project / "docs"), site_dir=str(site), site_url="https://example.org/", site_name="Site")
    on_config(config)
    with pytest.raises(PluginError, match=r"/frames/reward-hacking/: an alias would replace this real page"):
        on_post_build(config)
    assert not (site / "frames.json").exists()
