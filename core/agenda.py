"""The Today list: who to tend to, most overdue first, each with the reason why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.cadence import CadenceStatus, cadence_status
from core.model import Contact
from core.reasons import Reason
from core.store import Network


@dataclass(frozen=True)
class AgendaItem:
    """One person to get in touch with today, and why."""

    status: CadenceStatus

    @property
    def contact(self) -> Contact:
        return self.status.contact

    @property
    def reason(self) -> Reason:
        return self.status.reason


def statuses(network: Network, today: date) -> list[CadenceStatus]:
    """Every live contact's cadence status, computed in one pass over interactions."""
    last: dict[str, date] = {}
    for interaction in network.interactions.values():
        seen = last.get(interaction.contact_id)
        if seen is None or interaction.on > seen:
            last[interaction.contact_id] = interaction.on
    return [cadence_status(c, last.get(c.id), today) for c in network.contacts.values()]


def due_touches(network: Network, today: date) -> list[AgendaItem]:
    """Contacts whose keep-in-touch interval has passed, most overdue first (P8).

    Ties are broken by name and then id, so the list is the same on every run.
    """
    due = [s for s in statuses(network, today) if s.is_due]
    due.sort(key=lambda s: (-s.days_overdue, s.contact.name.casefold(), s.contact.id))
    return [AgendaItem(s) for s in due]
