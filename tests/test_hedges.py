"""Short forms keep the post's hedges: what a claim's `hedges` names, its thesis, summary and page all keep (no build)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros.model import DataError, load
from macros.model.structure import keeps

DOCS = ROOT / "docs"
_BOX = re.compile(r"^(?:!!!|\?\?\?\+?) ")  # an admonition: "Our reading", a quote from the discussion, a note


def reported_prose(page: Path) -> str:
    """A page's own report of the post: its text outside every box (the site's reading, the discussion, notes)."""
    kept, in_box = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if _BOX.match(line):
            in_box = True
        elif in_box and line.strip() and not line.startswith("    "):
            in_box = False
        if not in_box:
            kept.append(line)
    return "\n".join(kept)


def hedged_owners(site_data):
    """(kind, owner) for every group and frame that names hedges, with the page that reports its claim."""
    for kind, folder, owners in (("groups", "groups", site_data.groups), ("frames", "frames", site_data.frames)):
        for owner in owners.values():
            if owner.hedges:
                yield kind, owner, DOCS / folder / f"{owner.id}.md"


def test_a_hedge_is_kept_in_any_longer_form_and_only_as_words_in_a_row():
    assert keeps("and, it is hoped, buy time", "hope") and keeps("Hopefully so", "hope")
    assert keeps("it should be able to fix", "should be able")
    assert not keeps("a hop away", "hope") and not keeps("able, it should be", "should be able")
    assert not keeps("anything", "") and not keeps("", "hope")


def test_every_listed_hedge_is_kept_by_the_page_that_reports_the_claim(site_data):
    # The list names the post's hedges: the page's own report of the post (outside its boxes) keeps each one too,
    # so a hedge listed for a short form is one its page really keeps.
    for kind, owner, page in hedged_owners(site_data):
        prose = reported_prose(page)
        dropped = [hedge for hedge in owner.hedges if not keeps(prose, hedge)]
        assert not dropped, f"{page.relative_to(ROOT)} does not keep {dropped}, listed as hedges of {kind} '{owner.id}'"


def drop_hedge(text: str, hedge: str) -> str:
    """The text without the words a hedge matches (its first word and that word's longer forms)."""
    first = re.findall(r"[^\W\d_]{2,}", hedge.lower())[0]
    return re.sub(rf"\b{re.escape(first)}\w*", "", text, flags=re.I)


def test_a_short_form_that_drops_a_listed_hedge_is_refused_with_its_place(tmp_path):
    # A broken copy of the real data for every hedge and short form: each must fail, naming the field.
    raw = yaml.safe_load((ROOT / "data" / "frames.yml").read_text(encoding="utf-8"))
    places = [(kind, i, form, hedge)
              for kind in ("groups", "frames") for i, owner in enumerate(raw[kind])
              for hedge in owner.get("hedges", []) for form in ("thesis", "summary") if owner.get(form)]
    places += [("verdict", None, "summary", hedge) for hedge in raw["verdict"].get("hedges", [])]
    if not places:
        pytest.skip("the data names no hedges; tests/broken/short-form-drops-hedge.yml still shows the refusal")
    for kind, i, form, hedge in places:
        broken = yaml.safe_load(yaml.safe_dump(raw))
        owner = broken[kind] if i is None else broken[kind][i]
        owner[form] = drop_hedge(owner[form], hedge)
        path = tmp_path / "frames.yml"
        path.write_text(yaml.safe_dump(broken, sort_keys=False, allow_unicode=True), encoding="utf-8")
        field = kind if i is None else f"{kind}[{i}]"
        with pytest.raises(DataError, match=re.escape(f"{field}.{form}: drops the hedge '{hedge}'")):
            load(path, root=tmp_path)
