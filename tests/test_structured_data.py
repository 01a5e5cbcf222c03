"""Every page's JSON-LD: read back from the built HTML by extruct, valid against schema.org (tests/schema_org.py), and
saying what the data says."""

from __future__ import annotations

import json
import re

import extruct
import pytest

from conftest import page_html, site_pages
from macros import urls
from macros.views.structured_data import page_graph, script_text
from macros.views.twins import SiteFacts
from schema_org import problems

SITE = SiteFacts("The Core of the Alignment Problem, frame by frame", "https://core-of-alignment.github.io/frames/",
                 "A guide.")
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def documents(html: str) -> list[dict]:
    """The page's JSON-LD documents as extruct reads them; each must also be strict JSON."""
    for text in SCRIPT.findall(html):
        json.loads(text)
    return extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]


def graph(html: str) -> list[dict]:
    found = documents(html)
    assert len(found) == 1, f"{len(found)} JSON-LD documents"
    return found[0]["@graph"]


def of_type(nodes: list[dict], kind: str) -> list[dict]:
    return [node for node in nodes if node.get("@type") == kind]


# ---------------------------------------------------------------- from the data, no build


def data_pages(data) -> list[str]:
    return ["", "about/", urls.GLOSSARY, urls.VERDICT, *(urls.page_of(data, o) for o in [*data.frames, *data.groups]),
            *(urls.crux_page_path(c) for c in data.cruxes)]


def test_every_kind_of_page_gets_valid_structured_data(site_data):
    for path in data_pages(site_data):
        document = page_graph(site_data, path, SITE, "A title", "A description.", "2026-12-01", "https://x/card.png")
        assert problems(document) == [], path
        assert json.loads(script_text(document)) == document


def test_the_check_finds_what_schema_org_does_not_allow():
    def document(node: dict) -> dict:
        return {"@context": "https://schema.org", "@graph": [node]}

    assert problems(document({"@type": "Claim", "text": "x", "appearance": {"@id": "https://x/"}})) == []
    assert problems(document({"@type": "Clam", "text": "x"})) == ["Clam: not a schema.org type"]
    assert problems(document({"@type": "Claim", "txet": "x"})) == ["Claim.txet: not a schema.org property"]
    assert problems(document({"@type": "DefinedTerm", "appearance": {"@id": "https://x/"}})) == [
        "DefinedTerm.appearance: schema.org uses appearance on ['Claim'], not on DefinedTerm"]
    assert problems({"@context": "https://example.org", "@graph": []}) == ["@context is 'https://example.org', not schema.org"]


def test_no_text_in_the_data_can_close_the_script_element():
    text = script_text({"@context": "https://schema.org", "name": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & more"


# ---------------------------------------------------------------- the built site


def test_every_page_has_one_json_ld_document_that_schema_org_allows(built_site):
    pages = site_pages(built_site)
    assert any(p.startswith(urls.EDITIONS) and p != urls.EDITIONS for p in pages)  # the editions' pages too
    wrong = {}
    for path in pages:
        found = documents(page_html(built_site, path))
        if len(found) != 1:
            wrong[path] = [f"{len(found)} JSON-LD documents"]
        elif problems(found[0]):
            wrong[path] = problems(found[0])
    assert wrong == {}


def test_the_site_is_a_website_about_the_post(built_site, site_data):
    for path in site_pages(built_site):
        site = of_type(graph(page_html(built_site, path)), "WebSite")
        assert len(site) == 1 and site[0]["url"] == SITE.url, path
    home = of_type(graph(page_html(built_site, "")), "WebSite")[0]
    assert home["about"] == {"@id": site_data.source.url} and home["description"]


def test_frame_and_group_pages_are_scholarly_articles_about_and_based_on_the_post(built_site, site_data):
    for owner in [*site_data.frames.values(), *site_data.groups.values()]:
        nodes = graph(page_html(built_site, urls.page_of(site_data, owner.id)))
        article = of_type(nodes, "ScholarlyArticle")[0]
        assert article["name"] == owner.title and article["description"] == owner.thesis
        assert article["about"] == article["isBasedOn"] == {"@id": site_data.source.url}
        post = of_type(nodes, "Article")[0]
        assert post["@id"] == site_data.source.url and post["name"] == site_data.source.title
        assert article["url"] == urls.absolute(SITE.url, urls.page_of(site_data, owner.id))


def test_crux_pages_are_claims_in_their_own_words(built_site, site_data):
    for crux, entry in site_data.cruxes.items():
        claim = of_type(graph(page_html(built_site, urls.crux_page_path(crux))), "Claim")[0]
        assert claim["text"] == entry.crux.text
        assert claim["firstAppearance"] == {"@id": site_data.source.url}
        assert claim["appearance"] == {"@id": urls.absolute(SITE.url, urls.page_of(site_data, entry.owner))}


def test_the_glossary_is_a_defined_term_set_of_every_term(built_site, site_data):
    term_set = of_type(graph(page_html(built_site, urls.GLOSSARY)), "DefinedTermSet")[0]
    terms = {t["url"]: t for t in term_set["hasDefinedTerm"]}
    assert len(terms) == len(site_data.glossary.terms)
    for term in site_data.glossary.terms:
        node = terms[urls.absolute(SITE.url, urls.term_path(term.id))]
        assert node["@type"] == "DefinedTerm" and node["name"] == term.term and node["description"] == term.definition
        assert node["inDefinedTermSet"] == {"@id": term_set["@id"]}
        assert node.get("alternateName") == term.abbr


@pytest.mark.slow
def test_both_engines_write_the_same_structured_data(built_site, zensical_site):
    for path in site_pages(built_site):
        assert documents(page_html(zensical_site, path)) == documents(page_html(built_site, path)), path


def test_the_json_ld_is_in_the_head(built_site):
    for path in site_pages(built_site):
        assert SCRIPT.search(page_html(built_site, path).split("</head>", 1)[0]), path
