"""The contributor commands: validate, new-frame and schema, run as documented (python -m macros.cli)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import ROOT, build_site, copy_project
import macros
from macros.cli.__main__ import main
from macros.model.placeholders import SCAFFOLD_MARK
from macros.cli.scaffold_text import add_to_nav, insert_frame
from macros.model import json_schema, load

BROKEN = Path(__file__).parent / "broken"
# An id (and titles) no real frame has, so that the tests still pass after CONTRIBUTING's example frame is added.
PROBE = "scaffold-probe"

# The commands run as contributors run them: each a process of its own.
pytestmark = pytest.mark.build


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python -m macros.cli ...` in a project folder, as a contributor would."""
    return subprocess.run([sys.executable, "-m", "macros.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


# ---------------------------------------------------------------- validate


def test_validate_passes_on_the_real_data():
    run = cli("validate")
    assert run.returncode == 0, run.stdout + run.stderr
    data = load(ROOT / "data" / "frames.yml", ROOT / "data" / "glossary.yml")
    assert run.stdout.startswith(f"data/frames.yml: no problems ({len(data.groups)} groups, {len(data.frames)} frames, ")


def test_validate_prints_every_problem_of_a_file_with_its_line(tmp_path):
    # One new frame with three mistakes of three kinds: all reported in one run.
    fixture = BROKEN / "new-frame-three-mistakes.yml"
    copy = tmp_path / "frames.yml"
    copy.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("validate", str(copy))
    assert run.returncode == 1
    expected = [line.removeprefix("# expect: ").replace("{file}", copy.as_posix())
                for line in fixture.read_text(encoding="utf-8").splitlines() if line.startswith("# expect: ")]
    assert run.stdout.splitlines() == [*expected, f"{len(expected)} problems found."]
    assert "Traceback" not in run.stderr


def test_make_validate_runs_the_same_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/python -m macros.cli validate" in makefile.split("validate: $(STAMP)", 1)[1].split("\n\n")[0]


# ---------------------------------------------------------------- schema


def test_committed_schema_matches_the_models():
    committed = json.loads((ROOT / "data" / "frames.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "data/frames.schema.json is out of date: run python -m macros.cli schema"
    assert cli("schema", "--check").returncode == 0


def test_schema_check_fails_when_the_file_differs(tmp_path):
    project = copy_project(tmp_path / "project")
    schema_file = project / "data" / "frames.schema.json"
    schema_file.write_text(schema_file.read_text().replace('"Aliases"', '"Old names"'), encoding="utf-8")
    run = cli("schema", "--check", cwd=project)
    assert run.returncode == 1 and "run: python -m macros.cli schema" in run.stdout


def test_data_file_points_editors_at_the_schema():
    first = (ROOT / "data" / "frames.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./frames.schema.json"


def _plain(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_schema_accepts_the_real_data_and_flags_mistakes_an_editor_can_see():
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(_plain(ROOT / "data" / "frames.yml"))) == []
    assert list(validator.iter_errors(_plain(Path(__file__).parent / "fixtures" / "minimal.yml"))) == []
    for name in ("unknown-field", "malformed-id", "malformed-crux-id", "unknown-link-type", "html-in-text",
                 "jinja-in-text", "wrong-type", "bad-url", "missing-field", "wrong-schema-version"):
        assert list(validator.iter_errors(_plain(BROKEN / f"{name}.yml"))), name


# ---------------------------------------------------------------- new-frame


def fill_placeholders(project: Path, frame_id: str) -> None:
    """Write words where new-frame left its placeholders, as a contributor does next."""
    for path in (project / "data" / "frames.yml", project / "docs" / "frames" / f"{frame_id}.md"):
        path.write_text(path.read_text(encoding="utf-8").replace(f"{SCAFFOLD_MARK}:", "Filled in:"), encoding="utf-8")


def scaffold_marks() -> int:
    return sum((Path(macros.__file__).parent / "scaffold" / name).read_text(encoding="utf-8").count(SCAFFOLD_MARK)
               for name in ("frame.yml", "frame.md"))


def test_validate_refuses_each_placeholder_new_frame_leaves_with_its_line_until_it_is_replaced(tmp_path, capsys,
                                                                                                monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert main(["new-frame", PROBE, "--title", "Scaffold Probe", "--group", "inner"], project) == 0
    capsys.readouterr()
    assert main(["validate"], project) == 1
    reported = capsys.readouterr().out.splitlines()
    assert reported[-1] == f"{scaffold_marks()} problems found."
    for line in reported[:-1]:  # every one at once, each at the mark itself
        file, number, col, rest = line.split(":", 3)
        assert file in ("data/frames.yml", f"docs/frames/{PROBE}.md")
        assert (project / file).read_text(encoding="utf-8").splitlines()[int(number) - 1][int(col) - 1:].startswith(
            SCAFFOLD_MARK), line
        assert "placeholder from new-frame still here" in rest and rest.endswith(f"then remove {SCAFFOLD_MARK}")
    fill_placeholders(project, PROBE)
    assert main(["validate"], project) == 0, capsys.readouterr().out


@pytest.mark.slow  # builds a site of its own
def test_new_frame_scaffolds_an_entry_a_page_and_a_nav_entry_that_build_once_filled_in(tmp_path):
    project = copy_project(tmp_path / "project")
    run = cli("new-frame", PROBE, "--title", "Scaffold Probe: a title with a colon", "--group", "inner", cwd=project)
    assert run.returncode == 0, run.stdout + run.stderr
    line = int(run.stdout.split("data/frames.yml at line ", 1)[1].split(".", 1)[0])
    data_lines = (project / "data" / "frames.yml").read_text(encoding="utf-8").splitlines()
    assert data_lines[line - 1] == f"  - id: {PROBE}"
    assert data_lines[line] == '    title: "Scaffold Probe: a title with a colon"'
    page = (project / "docs" / "frames" / f"{PROBE}.md").read_text(encoding="utf-8")
    assert page.startswith("# Scaffold Probe: a title with a colon\n") and "{{ crux_table() }}" in page
    nav = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"      - frames/{PROBE}.md\n  - Other frames:" in nav  # last of its group's entries
    assert cli("validate", cwd=project).returncode == 1  # the placeholders are still there
    fill_placeholders(project, PROBE)
    assert cli("validate", cwd=project).returncode == 0
    site = tmp_path / "site"
    build_site(site, project / "mkdocs.yml")
    built = (site / "frames" / PROBE / "index.html").read_text(encoding="utf-8")
    assert "Scaffold Probe: a title with a colon" in built and 'id="in-plain-words"' in built


@pytest.mark.parametrize("args, refusal", [
    (("Value_Learning", "--title", "V", "--group", "inner"), "'Value_Learning' is not a valid id"),
    (("{a frame}", "--title", "G", "--group", "outer"), "'{a frame}' is already the id or an old id"),
    ((PROBE, "--title", "V", "--group", "middle"), "unknown group 'middle'"),
    ((PROBE, "--title", "V <b>bold</b>", "--group", "inner"), "found '<b'"),
])
def test_new_frame_refuses_and_changes_nothing(tmp_path, args, refusal, site_data):
    taken = next(iter(site_data.frames))  # any frame of the data
    args, refusal = tuple(arg.replace("{a frame}", taken) for arg in args), refusal.replace("{a frame}", taken)
    project = copy_project(tmp_path / "project")
    before = {p: p.read_bytes() for p in [project / "data" / "frames.yml", project / "mkdocs.yml"]}
    run = cli("new-frame", *args, cwd=project)
    assert run.returncode == 1 and refusal in run.stdout and "nothing was changed" in run.stdout
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in (project / "docs" / "frames").iterdir()) == sorted(
        p.name for p in (ROOT / "docs" / "frames").iterdir())


def test_insert_frame_goes_after_the_last_frame_before_the_next_section():
    text = "frames:\n  - id: a\n    title: A\n\n# ---- the verdict\nverdict:\n  frame: a\n"
    new, line = insert_frame(text, "  - id: b\n")
    assert new == "frames:\n  - id: a\n    title: A\n\n  - id: b\n\n# ---- the verdict\nverdict:\n  frame: a\n"
    assert new.splitlines()[line - 1] == "  - id: b"


def test_add_to_nav_needs_the_section():
    nav = "nav:\n  - Home: index.md\n  - Inner:\n      - Overview: groups/inner.md\n  - About: about.md\n"
    assert add_to_nav(nav, "Inner", "frames/x.md") == nav.replace("inner.md\n", "inner.md\n      - frames/x.md\n")
    assert add_to_nav(nav, "Outer", "frames/x.md") is None
