"""The five stages of building a network, and which of them the user's records show done.

Who belongs → groups → exchange contacts selectively → follow up → offer help. A new
user sees the path and where they are on it; each stage is read from what they
recorded, never ticked by hand, so the path cannot say more than the network does.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import FavourDirection, InteractionKind
from core.network import Network
from core.routes import route_to


@dataclass(frozen=True)
class Stage:
    name: str
    what: str
    principle: str
    href: str
    done: bool


def followed_up(network: Network) -> bool:
    """Someone met was written to again afterwards: the follow-up happened (P10)."""
    for history in network.history.values():
        meetings = [i.on for i in history if i.kind is InteractionKind.MEETING]
        if meetings and any(i.on >= min(meetings) and i.kind is not InteractionKind.MEETING
                            for i in history):
            return True
    return False


def stages(network: Network) -> list[Stage]:
    """The five stages in order, each marked done or not from the records."""
    people = network.people
    return [
        Stage("Who belongs", "Start with family and friends, then the people you work with.",
              "P7", route_to("people"), bool(people)),
        Stage("Groups", "Sort them into groups, so each gets the care it needs.", "P3",
              route_to("groups"), any(c.groups for c in people)),
        Stage("Exchange contacts selectively",
              "Choose the networks you want to grow and the few people worth meeting.",
              "P5", route_to("networks"), any(c.targets or c.shortlist for c in people)),
        Stage("Follow up", "After meeting someone, a short note within a day.", "P10",
              route_to("today"), followed_up(network)),
        Stage("Offer help", "Give before you ask: that is how a place is earned.", "P13",
              route_to("people"), any(f.direction is FavourDirection.GIVEN
                              for f in network.favours.values())),
    ]


def current_stage(path: list[Stage]) -> Stage | None:
    """The first stage not done yet: where the user is."""
    return next((s for s in path if not s.done), None)
