"""How records map onto the browser's key-value storage, one key per record.

One key per record keeps an edit's write O(1) in bytes whatever the network size. The
key names the layout version and the record kind, ``tend/v1/contact/<id>``, so a
newer layout written by another device is recognised instead of misread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from pydantic import ValidationError

from core.model import SCHEMA_VERSION, Contact, Interaction, Record

PREFIX = "tend/"
LAYOUT = f"{PREFIX}v{SCHEMA_VERSION}/"
KINDS: dict[str, type[Record]] = {"contact": Contact, "interaction": Interaction}
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Network:
    """Every live record, by id. Deleted records stay out of the maps, never out of storage."""

    contacts: Mapping[str, Contact] = field(default_factory=dict)
    interactions: Mapping[str, Interaction] = field(default_factory=dict)

    def with_record(self, record: Record) -> Network:
        """The network after one record was written (a tombstone removes it from view)."""
        if isinstance(record, Contact):
            return replace(self, contacts=_upsert(self.contacts, record))
        if isinstance(record, Interaction):
            return replace(self, interactions=_upsert(self.interactions, record))
        raise TypeError(f"not a record Tend stores: {type(record).__name__}")

    def interactions_with(self, contact_id: str) -> list[Interaction]:
        """A contact's interactions, newest first."""
        found = [i for i in self.interactions.values() if i.contact_id == contact_id]
        return sorted(found, key=lambda i: (i.on, i.updated_at), reverse=True)


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
    """The stored form of a record: compact JSON, no empty optional fields."""
    data = record.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def decode(key: str, value: str) -> Record:
    """Parse one stored entry; raises ValueError with a reason a person can read."""
    kind = key.removeprefix(LAYOUT).split("/", 1)[0]
    model = KINDS.get(kind)
    if model is None:
        raise ValueError(f"unknown record kind {kind!r}")
    try:
        return model.model_validate_json(value)
    except ValidationError as error:
        raise ValueError(f"damaged {kind} record ({error.error_count()} problem(s))") from None


def load_network(entries: Mapping[str, str] | Iterable[tuple[str, str]]) -> Loaded:
    """Build the network from stored entries, setting aside what cannot be read.

    Entries of a newer layout are not parsed at all: ``newer_data`` tells the app to
    stay read-only rather than overwrite data it does not understand.
    """
    pairs = entries.items() if isinstance(entries, Mapping) else entries
    network = Network()
    problems: list[StorageProblem] = []
    newer = False
    for key, value in sorted(pairs):
        if not key.startswith(PREFIX):
            continue
        if not key.startswith(LAYOUT):
            newer = newer or _is_newer_layout(key)
            continue
        try:
            network = network.with_record(decode(key, value))
        except ValueError as error:
            problems.append(StorageProblem(key, str(error)))
    return Loaded(network, tuple(problems), newer)


def _is_newer_layout(key: str) -> bool:
    version = key.removeprefix(PREFIX).split("/", 1)[0]
    return version.startswith("v") and version[1:].isdigit() and int(version[1:]) > SCHEMA_VERSION
