"""The site's data: pydantic models, loading with line numbers, cross-reference checks.

Nothing here imports MkDocs, so the data can be validated, tested and reused on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
)
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Text from the data goes into Jinja-rendered pages and HTML: neither syntax may hide in it.
FORBIDDEN_IN_TEXT = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|<\s*/?\s*[A-Za-z!][^\s>]*")


# ---------------------------------------------------------------- field types


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(
            f"'{value}' is not a valid id; use lowercase letters, digits and single hyphens, e.g. 'pointers-problem'"
        )
    return value


def _check_plain_text(value: str) -> str:
    if not value.strip():
        raise ValueError("text is empty")
    found = FORBIDDEN_IN_TEXT.search(value)
    if found:
        raise ValueError(
            f"plain text only: found '{found.group(0)}' (Jinja delimiters and HTML tags are not allowed here)"
        )
    return value


def _check_url(value: str) -> str:
    if not re.match(r"^https://[^\s<>\"]+$", value):
        raise ValueError(f"'{value}' is not an https:// address")
    return value


Id = Annotated[str, AfterValidator(_check_id)]
Text = Annotated[str, AfterValidator(_check_plain_text)]
Url = Annotated[str, AfterValidator(_check_url)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ---------------------------------------------------------------- models

# The typed relations between frames: (forward phrase, backward phrase).
LINK_TYPES: dict[str, tuple[str, str]] = {
    "explains-why-matters": ("explains why {target} matters", "{source} explains why this frame matters"),
    "special-case-of": ("is a special case of {target}", "{source} is a special case of this frame"),
    "fits-with": ("fits well with {target}", "{source} fits well with this frame"),
    "avoids": ("tries to sidestep {target}", "{source} tries to sidestep this frame's problem"),
    "in-tension-with": ("is in tension with {target}", "{source} is in tension with this frame"),
    "leads-to": ("can lead to {target}", "{source} can lead to this frame's problem"),
    "shares-ground-with": ("shares ground with {target}", "{source} shares ground with this frame"),
}
LinkType = Literal[
    "explains-why-matters",
    "special-case-of",
    "fits-with",
    "avoids",
    "in-tension-with",
    "leads-to",
    "shares-ground-with",
]
# How nested cruxes combine with their parent: the post says "because:" and "at least one of:".
JOINS = {
    "because": "because",
    "any_of": "at least one of",
    "all_of": "all of",
}


class CruxRef(Strict):
    """A crux defined elsewhere, relied on here too."""

    ref: Id


class Crux(Strict):
    """A statement that supports a frame; it may rest on nested cruxes."""

    id: Id
    text: Text
    aliases: list[Id] = []
    because: list["CruxItem"] | None = None
    any_of: list["CruxItem"] | None = None
    all_of: list["CruxItem"] | None = None

    @property
    def join(self) -> str | None:
        """The key under which the nested cruxes sit, if any."""
        return next((key for key in JOINS if getattr(self, key) is not None), None)

    @property
    def children(self) -> list["CruxItem"]:
        return getattr(self, self.join) if self.join else []


def _crux_kind(value: Any) -> str:
    if isinstance(value, CruxRef) or (isinstance(value, dict) and "ref" in value):
        return "crux-ref"
    return "crux-item"


CruxItem = Annotated[
    Union[Annotated[Crux, Tag("crux-item")], Annotated[CruxRef, Tag("crux-ref")]],
    Discriminator(_crux_kind),
]
Crux.model_rebuild()
# pydantic puts the union tag in error locations; they are not fields of the YAML.
UNION_TAGS = {"crux-item", "crux-ref"}


class Link(Strict):
    """A typed relation from one frame to another, with a short note."""

    to: Id
    type: LinkType
    note: Text


class Reading(Strict):
    """A published work worth reading next."""

    title: Text
    authors: Text
    year: int = Field(ge=1900, le=2100)
    url: Url


class Group(Strict):
    """A supra-frame: outer alignment, inner alignment, or the other frames."""

    id: Id
    title: Text
    thesis: Text
    cruxes: list[CruxItem] = []
    aliases: list[Id] = []


class Frame(Strict):
    """One answer to 'what is the core of the alignment problem?'."""

    id: Id
    title: Text
    group: Id
    also_in: list[Id] = []
    thesis: Text
    cruxes: list[CruxItem] = []
    no_cruxes_note: Text | None = None
    links: list[Link] = []
    reading: list[Reading] = []
    aliases: list[Id] = []


class VerdictReason(Strict):
    frame: Id
    text: Text


class Verdict(Strict):
    """The frame the post's conclusion picks, and why."""

    frame: Id
    summary: Text
    reasons: list[VerdictReason] = []


class Source(Strict):
    """The post this site explains."""

    title: Text
    authors: Text
    year: int
    url: Url
    program: Text


class FramesFile(Strict):
    """The whole of data/frames.yml."""

    schema_version: Literal[1]
    source: Source
    groups: list[Group]
    frames: list[Frame]
    verdict: Verdict


class Term(Strict):
    """A glossary entry."""

    id: Id
    term: Text
    abbr: Text | None = None
    definition: Text
    also_matches: list[Text] = []
    frames: list[Id] = []


class GlossaryFile(Strict):
    """The whole of data/glossary.yml."""

    terms: list[Term]


# ---------------------------------------------------------------- problems


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data file, with where it is."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


# ---------------------------------------------------------------- the loaded site


@dataclass
class CruxEntry:
    """A crux with where it sits: the frame or group that defines it, its parent and depth."""

    crux: Crux
    owner: str
    parent: str | None
    depth: int


@dataclass
class SiteData:
    """Validated data plus the indexes the pages need, computed once."""

    frames_file: FramesFile
    glossary: GlossaryFile
    frames: dict[str, Frame] = field(init=False)
    groups: dict[str, Group] = field(init=False)
    cruxes: dict[str, CruxEntry] = field(init=False)

    def __post_init__(self) -> None:
        self.frames = {f.id: f for f in self.frames_file.frames}
        self.groups = {g.id: g for g in self.frames_file.groups}
        self.cruxes = {}
        for owner in [*self.frames_file.groups, *self.frames_file.frames]:
            for item in owner.cruxes:
                self._index(item, owner.id, None, 0)

    def _index(self, item: Crux | CruxRef, owner: str, parent: str | None, depth: int) -> None:
        if isinstance(item, CruxRef):
            return
        self.cruxes[item.id] = CruxEntry(item, owner, parent, depth)
        for child in item.children:
            self._index(child, owner, item.id, depth + 1)

    @property
    def source(self) -> Source:
        return self.frames_file.source

    @property
    def verdict(self) -> Verdict:
        return self.frames_file.verdict

    def owner(self, owner_id: str) -> Frame | Group:
        """The frame or group with this id."""
        return self.frames.get(owner_id) or self.groups[owner_id]

    def frames_in(self, group_id: str) -> list[Frame]:
        """Frames whose primary or secondary group is this one, in data order."""
        return [f for f in self.frames.values() if f.group == group_id or group_id in f.also_in]

    @cached_property
    def relied_on_by(self) -> dict[str, list[str]]:
        """Crux id -> ids of the frames and groups that list it, its owner first."""
        users: dict[str, list[str]] = {cid: [entry.owner] for cid, entry in self.cruxes.items()}
        for owner in [*self.frames_file.groups, *self.frames_file.frames]:
            for ref in iter_refs(owner.cruxes):
                if owner.id not in users[ref.ref]:
                    users[ref.ref].append(owner.id)
        return users

    @cached_property
    def backlinks(self) -> dict[str, list[tuple[Frame, Link]]]:
        """Frame id -> (source frame, link) for every link that points at it."""
        result: dict[str, list[tuple[Frame, Link]]] = {fid: [] for fid in self.frames}
        for frame in self.frames.values():
            for link in frame.links:
                result[link.to].append((frame, link))
        return result


def iter_cruxes(items: list[Crux | CruxRef]) -> Iterator[Crux | CruxRef]:
    """Every crux and reference in a list, depth first."""
    for item in items:
        yield item
        if isinstance(item, Crux):
            yield from iter_cruxes(item.children)


def iter_refs(items: list[Crux | CruxRef]) -> Iterator[CruxRef]:
    return (item for item in iter_cruxes(items) if isinstance(item, CruxRef))


# ---------------------------------------------------------------- YAML with positions


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True  # duplicates are collected below, all at once
    return yaml


def _read_yaml(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Parse a YAML file, reporting a syntax error or every duplicate key with its position."""
    text = path.read_text(encoding="utf-8")
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            problems.append(
                Problem(display, number, indent.index("\t") + 1, "yaml", "tab used for indentation; indent with spaces")
            )
    if problems:
        return None, problems
    yaml = _yaml()
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "invalid YAML").strip()
        return None, [Problem(display, mark.line + 1, mark.column + 1, "yaml", f"syntax error: {what}")]
    problems.extend(_duplicate_keys(root, display))
    if problems:
        return None, problems
    return yaml.load(text), []


def _duplicate_keys(node: Any, display: str, path: str = "") -> Iterator[Problem]:
    """Every key that appears twice in one mapping of a composed YAML node tree."""
    if node is None:
        return
    if node.id == "mapping":
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            here = f"{path}.{name}" if path else name
            if name in seen:
                yield Problem(
                    display, key.start_mark.line + 1, key.start_mark.column + 1, here,
                    "duplicate key; each key may appear once in a mapping",
                )
            seen.add(name)
            yield from _duplicate_keys(value, display, here)
    elif node.id == "sequence":
        for index, value in enumerate(node.value):
            yield from _duplicate_keys(value, display, f"{path}[{index}]")


def _position(root: Any, loc: tuple, *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node that a pydantic error location names."""
    node, line, col = root, 1, 1
    if isinstance(root, (CommentedMap, CommentedSeq)):
        line, col = root.lc.line + 1, root.lc.col + 1
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, CommentedMap):
            if part in node:
                pos = node.lc.key(part) if (key and last) else node.lc.value(part)
                line, col = pos[0] + 1, pos[1] + 1
                node = node[part]
                continue
            if part in UNION_TAGS:
                continue
            break  # a missing field: point at the mapping that lacks it
        if isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            pos = node.lc.item(part)
            line, col = pos[0] + 1, pos[1] + 1
            node = node[part]
            continue
        break
    return line, col


def _dotted(loc: tuple) -> str:
    """A pydantic location as a field path: frames[2].cruxes[0].text."""
    out = ""
    for part in loc:
        if part in UNION_TAGS:
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _message(error: dict, model: type[BaseModel], loc: tuple) -> str:
    kind = error["type"]
    if kind == "missing":
        return "missing required field"
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


def _validate(model: type[BaseModel], data: Any, root: Any, display: str) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            line, col = _position(root, loc, key=error["type"] == "extra_forbidden")
            problems.append(Problem(display, line, col, _dotted(loc), _message(error, model, loc)))
        return None, problems


# ---------------------------------------------------------------- cross-reference checks


class _Checker:
    """Checks that need the whole file: unique ids, known targets, pages on disk."""

    def __init__(self, data: FramesFile, root: CommentedMap, display: str):
        self.data, self.root, self.display = data, root, display
        self.problems: list[Problem] = []

    def add(self, loc: tuple, message: str, *, key: bool = False) -> None:
        line, col = _position(self.root, loc, key=key)
        self.problems.append(Problem(self.display, line, col, _dotted(loc), message))

    def run(self, pages_dir: Path | None, pages_display: str) -> list[Problem]:
        owners = self._owner_ids()
        cruxes = self._crux_ids(owners)
        group_ids = {g.id for g in self.data.groups}
        frame_ids = {f.id for f in self.data.frames}
        for fi, frame in enumerate(self.data.frames):
            base = ("frames", fi)
            if frame.group not in group_ids:
                self.add((*base, "group"), f"unknown group '{frame.group}'; expected one of: {', '.join(sorted(group_ids))}")
            for gi, gid in enumerate(frame.also_in):
                if gid not in group_ids:
                    self.add((*base, "also_in", gi), f"unknown group '{gid}'; expected one of: {', '.join(sorted(group_ids))}")
                elif gid == frame.group:
                    self.add((*base, "also_in", gi), f"'{gid}' is already this frame's primary group")
            for li, link in enumerate(frame.links):
                if link.to == frame.id:
                    self.add((*base, "links", li, "to"), "a frame cannot link to itself")
                elif link.to not in frame_ids:
                    self.add((*base, "links", li, "to"), f"no frame with id '{link.to}'{_suggest(link.to, frame_ids)}")
            if frame.cruxes and frame.no_cruxes_note:
                self.add((*base, "no_cruxes_note"), "a frame with cruxes cannot also have a note saying it has none")
        self._check_refs(cruxes)
        verdict = self.data.verdict
        if verdict.frame not in frame_ids:
            self.add(("verdict", "frame"), f"no frame with id '{verdict.frame}'{_suggest(verdict.frame, frame_ids)}")
        for ri, reason in enumerate(verdict.reasons):
            if reason.frame not in frame_ids:
                self.add(("verdict", "reasons", ri, "frame"), f"no frame with id '{reason.frame}'{_suggest(reason.frame, frame_ids)}")
        if pages_dir is not None:
            self._check_pages(pages_dir, pages_display)
        return self.problems

    def _owner_ids(self) -> dict[str, tuple]:
        """Ids of groups and frames (they share one namespace), plus their aliases."""
        seen: dict[str, tuple] = {}
        for kind, items in (("groups", self.data.groups), ("frames", self.data.frames)):
            for i, item in enumerate(items):
                if item.id in seen:
                    self.add((kind, i, "id"), f"duplicate id '{item.id}' (first used at line {_position(self.root, seen[item.id])[0]})")
                else:
                    seen[item.id] = (kind, i, "id")
        for kind, items in (("groups", self.data.groups), ("frames", self.data.frames)):
            for i, item in enumerate(items):
                for ai, alias in enumerate(item.aliases):
                    if alias in seen:
                        self.add((kind, i, "aliases", ai), f"alias '{alias}' collides with a live or earlier id")
                    else:
                        seen[alias] = (kind, i, "aliases", ai)
        return seen

    def _crux_ids(self, owners: dict[str, tuple]) -> dict[str, tuple]:
        """Every crux id (and alias) with its location; duplicates are reported."""
        seen: dict[str, tuple] = {}
        aliases: list[tuple[str, tuple]] = []

        def walk(items: list, loc: tuple) -> None:
            for i, item in enumerate(items):
                here = (*loc, i)
                if isinstance(item, CruxRef):
                    continue
                if item.id in seen:
                    self.add((*here, "id"), f"duplicate crux id '{item.id}' (first used at line {_position(self.root, seen[item.id])[0]})")
                else:
                    seen[item.id] = (*here, "id")
                aliases.extend((alias, (*here, "aliases", ai)) for ai, alias in enumerate(item.aliases))
                if item.join:
                    walk(item.children, (*here, item.join))

        for kind, items in (("groups", self.data.groups), ("frames", self.data.frames)):
            for i, item in enumerate(items):
                walk(item.cruxes, (kind, i, "cruxes"))
        for alias, loc in aliases:
            if alias in seen:
                self.add(loc, f"alias '{alias}' collides with a live or earlier crux id")
            else:
                seen[alias] = loc
        self._alias_names = {alias for alias, _ in aliases}
        return seen

    def _check_refs(self, cruxes: dict[str, tuple]) -> None:
        def walk(items: list, loc: tuple, ancestors: set[str], local: set[str]) -> None:
            for i, item in enumerate(items):
                here = (*loc, i)
                if isinstance(item, CruxRef):
                    if item.ref not in cruxes or item.ref in self._alias_names:
                        live = [c for c in cruxes if c not in self._alias_names]
                        self.add((*here, "ref"), f"no crux with id '{item.ref}'{_suggest(item.ref, live)}")
                    elif item.ref in ancestors:
                        self.add((*here, "ref"), f"crux '{item.ref}' cannot rest on itself")
                    elif item.ref in local:
                        self.add((*here, "ref"), f"crux '{item.ref}' is already listed under this frame")
                    continue
                if item.join:
                    walk(item.children, (*here, item.join), ancestors | {item.id}, local)

        for kind, items in (("groups", self.data.groups), ("frames", self.data.frames)):
            for i, owner in enumerate(items):
                local = {c.id for c in iter_cruxes(owner.cruxes) if isinstance(c, Crux)}
                walk(owner.cruxes, (kind, i, "cruxes"), set(), local)

    def _check_pages(self, pages_dir: Path, pages_display: str) -> None:
        on_disk = {p.stem for p in pages_dir.glob("*.md") if p.stem != "index"}
        for fi, frame in enumerate(self.data.frames):
            if frame.id not in on_disk:
                self.add(("frames", fi, "id"), f"no page for this frame; create {pages_display}/{frame.id}.md")
        frame_ids = {f.id for f in self.data.frames}
        for stem in sorted(on_disk - frame_ids):
            self.problems.append(
                Problem(f"{pages_display}/{stem}.md", 1, 1, "page",
                        f"no frame with id '{stem}' in {self.display}; add it there or remove the page")
            )


def _suggest(value: str, known: Any) -> str:
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---------------------------------------------------------------- entry point


def load(
    frames_path: Path,
    glossary_path: Path | None = None,
    *,
    pages_dir: Path | None = None,
    root: Path | None = None,
) -> SiteData:
    """Load and check the data files; raise DataError listing every problem found."""
    root = root or frames_path.parent.parent

    def shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    problems: list[Problem] = []
    display = shown(frames_path)
    raw, found = _read_yaml(frames_path, display)
    problems.extend(found)
    frames_file = None
    if raw is not None:
        frames_file, found = _validate(FramesFile, raw, raw, display)
        problems.extend(found)
        if frames_file is not None:
            pages_display = shown(pages_dir) if pages_dir else ""
            problems.extend(_Checker(frames_file, raw, display).run(pages_dir, pages_display))

    glossary = GlossaryFile(terms=[])
    if glossary_path is not None:
        gdisplay = shown(glossary_path)
        graw, found = _read_yaml(glossary_path, gdisplay)
        problems.extend(found)
        if graw is not None:
            checked, found = _validate(GlossaryFile, graw, graw, gdisplay)
            problems.extend(found)
            if checked is not None:
                glossary = checked
                problems.extend(_check_glossary(glossary, graw, gdisplay, frames_file))

    if problems:
        raise DataError(problems)
    assert frames_file is not None
    return SiteData(frames_file, glossary)


def _check_glossary(glossary: GlossaryFile, raw: Any, display: str, frames_file: FramesFile | None) -> list[Problem]:
    problems = []
    frame_ids = {f.id for f in frames_file.frames} if frames_file else set()
    seen: dict[str, int] = {}
    for ti, term in enumerate(glossary.terms):
        if term.id in seen:
            loc = ("terms", ti, "id")
            problems.append(Problem(display, *_position(raw, loc), _dotted(loc), f"duplicate term id '{term.id}'"))
        seen.setdefault(term.id, ti)
        for fi, fid in enumerate(term.frames):
            if frames_file and fid not in frame_ids:
                loc = ("terms", ti, "frames", fi)
                problems.append(Problem(display, *_position(raw, loc), _dotted(loc),
                                        f"no frame with id '{fid}'{_suggest(fid, frame_ids)}"))
    return problems
