"""The optional lock: what Tend stores in the browser, encrypted with a passphrase.

On an origin Tend shares with other pages (every Pages site of one user shares
``<user>.github.io``), or on a laptop someone else picks up, localStorage is readable by
whoever gets there. Locked, each stored record is sealed on its own with a key derived
from the passphrase, by the same standard scheme as sealed backups
(``core.formats.sealing``: PBKDF2-HMAC-SHA256, 600,000 rounds, AES-256-GCM), so an edit
still writes one record, not the whole store. The key lives in the page's memory for the
session only; the passphrase is never stored.

The shell does the cryptography (WebCrypto) and the storage; what it does is decided
here and sent as data:

- ``lock_request``: make a key from the passphrase and a fresh salt, seal every entry
  whose key starts with ``prefix`` (each with its own IV, and its key as GCM's
  associated data, so a sealed value moved to another key does not open), remove the
  keys in ``drop`` (the saved Today, which would otherwise be plain text), and store
  ``LOCK_KEY``: the salt, the rounds and ``check`` sealed, which tells a wrong
  passphrase from a right one without touching a record. All in one journalled change.
- ``unlock_request``: make the key from the passphrase and the stored salt; if it opens
  ``check``, keep it for the session. Nothing is written either way.
- ``remove_request``: open every sealed entry, write it plain, remove ``LOCK_KEY``.

A sealed value is ``MARKER`` followed by the base64 of IV and ciphertext; a value
without the marker is read as it is, so a store the lock never finished with still
loads (and the shell seals what is left plain when the passphrase opens it).

The core holds records as plain text, so while the lock is on the storage meter counts
each one as ``sealed_length`` says it is stored: about a third more than the plain text.
"""

from __future__ import annotations

from typing import Any

from core.formats.sealing import IV_BYTES, SALT_BYTES, header, normalised

LOCK_KEY = "tend-lock"
PREFIX = "tend/"
MARKER = "tend-sealed:"
CHECK = "Tend's lock check"
DROP = ("tend-snapshot:today",)
STATES = ("off", "open", "closed")
TAG_BYTES = 16


def sealed_length(value: str) -> int:
    """The characters ``value`` takes in storage once sealed: the marker, then base64 of
    the IV, the ciphertext (as long as the UTF-8 text; a lone surrogate is written as
    three bytes, as the browser's encoder does) and GCM's tag."""
    raw = IV_BYTES + len(value.encode("utf-8", "surrogatepass")) + TAG_BYTES
    return len(MARKER) + 4 * ((raw + 2) // 3)


def lock_request(passphrase: str) -> dict[str, Any]:
    """What the shell needs to lock storage with ``passphrase``."""
    return {"do": "lock", "passphrase": normalised(passphrase), "header": header(),
            "salt_bytes": SALT_BYTES, "iv_bytes": IV_BYTES, "key": LOCK_KEY,
            "prefix": PREFIX, "marker": MARKER, "check": CHECK, "drop": list(DROP),
            "field": "locked"}


def unlock_request(passphrase: str) -> dict[str, Any]:
    """What the shell needs to try ``passphrase`` on the stored lock."""
    return {"do": "unlock", "passphrase": normalised(passphrase), "key": LOCK_KEY,
            "field": "unlocked"}


def remove_request() -> dict[str, Any]:
    """What the shell needs to take the lock off: every entry back in plain text."""
    return {"do": "remove", "key": LOCK_KEY, "field": "removed"}
