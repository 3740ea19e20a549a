"""P7 start from family and friends: who could introduce the user to someone.

A path to a target person runs through someone the user knows well: the person who
introduced the target, people the target introduced, or strong ties and family and
friends who share a group with the target. Each suggestion says which path it is. Once
the user and the target are in touch, no path is offered: they need no introduction.
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


def vouches(contact: Contact) -> bool:
    """Family, friends and strong ties: people whose word carries (P7)."""
    return contact.layer.is_strong or contact.sphere is Sphere.PERSONAL


def introducers(target: Contact, people: Iterable[Contact],
                 history: Sequence[Interaction] = ()) -> list[Introducer]:
    """Who could introduce the user to ``target``, strongest path first; nobody once the
    user and the target are in touch (``history``): an introduction is a way in, and
    offering one to someone who has just introduced you to a friend reads as a muddle."""
    if history:
        return []
    found: list[Introducer] = []
    for person in people:
        if person.id == target.id:
            continue
        path = _path(person, target)
        if path is not None:
            strength, how = path
            found.append(Introducer(person, Reason("P7", f"{person.name} {how}."), strength))
    found.sort(key=lambda i: (-i.strength, i.contact.name.casefold(), i.contact.id))
    return found


def _path(person: Contact, target: Contact) -> tuple[int, str] | None:
    if target.introduced_by == person.id:
        return 3, f"introduced you to {target.name}"
    if person.introduced_by == target.id:
        return 2, f"was introduced to you by {target.name}, so they know each other"
    shared = [g for g in top_groups(target) if g.casefold() in
              {mine.casefold() for mine in top_groups(person)}]
    if shared and vouches(person):
        return 1, f"is close to you and also in {shared[0]}"
    return None
