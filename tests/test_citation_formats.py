"""Reference managers: Highwire citation_* meta on frame and crux pages, CSL-JSON and RIS downloads beside the
BibTeX, the CSL-JSON rendered by a CSL processor (citeproc-py) as a reference manager would."""

from __future__ import annotations

import html as html_lib
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


# ---------------------------------------------------------------- the four formats say the same, field by field

FIELDS = ("title", "author", "publisher", "date", "url")
_UNESCAPE = [(r"\textasciitilde{}", "~"), (r"\textasciicircum{}", "^")]


def read_bibtex(entry: str) -> dict[str, str]:
    """The fields of one BibTeX entry, braces matched and escapes undone, as a BibTeX reader would see them."""
    body = re.match(r"@\w+\{[^,]+,(.*)\}\s*$", entry.strip(), re.S).group(1)
    fields, i = {}, 0
    while (found := re.compile(r"\s*(\w+)\s*=\s*\{").match(body, i)):
        depth, j = 1, found.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(body[j], 0) if body[j - 1] != "\\" else 0
            j += 1
        parts = body[found.end():j - 1].split(r"\textbackslash{}")
        for escaped, plain in _UNESCAPE:
            parts = [part.replace(escaped, plain) for part in parts]
        fields[found.group(1)] = "\\".join(re.sub(r"\\([&%$#_{}])", r"\1", part) for part in parts)
        i = body.find(",", j) + 1 or len(body)
    return fields


def from_bibtex(entry: str) -> dict:
    fields = read_bibtex(entry)
    author = fields["author"]
    assert author.startswith("{") and author.endswith("}"), author  # one corporate name, not "First Last"
    return {"title": fields["title"], "author": author[1:-1], "publisher": fields["howpublished"],
            "date": fields.get("date"), "url": fields["url"]}


def from_plain_text(text: str) -> dict:
    found = re.fullmatch(r'(?P<author>.+?)\. "(?P<title>.+?)\.?" In (?P<publisher>.+?)\.'
                         r"(?: Last changed (?P<date>\d{4}-\d{2}-\d{2})\.)? (?P<url>\S+)", text.strip())
    assert found, text
    return found.groupdict()


def from_csl(item: dict) -> dict:
    reference = CiteProcJSON([item])[item["id"]]
    issued = reference.get("issued")
    return {"title": str(reference.title), "author": " ".join(str(a["literal"]) for a in reference.author),
            "publisher": str(reference.container_title), "url": str(reference.URL),
            "date": f"{issued.year:04d}-{issued.month:02d}-{issued.day:02d}" if issued else None}


def from_ris(text: str) -> dict:
    [record] = rispy.loads(text)
    assert record["secondary_title"] == record["publisher"]
    return {"title": record["title"], "author": " ".join(record["authors"]), "publisher": record["publisher"],
            "date": record["date"].replace("/", "-") if "date" in record else None, "url": " ".join(record["urls"])}


def from_highwire(meta_tags: dict[str, str], url: str) -> dict:
    date = meta_tags.get("citation_publication_date")
    return {"title": meta_tags["citation_title"], "author": meta_tags["citation_author"],
            "publisher": meta_tags["citation_publisher"], "date": date.replace("/", "-") if date else None, "url": url}


@pytest.mark.parametrize("title, date", [
    ("Distribution Shift, crux 1: Building an AGI unavoidably brings a distribution shift", "2026-11-30"),
    ('50% of {it} & "more"_ ~ ^ \\ #1: words…', None),
])
def test_every_format_renders_the_same_fields(title, date):
    fields = citation.page_fields(title, "https://example.org/frames/cruxes/x/", "cruxes/x/", SITE_NAME, date)
    expected = {name: getattr(fields, name) for name in FIELDS}
    readings = {
        "plain text": from_plain_text(citation.plain_text(fields)),
        "BibTeX": from_bibtex(citation.bibtex(fields)),
        "CSL-JSON": from_csl(citation.csl(fields)),
        "RIS": from_ris(citation.ris(fields)),
        "Highwire": from_highwire(citation.highwire(fields), fields.url),
    }
    for name, read in readings.items():
        assert read == expected, name


def test_the_built_pages_cite_themselves_alike_in_every_format(built_site, site_data):
    for path, title in cited_pages(site_data):
        html = page_html(built_site, path)
        blocks = [html_lib.unescape(re.sub(r"<[^>]+>", "", block))
                  for block in re.findall(r"<pre[^>]*>(.*?)</pre>", html.split('id="cite-this"', 1)[1], re.S)]
        text, bib = blocks[2], blocks[3]  # after the source post's plain text and BibTeX
        url = meta(html, "citation_public_url")
        tags = {key: meta(html, key) for key in ("citation_title", "citation_author", "citation_publisher",
                                                "citation_publication_date") if meta(html, key)}
        readings = {"plain text": from_plain_text(text), "BibTeX": from_bibtex(bib),
                    "CSL-JSON": from_csl(json.loads(download(html, "CSL-JSON"))[0]),
                    "RIS": from_ris(download(html, "RIS")), "Highwire": from_highwire(tags, url)}
        first = readings["Highwire"]
        assert first["title"] == title and first["author"] == citation.SITE_AUTHOR and first["url"].endswith("/" + path)
        for name, read in readings.items():
            assert read == first, (path, name)


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
