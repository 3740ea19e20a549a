"""P10 the 24-hour follow-up: after a real conversation with someone new, write within a day.

A conversation worth a follow-up is a call or a meeting that is the latest thing logged
with a contact, when it is either the first real conversation with them (a message
first, then a call, is how most first conversations come about) or a step of an active
plan (the plan's meetings are the ones the user prepared for). People in the inner
circles and family are not "someone new": a call with Mum needs no thank-you note.

Until anything else is logged after it (or at the same moment), the follow-up is
owed: due the day after, and still shown (as late) for two weeks. Past that it is not
forgotten: it turns into a "reconnect" item, a note that reopens the thread, for about
six weeks after the conversation or until the keep-in-touch interval (P8) falls due,
when the cadence rule takes over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Contact, Interaction, InteractionKind
from core.rules.groups import is_family_or_inner
from core.rules.places import at_place
from core.rules.reasons import Reason, quoted_to_end
from core.rules.wording import on_day

FOLLOW_UP_WITHIN = timedelta(days=1)
STILL_WORTH_IT = timedelta(days=14)
# A note that picks up one conversation reads naturally for about six weeks after it;
# later than that it is just a catch-up, which the cadence rule asks for in its time.
RECONNECT_UNTIL = timedelta(days=45)
CONVERSATIONS = frozenset({InteractionKind.CALL, InteractionKind.MEETING})


@dataclass(frozen=True)
class FollowUp:
    contact: Contact
    meeting: Interaction
    due_on: date
    reason: Reason

    @property
    def is_late(self) -> bool:
        return self.reason.text.startswith("Late")


def conversation_to_follow_up(contact: Contact, history: list[Interaction],
                              planned: bool = False) -> Interaction | None:
    """The call or meeting a follow-up is owed for, or None (``history`` newest first).

    ``planned`` says the contact has an active plan: then every call or meeting logged is
    a step the user prepared for, and earns its note.
    """
    if not history or history[0].kind not in CONVERSATIONS:
        return None
    if contact.layer.is_strong or is_family_or_inner(contact):
        return None
    latest = history[0]
    if any(_same_moment(latest, i) for i in history[1:]):
        # Logged at the same moment as something else (the follow-up typed in the same
        # tick, or merged in from another device): which came first cannot be told, and
        # a follow-up that may have gone out is never chased.
        return None
    first_real = all(i.kind not in CONVERSATIONS for i in history[1:])
    return latest if first_real or planned else None


def _same_moment(one: Interaction, other: Interaction) -> bool:
    return (one.on, one.updated_at) == (other.on, other.updated_at)


def follow_up_owed(contact: Contact, history: list[Interaction], today: date,
                   planned: bool = False) -> FollowUp | None:
    """The follow-up owed after a real conversation, within its two weeks, or None."""
    meeting = conversation_to_follow_up(contact, history, planned)
    if meeting is None or not meeting.on <= today <= meeting.on + STILL_WORTH_IT:
        return None
    due_on = meeting.on + FOLLOW_UP_WITHIN
    detail = _detail(meeting)
    where = f" {at_place(meeting.where)}" if meeting.where else ""
    verb = "met" if meeting.kind is InteractionKind.MEETING else "spoke with"
    if today <= due_on:
        lead = f"You {verb} {contact.name}{where} {'today' if today == meeting.on else 'yesterday'}"
        text = f"{lead}: send a short, personal note within 24 hours.{detail}"
    else:
        text = (f"Late, but still worth it: you {verb} {contact.name}{where} "
                f"{on_day(meeting.on, today)} and have not followed up.{detail}")
    return FollowUp(contact, meeting, due_on, Reason("P10", text))


def reconnect_owed(contact: Contact, history: list[Interaction], today: date,
                   planned: bool = False) -> FollowUp | None:
    """After two weeks without the follow-up: a note that picks the thread back up."""
    meeting = conversation_to_follow_up(contact, history, planned)
    if meeting is None or not meeting.on + STILL_WORTH_IT < today <= meeting.on + RECONNECT_UNTIL:
        return None
    verb = "met" if meeting.kind is InteractionKind.MEETING else "spoke with"
    where = f" {at_place(meeting.where)}" if meeting.where else ""
    text = (f"You {verb} {contact.name}{where} {on_day(meeting.on, today)} and the "
            "follow-up never went out. It is not too late to pick the thread back up: say you "
            f"enjoyed the conversation and share one thing you have done since.{_detail(meeting)}")
    return FollowUp(contact, meeting, meeting.on + STILL_WORTH_IT, Reason("P10", text))


def _detail(meeting: Interaction) -> str:
    if meeting.note:
        return f" Mention something specific, like: {quoted_to_end(meeting.note)}"
    return " Mention one specific thing you talked about."
