"""A contributor's ordinary pull request stays green: CONTRIBUTING's contributions, applied to a copy of the project.

The copy gets a new frame (made by `new-frame`, its placeholders filled, with a crux of its own that rests on a
crux shared from another frame), a reworded crux, a frame moved to another group, and a crux taken off the
site the documented way. Then the commands a contributor runs and the unit and build tiers of the copy's own
suite must pass, as the pull request's CI would run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, forget_in_pages
from macros import urls
from macros.build.context import check_project
from macros.model.editions import read_editions

pytestmark = pytest.mark.slow

TRIAL = "trial-frame"  # an id no frame has: a probe, not CONTRIBUTING's own example


def run(project: Path, *command: str) -> subprocess.CompletedProcess:
    """A command in the copy, with the copy's own macros package."""
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run([sys.executable, *command], cwd=project, env=env, capture_output=True, text=True)


def copy_with_tests(dest: Path) -> Path:
    """The files a pull request's CI has: the project as git holds it (no built site, no caches)."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def commit(project: Path, message: str) -> None:
    """Commit everything, as a contributor does before the pull request (dates come from the history)."""
    git = ["git", "-c", "user.name=Contributor", "-c", "user.email=contributor@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run([*git, *command], cwd=project, check=True, capture_output=True)


def contribute(project: Path) -> None:
    """CONTRIBUTING's contributions, by its instructions."""
    data = check_project(ROOT)
    made = run(project, "-m", "macros.cli", "new-frame", TRIAL, "--title", "Trial Frame", "--group", next(iter(data.groups)))
    assert made.returncode == 0, made.stdout + made.stderr
    # As a contributor's editor leaves the file: its indentation, quotes and line lengths as they were.
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    path = project / "data" / "frames.yml"
    document = yaml.load(path.read_text(encoding="utf-8"))
    frames = {frame["id"]: frame for frame in document["frames"]}
    shared = next(cid for cid, entry in data.cruxes.items() if entry.owner in data.frames and entry.parent is None)
    trial = frames[TRIAL]
    trial["thesis"] = "A frame made for this test, whose claim is that contributions keep the suite green."
    trial["summary"] = "A frame made for this test."
    del trial["no_cruxes_note"]
    trial["cruxes"] = [{"id": "trial-crux", "text": "The trial holds, because:",
                        "because": [{"id": "trial-reason", "text": "a reason of its own;"}, {"ref": shared}]}]
    # Reword a crux, move a frame filed in one group to another, and take a leaf crux off the site.
    reworded = next(cid for cid, entry in data.cruxes.items() if cid != shared)
    moved = next(f for f in data.frames.values() if not f.also_in and f.id != TRIAL)
    target = next(g for g in data.groups if g != moved.group)
    leaf = next(cid for cid, entry in data.cruxes.items() if entry.parent and not entry.crux.children
                and data.relied_on_by[cid] == [entry.owner] and cid not in (shared, reworded))

    def walk(items, parent=None):
        for item in list(items):
            if item.get("id") == reworded:
                item["text"] = "Reworded by a contributor: " + item["text"]
            if item.get("id") == leaf:
                items.remove(item)
            for key in ("because", "any_of", "all_of"):
                if key in item:
                    walk(item[key], item)

    for owner in [*document["groups"], *document["frames"]]:
        walk(owner.get("cruxes", []))
    frames[moved.id]["group"] = target
    document.setdefault("retired_cruxes", []).append({"id": leaf, "reason": "A contributor took it off in a trial."})
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(document, out)
    # The page's placeholders, and the moved frame's navigation line under its new group.
    page = project / "docs" / "frames" / f"{TRIAL}.md"
    page.write_text("\n".join("A paragraph in the contributor's own words." if "TODO(new-frame)" in line else line
                              for line in page.read_text(encoding="utf-8").splitlines()) + "\n", encoding="utf-8")
    nav = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(nav) if text.strip() == f"- frames/{moved.id}.md")
    entry = nav.pop(line)
    overview = next(i for i, text in enumerate(nav) if text.strip() == f"- Overview: groups/{target}.md")
    nav.insert(overview + 1, entry)
    (project / "mkdocs.yml").write_text("\n".join(nav) + "\n", encoding="utf-8")
    # Links to the crux taken off become plain words, and so do the pages' mentions of it by crux() or crux_ref()
    # (validate names each page that has one). If an edition had it, its addresses stay, and so do their lines in
    # data/addresses.txt: its own page as a tombstone, its anchors as notices that say what happened. A crux no
    # edition had loses its anchors.
    forget_in_pages(project, crux=leaf)
    if not any(leaf in edition.cruxes for edition in read_editions(project)):
        manifest = project / "data" / "addresses.txt"
        manifest.write_text("".join(line for line in manifest.read_text(encoding="utf-8").splitlines(keepends=True)
                                    if not line.rstrip().endswith(f"#{urls.crux_anchor(leaf)}")), encoding="utf-8")


@pytest.fixture(scope="module")
def contributed(tmp_path_factory) -> Path:
    project = copy_with_tests(tmp_path_factory.mktemp("pull-request"))
    commit(project, "The project as it is")
    contribute(project)
    assert run(project, "-m", "macros.cli", "addresses", "--add").returncode == 0  # lists the new addresses
    commit(project, "A contribution")
    return project


def test_the_commands_a_contributor_runs_pass(contributed):
    for command in (["-m", "macros.cli", "validate"], ["-m", "mkdocs", "build", "--strict", "-q"],
                    ["-m", "macros.cli", "addresses", "--site", "site"]):
        done = run(contributed, *command)
        assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}{done.stderr}"


def test_the_copys_own_suite_passes_after_the_contributions(contributed):
    done = run(contributed, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow and not browser")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
