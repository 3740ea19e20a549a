"""Records for tests, built the way the app builds them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import count
from typing import Any

from core.model import (
    Contact,
    DateKind,
    Favour,
    FavourDirection,
    ImportantDate,
    Interaction,
    InteractionKind,
    Layer,
    Record,
    Settings,
    TargetNetwork,
)
from core.network import Network

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def contact(name: str, *, layer: Layer = Layer.ACTIVE, added_on: date = date(2026, 1, 5),
            id: str | None = None, **fields: str) -> Contact:
    return Contact(id=id or name.lower().replace(" ", "-"), name=name, layer=layer,
                   added_on=added_on, updated_at=NOW, **fields)


def interaction(contact_id: str, on: date, note: str = "", id: str | None = None) -> Interaction:
    return Interaction(id=id or f"{contact_id}-{on.isoformat()}", contact_id=contact_id, on=on,
                       note=note, updated_at=NOW)



def person(name: str, **fields: Any) -> Contact:
    """A contact with any field set (weak tie, targets, an interval), validated as stored."""
    return Contact.model_validate({**contact(name).model_dump(), **fields})


def logged(contact_id: str, on: date, kind: InteractionKind = InteractionKind.MESSAGE, *,
           where: str = "", note: str = "", id: str | None = None) -> Interaction:
    """An interaction of a given kind, with where it happened and what was said (P9)."""
    return Interaction(id=id or f"{contact_id}-{kind.value}-{on.isoformat()}",
                       contact_id=contact_id, on=on, kind=kind, where=where, note=note,
                       updated_at=NOW)


_favour_ids = count(1)


def favour(contact_id: str, direction: FavourDirection, what: str = "An introduction", *,
           on: date = TODAY, id: str | None = None) -> Favour:
    return Favour(id=id or f"favour{next(_favour_ids)}", contact_id=contact_id,
                  direction=direction, what=what, on=on, updated_at=NOW)


def important_date(contact_id: str, kind: DateKind, month: int, day: int, *,
                   year: int | None = None, label: str = "", id: str | None = None
                   ) -> ImportantDate:
    return ImportantDate(id=id or f"{contact_id}-{kind.value}-{month}-{day}",
                         contact_id=contact_id, kind=kind, month=month, day=day, year=year,
                         label=label, updated_at=NOW)


def target(name: str, *, active: bool = True, value_proposition: str = "",
           id: str | None = None) -> TargetNetwork:
    return TargetNetwork(id=id or name.lower().replace(" ", "-"), name=name, active=active,
                         value_proposition=value_proposition, updated_at=NOW)


def settings(**fields: int) -> Settings:
    return Settings(id="settings", updated_at=NOW, **fields)


def network_of(*records: Record) -> Network:
    """The network the app would hold after storing these records in this order."""
    network = Network()
    for record in records:
        network = network.with_record(record)
    return network


@dataclass(frozen=True)
class Clock:
    """The context the shell sends with every action: today, now, a fresh id, storage."""

    today: date = TODAY
    now: datetime = NOW
    new_id: str = "new"
    entries: Mapping[str, str] = field(default_factory=dict)
    page: str = ""
