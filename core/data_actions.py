"""Your data: export a full backup, and merge one back in, record by record.

Import never overwrites blindly: the incoming backup is merged with what this browser
holds (per record, the later write wins; deletions travel as tombstones), so restoring
last month's file on a newer device loses nothing. The writes go out together, and the
shell applies them all or none.
"""

from __future__ import annotations

from core.actions import Context, Download, Fields, Outcome
from core.backup import BackupError, backup_of, dump_backup, merge, read_backup
from core.forms import clean
from core.model import Record
from core.store import Network, encode, key_for

BUDGET_CHARS = 5_200_000  # what Chromium gives one origin's localStorage, keys included


def export_data(fields: Fields, network: Network, context: Context) -> Outcome:
    """The whole of this browser's Tend data as one JSON file, tombstones included."""
    settings = network.settings.model_copy(update={"last_backup_on": context.today,
                                                   "updated_at": context.now})
    entries = {**context.entries, key_for(settings): encode(settings)}
    text = dump_backup(backup_of(entries, context.now))
    name = f"tend-backup-{context.today.isoformat()}.json"
    return Outcome((settings,), "#/data", f"Backup saved as {name}. Keep it somewhere safe.",
                   download=Download(name, text, "application/json"))


def import_data(fields: Fields, network: Network, context: Context) -> Outcome:
    """Merge a backup file into this browser's data, or say exactly why it cannot be read."""
    text = clean(fields, ("file",))["file"]
    if not text:
        return Outcome(route="#/data", notice="Choose a backup file first.")
    try:
        incoming = read_backup(text)
    except BackupError as error:
        return Outcome(route="#/data", notice=f"Nothing was imported: {error}")
    current = backup_of(context.entries, context.now)
    merged = merge(current, incoming)
    changed: list[Record] = [r for key, r in merged.records.items()
                             if context.entries.get(key) != encode(r)]
    added = sum(key not in context.entries for key in merged.records)
    skipped = len(incoming.damaged)
    notice = (f"Imported: {added} new and {len(changed) - added} updated records; "
              "where both sides had a record, the later edit won.")
    if skipped:
        notice += f" {skipped} damaged entries in the file were left out."
    return Outcome(tuple(changed), "#/data", notice)
