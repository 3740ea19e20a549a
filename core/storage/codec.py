"""How records map onto the browser's key-value storage, one key per record.

One key per record keeps an edit's write O(1) in bytes whatever the network size. The
key names the layout version, the record kind and the id, ``tend/v3/contact/<id>``, so a
newer layout written by another device is recognised instead of misread, and the value
holds only what the key does not say: compact JSON without the id and without fields
left at their defaults. Entries of an earlier layout are read through
``core.storage.migrations`` and rewritten in the current one (see ``Loaded.upgrade``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

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
from core.network import Network, network_of
from core.storage.migrations import (
    CURRENT,
    MigrationError,
    StoredKey,
    layout,
    layout_version,
    migrate,
    parse_key,
)

LAYOUT = layout(CURRENT)
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # RecordId's pattern: nothing to escape in JSON
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


class UnstorableRecord(ValueError):
    """A record that would not load again, refused before it is written; the message
    says, for the user, what to change."""


@dataclass(frozen=True)
class StorageProblem:
    """A stored entry Tend could not use; it is reported and left untouched in storage."""

    key: str
    message: str


@dataclass(frozen=True)
class Write:
    """One entry for the shell to store under ``key``; ``value`` None removes it."""

    key: str
    value: str | None


@dataclass(frozen=True)
class Rewrite:
    """One record's move from an earlier layout's entry to the current one.

    It is a compare-and-set: the shell applies it only while storage still holds what
    was read at start-up (``old_value`` under ``old_key``, ``new_before`` under
    ``new_key``), so an edit another tab made meanwhile is never overwritten. The new
    entry is written before the old one is removed; ``new_value`` is None when the
    current layout already holds a later copy and only the old entry goes.
    """

    old_key: str
    old_value: str
    new_key: str
    new_before: str | None
    new_value: str | None


@dataclass(frozen=True)
class Loaded:
    """The network, what could not be read, and how to finish moving old entries forward.

    ``entries`` are the current layout's entries, old ones included as migrated, so the
    app works the same before and after storage is rewritten; entries that could not be
    read are in it verbatim, under their own keys, so they still travel in backups.
    ``upgrade`` rewrites storage in the current layout, record by record, and ``sources``
    names the old key each migrated entry still lives under until then.
    """

    network: Network
    problems: tuple[StorageProblem, ...] = ()
    newer_data: bool = False
    entries: Mapping[str, str] = field(default_factory=dict)
    upgrade: tuple[Rewrite, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)


def key_for(record: Record) -> str:
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
    """Parse one entry of the current layout; raises ValueError with a reason a person
    can read."""
    parsed = parse_key(key)
    if parsed is None:
        raise ValueError(f"{key!r} is not a key Tend stores records under")
    return _decode(parsed, value)


def _decode(parsed: StoredKey, value: str) -> Record:
    if parsed.version > CURRENT:
        raise ValueError(f"{parsed.kind} record from a newer version of Tend")
    if parsed.version < CURRENT:
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
    """Whether a stored entry is one the app sets aside at start (a StorageProblem)."""
    try:
        decode(key, value)
    except ValueError:
        return True
    return False


def load_network(entries: Mapping[str, str] | Iterable[tuple[str, str]]) -> Loaded:
    """Build the network from stored entries, setting aside what cannot be read.

    Entries of a newer layout are not parsed at all: ``newer_data`` tells the app to
    stay read-only rather than overwrite data it does not understand. Entries of an
    earlier layout are migrated; when a record is stored in both, the later write wins.
    """
    pairs = entries.items() if isinstance(entries, Mapping) else entries
    current: dict[str, Record] = {}
    values: dict[str, str] = {}
    old: list[tuple[str, str, str, Record]] = []
    problems: dict[str, StorageProblem] = {}
    newer = False
    for key, value in sorted(pairs):
        version = layout_version(key)
        if version is None:
            continue
        if version > CURRENT:
            newer = True
            continue
        parsed = parse_key(key)
        try:
            if parsed is None:
                raise ValueError("not a key Tend stores records under")
            if parsed.version == CURRENT:
                current[key], values[key] = _decode(parsed, value), value
            else:
                new_key, new_value = migrate(key, value)
                old.append((key, value, new_value, decode(new_key, new_value)))
        except ValueError as error:
            kind = parsed.kind if parsed else "unknown"
            problems[key] = StorageProblem(key, _problem(kind, error))
            values[key] = value
    upgrade: list[Rewrite] = []
    sources: dict[str, str] = {}
    for old_key, old_value, new_value, record in old:
        new_key = key_for(record)
        kept = current.get(new_key)
        if new_key in problems:
            # The current copy is damaged and quarantined: leave both entries untouched.
            problems[old_key] = StorageProblem(
                old_key, f"kept as it is: the newer copy, {new_key}, is damaged")
            values[old_key] = old_value
        elif kept is None or record.updated_at > kept.updated_at:
            upgrade.append(Rewrite(old_key, old_value, new_key, values.get(new_key), new_value))
            current[new_key], values[new_key], sources[new_key] = record, new_value, old_key
        else:
            upgrade.append(Rewrite(old_key, old_value, new_key, values[new_key], None))
    return Loaded(network_of(current.values()), tuple(problems.values()), newer, values,
                  tuple(upgrade), sources)


def _problem(kind: str, error: ValueError) -> str:
    if isinstance(error, MigrationError):
        return f"damaged {kind} record of an earlier version ({error})"
    return str(error)
