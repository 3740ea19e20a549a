"""P10 the 24-hour follow-up: after meeting someone new, write within a day.

A first meeting is the earliest interaction logged with a contact when it was a
meeting. Until something else is logged after it, a follow-up is owed: due the day
after, and still shown (as late) for two weeks, after which the cadence rule takes over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Contact, Interaction, InteractionKind
from core.rules.reasons import Reason, quoted

FOLLOW_UP_WITHIN = timedelta(days=1)
STILL_WORTH_IT = timedelta(days=14)


@dataclass(frozen=True)
class FollowUp:
    contact: Contact
    meeting: Interaction
    due_on: date
    reason: Reason

    @property
    def key(self) -> str:
        return f"followup-{self.meeting.id}"

    @property
    def is_late(self) -> bool:
        return self.reason.text.startswith("Late")


def follow_up_owed(contact: Contact, history: list[Interaction], today: date) -> FollowUp | None:
    """The follow-up owed after a first meeting, or None.

    ``history`` is the contact's interactions, newest first.
    """
    if not history or history[-1].kind is not InteractionKind.MEETING:
        return None
    meeting = history[-1]
    if len(history) > 1 or not meeting.on <= today <= meeting.on + STILL_WORTH_IT:
        return None
    due_on = meeting.on + FOLLOW_UP_WITHIN
    detail = f' Mention something specific, like: "{quoted(meeting.note)}".' if meeting.note else (
        " Mention one specific thing you talked about."
    )
    where = f" at {meeting.where}" if meeting.where else ""
    if today <= due_on:
        lead = f"You met {contact.name}{where} {'today' if today == meeting.on else 'yesterday'}"
        text = f"{lead}: send a short, personal note within 24 hours.{detail}"
    else:
        text = (f"Late, but still worth it: you met {contact.name}{where} on "
                f"{meeting.on:%d %b} and have not followed up.{detail}")
    return FollowUp(contact, meeting, due_on, Reason("P10", text))
