"""How storage is rewritten at start: old layouts moved forward, settled records packed.

Every stored copy of a record is a ``Copy``: a loose entry of layout 4, a member of a
pack, or an entry of an earlier layout. The copy with the latest ``updated_at`` wins
(on a tie a loose entry wins over a packed one, and both over an earlier layout's), so
an edit, which writes only the record's loose entry, always shows. ``plan`` turns what
was read into compare-and-set rewrites (``Rewrite``) that the shell applies only while
storage still holds what was read, so another tab's edit made meanwhile is never lost:

1. copies that lost are removed (an earlier layout's), or left where they are (a packed
   one: its pack is remade once most of it is superseded);
2. a pack whose records mostly live elsewhere now is remade under a new number with the
   ones it still holds for good, or removed when it holds none;
   A pack written for the other side of the lock (``core.storage.packs.is_for_lock``) is
   remade too, in the alphabet that suits the lock as it is now;
3. records nobody has edited for ``SETTLED`` (counted back from the newest edit in the
   store: the core has no clock) are packed, ``PACK_RECORDS`` of one kind at a time,
   when at least ``MIN_PACK`` of that kind are waiting;
4. what is left of an earlier layout gets its loose entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count
from typing import NamedTuple

from core.model import Record
from core.storage.migrations import StoredKey, loose_key, parse_key
from core.storage.packs import PACK_RECORDS, is_for_lock, pack_key, pack_number, pack_text

SETTLED = timedelta(days=28)
MIN_PACK = 50  # fewer settled records of a kind stay loose: a pack is worth its rewrite
OLD, PACKED, LOOSE = 0, 1, 2  # where a copy is stored; on a tie the higher one wins


@dataclass(frozen=True)
class Rewrite:
    """One compare-and-set move of stored entries.

    The shell applies it only while storage still holds what was read at start-up:
    ``old_value`` under ``old_key``, each value of ``also`` under its key, and
    ``new_before`` under ``new_key``. Then ``new_value`` is written (None: nothing is)
    and ``old_key`` and the keys of ``also`` are removed, all in one all-or-nothing
    batch, so an edit another tab made meanwhile is never overwritten.
    """

    old_key: str
    old_value: str
    new_key: str
    new_before: str | None
    new_value: str | None
    also: Mapping[str, str] = field(default_factory=dict)


class Copy(NamedTuple):
    """One stored copy of a record: where it is (``rank``: OLD, PACKED or LOOSE), under
    which key, and its record-form value (a tuple: one is made for every record at every
    start, so it must be cheap)."""

    record_key: str
    where: str
    rank: int
    value: str
    record: Record

    @property
    def order(self) -> tuple[datetime, int]:
        return (self.record.updated_at, self.rank)


@dataclass(frozen=True)
class Plan:
    """The rewrites, and storage as it will be once they are done: ``stored`` (every
    entry of Tend's layouts), ``homes`` (the key holding each record's winning copy)
    and ``sources`` (the earlier layout's key a moved record still lives under until its
    rewrite is done)."""

    upgrade: tuple[Rewrite, ...]
    stored: dict[str, str]
    homes: dict[str, str]
    sources: dict[str, str]


def winners(copies: Mapping[str, list[Copy]]) -> dict[str, Copy]:
    """Each record's copy that counts: the latest edit, loose before packed before old."""
    return {key: found[0] if len(found) == 1 else max(found, key=lambda c: c.order)
            for key, found in copies.items()}


def plan(copies: Mapping[str, list[Copy]], best: Mapping[str, Copy], stored: Mapping[str, str],
         damaged_packs: Iterable[str] = (), for_lock: bool = False) -> Plan:
    """The rewrites that bring ``stored`` (what was read) to layout 4, packed. A damaged
    pack (one of ``damaged_packs``) is never remade: it stays as it is. ``best``: the
    ``winners`` of ``copies``; ``for_lock``: the lock is on, so packs are written to be
    sealed."""
    state = _State(dict(stored), {key: c.where for key, c in best.items()}, {},
                   count(1 + max((pack_number(k) or 0 for k in stored), default=0)), for_lock)
    stale = _stale(copies, best, stored)
    held: dict[str, list[str]] = {}
    for key, found in copies.items():
        for copy in found:
            if copy.rank == PACKED:
                held.setdefault(copy.where, []).append(key)
    remakes = _remakes(best, {k: v for k, v in held.items() if k not in set(damaged_packs)},
                       stored, state)
    packs, packed = _new_packs(best, stored, state)
    stale += [_removal(c, best[c.record_key], stored) for c in _stale_loose(copies, best, packed)]
    moves = [_move(c, stored, state) for c in best.values()
             if c.rank == OLD and c.record_key not in packed]
    for rewrite in stale:
        state.stored.pop(rewrite.old_key, None)
    return Plan(tuple(stale + remakes + packs + moves), state.stored, state.homes, state.sources)


@dataclass
class _State:
    stored: dict[str, str]
    homes: dict[str, str]
    sources: dict[str, str]
    numbers: count[int]
    for_lock: bool


def _removal(copy: Copy, winner: Copy, stored: Mapping[str, str]) -> Rewrite:
    """Remove a copy that lost, only while the winner is still where it was read."""
    return Rewrite(copy.where, stored[copy.where], winner.where, stored[winner.where], None)


def _stale(copies: Mapping[str, list[Copy]], best: Mapping[str, Copy],
           stored: Mapping[str, str]) -> list[Rewrite]:
    """Earlier layouts' copies that lost; and loose ones that lost to a packed copy (a
    loose one that lost to an earlier layout's is overwritten when that one moves)."""
    return [_removal(c, best[key], stored) for key, found in copies.items() for c in found
            if c is not best[key] and (c.rank == OLD or (c.rank == LOOSE
                                                         and best[key].rank == PACKED))]


def _stale_loose(copies: Mapping[str, list[Copy]], best: Mapping[str, Copy],
                 packed: set[str]) -> list[Copy]:
    """Loose copies that lost to an earlier layout's copy which is now being packed."""
    return [c for key in packed for c in copies[key]
            if c.rank == LOOSE and c is not best[key] and best[key].rank == OLD]


def _remakes(best: Mapping[str, Copy], held: Mapping[str, list[str]],
             stored: Mapping[str, str], state: _State) -> list[Rewrite]:
    """Packs whose records mostly live elsewhere now, remade with the rest (or removed)."""
    rewrites = []
    for key, members in sorted(held.items()):
        text = stored[key]
        kept = {k: best[k].value for k in members if k in best and best[k].where == key}
        if 2 * len(kept) >= len(members) and is_for_lock(text) == state.for_lock:
            continue
        del state.stored[key]
        if not kept:
            rewrites.append(Rewrite(key, text, key, text, None))
            continue
        new_key, new_text = pack_key(next(state.numbers)), pack_text(kept, state.for_lock)
        rewrites.append(Rewrite(key, text, new_key, None, new_text))
        state.stored[new_key] = new_text
        state.homes.update(dict.fromkeys(kept, new_key))
    return rewrites


def _new_packs(best: Mapping[str, Copy], stored: Mapping[str, str],
               state: _State) -> tuple[list[Rewrite], set[str]]:
    """Settled loose and earlier-layout records, packed by kind; the keys packed."""
    if not best:
        return [], set()
    settled_before = max(c.record.updated_at for c in best.values()) - SETTLED
    waiting: dict[str, list[Copy]] = {}
    # Most records are packed already: those left are few, and sorted for the same packs
    # on every device.
    loose = sorted(key for key, copy in best.items()
                   if copy.rank != PACKED and copy.record.updated_at < settled_before)
    for key in loose:
        waiting.setdefault(_kind(key), []).append(best[key])
    rewrites: list[Rewrite] = []
    packed: set[str] = set()
    for group in waiting.values():
        for start in range(0, len(group), PACK_RECORDS):
            batch = group[start:start + PACK_RECORDS]
            if len(batch) < MIN_PACK:
                continue
            rewrites.append(_pack(batch, stored, state))
            packed.update(c.record_key for c in batch)
    return rewrites, packed


def _pack(batch: list[Copy], stored: Mapping[str, str], state: _State) -> Rewrite:
    """One new pack of ``batch``, taking each record's entry out of storage."""
    key = pack_key(next(state.numbers))
    text = pack_text({c.record_key: c.value for c in batch}, state.for_lock)
    first, *rest = batch
    for copy in batch:
        state.stored.pop(copy.where, None)
        state.homes[copy.record_key] = key
    state.stored[key] = text
    return Rewrite(first.where, stored[first.where], key, None, text,
                   {c.where: stored[c.where] for c in rest})


def _move(copy: Copy, stored: Mapping[str, str], state: _State) -> Rewrite:
    """An earlier layout's record to its loose entry of layout 4."""
    parsed = parse_key(copy.record_key)
    assert parsed is not None
    new_key = loose_key(parsed)
    state.stored.pop(copy.where, None)
    state.stored[new_key] = copy.value
    state.homes[copy.record_key] = new_key
    state.sources[copy.record_key] = copy.where
    return Rewrite(copy.where, stored[copy.where], new_key, stored.get(new_key), copy.value)


def _kind(record_key: str) -> str:
    parsed = parse_key(record_key)
    return parsed.kind if isinstance(parsed, StoredKey) else ""
