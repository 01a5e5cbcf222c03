"""Cross-references in a frames file: ids used once, aliases that collide with nothing, references that resolve."""

from __future__ import annotations

import difflib
from typing import Any, Iterator

from .models import ID_PATTERN, JOINS
from .problems import Problem
from .raw_nodes import items_under, text_under, texts_under
from .wording import one_join, suggest
from .yaml_positions import dotted, position

# These run on the raw YAML, not on the models, so that a frame that fails validation does not
# hide the mistakes elsewhere in the file: every problem is reported in one run. Known ids come
# from the raw data too, so an invalid frame's id or crux is still known and never reported as
# missing. A place that pydantic already faulted is not reported a second time.


class CrossChecker:
    """Checks that need the whole file: unique ids, aliases, and references to frames and cruxes that exist."""

    def __init__(self, root: Any, display: str, faulted: set[str]):
        self.root, self.display, self.faulted = root, display, faulted
        self.problems: list[Problem] = []
        self.owners = [(kind, i, node) for kind in ("groups", "frames") for i, node in items_under(root, kind)]
        self.group_ids = {gid for kind, _, node in self.owners if kind == "groups" and (gid := text_under(node, "id"))}
        self.frame_ids = {fid for kind, _, node in self.owners if kind == "frames" and (fid := text_under(node, "id"))}
        # Ids that are malformed or missing: a reference that fails only because of one of them is
        # a knock-on of that mistake, already reported, and suggestions never propose one.
        ids = [text_under(node, "id") for _, _, node in self.owners]
        self.broken_ids = {i for i in ids if i is not None and not ID_PATTERN.match(i)}
        self.frames_unknown = not isinstance(root.get("frames"), list) or not root.get("frames") or None in ids

    def knock_on(self, target: str, broken: set[str], unknown: bool = False) -> bool:
        """Whether a failing reference may be the consequence of a malformed or missing id."""
        return unknown or bool(difflib.get_close_matches(target, sorted(broken), n=1, cutoff=0.5)) or \
            any(target == b.lower().replace("_", "-") for b in broken)

    def problem_at(self, loc: tuple, message: str, key: bool = False) -> list[Problem]:
        """The problem at a place (its key's, given key), or none if pydantic already faulted that place."""
        path = dotted(loc)
        return [] if path in self.faulted else [Problem(self.display, *position(self.root, loc, key=key), path, message)]

    def add(self, loc: tuple, message: str, key: bool = False) -> None:
        self.problems.extend(self.problem_at(loc, message, key))

    def line(self, loc: tuple) -> int:
        return position(self.root, loc)[0]

    def run(self) -> list[Problem]:
        """Every check of ids and references in the file."""
        self.owner_aliases = self._unique(
            [((kind, i, "id"), text_under(node, "id")) for kind, i, node in self.owners],
            [((kind, i, "aliases", ai), alias) for kind, i, node in self.owners for ai, alias in texts_under(node, "aliases")],
            "",
        )
        cruxes = list(self._crux_nodes())
        crux_aliases = self._unique(
            [((*loc, "id"), text_under(node, "id")) for loc, node, _ in cruxes if "ref" not in node],
            [((*loc, "aliases", ai), alias) for loc, node, _ in cruxes for ai, alias in texts_under(node, "aliases")],
            "crux ",
        )
        self._check_frames()
        self._check_joins(cruxes)
        self._check_refs(cruxes, crux_aliases)
        self._check_retired({text_under(node, "id") for _, node, _ in cruxes if "ref" not in node}, crux_aliases)
        verdict = self.root.get("verdict")
        self._check_frame_ref(("verdict", "frame"), text_under(verdict, "frame"))
        for ri, reason in items_under(verdict, "reasons"):
            self._check_frame_ref(("verdict", "reasons", ri, "frame"), text_under(reason, "frame"))
        return self.problems

    def _check_retired(self, live: set[str | None], aliases: dict[str, str]) -> None:
        """A retired crux is one the site no longer has: not a live crux, and not an alias (a merge)."""
        for ri, retired in items_under(self.root, "retired_cruxes"):
            rid = text_under(retired, "id")
            if rid in live:
                self.add(("retired_cruxes", ri, "id"), f"'{rid}' is a live crux; retire a crux only once it is gone")
            elif rid in aliases:
                self.add(("retired_cruxes", ri, "id"), f"'{rid}' is an old id of crux '{aliases[rid]}', so its "
                                                         "address leads there; a merged crux is not retired")

    def _unique(self, ids: list[tuple[tuple, str | None]], aliases: list[tuple[tuple, str]], kind: str) -> dict[str, str]:
        """Report ids used twice and aliases that collide; return alias -> the id it now names."""
        live: dict[str, tuple] = {}
        for loc, name in ids:
            if name is None:
                continue
            if name in live:
                self.add(loc, f"duplicate {kind}id '{name}' (first used at line {self.line(live[name])})")
            else:
                live[name] = loc
        retired: dict[str, tuple] = {}
        for loc, alias in aliases:
            if alias in live:
                self.add(loc, f"alias '{alias}' collides with the live {kind}id at line {self.line(live[alias])}; "
                              "an alias keeps an old id that nothing uses any more")
            elif alias in retired:
                self.add(loc, f"alias '{alias}' is already an alias at line {self.line(retired[alias])}")
            else:
                retired[alias] = loc
        # The owner of an alias sits two steps above it: (..., "aliases", index).
        return {alias: text_under(self._node(loc[:-2]), "id") or "" for alias, loc in retired.items()}

    def _node(self, loc: tuple) -> Any:
        node = self.root
        for part in loc:
            node = node[part]
        return node

    def _crux_nodes(self) -> Iterator[tuple[tuple, Any, tuple[str, ...]]]:
        """(location, mapping, ids of the cruxes above it) for every crux and reference, depth first."""
        def walk(parent: Any, key: str, loc: tuple, above: tuple[str, ...]) -> Iterator:
            for i, node in items_under(parent, key):
                here = (*loc, key, i)
                yield here, node, above
                own = text_under(node, "id")
                for join in JOINS:
                    yield from walk(node, join, here, (*above, own) if own else above)

        for kind, i, owner in self.owners:
            yield from walk(owner, "cruxes", (kind, i), ())

    def _check_frames(self) -> None:
        expected = ", ".join(sorted(self.group_ids))
        for kind, i, frame in self.owners:
            if kind != "frames":
                continue
            base = ("frames", i)
            group = text_under(frame, "group")
            if group is not None and group not in self.group_ids:
                self.add((*base, "group"), f"unknown group '{group}'; expected one of: {expected}")
            for gi, gid in texts_under(frame, "also_in"):
                if gid not in self.group_ids:
                    self.add((*base, "also_in", gi), f"unknown group '{gid}'; expected one of: {expected}")
                elif gid == group:
                    self.add((*base, "also_in", gi), f"'{gid}' is already this frame's primary group")
            for li, link in items_under(frame, "links"):
                target = text_under(link, "to")
                if target is not None and target == text_under(frame, "id"):
                    self.add((*base, "links", li, "to"), "a frame cannot link to itself")
                else:
                    self._check_frame_ref((*base, "links", li, "to"), target)
            if frame.get("cruxes") and frame.get("no_cruxes_note"):
                self.add((*base, "no_cruxes_note"), "a frame with cruxes cannot also have a note saying it has none")

    def _check_joins(self, cruxes: list) -> None:
        """A crux lists its nested cruxes under one join (a model that failed on something else never said so)."""
        for loc, node, _ in cruxes:
            used = [join for join in JOINS if join in node]
            for extra in used[1:]:
                first_line = position(self.root, (*loc, used[0]), key=True)[0]
                self.add((*loc, extra), one_join(used[0], first_line), key=True)

    def _check_frame_ref(self, loc: tuple, target: str | None) -> None:
        """A field that names a frame must name a live one."""
        if target is None or target in self.frame_ids:
            return
        if target in self.owner_aliases:
            self.add(loc, f"'{target}' is an old id of '{self.owner_aliases[target]}'; use the live id")
        elif not self.knock_on(target, self.broken_ids, self.frames_unknown):
            self.add(loc, f"no frame with id '{target}'{suggest(target, self.frame_ids - self.broken_ids)}")

    def _check_refs(self, cruxes: list, crux_aliases: dict[str, str]) -> None:
        live = {text_under(node, "id") for _, node, _ in cruxes if "ref" not in node} - {None}
        broken = {i for i in live if not ID_PATTERN.match(i)}
        unknown = any(text_under(node, "id") is None for _, node, _ in cruxes if "ref" not in node)
        # Ids defined under each frame or group, keyed by its location.
        local: dict[tuple, set[str | None]] = {}
        for loc, node, _ in cruxes:
            local.setdefault(loc[:2], set()).add(text_under(node, "id"))
        for loc, node, above in cruxes:
            ref = text_under(node, "ref")
            if ref is None:
                continue
            here = (*loc, "ref")
            if ref in crux_aliases:
                self.add(here, f"'{ref}' is an old id of crux '{crux_aliases[ref]}'; use the live id")
            elif ref not in live:
                if not self.knock_on(ref, broken, unknown):
                    self.add(here, f"no crux with id '{ref}'{suggest(ref, live - broken)}")
            elif ref in above:
                self.add(here, f"crux '{ref}' cannot rest on itself")
            elif ref in local[loc[:2]]:
                self.add(here, f"crux '{ref}' is already listed under this frame")
