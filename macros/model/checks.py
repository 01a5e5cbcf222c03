"""Checks of a data file: schema errors in plain words, then the checks that need the whole file."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from .models import ID_PATTERN, JOINS, UNION_TAGS, Crux, CruxRef, GlossaryFile
from .problems import Problem
from .yaml_positions import dotted, position


def _message(error: dict, model: type[BaseModel], loc: tuple) -> str:
    kind = error["type"]
    if kind == "missing":
        return "missing required field"
    if kind == "too_short":
        return "the list is empty; list at least one item, or leave the key out where it is optional"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"unknown field '{loc[-1]}'{hint}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"'{error['input']}' is not allowed; expected {expected}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind in ("string_type", "int_type", "list_type", "model_type", "dict_type", "bool_type"):
        wanted = {"string_type": "text", "int_type": "a whole number", "list_type": "a list",
                  "model_type": "a mapping", "dict_type": "a mapping", "bool_type": "true or false"}[kind]
        return f"expected {wanted}, got {_describe(error['input'])}"
    return error["msg"]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the model at a location, to suggest when a field is unknown."""
    current: Any = model
    for part in loc:
        if part in UNION_TAGS:
            current = Crux if part == "crux-item" else CruxRef
            continue
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        annotation = current.model_fields[part].annotation
        current = _model_in(annotation)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _model_in(annotation: Any) -> Any:
    """The model class inside list[...] / X | None annotations, or Crux for crux lists."""
    args = getattr(annotation, "__args__", ())
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in args:
        found = _model_in(arg)
        if found is not None:
            return found
    metadata = getattr(annotation, "__metadata__", ())
    if metadata:
        return _model_in(annotation.__origin__)
    return None


def validate_model(model: type[BaseModel], data: Any, root: Any, display: str) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt field ('titel') also leaves its field missing: one mistake, said once, with the right name.
        missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
        meant: dict[tuple, str] = {}
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "extra_forbidden":
                names = [m[-1] for m in missing if m[:-1] == loc[:-1] and isinstance(m[-1], str)]
                close = difflib.get_close_matches(str(loc[-1]), names, n=1)
                if close:
                    meant[loc] = close[0]
        problems = []
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and (*loc[:-1], loc[-1]) in {(*k[:-1], v) for k, v in meant.items()}:
                continue
            line, col = position(root, loc, key=error["type"] == "extra_forbidden")
            message = (f"unknown field '{loc[-1]}'; did you mean '{meant[loc]}'?" if loc in meant
                       else _message(error, model, loc))
            problems.append(Problem(display, line, col, dotted(loc), message))
        return None, problems


# ---------------------------------------------------------------- cross-reference checks
#
# These run on the raw YAML, not on the models, so that a frame that fails validation does not
# hide the mistakes elsewhere in the file: every problem is reported in one run. Known ids come
# from the raw data too, so an invalid frame's id or crux is still known and never reported as
# missing. A place that pydantic already faulted is not reported a second time.


def items_under(node: Any, key: str) -> list[tuple[int, Any]]:
    """(index, mapping) for each mapping in the list under a key; nothing if the shape is wrong."""
    value = node.get(key) if isinstance(node, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def texts_under(node: Any, key: str) -> list[tuple[int, str]]:
    """(index, text) for each text in the list under a key."""
    value = node.get(key) if isinstance(node, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)] if isinstance(value, list) else []


def text_under(node: Any, key: str) -> str | None:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, str) else None


class CrossChecker:
    """Checks that need the whole file: unique ids, aliases, known targets, pages on disk."""

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

    def add(self, loc: tuple, message: str) -> None:
        path = dotted(loc)
        if path not in self.faulted:
            line, col = position(self.root, loc)
            self.problems.append(Problem(self.display, line, col, path, message))

    def line(self, loc: tuple) -> int:
        return position(self.root, loc)[0]

    def run(self, pages: dict[str, tuple[Path, str]]) -> list[Problem]:
        """All the checks; pages maps 'frames' and/or 'groups' to (folder of their pages, folder as shown)."""
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
        self._check_refs(cruxes, crux_aliases)
        self._check_retired({text_under(node, "id") for _, node, _ in cruxes if "ref" not in node}, crux_aliases)
        verdict = self.root.get("verdict")
        self._check_frame_ref(("verdict", "frame"), text_under(verdict, "frame"))
        for ri, reason in items_under(verdict, "reasons"):
            self._check_frame_ref(("verdict", "reasons", ri, "frame"), text_under(reason, "frame"))
        for kind, (folder, shown) in pages.items():
            self._check_pages(kind, folder, shown)
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

    def _check_frame_ref(self, loc: tuple, target: str | None) -> None:
        """A field that names a frame must name a live one."""
        if target is None or target in self.frame_ids:
            return
        if target in self.owner_aliases:
            self.add(loc, f"'{target}' is an old id of '{self.owner_aliases[target]}'; use the live id")
        elif not self.knock_on(target, self.broken_ids, self.frames_unknown):
            self.add(loc, f"no frame with id '{target}'{_suggest(target, self.frame_ids - self.broken_ids)}")

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
                    self.add(here, f"no crux with id '{ref}'{_suggest(ref, live - broken)}")
            elif ref in above:
                self.add(here, f"crux '{ref}' cannot rest on itself")
            elif ref in local[loc[:2]]:
                self.add(here, f"crux '{ref}' is already listed under this frame")

    def _check_pages(self, kind: str, pages_dir: Path, pages_display: str) -> None:
        """Every frame (or group) has its page, and every page in the folder its frame (or group)."""
        on_disk = {p.stem for p in pages_dir.glob("*.md") if p.stem != "index"} if pages_dir.is_dir() else set()
        known = self.frame_ids if kind == "frames" else self.group_ids
        noun = kind.removesuffix("s")
        for owner_kind, i, node in self.owners:
            oid = text_under(node, "id")
            if owner_kind == kind and oid is not None and oid not in on_disk and ID_PATTERN.match(oid):
                self.add((kind, i, "id"), f"no page for this {noun}; create {pages_display}/{oid}.md")
        for stem in sorted(on_disk - known):
            if self.knock_on(stem, self.broken_ids, self.frames_unknown):
                continue
            self.problems.append(
                Problem(f"{pages_display}/{stem}.md", 1, 1, "page",
                        f"no {noun} with id '{stem}' in {self.display}; add it there or remove the page")
            )


def _suggest(value: str, known: Any) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_glossary(glossary: GlossaryFile, raw: Any, display: str, frame_ids: set[str] | None) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for ti, term in enumerate(glossary.terms):
        if term.id in seen:
            loc = ("terms", ti, "id")
            problems.append(Problem(display, *position(raw, loc), dotted(loc), f"duplicate term id '{term.id}'"))
        seen.setdefault(term.id, ti)
        for fi, fid in enumerate(term.frames):
            if frame_ids is not None and fid not in frame_ids:
                loc = ("terms", ti, "frames", fi)
                problems.append(Problem(display, *position(raw, loc), dotted(loc),
                                        f"no frame with id '{fid}'{_suggest(fid, frame_ids)}"))
    return problems
