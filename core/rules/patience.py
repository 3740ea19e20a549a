"""P12 patience: trust first, then the ask.

Interactions climb a ladder, from a light touch to a collaboration. An ask or a
proposal to work together made before enough trust has been built is flagged, with
the reason: too few interactions so far, or too short a history.

Logged interactions are not the whole story. The closeness the user gave a person (the
inner circle, close friends and allies) says the trust is there already, and so does
the user's own account of a long history: how they met, written down, and known since
a date a month or more back (a former manager of three years). Connections imported in
bulk (weak ties) do not count on the date alone: being connected is not trust.
For family and the inner circle Tend speaks of no "ask" at all: there is nothing to
sell there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.model import Contact, Interaction, InteractionKind
from core.rules.groups import is_family_or_inner
from core.rules.reasons import Reason
from core.rules.wording import days_ago, time_span

LADDER = list(InteractionKind)
BIG_STEPS = {InteractionKind.ASK, InteractionKind.COLLABORATION}
TRUST_INTERACTIONS = 3
TRUST_DAYS = 30


@dataclass(frozen=True)
class Readiness:
    """Whether an ask would come after enough trust, and why."""

    ready: bool
    reason: Reason


def ask_readiness(history: list[Interaction], on: date,
                  contact: Contact | None = None) -> Readiness:
    """Judge an ask planned for ``on`` from the interactions before it (newest first),
    and from what the user says of the ``contact``: their closeness and their history."""
    # Light touches keep a tie warm; they are not the conversations trust is built on.
    before = [i for i in history if i.kind is not InteractionKind.TOUCH
              and (i.on < on or (i.on == on and i.kind not in BIG_STEPS))]
    count = len(before)
    starts = [i.on for i in before]
    if contact is not None and contact.known_since is not None and contact.known_since <= on:
        starts.append(contact.known_since)
    days = (on - min(starts)).days if starts else 0
    if contact is not None and is_family_or_inner(contact):
        return Readiness(True, Reason("P12", f"{contact.name} is one of your closest: no "
                                             "strategy needed, just be there."))
    if contact is not None and contact.layer.is_strong:
        text = (f"{contact.name} is among your close friends and allies: the trust is "
                "there. Ask plainly, and offer help in return.")
        return Readiness(True, Reason("P12", text))
    if (contact is not None and contact.how_met and not contact.weak_tie
            and days >= TRUST_DAYS):
        return Readiness(True, Reason("P12", _known_for(contact, days)))
    # A connection's date is no time spent together: with a weak tie the history an ask
    # rests on starts at the first conversation (three in ten days is not a month of trust).
    talked = (on - min(i.on for i in before)).days if before else 0
    span = talked if contact is not None and contact.weak_tie else days
    if count >= TRUST_INTERACTIONS and span >= TRUST_DAYS:
        text = f"{count} interactions over {time_span(span)}: enough history for an ask."
        return Readiness(True, Reason("P12", text))
    if contact is not None and _span_is_known_since(contact, before, days):
        return Readiness(False, Reason("P12", _long_known_but_few(contact, count, days,
                                                                  talked)))
    so_far = (f"Only {count} {'interaction' if count == 1 else 'interactions'} over "
              f"{time_span(days)} so far." if count else "No conversation logged yet.")
    text = (f"{so_far} Trust usually needs at least {TRUST_INTERACTIONS} over {TRUST_DAYS} "
            "days before an ask: give or meet first.")
    return Readiness(False, Reason("P12", text))


def _span_is_known_since(contact: Contact, before: list[Interaction], days: int) -> bool:
    """Whether the history's length is the "known since" date, not the conversations."""
    since = contact.known_since
    return (since is not None and days >= TRUST_DAYS
            and all(since <= i.on for i in before))


def _long_known_but_few(contact: Contact, count: int, days: int, talked: int) -> str:
    """A connection of years with few conversations: both said as they are. "Only 1
    interaction over 7 years" would read as a meagre history; it is a long acquaintance
    whose talks have only begun. Enough talks in too few days is said as that."""
    span = "Connected" if contact.weak_tie else "Known"
    if count >= TRUST_INTERACTIONS:
        return (f"{span} for {time_span(days)}, and your conversations began "
                f"{days_ago(talked)}. Trust takes time as well as talks: usually "
                f"{TRUST_DAYS} days or more before an ask. Give or meet first.")
    logged = (f"{count} {'conversation' if count == 1 else 'conversations'} logged so far"
              if count else "no conversation logged yet")
    return (f"{span} for {time_span(days)}, with {logged}. Trust is built in conversations: "
            f"usually at least {TRUST_INTERACTIONS} before an ask. Give or meet first.")


def _known_for(contact: Contact, days: int) -> str:
    """The user's own account of a long history, in their words. A span is stated only
    from the "known since" they gave: the first thing logged in Tend says when the
    record began, and "6 months" beside "my manager for three years" would be wrong."""
    how = _inside(contact.how_met)
    if contact.known_since is None:
        return f"You have history with {contact.name} ({how}): enough to ask."
    return f"You have known {contact.name} for {time_span(days)} ({how}): enough history to ask."


def _inside(text: str) -> str:
    """The user's note inside a sentence's parentheses: "(my manager at Acme …)", with a
    first "My" or "The" in lower case; a name ("Acme", "Priya") stays as typed."""
    first = text.split(" ", 1)[0].casefold()
    return text[:1].lower() + text[1:] if first in _PLAIN_STARTS else text


_PLAIN_STARTS = {"my", "our", "we", "the", "a", "an", "she", "he", "they", "her", "his", "their"}


def early_asks(history: list[Interaction],
               contact: Contact | None = None) -> list[tuple[Interaction, Readiness]]:
    """Every ask or collaboration in a history that came before trust was built."""
    flagged = []
    for index, interaction in enumerate(history):
        if interaction.kind in BIG_STEPS:
            readiness = ask_readiness(history[index + 1:], interaction.on, contact)
            if not readiness.ready:
                flagged.append((interaction, readiness))
    return flagged


RUNGS = {InteractionKind.TOUCH: "a light touch", InteractionKind.MESSAGE: "a message",
         InteractionKind.CALL: "a call", InteractionKind.MEETING: "a meeting, in person or "
                                                                   "by video",
         InteractionKind.FAVOUR: "helping with something"}


def rung(kind: InteractionKind) -> str:
    """A rung of the ladder as a sentence says it: "a meeting, in person or by video",
    not the log form's "Met in person or by video"."""
    return RUNGS.get(kind, kind.value)


def next_step(history: list[Interaction]) -> InteractionKind:
    """One rung above the most significant step so far, never jumping to an ask."""
    reached = max((LADDER.index(i.kind) for i in history), default=-1)
    return LADDER[min(reached + 1, LADDER.index(InteractionKind.FAVOUR))]
