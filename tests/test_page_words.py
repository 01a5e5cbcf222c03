"""The words that date a page (macros/model/page_words.py), and how the dates follow them (macros/build/page_dates.py).

Unit tier: the real data and pages, changed in memory. tests/test_page_dates.py makes a git history and builds it.
"""

from __future__ import annotations

import ast
import re
import textwrap

from conftest import ROOT
from macros import urls
from macros.build.page_dates import date_runs
from macros.model import FramesFile, SiteData
from macros.model.page_facts import discussion_reports
from macros.model.markdown_words import MACRO_CALL, included_files
from macros.model.page_words import MACROS, page_aliases, words_shown

DOCS = ROOT / "docs"


def own_pages() -> dict[str, str]:
    """Page path -> Markdown of docs/'s own pages (not the ones the build writes)."""
    pages = {}
    for path in sorted(DOCS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "Written by macros/build/generated_pages.py" not in text:
            pages[urls.source_page_path(path.relative_to(DOCS).as_posix())] = text
    return pages


def every_page(data: SiteData) -> dict[str, str]:
    return {**own_pages(), **{urls.crux_page_path(crux): "" for crux in data.cruxes}}


def all_words(data: SiteData, pages: dict[str, str] | None = None) -> dict[str, str]:
    pages = pages if pages is not None else every_page(data)
    discussion = discussion_reports(data, DOCS)
    return {path: words_shown(data, path, text, discussion=discussion) for path, text in pages.items()}


def changed(data: SiteData, edit) -> set[str]:
    """The pages whose words an edit of the data (a function of its dict) changes."""
    document = data.frames_file.model_dump(mode="json", exclude_defaults=True)
    edit(document)
    after = SiteData(FramesFile.model_validate(document), data.glossary)
    before_words, after_words = all_words(data), all_words(after, every_page(after))
    return {path for path in before_words if before_words[path] != after_words.get(path)}


def calls(markdown: str, macro: str) -> list[str]:
    """The arguments of each call of a macro in a page."""
    return [m.group(2) for m in MACRO_CALL.finditer(markdown) if m.group(1) == macro]


def rewrapped(markdown: str, width: int) -> str:
    """The same Markdown with its prose paragraphs wrapped at another width (front matter, lists, code kept)."""
    blocks = markdown.split("\n\n")
    plain = re.compile(r"^[A-Za-z\"'(*]")  # a paragraph of prose, not a heading, list, table, fence, box or macro
    return "\n\n".join(textwrap.fill(" ".join(b.split()), width, break_long_words=False, break_on_hyphens=False) if plain.match(b) and "```" not in b and "{{" not in b
                       and "\n-" not in b and "|" not in b else b for b in blocks)


# ---------------------------------------------------------------- the rules of words_shown


def test_every_macro_a_page_can_call_has_its_words():
    source = (ROOT / "macros" / "engines" / "macros_env.py").read_text(encoding="utf-8")
    registered = {node.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef)
                  and any(ast.unparse(d) == "env.macro" for d in node.decorator_list)}
    assert registered, "no macro found in macros/engines/macros_env.py"
    missing = registered - set(MACROS)
    assert not missing, (f"say in macros/model/page_words.py (MACROS) which words of the data these macros show, so that "
                         f"the pages calling them are dated by those words: {sorted(missing)}")


def test_layout_and_addresses_are_not_words(site_data):
    discussion = discussion_reports(site_data, DOCS)
    for path, text in own_pages().items():
        words = words_shown(site_data, path, text, discussion=discussion)
        assert words_shown(site_data, path, rewrapped(text, 50), discussion=discussion) == words, path
        # Every link target and anchor changed.
        moved = re.sub(r"\]\(([^)\s]+)\)", r"](../moved/\1)", text)
        moved = re.sub(r"\{ #([\w-]+) \}", r"{ #moved-\1 }", moved)
        assert words_shown(site_data, path, moved, discussion=discussion) == words, path


def test_the_words_of_a_page_are_its_prose(site_data):
    path, text = next((p, t) for p, t in own_pages().items() if p.startswith(urls.FRAMES) and re.search(r"\[[^\]]+\]\(", t))
    words = words_shown(site_data, path, text)
    link_text = re.search(r"\[([^\]]+)\]\(", text).group(1)
    assert words_shown(site_data, path, text.replace(f"[{link_text}](", f"[{link_text} again](", 1)) != words
    assert words_shown(site_data, path, text + "\nOne more sentence.\n") != words
    front = "---\ndescription: >-\n  A description\n  folded.\n---\n"
    assert words_shown(site_data, path, front + text) == words_shown(site_data, path, '---\ndescription: "A description folded."\n---\n' + text)
    assert words_shown(site_data, path, front + text) != words


def test_a_thesis_shows_on_its_frame_its_groups_and_the_pages_that_show_theses(site_data):
    for frame in site_data.frames.values():
        def edit(document, fid=frame.id):
            entry = next(f for f in document["frames"] if f["id"] == fid)
            entry["thesis"] += " One sentence more."

        expected = {urls.page_of(site_data, frame.id), *(urls.page_of(site_data, g) for g in frame.group_ids)}
        # The home page's overview shows the one-line summary, and the thesis only for a frame that has none; the
        # changes page reports every change since the last edition.
        expected |= {path for path, text in own_pages().items()
                     if any(a.strip("'\" ") == frame.id for a in calls(text, "thesis"))
                     or (calls(text, "frame_overview") and not frame.summary) or calls(text, "changes")}
        assert changed(site_data, edit) == expected, frame.id


def test_a_crux_shows_on_its_page_its_owner_the_frames_relying_on_it_its_family_and_the_crux_lists(site_data):
    for crux, entry in list(site_data.cruxes.items())[::5]:
        def edit(document, cid=crux):
            def walk(items):
                for item in items:
                    if item.get("id") == cid:
                        item["text"] += " One clause more."
                    for key in ("because", "any_of", "all_of"):
                        walk(item.get(key, []))
            for owner in [*document["groups"], *document["frames"]]:
                walk(owner.get("cruxes", []))

        family = {crux, *(c for c, e in site_data.cruxes.items() if e.parent == crux or c in (entry.parent,))}
        family |= {c for c, e in site_data.cruxes.items()  # a crux whose nested list refers to this one
                   if any(getattr(child, "ref", None) == crux for child in e.crux.children)}
        expected = {urls.crux_page_path(c) for c in family}
        expected |= {urls.page_of(site_data, user) for user in site_data.relied_on_by[crux]}
        expected |= {path for path, text in own_pages().items()
                     if calls(text, "crux_explorer") or calls(text, "stance_tool") or calls(text, "changes")}
        # A page that shows the crux's words in its running text, or those of the crux it rests under.
        shown_by = {crux, entry.parent} - {None}
        expected |= {path for path, text in own_pages().items()
                     if any(re.search(rf"\{{\{{\s*crux\(\s*['\"]{re.escape(c)}['\"]", text) for c in shown_by)}
        assert changed(site_data, edit) == expected, crux


def test_a_page_that_shows_no_data_keeps_its_words_whatever_the_data_says(site_data):
    quiet = {path for path, text in own_pages().items()
             if {m.group(1) for m in MACRO_CALL.finditer(text)} <= {"page_end", "taxonomy"}
             and path not in (urls.CRUX_EXPLORER,) and not urls.subject_at(site_data, path)}
    assert quiet, "no page of plain prose: this rule has nothing to check"

    def edit(document):  # every title, thesis and crux reworded
        for owner in [*document["groups"], *document["frames"]]:
            owner["title"] += " (renamed)"
            owner["thesis"] += " Reworded."
        document["source"]["title"] += " Again"

    assert not quiet & changed(site_data, edit)


def test_a_renamed_id_kept_as_an_alias_changes_no_words(site_data):
    crux = next(c for c, e in site_data.cruxes.items() if not e.crux.aliases)

    def rename(document):
        def walk(items):
            for item in items:
                if item.get("id") == crux:
                    item["id"], item["aliases"] = "renamed-crux", [crux]
                if item.get("ref") == crux:
                    item["ref"] = "renamed-crux"
                for key in ("because", "any_of", "all_of"):
                    walk(item.get(key, []))
        for owner in [*document["groups"], *document["frames"]]:
            walk(owner.get("cruxes", []))

    document = site_data.frames_file.model_dump(mode="json", exclude_defaults=True)
    rename(document)
    after = SiteData(FramesFile.model_validate(document), site_data.glossary)
    before, now = all_words(site_data), all_words(after, every_page(after))
    moved = urls.crux_page_path("renamed-crux")
    assert page_aliases(after, moved) == (urls.crux_page_path(crux),)
    assert now[moved] == before[urls.crux_page_path(crux)]
    assert {p for p in before if p != urls.crux_page_path(crux) and before[p] != now[p]} == \
        {p for p, t in own_pages().items() if calls(t, "changes")}  # the changes page reports the rename


def test_a_macro_without_its_words_counts_as_showing_all_the_data(site_data):
    text = "# A page\n\n{{ a_new_macro() }}\n"
    before = words_shown(site_data, "about/", text)
    document = site_data.frames_file.model_dump(mode="json", exclude_defaults=True)
    document["frames"][-1]["reading"] = [{"title": "A new work", "authors": "A. Author", "year": 2024,
                                          "url": "https://example.org/work"}]
    after = SiteData(FramesFile.model_validate(document), site_data.glossary)
    assert words_shown(after, "about/", text) != before


# ---------------------------------------------------------------- dates from runs of equal words


def test_a_page_is_dated_by_the_oldest_commit_of_its_newest_unbroken_run():
    now = {"a/": "1", "b/": "2", "new/": "3", "edited/": "9", "moved/": "5"}
    history = [  # newest first
        ("2026-04-01", {"a/": "1", "b/": "2", "edited/": "4", "moved/": "5"}),
        ("2026-03-01", {"a/": "1", "b/": "0", "edited/": "4", "old/": "5"}),
        ("2026-02-01", {"a/": "1", "b/": "2", "edited/": "4", "old/": "5"}),
        ("2026-01-01", {"a/": "7", "b/": "2", "edited/": "4", "old/": "6"}),
    ]
    dates = date_runs(now, {"moved/": ("old/",)}, iter(history))
    assert dates == {"a/": "2026-02-01", "b/": "2026-04-01", "new/": None, "edited/": None, "moved/": "2026-02-01"}


def test_the_dates_look_no_further_back_than_a_commit_whose_words_cannot_be_read():
    history = [("2026-03-01", {"a/": "1"}), ("2026-02-01", {"a/": "1"}), ("2026-01-01", None), ("2025-01-01", {"a/": "1"})]
    assert date_runs({"a/": "1"}, {}, iter(history)) == {"a/": "2026-02-01"}
    assert date_runs({"a/": "1"}, {}, iter([])) == {"a/": None}


def test_the_walk_stops_reading_history_once_every_page_is_dated():
    read = []

    def history():
        for date, pages in [("2026-03-01", {"a/": "1"}), ("2026-02-01", {"a/": "0"}), ("2026-01-01", {"a/": "1"})]:
            read.append(date)
            yield date, pages

    assert date_runs({"a/": "1"}, {}, history()) == {"a/": "2026-03-01"}
    assert read == ["2026-03-01", "2026-02-01"]



def test_the_files_snippets_put_in_a_page_are_its_words(site_data):
    page = "# A page\n\n--8<-- \"NOTES.md:part\"\n\n--8<-- \"WHOLE.md\"\n"
    files = {"NOTES.md": "Before.\n<!-- --8<-- [start:part] -->\nThe part shown.\n<!-- --8<-- [end:part] -->\nAfter.\n",
             "WHOLE.md": "All of it."}
    words = words_shown(site_data, "notes/", page, include=files.get)
    assert "The part shown." in words and "All of it." in words and "Before." not in words
    assert words_shown(site_data, "notes/", page, include={**files, "NOTES.md": files["NOTES.md"].replace("After", "Later")}.get) == words
    assert words_shown(site_data, "notes/", page, include={**files, "NOTES.md": files["NOTES.md"].replace("part shown", "part read")}.get) != words
    assert included_files(page) == {"NOTES.md", "WHOLE.md"}
