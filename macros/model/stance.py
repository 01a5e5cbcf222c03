"""The scoring rule of the "Where do you stand?" page, in Python; docs/assets/js/stance.js runs the same rule.

The rule, as the page explains it to readers:
- Each crux is agreed, unsure (the default) or disagreed.
- A crux whose nested cruxes are joined by `any_of` or `all_of` has no answer of its own: it is
  agreed if at least one (any_of) or every (all_of) nested crux is agreed, disagreed if every
  (any_of) or at least one (all_of) nested crux is disagreed, and unsure otherwise.
- A crux given with reasons (`because`) is a claim of its own: the reader's answer counts. Left at
  unsure, it takes its value from its reasons as `any_of` does, since each reason supports it.
- A frame's support is its top-level cruxes, shared ones included (a crux counts for every frame
  or group that lists it). Its score is agreed minus disagreed, over the number of cruxes.
- Frames rank by that score, then by the share agreed, then in the order of the data. A frame
  is favoured when more of its cruxes are agreed than disagreed, undercut when the reverse.
Groups are scored the same way, on the general cruxes the post gives for the group.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .models import JOINS, CruxRef
from .site import SiteData

AGREE, UNSURE, DISAGREE = "agree", "unsure", "disagree"
ANSWERS = (AGREE, UNSURE, DISAGREE)
_RANK = {DISAGREE: 0, UNSURE: 1, AGREE: 2}
# Joins whose parent is answered only through its nested cruxes.
DERIVED_JOINS = tuple(key for key, join in JOINS.items() if join.derived)


@dataclass(frozen=True)
class Score:
    """How a reader's answers bear on one frame or group."""

    id: str
    kind: str  # "frame" or "group"
    agreed: int
    disagreed: int
    total: int

    @property
    def verdict(self) -> str:
        """favoured, undercut, open (as many for as against), or no-cruxes."""
        if not self.total:
            return "no-cruxes"
        if self.agreed > self.disagreed:
            return "favoured"
        if self.disagreed > self.agreed:
            return "undercut"
        return "open"


def _item_id(item) -> str:
    return item.ref if isinstance(item, CruxRef) else item.id


def answerable(data: SiteData, crux_id: str) -> bool:
    """Whether the reader answers this crux directly (not a mere 'at least one of' / 'all of' list)."""
    return data.cruxes[crux_id].crux.join not in DERIVED_JOINS


def crux_value(data: SiteData, crux_id: str, answers: dict[str, str]) -> str:
    """agree, unsure or disagree for one crux, nested cruxes included, under the rule above."""
    crux = data.cruxes[crux_id].crux
    nested = [crux_value(data, _item_id(child), answers) for child in crux.children]
    if crux.join == "any_of":
        return max(nested, key=_RANK.__getitem__)
    if crux.join == "all_of":
        return min(nested, key=_RANK.__getitem__)
    own = answers.get(crux_id, UNSURE)
    if crux.join == "because" and own == UNSURE:
        return max(nested, key=_RANK.__getitem__)
    return own


def clean_answers(data: SiteData, answers: dict[str, str]) -> dict[str, str]:
    """Answers keyed by live crux id: aliases resolved, unknown ids and values dropped."""
    aliases = crux_aliases(data)
    cleaned = {}
    for crux_id, answer in answers.items():
        crux_id = aliases.get(crux_id, crux_id)
        if crux_id in data.cruxes and answerable(data, crux_id) and answer in ANSWERS:
            cleaned[crux_id] = answer
    return cleaned


def crux_aliases(data: SiteData) -> dict[str, str]:
    """Old crux id -> live crux id."""
    return {alias: cid for cid, entry in data.cruxes.items() for alias in entry.crux.aliases}


def stance_scores(data: SiteData, answers: dict[str, str]) -> list[Score]:
    """Every group and frame scored against the answers, best supported first (no-crux ones last)."""
    answers = clean_answers(data, answers)
    owners = [*data.frames_file.groups, *data.frames_file.frames]
    scores = []
    for owner in owners:
        values = [crux_value(data, _item_id(item), answers) for item in owner.cruxes]
        scores.append(Score(
            id=owner.id,
            kind="group" if owner.id in data.groups else "frame",
            agreed=values.count(AGREE),
            disagreed=values.count(DISAGREE),
            total=len(values),
        ))
    order = {score.id: index for index, score in enumerate(scores)}

    def rank(score: Score) -> tuple:
        if not score.total:
            return (1, 0, 0, order[score.id])
        net = Fraction(score.agreed - score.disagreed, score.total)
        return (0, -net, -Fraction(score.agreed, score.total), order[score.id])

    return sorted(scores, key=rank)


def stance_structure(data: SiteData) -> dict:
    """What stance.js needs to score answers, as plain JSON-ready data."""
    return {
        # JSON objects come out with sorted keys; this keeps the data's order (the address lists ids in it).
        "order": list(data.cruxes),
        "cruxes": {
            cid: {
                "join": entry.crux.join,
                "children": [_item_id(child) for child in entry.crux.children],
                "answerable": answerable(data, cid),
            }
            for cid, entry in data.cruxes.items()
        },
        "owners": [
            {
                "id": owner.id,
                "kind": "group" if owner.id in data.groups else "frame",
                "title": owner.title,
                "cruxes": [_item_id(item) for item in owner.cruxes],
            }
            for owner in [*data.frames_file.groups, *data.frames_file.frames]
        ],
        "aliases": crux_aliases(data),
    }


def _join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def answered_count(data: SiteData, answers: dict[str, str]) -> tuple[int, int]:
    """(cruxes agreed or disagreed, cruxes a reader can answer)."""
    answers = clean_answers(data, answers)
    answerable_ids = [cid for cid in data.cruxes if answerable(data, cid)]
    return sum(answers.get(cid, UNSURE) != UNSURE for cid in answerable_ids), len(answerable_ids)


def stance_summary(data: SiteData, answers: dict[str, str]) -> str:
    """The sentence above the ranking; stance.js writes the same sentence."""
    answered, total = answered_count(data, answers)
    if not answered:
        return f"No answers yet: all {total} cruxes stand at unsure, so your answers favour no frame and undercut none."
    frames = [s for s in stance_scores(data, answers) if s.kind == "frame"]
    favoured = [data.frames[s.id].title for s in frames if s.verdict == "favoured"]
    undercut = [data.frames[s.id].title for s in frames if s.verdict == "undercut"]
    return (
        f"You have answered {answered} of {total} cruxes. "
        f"Your answers favour {_join_names(favoured) if favoured else 'no frame'}; "
        f"they undercut {_join_names(undercut) if undercut else 'none'}."
    )
