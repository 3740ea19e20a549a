"""P12 patience: trust first, then the ask.

Interactions climb a ladder, from a light touch to a collaboration. An ask or a
proposal to work together made before enough trust has been built is flagged, with
the reason: too few interactions so far, or too short a history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.model import Interaction, InteractionKind
from core.rules.reasons import Reason

LADDER = list(InteractionKind)
BIG_STEPS = {InteractionKind.ASK, InteractionKind.COLLABORATION}
TRUST_INTERACTIONS = 3
TRUST_DAYS = 30


@dataclass(frozen=True)
class Readiness:
    """Whether an ask would come after enough trust, and why."""

    ready: bool
    reason: Reason


def ask_readiness(history: list[Interaction], on: date) -> Readiness:
    """Judge an ask planned for ``on`` from the interactions before it (newest first)."""
    # Light touches keep a tie warm; they are not the conversations trust is built on.
    before = [i for i in history if i.kind is not InteractionKind.TOUCH
              and (i.on < on or (i.on == on and i.kind not in BIG_STEPS))]
    count = len(before)
    days = (on - min(i.on for i in before)).days if before else 0
    if count >= TRUST_INTERACTIONS and days >= TRUST_DAYS:
        text = f"{count} interactions over {days} days: enough history for an ask."
        return Readiness(True, Reason("P12", text))
    text = (f"Only {count} {'interaction' if count == 1 else 'interactions'} over {days} "
            f"{'day' if days == 1 else 'days'} so far. Trust usually needs at least "
            f"{TRUST_INTERACTIONS} over {TRUST_DAYS} days before an ask: give or meet first.")
    return Readiness(False, Reason("P12", text))


def early_asks(history: list[Interaction]) -> list[tuple[Interaction, Readiness]]:
    """Every ask or collaboration in a history that came before trust was built."""
    flagged = []
    for index, interaction in enumerate(history):
        if interaction.kind in BIG_STEPS:
            readiness = ask_readiness(history[index + 1:], interaction.on)
            if not readiness.ready:
                flagged.append((interaction, readiness))
    return flagged


def next_step(history: list[Interaction]) -> InteractionKind:
    """One rung above the most significant step so far, never jumping to an ask."""
    reached = max((LADDER.index(i.kind) for i in history), default=-1)
    return LADDER[min(reached + 1, LADDER.index(InteractionKind.FAVOUR))]
