"""A crux's words made a title and a description: its claim shortened with care, and as complete sentences."""

from __future__ import annotations

import re

# Characters of a crux's words that a title keeps (beside its frame and number) before it shortens them.
TITLE_WORDS_MAX = 100
ELLIPSIS = "…"
# Words a shortened title does not end on: it would read as cut mid-phrase ("…depends on some form of…").
_DANGLING = frozenset("""a an and any are as at be because been being both but by can could did do does each even for
from has had have how if in into is it its least less may might more most much must never no not of on one only or own
shall should so such than that the their there these this those to too very was were what when where whether which while
who will with would""".split())
# The words the data ends a crux on when its nested cruxes complete it ("…a distribution shift, because").
_OPEN_BECAUSE = re.compile(r",?\s*\bbecause\s*:?\s*$")
_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def _count(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def claim(text: str) -> str:
    """The crux's own words, starting with a capital, without the words that lead into its nested cruxes or a final stop."""
    words = " ".join(text.split())
    words = _OPEN_BECAUSE.sub("", words)
    return _capitalized(words.rstrip(" .;:,"))


def claim_sentence(text: str, nested: int) -> str:
    """The crux as complete sentences, for a description: one that rests on `nested` others says so, never ending on 'because'."""
    words = " ".join(text.split())
    stem = claim(words)
    if nested and _OPEN_BECAUSE.search(words):
        reasons = "the reason its nested crux gives" if nested == 1 else f"the {_count(nested)} reasons its nested cruxes give"
        return f"{stem}, for {reasons}."
    if nested and words.endswith(":"):
        return f"{stem}, as its {'nested crux sets' if nested == 1 else _count(nested) + ' nested cruxes set'} out."
    sentence = stem if stem.endswith(("?", "!")) else stem + "."
    if nested:
        sentence += f" It rests on {'one nested crux' if nested == 1 else _count(nested) + ' nested cruxes'}."
    return sentence


def shortened(words: str, limit: int = TITLE_WORDS_MAX) -> str:
    """Words cut to at most `limit` characters at a word boundary, with '…', never on a dangling word or mid-quote."""
    if len(words) <= limit:
        return words
    cut = words[:limit - len(ELLIPSIS) + 1].rsplit(" ", 1)[0].split(" ")
    while cut:
        last = cut[-1]
        text = " ".join(cut)
        opened = text.count('"') % 2 or text.count("(") > text.count(")")
        if last.strip(",;:").lower() in _DANGLING or opened:
            cut.pop()
            continue
        break
    return (" ".join(cut).rstrip(",;:—-") or words[:limit - 1].rstrip()) + ELLIPSIS


def crux_heading(place: str, text: str) -> str:
    """A crux's title: where it sits and its words, shortened ('Distribution Shift, crux 1: Building an AGI…')."""
    return f"{place}: {shortened(claim(text))}"
