"""A record's stored form, and how the browser's entries become the network.

Each record has one *record form*: the key ``tend/v3/<kind>/<id>`` and, as its value,
compact JSON of what the key does not say, without fields left at their defaults. The
app, backups, sync and Undo handle records in it. Storage (layout 4, see
``core.storage.migrations``) keeps the same value under a shorter key in the record's
own *loose* entry, which an edit writes (O(1) whatever the network size), or inside a
*pack* of settled records (``core.storage.packs``). The key names the layout version,
so a newer layout written by another device is recognised instead of misread. Entries
of an earlier layout are read through ``core.storage.migrations`` and rewritten, and
packs made, at start (``Loaded.upgrade``, planned in ``core.storage.repack``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from core.forms import field_errors
from core.model import (
    AgendaDecision,
    Contact,
    Favour,
    ImportantDate,
    Interaction,
    Pitch,
    Plan,
    Record,
    Settings,
    TargetNetwork,
)
from core.network import Network, network_of
from core.storage.migrations import (
    CURRENT,
    KINDS_BY_CODE,
    RECORD_FORM,
    MigrationError,
    StoredKey,
    layout,
    layout_version,
    migrate,
    parse_key,
    record_key,
)
from core.storage.packs import pack_number, unpack
from core.storage.repack import LOOSE, OLD, PACKED, Copy, Rewrite, plan, winners

__all__ = ["Rewrite"]  # re-exported: the shell's rewrites are planned in core.storage.repack
LAYOUT = layout(RECORD_FORM)
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # RecordId's pattern: nothing to escape in JSON
_PLAIN_IDS = re.compile(r"(?:[A-Za-z0-9_-]{1,64}\n)*[A-Za-z0-9_-]{1,64}")  # one per line
KINDS: dict[str, type[Record]] = {
    "contact": Contact,
    "interaction": Interaction,
    "favour": Favour,
    "date": ImportantDate,
    "target": TargetNetwork,
    "settings": Settings,
    "decision": AgendaDecision,
    "plan": Plan,
    "pitch": Pitch,
}


# A pack's records of one kind are read in one call (``_all_at_once``).
_LISTS: dict[str, TypeAdapter[list[Record]]] = {
    kind: TypeAdapter(list[model]) for kind, model in KINDS.items()}  # type: ignore[valid-type]


class UnstorableRecord(ValueError):
    """A record that would not load again, refused before it is written; the message
    says, for the user, what to change."""


@dataclass(frozen=True)
class StorageProblem:
    """A stored entry Tend could not use; it is reported and left untouched in storage."""

    key: str
    message: str


@dataclass(frozen=True)
class Write:
    """One entry for the shell to store under ``key``; ``value`` None removes it."""

    key: str
    value: str | None


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


def key_for(record: Record) -> str:
    """The record-form key: ``tend/v3/contact/ana``."""
    kind = next(name for name, model in KINDS.items() if isinstance(record, model))
    return f"{LAYOUT}{kind}/{record.id}"


def encode(record: Record) -> str:
    """The stored form of a record: compact JSON of what the key does not already say,
    without default values (they are restored on reading).

    Every write goes through here, so here the stored form is read back as ``decode``
    will read it: a record built without validation (``model_copy`` does not validate)
    is refused with UnstorableRecord instead of being stored and lost at the next start.

    >>> from core.model import Contact
    >>> ana = Contact(id="ana", name="Ana", added_on="2026-01-05",
    ...               updated_at="2026-11-25T09:30:00Z")
    >>> encode(ana.model_copy(update={"emails": ("a" * 201,)}))
    Traceback (most recent call last):
    ...
    core.storage.codec.UnstorableRecord: Nothing was saved: Ana's e-mail address cannot be ...
    """
    value = stored_form(record)
    try:
        type(record).model_validate_json(_with_id(record.id, value))
    except ValidationError as error:
        raise UnstorableRecord(unstorable_notice(record, error)) from None
    return value


def stored_form(record: Record) -> str:
    """The text ``encode`` stores, unchecked: for comparing records, never for writing."""
    data = record.model_dump(mode="json", exclude_defaults=True, exclude={"id"})
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _with_id(record_id: str, value: str) -> str:
    """The id goes in front of the stored fields as JSON text, so pydantic's JSON parser
    reads the entry in one pass (faster than json.loads and a dict)."""
    return f'{{"id":"{record_id}",{value[1:]}'


# What the user calls a field that can be refused, where the field's name is not enough.
FIELD_WORDS = {"emails": "e-mail address", "phones": "phone number", "how_met": "how you met",
               "next_step": "next step", "reach_reason": "reason to reach out",
               "one_liner": "one-sentence pitch", "how_i_help": "way you help",
               "value_proposition": "value proposition", "what": "favour"}
KIND_WORDS = {"contact": "person", "interaction": "conversation", "target": "target network",
              "decision": "Today decision", "settings": "settings record"}


def kind_word(kind: str) -> str:
    """What the user calls a kind of record: 'conversation' for ``interaction``."""
    return KIND_WORDS.get(kind, kind)


def unstorable_notice(record: Record, error: ValidationError) -> str:
    """'Nothing was saved: Ana's e-mail address cannot be stored as it is. Please …'"""
    name, advice = next(iter(field_errors(error).items()))
    what = FIELD_WORDS.get(name, name.replace("_", " "))
    kind = key_for(record).split("/")[2]
    subject = (f"{record.name}'s {what}" if isinstance(record, Contact) and record.name
               else f"the {what} of this {kind_word(kind)}")
    return f"Nothing was saved: {subject} cannot be stored as it is. {advice}"


def decode(key: str, value: str) -> Record:
    """Parse one record in its record form, or a loose entry of layout 4 (the same
    value); raises ValueError with a reason a person can read."""
    parsed = parse_key(key)
    if parsed is None:
        raise ValueError(f"{key!r} is not a key Tend stores records under")
    if parsed.version == CURRENT:
        parsed = parse_key(_record_key(parsed))
        assert parsed is not None
    return _decode(parsed, value)


def _decode(parsed: StoredKey, value: str) -> Record:
    if parsed.version > RECORD_FORM:
        raise ValueError(f"{parsed.kind} record is not in the record form (tend/v3/)")
    if parsed.version < RECORD_FORM:
        raise ValueError(f"{parsed.kind} record of an earlier version (migrate it first)")
    model = KINDS.get(parsed.kind)
    if model is None:
        raise ValueError(f"unknown record kind {parsed.kind!r}")
    # A value that names its own id as well is damaged: the later duplicate wins and
    # cannot match.
    if not _PLAIN_ID.fullmatch(parsed.record_id) or not value.startswith("{"):
        raise ValueError(f"damaged {parsed.kind} record (not a record of this version)")
    try:
        record = model.model_validate_json(_with_id(parsed.record_id, value))
    except ValidationError as error:
        problems = error.error_count()
        fields = "1 field" if problems == 1 else f"{problems} fields"
        raise ValueError(f"damaged {parsed.kind} record: {fields} cannot be read") from None
    if record.id != parsed.record_id:
        raise ValueError(f"damaged {parsed.kind} record (not a record of this version)")
    return record


def is_damaged(key: str, value: str) -> bool:
    """Whether a stored entry is one the app sets aside at start (a StorageProblem)."""
    try:
        decode(key, value)
    except ValueError:
        return True
    return False


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
        record_key = _record_key(parsed)
        return [Copy(record_key, key, LOOSE, value, decode(record_key, value))], ""
    if parsed.version == RECORD_FORM:
        return [Copy(key, key, OLD, value, _decode(parsed, value))], ""
    new_key, new_value = migrate(key, value, to=RECORD_FORM)
    return [Copy(new_key, key, OLD, new_value, decode(new_key, new_value))], ""


def _record_key(parsed: StoredKey) -> str:
    found = record_key(parsed)
    if found is None:
        raise ValueError(f"unknown record kind {parsed.kind!r}")
    return found


def _pack_copies(key: str, value: str) -> tuple[list[Copy], str]:
    """The readable records of a pack; a pack with unreadable ones is reported (and so
    kept as it is, never remade), its readable ones used."""
    kinds: dict[str, list[tuple[str, str, str]]] = {}
    for member_key, member in unpack(value).items():
        kind, _, record_id = member_key.removeprefix(LAYOUT).partition("/")
        kinds.setdefault(kind, []).append((member_key, record_id, member))
    copies, unreadable = [], 0
    for kind, members in kinds.items():
        together = _all_at_once(kind, members)
        if together is not None:
            copies += [Copy(member_key, key, PACKED, member, record)
                       for (member_key, _, member), record in zip(members, together, strict=True)]
            continue
        for member_key, record_id, member in members:
            try:
                record = _decode(StoredKey(RECORD_FORM, kind, record_id), member)
                copies.append(Copy(member_key, key, PACKED, member, record))
            except ValueError:
                unreadable += 1
    if not unreadable:
        return copies, ""
    some = "1 record" if unreadable == 1 else f"{unreadable} records"
    return copies, f"damaged pack of records: {some} in it cannot be read; the rest loaded"


def _all_at_once(kind: str, members: list[tuple[str, str, str]]) -> list[Record] | None:
    """A pack's records of one kind (key, id, value), read as one JSON list: a third of
    the time per record in Pyodide of reading them one by one (``bench/interaction.py``
    at 5,000 people). None when any of them is not as ``_decode`` would accept it; they
    are then read one by one, to tell which."""
    adapter = _LISTS.get(kind)
    if (adapter is None or not _PLAIN_IDS.fullmatch("\n".join(m[1] for m in members))
            or not all(m[2].startswith("{") for m in members)):
        return None
    try:
        records = adapter.validate_json(f"[{','.join(_with_id(i, v) for _, i, v in members)}]")
    except ValidationError:
        return None
    # A damaged value could close its object and open another: the list would not match.
    if len(records) != len(members):
        return None
    if any(r.id != m[1] for r, m in zip(records, members, strict=True)):
        return None
    return records


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
