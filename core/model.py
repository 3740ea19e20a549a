"""The records Tend stores: contacts and the interactions logged with them.

Every record carries a schema version, a stable id, ``updated_at`` and, once deleted,
a ``deleted_at`` tombstone, so that two copies of the data can be merged record by
record without resurrecting or losing anything. Derived facts (last contact, what is
due) are never stored: they are computed from these records.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]


class Layer(StrEnum):
    """How close a tie is: the nested circles of roughly 5, 15, 50 and 150 (P1)."""

    INNER = "inner"
    CLOSE = "close"
    ACTIVE = "active"
    WIDER = "wider"

    @property
    def label(self) -> str:
        return LAYER_LABELS[self]

    @property
    def capacity(self) -> int:
        return LAYER_CAPACITY[self]


LAYER_LABELS: dict[Layer, str] = {
    Layer.INNER: "Inner circle",
    Layer.CLOSE: "Close friends & allies",
    Layer.ACTIVE: "Active network",
    Layer.WIDER: "Wider network",
}
LAYER_CAPACITY: dict[Layer, int] = {
    Layer.INNER: 5,
    Layer.CLOSE: 15,
    Layer.ACTIVE: 50,
    Layer.WIDER: 150,
}


class Record(BaseModel):
    """What every stored record has, so storage and merging can treat them alike."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_version: int = Field(default=SCHEMA_VERSION, alias="schema")
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
    updated_at: datetime
    deleted_at: datetime | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Contact(Record):
    """A person in the user's network."""

    name: Name
    how_met: ShortText = ""
    group: ShortText = ""
    layer: Layer = Layer.ACTIVE
    added_on: date


class Interaction(Record):
    """One time the user was in touch with a contact, and what it was about (P9)."""

    contact_id: str
    on: date
    note: Note = ""
