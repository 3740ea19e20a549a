"""The browser's entries as this tab knows them, kept in step with every write.

The app needs the stored text of each record (backups and undo are made from it, and
storage use is measured on it) without asking the shell for it on every request. The
mirror is that copy: each change goes through it and comes out as the writes the shell
must make, so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from core.model import Record
from core.storage.codec import LAYOUT, Write, decode, encode, key_for


@dataclass
class Mirror:
    """``entries``: the current layout's entries (old ones as migrated, until rewritten);
    ``sources``: the old-layout key each migrated entry still lives under meanwhile."""

    entries: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    # The characters of every key and value, counted once and then kept up to date.
    _length: int | None = field(default=None, init=False, repr=False, compare=False)

    def length(self) -> int:
        """How many characters the entries take, keys and values, as stored in the clear."""
        if self._length is None:
            self._length = sum(len(key) + len(value) for key, value in self.entries.items())
        return self._length

    def _keep(self, key: str, value: Any) -> None:
        """Set or (with None) drop one entry, keeping the length in step."""
        old = self.entries.pop(key, None) if value is None else self.entries.get(key)
        if value is not None:
            self.entries[key] = value
        if self._length is not None:
            self._length += (len(key) + len(value) if value is not None else 0) - (
                len(key) + len(old) if old is not None else 0)

    def put(self, records: Iterable[Record]) -> list[Write]:
        """Store records, one key each. Every record is encoded (and so checked: ``encode``
        refuses one that would not load again) before any is kept, so a refusal
        (``UnstorableRecord``) leaves the mirror as it was."""
        writes = [Write(key_for(record), encode(record)) for record in records]
        for write in writes:
            self._keep(write.key, write.value)
        return writes

    def remove(self, keys: Iterable[str]) -> list[Write]:
        """Take entries out altogether (archived: safe in a file, so no tombstone), with
        the old-layout copy of any entry not yet rewritten."""
        writes = []
        for key in keys:
            self._keep(key, None)
            writes.append(Write(key, None))
            if key in self.sources:
                writes.append(Write(self.sources.pop(key), None))
        return writes

    def take_in(self, changes: Iterable[Write]) -> list[Record]:
        """Another tab's writes: the records as they now are (a removed entry comes back
        as a tombstone, so it leaves the view). What cannot be read is left out."""
        records = []
        for change in changes:
            if not change.key.startswith(LAYOUT):
                continue
            try:
                if change.value is None:
                    gone = decode(change.key, self.entries[change.key])
                    self._keep(change.key, None)
                    records.append(gone.model_copy(update={"deleted_at": gone.updated_at}))
                else:
                    records.append(decode(change.key, change.value))
                    self._keep(change.key, change.value)
            except (KeyError, ValueError):
                continue
        return records

    def before(self, keys: Iterable[str]) -> dict[str, str | None]:
        """What each key holds now: what Undo puts back after a change to them."""
        return {key: self.entries.get(key) for key in keys}

