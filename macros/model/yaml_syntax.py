"""A YAML syntax error as a problem at the line that is wrong, with a hint in plain words."""

from __future__ import annotations

import re

import yaml

from .problems import Problem

MAX_DEPTH = 32  # nesting levels; the real data has six

# Plain words for what went wrong, keyed by a phrase of PyYAML's message.
_HINTS = {
    "flow sequence": "a value that starts with '[' is a list: close it with ']', or quote the text",
    "flow mapping": "a value that starts with '{' is a mapping: close it with '}', or quote the text",
    "quoted scalar": "close the quote, or escape a quote inside the text",
    "mapping values are not allowed": "quote a value that contains ': ', or align this line with the keys above it",
    "expected <block end>": "this line's indentation matches no key above it",
    "did not find expected key": "this line's indentation matches no key above it",
    "did not find expected '-'": "indent this line like the keys it belongs with; in a list each item starts with '- ' "
                                 "at the list's indentation",
    "could not find expected ':'": "a key needs ': ' after it, or a long text needs quotes",
    "special characters are not allowed": "remove the control character",
    "cannot start any token": "quote a text that starts with @, ` or %",
}


_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?[^\s:#][^:#]*:\s+(["'])""")
_HAS_COLON = re.compile(r":(?:\s|$)")


def syntax_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    """A syntax error at the line that is wrong: where a bracket, quote or key started, or the mis-indented line."""
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    found = exc.problem_mark
    hint = next((h for key, h in _HINTS.items() if key in f"{problem} {context}"), "")
    if "nesting depth" in problem and found is not None:  # libyaml's own bound, met while reading ahead
        return Problem(display, found.line + 1, found.column + 1, "yaml", f"nested more than {MAX_DEPTH} levels deep")
    first = exc.context_mark.line if exc.context_mark is not None else found.line if found else 0
    last = found.line if found is not None else first
    # A quote opened and not closed on its line swallows the lines after it: the parser fails further
    # down, but the mistake is the quote.
    for number, line in enumerate(text.splitlines()[first: last + 1], first + 1):
        quote = _OPEN_QUOTE.match(line)
        if quote and line.rstrip().count(quote.group(1)) % 2 == 1 and found is not None and found.line + 1 > number:
            return Problem(display, number, quote.end(), "yaml", f"syntax error: the quote opened here is not closed on "
                                                                 f"its line, so the lines up to line {found.line + 1} "
                                                                 "are read as one text; close the quote")
    lines = text.splitlines()
    if found is not None and problem.startswith("mapping values are not allowed"):
        keyless = _key_without_colon(lines, found.line)
        if keyless is not None:
            return Problem(display, keyless + 1, _indent(lines[keyless]) + 1, "yaml",
                           f"syntax error: no ': ' after the key on this line, so line {found.line + 1} is read as "
                           "more of its text; write 'key: value'")
    if exc.context_mark is not None and found is not None and "block" in context:
        # An indentation error: the parser names the block it was reading, but the line at fault is the one
        # where it gave up (a block can start hundreds of lines above).
        start = found
        message = f"syntax error: {problem}, {context} that starts at line {exc.context_mark.line + 1}"
    elif exc.context_mark is not None and found is not None and exc.context_mark.line < found.line:
        # An open bracket or a key read on: the cause is where it started.
        start = exc.context_mark
        message = f"syntax error: {problem} at line {found.line + 1}, {context} that starts here"
    else:
        start = found or exc.context_mark
        message = f"syntax error: {problem}" + (f" {context}" if context else "")
    return Problem(display, start.line + 1, start.column + 1, "yaml", message + (f"; {hint}" if hint else ""))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_without_colon(lines: list[str], at: int) -> int | None:
    """The line where a key lost its ':': the first of the lines just above `at`, at its indentation, that hold
    no ': ' (YAML reads them and the key at `at` as one long key, and fails only at its colon)."""
    indent, first = _indent(lines[at]), None
    for number in range(at - 1, -1, -1):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _indent(line) != indent or _HAS_COLON.search(line) or line.lstrip().startswith("-"):
            break
        first = number
    return first
