"""The corpus of broken inputs beyond frames files: glossaries, pages, macro calls and command lines, each
refused with its exact messages (what a refusal costs is measured by `make bench`, bench/refusals.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros.model import DataError, load
from macros.model.page_checks import PAGE_MACROS
from test_model import BROKEN as FRAMES_FIXTURES, expected_problems, fixture_lines

HERE = Path(__file__).parent
MINIMAL = HERE / "fixtures" / "minimal.yml"
GLOSSARIES = sorted((HERE / "broken" / "glossary").glob("*.yml"))
PAGES = sorted((HERE / "broken" / "pages").glob("*.md"))


def minimal_project(root: Path) -> Path:
    """A project with the minimal frames file and a page for each of its frames and groups."""
    (root / "data").mkdir(parents=True)
    shutil.copy(MINIMAL, root / "data" / "frames.yml")
    for folder, stems in (("frames", ("alpha", "beta")), ("groups", ("outer", "inner"))):
        (root / "docs" / folder).mkdir(parents=True)
        for stem in stems:
            (root / "docs" / folder / f"{stem}.md").write_text(f"# {stem}\n", encoding="utf-8")
    return root


def check_project(root: Path, glossary: Path | None = None):
    return load(root / "data" / "frames.yml", glossary, pages_dir=root / "docs" / "frames",
                docs_dir=root / "docs", root=root)


def test_the_minimal_project_passes(tmp_path):
    assert set(check_project(minimal_project(tmp_path)).frames) == {"alpha", "beta"}


@pytest.mark.parametrize("fixture", GLOSSARIES, ids=[p.stem for p in GLOSSARIES])
def test_broken_glossary_reports_exactly_its_problems(fixture, tmp_path):
    project = minimal_project(tmp_path)
    shutil.copy(fixture, project / "data" / "glossary.yml")
    expected = expected_problems(fixture, "data/glossary.yml")
    assert expected, f"{fixture.name} has no '# expect: ' line"
    with pytest.raises(DataError) as caught:
        check_project(project, project / "data" / "glossary.yml")
    assert str(caught.value).splitlines() == expected


def page_place(fixture: Path) -> str:
    return next(line.split("page:")[1].strip(" ->") for line in fixture_lines(fixture) if line.startswith("<!-- page:"))


def expected_page_problems(fixture: Path) -> list[str]:
    file = "docs/" + page_place(fixture)
    return [line.removeprefix("<!-- expect: ").removesuffix(" -->").replace("{file}", file)
            for line in fixture_lines(fixture) if line.startswith("<!-- expect: ")]


@pytest.mark.parametrize("fixture", PAGES, ids=[p.stem for p in PAGES])
def test_broken_page_reports_exactly_its_problems(fixture, tmp_path):
    project = minimal_project(tmp_path)
    shutil.copy(fixture, project / "docs" / page_place(fixture))
    expected = expected_page_problems(fixture)
    assert expected, f"{fixture.name} has no '<!-- expect: -->' line"
    with pytest.raises(DataError) as caught:
        check_project(project)
    assert str(caught.value).splitlines() == expected


def test_code_in_a_page_is_shown_not_refused(tmp_path):
    project = minimal_project(tmp_path)
    (project / "docs" / "about.md").write_text(
        "Write `<script>` or `[x](javascript:y)` in code.\n\n```html\n<script>x()</script>\n<a onclick=\"x()\">\n```\n\n"
        "<!-- <script>a comment</script> -->\nThe words on=off and data: stay prose; so does {a: onclick}.\n",
        encoding="utf-8")
    check_project(project)


@pytest.mark.build
def test_the_macros_the_checker_knows_are_the_macros_the_engines_register():
    from macros.engines.macros_env import define_env

    class Env:
        def __init__(self):
            self.names, self.project_dir, self.conf = [], str(ROOT), {"docs_dir": "docs"}

        def macro(self, function):
            self.names.append(function.__name__)
            return function

    from macros.build.context import Settings, begin, end

    build = begin(Settings(ROOT, ROOT / "docs", ROOT / "site", "", "site"))
    env = Env()
    try:
        define_env(env)
    finally:
        end(build)
    assert sorted(env.names) == sorted(PAGE_MACROS)


# ---------------------------------------------------------------- command lines


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


# (name, files to write, arguments, expected output). {glossary} and so on are files written in the run's folder.
COMMANDS = [
    ("validate-missing-file", {}, ["validate", "nowhere.yml"],
     ["nowhere.yml:1:1: file: no such file", "1 problem found."]),
    ("validate-a-folder-of-pages", {"pages/a.md": "<script>x()</script>\n"}, ["validate", "pages"],
     ["pages/a.md:1:1: html: <script> is not allowed in a page; scripts live in docs/assets/js and are listed in "
      "mkdocs.yml", "1 problem found."]),
    ("validate-an-empty-folder", {"empty/.keep": ""}, ["validate", "empty"],
     ["empty:1:1: file: this folder holds no Markdown page; give a page, a folder of pages or a YAML file",
      "1 problem found."]),
    ("validate-a-glossary-is-checked-as-a-glossary", {"g.yml": "terms:\n  - id: x\n    term: the\n    definition: A.\n"},
     ["validate", "g.yml"],
     ["g.yml:3:11: terms[0].term: 'the' is an everyday word: as a glossary term it would mark most sentences; "
      "use a longer phrase", "1 problem found."]),
    ("validate-not-utf8", {"f.yml": b"schema_version: 1\nsource: caf\xe9\n"}, ["validate", "f.yml"],
     ["f.yml:2:12: file: not UTF-8: byte 0xe9 cannot appear here; save the file as UTF-8", "1 problem found."]),
    ("validate-a-page-with-a-bad-macro-id", {"frames/x.md": "{{ thesis('nope') }}\n"}, ["validate", "frames/x.md"],
     None),  # the valid choices come from the project's data: checked by prefix below
    ("validate-unknown-option", {}, ["validate", "--pgaes", "docs"], None),
    ("new-frame-malformed-id", {}, ["new-frame", "Value_Learning", "--title", "Value Learning", "--group", "outer"],
     ["new-frame: 'Value_Learning' is not a valid id; use lowercase letters, digits and single hyphens; "
      "nothing was changed."]),
    # An id and title no frame has: CONTRIBUTING's example (value-learning) may be added for real.
    ("new-frame-unknown-group", {}, ["new-frame", "scaffold-probe", "--title", "Scaffold Probe", "--group", "outre"],
     None),
]


def write_files(folder: Path, files: dict) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize("name, files, args, expected", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_command_line_mistakes_are_refused_with_their_message(name, files, args, expected, tmp_path, monkeypatch,
                                                             capsys):
    from macros.cli.__main__ import PROJECT, main

    write_files(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    before, project = None, PROJECT
    if args[0] == "new-frame":
        # Run against a copy of the project, so a command that wrongly went ahead would change only the copy.
        from conftest import copy_project

        project = copy_project(tmp_path / "project")
        before = (project / "data" / "frames.yml").read_text(encoding="utf-8")
    try:
        code = main(args, project)
    except SystemExit as exc:  # argparse refuses unknown options this way
        code = exc.code
    out, err = capsys.readouterr()
    assert code != 0
    if before is not None:
        assert (project / "data" / "frames.yml").read_text(encoding="utf-8") == before
    if expected is not None:
        assert out.splitlines() == expected
    elif name == "validate-a-page-with-a-bad-macro-id":
        assert out.startswith("frames/x.md:1:1: thesis: no frame or group with id 'nope'; expected one of: ")
    elif name == "validate-unknown-option":
        assert code == 2 and "unrecognized arguments: --pgaes" in err
    elif name == "new-frame-unknown-group":
        assert out.startswith("new-frame: unknown group 'outre'; expected one of: ")
        assert out.rstrip().endswith("; nothing was changed.")


# ---------------------------------------------------------------- hostile sizes


@pytest.mark.slow  # a few MB of input, about a second
def test_hostile_sizes_are_refused_by_the_command_with_their_first_problem(tmp_path, monkeypatch, capsys):
    from bench.refusals import hostile_inputs
    from macros.cli.__main__ import main

    write_files(tmp_path, hostile_inputs())
    monkeypatch.chdir(tmp_path)
    expected_start = {
        "bomb.yml": "bomb.yml:1:4: yaml: anchor '&a': anchors and aliases are not allowed; write the value out",
        "big.yml": "big.yml:1:1: file: the file is 4,000,003 bytes; the limit is 4,000,000",
        "deep.yml": "deep.yml:1:1003: yaml: nested more than 32 levels deep",
        "wide.yml": "wide.yml:18751:13: yaml: the file holds more than 150,000 values; split it or shorten it",
        "near-cap.yml": "near-cap.yml:3:10: terms[1].id: duplicate term id 'a'",
    }
    assert set(expected_start) == set(hostile_inputs())
    for name, first in expected_start.items():
        assert main(["validate", name]) == 1, name
        out = capsys.readouterr().out.splitlines()
        assert out[0] == first and out[-1].endswith(" found."), name


# ---------------------------------------------------------------- the corpus


def test_the_corpus_holds_sixty_inputs_or_more_across_every_kind(record_figure):
    kinds = {"frames": len(FRAMES_FIXTURES), "glossary": len(GLOSSARIES), "pages": len(PAGES),
             "command lines": len(COMMANDS)}
    assert all(count >= 5 for count in kinds.values()), kinds
    assert sum(kinds.values()) >= 60, kinds
    record_figure(f"broken inputs: {sum(kinds.values())} in the corpus, " + ", ".join(f"{k} {n}" for k, n in kinds.items()))


# ---------------------------------------------------------------- the build and validate say the same


def test_the_build_refuses_a_page_as_validate_does(scratch_project, tmp_path, caplog):
    from conftest import assert_build_refuses_as_validate

    page = scratch_project / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](javascript:alert(1))\n\n{{ thesis('corigibility') }}\n",
                    encoding="utf-8")
    lines = page.read_text(encoding="utf-8").count("\n")
    run = cli("validate", cwd=scratch_project)
    assert run.returncode == 1
    reported = run.stdout.splitlines()[:-1]
    assert reported[0] == (f"docs/about.md:{lines - 2}:5: link: 'javascript:' addresses are not allowed; "
                           "link to a page or an https:// address")
    assert reported[1].startswith(f"docs/about.md:{lines}:1: thesis: no frame or group with id 'corigibility' "
                                  "(did you mean 'corrigibility'?); expected one of: ")
    assert len(reported) == 2
    assert_build_refuses_as_validate(scratch_project, tmp_path / "out", caplog, reported)


@pytest.mark.slow
def test_the_zensical_build_refuses_a_page_with_its_line(scratch_project):
    page = scratch_project / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    refusal = (f"docs/about.md:{line}:1: html: <script> is not allowed in a page; scripts live in docs/assets/js "
               "and are listed in mkdocs.yml")
    # `make zensical` is one command: the timeline checks the data and pages once, before Zensical renders a page.
    assert "python -m macros.engines.zensical" in (ROOT / "Makefile").read_text(encoding="utf-8").replace("$(BIN)/", "")
    run = subprocess.run([sys.executable, "-m", "macros.engines.zensical", "zensical.yml"], cwd=scratch_project,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(scratch_project)})
    assert run.returncode == 1 and refusal in run.stderr.splitlines() and "Traceback" not in run.stdout + run.stderr
    first = cli("validate", cwd=scratch_project)
    assert first.returncode == 1 and first.stdout.splitlines() == [refusal, "1 problem found."]
    assert "Traceback" not in first.stdout + first.stderr
