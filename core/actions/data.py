"""Your data: export a full backup, and merge one back in, record by record.

Import never overwrites blindly: the incoming backup is merged with what this browser
holds (per record, the later write wins; deletions travel as tombstones), so restoring
last month's file on a newer device loses nothing. The writes go out together, and the
shell applies them all or none.
"""

from __future__ import annotations

from core.actions.outcome import Context, Download, Fields, Outcome
from core.formats import UnreadableFile
from core.formats.agenda_calendar import agenda_calendar
from core.formats.backup import Backup, BackupError, backup_of, dump_backup, merge, read_backup
from core.formats.export import vcards
from core.formats.history import HistoryPreview, commit_history, preview_history, read_history
from core.formats.importing import IdTaken, choices_from, commit, preview, read_file
from core.formats.sealing import (
    WRONG_PASSPHRASE,
    Sealed,
    SealingError,
    normalised,
    passphrase_problem,
    seal_request,
    sealed_form,
)
from core.forms import FormState, clean, values_of
from core.model import BackupReminder, Contact, Record
from core.network import Network
from core.routes import route_to
from core.rules.backups import NOT_NOW
from core.rules.capacity import archivable
from core.rules.wording import plural
from core.storage.codec import UnstorableRecord, encode, is_damaged, key_for, stored_form


def export_data(fields: Fields, network: Network, context: Context) -> Outcome:
    """The whole of this browser's Tend data as one JSON file, tombstones included;
    sealed with a passphrase when the user gave one (core.formats.sealing). Sealing is asked of
    the shell, and the backup counts as saved only once the sealed file is back."""
    typed = clean(fields, ("passphrase", "passphrase_again", "sealed", "seal_failed"))
    passphrase = typed["passphrase"]
    problem = passphrase_problem(passphrase) if passphrase or typed["passphrase_again"] else ""
    if not problem and passphrase != typed["passphrase_again"]:
        problem = "the two passphrases differ; type the same one twice"
    if problem:
        # The passphrase is never echoed back into the page.
        error = FormState(errors={"passphrase": f"Not saved: {problem}."})
        return Outcome(route=route_to("data"), forms={"export_data": error})
    if typed["seal_failed"]:
        return Outcome(route=route_to("data"), notice=(
            f"Nothing was saved: this browser could not seal the file ({typed['seal_failed']}). "
            "Sealing needs a secure page: https, or this computer's own address."))
    settings = network.settings.model_copy(update={"last_backup_on": context.today,
                                                   "updated_at": context.now})
    entries = {**context.entries, key_for(settings): encode(settings)}
    text = dump_backup(backup_of(entries, context.now))
    day = context.today.isoformat()
    if passphrase and not typed["sealed"]:
        return Outcome(seal=seal_request(text, passphrase, field="sealed"))
    if passphrase:
        if sealed_form(typed["sealed"]) is None:
            return Outcome(route=route_to("data"), notice="Nothing was saved: the sealed file came "
                           "back damaged. Try again.")
        name = f"tend-backup-{day}-sealed.json"
        notice = (f"Backup saved as {name}, sealed with your passphrase. Without the "
                  "passphrase nobody can open it, you included: keep it somewhere safe too.")
        download = Download(name, typed["sealed"] + "\n", "application/json")
    else:
        name = f"tend-backup-{day}.json"
        notice = f"Backup saved as {name}. Keep it somewhere safe."
        download = Download(name, text, "application/json")
    return Outcome((settings,), route_to("data"), notice, download=download)


def backup_not_now(fields: Fields, network: Network, context: Context) -> Outcome:
    """Today's backup line, put off for a week. Only the settings are written, and they
    are not a change a backup would miss, so putting it off never makes it due."""
    until = context.today + NOT_NOW
    settings = network.settings.model_copy(update={"backup_quiet_until": until,
                                                   "updated_at": context.now})
    return Outcome((settings,), route_to("today"),
                   f"All right: no backup reminder until {until.day} {until:%b}.")


REMINDER_SAID = {BackupReminder.WEEKLY: "Tend will ask for a backup once a week.",
                 BackupReminder.MONTHLY: "Tend will ask for a backup once a month.",
                 BackupReminder.NEVER: "Tend will not ask for backups. Save one now and then "
                                       "all the same: it is your only copy."}


def backup_reminder(fields: Fields, network: Network, context: Context) -> Outcome:
    """How often Today may ask for a backup: weekly, monthly or never."""
    every = clean(fields, ("every",))["every"]
    if every not in {r.value for r in BackupReminder}:
        return Outcome(route=route_to("data"), notice="Choose weekly, monthly or never.")
    chosen = BackupReminder(every)
    settings = network.settings.model_copy(update={"remind_backup": chosen,
                                                   "updated_at": context.now})
    return Outcome((settings,), route_to("data"), REMINDER_SAID[chosen])


def export_contacts(fields: Fields, network: Network, context: Context) -> Outcome:
    """Everyone as vCards, for a phone's or an email program's address book."""
    name = f"tend-people-{context.today.isoformat()}.vcf"
    return Outcome(route=route_to("data"), notice=f"Saved {len(network.people)} people as {name}.",
                   download=Download(name, vcards(network), "text/vcard"))


def export_calendar(fields: Fields, network: Network, context: Context) -> Outcome:
    """The agenda's calendar (core.formats.agenda_calendar): who is due when, and why, for
    a calendar app to remind the user while Tend is closed; with alarms when ticked."""
    alarms = clean(fields, ("alarms",))["alarms"] == "on"
    name = "tend-calendar.ics"  # one name, and the same UIDs, from one file to the next
    text = agenda_calendar(network, context.today, context.page, alarms)
    # Not every app updates what it imported before (Outlook adds it again): the card says
    # what each one does, so the notice promises nothing of the kind.
    return Outcome(route=route_to("data"), notice=f"Saved your calendar as {name}. Import it into "
                   "your calendar app: “Your agenda in your calendar” below says how for Google "
                   "Calendar, Apple Calendar and Outlook.",
                   download=Download(name, text, "text/calendar"))


def import_data(fields: Fields, network: Network, context: Context) -> Outcome:
    """Merge a backup file into this browser's data, or say exactly why it cannot be read."""
    typed = clean(fields, ("file", "passphrase", "unsealed", "unseal_failed"))
    text = typed["file"]
    if not text:
        return Outcome(route=route_to("data"), notice="Choose a backup file first.")
    try:
        sealed = sealed_form(text)
    except SealingError as error:
        return Outcome(route=route_to("data"), notice=f"Nothing was imported: {error}.")
    if sealed is not None:
        return _open_sealed(sealed, typed["passphrase"], typed["unsealed"],
                            typed["unseal_failed"])
    try:
        incoming = read_backup(text)
    except BackupError as error:
        return Outcome(route=route_to("data"), notice=f"Nothing was imported: {error}")
    current = backup_of(context.entries, context.now)
    merged = merge(current, incoming)
    changed: list[Record] = [r for key, r in merged.records.items()
                             if context.entries.get(key) != stored_form(r)]
    added = sum(key not in context.entries for key in merged.records)
    skipped = len(incoming.damaged)
    notice = (f"Imported: {added} new and {len(changed) - added} updated records; "
              "where both sides had a record, the later edit won.")
    if skipped:
        notice += f" {skipped} damaged entries in the file were left out."
    return Outcome(tuple(changed), route_to("data"), notice)


def _open_sealed(sealed: Sealed, passphrase: str, unsealed: str, failure: str) -> Outcome:
    """Ask the shell to open a sealed backup, or say why it was not opened."""
    if unsealed == "failed":
        return Outcome(route=route_to("data"), notice=(
            f"Nothing was imported: this browser could not open sealed files ({failure}). "
            "That needs a secure page: https, or this computer's own address."))
    if unsealed == "no":
        return Outcome(route=route_to("data"), notice=f"Nothing was imported: {WRONG_PASSPHRASE}.")
    if not passphrase:
        return Outcome(route=route_to("data"), notice="This backup is sealed with a passphrase. "
                       "Type it in the Passphrase field, choose the file again, and merge.")
    return Outcome(unseal={"field": "file", "passphrase": normalised(passphrase),
                           "sealed": sealed.model_dump()})


def export_archive(fields: Fields, network: Network, context: Context) -> Outcome:
    """Old interactions as an archive file: step one of making room (core.rules.capacity)."""
    old = archivable(network, context.today)
    if not old:
        return Outcome(route=route_to("data"), notice="Nothing to archive: every interaction is "
                       "recent, or a first or latest one, and those stay.")
    name = f"tend-archive-{context.today.isoformat()}.json"
    text = dump_backup(Backup(context.now, {key_for(i): i for i in old}))
    return Outcome(route=route_to("data"), download=Download(name, text, "application/json"),
                   notice=f"Saved {len(old)} old interactions as {name}. To free their space, "
                   "choose that file under “Free the space” and remove them from this browser.")


def remove_archived(fields: Fields, network: Network, context: Context) -> Outcome:
    """Step two: remove the archived interactions, only those the chosen file holds
    exactly as stored, so nothing leaves this browser that is not safe in the file."""
    text = clean(fields, ("file",))["file"]
    if not text:
        return Outcome(route=route_to("data"), notice="Choose the archive file you saved first.")
    try:
        archive = read_backup(text)
    except BackupError as error:
        return Outcome(route=route_to("data"), notice=f"Nothing was removed: {error}")
    old = {key_for(i) for i in archivable(network, context.today)}
    safe = tuple(sorted(key for key, record in archive.records.items()
                        if key in old and context.entries.get(key) == stored_form(record)))
    if not safe:
        return Outcome(route=route_to("data"), notice=(
            "Nothing was removed: this file holds none of the old interactions stored here. "
            "Choose the archive file you saved."))
    freed = sum(len(key) + len(context.entries[key]) for key in safe)
    return Outcome(route=route_to("data"), removals=safe,
                   notice=f"Removed {len(safe)} old interactions from this browser, freeing "
                   f"{freed:,} characters. They are safe in the archive file: bring it in as a "
                   "backup to put them back.")


def export_damaged(fields: Fields, network: Network, context: Context) -> Outcome:
    """The records stored damaged, exactly as stored, in a backup file of their own (its
    ``damaged`` part): to keep them safe, or to mend one by hand, before saving over it."""
    damaged = {key: context.entries[key] for key in values_of(fields, "keys")
               if key in context.entries and is_damaged(key, context.entries[key])}
    if not damaged:
        return Outcome(route=route_to("data"), notice="Nothing stored here is damaged any more.")
    name = f"tend-damaged-{context.today.isoformat()}.json"
    count = len(damaged)
    return Outcome(route=route_to("data"), download=Download(
        name, dump_backup(Backup(context.now, damaged=damaged)), "application/json"),
        notice=f"Saved {count} damaged {'record' if count == 1 else 'records'} as {name}, "
        "exactly as stored. They stay here untouched too.")


def preview_import(fields: Fields, network: Network, context: Context) -> Outcome:
    """Read a vCard or CSV file and show who is in it, matched against who is here; a
    calendar or LinkedIn's messages file, and show who gets how many interactions."""
    text = clean(fields, ("file",))["file"]
    try:
        history = read_history(text, context.today, context.utc_offset) if text.strip() \
            else None
        if history is not None:
            return _history_preview(preview_history(history, network, context.entries.keys()))
        found = preview(read_file(text), network)
    except UnreadableFile as error:
        return Outcome(route=route_to("data"), notice=f"Nothing was imported: {error}.")
    count = len(found.rows)
    return Outcome(route=route_to("import"), preview=found,
                   notice=f"{count} {'person' if count == 1 else 'people'} found in this "
                          f"{found.source} file. Check the choices, then import.")


def confirm_import(fields: Fields, network: Network, context: Context) -> Outcome:
    """Store what the user chose from the preview, all at once."""
    if context.preview is None:
        return Outcome(route=route_to("data"), notice="Choose a file to import first.")
    if isinstance(context.preview, HistoryPreview):
        return _history_commit(context.preview, network, context)
    everyone = clean(fields, ("everyone",))["everyone"] == "yes"
    choices = {} if everyone else choices_from(dict(clean(fields, tuple(fields))))
    try:
        records = commit(context.preview.rows, choices, context.new_id, context.today,
                         context.now, stored=context.entries.keys(), everyone=everyone)
    except IdTaken as error:
        return Outcome(route=route_to("import"), notice=f"Nothing was imported: {error}.")
    except UnstorableRecord as refused:
        return Outcome(route=route_to("import"), notice=str(refused))
    added = sum(isinstance(r, Contact) and r.id not in network.contacts for r in records)
    merged = sum(isinstance(r, Contact) and r.id in network.contacts for r in records)
    if not records:
        return Outcome(route=route_to("import"),
                       notice="Nothing was chosen, so nothing was imported.")
    return Outcome(tuple(records), route_to("people"), imported_notice(added, merged))


def imported_notice(added: int, merged: int) -> str:
    """What an import did, without a count of nothing ("and updated 0").

    >>> imported_notice(1, 0)[:41], imported_notice(0, 2)
    ('Imported 1 new person. They start in your', 'Updated 2 people already here.')
    """
    if not added:
        return f"Updated {merged} {plural(merged, 'person', 'people')} already here."
    done = f"Imported {added} new {plural(added, 'person', 'people')}" + (
        f" and updated {merged} already here" if merged else "")
    return f"{done}. They start in your wider network as weak ties; sort them as you go."


def _history_preview(found: HistoryPreview) -> Outcome:
    people = len(found.people)
    return Outcome(route=route_to("import"), preview=found, notice=(
        f"{len(found.entries)} new {'interaction' if len(found.entries) == 1 else 'interactions'}"
        f" with {people} {'person' if people == 1 else 'people'} found in this {found.source} "
        "file. Check them, then import."))


def _history_commit(found: HistoryPreview, network: Network, context: Context) -> Outcome:
    """The interactions the preview showed, all at once; none already stored."""
    records = [r for r in commit_history(found, context.now, context.entries.keys())
               if r.contact_id in network.contacts]  # nobody deleted since the preview
    if not records:
        return Outcome(route=route_to("import"), notice="There is nothing new to import from this "
                       "file.")
    people = len({r.contact_id for r in records})
    return Outcome(tuple(records), route_to("people"), (
        f"Imported {len(records)} {'interaction' if len(records) == 1 else 'interactions'} "
        f"with {people} {'person' if people == 1 else 'people'}. Their last contact is up "
        "to date."))
