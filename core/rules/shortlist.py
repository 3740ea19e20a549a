"""P6 a short list of the well-connected: 20–30 names, 5–10 of them a call away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Contact, Interaction, InteractionKind
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
