"""What the agenda's calendar holds: each coming reminder as an event of one day.

Tend reminds only while its tab is open; a calendar app reminds when it is closed. So
the calendar carries what Today will say, on the day it will say it: each person's next
keep-in-touch day (P8), a follow-up still owed (P10), a plan's next step (P14) and every
yearly date or news (P11). Each event's reason is the rule's own sentence for that day,
so the calendar and Today read the same.

Something already due goes on ``today``, not on a day that has passed: a calendar does
not remind anyone of yesterday. Each event also says when it last changed (``changed``):
the latest edit of a record behind it, or the day the calendar moved it by itself (to
today). A yearly date starts on its first day after it was last edited and repeats,
so it changes only when the user changes it. Calendars read that as the event's
revision, so a file imported again updates what changed and leaves the rest alone;
nothing is stored for it, like everything else Tend derives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from core.model import Contact, ImportantDate, Interaction, Plan, Record
from core.network import Network
from core.rules.cadence import in_short
from core.rules.dates import KIND_WORDS, next_occurrence, occurrence_in, reminder
from core.rules.followup import FollowUp, follow_up_owed, reconnect_owed
from core.rules.planner import is_planned, step_due, step_next, step_passed
from core.rules.reasons import Reason
from core.rules.turns import status_in, turns_changed


@dataclass(frozen=True)
class Reminder:
    """One event of the calendar: for whom, on which day, what to do, and why."""

    uid: str  # stable across exports: re-importing updates the event, never duplicates it
    contact: Contact
    on: date
    what: str
    reason: Reason
    changed: datetime
    # A yearly date's month and day (29 February included, which a calendar must move
    # to the 28th in common years); None for an event of one day.
    yearly: tuple[int, int] | None = None
    # A keep-in-touch day's status in a few words, for a list that names the person.
    brief: str = ""

    @property
    def summary(self) -> str:
        return f"{self.contact.name}: {self.what}"


def reminders(network: Network, today: date) -> list[Reminder]:
    """Every coming reminder for the people the user keeps, in day order.

    >>> from core.network import Network
    >>> reminders(Network(), date(2026, 11, 25))
    []
    """
    found = [r for contact in network.people for r in _of(network, contact, today)]
    return sorted(found, key=lambda r: (r.on, r.contact.name.casefold(), r.uid))


def _of(network: Network, contact: Contact, today: date) -> Iterator[Reminder]:
    history = network.interactions_with(contact.id)
    plan = network.plans.get(contact.id)
    yield _keep_in_touch(network, contact, history, today)
    follow_up = _follow_up(contact, history, is_planned(plan), today)
    if follow_up:
        yield follow_up
    if plan is not None:
        step = _planned_step(contact, plan, history, today)
        if step:
            yield step
    lead = network.settings.date_lead_days
    for important in network.dates_of(contact.id):
        found = _date(contact, important, today, lead)
        if found:
            yield found


def _keep_in_touch(network: Network, contact: Contact, history: list[Interaction],
                   today: date) -> Reminder:
    """The keep-in-touch day (P8): the interval's end, or sooner for a turn among people
    added together, with the reason Today gives then."""
    status = status_in(network, contact, today)
    due_on = today - timedelta(days=status.days_overdue)
    on = max(due_on, today)
    said = status_in(network, contact, on)
    targets = [network.targets[t] for t in contact.targets if t in network.targets]
    behind = [contact, *history[:1], *targets]
    changed = _changed(behind, moved_on=on if on > due_on else None)
    if status.head_start or status.put_back:
        changed = max(changed, turns_changed(network)[contact.id])
    return Reminder(f"touch-{contact.id}@tend", contact, on, "keep in touch", said.reason,
                    changed, brief=in_short(said))


def _follow_up(contact: Contact, history: list[Interaction], planned: bool,
               today: date) -> Reminder | None:
    """A follow-up owed after a conversation (P10), or the note that picks it up later."""
    owed = follow_up_owed(contact, history, today, planned)
    if owed is not None:
        on = max(owed.due_on, today)
        again = follow_up_owed(contact, history, on, planned)
        return _from_follow_up("followup", "send a follow-up note", again or owed, on, today)
    late = reconnect_owed(contact, history, today, planned)
    if late is not None:
        return _from_follow_up("reconnect", "write to reconnect", late, today, today)
    return None


def _from_follow_up(kind: str, what: str, owed: FollowUp, on: date, today: date) -> Reminder:
    moved = on if owed.due_on < on else None
    return Reminder(f"{kind}-{owed.meeting.id}@tend", owed.contact, on, what, owed.reason,
                    _changed([owed.contact, owed.meeting], moved_on=moved))


def _planned_step(contact: Contact, plan: Plan, history: list[Interaction],
                  today: date) -> Reminder | None:
    """A plan's dated next step (P14), on its day, or today if that day has passed: as
    Today words it then (to do, what's next once logged, or did it happen)."""
    if not plan.active or not plan.next_step or plan.next_on is None:
        return None
    on = max(plan.next_on, today)
    step = next((found for rule in (step_due, step_next, step_passed)
                 if (found := rule(contact, plan, history, on)) is not None), None)
    if step is None:
        return None
    moved = on if plan.next_on < on else None
    return Reminder(f"plan-{plan.id}@tend", contact, on, plan.next_step, step.reason,
                    _changed([contact, plan], moved_on=moved))


def _date(contact: Contact, important: ImportantDate, today: date,
          lead: int) -> Reminder | None:
    """A birthday or anniversary every year (P11); news once, while still worth a note."""
    if important.kind.recurs:
        return _yearly(contact, important)
    on = next_occurrence(important, today)
    if on is None:
        return None
    moved = None
    if on < today:
        on, moved = today, today
    found = reminder(contact, important, on, lead)
    if found is None:
        return None
    return Reminder(f"{important.id}@tend", contact, on, KIND_WORDS[important.kind],
                    found.reason, _changed([contact, important], moved_on=moved))


def _yearly(contact: Contact, important: ImportantDate) -> Reminder:
    """A date that comes back every year, from its first time after it was last edited, so
    the event stays the same until the user changes it. It names no age: the same words
    are shown every year."""
    edited = important.updated_at.date()
    on = occurrence_in(edited.year, important.month, important.day)
    if on < edited:
        on = occurrence_in(edited.year + 1, important.month, important.day)
    words = important.label or KIND_WORDS[important.kind]
    reason = Reason("P11", f"{contact.name}'s {words} is today: a few warm words, sent on "
                    "the day, keep the tie warm.")
    return Reminder(f"{important.id}@tend", contact, on, words, reason,
                    _changed([contact, important], moved_on=None),
                    yearly=(important.month, important.day))


def _changed(records: list[Record],
             moved_on: date | None) -> datetime:
    """The latest change behind an event: a record's edit, or the start of the day the
    calendar moved the event by itself."""
    times = [r.updated_at for r in records]
    if moved_on is not None:
        times.append(datetime.combine(moved_on, time(), UTC))
    return max(times)
