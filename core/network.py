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
from itertools import count
from typing import Any, TypeVar, cast

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
        after = replace(self, **changes)
        _carry_indexes(self, after, record)
        return after

    @cached_property
    def serial(self) -> int:
        """This network's number, unique while the app runs: what ``kept`` values name."""
        return next(_SERIALS)

    @cached_property
    def kept(self) -> dict[Any, Any]:
        """Values worked out per person, shared by every network written from this one,
        with each write's ``touched_people`` under ``"writes"`` (by the serial after the
        write: the serial before, the people): a value worked out for an earlier network
        of the line holds for everyone no write since has touched."""
        return {}

    @cached_property
    def derived(self) -> dict[Any, Any]:
        """Values the rules work out from this network, kept while it lives: a network
        never changes (a write makes a new one), so they never go stale."""
        return {}

    @cached_property
    def people(self) -> list[Contact]:
        """Contacts the user keeps (not let go), in a stable order."""
        kept = [c for c in self.contacts.values() if not c.archived]
        return sorted(kept, key=lambda c: (c.name.casefold(), c.id))

    @cached_property
    def history(self) -> dict[str, list[Interaction]]:
        """Each contact's interactions, newest first, grouped in one pass."""
        return _grouped(self.interactions.values(), key=_history_order, newest_first=True)

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
        return _grouped(self.favours.values(), key=_favour_order, newest_first=True)

    @cached_property
    def _dates_by_contact(self) -> dict[str, list[ImportantDate]]:
        return _grouped(self.dates.values(), key=_date_order)


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


_SERIALS = count()
KEPT_WRITES = 512  # the writes remembered in ``Network.kept``, the newest


def touched_people(before: Network, record: Record) -> frozenset[str] | None:
    """The people whose own records a write changes, by id; None when it changes what
    everyone's verdicts are worked out from (a target network, the settings, the pitch).
    A person's own records: their details, history, favours, dates and plan, and the
    details of whoever introduced them or was introduced by them (a name is said)."""
    if isinstance(record, Settings | Pitch | TargetNetwork):
        return None
    if isinstance(record, AgendaDecision):
        return frozenset()
    if isinstance(record, Plan):
        return frozenset({record.id})
    if isinstance(record, Contact):
        old = before.contacts.get(record.id)
        introduced = {c.id for c in before.contacts.values() if c.introduced_by == record.id}
        return frozenset({record.id, *introduced,
                          *(c.introduced_by for c in (old, record) if c and c.introduced_by)})
    written = cast(Any, record)
    old_one = getattr(before, _FIELDS[type(record)]).get(record.id)
    return frozenset({written.contact_id, *([old_one.contact_id] if old_one else [])})


def _carry_indexes(before: Network, after: Network, record: Record) -> None:
    """Give the network after one write the indexes already worked out before it, with
    only the written record's contact regrouped: one write costs one person's history,
    not everyone's. An index not yet worked out is left to be worked out when read."""
    known, carried = before.__dict__, after.__dict__
    if "kept" in known:
        kept = carried["kept"] = known["kept"]
        writes = kept.setdefault("writes", {})
        writes[after.serial] = (before.serial, touched_people(before, record))
        while len(writes) > KEPT_WRITES:
            del writes[next(iter(writes))]
    if "people" in known and not isinstance(record, Contact):
        carried["people"] = known["people"]
    for index, of, kind, order, newest_first in _INDEXES:
        if index not in known:
            continue
        if not isinstance(record, kind):
            carried[index] = known[index]
            continue
        grouped, written = dict(known[index]), cast(Any, record)
        old = getattr(before, of).get(record.id)
        live = getattr(after, of).get(record.id)
        for contact_id in {written.contact_id, old.contact_id if old else written.contact_id}:
            own = [r for r in grouped.get(contact_id, ()) if r.id != record.id]
            if live is not None and live.contact_id == contact_id:
                own.append(live)
            own.sort(key=order, reverse=newest_first)
            if own:
                grouped[contact_id] = own
            else:
                grouped.pop(contact_id, None)
        carried[index] = grouped


def _history_order(i: Interaction) -> tuple[date, datetime, str]:
    return (i.on, i.updated_at, i.id)


def _favour_order(f: Favour) -> tuple[date, str]:
    return (f.on, f.id)


def _date_order(d: ImportantDate) -> tuple[int, int, str]:
    return (d.month, d.day, d.id)


# Each index by contact: its name, the map it groups, the record kind, order, newest first.
_INDEXES: tuple[tuple[str, str, type, Callable[[Any], Any], bool], ...] = (
    ("history", "interactions", Interaction, _history_order, True),
    ("_favours_by_contact", "favours", Favour, _favour_order, True),
    ("_dates_by_contact", "dates", ImportantDate, _date_order, False),
)


def _upsert(records: Mapping[str, R], record: R) -> dict[str, R]:
    updated = dict(records)
    if record.is_deleted:
        updated.pop(record.id, None)
    else:
        updated[record.id] = record
    return updated


def network_of(records: Iterable[Record]) -> Network:
    """A network from many records at once: one pass, where ``with_record`` copies each time."""
    maps: dict[type[Record], dict[str, Record]] = {kind: {} for kind in _FIELDS}
    singles: dict[type[Record], Record] = {}
    for record in records:
        kind = type(record)
        if kind is Settings or kind is Pitch:
            singles[kind] = record
        elif not record.is_deleted:
            maps[kind][record.id] = record
    fields = {_FIELDS[kind]: found for kind, found in maps.items()}
    network = replace(Network(), **fields)  # type: ignore[arg-type]
    for record in singles.values():
        network = network.with_record(record)
    return network
