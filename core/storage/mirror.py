"""The browser's entries as this tab knows them, kept in step with every write.

The app needs the stored text of each record (backups and undo are made from it, and
storage use is measured on it) without asking the shell for it on every request. The
mirror is that copy: each change goes through it and comes out as the writes the shell
must make, so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from core.model import Record
from core.storage.codec import LAYOUT, Write, decode, encode, is_damaged, key_for
from core.storage.loading import load_network
from core.storage.migrations import CURRENT, layout, loose_key, parse_key, record_key
from core.storage.packs import is_for_lock, pack_key, pack_number, pack_text, unpack
from core.storage.repack import Rewrite


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
    """``entries``: every record in its record form (old ones as migrated, packed ones as
    unpacked), and damaged entries verbatim; ``sources``: the old-layout key each
    migrated entry still lives under until it is rewritten; ``stored``: storage itself
    (layout 4's loose entries and packs), as it is once the start-up rewrite is done."""

    entries: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    stored: dict[str, str] | None = None

    def __post_init__(self) -> None:
        if self.stored is None:
            self.stored = dict(load_network(self.entries).stored)
        if not isinstance(self.stored, Entries):
            self.stored = Entries(self.stored)

    @property
    def _stored(self) -> Entries:
        assert isinstance(self.stored, Entries)
        return self.stored

    def length(self) -> int:
        """How many characters storage takes, keys and values, as stored in the clear."""
        return self._stored.length

    def put(self, records: Iterable[Record]) -> list[Write]:
        """Store records, each in its own loose entry (a packed copy is outvoted by it),
        removing any copy of an earlier layout not rewritten yet, damaged or not.
        Every record is encoded (and so checked: ``encode`` refuses one that would not
        load again) before any is kept, so a refusal (``UnstorableRecord``) leaves the
        mirror as it was."""
        encoded = [(key_for(record), encode(record)) for record in records]
        writes = []
        for key, value in encoded:
            loose = _loose(key)
            self.entries.pop(loose, None)  # a damaged loose entry, now saved over
            self.entries[key] = value
            self._stored[loose] = value
            writes.append(Write(loose, value))
            for old in (self.sources.pop(key, None), key):
                if old is not None and old in self._stored:
                    del self._stored[old]
                    writes.append(Write(old, None))
        return writes

    def remove(self, keys: Iterable[str]) -> tuple[list[Write], list[Rewrite]]:
        """Take entries out altogether (archived: safe in a file, so no tombstone): the
        loose entry and the old-layout copy of any entry not yet rewritten, as writes;
        and the copy in any pack, as a compare-and-set rewrite of that pack under a new
        number without it (bounded by the pack's size). Another tab may have written
        that pack differently; then it is left as it is, and the record shows again at
        the next start rather than the other tab's records being lost."""
        writes, gone = [], set()
        for key in keys:
            self.entries.pop(key, None)
            gone.add(key)
            where = _loose(key) if key.startswith(LAYOUT) else key
            if where in self._stored:
                del self._stored[where]
                writes.append(Write(where, None))
            if key in self.sources:  # written even if the upgrade seemed done: it may not be
                writes.append(Write(self.sources.pop(key), None))
        return writes, self._repacked_without(gone)

    def _repacked_without(self, gone: set[str]) -> list[Rewrite]:
        rewrites = []
        numbers = count(1 + max((pack_number(k) or 0 for k in self._stored), default=0))
        for key, text in list(self._stored.items()):
            if pack_number(key) is None:
                continue
            try:
                members = unpack(text)
            except ValueError:
                continue  # a damaged pack is kept as it is
            if gone.isdisjoint(members):
                continue
            kept = {k: v for k, v in members.items() if k not in gone}
            del self._stored[key]
            if not kept:
                rewrites.append(Rewrite(key, text, key, text, None))
                continue
            new_key, new_text = pack_key(next(numbers)), pack_text(kept, is_for_lock(text))
            self._stored[new_key] = new_text
            rewrites.append(Rewrite(key, text, new_key, None, new_text))
        return rewrites

    def take_in(self, changes: Iterable[Write]) -> list[Record]:
        """Another tab's writes: the records as they now are (a removed entry comes back
        as a tombstone, so it leaves the view). What cannot be read is left out. A change
        to a pack (another tab repacked at its start) is taken in by reading storage
        again; a loose entry alone, as it comes. A tab still running the Tend before
        layout 4 writes record forms: taken in too, but not their removal (that is the
        other tab moving them into layout 4)."""
        changes = [c for c in changes if c.key.startswith(layout(CURRENT)) or (
            c.key.startswith(LAYOUT) and c.value is not None)]
        for change in changes:
            if change.value is None:
                self._stored.pop(change.key, None)
            else:
                self._stored[change.key] = change.value
        packs_changed = any(pack_number(change.key) is not None for change in changes)
        # A loose entry removed may have left its packed copy to count: the storage events
        # of another tab's packing can come in two gatherings.
        removed_beside_packs = any(change.value is None for change in changes) and any(
            pack_number(key) is not None for key in self._stored)
        if packs_changed or removed_beside_packs:
            return self._read_again()
        records = []
        for change in changes:
            key = change.key if change.key.startswith(LAYOUT) else _record_key(change.key)
            if change.value is not None and self.entries.get(key) == change.value:
                continue  # as this tab has it already (another tab's start rewrote it)
            try:
                if change.value is None:
                    gone = decode(key, self.entries.pop(key))
                    records.append(gone.model_copy(update={"deleted_at": gone.updated_at}))
                else:
                    records.append(decode(key, change.value))
                    self.entries[key] = change.value
            except (KeyError, ValueError):
                continue
        return records

    def _read_again(self) -> list[Record]:
        """Every record whose stored form changed, from storage read again (records now
        gone come back as tombstones)."""
        loaded = load_network(self._stored, rewrite=False)
        fresh = {k: v for k, v in loaded.entries.items() if k.startswith(LAYOUT)}
        changed = [decode(k, v) for k, v in fresh.items() if self.entries.get(k) != v]
        for key in self.entries.keys() - fresh.keys():
            if key.startswith(LAYOUT) and not is_damaged(key, self.entries[key]):
                gone = decode(key, self.entries[key])
                changed.append(gone.model_copy(update={"deleted_at": gone.updated_at}))
        self.entries = dict(loaded.entries)
        return changed

    def before(self, keys: Iterable[str]) -> dict[str, str | None]:
        """What each key holds now: what Undo puts back after a change to them."""
        return {key: self.entries.get(key) for key in keys}


def _loose(record_key: str) -> str:
    parsed = parse_key(record_key)
    assert parsed is not None, record_key
    return loose_key(parsed)


def _record_key(stored_key: str) -> str:
    """The record-form key of a loose entry ("" for any other key: it decodes as none)."""
    parsed = parse_key(stored_key)
    return (record_key(parsed) if parsed else None) or ""
