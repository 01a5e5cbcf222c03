"""The /frames.json export: built from the models, every address in it served, its shape documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT
from macros.cli.address_manifest import PublicAnchors, is_served, read_site
from macros.model.export import EXPORT_VERSION, frames_document, redirects
from macros.model import load

SITE_URL = "https://core-of-alignment.github.io/frames/"
HERE = Path(__file__).parent


def with_aliases(tmp_path: Path):
    """The minimal fixture with an old id on a frame, a group and a crux."""
    text = (HERE / "fixtures" / "minimal.yml").read_text(encoding="utf-8")
    text = text.replace("  - id: beta\n", "  - id: beta\n    aliases: [second]\n")
    text = text.replace("  - id: inner\n", "  - id: inner\n    aliases: [inside]\n")
    text = text.replace("          - id: child\n", "          - id: child\n            aliases: [reason]\n")
    path = tmp_path / "data" / "frames.yml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return load(path, root=tmp_path)


def test_the_build_publishes_the_document_made_from_the_models(built_site, site_data):
    published = json.loads((built_site / "frames.json").read_text(encoding="utf-8"))
    assert published == frames_document(site_data, SITE_URL)
    assert published["schema_version"] == EXPORT_VERSION == 1


def page_of(site_data, owner: str) -> str:
    """The permanent address of a frame's or group's page (the scheme is public: people cite it)."""
    return SITE_URL + ("frames" if owner in site_data.frames else "groups") + f"/{owner}/"


def test_every_group_frame_crux_and_link_is_in_the_document(site_data):
    doc = frames_document(site_data, SITE_URL)
    assert [g["id"] for g in doc["groups"]] == list(site_data.groups)
    assert [f["id"] for f in doc["frames"]] == list(site_data.frames)
    assert {c["id"] for c in doc["cruxes"]} == set(site_data.cruxes)
    assert len(doc["links"]) == sum(len(f.links) for f in site_data.frames.values())
    for crux in doc["cruxes"]:
        entry = site_data.cruxes[crux["id"]]
        page = page_of(site_data, entry.owner)
        assert crux["url"] == f"{page}#crux-{crux['id']}" and crux["defined_in"] == entry.owner
        assert crux["old_urls"] == [f"{page}#crux-{alias}" for alias in entry.crux.aliases]
        assert crux["relied_on_by"] == site_data.relied_on_by[crux["id"]] and crux["relied_on_by"][0] == entry.owner
    for frame in doc["frames"]:
        assert (frame["group"], frame["also_in"]) == (site_data.frames[frame["id"]].group,
                                                      list(site_data.frames[frame["id"]].also_in))
        assert frame["url"] == page_of(site_data, frame["id"])


def test_every_address_in_the_document_is_served_by_the_build(built_site, site_data):
    pages = read_site(built_site, PublicAnchors(frozenset(), {}))
    text = (built_site / "frames.json").read_text(encoding="utf-8")
    urls = re.findall(rf'"{re.escape(SITE_URL)}([^"]*)"', text)
    assert len(urls) > 60
    for url in urls:
        assert is_served("/" + url, pages), url


def test_old_ids_appear_as_old_urls_and_become_redirects(tmp_path):
    data = with_aliases(tmp_path)
    doc = frames_document(data, SITE_URL)
    beta = next(f for f in doc["frames"] if f["id"] == "beta")
    inner = next(g for g in doc["groups"] if g["id"] == "inner")
    child = next(c for c in doc["cruxes"] if c["id"] == "child")
    assert beta["old_urls"] == [SITE_URL + "frames/second/"]
    assert inner["old_urls"] == [SITE_URL + "groups/inside/"]
    assert child["old_urls"] == [SITE_URL + "frames/alpha/#crux-reason"]
    assert child["parent"] == "parent" and child["defined_in"] == "alpha"
    assert data.relied_on_by["shared"] == ["alpha", "beta"]  # the fixture's `- ref:`
    assert next(c for c in doc["cruxes"] if c["id"] == "shared")["relied_on_by"] == ["alpha", "beta"]
    assert sorted(redirects(data)) == [("cruxes/reason/", "cruxes/child/", "Alpha, crux 2.1: A reason"),
                                       ("frames/second/", "frames/beta/", "Beta"), ("groups/inside/", "groups/inner/", "Inner")]


def test_without_a_site_url_addresses_start_at_the_site_root(tmp_path):
    doc = frames_document(with_aliases(tmp_path), "")
    assert doc["frames"][0]["url"] == "/frames/alpha/" and doc["site_url"] is None


def documented_fields() -> dict[str, set[str]]:
    """The export's fields as CONTRIBUTING.md documents them: one table row per object."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("<!-- --8<-- [start:export] -->", 1)[1].split("<!-- --8<-- [end:export] -->", 1)[0]
    fields = {}
    for row in re.findall(r"^\| `([a-z_./\[\]]+)` \| (.*) \|$", section, re.MULTILINE):
        fields[row[0]] = set(re.findall(r"`([a-z_]+)`", row[1]))
    return fields


def test_the_documented_shape_matches_the_document(site_data):
    doc = frames_document(site_data, SITE_URL)
    fields = documented_fields()
    assert fields.pop("/frames.json") == set(doc)
    for key, documented in fields.items():
        value = doc[key.removesuffix("[]")]
        example = value[0] if isinstance(value, list) else value
        assert documented == set(example), key
