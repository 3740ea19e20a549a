"""Packed entries: a batch of settled records compressed into one localStorage entry.

A record on its own costs its key and its JSON every time: about 200 characters for an
interaction with a short note, so 5,000 people and 30,000 interactions would not fit in
the browser's 5,242,880 characters (``bench/storage.py``). Records nobody has edited for
weeks are most of a network and change rarely, so layout 4 keeps them in batches of at
most ``PACK_RECORDS``, deflated together (their field names, dates, ids of the same
people and words repeat) and written 15 bits to a character (``core.storage.base32768``).

A pack is never written by an edit: an edited record gets its loose entry, which wins
over the packed copy (a later ``updated_at`` wins; see ``core.storage.repack``), so one
edit still writes one record whatever the network's size. Packs are made, and remade
when most of what they hold has been superseded, when the app starts
(``core.storage.repack``).

Under the passphrase lock (``core.storage.lock``) the shell seals each value as base64 of
its UTF-8, and a character of ``base32768`` is three UTF-8 bytes: a sealed pack would take
four characters per 15 bits. So a pack written while the lock is on is plain base64
(``for_lock``), which seals to fewer characters (``bench/storage.py``); ``unpack`` reads
either, told apart by the first character (base64 is ASCII, ``base32768`` never is).

What a pack holds, before compression, is one line per record: its record-form key
without the ``tend/v3/`` prefix, a tab, and the record form's value (compact JSON, which
never holds a raw tab or newline), lines sorted by key.

>>> text = pack_text({"tend/v3/contact/ana": '{"name":"Ana"}'})
>>> unpack(text)
{'tend/v3/contact/ana': '{"name":"Ana"}'}
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Mapping

from core.storage import base32768
from core.storage.migrations import CURRENT, RECORD_FORM, layout

PACK = "pack"
PACK_PREFIX = f"{layout(CURRENT)}{PACK}/"
PACK_RECORDS = 200  # about 40,000 characters of interactions in their own entries
_RECORDS = layout(RECORD_FORM)


class DamagedPack(ValueError):
    """A packed entry that does not open; it is reported and kept as it is."""


def pack_key(number: int) -> str:
    """``tend/v4/pack/7``."""
    return f"{PACK_PREFIX}{number}"


def pack_number(key: str) -> int | None:
    """The number of a pack's key; None for any other key."""
    rest = key.removeprefix(PACK_PREFIX)
    return int(rest) if rest != key and rest.isdigit() and len(rest) < 10 else None


def pack_text(members: Mapping[str, str], for_lock: bool = False) -> str:
    """The stored text of a pack holding ``members`` (record-form key → value); in base64
    when it is ``for_lock``, to be sealed."""
    lines = "\n".join(f"{key.removeprefix(_RECORDS)}\t{members[key]}" for key in sorted(members))
    deflated = zlib.compress(lines.encode("utf-8"), 9)
    return base64.b64encode(deflated).decode() if for_lock else base32768.encode(deflated)


def is_for_lock(text: str) -> bool:
    """Whether a pack's text is the base64 written while the lock is on."""
    return text[:1].isascii()


def unpack(text: str) -> dict[str, str]:
    """The records a pack holds, record-form key → value; DamagedPack when it does not
    open (each record is checked later, as any stored record is)."""
    try:
        deflated = (base64.b64decode(text, validate=True) if is_for_lock(text)
                    else base32768.decode(text))
        lines = zlib.decompress(deflated).decode("utf-8")
    except (ValueError, binascii.Error, zlib.error) as error:
        raise DamagedPack(f"damaged pack of records: it does not open ({error})") from None
    members: dict[str, str] = {}
    for number, line in enumerate(lines.split("\n"), start=1):
        key, tab, value = line.partition("\t")
        if not tab or f"{_RECORDS}{key}" in members:
            raise DamagedPack(f"damaged pack of records: line {number} is not a record")
        members[f"{_RECORDS}{key}"] = value
    return members
