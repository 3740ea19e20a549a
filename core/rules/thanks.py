"""Thanks owed: after someone helped the user, a thank-you within a day or two (P13, P7).

Giving first is half of the exchange; the other half is noticing what others give. A
favour received (the ledger's "they helped me") and an introduction made for the user
(a person added as introduced by someone) each ask for a thank-you from the day they
are recorded: due within two days, still worth it, as late, for a week. Past that the
moment has gone and the favour ledger's give-first nudge carries on.

Being in touch settles it: anything logged with the helper after the favour (on a
later day, or on its day once the favour was recorded, the same moment included); for
an introduction, anything logged with the introducer from the day the person was added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Contact, Favour, FavourDirection, Interaction
from core.rules.reasons import Reason, quoted_to_end
from core.rules.wording import on_day


@dataclass(frozen=True)
class ThanksOwed:
    """Who helped, what they did (as the user wrote it), since when, and why thank them."""

    helper: Contact
    what: str
    since: date
    reason: Reason
    # What the thank-you is for, part of its Today key: a favour's id, or the person
    # introduced, so each favour is thanked once.
    occasion: str
    introduced: Contact | None = None


# Thanks are due within two days of the favour and still worth sending, as late, for a week.
THANK_WITHIN, STILL_WORTH_IT = timedelta(days=2), timedelta(days=7)


def _window(since: date, today: date) -> str | None:
    """"due" in the first two days, "late" for the rest of the week, else None."""
    if not since <= today <= since + STILL_WORTH_IT:
        return None
    return "due" if today <= since + THANK_WITHIN else "late"


def favour_thanks(helper: Contact, favours: Iterable[Favour], history: list[Interaction],
                  today: date) -> ThanksOwed | None:
    """The newest favour received from ``helper`` still to be thanked, or None."""
    for favour in favours:  # newest first
        if favour.direction is not FavourDirection.RECEIVED:
            continue
        window = _window(favour.on, today)
        if window is None or _thanked(favour, history):
            continue
        when = on_day(favour.on, today)
        lead = ("Say thank you within a day or two" if window == "due"
                else "Late, but still worth it: say thank you")
        text = (f"{helper.name} helped you {when}: {quoted_to_end(favour.what)} {lead}, and "
                "name what they did: help that is noticed is help people are glad to give.")
        return ThanksOwed(helper, favour.what, favour.on, Reason("P13", text), favour.id)
    return None


def _thanked(favour: Favour, history: list[Interaction]) -> bool:
    """Anything logged after the favour: a later day, or its day once it was recorded."""
    return any(i.on > favour.on or (i.on == favour.on and i.updated_at >= favour.updated_at)
               for i in history)


def introduction_thanks(introducer: Contact, introduced: Iterable[Contact],
                        history: list[Interaction], today: date) -> ThanksOwed | None:
    """The newest introduction ``introducer`` made for the user still to be thanked."""
    for person in sorted(introduced, key=lambda c: (c.added_on, c.id), reverse=True):
        window = _window(person.added_on, today)
        if window is None or any(i.on >= person.added_on for i in history):
            continue
        lead = ("Thank them within a day or two" if window == "due"
                else "Late, but still worth it: thank them")
        text = (f"{introducer.name} introduced you to {person.name}. {lead}, and later tell "
                "them how it went: it keeps them glad they opened the door.")
        return ThanksOwed(introducer, f"an introduction to {person.name}", person.added_on,
                          Reason("P7", text), f"intro-{person.id}", person)
    return None
