"""The shape of the code: imports flow one way, modules are small, and the URL scheme lives only in macros/urls.py."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros import urls

MAX_LINES = 300
# What a page path or an anchor starts with, from the one module that makes them: spelled anywhere else, a change
# of scheme would leave that place behind.
PATHS = (f"{urls.FRAMES}/", f"{urls.GROUPS}/", urls.GLOSSARY, urls.CRUX_PAGES, urls.EDITIONS, urls.CHANGES, urls.FEED,
         urls.EXPORT, urls.SITEMAP, urls.ROBOTS, urls.LLMS_TXT, urls.CARDS, urls.TWIN_FILE)
ANCHORS = (urls.crux_anchor(""), urls.term_id(""), urls.owner_id(""), urls.DISCUSSION_SECTION)


def _spelled(value: str) -> list[str]:
    """The scheme's spellings a piece of code or markup writes itself: a path at its start or after a slash, an anchor
    prefix alone (f"crux-{id}") or after a '#'."""
    found = [p for p in PATHS if re.search(rf"(?:^|/){re.escape(p)}", value)]
    return found + [a for a in ANCHORS if value == a or f"#{a}" in value]


def python_spellings(source: str) -> list[tuple[int, str]]:
    """(line, spelling) for each string in Python code that spells the scheme (docstrings, prose and template names aside)."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, spelled) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and " " not in node.value and not node.value.endswith(".html")
            for spelled in _spelled(node.value)]


_ATTRIBUTE = re.compile(r'\b(href|src|action|data-[\w-]+|id|for)="([^"]*)"')
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def markup_spellings(source: str) -> list[tuple[int, str]]:
    """(line, spelling) for each attribute of a template whose written part spells the scheme: a path or '#anchor-' in a
    link, or an anchor prefix before an id filled in (id="crux-{{ ... }}"); fixed ids are the template's own."""
    found = []
    for match in _ATTRIBUTE.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        name, value = match.groups()
        if name in ("id", "for"):
            found += [(line, a) for a in ANCHORS if re.search(rf"(?:^|\}}}}){re.escape(a)}\{{\{{", value)]
        else:
            found += [(line, s) for part in _EXPRESSION.split(value) for s in _spelled(part)]
    return found


@pytest.mark.build  # a process of its own: in-process, import-linter reconfigures every logger of the test run
def test_imports_flow_one_way():
    # The contract is in pyproject.toml ([tool.importlinter]); it names the layers model < views < build < engines.
    run = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]


def test_every_folder_of_code_is_in_a_layer():
    contract = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[tool.importlinter]", 1)[1]
    layered = set(re.findall(r'"?\bmacros\.(\w+)', contract))
    code = {p.name for p in (ROOT / "macros").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert code <= layered, f"add {sorted(code - layered)} to a layer of [tool.importlinter] in pyproject.toml"


def test_no_module_is_over_the_line_limit():
    long = {p.relative_to(ROOT).as_posix(): n for p in (ROOT / "macros").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these into modules of one job each (at most {MAX_LINES} lines): {long}"


def test_the_url_scheme_is_spelled_only_in_urls_py():
    found = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        if path.name != "urls.py":
            found += [f"{path.relative_to(ROOT)}:{line}: {s}" for line, s in python_spellings(path.read_text(encoding="utf-8"))]
    for path in sorted([*(ROOT / "macros" / "templates").rglob("*.html"), *(ROOT / "overrides").rglob("*.html")]):
        found += [f"{path.relative_to(ROOT)}:{line}: {s}" for line, s in markup_spellings(path.read_text(encoding="utf-8"))]
    assert found == [], "ask macros/urls.py for these (pass them to the template from a view):\n" + "\n".join(found)


def test_the_scheme_check_finds_what_it_is_for():
    assert python_spellings('x = f"{root}frames/{frame}/"\n') == [(1, f"{urls.FRAMES}/")]
    assert python_spellings('x = "#" + "crux-" + crux\n') == [(1, urls.crux_anchor(""))]
    assert python_spellings('"""Paths such as frames/x/ in a docstring."""\nmessage = "see /frames/x/ in prose"\n') == []
    assert markup_spellings('<a href="{{ links.term(t) }}">\n<li id="{{ term_id(t) }}" class="term-entry">\n<form id="crux-filters">') == []
    assert markup_spellings('<a href="{{ root }}changes/feed.xml">\n<li id="term-{{ t }}">') == [
        (1, urls.CHANGES), (1, urls.FEED), (2, urls.term_id(""))]
