"""P13 give first: a ledger of favours, and a nudge to offer help.

The nudge comes where the balance leans on them, and soon after a first meeting with
someone new: giving first is how a place in a network is earned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Contact, Favour, FavourDirection, Interaction, InteractionKind
from core.rules.reasons import Reason
from core.rules.wording import on_day


@dataclass(frozen=True)
class FavourBalance:
    given: int
    received: int

    @property
    def leans_on_them(self) -> bool:
        """The user has taken more than they have given."""
        return self.received > self.given


def balance(favours: Iterable[Favour], history: Iterable[Interaction] = ()) -> FavourBalance:
    """Favours noted in the ledger, plus help logged on the timeline ("Helped with
    something"), which counts as given: one record of one act, so the ledger and the
    timeline never disagree, and nothing is copied that two devices could merge twice."""
    given = sum(i.kind is InteractionKind.FAVOUR for i in history)
    received = 0
    for favour in favours:
        if favour.direction is FavourDirection.GIVEN:
            given += 1
        else:
            received += 1
    return FavourBalance(given, received)


@dataclass(frozen=True)
class GiveNudge:
    contact: Contact
    balance: FavourBalance
    reason: Reason
    # What the nudge is about, part of its Today key: a skip or Done settles this
    # occasion only (the next favour received, or another first meeting, asks again).
    occasion: str


# After a first real conversation with someone new and its follow-up (anything logged
# after it), offer help from a few days on, for a month; then the cadence rule takes over.
# Until the follow-up is sent, the follow-up is the one thing to do for that person.
OFFER_FROM = timedelta(days=3)
OFFER_UNTIL = timedelta(days=30)
CONVERSATIONS = (InteractionKind.CALL, InteractionKind.MEETING)
# A nudge skipped or done stays away this long, even while the balance still leans on
# them: asking every day what you could do reads as pressing; once a month, as caring.
GIVE_SKIP_WAIT = timedelta(days=30)


def _times(count: int) -> str:
    """How people count favours: 'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def give_nudge(contact: Contact, favours: Iterable[Favour], history: list[Interaction],
               today: date) -> GiveNudge | None:
    """A nudge to offer help: when someone has done more for the user than the reverse,
    or soon after a first meeting with someone new, before the user has given anything.

    ``history`` is the contact's interactions, newest first.
    """
    counted = balance(favours, history)
    if counted.leans_on_them:
        given = (f"you have helped them {_times(counted.given)}" if counted.given
                 else "you have not helped them yet")
        text = (f"{contact.name} has helped you {_times(counted.received)}, and {given}. "
                "Ask what you could do for them.")
        return GiveNudge(contact, counted, Reason("P13", text), str(counted.received))
    first = next((i for i in reversed(history) if i.kind in CONVERSATIONS), None)
    if (first is None or not _followed(first, history) or counted.given
            or contact.layer.is_strong
            or not OFFER_FROM <= today - first.on <= OFFER_UNTIL):
        return None
    met = "met" if first.kind is InteractionKind.MEETING else "first spoke with"
    text = (f"You {met} {contact.name} {on_day(first.on, today)}. Give first: ask what "
            "you could do for them, before you need anything yourself; it is how a new tie starts "
            "to trust you.")
    return GiveNudge(contact, counted, Reason("P13", text), f"first-{first.id}")


def _followed(first: Interaction, history: list[Interaction]) -> bool:
    """Something was logged after the first conversation, or at the same moment (the
    follow-up typed in the same tick counts as sent)."""
    return any(i is not first and (i.on, i.updated_at) >= (first.on, first.updated_at)
               for i in history)
