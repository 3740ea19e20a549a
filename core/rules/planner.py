"""P14 why / what / what's next, kept honest; with P15 research and P12 patience.

Before reaching out, a plan answers three questions: why this person; what the user can
give (and might get); what comes next, as a dated step. A plan is incomplete until all
three are answered, and the app names what is missing. Marking a step done requires
the following step, so an active plan always has exactly one open step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.model import Contact, Interaction, Plan
from core.rules.cadence import days_ago
from core.rules.patience import BIG_STEPS, ask_readiness
from core.rules.reasons import Reason

PARTS = {
    "why": "why you want to meet them",
    "give": "what you can give them",
    "next": "what's next: a step and its date",
}


def missing_parts(plan: Plan) -> list[str]:
    """The questions a plan has not answered yet, in the order they are asked."""
    missing = []
    if not plan.why:
        missing.append("why")
    if not plan.give:
        missing.append("give")
    if not (plan.next_step and plan.next_on):
        missing.append("next")
    return missing


def completeness(plan: Plan) -> Reason:
    """'Complete', or which of the three answers are missing (P14)."""
    missing = missing_parts(plan)
    if not missing:
        return Reason("P14", "Complete: you know why, what you bring, and what comes next.")
    listed = "; ".join(PARTS[m] for m in missing)
    return Reason("P14", f"Not complete yet. Still to answer: {listed}.")


def reach_out_flag(plan: Plan | None) -> Reason | None:
    """Reaching out without a specific reason (or without a plan at all) is flagged (P15)."""
    if plan is not None and plan.reach_reason:
        return None
    return Reason("P15", "No specific reason to reach out yet. Know their field and name one "
                         "thing you want to ask or share: generic notes get generic answers.")


def early_ask_flag(plan: Plan, history: list[Interaction]) -> Reason | None:
    """A planned ask or collaboration before trust is built is flagged, with why (P12)."""
    if plan.next_kind not in BIG_STEPS or plan.next_on is None:
        return None
    readiness = ask_readiness(history, plan.next_on)
    return None if readiness.ready else readiness.reason


@dataclass(frozen=True)
class PlannedStep:
    contact: Contact
    plan: Plan
    reason: Reason

    @property
    def key(self) -> str:
        assert self.plan.next_on is not None
        return f"plan-{self.plan.id}-{self.plan.next_on.isoformat()}-{self.plan.next_step}"


def step_due(contact: Contact, plan: Plan, today: date) -> PlannedStep | None:
    """The plan's next step once its date has come (it then sits on Today)."""
    if not plan.active or not plan.next_step or plan.next_on is None or plan.next_on > today:
        return None
    late = (today - plan.next_on).days
    when = "today" if late == 0 else f"{plan.next_on.day} {plan.next_on:%b} ({days_ago(late)})"
    text = f"Planned for {when}: {plan.next_step}."
    if plan.why:
        text += f" Why: {plan.why}"
    return PlannedStep(contact, plan, Reason("P14", text))
