"""The URL scheme lives in macros/urls.py: the page scripts spell none of its paths or anchor prefixes, they read them from data attributes."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from types import SimpleNamespace

from conftest import ROOT
from macros import urls

SCRIPTS = ROOT / "docs" / "assets" / "js"
# Stands for an id or a path in a probe of urls.py's functions: what is left around it was spelled there.
SAMPLE = "zqxv"
ADVICE = ("macros/urls.py makes every address: read it in the script from a data attribute that the widget's "
          "template (or overrides/partials/site-search.html, for the site-wide scripts) writes from urls.py")


# ---------------------------------------------------------------- what urls.py spells


def _arguments(function) -> list[dict] | None:
    """Argument sets that put SAMPLE in every id or path a function of urls.py takes (None: it takes something else)."""
    frame = SimpleNamespace(frames={SAMPLE: None}, groups={}, cruxes={SAMPLE: SimpleNamespace(owner=SAMPLE)})
    group = SimpleNamespace(frames={}, groups={SAMPLE: None}, cruxes={SAMPLE: SimpleNamespace(owner=SAMPLE)})
    choices = {"str": [SAMPLE], "SiteData": [frame, group], "bool": [False, True], "int": [7], "Path": [Path(SAMPLE)]}
    sets: list[dict] = [{}]
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.annotation not in choices:
            return None
        sets = [{**chosen, name: value} for chosen in sets for value in choices[parameter.annotation]]
    return sets


def _pieces(made: str) -> list[str]:
    """The parts of an address that are the scheme's own: the text around SAMPLE, cut at each '#'."""
    pieces = [piece.lstrip("/") for part in made.split(SAMPLE) for piece in part.split("#")]
    # Only address-like text with a word in it: not '/', not the 'L' of a line number.
    return [piece for piece in pieces if re.fullmatch(r"[\w./-]+", piece) and len(re.findall(r"[a-z]", piece)) >= 3]


def scheme_spellings() -> dict[str, str]:
    """Every path and anchor prefix urls.py defines, each with where: its constants, and what its functions make."""
    found: dict[str, str] = {}
    for name, value in vars(urls).items():
        if name.isupper() and isinstance(value, str):
            found.setdefault(value, f"urls.{name}")
    for name, function in inspect.getmembers(urls, inspect.isfunction):
        if name.startswith("_") or function.__module__ != urls.__name__:
            continue
        arguments = _arguments(function)
        assert arguments is not None, f"urls.{name}() takes an argument this probe cannot make up: teach _arguments()"
        for chosen in arguments:
            made = function(**chosen)
            for text in made if isinstance(made, tuple) else [made]:
                for piece in _pieces(text) if isinstance(text, str) else []:
                    found.setdefault(piece, f"urls.{name}()")
    return found


# ---------------------------------------------------------------- what a script spells

# After one of these, a '/' starts a regular expression, not a division.
_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^") | {""}
_REGEX_KEYWORDS = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw"}


def literals(source: str) -> list[tuple[int, str]]:
    """The strings, template-literal parts and regular expressions of a script, each with its line; comments are skipped."""
    found: list[tuple[int, str]] = []
    i, last, word = 0, "", ""  # the last character that is not a space, and the word it ends
    while i < len(source):
        pair = source[i:i + 2]
        if pair in ("//", "/*"):
            end = source.find("\n" if pair == "//" else "*/", i + 2)
            i = len(source) if end < 0 else end + (0 if pair == "//" else 2)
            continue
        char = source[i]
        if char in "'\"`" or (char == "/" and (last in _BEFORE_REGEX or word in _REGEX_KEYWORDS)):
            end, parts = _literal_end(source, i)
            found += [(source.count("\n", 0, i + offset) + 1, part) for offset, part in parts]
            i, last, word = end, "x", ""  # a '/' after a literal divides
            continue
        if not char.isspace():
            is_name = char.isalnum() or char in "_$"
            word = (word if last.isalnum() or last in "_$" else "") + char if is_name else ""
            last = char
        i += 1
    return found


def _literal_end(source: str, start: int) -> tuple[int, list[tuple[int, str]]]:
    """Where a literal that opens at start ends, and its text (a template literal's parts, split at each ${...})."""
    quote, i, parts, begin, in_class = source[start], start + 1, [], start + 1, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if quote == "/" and char in "[]":
            in_class = char == "["
        elif quote == "`" and source.startswith("${", i):
            parts.append((begin - start, source[begin:i]))
            depth, i = 1, i + 2
            while depth:
                depth += {"{": 1, "}": -1}.get(source[i], 0)
                i += 1
            begin = i
            continue
        elif char == quote and not in_class:
            return i + 1, [*parts, (begin - start, source[begin:i])]
        i += 1
    raise ValueError(f"a literal opened at offset {start} never closes")


def spells(text: str, spelling: str) -> bool:
    """Whether a literal spells an address or anchor prefix: as a whole path segment, or as a prefix that code completes."""
    after = "" if spelling.endswith("/") else "$" if spelling.endswith("-") else r"(?=$|[/?#])"
    return re.search(r"(?:^|[/#])" + re.escape(spelling) + after, text) is not None


def misspelled(scripts: list[Path], spellings: dict[str, str]) -> list[str]:
    """One line per literal of a script that spells part of the URL scheme: file:line, the literal, where urls.py has it."""
    problems = []
    for script in scripts:
        name = script.relative_to(ROOT).as_posix() if script.is_relative_to(ROOT) else script.name
        for line, text in literals(script.read_text(encoding="utf-8")):
            found = [f"{spelling!r} ({origin})" for spelling, origin in spellings.items() if spells(text, spelling)]
            if found:
                problems.append(f"{name}:{line}: {text!r} spells {', '.join(found)}")
    return problems


# ---------------------------------------------------------------- the tests


def test_urls_py_yields_the_paths_and_anchor_prefixes_to_look_for():
    spellings = scheme_spellings()
    # Checked against urls.py itself, so the probe cannot quietly find nothing.
    assert urls.GLOSSARY in spellings and urls.CRUX_EXPLORER in spellings and urls.SEARCH_INDEX in spellings
    assert urls.crux_anchor(SAMPLE).removesuffix(SAMPLE) in spellings
    assert urls.term_id(SAMPLE).removesuffix(SAMPLE) in spellings
    assert urls.FRAMES + "/" in spellings and urls.GROUPS + "/" in spellings


def test_no_script_spells_a_page_path_or_an_anchor_prefix():
    scripts = sorted(SCRIPTS.glob("*.js"))
    assert len(scripts) >= 5
    problems = misspelled(scripts, scheme_spellings())
    assert not problems, ADVICE + ":\n" + "\n".join(problems)


def test_the_check_finds_a_planted_spelling_and_passes_comments_and_widget_ids(tmp_path):
    anchor, explorer = urls.crux_anchor(""), urls.CRUX_EXPLORER
    planted = tmp_path / "planted.js"
    planted.write_text(
        f"// a comment may say #{anchor}<id> or {explorer}\n"
        f"var form = document.getElementById('{anchor}filters');\n"
        f"link.href = page + \"#{anchor}\" + id;\n"
        f"location.href = `../../{explorer}?frame=${{id}}`;\n"
        f"var found = /#{anchor}/.test(location.hash) ? 1 : 2 / 3;\n",
        encoding="utf-8")
    problems = misspelled([planted], scheme_spellings())
    assert [problem.split(":")[1] for problem in problems] == ["3", "4", "5"], problems
    assert all(problem.startswith("planted.js:") for problem in problems)


def test_the_pages_give_the_scripts_the_addresses_urls_py_makes(built_site):
    explorer = (built_site / urls.CRUX_EXPLORER / "index.html").read_text(encoding="utf-8")
    assert f'data-crux-anchor-prefix="{urls.CRUX_ANCHOR_PREFIX}"' in explorer
    stance = next(page.read_text(encoding="utf-8") for page in built_site.glob("*/index.html")
                  if 'class="stance"' in page.read_text(encoding="utf-8"))
    assert f'data-crux-section="{urls.CRUX_SECTION}"' in stance
    # Every page's search dialog, the 404 page's too, names the folder the search index is in.
    pages = [*built_site.rglob("index.html"), built_site / "404.html"]
    dialogs = [re.search(r'<dialog [^>]*id="site-search"[^>]*>', page.read_text(encoding="utf-8")) for page in pages]
    named = [d.group(0) for d in dialogs if d]
    assert len(named) > 10 and all(f'data-search-index="{urls.SEARCH_INDEX}"' in d for d in named)
    assert (built_site / urls.SEARCH_INDEX / "pagefind.js").is_file()
