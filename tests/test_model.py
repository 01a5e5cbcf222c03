"""The data model: the real data loads, and each broken fixture fails with its exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.model import DataError, load

HERE = Path(__file__).parent
BROKEN = sorted((HERE / "broken").glob("*.yml"))


def expected_problems(path: Path) -> list[str]:
    """The '# expect: ' lines at the end of a fixture, with {file} replaced by its path."""
    shown = path.relative_to(HERE.parent).as_posix()
    return [
        line.removeprefix("# expect: ").replace("{file}", shown)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect: ")
    ]


def test_real_data_loads(site_data):
    assert len(site_data.frames) == 10
    assert set(site_data.groups) == {"outer", "inner", "other"}


def test_every_frame_of_the_post_is_in_the_data(site_data):
    titles = {f.title for f in site_data.frames.values()}
    assert titles == {
        "The Pointers Problem", "Distribution Shift", "Corrigibility", "Goodharting",
        "Mesa-Optimizers", "Ontology Identification", "Wireheading", "Deception",
        "Non-agentic AI / Oracle AI", "The Sharp Left Turn",
    }


def test_distribution_shift_belongs_to_outer_and_inner(site_data):
    ids = lambda group: {f.id for f in site_data.frames_in(group)}  # noqa: E731
    assert "distribution-shift" in ids("outer") and "distribution-shift" in ids("inner")


def test_shared_crux_is_one_object_used_by_two_frames(site_data):
    assert site_data.relied_on_by["natural-abstraction-hypothesis"] == ["pointers-problem", "ontology-identification"]


def test_wireheading_has_no_cruxes_and_says_so(site_data):
    wireheading = site_data.frames["wireheading"]
    assert wireheading.cruxes == [] and wireheading.no_cruxes_note


def test_backlinks_are_the_inverse_of_links(site_data):
    pairs = {(f.id, link.to) for f in site_data.frames.values() for link in f.links}
    inverse = {(src.id, target) for target, items in site_data.backlinks.items() for src, _ in items}
    assert pairs == inverse and pairs


def test_verdict_picks_distribution_shift(site_data):
    assert site_data.verdict.frame == "distribution-shift"


def test_minimal_fixture_is_valid():
    data = load(HERE / "fixtures" / "minimal.yml", root=HERE.parent)
    assert data.relied_on_by["shared"] == ["alpha", "beta"]
    assert data.cruxes["child"].parent == "parent" and data.cruxes["child"].depth == 1


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_reports_exactly_its_problems(path):
    expected = expected_problems(path)
    assert expected, f"{path.name} has no '# expect: ' line"
    with pytest.raises(DataError) as caught:
        load(path, root=HERE.parent)
    assert str(caught.value).splitlines() == expected


def test_page_without_frame_and_frame_without_page(tmp_path):
    pages = tmp_path / "frames"
    pages.mkdir()
    (pages / "alpha.md").write_text("# Alpha\n")
    (pages / "gamma.md").write_text("# Gamma\n")
    with pytest.raises(DataError) as caught:
        load(HERE / "fixtures" / "minimal.yml", pages_dir=pages, root=tmp_path)
    lines = str(caught.value).splitlines()
    assert any(line.endswith("frames[1].id: no page for this frame; create frames/beta.md") for line in lines)
    assert "frames/gamma.md:1:1: page: no frame with id 'gamma' in" in "\n".join(lines)
