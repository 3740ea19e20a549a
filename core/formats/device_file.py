"""A device's file in the sync folder: this device's full backup, signed with its digest.

The sync folder (one the user already syncs with Dropbox, iCloud Drive, Syncthing…) holds
one file per device, ``tend-device-<id>.json``, and each device writes only its own, so
two devices never write the same file and file-level conflicts cannot happen. Every
device reads the others' files and merges them record by record (``core.rules.sync``).

A sync client copies files while Tend reads them, so a file may be half there. A cut-off
JSON text rarely parses; one that does (or a file mangled some other way) does not match
its digest. Either way the file is refused whole and read again at the next sync: it is
never merged in part. The format (``version`` 1)::

    {
      "format": "tend-device",
      "version": 1,
      "device": {"id": "k3J9…", "name": "Laptop"},
      "written_at": "2026-12-02T09:30:00Z",
      "digest": "sha256:…",
      "backup": { …a tend-backup, core.formats.backup… }
    }

``digest`` is the SHA-256 of the backup's text exactly as embedded, so a device also knows,
without writing anything, that its file would not change (``digest_of``). The whole file
may be sealed with the user's passphrase (``core.formats.sealing``); a sealed file is
opened first and then read like this.

Rewriting the whole backup after every edit writes hundreds of kilobytes for one changed
record, so a device also keeps a changes file, ``tend-device-<id>.changes.json``: the
same format, holding only the records that differ from its full file, and naming that
file's digest in ``base``. A reader takes the changes in only together with the full file
they were made against; a changes file for another base is left alone (its records are
in the newer full file, or will be once that file has been copied). Both are merged by
the same per-record rule, so merging the full file and then its changes gives what the
full file of the whole would give. Earlier Tends ignore the changes file (its name is not
a device's) and read the full file only.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.formats.backup import Backup, BackupError, dump_backup, read_backup
from core.json_text import JsonError, parse_json

FORMAT = "tend-device"
VERSION = 1
# The rolling backups: one a day in this folder inside the sync folder, the last few kept.
BACKUP_FOLDER = "Tend backups"
KEEP_BACKUPS = 7
PREFIX, SUFFIX = "tend-device-", ".json"
CHANGES_SUFFIX = ".changes.json"
_JOIN = ', "backup": '  # the backup comes last, embedded exactly as it was digested
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class DeviceFileError(ValueError):
    """A device file that cannot be taken in now (half-copied, damaged, newer)."""


@dataclass(frozen=True)
class Device:
    """Who wrote a file: a random id made once per browser, and the name the user gave."""

    id: str
    name: str


@dataclass(frozen=True)
class DeviceFile:
    """One device's file, read and checked."""

    device: Device
    written_at: datetime
    digest: str
    backup: Backup
    base: str = ""  # a changes file: the digest of the full file it was made against


@dataclass(frozen=True)
class FolderFile:
    """A file for the shell to write into the sync folder (``folder`` "" is the folder
    itself, else a folder inside it); ``digest`` is what the shell sends back next time,
    so an unchanged network writes nothing."""

    name: str
    text: str
    folder: str = ""
    digest: str = ""


@dataclass(frozen=True)
class Arrival:
    """What one other device's file brought, for the device list on Your data: when that
    device last wrote it, how many records came in, or why it was not read this time."""

    device_id: str
    name: str
    written_at: str
    came_in: int
    refused: str = ""


@dataclass(frozen=True)
class SyncReport:
    """A sync's work for the shell: the files to write and the old backups to remove."""

    writes: tuple[FolderFile, ...] = ()
    removals: tuple[FolderFile, ...] = ()
    devices: tuple[Arrival, ...] = ()
    retry: bool = False  # a file was refused for now (half-copied): read again soon
    # The day of the newest rolling backup the folder keeps once the writes are done.
    backup_on: date | None = None


def is_device_id(text: str) -> bool:
    """Whether a device id is one Tend makes (and can put in a file name safely)."""
    return bool(_ID.fullmatch(text))


def file_name(device_id: str) -> str:
    """The one file this device writes: its id makes it its own.

    >>> file_name("abc")
    'tend-device-abc.json'
    """
    if not _ID.fullmatch(device_id):
        raise ValueError(f"not a device id: {device_id!r}")
    return f"{PREFIX}{device_id}{SUFFIX}"


def changes_name(device_id: str) -> str:
    """The device's changes file, beside its full file.

    >>> changes_name("abc")
    'tend-device-abc.changes.json'
    """
    return file_name(device_id).removesuffix(SUFFIX) + CHANGES_SUFFIX


def is_changes_file(name: str) -> bool:
    """Whether a name in the folder is a device's changes file.

    >>> is_changes_file("tend-device-abc.changes.json"), is_changes_file("tend-device-abc.json")
    (True, False)
    """
    full = name.removesuffix(CHANGES_SUFFIX) + SUFFIX
    return name.endswith(CHANGES_SUFFIX) and is_device_file(full)


def is_device_file(name: str) -> bool:
    """Whether a name in the folder is a device's file (not a rolling backup, not a note
    the user left there).

    >>> is_device_file("tend-device-abc.json"), is_device_file("tend-backup-2026-12-01.json")
    (True, False)
    """
    middle = name.removeprefix(PREFIX).removesuffix(SUFFIX)
    return name.startswith(PREFIX) and name.endswith(SUFFIX) and bool(_ID.fullmatch(middle))


def digest_of(backup_text: str) -> str:
    """The digest a device file carries for its backup's text."""
    return "sha256:" + hashlib.sha256(backup_text.encode()).hexdigest()


def dump_device_file(device: Device, backup: Backup, written_at: datetime,
                     base: str = "") -> tuple[str, str]:
    """The file's text and its digest. The backup is dumped once and embedded exactly
    as it was digested. With ``base``, a changes file made against that full file."""
    backup_text = dump_backup(backup).rstrip()
    digest = digest_of(backup_text)
    head = {"format": FORMAT, "version": VERSION,
            "device": {"id": device.id, "name": device.name},
            "written_at": written_at.isoformat().replace("+00:00", "Z"),
            "digest": digest, **({"base": base} if base else {})}
    text = json.dumps(head, ensure_ascii=False)[:-1] + _JOIN + backup_text + "}\n"
    return text, digest


def read_device_file(text: str) -> DeviceFile:
    """A device file, checked whole; anything short of that raises DeviceFileError."""
    data = _object(text)
    if data.get("format") != FORMAT:
        raise DeviceFileError("not a Tend device file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DeviceFileError("the file has no valid version")
    if version > VERSION:
        raise DeviceFileError("written by a newer version of Tend; update Tend on this device")
    device, backup, digest = data.get("device"), data.get("backup"), data.get("digest")
    if not (isinstance(device, dict) and isinstance(device.get("id"), str)
            and _ID.fullmatch(device["id"]) and isinstance(device.get("name"), str)):
        raise DeviceFileError("the file does not say which device wrote it")
    if not isinstance(backup, dict) or not isinstance(digest, str):
        raise DeviceFileError("the file holds no backup")
    raw = _embedded(text)
    if digest_of(raw) != digest:
        raise DeviceFileError("it does not match its digest (it may be half-copied)")
    try:
        written_at = datetime.fromisoformat(str(data.get("written_at")))
        parsed = read_backup(raw)
    except (ValueError, BackupError) as error:
        raise DeviceFileError(f"its backup cannot be read ({error})") from None
    base = data.get("base", "")
    if not isinstance(base, str):
        raise DeviceFileError("the file names no valid full file")
    return DeviceFile(Device(device["id"], device["name"][:80]), written_at, digest, parsed, base)


def _embedded(text: str) -> str:
    """The backup's text as it was written inside the file (names are JSON-escaped in
    the head, so the join cannot occur there)."""
    start, end = text.find(_JOIN), text.rstrip().rfind("}")
    return text[start + len(_JOIN):end] if 0 <= start < end else ""


def _object(text: str) -> dict[str, Any]:
    if not text.strip():
        raise DeviceFileError("the file is empty (it may still be copying)")
    try:
        data = parse_json(text)
    except JsonError:
        raise DeviceFileError("the file is cut off or damaged (it may still be copying)") from None
    if not isinstance(data, dict):
        raise DeviceFileError("not a Tend device file")
    return data
