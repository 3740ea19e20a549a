"""The Today agenda: every rule's verdict merged into one ranked list.

Ranking, most pressing first (the guide explains it under "How Today is ordered"):
  0. a 24-hour follow-up after a first meeting (P10): it only works while it is fresh;
  1. a date today or tomorrow (P11): a birthday wish a day late is a different message;
     and a planned next step whose day has come (P14): a promise to yourself;
  2. people past their keep-in-touch interval (P8), the latest relative to their
     interval first, so an inner-circle friend a week late comes before an
     acquaintance a week late;
  3. dates later this week and recent news (P11);
  4. a chance to give first: where the balance leans on them, or soon after a first
     meeting with someone new (P13);
  5. weak ties gone cold, up for review (P4);
  6. people not yet sorted into target networks (P5).
Within a rank, ties go by name, then id, so the list is the same on every run.
Items the user snoozed (until a day) or skipped stay hidden; a skip lasts for that
occurrence only, because each item's key names the occurrence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Contact, Interaction
from core.network import Network
from core.rules.cadence import CadenceStatus, cadence_status
from core.rules.dates import reminder
from core.rules.favours import give_nudge
from core.rules.followup import follow_up_owed
from core.rules.planner import step_due
from core.rules.pruning import prune_review
from core.rules.reasons import Reason, quoted
from core.rules.targets import triage_reason, untriaged

WEEK = 7


@dataclass(frozen=True)
class AgendaItem:
    """One thing to do: for whom, what exactly, and why."""

    key: str
    kind: str
    rank: int
    contact: Contact | None
    action: str
    reason: Reason
    due_on: date
    lateness: float = 0.0

    def sort_key(self) -> tuple[int, float, str, str, str]:
        if self.contact is None:
            return (self.rank, -self.lateness, "", "", self.key)
        return (self.rank, -self.lateness, self.contact.name.casefold(), self.contact.id, self.key)


def item_key(kind: str, *parts: str) -> str:
    """A short, stable key for an agenda item, usable as a record id."""
    digest = hashlib.blake2b("\0".join(parts).encode(), digest_size=10).hexdigest()
    return f"{kind}-{digest}"


def statuses(network: Network, today: date) -> list[CadenceStatus]:
    """Every kept contact's cadence status, in one pass over the history."""
    return [cadence_status(c, network.last_contact_on(c.id), today, network.targets)
            for c in network.people]


def candidates(network: Network, today: date) -> list[AgendaItem]:
    """Every item the rules produce today, before the user's snoozes and skips."""
    items: list[AgendaItem] = []
    settings = network.settings
    for status in statuses(network, today):
        contact = status.contact
        history = network.interactions_with(contact.id)
        follow_up = follow_up_owed(contact, history, today)
        if follow_up:
            items.append(AgendaItem(item_key("followup", follow_up.meeting.id), "follow_up", 0,
                                    contact, "Send a follow-up note", follow_up.reason,
                                    follow_up.due_on))
        elif status.is_due:
            due_on = today - timedelta(days=status.days_overdue)
            items.append(AgendaItem(item_key("cadence", contact.id, due_on.isoformat()),
                                    "cadence", 2, contact, _touch_action(status, history),
                                    _with_context(status.reason, history), due_on,
                                    status.lateness))
        review = prune_review(status, settings.prune_after_days)
        if review:
            since = status.last_contact or contact.added_on
            items.append(AgendaItem(item_key("prune", contact.id, since.isoformat()), "prune", 5,
                                    contact,
                                    "Keep or let go", review.reason, today))
        nudge = give_nudge(contact, network.favours_with(contact.id), history, today)
        if nudge:
            items.append(AgendaItem(item_key("give", contact.id, nudge.occasion),
                                    "give", 4, contact, "Offer to help", nudge.reason, today))
        plan = network.plans.get(contact.id)
        planned = step_due(contact, plan, today) if plan else None
        if planned:
            items.append(AgendaItem(item_key("plan", planned.key), "plan", 1, contact,
                                    "Do the planned step", planned.reason,
                                    planned.plan.next_on or today))
        for important in network.dates_of(contact.id):
            found = reminder(contact, important, today, settings.date_lead_days)
            if found:
                rank = 1 if 0 <= found.days_away <= 1 else 3
                items.append(AgendaItem(item_key("date", important.id, found.on.isoformat()),
                                        "date", rank, contact, "Send a light touch",
                                        found.reason, found.on))
    waiting = untriaged(network.people)
    if waiting and network.targets:
        items.append(AgendaItem(item_key("triage", *sorted(c.id for c in waiting)), "triage", 6,
                                None,
                                "Sort people into target networks", triage_reason(len(waiting)),
                                today))
    return items


def _touch_action(status: CadenceStatus, history: list[Interaction]) -> str:
    """What exactly to do: pick up the thread of the last conversation when there is one."""
    if status.last_contact is None:
        return "Get in touch"
    if history and history[0].note:
        return "Pick up from last time"
    return "Send a light touch or set up a catch-up"


def _with_context(reason: Reason, history: list[Interaction]) -> Reason:
    """Add what was said last time (P9), so the message can pick up the thread."""
    if not history or not history[0].note:
        return reason
    return Reason(reason.principle, f'{reason.text} Last time: "{quoted(history[0].note)}".')


def is_hidden(item: AgendaItem, network: Network, today: date) -> bool:
    decision = network.decisions.get(item.key)
    if decision is None:
        return False
    return decision.skipped or (decision.until is not None and decision.until > today)


def agenda(network: Network, today: date) -> list[AgendaItem]:
    """Today's ranked list, without what the user snoozed or skipped."""
    items = [i for i in candidates(network, today) if not is_hidden(i, network, today)]
    return sorted(items, key=AgendaItem.sort_key)


def due_touches(network: Network, today: date) -> list[AgendaItem]:
    """The people past their keep-in-touch interval, most overdue first (P8 only)."""
    return [i for i in agenda(network, today) if i.kind == "cadence"]


@dataclass(frozen=True)
class Upcoming:
    on: date
    contact: Contact
    what: str
    reason: Reason


def this_week(network: Network, today: date) -> list[Upcoming]:
    """What falls due in the next seven days, day by day: the view that plans ahead."""
    coming: list[Upcoming] = []
    for status in statuses(network, today):
        days_left = -status.days_overdue
        if 1 <= days_left <= WEEK:
            coming.append(Upcoming(today + timedelta(days=days_left), status.contact,
                                   "Keep in touch", status.reason))
        for important in network.dates_of(status.contact.id):
            found = reminder(status.contact, important, today, WEEK)
            if found and 1 <= found.days_away <= WEEK:
                coming.append(Upcoming(found.on, status.contact, "Light touch", found.reason))
    return sorted(coming, key=lambda u: (u.on, u.contact.name.casefold(), u.what))
