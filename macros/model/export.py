"""The /frames.json document and the redirect plan: plain data built from the validated models.

Nothing here imports MkDocs or touches files; the build writes what these return.
The document's shape is documented in CONTRIBUTING.md ("Data for other tools"); a change to it
that could break a reader's code raises EXPORT_VERSION.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from .models import JOINS, LINK_TYPES, Crux, CruxRef
from .site import SiteData

EXPORT_VERSION = 1


def _ids(items: list[Crux | CruxRef]) -> list[str]:
    return [item.ref if isinstance(item, CruxRef) else item.id for item in items]


def frames_document(data: SiteData, site_url: str) -> dict[str, Any]:
    """Every group, frame, crux and link with its permanent URL, as served at /frames.json."""
    url = lambda path: urls.absolute(site_url, path)  # noqa: E731

    def owner(item) -> dict[str, Any]:
        return {
            "id": item.id,
            "url": url(urls.page_of(data, item.id)),
            "old_urls": [url(urls.old_page_of(data, item.id, alias)) for alias in item.aliases],
            "title": item.title,
            "thesis": item.thesis,
            "cruxes": _ids(item.cruxes),
        }

    groups = [
        {**owner(group), "frames": [f.id for f in data.frames_in(group.id)]}
        for group in data.groups.values()
    ]
    frames = [
        {
            **owner(frame),
            "group": frame.group,
            "also_in": list(frame.also_in),
            # The post files each frame under one group: a further one is the site's listing ('reading', as for links).
            "also_in_basis": "reading" if frame.also_in else None,
            "no_cruxes_note": frame.no_cruxes_note,
            "reading": [reading.model_dump() for reading in frame.reading],
        }
        for frame in data.frames.values()
    ]
    cruxes = []
    for crux_id, entry in data.cruxes.items():
        page = urls.page_of(data, entry.owner)
        cruxes.append({
            "id": crux_id,
            "url": url(urls.crux_path(data, crux_id)),
            "page_url": url(urls.crux_page_path(crux_id)),
            "old_urls": [url(f"{page}#{urls.crux_anchor(alias)}") for alias in entry.crux.aliases],
            "old_ids": list(entry.crux.aliases),
            "text": entry.crux.text,
            "defined_in": entry.owner,
            "parent": entry.parent,
            "join": entry.crux.join,
            "children": _ids(entry.crux.children),
            "relied_on_by": data.relied_on_by[crux_id],
        })
    links = [
        {
            "from": frame.id,
            "from_url": url(urls.page_of(data, frame.id)),
            "to": link.to,
            "to_url": url(urls.page_of(data, link.to)),
            "type": link.type,
            "relation": LINK_TYPES[link.type].forward.format(target=data.frames[link.to].title),
            "note": link.note,
            "basis": link.basis,
        }
        for frame in data.frames.values()
        for link in frame.links
    ]
    verdict = data.verdict
    return {
        "schema_version": EXPORT_VERSION,
        "generated_from": data.data_file,
        "site_url": site_url or None,
        "source": data.source.model_dump(),
        "joins": {key: join.phrase for key, join in JOINS.items()},
        "groups": groups,
        "frames": frames,
        "cruxes": cruxes,
        "links": links,
        "verdict": {
            "frame": verdict.frame,
            "url": url(urls.page_of(data, verdict.frame)),
            "summary": verdict.summary,
            "reasons": [reason.model_dump() for reason in verdict.reasons],
        },
    }


def redirects(data: SiteData) -> list[tuple[str, str, str]]:
    """(old page path, live page path, live title) for every alias of a frame or group, and of a crux (its own page)."""
    return [
        (urls.old_page_of(data, live, old), urls.page_of(data, live), data.owner(live).title)
        for old, live in data.owner_aliases.items()
    ] + [
        (urls.crux_page_path(old), urls.crux_page_path(live), data.crux_title(live))
        for old, live in data.crux_aliases.items()
    ]
