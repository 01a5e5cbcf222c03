"""Editions: a citation made today resolves, years later, to the exact words it cited, even after the crux is
reworded, merged into another or removed; removed cruxes get a tombstone, never a 404."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from ruamel.yaml import YAML

from conftest import _QuietHandler, _QuietServer, build_site, copy_project, forget_in_pages
from macros import urls
from macros.cli.snapshots import make_edition
from macros.model.editions import Edition, EditionError
from macros.views.changes import word_diff
from macros.views.revisions import crux_history

FIRST, SECOND = "2026-12", "2027-01"
REASON = "A test dropped it to see its address keep working."


def edition(name: str, cruxes: dict[str, str], children: dict[str, list[str]] | None = None) -> Edition:
    """A small edition: one frame 'f' whose cruxes are given as id -> text, nested as `children` says."""
    children = children or {}
    nested = {c for kids in children.values() for c in kids}
    document = {
        "groups": [{"id": "g", "title": "G", "thesis": "t", "cruxes": []}],
        "frames": [{"id": "f", "title": "F", "thesis": "t", "cruxes": [c for c in cruxes if c not in nested]}],
        "cruxes": [{"id": c, "text": t, "defined_in": "f", "children": children.get(c, []), "relied_on_by": ["f"],
                    "parent": next((p for p, kids in children.items() if c in kids), None), "join": None}
                   for c, t in cruxes.items()],
    }
    return Edition(name, f"{name}-01", "0" * 40, document)


# ---------------------------------------------------------------- numbers and history, without a build


def test_an_edition_numbers_its_cruxes_as_the_crux_tables_did():
    numbers = edition(FIRST, {"a": "A", "b": "B", "c": "C"}, {"a": ["b", "c"]}).numbers
    assert numbers == {"a": ("1", "f"), "b": ("1.1", "f"), "c": ("1.2", "f")}


def test_history_gives_first_publication_and_last_substantive_revision():
    editions = [edition("2026-12", {"a": "one"}), edition("2027-01", {"a": "one"}), edition("2027-02", {"a": "two"}),
                edition("2027-03", {"a": "two"})]
    assert crux_history(editions, "a") == ("2026-12", "2027-02")
    assert crux_history(editions, "nowhere") is None


def test_an_edition_name_is_a_year_and_month_and_never_reused(tmp_path):
    for bad in ("2026", "2026-13", "december"):
        with pytest.raises(EditionError, match="is not an edition name"):
            make_edition(tmp_path, bad)
    (tmp_path / "data" / "editions").mkdir(parents=True)
    (tmp_path / "data" / "editions" / f"{FIRST}.json").write_text("{}", encoding="utf-8")
    with pytest.raises(EditionError, match="an edition never changes"):
        make_edition(tmp_path, FIRST)


# ---------------------------------------------------------------- two editions of a copy of the repository


def git(project: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}
    run = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout


def cli(project: Path, *args: str) -> str:
    env = {**os.environ, "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}
    run = subprocess.run([sys.executable, "-m", "macros.cli", *args], cwd=project, capture_output=True, text=True,
                         env=env, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


@dataclass
class Changes:
    reworded: str
    merged: str
    merged_into: str
    removed: str
    words: dict[str, str]  # the first edition's words of each


def _leaves(node, parent=None):
    """(crux mapping, the list it sits in) for every crux under a ruamel node, depth first."""
    for item in node or []:
        if "id" in item:
            yield item, parent
            for join in ("because", "any_of", "all_of"):
                if item.get(join) is not None:
                    yield from _leaves(item[join], item[join])


def change_cruxes(project: Path) -> Changes:
    """Reword one crux, merge one into a sibling (its id kept as an alias), remove one, as a contributor would."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    path = project / "data" / "frames.yml"
    data = yaml.load(path)
    text = path.read_text(encoding="utf-8")
    referenced = set(re.findall(r"ref: ([a-z0-9-]+)", text))
    owners = [*data["groups"], *data["frames"]]
    # Leaves that nothing refers to, in lists of three or more, so each change leaves a valid list behind.
    leaves = [(item, siblings) for owner in owners for item, siblings in _leaves(owner.get("cruxes"))
              if siblings is not None and len(siblings) >= 3 and item["id"] not in referenced
              and not any(item.get(j) for j in ("because", "any_of", "all_of"))]
    merged, siblings = leaves[0]
    merged_into = next(s for s in siblings if s is not merged and "id" in s)
    removed, removed_siblings = next((i, s) for i, s in leaves if s is not siblings)
    reworded = next(item for owner in owners for item, _ in _leaves(owner.get("cruxes"))
                    if item["id"] not in {merged["id"], merged_into["id"], removed["id"]})
    words = {c["id"]: " ".join(str(c["text"]).split()) for c in (reworded, merged, removed)}
    reworded["text"] = "A reworded claim that the first edition never said."
    merged_into.setdefault("aliases", [])
    merged_into["aliases"].append(merged["id"])
    siblings.remove(merged)
    removed_siblings.remove(removed)
    data["retired_cruxes"] = [{"id": removed["id"], "reason": REASON}]
    yaml.dump(data, path)
    # The pages' own links to the removed crux and mentions of it go with it (a merged crux keeps its anchor on the
    # crux that took it, and its old id names that crux in a page's crux() or crux_ref()).
    forget_in_pages(project, crux=removed["id"])
    return Changes(reworded["id"], merged["id"], merged_into["id"], removed["id"], words)


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """A copy of the project with a first edition, then reworded, merged and removed cruxes, a second edition, built."""
    project = copy_project(tmp_path_factory.mktemp("editions"))
    # The copy starts before any edition: the site's own editions are not this test's.
    shutil.rmtree(project / "data" / "editions", ignore_errors=True)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "start")
    cli(project, "edition", FIRST)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "edition")
    changes = change_cruxes(project)
    git(project, "commit", "-qam", "reword, merge, remove")
    cli(project, "edition", SECOND)
    site = project / "site"
    build_site(site, config_file=project / "mkdocs.yml")
    return project, site, changes


@pytest.fixture(scope="module")
def served(two_editions):
    _, site, _ = two_editions
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.slow
def test_editions_are_tagged_and_snapshotted(two_editions):
    project, site, _ = two_editions
    assert git(project, "tag", "--list", "edition-*").split() == [f"edition-{FIRST}", f"edition-{SECOND}"]
    assert sorted(p.name for p in (project / "data" / "editions").iterdir()) == [f"{FIRST}.json", f"{SECOND}.json"]
    listing = (site / urls.EDITIONS / "index.html").read_text(encoding="utf-8")
    for name in (FIRST, SECOND):
        assert f'href="../{urls.edition_path(name)}"' in listing
        assert (site / urls.edition_path(name) / "index.html").is_file()


@pytest.mark.slow
@pytest.mark.browser
def test_the_first_editions_addresses_still_show_the_original_words(browser, served, two_editions):
    _, site, changes = two_editions
    page = browser.new_page()
    for crux in (changes.reworded, changes.merged, changes.removed):
        response = page.goto(served + urls.edition_crux_path(FIRST, crux), wait_until="load")
        assert response.status == 200, crux
        assert page.locator(".crux-text").inner_text().strip() == changes.words[crux], crux
        banner = page.locator(".edition-banner")
        assert f"Edition {FIRST}" in banner.inner_text()
        # The banner leads to the current version, whatever became of the crux.
        href = banner.locator("a").get_attribute("href")
        current = page.goto(urljoin(page.url, href), wait_until="load")
        assert current.status == 200, (crux, href)
        if crux == changes.reworded:
            assert "A reworded claim that the first edition never said." in page.content()
        if crux == changes.merged:
            assert page.url.endswith("/" + urls.crux_page_path(changes.merged_into))
        if crux == changes.removed:
            assert "This crux is no longer on the site" in page.content()
    # The cite block names the edition and its own address.
    page.goto(served + urls.edition_crux_path(FIRST, changes.reworded), wait_until="load")
    cited = page.locator(".cite pre").first.inner_text()
    assert f"edition {FIRST}" in cited and urls.edition_crux_path(FIRST, changes.reworded) in cited
    page.close()


@pytest.mark.slow
@pytest.mark.browser
def test_a_removed_crux_address_shows_a_tombstone_not_a_404(browser, served, two_editions):
    _, _, changes = two_editions
    page = browser.new_page()
    response = page.goto(served + urls.crux_page_path(changes.removed), wait_until="load")
    assert response.status == 200
    text = page.locator("main").inner_text()
    assert "This crux is no longer on the site" in text and changes.words[changes.removed] in text
    assert REASON in text  # why, from retired_cruxes in the data
    # Removed before the second edition: its last words are the first edition's, at the address to cite.
    page.get_by_role("link", name=f"Read it in edition {FIRST}").click()
    page.wait_for_url(f"**/{urls.edition_crux_path(FIRST, changes.removed)}")
    assert page.locator(".crux-text").inner_text().strip() == changes.words[changes.removed]
    page.close()



def old_anchors(project: Path, crux: str) -> list[str]:
    """Every page that showed a crux's anchor in the first edition, as its snapshot gives their addresses: the pages
    of the frames and groups that listed it, and the explorer."""
    from macros.model.editions import read_editions

    first = next(e for e in read_editions(project) if e.name == FIRST)
    return [*(first.owners[o]["url"].lstrip("/") for o in first.cruxes[crux]["relied_on_by"]), urls.CRUX_EXPLORER]


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
def test_a_removed_cruxs_old_anchors_say_what_happened(browser, served, two_editions, scripts):
    project, _, changes = two_editions
    anchor = "#" + urls.crux_anchor(changes.removed)
    context = browser.new_context(java_script_enabled=scripts)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in old_anchors(project, changes.removed):
        assert page.goto(served + path + anchor, wait_until="load").status == 200, path
        notice = page.locator(anchor)
        # Not silently at the top of the page: the notice is drawn, and the browser has brought it into view.
        notice.wait_for(state="visible")
        assert page.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }",
                             notice.element_handle()), path
        text = notice.inner_text()
        assert "This crux is no longer on the site" in text and f"after edition {FIRST}" in text, path
        # Opened at any other address, the page shows nothing of it.
        page.goto(served + path, wait_until="load")
        assert notice.count() == 1 and not notice.is_visible(), path
    # The notice leads to the tombstone, which says more.
    page.goto(served + urls.CRUX_EXPLORER + anchor, wait_until="load")
    page.locator(anchor).get_by_role("link", name="What happened to it").click()
    page.wait_for_url(f"**/{urls.crux_page_path(changes.removed)}")
    assert REASON in page.locator("main").inner_text()
    context.close()
    assert errors == []


@pytest.mark.slow
def test_a_removed_cruxs_listed_addresses_stay_served(two_editions):
    # A crux an edition had keeps every address: the contributor who takes it off leaves data/addresses.txt as it is.
    from macros.cli.address_manifest import is_served, public_anchors, read_manifest, read_site
    from macros.model import load

    project, site, changes = two_editions
    data = load(project / "data" / "frames.yml", project / "data" / "glossary.yml", root=project)
    pages = read_site(site, public_anchors(data, project / "docs"))
    # (The copy's editions are its own: the site's, whose addresses the manifest lists too, are not in it.)
    listed = [a for a in read_manifest(project / "data" / "addresses.txt")
              if changes.removed in a and not a.startswith("/" + urls.EDITIONS)]
    assert len(listed) >= 3  # its page, its anchor on its frame's or group's page, its anchor in the explorer
    assert [a for a in listed if not is_served(a, pages)] == []


# ---------------------------------------------------------------- the changes page and its feed

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_word_diff_keeps_the_words_both_texts_share():
    diff = word_diff("the agent becomes smarter once deployed", "the agent becomes much smarter after deployment")
    assert diff.runs == [("same", "the agent becomes"), ("added", "much"), ("same", "smarter"),
                         ("removed", "once deployed"), ("added", "after deployment")]


@pytest.mark.slow
def test_the_changes_page_diffs_each_reworded_crux_word_by_word(two_editions):
    _, site, changes = two_editions
    html = (site / urls.CHANGES / "index.html").read_text(encoding="utf-8")
    second = html.split(f'id="{urls.change_id(SECOND)}"', 1)[1].split(f'id="{urls.change_id(FIRST)}"', 1)[0]
    item = re.search(rf'<li id="{urls.change_crux_id(SECOND, changes.reworded)}">(.*?)</li>', second, re.DOTALL).group(1)
    removed = " ".join(re.findall(r"<del>(.*?)</del>", item))
    added = " ".join(re.findall(r"<ins>(.*?)</ins>", item))
    assert set(added.split()) <= set("A reworded claim that the first edition never said.".split())
    assert removed and set(removed.split()) <= set(changes.words[changes.reworded].split())
    assert f'id="{urls.change_crux_id(SECOND, changes.merged)}"' in second and changes.merged_into in second
    assert f'id="{urls.change_crux_id(SECOND, changes.removed)}"' in second
    assert "The first edition:" in html.split(f'id="{urls.change_id(FIRST)}"', 1)[1]


@pytest.mark.slow
def test_the_atom_feed_is_valid_and_has_an_entry_per_edition(two_editions):
    import feedparser
    from lxml import etree

    _, site, _ = two_editions
    raw = (site / urls.FEED).read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == [f"Edition {SECOND}", f"Edition {FIRST}"]
    # RFC 4287: a feed and each entry have an id, a title and an updated date; the feed has an author
    # (its entries inherit it) and a self link; ids are unique.
    feed = etree.fromstring(raw)
    assert feed.tag == f"{ATOM}feed"
    for element in [feed, *feed.findall(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            assert element.find(f"{ATOM}{name}") is not None and element.findtext(f"{ATOM}{name}").strip(), name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", element.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)


@pytest.mark.slow
def test_pages_show_first_publication_and_last_substantive_revision(two_editions, site_data):
    _, site, changes = two_editions
    reworded_page = (site / urls.crux_page_path(changes.reworded) / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="cite__editions">(.*?)</p>', reworded_page, re.DOTALL).group(1)
    assert f">{FIRST}</a>" in line.split("last substantive")[0] and f">{SECOND}</a>" in line.split("last substantive")[1]
    # The words here are the second edition's: the cite block offers that edition's address.
    assert f'href="../../{urls.edition_crux_path(SECOND, changes.reworded)}"' in reworded_page
    unchanged = next(c for c in site_data.cruxes if c not in {changes.reworded, changes.merged, changes.merged_into,
                                                                changes.removed})
    page = (site / urls.crux_page_path(unchanged) / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="cite__editions">(.*?)</p>', page, re.DOTALL).group(1)
    assert line.count(f">{FIRST}</a>") == 2  # first published and last revised in the first edition
    # Unchanged since: the edition to cite is the latest, which has the same words.
    archived = re.search(r'<p class="cite__archived">(.*?)</p>', page, re.DOTALL).group(1)
    assert f'href="../../{urls.edition_crux_path(SECOND, unchanged)}">edition {SECOND} of this page' in archived


def test_every_page_head_links_the_feed(built_site, all_pages):
    for path in [*all_pages, "404.html"]:
        file = built_site / path if path.endswith(".html") else built_site / path / "index.html"
        head = file.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert re.search(r'<link rel="alternate feed" type="application/atom\+xml"[^>]* href="[^"]*changes/feed\.xml"', head), path
    assert (built_site / urls.FEED).is_file()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_written_after_the_build_have_no_axe_violations(browser, served, two_editions, site_data, scheme):
    from axe_playwright_python.sync_playwright import Axe

    _, _, changes = two_editions
    frame = next(iter(site_data.frames))
    paths = [urls.EDITIONS, urls.edition_path(FIRST), urls.edition_owner_path(FIRST, frame, False),
             urls.edition_crux_path(FIRST, changes.reworded), urls.edition_crux_path(FIRST, changes.merged),
             urls.crux_page_path(changes.removed), urls.CHANGES, urls.CRUX_EXPLORER + "#" + urls.crux_anchor(changes.removed)]
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    for path in paths:
        assert page.goto(served + path, wait_until="load").status == 200, path
        for violation in Axe().run(page).response["violations"]:
            problems.append(f"{path}: {violation['id']} ({violation['impact']})")
    context.close()
    assert problems == []


@pytest.mark.slow
@pytest.mark.browser
def test_a_returning_reader_is_told_which_cruxes_changed_since_their_edition(browser, served, two_editions, site_data):
    _, _, changes = two_editions
    owner = site_data.cruxes[changes.reworded].owner
    address = served + urls.page_of(site_data, owner)
    context = browser.new_context()
    page = context.new_page()
    notice = page.locator("#since-read")
    # A first visit: nothing to compare with, so nothing said; the page remembers the latest edition.
    page.goto(address, wait_until="load")
    page.wait_for_function("() => localStorage.length > 0")
    assert not notice.is_visible()
    # A reader who last read it in the first edition.
    page.evaluate(f"localStorage.setItem(Object.keys(localStorage)[0], {FIRST!r})")
    page.reload(wait_until="load")
    notice.wait_for(state="visible")
    assert f"(edition {FIRST})" in notice.inner_text()
    link = notice.locator("li:not([hidden]) a").first
    assert link.get_attribute("href").endswith(f"{urls.CHANGES}#{urls.change_crux_id(SECOND, changes.reworded)}")
    link.click()
    page.wait_for_url(f"**/{urls.CHANGES}#{urls.change_crux_id(SECOND, changes.reworded)}")
    assert page.locator(f"#{urls.change_crux_id(SECOND, changes.reworded)} ins").count() >= 1
    # Back on the page, it has been read in the latest edition: nothing more to say; no cookie was set.
    page.goto(address, wait_until="load")
    assert not notice.is_visible()
    assert context.cookies() == []
    context.close()


@pytest.mark.slow
def test_a_snapshot_is_what_its_tag_gives_again(two_editions):
    from macros.cli.snapshots import FOLDER, snapshot_at, snapshot_text, tag_of  # noqa: F401

    project, _, _ = two_editions
    for name in (FIRST, SECOND):
        committed = (project / FOLDER / f"{name}.json").read_text(encoding="utf-8")
        assert snapshot_text(snapshot_at(project, name, tag_of(name))) == committed, name
