"""The sync folder: every other device's file merged in, this device's own file written.

The shell lists the folder and sends each file's name and text; this decides everything
else: which files are devices' files, which one is this device's own (never read back),
what each brings (record by record, the later write wins, a deletion is a change: the
backup merge of ``core.formats.backup``), and what to write. A file that cannot be read
whole (a sync client mid-copy) is left for the next sync, never merged in part.

With a passphrase, every file Tend writes into the folder is sealed
(``core.formats.sealing``), so a cloud folder never holds the network in plain text. The
shell does the cryptography when asked (``Outcome.seal``/``unseal``) and sends the same
event again with the result, one file per round.

After one edit a device writes only its changes file (``core.formats.device_file``), the
records that differ from its full file, which it reads back from the folder to know
them; the full file is written again when there is none, on a new day, or when the
changes would be more than a quarter of it.

Beside the devices' files the folder keeps a rolling backup, one a day, the last
``KEEP_BACKUPS`` of them, in ``BACKUP_FOLDER``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from core.actions.outcome import Context, Fields, Outcome
from core.formats.backup import Backup, backup_of, dump_backup, merge
from core.formats.device_file import (
    BACKUP_FOLDER,
    CHANGES_SUFFIX,
    KEEP_BACKUPS,
    SUFFIX,
    Arrival,
    Device,
    DeviceFile,
    DeviceFileError,
    FolderFile,
    SyncReport,
    changes_name,
    dump_device_file,
    file_name,
    is_changes_file,
    is_device_file,
    is_device_id,
    read_device_file,
)
from core.formats.sealing import SealingError, normalised, seal_request, sealed_form
from core.forms import clean, values_of
from core.model import Record
from core.network import Network
from core.storage.codec import stored_form

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
FIELDS = ("device_id", "device_name", "last_digest", "passphrase", "sealed_own",
          "sealed_backup", "seal_failed", "unsealed", "unseal_failed")


@dataclass(frozen=True)
class Merged:
    """The folder taken in: every record as it now stands, the writes that make it so
    here, and what each other device brought."""

    backup: Backup
    changed: tuple[Record, ...]
    arrivals: tuple[Arrival, ...]
    retry: bool = False  # a file is not whole yet (half-copied): read again soon


def merge_folder(entries: Mapping[str, str], files: Mapping[str, str], own_id: str,
                 now: datetime) -> Merged:
    """Every other device's file merged into the stored entries, file by file in name
    order (the result does not depend on it: the merge is per record). Files that are
    not devices' files, and this device's own, are left alone."""
    current = backup_of(entries, now)
    arrivals = []
    retry = False
    own = file_name(own_id)
    for name in sorted(files):
        if not is_device_file(name) or name == own:
            continue
        try:
            incoming = read_device_file(files[name])
        except DeviceFileError as error:
            arrivals.append(Arrival(name, name, "", 0, str(error)))
            retry = True
            continue
        changes, wait = changes_for(incoming, files.get(name.removesuffix(SUFFIX) + CHANGES_SUFFIX))
        merged = merge(current, incoming.backup)
        if changes is not None:
            merged = merge(merged, changes.backup)
        came_in = sum(current.records.get(key) != record
                      for key, record in merged.records.items())
        written = (changes or incoming).written_at
        arrivals.append(Arrival(incoming.device.id, incoming.device.name,
                                written.isoformat(), came_in))
        current, retry = merged, retry or wait
    changed = tuple(record for key, record in current.records.items()
                    if entries.get(key) != stored_form(record))
    return Merged(current, changed, tuple(arrivals), retry)


def changes_for(full: DeviceFile, text: str | None) -> tuple[DeviceFile | None, bool]:
    """The changes file to merge after ``full``, if it was made against it, and whether to
    read again soon: the changes file is half-copied, or newer than the full file it
    needs (that one is still on its way). Older changes are already in the full file."""
    if text is None:
        return None, False
    try:
        changes = read_device_file(text)
    except DeviceFileError:
        return None, True
    if changes.base == full.digest:
        return changes, False
    return None, changes.written_at > full.written_at


def as_of(backup: Backup) -> Backup:
    """The backup dated by its latest record, not by the clock: the same records give
    the same file, so a sync that changed nothing writes nothing."""
    latest = max((r.updated_at for r in backup.records.values()), default=_EPOCH)
    return Backup(latest, backup.records, backup.damaged)


def sync_folder(fields: Fields, network: Network, context: Context) -> Outcome:
    """One sync: take the other devices' files in, write this device's file if it
    changed, and today's rolling backup if there is none yet."""
    typed = clean(fields, FIELDS)
    if not is_device_id(typed["device_id"]):
        return Outcome(notice="Nothing was synced: this device's sync settings are damaged. "
                       "Choose the sync folder again on Your data.")
    names, texts = _raw(fields, "names"), _raw(fields, "texts")
    passphrase = normalised(typed["passphrase"])
    files, refused, ask = _opened(dict(zip(names, texts, strict=False)), fields, typed)
    if ask is not None:
        return ask
    merged = merge_folder(context.entries, files, typed["device_id"], context.now)
    arrivals = merged.arrivals + tuple(Arrival(name, name, "", 0, why)
                                       for name, why in sorted(refused.items()))
    device = Device(typed["device_id"], typed["device_name"] or "This device")
    own = own_file(device, merged.backup, files, typed["last_digest"], context)
    writes: list[FolderFile] = []
    if own is not None:
        if passphrase and not typed["sealed_own"]:
            return Outcome(seal=seal_request(own.text, passphrase, "sealed_own"))
        writes.append(replace(own, text=typed["sealed_own"] or own.text))
    backup_name, old = rolling_backups(values_of(fields, "backups"), context.today,
                                       sealed=bool(passphrase))
    if backup_name:
        text = dump_backup(merged.backup)
        if passphrase and not typed["sealed_backup"]:
            return Outcome(seal=seal_request(text, passphrase, "sealed_backup"))
        writes.append(FolderFile(backup_name, typed["sealed_backup"] or text, BACKUP_FOLDER))
    report = SyncReport(tuple(writes), tuple(FolderFile(n, "", BACKUP_FOLDER) for n in old),
                        arrivals, retry=merged.retry,
                        backup_on=newest_backup_day([*values_of(fields, "backups"), backup_name]))
    return Outcome(merged.changed, notice=_said(arrivals), sync=report)


def own_file(device: Device, backup: Backup, files: Mapping[str, str], last_digest: str,
             context: Context) -> FolderFile | None:
    """This device's file to write, if anything changed: its changes file when its full
    file in the folder is from today and the changes stay small, else the full file
    (whose digest the shell keeps). None when the folder already holds what it would."""
    whole = as_of(backup)
    full_text, digest = dump_device_file(device, whole, context.now)
    base = _readable(files.get(file_name(device.id)))
    if digest == (base.digest if base else last_digest):
        return None
    if base is None or base.written_at.date() != context.today:
        return FolderFile(file_name(device.id), full_text, digest=digest)
    since = {key: record for key, record in whole.records.items()
             if base.backup.records.get(key) != record}
    text, changes_digest = dump_device_file(device, as_of(Backup(whole.exported_at, since)),
                                            context.now, base=base.digest)
    if len(text) > len(full_text) // 4:
        return FolderFile(file_name(device.id), full_text, digest=digest)
    before = _readable(files.get(changes_name(device.id)))
    if before is not None and before.base == base.digest and before.digest == changes_digest:
        return None
    return FolderFile(changes_name(device.id), text)


def _readable(text: str | None) -> DeviceFile | None:
    """A file of this device's own as it stands in the folder, or None if it is not
    there or not whole (then the full file is written again)."""
    if text is None:
        return None
    try:
        return read_device_file(text)
    except DeviceFileError:
        return None


def rolling_backups(existing: Sequence[str], today: date, sealed: bool) -> tuple[str, list[str]]:
    """Today's backup name when there is none yet today, and the old ones to remove so
    that ``KEEP_BACKUPS`` stay."""
    ours = sorted(n for n in existing if n.startswith("tend-backup-") and n.endswith(".json"))
    day = f"tend-backup-{today.isoformat()}"
    if any(n.startswith(day) for n in ours):
        return "", ours[:-KEEP_BACKUPS] if len(ours) > KEEP_BACKUPS else []
    keep = KEEP_BACKUPS - 1
    return f"{day}{'-sealed' if sealed else ''}.json", ours[:-keep] if len(ours) > keep else []


def newest_backup_day(names: Sequence[str]) -> date | None:
    """The day of the newest rolling backup among these names, if any.

    >>> newest_backup_day(["tend-backup-2026-11-24.json", "tend-backup-2026-11-25-sealed.json"])
    datetime.date(2026, 11, 25)
    """
    days = []
    for name in (n for n in names if n.startswith("tend-backup-")):
        try:
            days.append(date.fromisoformat(name.removeprefix("tend-backup-")[:10]))
        except ValueError:
            continue
    return max(days, default=None)


def _opened(files: dict[str, str], fields: Fields, typed: Mapping[str, str]
            ) -> tuple[dict[str, str], dict[str, str], Outcome | None]:
    """The files with the sealed ones opened (asking the shell for one at a time), and
    the device files that could not be opened, by name, with why."""
    refused: dict[str, str] = {}
    names = sorted(files)
    for index, name in enumerate(names):
        if not (is_device_file(name) or is_changes_file(name)):
            continue
        try:
            sealed = sealed_form(files[name])
        except SealingError as error:
            refused[name] = str(error)
            continue
        if sealed is None:
            continue
        opened = clean(fields, (f"opened_{index}",))[f"opened_{index}"]
        if opened:
            files[name] = opened
        elif typed["unsealed"]:
            refused[name] = ("this device's passphrase does not open it" if
                             typed["unsealed"] == "no" else typed["unseal_failed"])
        elif not typed["passphrase"]:
            refused[name] = "it is sealed: type the passphrase to read it"
        else:
            return files, refused, Outcome(unseal={
                "field": f"opened_{index}", "passphrase": normalised(typed["passphrase"]),
                "sealed": sealed.model_dump()})
    return {n: t for n, t in files.items() if n not in refused}, refused, None


def _raw(fields: Fields, name: str) -> list[str]:
    """A list field exactly as sent: a file's text is not a typed value to tidy, and an
    empty file keeps its place beside its name."""
    raw = fields.get(name, ())
    return [raw] if isinstance(raw, str) else list(raw)


def _said(arrivals: Sequence[Arrival]) -> str:
    """One line when something came in; a sync that brought nothing says nothing."""
    came = [a for a in arrivals if a.came_in]
    if not came:
        return ""
    total = sum(a.came_in for a in came)
    who = " and ".join(a.name for a in came)
    return f"Synced: {total} {'change' if total == 1 else 'changes'} came in from {who}."


