"""A record's stored form: the key and text it is kept under, and back.

Each record has one *record form*: the key ``tend/v3/<kind>/<id>`` and, as its value,
compact JSON of what the key does not say, without fields left at their defaults. The
app, backups, sync and Undo handle records in it. Storage (layout 4, see
``core.storage.migrations``) keeps the same value under a shorter key in the record's
own *loose* entry, which an edit writes (O(1) whatever the network size), or inside a
*pack* of settled records (``core.storage.packs``). The key names the layout version,
so a newer layout written by another device is recognised instead of misread. How the
browser's entries become the network is ``core.storage.loading``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from core.forms import field_errors
from core.model import (
    AgendaDecision,
    Contact,
    Favour,
    ImportantDate,
    Interaction,
    Pitch,
    Plan,
    Record,
    Settings,
    TargetNetwork,
)
from core.storage.migrations import CURRENT, RECORD_FORM, StoredKey, layout, parse_key, record_key
from core.storage.repack import Rewrite

__all__ = ["Rewrite"]  # re-exported: the shell's rewrites are planned in core.storage.repack
LAYOUT = layout(RECORD_FORM)
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # RecordId's pattern: nothing to escape in JSON
_PLAIN_IDS = re.compile(r"(?:[A-Za-z0-9_-]{1,64}\n)*[A-Za-z0-9_-]{1,64}")  # one per line
KINDS: dict[str, type[Record]] = {
    "contact": Contact,
    "interaction": Interaction,
    "favour": Favour,
    "date": ImportantDate,
    "target": TargetNetwork,
    "settings": Settings,
    "decision": AgendaDecision,
    "plan": Plan,
    "pitch": Pitch,
}


# A pack's records of one kind are read in one call (``_all_at_once``).
_LISTS: dict[str, TypeAdapter[list[Record]]] = {
    kind: TypeAdapter(list[model]) for kind, model in KINDS.items()}  # type: ignore[valid-type]


class UnstorableRecord(ValueError):
    """A record that would not load again, refused before it is written; the message
    says, for the user, what to change."""


@dataclass(frozen=True)
class Write:
    """One entry for the shell to store under ``key``; ``value`` None removes it."""

    key: str
    value: str | None


def key_for(record: Record) -> str:
    """The record-form key: ``tend/v3/contact/ana``."""
    kind = next(name for name, model in KINDS.items() if isinstance(record, model))
    return f"{LAYOUT}{kind}/{record.id}"


def encode(record: Record) -> str:
    """The stored form of a record: compact JSON of what the key does not already say,
    without default values (they are restored on reading).

    Every write goes through here, so here the stored form is read back as ``decode``
    will read it: a record built without validation (``model_copy`` does not validate)
    is refused with UnstorableRecord instead of being stored and lost at the next start.

    >>> from core.model import Contact
    >>> ana = Contact(id="ana", name="Ana", added_on="2026-01-05",
    ...               updated_at="2026-11-25T09:30:00Z")
    >>> encode(ana.model_copy(update={"emails": ("a" * 201,)}))
    Traceback (most recent call last):
    ...
    core.storage.codec.UnstorableRecord: Nothing was saved: Ana's e-mail address cannot be ...
    """
    value = stored_form(record)
    try:
        type(record).model_validate_json(_with_id(record.id, value))
    except ValidationError as error:
        raise UnstorableRecord(unstorable_notice(record, error)) from None
    return value


def stored_form(record: Record) -> str:
    """The text ``encode`` stores, unchecked: for comparing records, never for writing."""
    data = record.model_dump(mode="json", exclude_defaults=True, exclude={"id"})
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _with_id(record_id: str, value: str) -> str:
    """The id goes in front of the stored fields as JSON text, so pydantic's JSON parser
    reads the entry in one pass (faster than json.loads and a dict)."""
    return f'{{"id":"{record_id}",{value[1:]}'


# What the user calls a field that can be refused, where the field's name is not enough.
FIELD_WORDS = {"emails": "e-mail address", "phones": "phone number", "how_met": "how you met",
               "next_step": "next step", "reach_reason": "reason to reach out",
               "one_liner": "one-sentence pitch", "how_i_help": "way you help",
               "value_proposition": "value proposition", "what": "favour"}
KIND_WORDS = {"contact": "person", "interaction": "conversation", "target": "target network",
              "decision": "Today decision", "settings": "settings record"}


def kind_word(kind: str) -> str:
    """What the user calls a kind of record: 'conversation' for ``interaction``."""
    return KIND_WORDS.get(kind, kind)


def unstorable_notice(record: Record, error: ValidationError) -> str:
    """'Nothing was saved: Ana's e-mail address cannot be stored as it is. Please …'"""
    name, advice = next(iter(field_errors(error).items()))
    what = FIELD_WORDS.get(name, name.replace("_", " "))
    kind = key_for(record).split("/")[2]
    subject = (f"{record.name}'s {what}" if isinstance(record, Contact) and record.name
               else f"the {what} of this {kind_word(kind)}")
    return f"Nothing was saved: {subject} cannot be stored as it is. {advice}"


def decode(key: str, value: str) -> Record:
    """Parse one record in its record form, or a loose entry of layout 4 (the same
    value); raises ValueError with a reason a person can read."""
    parsed = parse_key(key)
    if parsed is None:
        raise ValueError(f"{key!r} is not a key Tend stores records under")
    if parsed.version == CURRENT:
        parsed = parse_key(record_form_key(parsed))
        assert parsed is not None
    return decode_parsed(parsed, value)


def decode_parsed(parsed: StoredKey, value: str) -> Record:
    """``decode`` of a key already parsed, in the record form."""
    if parsed.version > RECORD_FORM:
        raise ValueError(f"{parsed.kind} record is not in the record form (tend/v3/)")
    if parsed.version < RECORD_FORM:
        raise ValueError(f"{parsed.kind} record of an earlier version (migrate it first)")
    model = KINDS.get(parsed.kind)
    if model is None:
        raise ValueError(f"unknown record kind {parsed.kind!r}")
    # A value that names its own id as well is damaged: the later duplicate wins and
    # cannot match.
    if not _PLAIN_ID.fullmatch(parsed.record_id) or not value.startswith("{"):
        raise ValueError(f"damaged {parsed.kind} record (not a record of this version)")
    try:
        record = model.model_validate_json(_with_id(parsed.record_id, value))
    except ValidationError as error:
        problems = error.error_count()
        fields = "1 field" if problems == 1 else f"{problems} fields"
        raise ValueError(f"damaged {parsed.kind} record: {fields} cannot be read") from None
    if record.id != parsed.record_id:
        raise ValueError(f"damaged {parsed.kind} record (not a record of this version)")
    return record


def is_damaged(key: str, value: str) -> bool:
    """Whether a stored entry is one the app sets aside at start (a
    ``core.storage.loading.StorageProblem``)."""
    try:
        decode(key, value)
    except ValueError:
        return True
    return False


def record_form_key(parsed: StoredKey) -> str:
    """The record-form key of a stored key; ValueError for an unknown kind."""
    found = record_key(parsed)
    if found is None:
        raise ValueError(f"unknown record kind {parsed.kind!r}")
    return found


def decode_together(kind: str, members: list[tuple[str, str, str]]) -> list[Record] | None:
    """A pack's records of one kind (key, id, value), read as one JSON list (the daily
    start at 5,000 people took 738 ms in Pyodide against 932 reading them one by one).
    None when any of them is not as ``decode_parsed`` would accept it; they are then
    read one by one, to tell which."""
    adapter = _LISTS.get(kind)
    if (adapter is None or not _PLAIN_IDS.fullmatch("\n".join(m[1] for m in members))
            or not all(m[2].startswith("{") for m in members)):
        return None
    try:
        records = adapter.validate_json(f"[{','.join(_with_id(i, v) for _, i, v in members)}]")
    except ValidationError:
        return None
    # A damaged value could close its object and open another: the list would not match.
    if len(records) != len(members):
        return None
    if any(r.id != m[1] for r, m in zip(records, members, strict=True)):
        return None
    return records
