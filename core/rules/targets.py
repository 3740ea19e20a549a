"""P5 target networks: where the user wants to grow, and why they would be welcome.

Every contact is triaged into the target networks they belong to, or marked as
belonging to none; until then they are a visible to-do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta

from core.model import Contact, TargetKind, TargetNetwork, comparable_name
from core.rules.groups import is_family_or_inner
from core.rules.reasons import Reason

SUGGESTED: dict[TargetKind, str] = {
    TargetKind.CLIENTS: "Clients",
    TargetKind.PARTNERS: "Partners",
    TargetKind.HIRES: "Future hires",
    TargetKind.INVESTORS: "Investors",
    TargetKind.MENTORS: "Mentors",
    TargetKind.EMPLOYERS: "Future employers",
    TargetKind.OTHER: "Another network",
}


# Skipping "sort people into target networks" puts it off for a week, not until someone
# new is added: the people waiting are still waiting.
TRIAGE_SKIP_WAIT = timedelta(days=7)

# The networks page offers this many unsorted people at a time, so it stays a short job.
SORT_AT_ONCE = 20


def untriaged(people: Iterable[Contact]) -> list[Contact]:
    """Contacts not yet sorted into a target network nor marked as in none. Family and
    the inner circle are no networking chore: Mum is never asked to be sorted into
    "Future employers" (she can still be put in one from her page).

    Closest ties come first, so that after a long import the few people the user is
    really in touch with are sorted before hundreds of LinkedIn names; within a layer
    the order given is kept."""
    waiting = [c for c in people if not c.targets and not c.triaged and not is_family_or_inner(c)]
    return sorted(waiting, key=lambda c: c.layer.capacity)  # the smallest circle is closest


def network_named(name: str, targets: Iterable[TargetNetwork]) -> TargetNetwork | None:
    """The target network already going by this name: the same name in other capitals
    or spacing is the same network, so none is ever added twice."""
    wanted = comparable_name(name)
    return next((t for t in targets if comparable_name(t.name) == wanted), None)


def members(target: TargetNetwork, people: Iterable[Contact]) -> list[Contact]:
    return [c for c in people if target.id in c.targets]


def missing_value_proposition(targets: Mapping[str, TargetNetwork]) -> list[Reason]:
    """Active networks without a reason those people would want the user around."""
    return [
        Reason("P5", f"Why would {t.name.lower()} want you in their network? Write it down "
                     "before you reach out.")
        for t in targets.values() if t.active and not t.value_proposition
    ]


def triage_reason(count: int) -> Reason:
    word = "person is" if count == 1 else "people are"
    text = f"{count} {word} not yet sorted into your target networks."
    if count > SORT_AT_ONCE:
        text += (f" They come {SORT_AT_ONCE} at a time, closest ties first, so each sitting "
                 "stays short.")
    return Reason("P5", text)
