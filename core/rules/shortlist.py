"""P6 a short list of the well-connected: 20–30 names, 5–10 of them a call away.

The well-connected are busy and asked often; their attention is earned, not requested.
So a name on the shortlist is a to-do until there is a plan for it (P14): why them, and
what the user can give them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Contact, Interaction, InteractionKind, Plan
from core.rules.reasons import Reason

LIST_SIZE = (20, 30)
CONNECTED_GOAL = (5, 10)
RECENT = timedelta(days=180)
CONNECTED_AFTER = 2


def is_a_call_away(history: list[Interaction], today: date) -> bool:
    """Connected enough to ring: two or more conversations, the latest within six months.

    A light touch (a birthday wish, a shared link) keeps a tie warm but is not a
    conversation: it does not make someone a call away.
    """
    talks = [i for i in history if i.kind is not InteractionKind.TOUCH]
    return len(talks) >= CONNECTED_AFTER and today - talks[0].on <= RECENT


@dataclass(frozen=True)
class ShortlistProgress:
    listed: int
    connected: int

    @property
    def reason(self) -> Reason:
        low, high = LIST_SIZE
        goal_low, goal_high = CONNECTED_GOAL
        if self.listed < low:
            advice = f"add {low - self.listed} more influential people in your field"
        elif self.connected < goal_low:
            advice = f"work toward {goal_low - self.connected} more of them being a call away"
        else:
            advice = "keep them warm"
        return Reason("P6", f"{self.listed} on your shortlist (aim for {low}–{high}); "
                            f"{self.connected} a call away (aim for {goal_low}–{goal_high}): "
                            f"{advice}.")


def shortlist_progress(
    people: list[Contact], history: dict[str, list[Interaction]], today: date
) -> ShortlistProgress:
    listed = [c for c in people if c.shortlist]
    connected = [c for c in listed if is_a_call_away(history.get(c.id, []), today)]
    return ShortlistProgress(len(listed), len(connected))


def plan_nudge(contact: Contact, plan: Plan | None) -> Reason | None:
    """A shortlisted person without a plan saying why them and what to give (P6).

    >>> plan_nudge(Contact.model_construct(name="Ana", shortlist=True), None).text[:30]
    "No plan yet for earning Ana's "
    """
    if not contact.shortlist:
        return None
    missing = [] if plan is None else [p for p, v in (("why them", plan.why),
                                                     ("what you can give", plan.give)) if not v]
    if plan is not None and not missing:
        return None
    if plan is None:
        return Reason("P6", f"No plan yet for earning {contact.name}'s attention: write why "
                            "them, and what you can give them.")
    return Reason("P6", f"Earning {contact.name}'s attention needs a plan that says "
                        f"{' and '.join(missing)}.")
