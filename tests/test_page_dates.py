"""A page's date changes only when its words change: a history made on a copy of the project, then built.

Commit A is the project; B rewords one frame's thesis; C reformats data/frames.yml, renames a crux (its old id kept
as an alias) and rewraps a page's paragraphs; D changes nothing but data/frames.schema.json; E adds a sentence to a
section of CONTRIBUTING.md that a page shows. Only the pages that show the reworded thesis take B's date; C and D
re-date nothing; E re-dates the page that shows CONTRIBUTING.md. Dates are set with GIT_COMMITTER_DATE: no clock is read.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site, meta, page_html
from macros import urls
from macros.build.context import Settings, load_build
from macros.build.page_dates import CACHE
from macros.model.markdown_words import included_files
from macros.model import SiteData
from test_cite_meta import cite_block, text_of
from test_page_words import calls, rewrapped

pytestmark = pytest.mark.slow

A, B, C, D, E = "2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10", "2026-05-10"


def git(project: Path, *args: str, date: str = A) -> str:
    env = {**os.environ, "GIT_COMMITTER_DATE": f"{date}T12:00:00+0000", "GIT_AUTHOR_DATE": f"{date}T12:00:00+0000"}
    return subprocess.run(["git", "-c", "user.name=Contributor", "-c", "user.email=contributor@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=project, env=env, check=True, capture_output=True,
                          text=True).stdout


def commit(project: Path, message: str, date: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message, date=date)


def build_of(project: Path):
    return load_build(Settings(root=project, docs=project / "docs", site=project / "site", site_url="",
                               site_name="The Core of the Alignment Problem, frame by frame"))


def own_pages(project: Path) -> dict[str, str]:
    docs = project / "docs"
    return {urls.source_page_path(p.relative_to(docs).as_posix()): p.read_text(encoding="utf-8")
            for p in docs.rglob("*.md") if "Written by macros/build/generated_pages.py" not in p.read_text(encoding="utf-8")}


def showing_changes(project: Path) -> set[str]:
    """The pages that report every change since the last edition (the changes page)."""
    return {path for path, text in own_pages(project).items() if calls(text, "changes")}


def frames_dict(project: Path) -> dict:
    return yaml.safe_load((project / "data" / "frames.yml").read_text(encoding="utf-8"))


def rename_crux(document: dict, old: str, new: str) -> None:
    """The crux's id becomes `new`, its old one kept as an alias; references follow."""
    def walk(items: list) -> None:
        for item in items:
            if item.get("id") == old:
                item["id"] = new
                item["aliases"] = [*item.get("aliases", []), old]
            if item.get("ref") == old:
                item["ref"] = new
            for key in ("because", "any_of", "all_of"):
                walk(item.get(key, []))
    for owner in [*document["groups"], *document["frames"]]:
        walk(owner.get("cruxes", []))


def unlinked_crux(data: SiteData, project: Path) -> str:
    """A crux that no page names by its id, so that renaming it asks nothing of the pages."""
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md"))
    return next(c for c, e in data.cruxes.items() if not e.crux.aliases and c not in pages)


@pytest.fixture
def history(scratch_project: Path) -> dict:
    """The copy's history A-D, with the dates of its pages after each commit."""
    project = scratch_project
    shutil.copy(ROOT / ".gitignore", project / ".gitignore")
    for generated in [project / "docs" / urls.CRUX_PAGES, *(project / "docs" / urls.EDITIONS).glob("*/")]:
        shutil.rmtree(generated, ignore_errors=True)
    git(project, "init", "-q")
    commit(project, "A: the project", A)
    dates = {"A": build_of(project).dates}

    data = build_of(project).data
    frame = next(iter(data.frames.values()))
    document = frames_dict(project)
    text = (project / "data" / "frames.yml").read_text(encoding="utf-8")
    start = text.index(f"  - id: {frame.id}\n")
    thesis_at = text.index("    thesis:", start)
    block_end = re.compile(r"^(?:    [a-z_]+:|  - |\S)", re.M).search(text, thesis_at + 1).start()
    reworded = frame.thesis + " This sentence is new."
    (project / "data" / "frames.yml").write_text(text[:thesis_at] + "    thesis: '" + reworded.replace("'", "''") + "'\n"
                                                 + text[block_end:], encoding="utf-8")
    commit(project, "B: one frame's thesis reworded", B)
    dates["B"] = build_of(project).dates

    crux = unlinked_crux(data, project)
    document = frames_dict(project)
    rename_crux(document, crux, "renamed-" + crux)
    (project / "data" / "frames.yml").write_text(
        yaml.safe_dump(document, width=50, indent=4, sort_keys=False, allow_unicode=True), encoding="utf-8")
    rewrap = next(p for p in sorted((project / "docs").rglob("*.md")) if "Written by" not in p.read_text(encoding="utf-8"))
    rewrap.write_text(rewrapped(rewrap.read_text(encoding="utf-8"), 40), encoding="utf-8")
    commit(project, "C: the data reformatted, a crux renamed with an alias, a page rewrapped", C)
    dates["C"] = build_of(project).dates

    schema = project / "data" / "frames.schema.json"
    schema.write_text(json.dumps(json.loads(schema.read_text(encoding="utf-8")), indent=1) + "\n", encoding="utf-8")
    commit(project, "D: the schema alone", D)
    dates["D"] = build_of(project).dates

    contributing = project / "CONTRIBUTING.md"
    text = contributing.read_text(encoding="utf-8")
    section = re.search(r"<!-- --8<-- \[end:([\w-]+)\] -->", text)
    contributing.write_text(text[:section.start()] + "One sentence more.\n" + text[section.start():], encoding="utf-8")
    commit(project, "E: a section of CONTRIBUTING.md", E)
    dates["E"] = build_of(project).dates
    return {"project": project, "frame": frame, "crux": crux, "dates": dates, "data": data}


def test_only_the_pages_that_show_a_reworded_thesis_take_its_date(history):
    project, frame, data, dates = history["project"], history["frame"], history["data"], history["dates"]
    assert dates["A"] and set(dates["A"].values()) == {A}, "every page is dated by the first commit"
    shows_thesis = {urls.page_of(data, frame.id), *(urls.page_of(data, g) for g in frame.group_ids)}
    shows_thesis |= {path for path, text in own_pages(project).items()
                     if any(a.strip("'\" ") == frame.id for a in calls(text, "thesis"))
                     or (calls(text, "frame_overview") and not frame.summary)}
    redated = {path for path, date in dates["B"].items() if date == B}
    assert redated == shows_thesis | showing_changes(project)
    assert {dates["B"][path] for path in set(dates["B"]) - redated} == {A}


def test_a_reformat_a_rename_with_an_alias_a_rewrap_or_the_schema_re_date_nothing(history):
    project, crux, dates = history["project"], history["crux"], history["dates"]
    old, new = urls.crux_page_path(crux), urls.crux_page_path("renamed-" + crux)
    after_b = {(new if path == old else path): date for path, date in dates["B"].items()}
    changes = showing_changes(project)  # it reports the rename: its words change
    assert {p: d for p, d in dates["C"].items() if p not in changes} == {p: d for p, d in after_b.items() if p not in changes}
    assert dates["D"] == dates["C"]


def test_a_file_that_a_page_shows_by_a_snippet_dates_it(history):
    project, dates = history["project"], history["dates"]
    shows = {path for path, text in own_pages(project).items() if "CONTRIBUTING.md" in included_files(text)}
    assert shows, "no page shows CONTRIBUTING.md: this rule has nothing to check"
    assert {path for path, date in dates["E"].items() if date != dates["D"][path]} == shows
    assert {dates["E"][path] for path in shows} == {E}


def test_the_built_pages_show_and_cite_those_dates_and_uncommitted_words_show_none(history, tmp_path):
    project, frame, data, dates = history["project"], history["frame"], history["data"], history["dates"]
    other = next(f for f in data.frames if dates["E"][urls.page_of(data, f)] == A)
    site = tmp_path / "site"
    build_site(site, project / "mkdocs.yml")
    for page, date in ((urls.page_of(data, frame.id), B), (urls.page_of(data, other), A)):
        html = page_html(site, page)
        assert f'Last changed <time datetime="{date}">{date}</time>' in html, page
        assert meta(html, "article:modified_time") == date, page
        assert meta(html, "citation_publication_date") == date.replace("-", "/"), page
        block = text_of(cite_block(html))
        assert f"Last changed {date}." in block and f"note = {{Last changed {date}}}" in block, page  # plain text, BibTeX
        year, month, day = (int(part) for part in date.split("-"))
        assert json.dumps({"date-parts": [[year, month, day]]}).replace(" ", "") in \
            re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), html).replace(" ", ""), page  # CSL-JSON issued
    sitemap = (site / urls.SITEMAP).read_text(encoding="utf-8")
    assert re.search(rf"/{re.escape(urls.page_of(data, frame.id))}</loc>\s*<lastmod>{B}</lastmod>", sitemap)

    # Words changed and not committed: that page shows no date until they are; the others keep theirs.
    page = project / "docs" / urls.source_of(urls.page_of(data, other), project / "docs")
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence not committed yet.\n", encoding="utf-8")
    now = build_of(project).dates
    assert now[urls.page_of(data, other)] is None
    assert {p: d for p, d in now.items() if p != urls.page_of(data, other)} == \
        {p: d for p, d in dates["E"].items() if p != urls.page_of(data, other)}


def test_the_dates_are_the_same_from_a_cold_cache(history):
    project = history["project"]
    kept = list((project / CACHE).rglob("*.json"))
    assert len(kept) >= 5, "each commit's words are kept"
    shutil.rmtree(project / CACHE)
    assert build_of(project).dates == history["dates"]["E"]
