"""One copy of every word: a page that restates a crux's words by hand, instead of showing them from the data.

The words of a crux live in data/frames.yml only; a page shows them with {{ crux('<id>') }} (its number and
words) or refers to it with {{ crux_ref('<id>') }} (its number), so rewording a crux in the data rewords every
page. A page is refused where RESTATED_WORDS or more words in a row, outside code, comments, macro calls, link
addresses and markup, are the words of a crux in the same order (letters and digits only: case, punctuation,
hyphens and emphasis do not hide a copy). A crux shorter than that is refused when the page has all its words
in a row, if it has at least SHORTEST_CHECKED: shorter ones are too like everyday phrases to tell apart.

Why six: no run of five or more words of the cruxes' texts appears in 3.5 million words of English that has
nothing to do with them (the documentation and source of Python and of the libraries the project installs), while
runs of five do occur in the site's own prose about the same ideas without restating a crux ("for at least one
of", "that is not an agent"). Every run of six that the pages had was a crux restated, in a bullet under the
crux table or in the words of a link to a crux. Rewording a crux so that no six words in a row are left is a
paraphrase, which stays the page's own (CONTRIBUTING.md, "Add or edit a crux").
"""

from __future__ import annotations

import re
from pathlib import Path

from .page_checks import blank, prose_of, where
from .problems import Problem
from .site import SiteData

RESTATED_WORDS = 6
SHORTEST_CHECKED = 4

# A word: letters and digits, with what follows an apostrophe ("humanity's", "don't").
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
# Text a reader does not see as the page's words: template code, link addresses, markup, attribute lists.
_NOT_WORDS = (
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S),
    re.compile(r"\]\(\s*<[^>\n]*>[^)\n]*\)|\]\([^)\s]*(?:\s+[\"'(][^\n]*?[\"')])?\s*\)"),
    re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*", re.M),
    re.compile(r"<[A-Za-z/!][^<>]*>"),
    re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}"),
)


def words_of(text: str) -> list[str]:
    """The words of a text as the check compares them: lower case, letters and digits (and apostrophes within)."""
    return [word.lower().replace("\u2019", "'") for word in _WORD.findall(text)]


def _seen(text: str) -> str:
    """A page's text with what is not its own visible words blanked (positions kept)."""
    seen = prose_of(text)
    for pattern in _NOT_WORDS:
        seen = blank(seen, pattern)
    return seen


class CruxWords:
    """Every crux's words, indexed by the run of words a restatement starts with."""

    def __init__(self, data: SiteData):
        self.words = {cid: words_of(entry.crux.text) for cid, entry in data.cruxes.items()}
        self.starts: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        for cid, words in self.words.items():
            if len(words) < SHORTEST_CHECKED:
                continue
            size = min(RESTATED_WORDS, len(words))
            for i in range(len(words) - size + 1):
                self.starts.setdefault(tuple(words[i:i + size]), []).append((cid, i))
        self.sizes = sorted({len(key) for key in self.starts}, reverse=True)


def restatements(text: str, display: str, cruxes: CruxWords) -> list[Problem]:
    """Each run of a page's words that restates a crux, at its first word, once per crux and run."""
    found = [(m.group(0).lower().replace("\u2019", "'"), m.start()) for m in _WORD.finditer(_seen(text))]
    words = [word for word, _ in found]
    problems: list[Problem] = []
    reached: dict[str, int] = {}  # crux -> the page word its last reported run ended at
    for i in range(len(words)):
        for size in cruxes.sizes:
            for cid, j in cruxes.starts.get(tuple(words[i:i + size]), ()):
                if reached.get(cid, -1) > i:
                    continue  # inside a run already reported
                end = i + size
                crux = cruxes.words[cid]
                while end < len(words) and j + end - i < len(crux) and words[end] == crux[j + end - i]:
                    end += 1
                reached[cid] = end
                shown = " ".join(words[i:end])
                problems.append(Problem(display, *where(text, found[i][1]), "page",
                                        f"restates crux '{cid}' (\"{shown}\"); use {{{{ crux('{cid}') }}}} to show "
                                        f"its words from the data, or {{{{ crux_ref('{cid}') }}}} to refer to it, "
                                        "and say the rest in your own words"))
    return problems


def check_restatements(docs: Path, display: str, data: SiteData, only: list[Path] | None = None) -> list[Problem]:
    """restatements in every Markdown page under a docs folder (or in the pages `only` names in it)."""
    cruxes = CruxWords(data)
    problems: list[Problem] = []
    for path in sorted(docs.rglob("*.md")) if only is None else only:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        problems.extend(restatements(text, f"{display}/{path.relative_to(docs).as_posix()}", cruxes))
    return problems
