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


class Entries(dict[str, str]):
    """Stored entries that know how many characters their keys and values take, counted
    once and kept in step with every change (storage use is shown on every view)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.length = sum(len(key) + len(value) for key, value in self.items())

    def _gone(self, key: str) -> None:
        if key in self:
            self.length -= len(key) + len(self[key])

    def __setitem__(self, key: str, value: str) -> None:
        self._gone(key)
        super().__setitem__(key, value)
        self.length += len(key) + len(value)

    def __delitem__(self, key: str) -> None:
        self._gone(key)
        super().__delitem__(key)

    def pop(self, key: str, *default: Any) -> Any:
        self._gone(key)
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, str]:
        key, value = super().popitem()
        self.length -= len(key) + len(value)
        return key, value

    def setdefault(self, key: str, default: str = "") -> str:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other: Any) -> Entries:  # type: ignore[override,misc]
        self.update(other)
        return self

    def clear(self) -> None:
        super().clear()
        self.length = 0

    def __reduce__(self) -> tuple[type[Entries], tuple[dict[str, str]]]:
        """Copied as its entries, counted again."""
        return Entries, (dict(self),)


@dataclass
class Mirror:
    """``entries``: the current layout's entries (old ones as migrated, until rewritten);
    ``sources``: the old-layout key each migrated entry still lives under meanwhile."""

    entries: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.entries, Entries):
            self.entries = Entries(self.entries)

    def length(self) -> int:
        """How many characters the entries take, keys and values, as stored in the clear."""
        assert isinstance(self.entries, Entries)
        return self.entries.length

    def put(self, records: Iterable[Record]) -> list[Write]:
        """Store records, one key each. Every record is encoded (and so checked: ``encode``
        refuses one that would not load again) before any is kept, so a refusal
        (``UnstorableRecord``) leaves the mirror as it was."""
        writes = [Write(key_for(record), encode(record)) for record in records]
        for write in writes:
            self.entries[write.key] = write.value  # type: ignore[assignment]
        return writes

    def remove(self, keys: Iterable[str]) -> list[Write]:
        """Take entries out altogether (archived: safe in a file, so no tombstone), with
        the old-layout copy of any entry not yet rewritten."""
        writes = []
        for key in keys:
            self.entries.pop(key, None)
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
                    gone = decode(change.key, self.entries.pop(change.key))
                    records.append(gone.model_copy(update={"deleted_at": gone.updated_at}))
                else:
                    records.append(decode(change.key, change.value))
                    self.entries[change.key] = change.value
            except (KeyError, ValueError):
                continue
        return records

    def before(self, keys: Iterable[str]) -> dict[str, str | None]:
        """What each key holds now: what Undo puts back after a change to them."""
        return {key: self.entries.get(key) for key in keys}

