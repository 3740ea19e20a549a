"""How full this browser's storage is, and how to make room without losing anything.

Chromium gives one origin about 5.2 million characters of localStorage, keys included
(measured here; other browsers give about the same). Years of notes can fill it, and a
full storage refuses every edit, so Tend warns well before that and offers a way out:
old interactions move into an archive file, a backup like any other, and leave this
browser only once the user has shown Tend that file. Bringing the file back in, as a
backup, puts them back.

What stays, so that every rule still sees the relationship as it was: for each person
the first interaction (how the history began: P12 counts its length), the latest few
(cadence, follow-ups and drafts read those), anything from the last two years, the most
significant step reached (the ladder, P12, climbs from there), the first call or meeting
(a later one is then no first conversation to follow up, P10), and everything before the
latest ask or collaboration that stays (whether it came too early is judged on it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Interaction
from core.network import Network
from core.rules.followup import CONVERSATIONS
from core.rules.patience import BIG_STEPS, LADDER

BUDGET_CHARS = 5_200_000
NEAR_LIMIT = 0.8
KEEP_RECENT = timedelta(days=730)
KEEP_LATEST = 3


@dataclass(frozen=True)
class Usage:
    """Characters stored against the budget."""

    used: int
    budget: int = BUDGET_CHARS

    @property
    def percent(self) -> float:
        return round(100 * self.used / self.budget, 1)

    @property
    def near_limit(self) -> bool:
        return self.used >= NEAR_LIMIT * self.budget


def usage(entries: Mapping[str, str]) -> Usage:
    """How much Tend's entries take, counted as the browser counts: keys and values."""
    return Usage(sum(len(key) + len(value) for key, value in entries.items()))


def room_warning(used: Usage) -> str:
    """A line for Today and the data page once storage is nearly full, else ""."""
    if not used.near_limit:
        return ""
    return (f"Tend is using {used.percent}% of the space this browser gives it. When it is "
            "full, changes cannot be saved: move old interactions to an archive file to "
            "make room.")


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
    highest = max(range(len(history)), key=lambda n: LADDER.index(history[n].kind))
    # The first call or meeting stays: it is why a later one is no first conversation (P10).
    first_talk = max((n for n, i in enumerate(history) if i.kind in CONVERSATIONS), default=-1)
    candidates = {n for n in range(KEEP_LATEST, len(history) - 1)
                  if history[n].on < cutoff and n not in (highest, first_talk)}
    kept_big_steps = [n for n, i in enumerate(history)
                      if n not in candidates and i.kind in BIG_STEPS]
    newest_kept_ask = min(kept_big_steps, default=len(history))
    return [history[n] for n in sorted(candidates) if n < newest_kept_ask]
