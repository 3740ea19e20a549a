"""Records for tests, built the way the app builds them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from core.model import Contact, Interaction, Layer

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def contact(name: str, *, layer: Layer = Layer.ACTIVE, added_on: date = date(2026, 1, 5),
            id: str | None = None, **fields: str) -> Contact:
    return Contact(id=id or name.lower().replace(" ", "-"), name=name, layer=layer,
                   added_on=added_on, updated_at=NOW, **fields)


def interaction(contact_id: str, on: date, note: str = "", id: str | None = None) -> Interaction:
    return Interaction(id=id or f"{contact_id}-{on.isoformat()}", contact_id=contact_id, on=on,
                       note=note, updated_at=NOW)

