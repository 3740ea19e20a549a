"""How the browser's stored entries become the network, whatever layout they are in.

Every entry is read (a loose record, a pack of settled ones, or an earlier layout's,
migrated through ``core.storage.migrations``); when a record is stored more than once,
the later write wins (``core.storage.repack``); what cannot be read is set aside and
reported, never lost. At start the same pass plans the rewrite that brings storage to
layout 4, packed (``Loaded.upgrade``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from core.network import Network, network_of
from core.storage.codec import LAYOUT, decode, decode_parsed, decode_together, record_form_key
from core.storage.migrations import (
    CURRENT,
    KINDS_BY_CODE,
    RECORD_FORM,
    MigrationError,
    StoredKey,
    layout_version,
    migrate,
    parse_key,
    record_key,
)
from core.storage.packs import pack_number, unpack
from core.storage.repack import LOOSE, OLD, PACKED, Copy, Rewrite, plan, winners


@dataclass(frozen=True)
class StorageProblem:
    """A stored entry Tend could not use; it is reported and left untouched in storage."""

    key: str
    message: str


@dataclass(frozen=True)
class Loaded:
    """The network, what could not be read, and how to finish moving old entries forward.

    ``entries`` are the records in their record form (by record-form key), however they
    are stored, so the app works the same before and after storage is rewritten; entries
    that could not be read are in it verbatim, under their own keys, so they still
    travel in backups. ``upgrade`` rewrites storage in layout 4; ``stored`` is storage
    as it will then be, ``homes`` the key each record then lives under (loose or pack),
    and ``sources`` names the old key each migrated entry still lives under until then.
    """

    network: Network
    problems: tuple[StorageProblem, ...] = ()
    newer_data: bool = False
    entries: Mapping[str, str] = field(default_factory=dict)
    upgrade: tuple[Rewrite, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)
    stored: Mapping[str, str] = field(default_factory=dict)
    homes: Mapping[str, str] = field(default_factory=dict)


def load_network(entries: Mapping[str, str] | Iterable[tuple[str, str]],
                 rewrite: bool = True, for_lock: bool = False) -> Loaded:
    """Build the network from stored entries, setting aside what cannot be read.

    Entries of a newer layout are not parsed at all: ``newer_data`` tells the app to
    stay read-only rather than overwrite data it does not understand. Entries of an
    earlier layout are migrated, packs opened; when a record is stored more than once,
    the later write wins (``core.storage.repack``). Record-form entries (``tend/v3/``,
    as in a backup) are read as layout 3's. ``rewrite=False`` leaves out the plan of the
    storage rewrite (``upgrade``, ``stored``, ``homes``, ``sources``): a network rebuilt
    in one pass during the session needs only the records, and packing is not free.
    ``for_lock``: the lock is on, so the rewrite writes packs to be sealed.
    """
    pairs = entries.items() if isinstance(entries, Mapping) else entries
    copies: dict[str, list[Copy]] = {}
    problems: dict[str, StorageProblem] = {}
    stored: dict[str, str] = {}
    newer = False
    for key, value in sorted(pairs):
        version = layout_version(key)
        if version is None:
            continue
        if version > CURRENT:
            newer = True
            continue
        stored[key] = value
        try:
            found, trouble = _copies_in(key, value)
        except ValueError as error:
            parsed = parse_key(key)
            problems[key] = StorageProblem(key, _problem(kind_named(parsed), error))
            continue
        if trouble:
            problems[key] = StorageProblem(key, trouble)
        for copy in found:
            copies.setdefault(copy.record_key, []).append(copy)
    _set_aside_behind_damage(copies, problems)
    best = winners(copies)
    values = {key: copy.value for key, copy in best.items()}
    values.update({key: stored[key] for key in problems})
    network = network_of(copy.record for copy in best.values())
    if not rewrite:
        return Loaded(network, tuple(problems.values()), newer, values)
    planned = plan(copies, best, stored, damaged_packs=problems, for_lock=for_lock)
    return Loaded(network, tuple(problems.values()), newer, values, planned.upgrade,
                  planned.sources, planned.stored, planned.homes)


def _copies_in(key: str, value: str) -> tuple[list[Copy], str]:
    """The record copies one stored entry holds, and what was wrong in a pack ("" when
    nothing); ValueError when none can be read."""
    if pack_number(key) is not None:
        return _pack_copies(key, value)
    parsed = parse_key(key)
    if parsed is None:
        raise ValueError("not a key Tend stores records under")
    if parsed.version == CURRENT:
        record_key = record_form_key(parsed)
        return [Copy(record_key, key, LOOSE, value, decode(record_key, value))], ""
    if parsed.version == RECORD_FORM:
        return [Copy(key, key, OLD, value, decode_parsed(parsed, value))], ""
    new_key, new_value = migrate(key, value, to=RECORD_FORM)
    return [Copy(new_key, key, OLD, new_value, decode(new_key, new_value))], ""


def _pack_copies(key: str, value: str) -> tuple[list[Copy], str]:
    """The readable records of a pack; a pack with unreadable ones is reported (and so
    kept as it is, never remade), its readable ones used."""
    kinds: dict[str, list[tuple[str, str, str]]] = {}
    for member_key, member in unpack(value).items():
        kind, _, record_id = member_key.removeprefix(LAYOUT).partition("/")
        kinds.setdefault(kind, []).append((member_key, record_id, member))
    copies, unreadable = [], 0
    for kind, members in kinds.items():
        together = decode_together(kind, members)
        if together is not None:
            copies += [Copy(member_key, key, PACKED, member, record)
                       for (member_key, _, member), record in zip(members, together, strict=True)]
            continue
        for member_key, record_id, member in members:
            try:
                record = decode_parsed(StoredKey(RECORD_FORM, kind, record_id), member)
                copies.append(Copy(member_key, key, PACKED, member, record))
            except ValueError:
                unreadable += 1
    if not unreadable:
        return copies, ""
    some = "1 record" if unreadable == 1 else f"{unreadable} records"
    return copies, f"damaged pack of records: {some} in it cannot be read; the rest loaded"


def _set_aside_behind_damage(copies: dict[str, list[Copy]],
                             problems: dict[str, StorageProblem]) -> None:
    """An earlier layout's copy of a record whose later entry is damaged stays as it is
    and unused: the damaged one is likely newer, and the user decides."""
    for key in list(problems):
        parsed = parse_key(key)
        if parsed is None or parsed.version == 1 or pack_number(key) is not None:
            continue
        damaged = (record_key(parsed) if parsed.version == CURRENT
                   else str(StoredKey(RECORD_FORM, parsed.kind, parsed.record_id)))
        behind = [c for c in copies.get(damaged or "", [])
                  if c.rank == OLD and (layout_version(c.where) or 0) < parsed.version]
        for copy in behind:
            problems[copy.where] = StorageProblem(
                copy.where, f"kept as it is: the newer copy, {key}, is damaged")
        if behind and damaged is not None:
            copies[damaged] = [c for c in copies[damaged] if c not in behind]
            if not copies[damaged]:
                del copies[damaged]


def kind_named(parsed: StoredKey | None) -> str:
    """The record kind a stored key names (``interaction`` for ``tend/v4/i/…``)."""
    if parsed is None:
        return "unknown"
    return KINDS_BY_CODE.get(parsed.kind, parsed.kind) if parsed.version == CURRENT else parsed.kind


def _problem(kind: str, error: ValueError) -> str:
    if isinstance(error, MigrationError):
        return f"damaged {kind} record of an earlier version ({error})"
    return str(error)
