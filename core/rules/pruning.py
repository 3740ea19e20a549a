"""P4 prune what has gone cold: weak ties untouched for months come up for review.

Review is a question, never a deletion: keep (and plan a touch) or let go (archive,
which hides the person but keeps every record). The clock starts at the last
conversation, else at the day the user has known the person since (an imported
connection's date), else at the day they were added. People the user wants to grow
toward (the shortlist, an active target network) are never put up for letting go
before the user has even had a conversation with them: that is a first step to take,
not a tie gone cold. Nobody is reviewed in their first month in Tend, and only a few
reviews come up a day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Interaction, TargetNetwork
from core.rules.cadence import CadenceStatus
from core.rules.followup import CONVERSATIONS
from core.rules.reasons import Reason
from core.rules.wording import time_span

# Someone the user just added or imported was just chosen: no review in the first month,
# even for a connection made years ago.
REVIEW_GRACE_DAYS = 30
# A review is a decision, not an emergency: a few a day, the longest silent first, so an
# import of old connections does not fill Today with questions on one morning.
REVIEWS_A_DAY = 3
# A review skipped ("not now") comes back after a month; Keep waits longer (three months).
REVIEW_SKIP_WAIT = timedelta(days=30)


@dataclass(frozen=True)
class PruneReview:
    status: CadenceStatus
    since: date
    reason: Reason


def _silent_since(status: CadenceStatus, days: int) -> str:
    """How long the tie has been silent, as far as Tend knows it: "no contact for about
    7 months" after a logged contact; from a LinkedIn connection date only that you
    connected then ("no contact for 10 years" would invent a contact 10 years ago)."""
    if status.last_contact is not None:
        return f"with no contact for about {time_span(days)}"
    if status.contact.known_since is not None:
        return (f"you connected with about {time_span(days)} ago, with no contact "
                "logged since")
    return f"you added about {time_span(days)} ago, with no contact logged since"


def prune_review(status: CadenceStatus, prune_after_days: int, today: date,
                 history: Sequence[Interaction] = (),
                 targets: Mapping[str, TargetNetwork] | None = None) -> PruneReview | None:
    """A review for a weak tie with no contact for ``prune_after_days`` (6–12 months)."""
    contact = status.contact
    if not contact.weak_tie:
        return None
    wanted = contact.shortlist or any(t.active for t in (targets or {}).values()
                                      if t.id in contact.targets)
    if wanted and not any(i.kind in CONVERSATIONS for i in history):
        return None
    since = status.last_contact or contact.known_since or contact.added_on
    days = (today - since).days
    if days < prune_after_days or (today - contact.added_on).days < REVIEW_GRACE_DAYS:
        return None
    text = (f"{contact.name} is a weak tie {_silent_since(status, days)}. "
            "Keep them and plan a light touch, or let them go; nothing is deleted.")
    return PruneReview(status, since, Reason("P4", text))
