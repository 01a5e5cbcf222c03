"""Reference managers: Highwire citation_* meta on frame and crux pages, CSL-JSON and RIS downloads beside the
BibTeX, the CSL-JSON rendered by a CSL processor (citeproc-py) as a reference manager would."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from ruamel.yaml import YAML

from conftest import ROOT, meta, page_html
from macros import urls
from macros.views import citation

SITE_NAME = "The Core of the Alignment Problem, frame by frame"
CRUX = "agent-grows-smarter"




def download(html: str, label: str) -> str:
    """The text of a page's citation download, decoded from its data: address."""
    found = re.search(rf'<a href="data:[^;]+;charset=utf-8,([^"]*)" download="[^"]+" type="[^"]+">Download {label}</a>', html)
    assert found, f"no {label} download"
    return unquote(found.group(1))


def formatted(item: dict) -> str:
    """The reference as citeproc-py writes it in the Harvard style it ships."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def cited_pages(site_data) -> list[tuple[str, str]]:
    """(path, title) of a frame page and a crux page."""
    frame = next(iter(site_data.frames.values()))
    return [(urls.page_of(site_data, frame.id), frame.title), (urls.crux_page_path(CRUX), site_data.crux_title(CRUX))]


def test_the_site_author_is_the_one_citation_cff_names():
    cff = YAML(typ="safe").load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert [author["name"] for author in cff["authors"]] == [citation.SITE_AUTHOR]


def test_frame_and_crux_pages_carry_highwire_meta(built_site, site_data):
    for path, title in cited_pages(site_data):
        html = page_html(built_site, path)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert meta(html, "citation_title") == title, path
        assert meta(html, "citation_author") == citation.SITE_AUTHOR
        assert meta(html, "citation_publisher") == SITE_NAME
        assert meta(html, "citation_public_url") == canonical and canonical.endswith("/" + path)
        date = meta(html, "citation_publication_date")
        assert date is None or re.fullmatch(r"\d{4}/\d{2}/\d{2}", date), date
    for path in ["", "glossary/", "groups/outer/"]:
        assert meta(page_html(built_site, path), "citation_title") is None, path


def test_the_csl_json_download_renders_as_the_reference_it_should_be(built_site, site_data):
    for path, title in cited_pages(site_data):
        html = page_html(built_site, path)
        items = json.loads(download(html, "CSL-JSON"))
        assert len(items) == 1
        url = meta(html, "citation_public_url")
        date = meta(html, "citation_publication_date")
        year = f"({date[:4]})" if date else "(no date)"
        assert formatted(items[0]) == f"{citation.SITE_AUTHOR} {year} {title}, {SITE_NAME}. Available at: {url}."


def test_the_ris_download_reads_back_as_the_page(built_site, site_data):
    for path, title in cited_pages(site_data):
        html = page_html(built_site, path)
        text = download(html, "RIS")
        assert text.startswith("TY  - ELEC") and text.rstrip().endswith("ER  -")
        [record] = rispy.loads(text)
        assert record["title"] == title and record["authors"] == [citation.SITE_AUTHOR]
        assert record["urls"] == [meta(html, "citation_public_url")]
        assert record["publisher"] == SITE_NAME
        assert record.get("date") == meta(html, "citation_publication_date")


def test_without_a_date_the_formats_say_none():
    item = citation.csl_item("T", "https://example.org/t/", "t/", "A site", None)
    assert "issued" not in item and formatted(item) == f"{citation.SITE_AUTHOR} (no date) T, A site. Available at: https://example.org/t/."
    assert "PY  -" not in citation.ris_record("T", "https://example.org/t/", "A site", None)


@pytest.mark.browser
def test_the_downloads_save_files_a_reference_manager_can_import(browser, site_url, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + urls.crux_page_path(CRUX), wait_until="load")
    for label, suffix in (("CSL-JSON", ".json"), ("RIS", ".ris")):
        with page.expect_download() as info:
            page.get_by_role("link", name=f"Download {label}").click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.suffix == suffix
        text = saved.read_text(encoding="utf-8")
        if suffix == ".json":
            assert json.loads(text)[0]["URL"].endswith("/" + urls.crux_page_path(CRUX))
        else:
            assert rispy.loads(text)[0]["type_of_reference"] == "ELEC"
    context.close()
