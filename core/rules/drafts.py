"""Drafts the user can edit and copy: a follow-up, a light touch, an offer of help.

Built from what was recorded (the place, the detail, the plan, the pitch) by plain
templates and rules; nothing leaves the browser. With no context a draft still reads
well: it asks the user to add the one detail only they know, never says "None".
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import Contact, Interaction, InteractionKind, Pitch, Plan
from core.rules.reasons import Reason


@dataclass(frozen=True)
class Draft:
    title: str
    text: str
    reason: Reason


def first_name(contact: Contact) -> str:
    return contact.name.split()[0]


def _detail(interaction: Interaction | None, fallback: str) -> str:
    if interaction is not None and interaction.note:
        return interaction.note.rstrip(".")
    return fallback


def follow_up(contact: Contact, history: list[Interaction], pitch: Pitch) -> Draft:
    """The 24-hour note after a meeting: thanks, one specific detail, a light offer (P10)."""
    meeting = next((i for i in history if i.kind is InteractionKind.MEETING), None)
    where = f" at {meeting.where}" if meeting and meeting.where else ""
    detail = _detail(meeting, "[one specific thing you talked about]")
    lines = [
        f"Hi {first_name(contact)},",
        "",
        f"Thank you for the conversation{where}. I have been thinking about what you "
        f"told me: {detail}.",
    ]
    if pitch.how_i_help:
        lines.append(f"If it would help, I'm happy to {_lower_first(pitch.how_i_help)}.")
    lines += ["", "Hope we can continue the conversation soon.", ""]
    return Draft("Follow-up note", "\n".join(lines),
                 Reason("P10", "Sent within a day and naming one detail, it is remembered."))


def light_touch(contact: Contact, history: list[Interaction]) -> Draft:
    """A small gesture between meetings that picks up the last thread (P11)."""
    last = history[0] if history else None
    detail = _detail(last, "[something you know they care about]")
    text = (f"Hi {first_name(contact)},\n\nI came across something that made me think of "
            f"our last conversation ({detail}). [Link or one line about it.]\n\n"
            "How are things going?\n")
    return Draft("Light touch", text,
                 Reason("P11", "A small, specific gesture keeps a tie warm between meetings."))


def offer_help(contact: Contact, plan: Plan | None) -> Draft:
    """Give first: a plain offer, specific when the plan says what the user can give (P13)."""
    give = plan.give if plan and plan.give else ""
    offer = f" I could {_lower_first(give).rstrip('.')}, if that's useful." if give else ""
    text = (f"Hi {first_name(contact)},\n\nIs there anything I can do for you at the "
            f"moment?{offer}\n\nNo need for anything in return.\n")
    return Draft("Offer of help", text,
                 Reason("P13", "You earn a place in someone's network by helping first."))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text
