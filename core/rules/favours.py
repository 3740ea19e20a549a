"""P13 give first: a ledger of favours, and a nudge where the balance leans on them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.model import Contact, Favour, FavourDirection
from core.rules.reasons import Reason


@dataclass(frozen=True)
class FavourBalance:
    given: int
    received: int

    @property
    def leans_on_them(self) -> bool:
        """The user has taken more than they have given."""
        return self.received > self.given


def balance(favours: Iterable[Favour]) -> FavourBalance:
    given = received = 0
    for favour in favours:
        if favour.direction is FavourDirection.GIVEN:
            given += 1
        else:
            received += 1
    return FavourBalance(given, received)


@dataclass(frozen=True)
class GiveNudge:
    contact: Contact
    balance: FavourBalance
    reason: Reason

    @property
    def key(self) -> str:
        return f"give-{self.contact.id}-{self.balance.received}"


def give_nudge(contact: Contact, favours: Iterable[Favour]) -> GiveNudge | None:
    """A nudge to offer help when someone has done more for the user than the reverse."""
    counted = balance(favours)
    if not counted.leans_on_them:
        return None
    text = (f"{contact.name} has helped you {counted.received} "
            f"{'time' if counted.received == 1 else 'times'} and you have helped "
            f"{counted.given}. Ask what you could do for them.")
    return GiveNudge(contact, counted, Reason("P13", text))
