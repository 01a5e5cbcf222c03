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
    WithJsonSchema,
)
import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_PATTERN = re.compile(r'^https://[^\s<>"]+$')
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
    if not URL_PATTERN.match(value):
        raise ValueError(f"'{value}' is not an https:// address")
    return value


# The JSON Schema says the same as the validators, so editors flag a mistake while it is typed.
Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN.pattern})]
Text = Annotated[str, AfterValidator(_check_plain_text), WithJsonSchema(
    {"type": "string", "pattern": rf"^(?![\s\S]*(?:{FORBIDDEN_IN_TEXT.pattern}))[\s\S]*\S"})]
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "pattern": URL_PATTERN.pattern})]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True)


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
    """The id of a crux defined under another frame or group."""


class Crux(Strict):
    """A statement that supports a frame; it may rest on nested cruxes."""

    id: Id
    """Permanent anchor of the crux (#crux-<id>): never change it without keeping the old one in aliases."""
    text: Text
    """The crux in the site's own words, plain text."""
    aliases: list[Id] = []
    """Old ids of this crux; their anchors still land on it."""
    because: list["CruxItem"] | None = None
    """Nested cruxes that all explain this one."""
    any_of: list["CruxItem"] | None = None
    """Nested cruxes of which at least one must hold."""
    all_of: list["CruxItem"] | None = None
    """Nested cruxes that must all hold."""

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
    """The id of the frame this one relates to."""
    type: LinkType
    """The kind of relation."""
    note: Text
    """One sentence saying where the relation comes from (the post, or the site's reading)."""
    basis: Literal["post", "reading"]
    """'post' if the post states the link, 'reading' if the site infers it (shown as "(our reading)")."""


class Reading(Strict):
    """A published work worth reading next."""

    title: Text
    authors: Text
    year: int = Field(ge=1900, le=2100)
    url: Url
    """Where to read it (https)."""


class Group(Strict):
    """A supra-frame: outer alignment, inner alignment, or the other frames."""

    id: Id
    """Permanent address of the group page (/groups/<id>/)."""
    title: Text
    thesis: Text
    """The group's central claim in one or two sentences, plain text."""
    cruxes: list[CruxItem] = []
    """Cruxes shared by the whole group."""
    aliases: list[Id] = []
    """Old ids of this group; each becomes a redirect to its page."""


class Frame(Strict):
    """One answer to 'what is the core of the alignment problem?'."""

    id: Id
    """Permanent address of the frame page (/frames/<id>/); its page is docs/frames/<id>.md."""
    title: Text
    group: Id
    """The id of the frame's group: outer, inner or other."""
    also_in: list[Id] = []
    """Ids of further groups the frame belongs to."""
    thesis: Text
    """The frame's central claim in one or two sentences, in the site's own words."""
    cruxes: list[CruxItem] = []
    """What the frame rests on: new cruxes, or {ref: <id>} for a crux defined elsewhere."""
    no_cruxes_note: Text | None = None
    """Why the frame lists no cruxes (only for a frame without cruxes)."""
    links: list[Link] = []
    """Typed relations to other frames."""
    reading: list[Reading] = []
    """Published works worth reading next."""
    aliases: list[Id] = []
    """Old ids of this frame; each becomes a redirect to its page."""

    @property
    def group_ids(self) -> tuple[str, ...]:
        """Every group the frame belongs to, its primary group first."""
        return (self.group, *self.also_in)


class VerdictReason(Strict):
    """One reason the conclusion gives, about one frame."""

    frame: Id
    text: Text


class Verdict(Strict):
    """The frame the post's conclusion picks, and why."""

    frame: Id
    """The id of the frame the conclusion picks."""
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
    """The version of this file's shape; 1 for now."""
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
    data_file: str = "data/frames.yml"
    """The data file as shown to contributors, relative to the project."""
    entry_lines: dict[str, int] = field(default_factory=dict)
    """Frame or group id -> the line of its '- id:' entry in the data file."""
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

    def frames_in(self, group_id: str) -> tuple[Frame, ...]:
        """Frames whose primary or secondary group is this one, in data order."""
        return self._frames_by_group.get(group_id, ())

    @cached_property
    def _frames_by_group(self) -> dict[str, tuple[Frame, ...]]:
        # Every page's taxonomy asks for each group's frames: one pass over the frames serves them all.
        members: dict[str, list[Frame]] = {}
        for frame in self.frames.values():
            for group_id in dict.fromkeys(frame.group_ids):
                members.setdefault(group_id, []).append(frame)
        return {group_id: tuple(frames) for group_id, frames in members.items()}

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
    def owner_aliases(self) -> dict[str, str]:
        """Old id -> live id, for every alias of a frame or group."""
        owners = [*self.frames_file.groups, *self.frames_file.frames]
        return {alias: owner.id for owner in owners for alias in owner.aliases}

    @cached_property
    def crux_aliases(self) -> dict[str, str]:
        """Old id -> live id, for every alias of a crux."""
        return {alias: cid for cid, entry in self.cruxes.items() for alias in entry.crux.aliases}

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


def _read_yaml(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Parse a YAML file, reporting tabs, a syntax error or every duplicate key with its position."""
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
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "invalid YAML").strip()
        return None, [Problem(display, mark.line + 1, mark.column + 1, "yaml", f"syntax error: {what}")]
    problems.extend(_duplicate_keys(root, display))
    # An empty file is an empty mapping, so each missing section is named.
    return (CommentedMap() if root is None else _construct(root)), problems


# PyYAML's C parser (libyaml) is ~30 times faster than a pure-Python one, and its nodes carry
# line and column. The data is rebuilt as ruamel's position-aware containers for the checks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.SafeLoader("")


def _construct(node: Any) -> Any:
    """Plain data from a composed node: mappings and sequences remember where each item stood."""
    if isinstance(node, yaml.MappingNode):
        out = CommentedMap()
        out._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for key_node, value_node in node.value:
            key = _construct(key_node)
            if key in out:
                continue  # a duplicate key, already reported; the first value is kept
            out[key] = _construct(value_node)
            out._yaml_set_kv_line_col(key, [key_node.start_mark.line, key_node.start_mark.column,
                                            value_node.start_mark.line, value_node.start_mark.column])
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = CommentedSeq()
        seq._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for index, item in enumerate(node.value):
            seq.append(_construct(item))
            seq._yaml_set_idx_line_col(index, [item.start_mark.line, item.start_mark.column])
        return seq
    return _scalars.construct_object(node)


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
    if isinstance(root, (CommentedMap, CommentedSeq)) and root.lc.line is not None:
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
#
# These run on the raw YAML, not on the models, so that a frame that fails validation does not
# hide the mistakes elsewhere in the file: every problem is reported in one run. Known ids come
# from the raw data too, so an invalid frame's id or crux is still known and never reported as
# missing. A place that pydantic already faulted is not reported a second time.


def _items(node: Any, key: str) -> list[tuple[int, Any]]:
    """(index, mapping) for each mapping in the list under a key; nothing if the shape is wrong."""
    value = node.get(key) if isinstance(node, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _texts(node: Any, key: str) -> list[tuple[int, str]]:
    """(index, text) for each text in the list under a key."""
    value = node.get(key) if isinstance(node, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)] if isinstance(value, list) else []


def _text(node: Any, key: str) -> str | None:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, str) else None


class _Checker:
    """Checks that need the whole file: unique ids, aliases, known targets, pages on disk."""

    def __init__(self, root: Any, display: str, faulted: set[str]):
        self.root, self.display, self.faulted = root, display, faulted
        self.problems: list[Problem] = []
        self.owners = [(kind, i, node) for kind in ("groups", "frames") for i, node in _items(root, kind)]
        self.group_ids = {gid for kind, _, node in self.owners if kind == "groups" and (gid := _text(node, "id"))}
        self.frame_ids = {fid for kind, _, node in self.owners if kind == "frames" and (fid := _text(node, "id"))}

    def add(self, loc: tuple, message: str) -> None:
        path = _dotted(loc)
        if path not in self.faulted:
            line, col = _position(self.root, loc)
            self.problems.append(Problem(self.display, line, col, path, message))

    def line(self, loc: tuple) -> int:
        return _position(self.root, loc)[0]

    def run(self, pages_dir: Path | None, pages_display: str) -> list[Problem]:
        self.owner_aliases = self._unique(
            [((kind, i, "id"), _text(node, "id")) for kind, i, node in self.owners],
            [((kind, i, "aliases", ai), alias) for kind, i, node in self.owners for ai, alias in _texts(node, "aliases")],
            "",
        )
        cruxes = list(self._crux_nodes())
        crux_aliases = self._unique(
            [((*loc, "id"), _text(node, "id")) for loc, node, _ in cruxes if "ref" not in node],
            [((*loc, "aliases", ai), alias) for loc, node, _ in cruxes for ai, alias in _texts(node, "aliases")],
            "crux ",
        )
        self._check_frames()
        self._check_refs(cruxes, crux_aliases)
        verdict = self.root.get("verdict")
        self._check_frame_ref(("verdict", "frame"), _text(verdict, "frame"))
        for ri, reason in _items(verdict, "reasons"):
            self._check_frame_ref(("verdict", "reasons", ri, "frame"), _text(reason, "frame"))
        if pages_dir is not None:
            self._check_pages(pages_dir, pages_display)
        return self.problems

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
        return {alias: _text(self._node(loc[:-2]), "id") or "" for alias, loc in retired.items()}

    def _node(self, loc: tuple) -> Any:
        node = self.root
        for part in loc:
            node = node[part]
        return node

    def _crux_nodes(self) -> Iterator[tuple[tuple, Any, tuple[str, ...]]]:
        """(location, mapping, ids of the cruxes above it) for every crux and reference, depth first."""
        def walk(parent: Any, key: str, loc: tuple, above: tuple[str, ...]) -> Iterator:
            for i, node in _items(parent, key):
                here = (*loc, key, i)
                yield here, node, above
                own = _text(node, "id")
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
            group = _text(frame, "group")
            if group is not None and group not in self.group_ids:
                self.add((*base, "group"), f"unknown group '{group}'; expected one of: {expected}")
            for gi, gid in _texts(frame, "also_in"):
                if gid not in self.group_ids:
                    self.add((*base, "also_in", gi), f"unknown group '{gid}'; expected one of: {expected}")
                elif gid == group:
                    self.add((*base, "also_in", gi), f"'{gid}' is already this frame's primary group")
            for li, link in _items(frame, "links"):
                target = _text(link, "to")
                if target is not None and target == _text(frame, "id"):
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
        else:
            self.add(loc, f"no frame with id '{target}'{_suggest(target, self.frame_ids)}")

    def _check_refs(self, cruxes: list, crux_aliases: dict[str, str]) -> None:
        live = {_text(node, "id") for _, node, _ in cruxes} - {None}
        # Ids defined under each frame or group, keyed by its location.
        local: dict[tuple, set[str | None]] = {}
        for loc, node, _ in cruxes:
            local.setdefault(loc[:2], set()).add(_text(node, "id"))
        for loc, node, above in cruxes:
            ref = _text(node, "ref")
            if ref is None:
                continue
            here = (*loc, "ref")
            if ref in crux_aliases:
                self.add(here, f"'{ref}' is an old id of crux '{crux_aliases[ref]}'; use the live id")
            elif ref not in live:
                self.add(here, f"no crux with id '{ref}'{_suggest(ref, live)}")
            elif ref in above:
                self.add(here, f"crux '{ref}' cannot rest on itself")
            elif ref in local[loc[:2]]:
                self.add(here, f"crux '{ref}' is already listed under this frame")

    def _check_pages(self, pages_dir: Path, pages_display: str) -> None:
        on_disk = {p.stem for p in pages_dir.glob("*.md") if p.stem != "index"}
        for kind, i, frame in self.owners:
            fid = _text(frame, "id")
            if kind == "frames" and fid is not None and fid not in on_disk:
                self.add(("frames", i, "id"), f"no page for this frame; create {pages_display}/{fid}.md")
        for stem in sorted(on_disk - self.frame_ids):
            self.problems.append(
                Problem(f"{pages_display}/{stem}.md", 1, 1, "page",
                        f"no frame with id '{stem}' in {self.display}; add it there or remove the page")
            )


def _suggest(value: str, known: Any) -> str:
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---------------------------------------------------------------- JSON Schema for editors


def json_schema() -> dict:
    """The JSON Schema of data/frames.yml, generated from the models (committed as data/frames.schema.json)."""
    schema = FramesFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "data/frames.yml",
        "description": "Groups, frames, cruxes, links and the verdict of the site. Generated from macros/model.py "
                       "by `python -m macros.cli schema`; do not edit by hand.",
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


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
    frame_ids: set[str] | None = None
    if raw is not None:
        frames_file, found = _validate(FramesFile, raw, raw, display)
        problems.extend(found)
        if isinstance(raw, dict):
            checker = _Checker(raw, display, {p.path for p in found})
            problems.extend(checker.run(pages_dir, shown(pages_dir) if pages_dir else ""))
            frame_ids = checker.frame_ids

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
                problems.extend(_check_glossary(glossary, graw, gdisplay, frame_ids))

    if problems:
        raise DataError(problems)
    assert frames_file is not None
    lines = {
        _text(node, "id"): raw[kind].lc.item(i)[0] + 1
        for kind in ("groups", "frames") for i, node in _items(raw, kind)
    }
    return SiteData(frames_file, glossary, data_file=display, entry_lines=lines)


def _check_glossary(glossary: GlossaryFile, raw: Any, display: str, frame_ids: set[str] | None) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for ti, term in enumerate(glossary.terms):
        if term.id in seen:
            loc = ("terms", ti, "id")
            problems.append(Problem(display, *_position(raw, loc), _dotted(loc), f"duplicate term id '{term.id}'"))
        seen.setdefault(term.id, ti)
        for fi, fid in enumerate(term.frames):
            if frame_ids is not None and fid not in frame_ids:
                loc = ("terms", ti, "frames", fi)
                problems.append(Problem(display, *_position(raw, loc), _dotted(loc),
                                        f"no frame with id '{fid}'{_suggest(fid, frame_ids)}"))
    return problems
