"""How records map onto the browser's key-value storage, one key per record.

One key per record keeps an edit's write O(1) in bytes whatever the network size. The
key names the layout version and the record kind, ``tend/v1/contact/<id>``, so a
newer layout written by another device is recognised instead of misread.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, TypeVar

from pydantic import ValidationError

from core.model import (
    SCHEMA_VERSION,
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

PREFIX = "tend/"
LAYOUT = f"{PREFIX}v{SCHEMA_VERSION}/"
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
R = TypeVar("R", bound=Record)
G = TypeVar("G", Interaction, Favour, ImportantDate)
NEVER = datetime(2000, 1, 1, tzinfo=UTC)
DEFAULT_SETTINGS = Settings(id="settings", updated_at=NEVER)
NO_PITCH = Pitch(id="pitch", updated_at=NEVER)


@dataclass(frozen=True)
class Network:
    """Every live record, by id. Deleted records stay out of the maps, never out of storage."""

    contacts: Mapping[str, Contact] = field(default_factory=dict)
    interactions: Mapping[str, Interaction] = field(default_factory=dict)
    favours: Mapping[str, Favour] = field(default_factory=dict)
    dates: Mapping[str, ImportantDate] = field(default_factory=dict)
    targets: Mapping[str, TargetNetwork] = field(default_factory=dict)
    decisions: Mapping[str, AgendaDecision] = field(default_factory=dict)
    plans: Mapping[str, Plan] = field(default_factory=dict)
    settings: Settings = DEFAULT_SETTINGS
    pitch: Pitch = NO_PITCH

    def with_record(self, record: Record) -> Network:
        """The network after one record was written (a tombstone removes it from view)."""
        if isinstance(record, Settings):
            return replace(self, settings=DEFAULT_SETTINGS if record.is_deleted else record)
        if isinstance(record, Pitch):
            return replace(self, pitch=NO_PITCH if record.is_deleted else record)
        name = _FIELDS[type(record)]
        changes: dict[str, Any] = {name: _upsert(getattr(self, name), record)}
        return replace(self, **changes)

    @cached_property
    def people(self) -> list[Contact]:
        """Contacts the user keeps (not let go), in a stable order."""
        kept = [c for c in self.contacts.values() if not c.archived]
        return sorted(kept, key=lambda c: (c.name.casefold(), c.id))

    @cached_property
    def history(self) -> dict[str, list[Interaction]]:
        """Each contact's interactions, newest first, grouped in one pass."""
        return _grouped(self.interactions.values(), key=lambda i: (i.on, i.updated_at, i.id),
                        newest_first=True)

    def last_contact_on(self, contact_id: str) -> date | None:
        """The day of the latest interaction with a contact, derived, never stored."""
        history = self.history.get(contact_id)
        return history[0].on if history else None

    def interactions_with(self, contact_id: str) -> list[Interaction]:
        """A contact's interactions, newest first."""
        return self.history.get(contact_id, [])

    def favours_with(self, contact_id: str) -> list[Favour]:
        """A contact's favours, newest first."""
        return self._favours_by_contact.get(contact_id, [])

    def dates_of(self, contact_id: str) -> list[ImportantDate]:
        """A contact's dates in calendar order."""
        return self._dates_by_contact.get(contact_id, [])

    @cached_property
    def _favours_by_contact(self) -> dict[str, list[Favour]]:
        return _grouped(self.favours.values(), key=lambda f: (f.on, f.id), newest_first=True)

    @cached_property
    def _dates_by_contact(self) -> dict[str, list[ImportantDate]]:
        return _grouped(self.dates.values(), key=lambda d: (d.month, d.day, d.id))


def _grouped(records: Iterable[G], key: Callable[[G], Any],
             newest_first: bool = False) -> dict[str, list[G]]:
    """Records grouped by contact in one pass, each group sorted: O(n), not O(n) per contact."""
    grouped: dict[str, list[G]] = defaultdict(list)
    for record in records:
        grouped[record.contact_id].append(record)
    for items in grouped.values():
        items.sort(key=key, reverse=newest_first)
    return dict(grouped)


_FIELDS: dict[type[Record], str] = {
    Contact: "contacts",
    Interaction: "interactions",
    Favour: "favours",
    ImportantDate: "dates",
    TargetNetwork: "targets",
    AgendaDecision: "decisions",
    Plan: "plans",
}


def _upsert(records: Mapping[str, R], record: R) -> dict[str, R]:
    updated = dict(records)
    if record.is_deleted:
        updated.pop(record.id, None)
    else:
        updated[record.id] = record
    return updated


@dataclass(frozen=True)
class StorageProblem:
    """A stored entry Tend could not use; it is reported and left untouched in storage."""

    key: str
    message: str


@dataclass(frozen=True)
class Loaded:
    network: Network
    problems: tuple[StorageProblem, ...] = ()
    newer_data: bool = False


def key_for(record: Record) -> str:
    kind = next(name for name, model in KINDS.items() if isinstance(record, model))
    return f"{LAYOUT}{kind}/{record.id}"


def encode(record: Record) -> str:
    """The stored form of a record: compact JSON without default values (they are
    restored on reading), but always with its schema version."""
    data = {"schema": record.schema_version,
            **record.model_dump(mode="json", by_alias=True, exclude_defaults=True)}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def decode(key: str, value: str) -> Record:
    """Parse one stored entry; raises ValueError with a reason a person can read."""
    kind, _, record_id = key.removeprefix(LAYOUT).partition("/")
    model = KINDS.get(kind)
    if model is None:
        raise ValueError(f"unknown record kind {kind!r}")
    try:
        record = model.model_validate_json(value)
    except ValidationError as error:
        raise ValueError(f"damaged {kind} record ({error.error_count()} problem(s))") from None
    if record.id != record_id:
        raise ValueError(f"damaged {kind} record (stored as {record_id!r}, names {record.id!r})")
    if record.schema_version > SCHEMA_VERSION:
        raise NewerRecord(f"{kind} record from a newer version of Tend")
    return record


class NewerRecord(ValueError):
    """A record written by a newer Tend: kept as it is, and the app turns read-only."""


def load_network(entries: Mapping[str, str] | Iterable[tuple[str, str]]) -> Loaded:
    """Build the network from stored entries, setting aside what cannot be read.

    Entries of a newer layout are not parsed at all: ``newer_data`` tells the app to
    stay read-only rather than overwrite data it does not understand.
    """
    pairs = entries.items() if isinstance(entries, Mapping) else entries
    records: list[Record] = []
    problems: list[StorageProblem] = []
    newer = False
    for key, value in sorted(pairs):
        if not key.startswith(PREFIX):
            continue
        if not key.startswith(LAYOUT):
            newer = newer or _is_newer_layout(key)
            continue
        try:
            records.append(decode(key, value))
        except NewerRecord:
            newer = True
        except ValueError as error:
            problems.append(StorageProblem(key, str(error)))
    return Loaded(network_of(records), tuple(problems), newer)


def network_of(records: Iterable[Record]) -> Network:
    """A network from many records at once: one pass, where ``with_record`` copies each time."""
    maps: dict[str, dict[str, Record]] = {name: {} for name in _FIELDS.values()}
    singles: dict[str, Record] = {}
    for record in records:
        if isinstance(record, Settings | Pitch):
            singles[type(record).__name__.lower()] = record
        elif not record.is_deleted:
            maps[_FIELDS[type(record)]][record.id] = record
    network = replace(Network(), **maps)  # type: ignore[arg-type]
    for record in singles.values():
        network = network.with_record(record)
    return network


def _is_newer_layout(key: str) -> bool:
    version = key.removeprefix(PREFIX).split("/", 1)[0]
    return version.startswith("v") and version[1:].isdigit() and int(version[1:]) > SCHEMA_VERSION
