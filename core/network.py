"""The network in memory: every live record by id, and what is derived from them.

It is what every rule, view and action reads. It knows nothing of how records are
stored (``core.storage.codec``) or shown; a deletion (a tombstone) takes a record out
of view, never out of storage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, TypeVar

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

    def last_contact_estimated(self, contact_id: str) -> bool:
        """Whether the latest interaction's day is a guess the user made on Start."""
        history = self.history.get(contact_id) or []
        return bool(history) and history[0].estimated

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
