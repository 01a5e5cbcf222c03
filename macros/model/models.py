"""The shape of data/frames.yml and data/glossary.yml as pydantic models, and the vocabularies they use."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NamedTuple, Union

from pydantic import ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

# ID_PATTERN and the field types are also this module's: data checks name them from here.
from .field_types import ID_PATTERN, Id, NonEmpty, Strict, Text, Url  # noqa: F401

SCHEMA_VERSION = 1


class LinkKind(NamedTuple):
    """How a typed link reads from its source page and from its target page."""

    forward: str  # "explains why {target} matters"
    backward: str  # "{source} explains why this frame matters"


# The typed relations between frames; the schema's list of allowed types is made from these keys.
LINK_TYPES: dict[str, LinkKind] = {
    "explains-why-matters": LinkKind("explains why {target} matters", "{source} explains why this frame matters"),
    "special-case-of": LinkKind("is a special case of {target}", "{source} is a special case of this frame"),
    "fits-with": LinkKind("fits well with {target}", "{source} fits well with this frame"),
    "avoids": LinkKind("tries to sidestep {target}", "{source} tries to sidestep this frame's problem"),
    "in-tension-with": LinkKind("is in tension with {target}", "{source} is in tension with this frame"),
    "leads-to": LinkKind("can lead to {target}", "{source} can lead to this frame's problem"),
    "shares-ground-with": LinkKind("shares ground with {target}", "{source} shares ground with this frame"),
}
LinkType = Literal[tuple(LINK_TYPES)]  # type: ignore[valid-type]


class Join(NamedTuple):
    """How nested cruxes combine with their parent: the post says "because:" and "at least one of:"."""

    phrase: str  # in a crux table: "because", "at least one of"
    heading: str  # over the nested list in the explorer and the stance page
    derived: bool  # the parent holds only through its nested cruxes (the stance page scores it so)


# The keys are also the field names of Crux under which nested cruxes sit.
JOINS: dict[str, Join] = {
    "because": Join("because", "Reasons given", derived=False),
    "any_of": Join("at least one of", "At least one of", derived=True),
    "all_of": Join("all of", "All of", derived=True),
}


TWO_JOINS = "two_joins"  # the error type of a crux that lists its nested cruxes under two joins
# Editors flag it too: no two join keys in one crux.
_ONE_JOIN_SCHEMA = {"not": {"anyOf": [{"required": [a, b]} for i, a in enumerate(JOINS) for b in list(JOINS)[i + 1:]]}}


class CruxRef(Strict):
    """A crux defined elsewhere, relied on here too."""

    ref: Id
    """The id of a crux defined under another frame or group."""


class Crux(Strict):
    """A statement that supports a frame; it may rest on nested cruxes."""

    model_config = ConfigDict(**Strict.model_config, json_schema_extra=_ONE_JOIN_SCHEMA)

    id: Id
    """Permanent anchor of the crux (#crux-<id>): never change it without keeping the old one in aliases."""
    text: Text
    """The crux in the site's own words, plain text."""
    aliases: list[Id] = []
    """Old ids of this crux; their anchors still land on it."""
    because: NonEmpty[list["CruxItem"]] | None = None
    """Nested cruxes that all explain this one."""
    any_of: NonEmpty[list["CruxItem"]] | None = None
    """Nested cruxes of which at least one must hold."""
    all_of: NonEmpty[list["CruxItem"]] | None = None
    """Nested cruxes that must all hold."""

    @model_validator(mode="after")
    def _one_join(self) -> "Crux":
        # Two lists would be two claims about how the nested cruxes combine; `join` could show only one.
        used = [key for key in JOINS if getattr(self, key) is not None]
        if len(used) > 1:
            raise PydanticCustomError(TWO_JOINS, "a crux joins its nested cruxes one way; it lists both {first} and "
                                                 "{second}", {"first": used[0], "second": used[1]})
        return self

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


SUMMARY_MAX = 100  # characters: one line of the home page's overview at 1280 px


class Group(Strict):
    """A supra-frame: outer alignment, inner alignment, or the other frames."""

    id: Id
    """Permanent address of the group page (/groups/<id>/)."""
    title: Text
    thesis: Text
    """The group's central claim in one or two sentences, plain text."""
    hedges: list[Text] = []
    """The post's qualifiers on the claim ('may'); the thesis must keep each, in any longer form, and so must the page."""
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
    """Ids of further groups this site lists the frame under (the post files it under `group` only); pages say so."""
    thesis: Text
    """The frame's central claim in one or two sentences, in the site's own words."""
    summary: Annotated[Text, Field(max_length=SUMMARY_MAX)] | None = None
    """The thesis in one line, for the overview on the home page; without it the home page shows the thesis."""
    hedges: list[Text] = []
    """The post's qualifiers on the claim ('hope' also matches 'hoped'): thesis, summary and page must each keep them."""
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
    hedges: list[Text] = []
    """The post's qualifiers on the pick ('think'); the summary must keep each, in any longer form."""
    reasons: list[VerdictReason] = []


class Source(Strict):
    """The post this site explains."""

    title: Text
    authors: Text
    year: int
    url: Url
    program: Text


class RetiredCrux(Strict):
    """A crux taken off the site after an edition: its address then says why (a merged crux is an alias instead)."""

    id: Id
    """The id the crux had; its address, /cruxes/<id>/, shows this reason and its last edition's words."""
    reason: Text
    """Why it was dropped, in a sentence."""


class FramesFile(Strict):
    """The whole of data/frames.yml."""

    schema_version: Literal[1]
    """The version of this file's shape; 1 for now."""
    source: Source
    groups: NonEmpty[list[Group]]
    frames: NonEmpty[list[Frame]]
    verdict: Verdict
    retired_cruxes: list[RetiredCrux] = []
    """Cruxes taken off the site, each with the reason its address gives."""


class Term(Strict):
    """A glossary entry."""

    id: Id
    term: Text
    abbr: Text | None = None
    definition: Text
    also_called: list[Text] = []
    """Other names the field uses for the same thing ('reward tampering'): shown on the entry, found by search."""
    also_matches: list[Text] = []
    """Other spellings of the term in running text (plurals, hyphenations) that get its tooltip."""
    frames: list[Id] = []


class GlossaryFile(Strict):
    """The whole of data/glossary.yml."""

    terms: NonEmpty[list[Term]]

