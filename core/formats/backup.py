"""The JSON backup: every stored record in one file, and how two backups merge.

A backup is how a user's network leaves the browser: to keep it safe, to move it to a
new device, or to use Tend on a laptop and a phone without losing anything. So the
format is plain JSON a person can read, versioned, and mergeable record by record.

The format (``version`` 3)::

    {
      "format": "tend-backup",
      "version": 3,
      "exported_at": "2026-11-25T09:30:00Z",
      "records": {
        "tend/v3/contact/ana": {"added_on": "2026-01-05", "layer": "close", "name": "Ana",
                                "updated_at": "2026-11-25T09:30:00Z"},
        "tend/v3/contact/ben": {"added_on": "2026-01-05", "deleted_at": "2026-11-20T08:00:00Z",
                                "name": "Ben", "updated_at": "2026-11-20T08:00:00Z"}
      },
      "damaged": {"tend/v3/contact/cy": "{\\"name\\":\\"Cy\\""}
    }

- ``records`` maps each storage key (``tend/v3/<kind>/<id>``, see ``core.storage.codec``) to
  the record in its stored form, keys sorted, fields sorted. The key carries the id. Every kind in
  ``core.storage.codec.KINDS`` travels, so kinds added later are covered without a change here.
- Tombstones (records with ``deleted_at``) are included: that is how a deletion reaches
  the other device.
- ``damaged`` (present only when needed) keeps, verbatim, stored entries this version
  could not read. Refusing to export would leave the user without a backup exactly when
  storage is in trouble, and dropping them would lose data; so they travel as they are,
  and are written back as they are.
- Storage keys outside Tend's layouts (other apps' keys) and of a newer layout
  (``tend/v4/...``) are not part of the backup: the app that understands them exports
  them. Entries of an earlier layout are exported migrated (``core.storage.migrations``).
- Version 1 files (Tend 1: ``tend/v1/`` keys whose values repeat ``id`` and ``schema``)
  and version 2 files (``tend/v2/`` keys, one ``group`` per person and a ``work`` line)
  are still read; their records are migrated on the way in.

Merging is last writer wins, per record: for each key the copy with the later
``updated_at`` is kept. A tombstone is a record like any other, so a deletion made after
an edit on the other device wins, and an edit made after a deletion brings the person
back. Equal times are settled by comparing the stored JSON, so ``merge(a, b)`` and
``merge(b, a)`` agree. A readable record replaces a damaged copy of the same key.
A time written without a zone counts as UTC.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, StrictInt, ValidationError

from core.json_text import JsonError, parse_json
from core.model import Record
from core.storage.codec import KINDS, LAYOUT, decode, encode, key_for, stored_form
from core.storage.loading import load_network
from core.storage.migrations import CURRENT, RECORD_FORM, MigrationError, migrate, parse_key

FORMAT = "tend-backup"
VERSION = 3
T = TypeVar("T")
NEWER = "this backup was made by a newer version of Tend; update Tend to open it"


class BackupError(ValueError):
    """A backup this version cannot take in, with a message written for the user."""


@dataclass(frozen=True)
class Backup:
    """A backup in memory: every record by storage key, and what could not be read."""

    exported_at: datetime
    records: Mapping[str, Record] = field(default_factory=dict)
    damaged: Mapping[str, str] = field(default_factory=dict)


class _File(BaseModel):
    """The file's outer shape; each record is validated against its own kind after."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: str
    version: StrictInt
    exported_at: datetime
    records: dict[str, dict[str, Any]]
    damaged: dict[str, str] = {}


def backup_of(entries: Mapping[str, str], exported_at: datetime) -> Backup:
    """Take the stored entries as they are: readable records parsed (tombstones too, and
    earlier layouts migrated), the rest kept verbatim."""
    loaded = load_network(entries, rewrite=False)
    unreadable = {problem.key for problem in loaded.problems}
    records = {key: decode(key, value) for key, value in sorted(loaded.entries.items())
               if key not in unreadable}
    damaged = {key: loaded.entries[key] for key in sorted(unreadable)}
    return Backup(exported_at, records, damaged)


def dump_backup(backup: Backup) -> str:
    """The backup file's text: the same backup always gives the same bytes."""
    records = {key: _sorted_fields(encode(backup.records[key])) for key in sorted(backup.records)}
    damaged = {key: backup.damaged[key] for key in sorted(backup.damaged)}
    document = _File(format=FORMAT, version=VERSION, exported_at=backup.exported_at,
                     records=records, damaged=damaged)
    data = document.model_dump(mode="json", exclude=None if damaged else {"damaged"})
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def export_backup(entries: Mapping[str, str], exported_at: datetime) -> str:
    """A full backup of the stored entries, as the text of the file to save.

    >>> from datetime import UTC
    >>> from core.network import DEFAULT_SETTINGS
    >>> from core.storage.codec import encode, key_for
    >>> text = export_backup({key_for(DEFAULT_SETTINGS): encode(DEFAULT_SETTINGS)},
    ...                      datetime(2026, 11, 25, tzinfo=UTC))
    >>> entries_of(read_backup(text)) == {key_for(DEFAULT_SETTINGS): encode(DEFAULT_SETTINGS)}
    True
    """
    return dump_backup(backup_of(entries, exported_at))


def read_backup(text: str | bytes) -> Backup:
    """Parse and check a backup file; anything wrong raises a BackupError naming where."""
    data = _json_object(text)
    if data.get("format") != FORMAT:
        raise BackupError("this is not a Tend backup (it has no \"format\": \"tend-backup\")")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise BackupError(f"{NEWER} (backup format {version}; this Tend reads {VERSION})")
    try:
        file = _File.model_validate(data)
    except ValidationError as error:
        raise BackupError(_describe(error)) from None
    if file.version < 1:
        raise BackupError(f"backup format {file.version} does not exist")
    records: dict[str, Record] = {}
    for key, value in sorted(file.records.items()):
        record = _record(key, value)
        current = key_for(record)
        if current not in records or _written(record) > _written(records[current]):
            records[current] = record
    for key in sorted(file.damaged):
        _check_key(key)
        if key in records:
            raise BackupError(f"record {key}: it is listed both as readable and as damaged")
    return Backup(file.exported_at, records, dict(sorted(file.damaged.items())))


def merge(a: Backup, b: Backup) -> Backup:
    """Both devices' records in one backup: per key, the later write wins (see above)."""
    records = {
        key: max(_copies(key, a.records, b.records), key=_written)
        for key in sorted(a.records.keys() | b.records.keys())
    }
    damaged = {
        key: max(_copies(key, a.damaged, b.damaged))
        for key in sorted(a.damaged.keys() | b.damaged.keys())
        if key not in records
    }
    exported_at = max(a.exported_at, b.exported_at, key=lambda t: (_instant(t), t.isoformat()))
    return Backup(exported_at, records, damaged)


def entries_of(backup: Backup) -> dict[str, str]:
    """The storage writes that put the backup's records in place, damaged ones verbatim."""
    entries = {key: encode(record) for key, record in backup.records.items()}
    entries.update(backup.damaged)
    return dict(sorted(entries.items()))


def _json_object(text: str | bytes) -> dict[str, Any]:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BackupError(f"byte {error.start}: the file is not UTF-8 text") from None
    if not text.strip():
        raise BackupError("the file is empty")
    try:
        data = parse_json(text)
    except JsonError as error:
        raise BackupError(f"{error} (the file is not valid JSON)") from None
    if not isinstance(data, dict):
        raise BackupError("this is not a Tend backup (it is not a JSON object)")
    return data


def _record(key: str, value: dict[str, Any]) -> Record:
    """One record, checked against its kind and its key; earlier layouts are migrated."""
    parsed, kind = parse_key(key), _check_key(key)
    if parsed is not None and parsed.version > RECORD_FORM:
        raise BackupError(f"record {key}: a backup names each record as "
                          f"{LAYOUT}<kind>/<id>; this one is a storage key")
    model = KINDS.get(kind)
    if parsed is None or model is None:
        raise BackupError(f"record {key}: this Tend does not know {kind!r} records; "
                          "the backup may come from a newer version of Tend")
    data = value
    if parsed.version < RECORD_FORM:
        try:
            data = json.loads(migrate(key, json.dumps(value), to=RECORD_FORM)[1])
        except MigrationError as error:
            raise BackupError(f"record {key}: {error}") from None
    elif data.get("id", parsed.record_id) != parsed.record_id:
        raise BackupError(f"record {key}: it names the id {data['id']!r}, "
                          "which does not match the key")
    try:
        return model.model_validate({**data, "id": parsed.record_id})
    except ValidationError as error:
        raise BackupError(f"record {key}: {_describe(error)}") from None


def _check_key(key: str) -> str:
    """The kind a storage key names; keys of another app or a newer layout are refused
    (layout 4's keys only travel as damaged entries: a damaged pack, say)."""
    parsed = parse_key(key)
    if parsed is not None and parsed.version > CURRENT:
        raise BackupError(f"record {key}: {NEWER}")
    if parsed is None:
        raise BackupError(f"record {key}: not a key Tend stores (expected {LAYOUT}<kind>/<id>)")
    return parsed.kind


def _describe(error: ValidationError) -> str:
    """The first problem pydantic found, as 'where: what', and how many more there are."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    more = error.error_count() - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{where or 'backup'}: {first['msg']}{tail}"


def _sorted_fields(stored: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(stored)
    return dict(sorted(data.items()))


def _copies(key: str, *sides: Mapping[str, T]) -> list[T]:
    return [side[key] for side in sides if key in side]


def _written(record: Record) -> tuple[timedelta, str]:
    """When a copy was written, then its stored form, so equal times still have one winner."""
    return (_instant(record.updated_at), stored_form(record))


def _instant(moment: datetime) -> timedelta:
    """A comparable point in time (naive times count as UTC); never overflows at the edges."""
    offset = moment.utcoffset() or timedelta(0)
    return moment.replace(tzinfo=None) - datetime.min - offset

