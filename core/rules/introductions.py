"""P7 start from family and friends: who could introduce the user to someone.

A path to a target person runs through someone the user knows well: people the target
introduced, or strong ties and family and friends who share a group with the target.
Each suggestion says which path it is, and names each person once. Once the user and the
target are in touch, or someone has already introduced them, no path is offered: they
need no introduction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.model import Contact, Interaction, Sphere
from core.rules.groups import top_groups
from core.rules.reasons import Reason


@dataclass(frozen=True)
class Introducer:
    contact: Contact
    reason: Reason
    strength: int
    # The reason without the introducer's name in front ("is close to you and also in
    # Work"), for a page that shows the name already as a link.
    how: str = ""


def vouches(contact: Contact) -> bool:
    """Family, friends and strong ties: people whose word carries (P7)."""
    return contact.layer.is_strong or contact.sphere is Sphere.PERSONAL


def introducers(target: Contact, people: Iterable[Contact],
                 history: Sequence[Interaction] = ()) -> list[Introducer]:
    """Who could introduce the user to ``target``, strongest path first; nobody once the
    user and the target are in touch (``history``): an introduction is a way in, and
    offering one to someone who has just introduced you to a friend reads as a muddle.
    Nobody either once someone introduced them (``target.introduced_by``): that
    introduction is made, and the page says who made it. Each person is offered once."""
    if history or target.introduced_by:
        return []
    found: list[Introducer] = []
    seen: set[str] = set()
    for person in people:
        if person.id == target.id or person.id in seen:
            continue
        path = _path(person, target)
        if path is not None:
            seen.add(person.id)
            strength, how = path
            found.append(Introducer(person, Reason("P7", f"{person.name} {how}."), strength,
                                    how))
    found.sort(key=lambda i: (-i.strength, i.contact.name.casefold(), i.contact.id))
    return found


def _path(person: Contact, target: Contact) -> tuple[int, str] | None:
    if person.introduced_by == target.id:
        return 2, f"was introduced to you by {target.name}, so they know each other"
    shared = [g for g in top_groups(target) if g.casefold() in
              {mine.casefold() for mine in top_groups(person)}]
    if shared and vouches(person):
        return 1, f"is close to you and also in {shared[0]}"
    return None
