"""The data model: the real data loads, and each broken fixture fails with its exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.model import DataError, load

HERE = Path(__file__).parent
BROKEN = sorted((HERE / "broken").glob("*.yml"))


def fixture_lines(path: Path) -> list[str]:
    # Some fixtures are broken on purpose in their encoding: read what can be read.
    return path.read_bytes().decode("utf-8", errors="replace").splitlines()


def expected_problems(path: Path, file: str = "data/frames.yml") -> list[str]:
    """The '# expect: ' lines at the end of a fixture, with {file} standing for the file it stands in for."""
    return [line.removeprefix("# expect: ").replace("{file}", file)
            for line in fixture_lines(path) if line.startswith("# expect: ")]


def directive(path: Path, name: str) -> list[str] | None:
    """The words of a '# name: a b' line in a fixture, or None without one."""
    found = [line for line in fixture_lines(path) if line.startswith(f"# {name}:")]
    return found[0].removeprefix(f"# {name}:").split() if found else None


def load_as_project(fixture: Path, project: Path):
    """Load a fixture as a project's data/frames.yml; '# pages: a b' makes docs/frames/a.md, b.md and
    '# groups: a b' makes docs/groups/a.md, b.md (then the whole docs folder is checked, as the build does)."""
    data = project / "data" / "frames.yml"
    data.parent.mkdir(parents=True)
    data.write_bytes(fixture.read_bytes())
    folders = {}
    for kind in ("pages", "groups"):
        stems = directive(fixture, kind)
        if stems is not None:
            folder = project / "docs" / ("frames" if kind == "pages" else "groups")
            folder.mkdir(parents=True)
            for stem in stems:
                (folder / f"{stem}.md").write_text(f"# {stem}\n", encoding="utf-8")
            folders[kind] = folder
    docs = project / "docs" if "groups" in folders else None
    return load(data, pages_dir=folders.get("pages"), docs_dir=docs, root=project)


def test_real_data_loads(site_data):
    assert site_data.frames and site_data.cruxes
    assert set(site_data.groups) == {"outer", "inner", "other"}


def test_every_frame_of_the_post_is_in_the_data(site_data):
    titles = {f.title for f in site_data.frames.values()}
    # At least the post's frames: contributors may add more.
    assert titles >= {
        "The Pointers Problem", "Distribution Shift", "Corrigibility", "Goodharting",
        "Mesa-Optimizers", "Ontology Identification", "Wireheading", "Deception",
        "Non-agentic AI / Oracle AI", "The Sharp Left Turn",
    }


def test_distribution_shift_belongs_to_outer_and_inner(site_data):
    ids = lambda group: {f.id for f in site_data.frames_in(group)}  # noqa: E731
    assert "distribution-shift" in ids("outer") and "distribution-shift" in ids("inner")


def test_pointers_problem_and_ontology_identification_keep_two_distinct_nah_cruxes(site_data):
    # The post states two different NAH claims (issue 14), one under each of these two frames. Other frames may
    # rely on either (`- ref:`), and either may be renamed (its old id then resolves): each stays its frame's own.
    live = lambda crux_id: site_data.crux_aliases.get(crux_id, crux_id)  # noqa: E731
    pointers, ontology = live("tractability-rests-on-nah"), live("nah-makes-translation-tractable")
    assert pointers != ontology
    assert site_data.cruxes[pointers].owner == "pointers-problem"
    assert site_data.cruxes[ontology].owner == "ontology-identification"
    assert live("natural-abstraction-hypothesis") == pointers  # the once shared id lands on the first


def test_every_frame_without_cruxes_says_why(site_data):
    for frame in site_data.frames.values():
        assert frame.cruxes or frame.no_cruxes_note, (
            f"{frame.id} lists no cruxes: add them under `cruxes:`, or say why the post gives none in `no_cruxes_note`")
    assert any(not frame.cruxes for frame in site_data.frames.values()), "no frame without cruxes: the rule is unused"


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
def test_broken_fixture_reports_exactly_its_problems(path, tmp_path):
    expected = expected_problems(path)
    assert expected, f"{path.name} has no '# expect: ' line"
    with pytest.raises(DataError) as caught:
        load_as_project(path, tmp_path)
    assert str(caught.value).splitlines() == expected


# Each mistake the contributor guide promises to catch, and the fixture that shows its message.
MISTAKES = {
    "YAML syntax": "yaml-syntax", "tab indentation": "tab-indent", "duplicate keys": "duplicate-keys-all-at-once",
    "unknown field": "unknown-field", "missing field": "missing-field", "malformed frame id": "malformed-id",
    "malformed crux id": "malformed-crux-id", "duplicate frame id": "duplicate-frame-id",
    "duplicate crux id": "duplicate-crux-id", "unknown link target": "unknown-link-target",
    "unknown crux reference": "unknown-crux-ref", "link to itself": "link-to-self",
    "frame alias colliding with a live id": "frame-alias-collides", "crux alias colliding": "crux-alias-collides",
    "unknown group": "unknown-group", "unknown link type": "unknown-link-type", "frame with no page": "frame-without-page",
    "page with no frame": "page-without-frame", "Jinja in text": "jinja-in-text", "HTML in text": "html-in-text",
    "short form dropping a listed hedge": "short-form-drops-hedge",
    "all problems at once": "several-problems", "two ways of joining nested cruxes": "two-joins-because-any-of",
    "YAML merge key": "merge-key", "indentation error far below its block": "indentation-between-two-levels",
    "key without its colon": "first-key-without-colon",
}


def test_the_corpus_covers_every_mistake_contributors_can_make():
    names = {p.stem for p in BROKEN}
    assert len(names) >= 25
    missing = {mistake: name for mistake, name in MISTAKES.items() if name not in names}
    assert not missing, missing
    several = expected_problems(HERE / "broken" / "several-problems.yml")
    assert len({line.split(": ", 2)[1] for line in several}) >= 4  # four different fields, one run


def test_a_value_yaml_gives_a_type_without_meaning_is_read_as_its_text(tmp_path):
    # YAML 1.1 reads a plain '=' as its 'value' type and '<<' as a merge; as values they mean nothing: the text stays.
    fixture = (HERE / "fixtures" / "minimal.yml").read_text(encoding="utf-8")
    broken = tmp_path / "frames.yml"
    broken.write_text(fixture.replace("  summary: Alpha wins.", "  summary: =\n  reasons:\n    - frame: beta\n      text: <<"),
                      encoding="utf-8")
    data = load(broken, root=tmp_path)
    assert data.verdict.summary == "=" and data.verdict.reasons[0].text == "<<"


def test_a_crux_built_in_code_refuses_two_joins_too():
    # The loader says where; the model itself never keeps one list and drops the other.
    from pydantic import ValidationError

    from macros.model import JOINS, Crux

    first, second, *_ = JOINS
    nested = [{"id": "b", "text": "B."}]
    with pytest.raises(ValidationError, match=f"{first} and {second}"):
        Crux.model_validate({"id": "a", "text": "A.", first: nested, second: nested})
