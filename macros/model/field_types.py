"""The field types of the data: ids, plain text and https addresses, checked the same way by pydantic and editors."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_PATTERN = re.compile(r'^https://[^\s<>"]+$')
# Text from the data goes into Jinja-rendered pages and HTML: neither syntax may hide in it.
FORBIDDEN_IN_TEXT = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|<\s*/?\s*[A-Za-z!][^\s>]*")


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


class NonEmpty:
    """NonEmpty[list[X]]: a list that must hold at least one item (an empty one would render an empty block)."""

    def __class_getitem__(cls, item: Any) -> Any:
        return Annotated[item, Field(min_length=1)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True)
