"""Synthetic sites of N frames, made from the real project so that a build of one measures real code.

The real frames of data/frames.yml are cloned in sets until there are N of them: set 0 is the
real frames, set k renames each frame `x` to `x-k` along with every id it defines (its cruxes,
nested cruxes and aliases), and points each reference inside the set (typed links, crux
references, links in the page text, ids passed to macros) at the set's own copies. A clone
therefore has the shape of real data, and its page is the real page's text with the real macro
calls. Everything else is the real project: the other pages and data files are copied, and the
macros package, the theme overrides and the hooks are linked, not copied, so the build runs the
code in this repository. The generated data is checked with the real model (macros.model.load)
before the site is written.

The nav has the shape a large real site would have, so that no nav section grows with N: each
section keeps its real entries (a group's Overview and real frames), then one sub-section per
set ("Set 3") holding that set's clones of the section's frames, in the section's order. More
than SETS_PER_SECTION (ten) sets are gathered ten at a time into "Sets 1-10", "Sets 11-20"...,
and those again into "Sets 1-100"... until no level lists more than ten. At 1,000 frames a group
section reads: Overview, its real frames, "Sets 1-10" ... "Sets 91-99", each holding up to ten sets.

    python -m bench.synth 100 /tmp/synth-100     # writes the project; build it with mkdocs -f
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
# Project parts a build reads but the generator leaves as they are: linked into the copy.
NOT_LINKED = {"docs", "data", "mkdocs.yml", "site", "bench", "tests", "node_modules"}
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


def generate(frames: int, dest: Path) -> dict:
    """Write a project with this many frames into dest; return what it holds."""
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
    from macros.model import load

    # The real model checks the generated data; a DataError names every problem.
    load(dest / "data" / "frames.yml", dest / "data" / "glossary.yml", pages_dir=dest / "docs" / "frames", root=dest)
    pages = sum(1 for _ in (dest / "docs").rglob("*.md"))
    return {"frames": len(data["frames"]), "pages": pages, "config": dest / "mkdocs.yml"}


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic project of N frames made from the real one.")
    parser.add_argument("frames", type=int)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    made = generate(args.frames, args.dest)
    print(f"{made['frames']} frames, {made['pages']} pages: build with mkdocs build -f {made['config']}")


if __name__ == "__main__":
    main()
