"""The links of the pages are checked before anything is built, by validate and by the build's loader alike: a page that
does not exist, a link that starts with '/', an anchor the page does not have. Rules over the data and pages."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from macros import urls
from macros.build.generated_pages import MARK
from macros.cli.__main__ import main
from macros.model import DataError
from macros.model.page_anchors import page_anchors
from macros.model.page_links import SitePages, check_links
from macros.model.restatements import words_of

DOCS = ROOT / "docs"


def source(site_data, path: str) -> str:
    """The Markdown file in docs/ of a page path."""
    return urls.source_of(path, DOCS)


def first_frame_with_cruxes(site_data) -> str:
    return next(fid for fid, frame in site_data.frames.items() if frame.cruxes)


def to_docs(site_data, page_path: str) -> str:
    """The way up from a page's Markdown file to docs/, for a Markdown link: '../' from frames/x.md."""
    return "../" * source(site_data, page_path).count("/")


def misspelt(word: str) -> str:
    """A word with one letter dropped from its middle."""
    middle = len(word) // 2
    return word[:middle] + word[middle + 1:]


def test_the_pages_have_no_broken_link(site_data):
    assert check_links(DOCS, "docs", site_data) == []


def test_every_anchor_a_macro_makes_from_the_data_is_one_a_link_may_name(site_data):
    pages = SitePages(DOCS, site_data)
    for owner in [*site_data.groups, *site_data.frames]:
        page = source(site_data, urls.page_of(site_data, owner))
        for crux in site_data.relied_on_by:
            listed = owner in site_data.relied_on_by[crux]
            assert (urls.crux_anchor(crux) in pages.anchors(page)) == listed, (page, crux)
            if site_data.cruxes[crux].owner == owner:
                assert {urls.crux_anchor(alias) for alias in site_data.cruxes[crux].crux.aliases} <= pages.anchors(page)
    explorer = pages.anchors(source(site_data, urls.CRUX_EXPLORER))
    assert {urls.crux_anchor(crux) for crux in [*site_data.cruxes, *site_data.crux_aliases]} <= explorer
    assert {urls.owner_id(frame) for frame in site_data.frames} <= explorer
    glossary = pages.anchors(source(site_data, urls.GLOSSARY))
    assert {urls.term_id(term.id) for term in site_data.glossary.terms} <= glossary


def test_each_broken_link_is_reported_at_its_line_with_what_to_do(site_data, tmp_path):
    docs = shutil.copytree(DOCS, tmp_path / "docs")
    frame = first_frame_with_cruxes(site_data)
    page_path = urls.page_of(site_data, frame)
    page = docs / source(site_data, page_path)
    crux = next(c for c, entry in site_data.cruxes.items() if entry.owner == frame)
    term = site_data.glossary.terms[0].id
    to_root = to_docs(site_data, page_path)
    explorer, glossary = to_root + source(site_data, urls.CRUX_EXPLORER), to_root + source(site_data, urls.GLOSSARY)
    heading = re.search(r"\{ #([\w-]+) \}", page.read_text(encoding="utf-8")).group(1)
    broken = [
        (f"[a page](no-{frame}.md)", "names no page or file: there is no docs/"),
        (f"[an absolute link](/{page_path})", "starts with '/', so it misses the site when it is served under a sub-path"),
        (f"[a crux](#{urls.crux_anchor(misspelt(crux))})", f"(did you mean '#{urls.crux_anchor(crux)}'?)"),
        (f"[a heading](#{misspelt(heading)})", f"(did you mean '#{heading}'?)"),
        (f"[a term]({glossary}#{urls.term_id(misspelt(term))})", f"(did you mean '#{urls.term_id(term)}'?)"),
        (f"[a section]({explorer}#{urls.owner_id(misspelt(frame))})", f"(did you mean '#{urls.owner_id(frame)}'?)"),
        (f"[a page's address]({to_root}{page_path})", "is a page's address; link to its Markdown file"),
        (f'<a href="/{page_path}">raw</a>', "starts with '/'"),
    ]
    before = page.read_text(encoding="utf-8")
    page.write_text(before + "\n" + "\n".join(link for link, _ in broken) + "\n", encoding="utf-8")
    found = check_links(docs, "docs", site_data)
    first = before.count("\n") + 2
    display = f"docs/{source(site_data, page_path)}"
    assert [(p.file, p.line, p.col, p.path) for p in found] == [
        (display, first + i, link.index("(") + 2 if link.startswith("[") else link.index('"') + 2, "link")
        for i, (link, _) in enumerate(broken)]
    for problem, (link, what) in zip(found, broken):
        assert what in problem.message, (link, problem.message)


def test_the_links_that_pass_are_the_ones_the_pages_use(site_data, tmp_path):
    docs = shutil.copytree(DOCS, tmp_path / "docs")
    frame = first_frame_with_cruxes(site_data)
    page_path = urls.page_of(site_data, frame)
    page = docs / source(site_data, page_path)
    other = next(f for f in site_data.frames if f != frame)
    crux = next(c for c, entry in site_data.cruxes.items() if entry.owner == other)
    to_root = to_docs(site_data, page_path)
    good = [f"[a crux elsewhere]({to_root}{source(site_data, urls.page_of(site_data, other))}#{urls.crux_anchor(crux)})",
            f"[its own page]({to_root}{urls.crux_page_source(crux)})",
            f"[a crux here](#{urls.crux_anchor(next(c for c, e in site_data.cruxes.items() if e.owner == frame))})",
            f'<a href="#{urls.crux_anchor(next(c for c, e in site_data.cruxes.items() if e.owner == frame))}">raw</a>',
            "[the post](https://www.alignmentforum.org/) and `[code](/frames/)`"]
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "\n".join(good) + "\n", encoding="utf-8")
    assert check_links(docs, "docs", site_data) == []


def test_validate_reports_the_three_broken_links_of_the_issue(scratch_project, capsys, site_data):
    frame = first_frame_with_cruxes(site_data)
    crux = next(c for c, entry in site_data.cruxes.items() if entry.owner == frame)
    other = next(f for f in site_data.frames if f != frame)
    page = scratch_project / "docs" / source(site_data, urls.page_of(site_data, other))
    lines = page.read_text(encoding="utf-8").count("\n")
    address = f"/{urls.page_of(site_data, frame)}"
    first = f"[A frame](no-such-frame.md) and [another]({address})"
    second = f"[a crux]({source(site_data, urls.page_of(site_data, frame)).rpartition('/')[2]}#{urls.crux_anchor(misspelt(crux))})"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{first}\n{second}\n", encoding="utf-8")
    assert main(["validate"], scratch_project) == 1
    out = capsys.readouterr().out.splitlines()
    display = f"docs/{source(site_data, urls.page_of(site_data, other))}"
    assert [line.split(": ")[0] for line in out[:-1]] == [
        f"{display}:{lines + 2}:{first.index('no-such') + 1}", f"{display}:{lines + 2}:{first.index(address) + 1}",
        f"{display}:{lines + 3}:{second.index('(') + 2}"], out
    assert "names no page or file" in out[0] and "starts with '/'" in out[1]
    assert f"(did you mean '#{urls.crux_anchor(crux)}'?)" in out[2]
    assert out[-1] == "3 problems found."


@pytest.mark.build
def test_every_anchor_the_check_knows_is_on_the_built_page(built_site, site_data):
    # The check's knowledge of the anchors (macros/model/page_anchors.py) against the pages the build wrote: every
    # anchor it accepts is there, and every anchor of the URL scheme (crux, owner, term) that a page has, it knows.
    pages = SitePages(DOCS, site_data)
    owners = [*site_data.frames, *site_data.groups, *site_data.owner_aliases]
    public = ({urls.crux_anchor(c) for c in [*site_data.cruxes, *site_data.crux_aliases]}
              | {urls.owner_id(o) for o in owners} | {urls.term_id(t.id) for t in site_data.glossary.terms})
    for page in pages.pages():
        text = (DOCS / page).read_text(encoding="utf-8") if page in pages.files else MARK
        if MARK in text:
            continue  # a page the build writes from the data: links lead to it, not into it
        ids = set(re.findall(r'\bid="([^"]+)"', (built_site / urls.source_page_path(page) / "index.html").read_text(encoding="utf-8")))
        known = page_anchors(site_data, text, urls.subject_at(site_data, urls.source_page_path(page)))
        assert known <= ids, (page, sorted(known - ids))
        assert ids & public <= known, (page, sorted(ids & public - known))


@pytest.mark.build
def test_the_strict_build_refuses_broken_links_with_the_lines_validate_gives(scratch_project, tmp_path, caplog,
                                                                            site_data):
    from conftest import assert_build_refuses_as_validate

    page = scratch_project / "docs" / "about.md"
    crux = next(iter(site_data.cruxes))
    page.write_text(page.read_text(encoding="utf-8") + f"\n[gone](no-such-page.md) [x](#{urls.crux_anchor(crux)})\n"
                    + " ".join(words_of(site_data.cruxes[crux].crux.text)) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        from macros.build.context import check_project
        check_project(scratch_project)
    reported = str(caught.value).splitlines()
    assert len(reported) == 3
    assert_build_refuses_as_validate(scratch_project, tmp_path / "out", caplog, reported)
