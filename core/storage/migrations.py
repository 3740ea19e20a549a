"""How entries stored by an earlier Tend become today's stored form.

Every change to what a record stores gets a new layout version (the ``v2`` in
``tend/v2/contact/<id>``) and one step here that turns an entry of the version before
into the next. Steps chain, so data from any earlier version comes forward one version
at a time, and each step stays small enough to read and test on its own. A step never
invents data: it only renames, moves or drops what the older version stored.

The steps so far:

1 → 2
    The stored value no longer repeats what its key already says: the record's ``id``
    and its ``schema`` number. That is about 45 characters per record with a UUID id,
    a third of an interaction (see ``bench/storage.py``).

2 → 3
    A person belongs to several groups: a contact's ``group`` text becomes ``groups``,
    a list of one (or none). The ``work`` line becomes ``title`` and ``company``, from
    which it is now derived: Tend's imports wrote it as "title · company", so it is
    taken apart at its last " · "; a line without one is kept whole as the title, so
    the person's page shows the same words as before. Other kinds are unchanged.

3 → 4
    Layout 4 is denser storage for the same records. A record's own entry, its *loose*
    entry, keeps the value of layout 3 (the record form: what backups, sync and Undo
    handle) under a shorter key, ``tend/v4/i/<id>`` for ``tend/v3/interaction/<id>``:
    the kind becomes one letter (``CODES``). Besides loose entries, layout 4 has
    *packed* entries, ``tend/v4/pack/<n>``: a bounded batch of records nobody has
    edited for weeks, compressed together (``core.storage.packs``). This step only
    renames the key; which records are packed is decided when storage is rewritten
    (``core.storage.repack``), never here, as a step works one entry at a time.

Migration works entry by entry, so a browser can move its data forward in small,
all-or-nothing batches and carry on after an interruption: until an old entry is
rewritten, it is read through these steps every time the app starts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from core.json_text import JsonError, parse_json

PREFIX = "tend/"
# The record form: layout 3's key and value, in which the app, backups, sync and Undo
# handle each record whatever the layout it is stored in.
RECORD_FORM = 3
# The layout this Tend stores: layout 4, the record form's values under shorter keys,
# and packs.
CURRENT = RECORD_FORM + 1
# Layout 4's one-letter kinds: a loose entry's key is short, as its id and value are not.
CODES = {"contact": "c", "interaction": "i", "favour": "f", "date": "d", "target": "t",
         "settings": "s", "decision": "a", "plan": "p", "pitch": "h"}
KINDS_BY_CODE = {code: kind for kind, code in CODES.items()}
_KEY = re.compile(r"^tend/v([1-9][0-9]{0,5})/([a-z]+)/([^/]+)$")
_LAYOUT = re.compile(r"^tend/v([0-9]+)/")

Data = dict[str, Any]
Step = Callable[["StoredKey", Data], Data]


class MigrationError(ValueError):
    """An old entry that cannot be brought forward; it is kept as it is and reported."""


class StoredKey(NamedTuple):
    """A storage key taken apart: ``tend/v<version>/<kind>/<id>`` (a tuple: it is made
    for every entry at every start, so it must be cheap)."""

    version: int
    kind: str
    record_id: str

    def __str__(self) -> str:
        return f"{PREFIX}v{self.version}/{self.kind}/{self.record_id}"


def parse_key(key: str) -> StoredKey | None:
    """The parts of one of Tend's record keys, or None for any other key.

    >>> parse_key("tend/v1/contact/ana")
    StoredKey(version=1, kind='contact', record_id='ana')
    >>> parse_key("tend-snapshot:today") is None
    True
    """
    match = _KEY.match(key)
    if match is None:
        return None
    return StoredKey(int(match[1]), match[2], match[3])


def layout_version(key: str) -> int | None:
    """The layout version any key under ``tend/v<N>/`` belongs to, well formed or not.

    >>> layout_version("tend/v3/anything/at/all"), layout_version("tend-journal")
    (3, None)
    """
    match = _LAYOUT.match(key)
    return int(match[1]) if match else None


def layout(version: int = CURRENT) -> str:
    """The key prefix of a layout version: ``tend/v2/``."""
    return f"{PREFIX}v{version}/"


def _drop_what_the_key_says(key: StoredKey, data: Data) -> Data:
    """1 → 2: the id and schema number live in the key alone."""
    record_id = key.record_id
    if data.get("id") != record_id:
        raise MigrationError(f"it names the id {data.get('id')!r}, not {record_id!r}")
    if data.get("schema", 1) != 1:
        raise MigrationError(f"it says schema {data.get('schema')!r}, not 1")
    return {name: value for name, value in data.items() if name not in ("id", "schema")}


def _groups_and_work_line(key: StoredKey, data: Data) -> Data:
    """2 → 3: ``group`` → ``groups``; ``work`` → ``title`` and ``company``."""
    if key.kind != "contact":
        return data
    moved: Data = {}
    for name, value in data.items():  # in place, so the value reads as Tend writes it
        if not isinstance(value, str) and name in ("group", "work"):
            raise MigrationError(f"its {name} is not text")
        if name == "group" and value.strip():
            moved["groups"] = [value]
        elif name == "work":
            title, separator, company = value.rpartition(" · ")
            title, company = (title, company) if separator else (value, "")
            moved.update({k: v for k, v in (("title", title), ("company", company))
                          if v.strip()})
        elif name != "group":
            moved[name] = value
    return moved


def _same_value(key: StoredKey, data: Data) -> Data:
    """3 → 4: a loose entry's value is the record form as it was; only the key moves."""
    return data


# STEPS[n] turns a version-n value into a version-(n + 1) value.
STEPS: dict[int, Step] = {1: _drop_what_the_key_says, 2: _groups_and_work_line,
                          3: _same_value}
assert sorted(STEPS) == list(range(1, CURRENT)), "every earlier version needs its step"


def loose_key(record_key: StoredKey) -> str:
    """Where layout 4 keeps a record of the record form on its own.

    >>> loose_key(StoredKey(3, "interaction", "x1"))
    'tend/v4/i/x1'
    """
    return f"{PREFIX}v{CURRENT}/{CODES[record_key.kind]}/{record_key.record_id}"


def record_key(stored: StoredKey) -> str | None:
    """The record-form key of a layout-4 loose entry; None for any other key of layout 4.

    >>> record_key(StoredKey(4, "i", "x1"))
    'tend/v3/interaction/x1'
    """
    kind = KINDS_BY_CODE.get(stored.kind) if stored.version == CURRENT else None
    return None if kind is None else str(StoredKey(RECORD_FORM, kind, stored.record_id))


def migrate(key: str, value: str, to: int = CURRENT) -> tuple[str, str]:
    """An entry of an earlier layout as layout ``to`` stores it: (key, value).

    >>> migrate("tend/v1/contact/ana", '{"schema":1,"id":"ana","name":"Ana","group":"Work"}')
    ('tend/v4/c/ana', '{"name":"Ana","groups":["Work"]}')
    >>> migrate("tend/v2/contact/ana", '{"name":"Ana","group":"Work"}', to=RECORD_FORM)
    ('tend/v3/contact/ana', '{"name":"Ana","groups":["Work"]}')
    """
    parsed = parse_key(key)
    if parsed is None or parsed.version >= to:
        raise MigrationError(f"{key} is not an entry of an earlier version")
    if parsed.kind not in CODES:
        raise MigrationError(f"unknown record kind {parsed.kind!r}")
    try:
        data = parse_json(value)
    except JsonError:
        raise MigrationError("it is not valid JSON") from None
    if not isinstance(data, dict):
        raise MigrationError("it is not a JSON object")
    for version in range(parsed.version, to):
        data = STEPS[version](parsed, data)
    moved = StoredKey(RECORD_FORM, parsed.kind, parsed.record_id)
    new_key = loose_key(moved) if to == CURRENT else str(moved)
    return new_key, json.dumps(data, separators=(",", ":"), ensure_ascii=False)
