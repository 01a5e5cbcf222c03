"""Structure that validates field by field but would make a broken or absurd page: refused, not rendered."""

from __future__ import annotations

import re
from typing import Any, Iterator

from stop_words import get_stop_words

from .models import Crux, CruxRef, FramesFile, GlossaryFile
from .problems import Problem
from .yaml_positions import dotted, position

# A title or term must hold a word: two letters in a row, in any script.
_WORD = re.compile(r"[^\W\d_]{2,}")
# Single words too common to be glossary terms: each would put a tooltip on most sentences of a page.
COMMON_WORDS = frozenset(get_stop_words("en"))


class Structure:
    """Checks on the validated data, each problem placed on its YAML node."""

    def __init__(self, raw: Any, display: str):
        self.raw, self.display = raw, display
        self.problems: list[Problem] = []

    def add(self, loc: tuple, message: str) -> None:
        self.problems.append(Problem(self.display, *position(self.raw, loc), dotted(loc), message))

    def line(self, loc: tuple) -> int:
        return position(self.raw, loc)[0]

    def no_repeats(self, loc: tuple, values: list[Any], what: str = "") -> None:
        """Report each value listed a second time in one list."""
        first: dict[Any, int] = {}
        for index, value in enumerate(values):
            if value in first:
                earlier = self.line((*loc, first[value]))
                here = f" at line {earlier}" if earlier != self.line((*loc, index)) else " on this line"
                self.add((*loc, index), f"{what}'{value}' is already listed{here}")
            first.setdefault(value, index)

    def real_words(self, loc: tuple, text: str) -> None:
        if not _WORD.search(text):
            self.add(loc, f"'{text}' holds no word; write a title in words")

    # ------------------------------------------------------------ data/frames.yml

    def frames_file(self, data: FramesFile) -> list[Problem]:
        self.real_words(("source", "title"), data.source.title)
        titles: dict[str, tuple] = {}
        owners = [("groups", i, g) for i, g in enumerate(data.groups)] + [("frames", i, f) for i, f in enumerate(data.frames)]
        for kind, i, owner in owners:
            self.real_words((kind, i, "title"), owner.title)
            key = " ".join(owner.title.lower().split())
            if key in titles:
                self.add((kind, i, "title"), f"title '{owner.title}' is already used at line {self.line(titles[key])}; "
                                             "two pages would look the same in the navigation")
            titles.setdefault(key, (kind, i, "title"))
            self.no_repeats((kind, i, "aliases"), owner.aliases)
            for loc, crux in _cruxes(owner.cruxes, (kind, i)):
                self.no_repeats((*loc, "aliases"), crux.aliases)
        for i, frame in enumerate(data.frames):
            base = ("frames", i)
            self.no_repeats((*base, "also_in"), frame.also_in)
            self.no_repeats((*base, "links"), [link.to for link in frame.links], "a link to ")
            self.no_repeats((*base, "reading"), [item.url for item in frame.reading])
            for ri, item in enumerate(frame.reading):
                self.real_words((*base, "reading", ri, "title"), item.title)
        members = {gid for f in data.frames for gid in f.group_ids}
        for i, group in enumerate(data.groups):
            if group.id not in members:
                self.add(("groups", i, "id"), f"no frame belongs to group '{group.id}'; its page would list nothing")
        self.no_repeats(("verdict", "reasons"), [r.frame for r in data.verdict.reasons], "a reason about ")
        for kind, i, owner in owners:
            self._hedges_kept((kind, i), owner, ("thesis", "summary"))
        self._hedges_kept(("verdict",), data.verdict, ("summary",))
        self._cycles(owners)
        return self.problems

    def _hedges_kept(self, base: tuple, owner: Any, forms: tuple[str, ...]) -> None:
        """Each short form keeps every hedge listed for its claim: a short form that drops one hardens the post."""
        self.no_repeats((*base, "hedges"), owner.hedges)
        for hi, hedge in enumerate(owner.hedges):
            if not _WORD.search(hedge):
                self.add((*base, "hedges", hi), f"'{hedge}' holds no word; name the hedge in words, e.g. 'hope'")
                continue
            for form in forms:
                text = getattr(owner, form, None)
                if text and not keeps(text, hedge):
                    self.add((*base, form), f"drops the hedge '{hedge}' listed at line {self.line((*base, 'hedges', hi))}: "
                                            "keep it (a longer form counts), or remove it from hedges if the post does not hedge this")

    def _cycles(self, owners: list) -> None:
        """A crux that rests on itself through other frames' cruxes (a ref to an ancestor elsewhere)."""
        rests_on: dict[str, list[str]] = {}
        place: dict[str, tuple] = {}
        for kind, i, owner in owners:
            for loc, crux in _cruxes(owner.cruxes, (kind, i)):
                place[crux.id] = loc
                rests_on[crux.id] = [c.ref if isinstance(c, CruxRef) else c.id for c in crux.children]
        reported: set[str] = set()
        for start in rests_on:
            path = _cycle_from(start, rests_on)
            if path and not reported & set(path):
                reported.update(path)
                self.add((*place[start], "id"), f"crux '{start}' rests on itself: {' -> '.join([*path, start])}")

    # ------------------------------------------------------------ data/glossary.yml

    def glossary_file(self, glossary: GlossaryFile) -> list[Problem]:
        forms: dict[str, tuple] = {}
        for ti, term in enumerate(glossary.terms):
            self.real_words(("terms", ti, "term"), term.term)
            self.no_repeats(("terms", ti, "frames"), term.frames)
            spelled = [("term", term.term)] + ([("abbr", term.abbr)] if term.abbr else [])
            spelled += [(("also_called", ci), name) for ci, name in enumerate(term.also_called)]
            spelled += [(("also_matches", mi), form) for mi, form in enumerate(term.also_matches)]
            for field, form in spelled:
                loc = ("terms", ti, *(field if isinstance(field, tuple) else (field,)))
                if _too_common(form):
                    self.add(loc, f"'{form}' is an everyday word: as a glossary term it would mark most sentences; "
                                  "use a longer phrase")
                # Case counts: 'Goodhart's law' and 'Goodhart's Law' are two spellings of one term.
                key = form
                if key in forms:
                    self.add(loc, f"'{form}' already names the term at line {self.line(forms[key])}")
                forms.setdefault(key, loc)
        return self.problems


def keeps(text: str, hedge: str) -> bool:
    """Whether a text holds a hedge: its words in a row, each also matched by a longer word ('hope': 'hoped')."""
    words, wanted = _WORD.findall(text.lower()), _WORD.findall(hedge.lower())
    return bool(wanted) and any(
        all(words[i + k].startswith(w) for k, w in enumerate(wanted)) for i in range(len(words) - len(wanted) + 1))


def _too_common(form: str) -> bool:
    """A single word that would match in lower case (not an abbreviation in capitals) and is a stop word."""
    words = form.split()
    matches_lower = form[1:2].islower() or len(form) == 1 or form.islower()
    return len(words) == 1 and matches_lower and (form.lower() in COMMON_WORDS or len(_WORD.findall(form)) == 0)


def _cruxes(items: list, base: tuple) -> Iterator[tuple[tuple, Crux]]:
    """(location, crux) for every crux defined under a list, depth first."""
    for index, item in enumerate(items):
        if isinstance(item, Crux):
            loc = (*base, "cruxes", index) if len(base) == 2 else (*base, index)
            yield loc, item
            if item.join:
                yield from _cruxes(item.children, (*loc, item.join))


def _cycle_from(start: str, rests_on: dict[str, list[str]]) -> list[str] | None:
    """The cruxes from start back to start, if the rests-on graph has such a path."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in rests_on.get(node, []):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None

