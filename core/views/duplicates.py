"""The Possible duplicates view: each pair, why Tend thinks they are one, and the merge
preview where the user picks, field by field, what stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.model import Contact
from core.network import Network
from core.rules.duplicates import PossibleDuplicate, possible_duplicates
from core.rules.merging import LISTS, Choice, choices, kept_first, list_values
from core.views.render import Forms, View, render


@dataclass(frozen=True)
class MergePreview:
    """One pair as the view shows it: who stays, what to choose, what both lists hold."""

    kept: Contact
    other: Contact
    reasons: tuple[str, ...]
    choices: tuple[Choice, ...]
    lists: tuple[tuple[str, str, tuple[str, ...]], ...]  # field, label, values of both
    moving: str  # what of the other's moves: "3 conversations and a date"


def duplicates_view(network: Network, today: date, forms: Forms | None = None) -> View:
    pairs = [_preview(pair, network) for pair in possible_duplicates(network)]
    return View("Possible duplicates", render("duplicates.html", pairs=pairs))


def _preview(pair: PossibleDuplicate, network: Network) -> MergePreview:
    kept, other = kept_first(pair.first, pair.second, network)
    values = list_values(kept, other)
    return MergePreview(kept, other, pair.reasons, tuple(choices(kept, other, network)),
                        tuple((name, label, values[name]) for name, label in LISTS.items()
                              if values[name]),
                        _moving(other, network))


def _moving(other: Contact, network: Network) -> str:
    """What moves from the other entry, counted: "2 conversations, a favour and a plan"."""
    counted = [(len(network.interactions_with(other.id)), "conversation"),
               (len(network.favours_with(other.id)), "favour"),
               (len(network.dates_of(other.id)), "date")]
    parts = [f"{n} {word}s" if n > 1 else f"a {word}" for n, word in counted if n]
    if other.id in network.plans:
        parts.append("a plan")
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
