"""Undo: put back the records a change changed, as new writes, for the last few changes.

Undo never rewinds history: it writes the earlier version again with a fresh
``updated_at`` (or, for a record the action created, a tombstone), so a merge with
another device sees the undo as the latest edit and nothing comes back to life.

The app keeps the last ``DEPTH`` changes, newest last; each is undone whole (every key
it wrote, or none), newest first, and stays on offer across pages until it is undone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from core.model import Record
from core.storage.codec import decode

DEPTH = 10


@dataclass(frozen=True)
class Change:
    """One change the user made: each key it wrote, with its value before, and its notice."""

    before: Mapping[str, str | None]
    notice: str = ""

    @property
    def what(self) -> str:
        """The change in a few words, for the Undo button: the notice's first clause."""
        first = CLAUSE_END.split(self.notice, maxsplit=1)[0].rstrip(".")
        return first or "the last change"


# A clause ends at ". " or "; ", but not after a title or an initial in a name: the
# Undo for "Plan for Dr. Priya Raman saved." names Dr. Priya Raman, not "Dr".
CLAUSE_END = re.compile(r"(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMx)(?<!\bSt)"
                        r"(?<!\bSr)(?<!\bJr)(?<!\bMrs)(?<!\bProf)[.;] ")


@dataclass
class UndoHistory:
    """The last few changes, newest last."""

    changes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def keep(self, change: Change) -> None:
        """Offer a new change for undo; the oldest falls off past DEPTH."""
        self.changes = [*self.changes, change][-DEPTH:]

    def take_last(self) -> Change | None:
        return self.changes.pop() if self.changes else None

    def label(self, shown: str) -> str:
        """The Undo button's text: plain beside the change's own notice, and naming the
        change anywhere else (after moving to another page, or after an undo)."""
        if not self.changes:
            return ""
        last = self.changes[-1]
        return "Undo" if shown and shown == last.notice else f"Undo: {last.what}"


def reverting(previous: Mapping[str, str | None], current: Mapping[str, str],
              now: datetime) -> list[Record]:
    """The records that undo an action, given each key's value before and after it."""
    undone: list[Record] = []
    for key, before in previous.items():
        if before is not None:
            undone.append(decode(key, before).model_copy(update={"updated_at": now}))
        elif key in current:
            undone.append(decode(key, current[key]).tombstone(now))
    return undone
