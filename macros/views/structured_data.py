"""Every page's structured data: JSON-LD in the schema.org vocabulary, from the data, for search engines and tools.

The site is a WebSite; a frame's or group's page and the verdict are a ScholarlyArticle about the post they explain
(and based on it); a crux's page is a Claim that first appeared in the post and appears on its frame's page; the
glossary is a DefinedTermSet of DefinedTerms; every other page is a WebPage. Each node has an @id (its address),
so nodes refer to one another instead of repeating themselves. tests/test_structured_data.py checks every type and
property used here against schema.org's vocabulary.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import urls
from ..model import SiteData, Source
from .citation import SITE_AUTHOR
from .twins import SiteFacts

CONTEXT = "https://schema.org"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
LANGUAGE = "en"


def website_id(site: SiteFacts) -> str:
    return urls.absolute(site.url, "") + "#website"


def website(site: SiteFacts, data: SiteData, full: bool) -> dict[str, Any]:
    """The site; in full on its home page, by name and address elsewhere."""
    node = {"@type": "WebSite", "@id": website_id(site), "name": site.name, "url": urls.absolute(site.url, "")}
    if full:
        node.update(description=site.description, inLanguage=LANGUAGE, license=LICENSE, about={"@id": data.source.url},
                    creator={"@type": "Organization", "name": SITE_AUTHOR})
    return node


def post_authors(authors: str) -> list[str]:
    """The people a byline names ('Thomas Larsen et al.' -> ['Thomas Larsen']; 'A, B and C' -> three)."""
    named = re.sub(r"\s*\bet al\.?$", "", authors.strip())
    return [name.strip() for name in re.split(r",\s*|\s+and\s+", named) if name.strip()]


def post(source: Source) -> dict[str, Any]:
    """The post the site explains (its @id is its address)."""
    people = [{"@type": "Person", "name": name} for name in post_authors(source.authors)]
    return {"@type": "Article", "@id": source.url, "name": source.title,
            "author": people[0] if len(people) == 1 else people, "datePublished": str(source.year)}


def page_graph(data: SiteData, page_path: str, site: SiteFacts, title: str, description: str,
               last_changed: str | None, image: str | None) -> dict[str, Any]:
    """The JSON-LD of one page: the site, the page, and the post when the page explains it."""
    url = urls.absolute(site.url, page_path)
    # Kept short (it is in every page's first load): no @id where nothing refers to the node, nothing the page's
    # <html lang> or meta tags already say but what schema.org's types ask for.
    common: dict[str, Any] = {"url": url, "name": title, "isPartOf": {"@id": website_id(site)}}
    explains: dict[str, Any] = {"license": LICENSE, "author": {"@type": "Organization", "name": SITE_AUTHOR}}
    if last_changed:
        explains["dateModified"] = last_changed
    if image:
        explains["image"] = image
    based_on = {"about": {"@id": data.source.url}, "isBasedOn": {"@id": data.source.url}}
    crux = urls.crux_at(data, page_path)
    subject = urls.subject_at(data, page_path)
    if crux:
        entry = data.cruxes[crux]
        node = {"@type": "Claim", **common, "text": entry.crux.text, "firstAppearance": {"@id": data.source.url},
                "appearance": {"@id": urls.absolute(site.url, urls.page_of(data, entry.owner))},
                "isBasedOn": {"@id": data.source.url}, **explains}
    elif subject or page_path == urls.VERDICT:
        node = {"@type": "ScholarlyArticle", **common, "description": description,
                **based_on, **explains}
        if page_path == urls.VERDICT:
            node["mentions"] = {"@id": urls.absolute(site.url, urls.page_of(data, data.verdict.frame))}
    elif page_path == urls.GLOSSARY:
        node = {"@type": "DefinedTermSet", "@id": url, **common, "description": description, **explains,
                "hasDefinedTerm": [_term(term, url, site) for term in data.glossary.terms]}
    else:
        node = {"@type": "WebPage", **common, "description": description}
    nodes = [website(site, data, full=page_path == ""), node]
    if "isBasedOn" in node or page_path == "":
        nodes.append(post(data.source))
    return {"@context": CONTEXT, "@graph": nodes}


def _term(term, glossary_url: str, site: SiteFacts) -> dict[str, Any]:
    address = urls.absolute(site.url, urls.term_path(term.id))
    node = {"@type": "DefinedTerm", "url": address, "name": term.term, "termCode": term.id,
            "description": term.definition, "inDefinedTermSet": {"@id": glossary_url}}
    if term.abbr:
        node["alternateName"] = term.abbr
    return node


def edition_graph(site: SiteFacts, data: SiteData, path: str, title: str, description: str, edition: str) -> dict[str, Any]:
    """The JSON-LD of an edition's page: a dated copy, kept unchanged, of a page of the site."""
    url = urls.absolute(site.url, path)
    node = {"@type": "WebPage", "url": url, "name": title, "description": description, "version": edition,
            "isPartOf": {"@id": website_id(site)}}
    return {"@context": CONTEXT, "@graph": [website(site, data, full=False), node]}


def script_element(document: dict[str, Any]) -> str:
    """The element that carries a JSON-LD document in a page's head."""
    return f'<script type="application/ld+json">{script_text(document)}</script>'


def script_text(document: dict[str, Any]) -> str:
    """A JSON-LD document as the text of a <script type="application/ld+json">: '<', '>' and '&' escaped, so
    no text in it can close the element."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
