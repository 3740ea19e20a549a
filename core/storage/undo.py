"""Undo: put back the records the last action changed, as new writes.

Undo never rewinds history: it writes the earlier version again with a fresh
``updated_at`` (or, for a record the action created, a tombstone), so a merge with
another device sees the undo as the latest edit and nothing comes back to life.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from core.model import Record
from core.storage.codec import decode


def reverting(previous: Mapping[str, str | None], current: Mapping[str, str],
              now: datetime) -> list[Record]:
    """The records that undo an action, given each key's value before and after it."""
    undone: list[Record] = []
    for key, before in previous.items():
        if before is not None:
            undone.append(decode(key, before).model_copy(update={"updated_at": now}))
        elif key in current:
            created = decode(key, current[key])
            undone.append(created.model_copy(update={"deleted_at": now, "updated_at": now}))
    return undone
