"""Turning what a person typed into records, or into messages they can act on.

Form fields arrive as strings from the page. Validation is pydantic's; this module only
rewrites its errors in the user's words, per field, so the form can show them in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

FRIENDLY: dict[str, str] = {
    "string_too_short": "Please fill this in.",
    "missing": "Please fill this in.",
    "string_too_long": "Please keep this under {max_length} characters.",
    "enum": "Please choose one of the options.",
    "date_from_datetime_parsing": "Please enter a date like 2026-03-14.",
    "date_parsing": "Please enter a date like 2026-03-14.",
    "date_type": "Please enter a date like 2026-03-14.",
}


@dataclass(frozen=True)
class FormState:
    """A form as the user left it: their values, and a message per field that needs fixing."""

    values: Mapping[str, str] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)


def field_errors(error: ValidationError) -> dict[str, str]:
    """One plain-language message per field, the first problem pydantic found there."""
    messages: dict[str, str] = {}
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else "form"
        messages.setdefault(name, _friendly(problem))
    return messages


def _friendly(problem: Mapping[str, Any]) -> str:
    template = FRIENDLY.get(str(problem["type"]))
    if template is None:
        return "Please check this value."
    return template.format(**problem.get("ctx", {}))


def clean(fields: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    """Only the named fields, as stripped strings: a form never smuggles in other data."""
    return {name: str(fields.get(name, "")).strip() for name in names}
