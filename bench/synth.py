"""Synthetic sites of N frames, made from the real project so that a build of one measures real code.

The real frames of data/frames.yml are cloned in sets until there are N of them: set 0 is the
real frames, set k renames each frame `x` to `x-k` along with every id it defines (its cruxes,
nested cruxes and aliases), and points each reference inside the set (typed links, crux
references, links in the page text, ids passed to macros) at the set's own copies. A clone
therefore has the shape of real data, and its page is the real page's text with the real macro
calls. Everything else is the real project: the other pages and data files are copied, and the
macros package, the theme overrides and the hooks are linked, not copied, so the build runs the
code in this repository; zensical.yml is copied, so that it inherits the synthetic mkdocs.yml. The
generated data and pages are checked as a build checks them (macros.build.context.check_project).
The editions are the real project's snapshots, or as many snapshots of the synthetic data itself.

The nav has the shape a large real site would have, so that no nav section grows with N: each
section keeps its real entries (a group's Overview and real frames), then one sub-section per
set ("Set 3") holding that set's clones of the section's frames, in the section's order. More
than SETS_PER_SECTION (ten) sets are gathered ten at a time into "Sets 1-10", "Sets 11-20"...,
and those again into "Sets 1-100"... until no level lists more than ten. At 1,000 frames a group
section reads: Overview, its real frames, "Sets 1-10" ... "Sets 91-99", each holding up to ten sets.

    python -m bench.synth 100 /tmp/synth-100     # writes the project; build it with mkdocs -f
    python -m bench.synth 1000 /tmp/synth-e3 --editions 3    # with three editions of its own data
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
# Project parts a build reads but the generator leaves as they are: linked into the copy.
# zensical.yml is copied: linked, its INHERIT and site_dir would resolve in the real project (and build it).
NOT_LINKED = {"docs", "data", "mkdocs.yml", "zensical.yml", "site", "site-zensical", "bench", "tests", "node_modules"}
MD_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]+)")  # [text](target
REF_LINK = re.compile(r"^(\s*\[[^\]]+\]:\s*<?)(\S+?)(>?)$", re.M)  # [label]: target
HREF = re.compile(r"""(href=["'])([^"']+)""")
MACRO = re.compile(r"\{\{.*?\}\}", re.S)
QUOTED = re.compile(r"""(["'])([a-z0-9-]+)\1""")
# No nav level lists more set sections than this: more are gathered into "Sets 1-10" sections.
SETS_PER_SECTION = 10


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


class Cloner:
    """Renames the ids of one real frame set into set k, leaving references outside it alone."""

    def __init__(self, real_frames: list[dict], cloned_ids: set[str], k: int):
        self.k = k
        # Only ids of frames copied into this set are renamed; the rest point at the originals.
        self.frames = {f["id"] for f in real_frames if f["id"] in cloned_ids}
        self.cruxes = {cid for f in real_frames if f["id"] in cloned_ids for cid in _crux_ids(f.get("cruxes", []))}

    def frame(self, ref: str) -> str:
        return f"{ref}-{self.k}" if ref in self.frames else ref

    def crux(self, ref: str) -> str:
        return f"{ref}-{self.k}" if ref in self.cruxes else ref

    def data(self, frame: dict) -> dict:
        """A copy of a frame's data with its ids and in-set references renamed."""
        clone = copy.deepcopy(frame)
        clone["id"] = self.frame(frame["id"])
        clone["title"] = f"{frame['title']} ({self.k})"
        clone["aliases"] = [f"{alias}-{self.k}" for alias in frame.get("aliases", [])]
        for link in clone.get("links", []):
            link["to"] = self.frame(link["to"])
        clone["cruxes"] = [self._crux_item(item) for item in clone.get("cruxes", [])]
        return {key: value for key, value in clone.items() if value != [] or key in frame}

    def _crux_item(self, item: dict) -> dict:
        if "ref" in item:
            item["ref"] = self.crux(item["ref"])
            return item
        item["id"] = self.crux(item["id"])
        if "aliases" in item:
            item["aliases"] = [f"{alias}-{self.k}" for alias in item["aliases"]]
        for join in ("because", "any_of", "all_of"):
            if join in item:
                item[join] = [self._crux_item(child) for child in item[join]]
        return item

    def page(self, text: str) -> str:
        """A copy of a frame page whose links and macro arguments point into this set."""
        text = MD_LINK.sub(lambda m: m.group(1) + self._target(m.group(2)), text)
        text = REF_LINK.sub(lambda m: m.group(1) + self._target(m.group(2)) + m.group(3), text)
        text = HREF.sub(lambda m: m.group(1) + self._target(m.group(2)), text)
        return MACRO.sub(lambda m: QUOTED.sub(self._quoted, m.group(0)), text)

    def _quoted(self, match: re.Match) -> str:
        value = match.group(2)
        renamed = self.frame(value) if value in self.frames else self.crux(value)
        return f"{match.group(1)}{renamed}{match.group(1)}"

    def _target(self, target: str) -> str:
        path, hash_, anchor = target.partition("#")
        folder, _, name = path.rpartition("/")
        stem = name.removesuffix(".md")
        in_frames = folder in ("", ".") or folder.endswith("frames")
        if name.endswith(".md") and in_frames and stem in self.frames:
            path = f"{folder}/{self.frame(stem)}.md" if folder else f"{self.frame(stem)}.md"
        if anchor.startswith("crux-") and (not path or stem in self.frames):
            anchor = "crux-" + self.crux(anchor.removeprefix("crux-"))
        return path + hash_ + anchor


def _crux_ids(items: list) -> list[str]:
    ids = []
    for item in items:
        if "id" in item:
            ids.append(item["id"])
            ids += list(item.get("aliases", []))
            for join in ("because", "any_of", "all_of"):
                ids += _crux_ids(item.get(join, []))
    return ids


def _nav_with_clones(nav: list, clones: dict[str, list[str]]) -> list:
    """The nav with each section's clones nested after its real entries, one sub-section per set."""
    result, real_frames = [], []
    for item in nav:
        page = item if isinstance(item, str) else (next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else None)
        if isinstance(page, list):
            title = next(iter(item))
            result.append({title: _nav_with_clones(page, clones)})
            continue
        result.append(item)
        if isinstance(page, str) and page.startswith("frames/"):
            real_frames.append(page.removeprefix("frames/").removesuffix(".md"))
    sets = max((len(clones.get(f, [])) for f in real_frames), default=0)
    entries = []
    for k in range(1, sets + 1):
        pages = [f"frames/{clones[f][k - 1]}.md" for f in real_frames if len(clones.get(f, [])) >= k]
        entries.append((k, k, {f"Set {k}": pages}))
    return result + _chunked(entries)


def _chunked(entries: list[tuple[int, int, dict]]) -> list[dict]:
    """Nav sections of sets (first set, last set, section), gathered into "Sets a-b" until one level is short."""
    while len(entries) > SETS_PER_SECTION:
        chunks = [entries[i:i + SETS_PER_SECTION] for i in range(0, len(entries), SETS_PER_SECTION)]
        entries = [(chunk[0][0], chunk[-1][1], {f"Sets {chunk[0][0]}-{chunk[-1][1]}": [e for _, _, e in chunk]})
                   for chunk in chunks]
    return [entry for _, _, entry in entries]


def generate(frames: int, dest: Path, editions: int | None = None) -> dict:
    """Write a project with this many frames into dest; return what it holds.

    editions None keeps the real project's snapshots (the real frames' editions); a number replaces them
    with that many editions of the synthetic data itself (write_editions).
    """
    yaml = _yaml()
    data = yaml.load((ROOT / "data" / "frames.yml").read_text(encoding="utf-8"))
    real = list(data["frames"])
    frames = max(frames, len(real))
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name not in NOT_LINKED and not entry.name.startswith("."):
            (dest / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copy(ROOT / "zensical.yml", dest / "zensical.yml")  # INHERIT: mkdocs.yml, the synthetic one

    clones: dict[str, list[str]] = {f["id"]: [] for f in real}
    sets = -(-frames // len(real))
    for k in range(1, sets):
        chosen = real[: min(len(real), frames - k * len(real))]
        cloner = Cloner(real, {f["id"] for f in chosen}, k)
        for frame in chosen:
            clone = cloner.data(frame)
            data["frames"].append(clone)
            clones[frame["id"]].append(clone["id"])
            page = (ROOT / "docs" / "frames" / f"{frame['id']}.md").read_text(encoding="utf-8")
            (dest / "docs" / "frames" / f"{clone['id']}.md").write_text(cloner.page(page), encoding="utf-8")
    with (dest / "data" / "frames.yml").open("w", encoding="utf-8") as out:
        yaml.dump(data, out)

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = _nav_with_clones(config["nav"], clones)
    with (dest / "mkdocs.yml").open("w", encoding="utf-8") as out:
        yaml.dump(config, out)

    sys.path.insert(0, str(ROOT))
    from macros.build.context import check_project

    # The build's own checks of the generated data and pages; a DataError names every problem.
    check_project(dest)
    if editions is not None:
        write_editions(dest, editions)
    pages = sum(1 for _ in (dest / "docs").rglob("*.md"))
    return {"frames": len(data["frames"]), "pages": pages, "config": dest / "mkdocs.yml",
            "zensical": dest / "zensical.yml"}


def write_editions(dest: Path, count: int) -> None:
    """Replace a synthetic project's editions with `count` snapshots of its own data (2026-01, 2026-02...).

    The snapshots are alike: what is measured is what each edition costs a build, not the changes between them.
    """
    sys.path.insert(0, str(ROOT))
    from macros.build.context import check_project
    from macros.model.editions import FOLDER, SNAPSHOT_VERSION
    from macros.model.export import frames_document

    # The same document `make edition` snapshots: /frames.json's, with paths from the site's root.
    document = frames_document(check_project(dest), "")
    folder = dest / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for month in range(1, count + 1):
        name = f"2026-{month:02d}"
        snapshot = {"snapshot_version": SNAPSHOT_VERSION, "edition": name, "date": f"{name}-01",
                    "commit": "synthetic", "document": document}
        # As macros.editions.snapshot_text writes it (that function lacks its json import at 628e0e1).
        (folder / f"{name}.json").write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic project of N frames made from the real one.")
    parser.add_argument("frames", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--editions", type=int, help="that many editions of its own data, not the real ones")
    args = parser.parse_args()
    made = generate(args.frames, args.dest, args.editions)
    print(f"{made['frames']} frames, {made['pages']} pages: build with mkdocs build -f {made['config']}, "
          f"or python -m macros.engines.zensical {made['zensical']}")


if __name__ == "__main__":
    main()
