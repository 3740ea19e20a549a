"""What Done on a Today item records: what the user sent or said, as what it was (P9).

Pressing Done is not a conversation. Done asks one optional question (what did you
write, send, offer?) and logs the answer as the note, with the kind of interaction the
item asked for: a follow-up note is a message; a date, news or a keep-in-touch nudge is a
light touch; a first hello to someone never contacted is a message; an offer of help is
a message, or help given when the user says they helped (which the favour ledger counts,
``core.rules.favours``). With nothing typed the note stays empty: Today, the drafts and
the patience rule then quote nothing, rather than the button's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import AgendaKind, Interaction, InteractionKind


@dataclass(frozen=True)
class DoneQuestion:
    """The one line Done shows on an item: the question, and what the answer is logged as."""

    prompt: str
    kind: InteractionKind


DONE_QUESTIONS: dict[str, DoneQuestion] = {
    AgendaKind.FOLLOW_UP: DoneQuestion("What did you write?", InteractionKind.MESSAGE),
    AgendaKind.RECONNECT: DoneQuestion("What did you write?", InteractionKind.MESSAGE),
    AgendaKind.DATE: DoneQuestion("What did you send?", InteractionKind.TOUCH),
    AgendaKind.CADENCE: DoneQuestion("What did you send or say?", InteractionKind.TOUCH),
    AgendaKind.GIVE: DoneQuestion("What did you offer?", InteractionKind.MESSAGE),
    AgendaKind.THANKS: DoneQuestion("What did you write?", InteractionKind.MESSAGE),
}
# Any other item with a Done button: something was sent or said, so a message.
ANYTHING_ELSE = DoneQuestion("What did you send or say?", InteractionKind.MESSAGE)


def done_question(item_kind: AgendaKind | str) -> DoneQuestion:
    """What Done on an item of this kind asks (the template shows it) and logs."""
    return DONE_QUESTIONS.get(item_kind, ANYTHING_ELSE)


# How a notice names what was logged with {name}: "Logged a light touch with Mum".
LOGGED_AS: dict[InteractionKind, str] = {
    InteractionKind.TOUCH: "a light touch with {name}",
    InteractionKind.MESSAGE: "a message with {name}",
    InteractionKind.CALL: "a call with {name}",
    InteractionKind.MEETING: "a meeting with {name}",
    InteractionKind.FAVOUR: "the help you gave {name}",
    InteractionKind.ASK: "an ask of {name}",
    InteractionKind.COLLABORATION: "a proposal to work with {name}",
}


def done_kind(item_kind: AgendaKind | str, history: list[Interaction], helped: bool = False
              ) -> InteractionKind:
    """The kind of interaction Done on an item of ``item_kind`` logs.

    >>> done_kind("date", []).value, done_kind("give", [], helped=True).value
    ('touch', 'favour')
    >>> done_kind("cadence", []).value  # a first hello is a message, not a light touch
    'message'
    """
    if item_kind == AgendaKind.GIVE and helped:
        return InteractionKind.FAVOUR
    if item_kind == AgendaKind.CADENCE and not history:
        return InteractionKind.MESSAGE
    return done_question(item_kind).kind
