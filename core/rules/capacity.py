"""How full this browser's storage is, and how to make room without losing anything.

Chromium gives one origin 5,242,880 characters of localStorage, keys and values together
(5 * 2**20 UTF-16 code units, measured here: one more is refused); other browsers give
about the same. Every page of the origin shares it, so the shell measures what Tend's
records, Tend's other keys and other pages each hold, and the meter counts all of it.
Years of notes can fill it, and a full storage refuses every edit, so Tend warns well
before that and offers a way out. When Tend's own data is what fills it, old
interactions move into an archive file, a backup like any other, and leave this browser
only once the user has shown Tend that file; bringing the file back in puts them back.
When other pages fill it, archiving frees little: the way out is an origin of Tend's own.

What stays, so that every rule still sees the relationship as it was: for each person
the first interaction (how the history began: P12 counts its length), the latest few
(cadence, follow-ups and drafts read those), anything from the last two years, the most
significant step reached (the ladder, P12, climbs from there), everything before the
latest ask or collaboration that stays (whether it came too early is judged on it), the
first real conversation (a follow-up and the give-first offer are owed after it), the
first and latest few conversations that are more than a light touch (what patience
counts), and every favour logged on the timeline (the ledger counts it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Interaction, InteractionKind
from core.network import Network
from core.routes import route_to
from core.rules.followup import CONVERSATIONS
from core.rules.patience import BIG_STEPS, LADDER

BUDGET_CHARS = 5_242_880
NEAR_LIMIT = 0.8
KEEP_RECENT = timedelta(days=730)
KEEP_LATEST = 3
OWN_ORIGIN_GUIDE = "guide/using-tend.html#own-origin"


@dataclass(frozen=True)
class Usage:
    """Characters stored on this origin against its budget: Tend's, and other pages'."""

    used: int
    budget: int = BUDGET_CHARS
    others: int = 0

    @property
    def percent(self) -> float:
        return round(100 * self.used / self.budget, 1)

    @property
    def others_percent(self) -> float:
        return round(100 * self.others / self.budget, 1)

    @property
    def total_percent(self) -> float:
        return round(100 * (self.used + self.others) / self.budget, 1)

    @property
    def near_limit(self) -> bool:
        return self.used + self.others >= NEAR_LIMIT * self.budget

    @property
    def crowded(self) -> bool:
        """Other pages of the origin hold more than Tend: archiving would not free enough."""
        return self.others > self.used


def usage(entries: Mapping[str, str], extras: int = 0, others: int = 0,
          stored: Callable[[str], int] = len) -> Usage:
    """How much the origin holds, counted as the browser counts: keys and values. Tend's
    part is its records (``entries``, each value as long as ``stored`` says it is kept:
    sealed values are longer than the plain text the core holds) and its other keys
    (``extras``, the saved Today); ``others`` is every other page's, as the shell
    measured them."""
    return Usage(sum(len(key) + stored(value) for key, value in entries.items()) + extras,
                 others=others)


def about(chars: int) -> str:
    """A size as a person reads it: "about 5.2 million characters", not 5,242,880."""
    if chars >= 1_000_000:
        return f"about {chars / 1_000_000:.1f}".removesuffix(".0") + " million characters"
    if chars >= 10_000:
        return f"about {round(chars, -3) // 1000:,} thousand characters"
    return f"{chars:,} {'character' if chars == 1 else 'characters'}"


def share(chars: int, budget: int = BUDGET_CHARS) -> str:
    """A part of the budget in words: whole percents, and "under 1%" rather than "0%"."""
    percent = 100 * chars / budget
    if 0 < percent < 1:
        return "under 1%"
    return f"{round(percent)}%"


def storage_line(used: Usage) -> str:
    """What the data page says about the space: the budget, and who uses how much."""
    said = (f"This browser gives this address {about(used.budget)}. "
            f"Tend uses {share(used.used, used.budget)}")
    if used.others:
        said += f", other pages of this address use {share(used.others, used.budget)}"
    return said + "."


def room_warning(used: Usage) -> str:
    """A line for Today and the data page once storage is nearly full, else ""."""
    if not used.near_limit:
        return ""
    tend, others = share(used.used, used.budget), share(used.others, used.budget)
    total = share(used.used + used.others, used.budget)
    full = f"This browser's storage for this address is {total} full"
    if used.crowded:
        return (f"{full}, mostly by other pages of this address ({others}; Tend uses {tend}). "
                "Moving Tend's old interactions out would free little: give Tend an address "
                "of its own, where nothing else is kept.")
    return (f"{full} (Tend uses {tend}). When it is full, changes cannot be saved: move old "
            "interactions to an archive file to make room.")


def room_link(used: Usage) -> tuple[str, str]:
    """Where the warning leads, and the link's words: the archive, or the guide's page
    on an origin of Tend's own when other pages take most of the space."""
    if used.crowded:
        return OWN_ORIGIN_GUIDE, "How to give Tend an address of its own"
    return route_to("data"), "Make room"


def archivable(network: Network, today: date) -> list[Interaction]:
    """Interactions that can leave this browser without changing what any rule sees."""
    cutoff = today - KEEP_RECENT
    movable: list[Interaction] = []
    for history in network.history.values():
        movable += _movable(history, cutoff)
    return sorted(movable, key=lambda i: (i.on, i.id))


def _movable(history: list[Interaction], cutoff: date) -> list[Interaction]:
    """One person's movable interactions; ``history`` is newest first."""
    if not history:
        return []
    kept = {max(range(len(history)), key=lambda n: LADDER.index(history[n].kind))}
    conversations = [n for n, i in enumerate(history) if i.kind in CONVERSATIONS]
    kept.update(conversations[-1:])  # the first real conversation: follow-ups, give first
    # Patience counts the conversations that are not light touches, from the first one.
    weighty = [n for n, i in enumerate(history) if i.kind is not InteractionKind.TOUCH]
    kept.update(weighty[:KEEP_LATEST] + weighty[-1:])
    kept.update(n for n, i in enumerate(history) if i.kind is InteractionKind.FAVOUR)  # ledger
    candidates = {n for n in range(KEEP_LATEST, len(history) - 1)
                  if history[n].on < cutoff and n not in kept}
    kept_big_steps = [n for n, i in enumerate(history)
                      if n not in candidates and i.kind in BIG_STEPS]
    newest_kept_ask = min(kept_big_steps, default=len(history))
    return [history[n] for n in sorted(candidates) if n < newest_kept_ask]
