"""The contributor's path: guidance in the repository and on the site, CI, forms, hooks and citation."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOW = GITHUB / "workflows" / "site.yml"


def yaml_file(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def sections(text: str) -> list[str]:
    return re.findall(r"<!-- --8<-- \[start:([a-z-]+)\] -->", text)


# ---------------------------------------------------------------- CONTRIBUTING.md and its page


def test_the_site_page_includes_every_section_of_contributing_md(built_site):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    page = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert sections(guide) == re.findall(r'^--8<-- "CONTRIBUTING.md:([a-z-]+)"$', page, re.MULTILINE)
    html = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    for phrase in ("A frame is one answer", "make new-frame ID=value-learning",
                   "Rename a frame", "Write in your own words.", "make validate", "schema_version"):
        assert phrase in text, phrase
    assert "8&lt;" not in html and "--8<--" not in html


def test_contributing_covers_what_the_issue_asks(built_site):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for topic in ("## What a frame and a crux are", "## Add a frame", "## Add or edit a crux",
                  "## Own words and citations", "## Check a change locally", "make validate", "make serve",
                  "make test", "macros.cli new-frame", "macros.cli validate", "aliases"):
        assert topic in guide, topic


@pytest.mark.build
def test_every_command_the_guide_names_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make ([a-z-]+)", guide)):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    for command in set(re.findall(r"macros\.cli ([a-z-]+)", guide)):
        run = subprocess.run([sys.executable, "-m", "macros.cli", command, "--help"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, command


# ---------------------------------------------------------------- .github


def check_jsonschema(*args: str | Path) -> None:
    """Run check-jsonschema (its schemas are bundled: no download) and expect success."""
    tool = Path(sys.executable).with_name("check-jsonschema")
    run = subprocess.run([str(tool), *map(str, args)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.build
def test_github_files_follow_their_published_schemas():
    check_jsonschema("--builtin-schema", "vendor.github-workflows", WORKFLOW)
    check_jsonschema("--builtin-schema", "vendor.github-issue-forms", GITHUB / "ISSUE_TEMPLATE" / "propose-frame-or-crux.yml")
    check_jsonschema("--builtin-schema", "vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    check_jsonschema("--builtin-schema", "vendor.citation-file-format", ROOT / "CITATION.cff")


@pytest.mark.build
def test_the_editor_schema_is_valid_and_its_patterns_work_as_editors_read_them():
    # check-jsonschema reads patterns as ECMAScript regular expressions, as YAML editors do.
    check_jsonschema("--check-metaschema", ROOT / "data" / "frames.schema.json")
    check_jsonschema("--schemafile", ROOT / "data" / "frames.schema.json", ROOT / "data" / "frames.yml")


def test_workflow_tests_every_pull_request_and_deploys_main_with_least_privilege():
    workflow = yaml_file(WORKFLOW)
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    test, deploy = workflow["jobs"]["test"], workflow["jobs"]["deploy"]
    assert test["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in test["steps"]]
    assert "bash .ci/run" in runs and "make build" in runs  # the suite, then the strict build
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text().split("\nbuild:", 1)[1].split("\n\n")[0]
    assert deploy["needs"] == "test" and "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])
    checkout = next(step for step in test["steps"] if "checkout" in step.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False


def test_issue_form_asks_for_the_claim_and_its_source():
    form = yaml_file(GITHUB / "ISSUE_TEMPLATE" / "propose-frame-or-crux.yml")
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert {"kind", "claim", "source"} <= required
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    assert "propose-frame-or-crux.yml" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_pull_request_template_has_the_checks():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("own words", "aliases", "data/addresses.txt", "make validate", "make test"):
        assert item in template, item


# ---------------------------------------------------------------- pre-commit


def local_hooks() -> list[dict]:
    config = yaml_file(ROOT / ".pre-commit-config.yaml")
    return [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]


def test_pre_commit_has_the_hygiene_hooks():
    config = yaml_file(ROOT / ".pre-commit-config.yaml")
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"trailing-whitespace", "end-of-file-fixer", "check-yaml", "check-merge-conflict",
            "validate-data", "schema-up-to-date"} <= ids


@pytest.mark.build
@pytest.mark.parametrize("hook", local_hooks(), ids=lambda hook: hook["id"])
def test_pre_commit_local_hook_runs_and_passes(hook):
    command = shlex.split(hook["entry"])
    assert command[0] == ".venv/bin/python"
    run = subprocess.run([sys.executable, *command[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(hook["files"], "data/frames.yml" if hook["id"] == "validate-data" else "macros/model/models.py")


# ---------------------------------------------------------------- citation


def test_citation_credits_the_source_post(site_data):
    citation = yaml_file(ROOT / "CITATION.cff")
    site_name = re.search(r"^site_name: (.*)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert citation["title"] == site_name.group(1)
    assert citation["url"] == "https://core-of-alignment.github.io/frames/"
    post = citation["references"][0]
    assert post["url"] == site_data.source.url and post["title"] == site_data.source.title
    assert post["year"] == site_data.source.year == 2022
    assert post["authors"][0]["family-names"] == "Larsen"


# ---------------------------------------------------------------- edit buttons


def test_frame_and_group_pages_link_to_their_data_entry_at_its_line(built_site, site_data):
    lines = (ROOT / "data" / "frames.yml").read_text(encoding="utf-8").splitlines()
    blob = "https://github.com/core-of-alignment/frames/blob/main/data/frames.yml"
    for owner_id in [*site_data.frames, *site_data.groups]:
        kind = "frames" if owner_id in site_data.frames else "groups"
        html = (built_site / kind / owner_id / "index.html").read_text(encoding="utf-8")
        line = lines.index(f"  - id: {owner_id}") + 1
        assert f'<a href="{blob}#L{line}" title="Open this entry in data/frames.yml (line {line})"' in html, owner_id
        assert f'href="https://github.com/core-of-alignment/frames/edit/main/docs/{kind}/{owner_id}.md"' in html
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "data-entry-button" not in about and "/edit/main/docs/about.md" in about


# ---------------------------------------------------------------- previewing a change

MARK = "Previewcheck"  # a word no page has, put into the edited file


def with_mark_in_a_crux(text: str, crux_id: str) -> str:
    """data/frames.yml with MARK at the start of a crux's text, however the text is written (plain, quoted, folded)."""
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {crux_id}")
    at = next(i for i in range(at + 1, len(lines)) if lines[i].lstrip().startswith("text:"))
    key, value = lines[at].split("text:", 1)
    if value.strip()[:1] in (">", "|"):  # a folded or literal text: its words start on the next line
        indent = len(lines[at + 1]) - len(lines[at + 1].lstrip())
        lines[at + 1] = lines[at + 1][:indent] + f"{MARK} " + lines[at + 1][indent:]
    elif value.strip()[:1] in ("'", '"'):
        quote = value.index(value.strip()[0])
        lines[at] = f"{key}text:{value[:quote + 1]}{MARK} {value[quote + 1:]}"
    else:
        lines[at] = f"{key}text: {MARK} {value.lstrip()}"
    return "".join(lines)


@pytest.mark.parametrize("edited", ["data/frames.yml", "macros/templates/thesis.html"])
@pytest.mark.slow  # builds a site of its own
def test_make_serve_shows_an_edit_to_the_data_or_a_partial_without_a_restart(scratch_project, edited):
    # mkdocs serve watches docs/ and mkdocs.yml by itself; mkdocs.yml's `watch` adds data/, macros/, overrides/.
    from macros.model import Crux, load

    data = load(scratch_project / "data" / "frames.yml", root=scratch_project)
    frame = next(f for f in data.frames.values() if any(isinstance(item, Crux) for item in f.cruxes))
    crux = next(item for item in frame.cruxes if isinstance(item, Crux))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/frames/frames/{frame.id}/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=scratch_project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(scratch_project)})

    def page() -> str:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")

    # A bound on waiting for the server, not on its speed: a generous minute, then the failure says what did not happen.
    def wait_for(check, what: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if check(page()):
                    return
            except OSError:
                pass
            time.sleep(0.5)
        pytest.fail(f"{what} within 60 s")

    try:
        wait_for(lambda html: f'id="crux-{crux.id}"' in html, "the site was not served")
        path = scratch_project / edited
        text = path.read_text(encoding="utf-8")
        if edited.endswith(".yml"):
            edited_text = with_mark_in_a_crux(text, crux.id)
        else:
            edited_text = text.replace('class="thesis', f'data-{MARK.lower()} class="thesis', 1)
        assert edited_text != text
        path.write_text(edited_text, encoding="utf-8")
        wait_for(lambda html: MARK in html or f"data-{MARK.lower()}" in html, f"an edit to {edited} did not show")
    finally:
        server.terminate()
        server.wait(timeout=10)
