"""Turning what a person typed into records, or into messages they can act on.

Form fields arrive as strings from the page. Validation is pydantic's; this module only
rewrites its errors in the user's words, per field, so the form can show them in place.
Each edit form also carries its *base*, the record's fields as the form was rendered,
so a save can be merged with what another tab saved meanwhile (``core.storage.merge3``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from pydantic import ValidationError

from core import model
from core.bidi import unwrapped

# The people list's filter form: read by its view (from the route) and its action.
FILTERS = ("q", "group", "layer", "target", "due", "show")
# What each edit form edits, by kind of record: each field with the short name a
# message about it uses. Read by the views (the form and its base) and the actions.
EDITED: dict[str, dict[str, str]] = {
    "contact": {
        "name": "Name", "call_them": "What you call them", "title": "Title",
        "company": "Company", "department": "Department", "emails": "E-mail addresses",
        "phones": "Phone numbers", "websites": "Web and LinkedIn addresses",
        "how_met": "How you met", "known_since": "Known since", "groups": "Groups",
        "notes": "Notes", "layer": "How close", "sphere": "Personal or professional",
        "introduced_by": "Introduced by", "interval_days": "Keep in touch every … days",
        "weak_tie": "A weak tie", "shortlist": "On my shortlist",
        "targets": "Target networks",
    },
    "plan": {
        "why": "Why", "give": "What you can give", "get": "What you might get",
        "next_step": "Next step", "next_on": "The next step's day",
        "next_kind": "Kind of step", "reach_reason": "A specific reason to reach out",
        "research": "Research notes", "questions": "Questions", "active": "Active",
    },
    "pitch": {
        "one_liner": "In one sentence", "distinctive": "What makes you distinctive",
        "how_i_help": "How you can help", "looking_for": "What you are looking for",
    },
    "target": {
        "name": "Name", "kind": "Kind", "value_proposition": "Why they would want you",
        "research": "Research", "active": "Active",
    },
    "settings": {
        "prune_after_days": "Review weak ties after … days",
        "date_lead_days": "Remind me of dates … days ahead",
    },
    "interaction": {"on": "When", "kind": "What happened", "where": "Where",
                    "note": "What you talked about"},
    "favour": {"direction": "Who helped", "what": "What", "on": "When"},
    "date": {"kind": "Kind", "label": "Label", "month": "Month", "day": "Day",
             "year": "Year", "good_news": "Good news"},
}
# The fields of each kind of entry's edit form: read by the person's page and its actions.
ENTRY_FIELDS = {kind: tuple(EDITED[kind]) for kind in ("interaction", "favour", "date")}
# Lists a person reads as sets: two tabs adding to one keep both additions.
SET_FIELDS = frozenset({"emails", "phones", "websites", "groups", "targets", "questions"})
# The hidden field that holds an edit form's base.
BASE = "base"

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
    """A form as the user left it: their values, and a message per field that needs fixing.

    ``base`` is the version the values were typed over (empty: the record as stored
    now), and ``theirs`` the text another tab saved in each field both changed.
    """

    values: Mapping[str, str] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)
    base: str = ""
    theirs: Mapping[str, str] = field(default_factory=dict)

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)


def editing(record: model.Record, kind: str, left: FormState | None) -> FormState:
    """A record's edit form: as the user left it (to fix, or to settle a conflict), else
    filled with what is stored; either way carrying the base its values stand on."""
    state = left or form_values(record, kind)
    return state if state.base else replace(state, base=base_of(record, kind))


def edited_values(record: model.Record, kind: str) -> dict[str, Any]:
    """The fields an edit form edits, as JSON values (what a base holds)."""
    return record.model_dump(mode="json", include=set(EDITED[kind]))


def base_of(record: model.Record, kind: str) -> str:
    """The record's edited fields as compact JSON, for the form's hidden ``base``.

    The whole values rather than a version number or a hash: a merge must know what
    each field was, to tell who changed it and which items of a list either side
    added. ASCII-only, so nothing in it needs bidi isolation when printed.
    """
    return json.dumps(edited_values(record, kind), ensure_ascii=True, separators=(",", ":"),
                      sort_keys=True)


def read_base(fields: Mapping[str, str | Sequence[str]]) -> dict[str, Any] | None:
    """The base a form sent back, or None (a page from before bases, or one tampered
    with): such a save is a plain save, as it always was."""
    text = clean(fields, (BASE,))[BASE]
    try:
        base = json.loads(text) if text else None
    except ValueError:
        return None
    return base if isinstance(base, dict) else None


def form_values(record: model.Record, kind: str) -> FormState:
    """An edit form filled with what is stored: text as typed, a list one item a line, a
    ticked box "on", nothing as an empty field."""
    return FormState({name: form_text(value)
                      for name, value in edited_values(record, kind).items()})


def form_text(value: Any) -> str:
    """One JSON value as a form field holds it."""
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)


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


def bounds_of(record: type[model.Record], name: str) -> tuple[int, int]:
    """The least and most a number field of a record may hold, read from the record, so a
    hint that says "between 90 and 400" says what the model accepts.

    >>> bounds_of(model.Settings, "prune_after_days")
    (90, 400)
    """
    metadata = record.model_fields[name].metadata
    least = next(m.ge for m in metadata if getattr(m, "ge", None) is not None)
    most = next(m.le for m in metadata if getattr(m, "le", None) is not None)
    return least, most


def limit_of(name: str) -> Limit | None:
    """The limit of the record field a form field stands for; ``name_2`` (row 2 of a
    form with numbered rows) is a ``name``. None for fields no record limits."""
    return text_limits().get(_ROW.sub("", name))
