"""Markdown twins and /llms.txt: every frame, group and crux page, the glossary and the verdict as plain Markdown, made
from the data, each with its permanent URL and citation, listed in llms.txt; the same on both engines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from macros import urls
from macros.views.citation import cite_page
from macros.views.prose import ProseError, absolute_link, plain_markdown
from macros.views.twins import SiteFacts, TwinPage, crux_twin, macro_text, owner_twin

SITE_URL = "https://core-of-alignment.github.io/frames/"
SITE = SiteFacts("The Core of the Alignment Problem, frame by frame", SITE_URL, "A guide.")
# What plain Markdown does not hold: HTML tags, macros, attribute lists, admonitions.
NOT_PLAIN = {
    "HTML": re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>"),
    "a macro": re.compile(r"\{\{|\{%|%\}|\}\}"),
    "an attribute list": re.compile(r"\{\s*[:#.][\w-]"),
    "an admonition": re.compile(r"^\s*(!!!|\?\?\?)", re.M),
}
LINK = re.compile(r"^- \[([^\]]+)\]\(([^)\s]+)\)(?::\s(.*))?$", re.M)


def not_plain(text: str) -> list[str]:
    """What in a twin is not plain Markdown (nothing, when it is)."""
    outside_code = re.sub(r"^(`{3,}).*?^\1", "", text, flags=re.M | re.S)
    return [f"{what}: {pattern.search(outside_code).group(0)!r}" for what, pattern in NOT_PLAIN.items()
            if pattern.search(outside_code)]


# ---------------------------------------------------------------- from the pages' Markdown, no build


def test_a_pages_markdown_becomes_plain_markdown():
    page = (
        "---\ndescription: x\n---\n# Title { #top }\n\n{{ thesis() }}\n\n## Part { #part }\n\n"
        'See [there](other.md#crux-a), [here](#b) and [away](https://example.org/x).\n{ #crux-old }\n\n'
        '!!! reading "Our reading"\n    First line.\n\n    - a list\n\nAfter.\n\n{{ page_end() }}\n')
    shown = plain_markdown(page, "frames/one.md", SITE_URL, lambda name, args, kwargs: f"[{name}]")
    assert shown.split() == (
        "[thesis] ## Part See [there](https://core-of-alignment.github.io/frames/frames/other/#crux-a), "
        "[here](https://core-of-alignment.github.io/frames/frames/one/#b) and [away](https://example.org/x). "
        "> **Our reading** > > First line. > > - a list After. [page_end]").split()


def test_a_macro_the_twin_cannot_show_stops_the_build(site_data):
    with pytest.raises(ProseError, match="frame_map"):
        plain_markdown("{{ frame_map() }}\n", "map.md", SITE_URL, macro_text(site_data, SITE, None))
    with pytest.raises(ProseError, match="inside a line"):
        plain_markdown("Some {{ thesis() }} here\n", "frames/x.md", SITE_URL, macro_text(site_data, SITE, "x"))


def test_links_from_a_page_become_absolute():
    assert absolute_link("../verdict.md#reasons", "frames/x.md", SITE_URL) == SITE_URL + "verdict/#reasons"
    assert absolute_link("what-is-a-crux.md", "index.md", SITE_URL) == SITE_URL + "what-is-a-crux/"
    assert absolute_link("mailto:a@b.c", "index.md", SITE_URL) == "mailto:a@b.c"


def test_a_frames_twin_holds_its_thesis_cruxes_links_and_citation(site_data):
    for frame in site_data.frames.values():
        path = urls.page_of(site_data, frame.id)
        source = urls.source_of(path, ROOT / "docs")
        twin = owner_twin(site_data, frame.id, TwinPage(path, source, (ROOT / "docs" / source).read_text(), None), SITE)
        assert not_plain(twin) == [], frame.id
        assert twin.startswith(f"# {frame.title}\n") and frame.thesis in twin
        for crux in site_data.owner(frame.id).cruxes:
            crux_id = getattr(crux, "id", None) or crux.ref
            assert site_data.cruxes[crux_id].crux.text in twin and urls.crux_page_path(crux_id) in twin
        for link in frame.links:
            assert link.note in twin
        assert f"<{urls.absolute(SITE_URL, path)}>" in twin
        assert cite_page(frame.title, urls.absolute(SITE_URL, path), path, SITE.name, None).text in twin


def test_a_cruxs_twin_holds_its_words_and_where_it_sits(site_data):
    for crux, entry in site_data.cruxes.items():
        twin = crux_twin(site_data, crux, TwinPage(urls.crux_page_path(crux)), SITE, {})
        assert not_plain(twin) == [], crux
        assert f"> {entry.crux.text}" in twin
        for child in entry.crux.children:
            child_id = getattr(child, "id", None) or child.ref
            assert site_data.cruxes[child_id].crux.text in twin
        if entry.parent:
            assert site_data.cruxes[entry.parent].crux.text in twin


# ---------------------------------------------------------------- the built site


def twin_file(site: Path, url: str) -> Path:
    """The file a twin's address names in a built site."""
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def llms_entries(site: Path) -> dict[str, list[tuple[str, str, str]]]:
    """llms.txt's sections: heading -> (title, address, note) of each link."""
    sections: dict[str, list] = {}
    for part in (site / urls.LLMS_TXT).read_text(encoding="utf-8").split("\n## ")[1:]:
        heading, _, body = part.partition("\n")
        sections[heading] = LINK.findall(body)
    return sections


def test_llms_txt_follows_the_format(built_site):
    text = (built_site / urls.LLMS_TXT).read_text(encoding="utf-8")
    first, blank, summary = text.splitlines()[:3]
    assert first.startswith("# ") and blank == "" and summary.startswith("> ")  # H1 name, blockquote summary
    assert not re.search(r"^# ", text.split("\n", 1)[1], re.M)  # one H1
    assert all(entries for entries in llms_entries(built_site).values())
    assert not_plain(text) == []


def test_llms_txt_lists_a_twin_of_every_frame_group_crux_the_glossary_and_the_verdict(built_site, site_data):
    listed = {url for entries in llms_entries(built_site).values() for _, url, _ in entries}
    wanted = [urls.page_of(site_data, o) for o in [*site_data.frames, *site_data.groups]]
    wanted += [urls.crux_page_path(c) for c in site_data.cruxes] + [urls.GLOSSARY, urls.VERDICT]
    missing = [p for p in wanted if urls.absolute(SITE_URL, urls.twin_path(p)) not in listed]
    assert missing == []
    for url in listed:
        assert twin_file(built_site, url).is_file(), f"llms.txt lists {url}, which the site does not serve"


def test_every_twin_names_its_page_and_citation_and_is_plain_markdown(built_site):
    twins = sorted(built_site.rglob(urls.TWIN_FILE))
    assert twins
    wrong = {}
    for file in twins:
        path = file.parent.relative_to(built_site).as_posix() + "/"
        text = file.read_text(encoding="utf-8")
        page = urls.absolute(SITE_URL, path)
        problems = not_plain(text)
        if f"Permanent URL: <{page}>" not in text:
            problems.append("no permanent URL")
        if "## Cite this" not in text or f"In {SITE.name}." not in text or "@misc{" not in text:
            problems.append("no citation")
        if not (built_site / path / "index.html").is_file():
            problems.append("a twin of no page")
        if problems:
            wrong[path] = problems
    assert wrong == {}


@pytest.mark.slow
def test_both_engines_write_the_same_twins_and_llms_txt(built_site, zensical_site):
    ours = {f.relative_to(built_site) for f in built_site.rglob(urls.TWIN_FILE)} | {Path(urls.LLMS_TXT)}
    theirs = {f.relative_to(zensical_site) for f in zensical_site.rglob(urls.TWIN_FILE)} | {Path(urls.LLMS_TXT)}
    assert ours == theirs
    for name in ours:
        assert (zensical_site / name).read_bytes() == (built_site / name).read_bytes(), name
