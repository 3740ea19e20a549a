"""P4 prune what has gone cold: weak ties untouched for months come up for review.

Review is a question, never a deletion: keep (and plan a touch) or let go (archive,
which hides the person but keeps every record).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.rules.cadence import CadenceStatus
from core.rules.reasons import Reason


@dataclass(frozen=True)
class PruneReview:
    status: CadenceStatus
    reason: Reason

    @property
    def key(self) -> str:
        return f"prune-{self.status.contact.id}"


def prune_review(status: CadenceStatus, prune_after_days: int) -> PruneReview | None:
    """A review for a weak tie with no contact for ``prune_after_days`` (6–12 months)."""
    contact = status.contact
    if not contact.weak_tie or status.days_since < prune_after_days:
        return None
    months = status.days_since // 30
    text = (f"{contact.name} is a weak tie with no contact for about {months} months. "
            "Keep them and plan a light touch, or let them go; nothing is deleted.")
    return PruneReview(status, Reason("P4", text))

