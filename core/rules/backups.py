"""When Today asks for a backup: when a lost browser would lose something, on a rhythm.

Data lives in one browser, so a backup is the user's only copy elsewhere. A reminder
every morning is soon read as noise, though, so the line comes on the first day a backup
is due and then once a week while it stays due, never on a day a backup was saved, and
never when nothing has changed since the last one. A backup is due once the network is
worth keeping (five people) and either there is none yet, the last is older than the
user's rhythm (a month unless they chose a week; or never), or many records have
changed since (an import, a busy week). "Not now" puts the line off for a week; it
comes back on that day if a backup is still due.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.model import BackupReminder
from core.network import NEVER, Network

# How old the last backup may grow, for each rhythm the user can choose.
BACKUP_AFTER_DAYS = {BackupReminder.WEEKLY: 7, BackupReminder.MONTHLY: 30}
BACKUP_WORTH_IT = 5  # people: below this, a lost browser loses little
CHANGES_WORTH_IT = 50  # records written since the last backup: an import, a busy week
NUDGE_EVERY_DAYS = 7
NOT_NOW = timedelta(days=7)


def changes_since(network: Network, last: date | None) -> list[date]:
    """The day of each record written after the last backup's day (every record if none),
    oldest first; the settings are left out, since saving a backup writes them.

    Worked out once per network: Today asks on every opening, and at 1,500 people with
    their conversations it was two thirds of Today's time in the core."""
    found: list[date] | None = network.derived.get(_counted(last))
    if found is None:
        found = network.derived[_counted(last)] = _changes_since(network, last)
    return found


def count_changes_ahead(network: Network, folder_backup_on: date | None = None) -> bool:
    """Count the changes Today's backup line asks for, before Today is opened: True when
    they were not counted yet for this network (one step of the app's work ahead)."""
    last = last_backup(network, folder_backup_on)
    if _counted(last) in network.derived:
        return False
    changes_since(network, last)
    return True


def _counted(last: date | None) -> tuple[str, date | None]:
    """Where a network keeps the changes counted since ``last`` (``Network.derived``)."""
    return ("changes since", last)


def _changes_since(network: Network, last: date | None) -> list[date]:
    records = [*network.contacts.values(), *network.interactions.values(),
               *network.favours.values(), *network.dates.values(), *network.targets.values(),
               *network.plans.values(), *network.decisions.values()]
    if network.pitch.updated_at != NEVER:
        records.append(network.pitch)
    days = (r.updated_at.date() for r in records)
    return sorted(d for d in days if last is None or d > last)


def backup_due_since(network: Network, changed: list[date],
                     folder_backup_on: date | None = None) -> date | None:
    """The first day a backup became due, or None when the user asked never to be told."""
    settings = network.settings
    last = last_backup(network, folder_backup_on)
    after = BACKUP_AFTER_DAYS.get(settings.remind_backup)
    if after is None:
        return None
    due = []
    if last is None:
        due.append(sorted(c.added_on for c in network.people)[BACKUP_WORTH_IT - 1])
    else:
        due.append(last + timedelta(days=after + 1))
    if len(changed) >= CHANGES_WORTH_IT:
        due.append(changed[CHANGES_WORTH_IT - 1])
    since = min(due)
    quiet = settings.backup_quiet_until
    return max(since, quiet) if quiet is not None else since


def last_backup(network: Network, folder_backup_on: date | None = None) -> date | None:
    """The day of the latest backup: one the user saved, or the rolling one the sync
    folder keeps (a copy outside this browser just the same).

    >>> last_backup(Network(), date(2026, 11, 25))
    datetime.date(2026, 11, 25)
    """
    days = [d for d in (network.settings.last_backup_on, folder_backup_on) if d is not None]
    return max(days, default=None)


def backup_nudge(network: Network, today: date, folder_backup_on: date | None = None) -> str:
    """The line Today shows to ask for a backup, or "" on a day it stays quiet."""
    last = last_backup(network, folder_backup_on)
    if len(network.people) < BACKUP_WORTH_IT or (last is not None and last >= today):
        return ""
    changed = changes_since(network, last)
    if not changed:
        return ""
    since = backup_due_since(network, changed, folder_backup_on)
    if since is None or since > today or (today - since).days % NUDGE_EVERY_DAYS:
        return ""
    if last is None:
        return "You have never saved a backup of your network."
    age = (today - last).days
    if age > BACKUP_AFTER_DAYS[network.settings.remind_backup]:
        return f"Your last backup is {age} days old."
    return (f"You have made {len(changed)} changes since your last backup on "
            f"{last.day} {last:%b}.")
