"""Problems in plain words: pydantic's errors reworded at their YAML node, and 'did you mean' suggestions."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .models import JOINS, TWO_JOINS, UNION_TAGS, Crux, CruxRef
from .problems import Problem
from .yaml_positions import dotted, position


def _message(error: dict, model: type[BaseModel], loc: tuple) -> str:
    kind = error["type"]
    if kind == "missing":
        return "missing required field"
    if kind == "too_short":
        return "the list is empty; list at least one item, or leave the key out where it is optional"
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


def validate_model(model: type[BaseModel], data: Any, root: Any, display: str) -> tuple[Any, list[Problem]]:
    """The validated model, or each of pydantic's errors as a problem in plain words at its place in the file."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt field ('titel') also leaves its field missing: one mistake, said once, with the right name.
        missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
        meant: dict[tuple, str] = {}
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "extra_forbidden":
                names = [m[-1] for m in missing if m[:-1] == loc[:-1] and isinstance(m[-1], str)]
                close = difflib.get_close_matches(str(loc[-1]), names, n=1)
                if close:
                    meant[loc] = close[0]
        problems = []
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and (*loc[:-1], loc[-1]) in {(*k[:-1], v) for k, v in meant.items()}:
                continue
            if error["type"] == TWO_JOINS:  # said at the second join's key, naming the first
                first, loc = error["ctx"]["first"], (*loc, error["ctx"]["second"])
                message = one_join(first, position(root, (*loc[:-1], first), key=True)[0])
            else:
                message = (f"unknown field '{loc[-1]}'; did you mean '{meant[loc]}'?" if loc in meant
                           else _message(error, model, loc))
            line, col = position(root, loc, key=error["type"] in ("extra_forbidden", TWO_JOINS))
            problems.append(Problem(display, line, col, dotted(loc), message))
        return None, problems


def suggest(value: str, known: Any) -> str:
    """'; did you mean ...?' naming the closest known value, or nothing when none is close."""
    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def one_join(first: str, line: int) -> str:
    """Why a second way of joining a crux's nested cruxes is refused (the first is at the line given)."""
    return (f"a crux joins its nested cruxes one way, and this one already lists them under '{first}' at line {line}; "
            f"keep one of {', '.join(JOINS)}, or split the crux in two")
