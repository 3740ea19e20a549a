"""Turning what a person typed into records, or into messages they can act on.

Form fields arrive as strings from the page. Validation is pydantic's; this module only
rewrites its errors in the user's words, per field, so the form can show them in place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import ValidationError

from core import model
from core.bidi import unwrapped

# The people list's filter form: read by its view (from the route) and its action.
FILTERS = ("q", "group", "layer", "target", "due", "show")
# The fields of each kind of entry's edit form: read by the person's page and its actions.
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "interaction": ("on", "kind", "where", "note"),
    "favour": ("direction", "what", "on"),
    "date": ("kind", "label", "month", "day", "year", "good_news"),
}

FRIENDLY: dict[str, str] = {
    "string_too_short": "Please fill this in.",
    "missing": "Please fill this in.",
    "string_too_long": "Please keep this under {max_length} characters.",
    "enum": "Please choose one of the options.",
    "date_from_datetime_parsing": "Please enter a date like 2026-03-14.",
    "date_parsing": "Please enter a date like 2026-03-14.",
    "date_type": "Please enter a date like 2026-03-14.",
    "int_parsing": "Please enter a whole number.",
    "greater_than_equal": "Please enter {ge} or more.",
    "less_than_equal": "Please enter {le} or less.",
    "string_pattern_mismatch": "Please choose one of the options.",
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


def clean(fields: Mapping[str, str | Sequence[str]], names: tuple[str, ...]) -> dict[str, str]:
    """Only the named fields, each its first value stripped: a form never smuggles in more."""
    return {name: next(iter(values_of(fields, name)), "") for name in names}


def values_of(fields: Mapping[str, str | Sequence[str]], name: str) -> list[str]:
    """Every non-empty value a form sent under a name (checkboxes repeat names)."""
    raw = fields.get(name, ())
    values = [raw] if isinstance(raw, str) else list(raw)
    typed = (unwrapped(v.strip()).strip() for v in values)  # as typed: see core.bidi
    return [v for v in typed if v]


def edit_form(kind: str, record_id: str) -> str:
    """The name one row's edit form goes by (``edit_interaction/<id>``), so a mistake is
    shown on the row it was made in."""
    return f"edit_{kind}/{record_id}"


# A field's counter appears once it holds this share of what it may hold.
COUNTER_FROM = 0.8
_ROW = re.compile(r"_\d+$")  # a numbered row of a form: name_2 is row 2's name


@dataclass(frozen=True)
class Limit:
    """How many characters a form field may hold, and from how many its counter shows."""

    most: int

    @property
    def count_from(self) -> int:
        return math.ceil(self.most * COUNTER_FROM)


@cache
def text_limits() -> dict[str, Limit]:
    """Each text field's limit by name, read from the records' own constraints, so the
    form and the model can never disagree (a form that cut text at 200 characters
    while the model kept 4,000 lost words). A name two records limit differently is a
    bug, and fails here rather than in front of the user."""
    limits: dict[str, Limit] = {}
    records = [m for m in vars(model).values()
               if isinstance(m, type) and issubclass(m, model.Record) and m is not model.Record]
    for record in records:
        for name, info in record.model_fields.items():
            most = [m.max_length for m in info.metadata if getattr(m, "max_length", None)]
            if info.annotation is not str or not most:
                continue
            if limits.setdefault(name, Limit(most[0])) != Limit(most[0]):
                raise TypeError(f"{record.__name__}.{name} is limited unlike other {name!r}")
    return limits


def limit_of(name: str) -> Limit | None:
    """The limit of the record field a form field stands for; ``name_2`` (row 2 of a
    form with numbered rows) is a ``name``. None for fields no record limits."""
    return text_limits().get(_ROW.sub("", name))
