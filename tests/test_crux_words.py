"""One copy of every word: a crux's words are in data/frames.yml only; pages show them with crux() and name a crux with
crux_ref(), and a page that restates a crux by hand is refused. Rules over the data, whatever its cruxes say."""

from __future__ import annotations

import html
import re
from pathlib import Path

from ruamel.yaml import YAML

from conftest import ROOT, build_site, text_of
from macros import urls
from macros.model.page_checks import MACRO_CALL, first_argument
from macros.model.restatements import RESTATED_WORDS, SHORTEST_CHECKED, CruxWords, check_restatements, restatements, words_of
from macros.views import crux_mention
from macros.views.crux_tree import crux_rows

DOCS = ROOT / "docs"


def checked(site_data) -> list:
    """The cruxes the restatement check looks for: those with enough words to tell apart from everyday phrases."""
    return [cid for cid, entry in site_data.cruxes.items() if len(words_of(entry.crux.text)) >= SHORTEST_CHECKED]


def test_the_pages_restate_no_crux(site_data):
    assert check_restatements(DOCS, "docs", site_data) == []


def test_every_crux_copied_into_a_page_is_refused_however_it_is_dressed(site_data):
    cruxes = CruxWords(site_data)
    for cid in checked(site_data):
        words = site_data.cruxes[cid].crux.text.split()
        # Capitals, emphasis and a hyphen between two words do not hide a copy.
        dressed = " ".join(words[:1]).upper() + " **" + "-".join(words[1:3]) + "** " + " ".join(words[3:])
        page = f"# A page\n\nSome words of our own.\nAs the post has it, {dressed} That is all.\n"
        found = restatements(page, "docs/a.md", cruxes)
        assert any(f"restates crux '{cid}'" in str(p) and str(p).startswith("docs/a.md:4:") for p in found), (cid, found)
        assert all(f"{{{{ crux('{p.message.split(chr(39))[1]}') }}}}" in p.message for p in found)


def test_a_run_one_word_short_of_the_rule_is_the_pages_own(site_data):
    cruxes = CruxWords(site_data)
    for cid in checked(site_data):
        words = words_of(site_data.cruxes[cid].crux.text)
        if len(words) < RESTATED_WORDS:
            continue
        # Every run of RESTATED_WORDS - 1 words of the crux, each cut off from the next by a word of the page's own.
        cut = RESTATED_WORDS - 1
        runs = [" ".join(words[i:i + cut]) for i in range(0, len(words), cut)]
        page = "# A page\n\n" + " zyzzyva ".join(runs) + ".\n"
        assert [p for p in restatements(page, "docs/a.md", cruxes) if f"'{cid}'" in p.message] == [], cid


def test_words_in_code_comments_macros_and_link_addresses_are_not_restatements(site_data):
    cruxes = CruxWords(site_data)
    cid = max(checked(site_data), key=lambda c: len(site_data.cruxes[c].crux.text))
    text = site_data.cruxes[cid].crux.text
    page = (f"# A page\n\n`{text}`\n\n```text\n{text}\n```\n\n<!-- {text} -->\n\n{{{{ crux('{cid}') }}}}\n\n"
            f"[our words]({'-'.join(words_of(text))}.md) <span title=\"{text}\">x</span>\n")
    assert restatements(page, "docs/a.md", cruxes) == []


def test_a_reference_to_a_crux_says_the_number_its_pages_crux_table_shows(site_data):
    for owner in [*site_data.groups, *site_data.frames]:
        root = urls.root_prefix(urls.page_of(site_data, owner))
        for row in crux_rows(site_data, owner):
            made = crux_mention.crux_ref(site_data, row.crux.id, root, owner)
            assert f">crux {row.number}</a>" in made
            assert f'href="#{urls.crux_anchor(row.crux.id)}"' in made  # its row on this very page
            assert ">Crux " in crux_mention.crux_ref(site_data, row.crux.id, root, owner, capital=True)


def test_elsewhere_a_reference_names_where_the_crux_is_defined(site_data):
    for cid, entry in site_data.cruxes.items():
        made = crux_mention.crux_ref(site_data, cid, "../", None)
        owner = site_data.owner(entry.owner)
        assert f"{site_data.crux_numbers[cid]} of {html.escape(owner.title)}</a>" in made
        assert f'href="../{urls.crux_path(site_data, cid)}"' in made


def test_crux_shows_the_words_of_the_crux_and_of_those_it_rests_on(site_data):
    for cid, entry in site_data.cruxes.items():
        made = html.unescape(crux_mention.crux_words(site_data, cid, "./", None))
        shown = re.sub(r"<[^>]+>", "", made)
        for crux in [entry.crux, *(site_data.cruxes[getattr(c, "ref", None) or c.id].crux for c in entry.crux.children)]:
            assert " ".join(crux.text.split()).rstrip(" .;:,") in shown, (cid, shown)


def test_markdown_signs_in_a_cruxs_words_stay_words(site_data, monkeypatch):
    cid = next(iter(site_data.cruxes))
    entry = site_data.cruxes[cid]
    odd = "A *starred* word_with_underscores and [brackets] `ticks`."
    monkeypatch.setattr(entry, "crux", entry.crux.model_copy(update={"text": odd, "children": []}))
    made = crux_mention.crux_words(site_data, cid, "./", None)
    assert "*" not in made and "_with" not in made and "[" not in made and "`" not in made
    assert "&#42;starred&#42;" in made


# ---------------------------------------------------------------- the build: a crux reworded in the data


def shown_by_macro(docs: Path) -> dict[str, set[str]]:
    """Crux id -> the Markdown pages that show its words with crux()."""
    found: dict[str, set[str]] = {}
    for page in docs.rglob("*.md"):
        for call in MACRO_CALL.finditer(page.read_text(encoding="utf-8")):
            if call.group(1) == "crux":
                found.setdefault(first_argument(call.group(2)), set()).add(page.relative_to(docs).as_posix())
    return found


def page_text(html_text: str) -> str:
    """What a reader reads of a page: its text without markup, spaces made single."""
    return text_of(html_text, tag="")


def test_a_crux_reworded_in_the_data_reads_anew_on_every_page_that_shows_it(scratch_project, tmp_path, site_data,
                                                                              built_site):
    shown = shown_by_macro(DOCS)
    assert shown, "no page shows a crux with crux(): the rewording would only reach the crux tables"
    cid = max(shown, key=lambda c: len(shown[c]))
    old = " ".join(site_data.cruxes[cid].crux.text.split()).rstrip(" .;:,")  # crux() leaves out the closing stop
    new = "Reworded in the data by a contributor, these words replace the old ones everywhere"
    yaml = YAML(typ="rt")
    path = scratch_project / "data" / "frames.yml"
    document = yaml.load(path.read_text(encoding="utf-8"))

    def reword(items) -> None:
        for item in items:
            if item.get("id") == cid:
                item["text"] = new
            for join in ("because", "any_of", "all_of"):
                reword(item.get(join, []))

    for owner in [*document["groups"], *document["frames"]]:
        reword(owner.get("cruxes", []))
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(document, out)
    site = tmp_path / "site"
    build_site(site, scratch_project / "mkdocs.yml")

    entry = site_data.cruxes[cid]
    showing = {urls.page_of(site_data, owner) for owner in site_data.relied_on_by[cid]}
    showing |= {urls.CRUX_EXPLORER, urls.crux_page_path(cid)} | {urls.source_page_path(page) for page in shown[cid]}
    for path in showing:  # before the rewording, each of them shows the old words, as the check below reads pages
        assert old in page_text((built_site / path / "index.html").read_text(encoding="utf-8")), f"/{path}"
    for page in sorted(site.rglob("index.html")):
        path = page.relative_to(site).as_posix().removesuffix("index.html")
        text = page_text(page.read_text(encoding="utf-8"))
        if path in showing:
            assert new in text, f"/{path} does not show the new words of crux '{cid}'"
        # An edition keeps the words it had, and the changes page shows what they were: both say so.
        if not path.startswith((urls.EDITIONS, urls.CHANGES)):
            assert old not in text and old not in html.unescape(page.read_text(encoding="utf-8")), \
                f"/{path} still shows the old words of crux '{cid}' ({entry.owner})"
