"""An offline check of JSON-LD against schema.org: every type and property exists, and each property is used on a
type it belongs to.

Whether a term exists comes from rdflib's copy of the schema.org vocabulary (rdflib.namespace.SDO, installed with
extruct, which reads the JSON-LD back from the built pages): a misspelt or invented term is not in it. Where a
property may be used (its "domain") and where each type sits in the hierarchy are not in that copy, so the few the
site uses are listed below as schema.org's pages give them (schema.org/<Term>, "Used on these types" and the
type's breadcrumb). A term the site starts using must be added here from its schema.org page, or the check fails
and says so. pyld could expand the documents too, but only by fetching schema.org's context over the network.
"""

from __future__ import annotations

from typing import Any, Iterator

from rdflib.namespace import SDO

# Type -> its parent type, up to Thing (schema.org's breadcrumbs).
PARENT = {
    "CreativeWork": "Thing", "Intangible": "Thing", "Organization": "Thing", "Person": "Thing",
    "WebSite": "CreativeWork", "WebPage": "CreativeWork", "Article": "CreativeWork", "Claim": "CreativeWork",
    "DefinedTermSet": "CreativeWork", "ScholarlyArticle": "Article", "DefinedTerm": "Intangible",
}

# Property -> the types it is used on (schema.org's "Used on these types"; only those of the hierarchy above).
DOMAIN = {
    "name": {"Thing"}, "url": {"Thing"}, "description": {"Thing"}, "alternateName": {"Thing"}, "image": {"Thing"},
    "about": {"CreativeWork"}, "isBasedOn": {"CreativeWork"}, "isPartOf": {"CreativeWork"},
    "inLanguage": {"CreativeWork"}, "license": {"CreativeWork"}, "author": {"CreativeWork"},
    "creator": {"CreativeWork"}, "dateModified": {"CreativeWork"}, "datePublished": {"CreativeWork"},
    "mentions": {"CreativeWork"}, "version": {"CreativeWork"}, "text": {"CreativeWork"},
    "appearance": {"Claim"}, "firstAppearance": {"Claim"},
    "hasDefinedTerm": {"DefinedTermSet", "Organization"},
    "inDefinedTermSet": {"DefinedTerm"}, "termCode": {"DefinedTerm"},
}


def in_vocabulary(term: str) -> bool:
    """Whether schema.org defines a type or property of this name (rdflib's copy of the vocabulary)."""
    return term in SDO.__annotations__


def ancestors(kind: str) -> list[str]:
    chain = [kind]
    while chain[-1] in PARENT:
        chain.append(PARENT[chain[-1]])
    return chain


def nodes(value: Any) -> Iterator[dict]:
    """Every node object in a JSON-LD value, nested ones included."""
    if isinstance(value, dict):
        yield value
        for key, inner in value.items():
            if not key.startswith("@") or key == "@graph":
                yield from nodes(inner)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def problems(document: dict) -> list[str]:
    """What in a JSON-LD document schema.org does not allow (nothing, when it is valid)."""
    found = []
    if document.get("@context") not in ("https://schema.org", "https://schema.org/", "http://schema.org"):
        found.append(f"@context is {document.get('@context')!r}, not schema.org")
    for node in nodes(document.get("@graph", document)):
        kind = node.get("@type")
        if kind is None:
            if set(node) - {"@id"}:
                found.append(f"a node with properties but no @type: {sorted(node)}")
            continue
        if not in_vocabulary(kind):
            found.append(f"{kind}: not a schema.org type")
            continue
        if kind not in PARENT:
            found.append(f"{kind}: add it to PARENT in tests/schema_org.py, from its schema.org page")
            continue
        for prop in node:
            if prop.startswith("@"):
                continue
            if not in_vocabulary(prop):
                found.append(f"{kind}.{prop}: not a schema.org property")
            elif prop not in DOMAIN:
                found.append(f"{kind}.{prop}: add it to DOMAIN in tests/schema_org.py, from its schema.org page")
            elif not DOMAIN[prop] & set(ancestors(kind)):
                found.append(f"{kind}.{prop}: schema.org uses {prop} on {sorted(DOMAIN[prop])}, not on {kind}")
    return found
