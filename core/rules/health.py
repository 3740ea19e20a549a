"""P1 and P2, the shape of the network: layer counts against capacity, and balance.

A few strong ties beat many loose ones; each closeness layer holds only so many people
(about 5, 15, 50, 150). A network that is all work or all friends leaves a need unmet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from core.model import Contact, Layer, Sphere
from core.rules.reasons import Reason

LOPSIDED_SHARE = 0.85
MIN_FOR_BALANCE = 6


@dataclass(frozen=True)
class LayerCount:
    layer: Layer
    count: int

    @property
    def over_capacity(self) -> bool:
        return self.count > self.layer.capacity


def layer_counts(people: Iterable[Contact]) -> list[LayerCount]:
    counts = Counter(c.layer for c in people)
    return [LayerCount(layer, counts[layer]) for layer in Layer]


def capacity_warnings(counts: list[LayerCount]) -> list[Reason]:
    return [
        Reason("P1", f"Your {c.layer.label.lower()} has {c.count} people; about "
                     f"{c.layer.capacity} is what anyone can keep close. Move a few outward.")
        for c in counts if c.over_capacity
    ]


@dataclass(frozen=True)
class Balance:
    personal: int
    professional: int
    both: int
    unsorted: int

    @property
    def sorted_total(self) -> int:
        return self.personal + self.professional + self.both


def sphere_balance(people: Iterable[Contact]) -> Balance:
    counts = Counter(c.sphere for c in people)
    return Balance(counts[Sphere.PERSONAL], counts[Sphere.PROFESSIONAL], counts[Sphere.BOTH],
                   counts[None])


def balance_warning(balance: Balance) -> Reason | None:
    """A warning when sorted contacts lean almost entirely one way (P2)."""
    total = balance.sorted_total
    if total < MIN_FOR_BALANCE:
        return None
    personal_side = balance.personal + balance.both
    professional_side = balance.professional + balance.both
    if professional_side / total < 1 - LOPSIDED_SHARE:
        return Reason("P2", "Your network is almost all personal. Who could you learn from or "
                            "work with? Add a few professional ties.")
    if personal_side / total < 1 - LOPSIDED_SHARE:
        return Reason("P2", "Your network is almost all work. Friends and family keep you "
                            "grounded, and they open doors too.")
    return None
