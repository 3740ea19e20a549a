"""Backups sealed with a passphrase, in a standard scheme both the browser and the CLI speak.

A backup holds a whole private network, and people keep backups in cloud drives and
mail them to themselves. Sealing one makes the file useless to anyone without the
passphrase. The scheme is deliberately plain and standard, so that the browser
(WebCrypto, ``site/shell/sealing.mjs``) and the command line (the ``cryptography``
package) open each other's files, and so that any tool with AES-GCM and PBKDF2 could:

- the key: PBKDF2 with HMAC-SHA-256 over the UTF-8 passphrase (surrounding spaces
  removed, as in every form field, and in Unicode's NFC form), a random 16-byte salt and
  ``iterations`` rounds (600,000 by default, OWASP's figure for this hash), 32 bytes long;
- the cipher: AES-256-GCM with a random 12-byte IV, over the backup file's UTF-8 text;
  the ciphertext carries GCM's 16-byte tag at its end, as WebCrypto writes it.

The sealed file is JSON (base64 is the standard alphabet, with padding)::

    {
      "format": "tend-sealed-backup",
      "version": 1,
      "kdf": "PBKDF2-HMAC-SHA256",
      "iterations": 600000,
      "cipher": "AES-256-GCM",
      "salt": "…",
      "iv": "…",
      "ciphertext": "…"
    }

A wrong passphrase and a file altered after sealing look the same to GCM: the tag does
not match, so nothing is opened and the user is told the passphrase does not open it.

This module reads and checks the sealed form; ``seal`` and ``unseal`` are for CPython
(the CLI and the tests), where salt and IV are passed in: randomness, like the clock,
comes from the caller.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from core.json_text import JsonError, parse_json

FORMAT = "tend-sealed-backup"
ITERATIONS = 600_000
SALT_BYTES, IV_BYTES, KEY_BYTES = 16, 12, 32
MIN_PASSPHRASE = 8
WRONG_PASSPHRASE = ("that passphrase does not open this backup (or the file was changed "
                    "after it was sealed); check the passphrase and try again")


class SealingError(ValueError):
    """A sealed backup that cannot be opened, with a message written for the user."""


def _base64(length: int | None = None) -> AfterValidator:
    def check(text: str) -> str:
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("is not base64") from None
        if length is not None and len(raw) != length:
            raise ValueError(f"must be {length} bytes, not {len(raw)}")
        return text
    return AfterValidator(check)


class Sealed(BaseModel):
    """A sealed backup file, checked field by field before any decryption is tried."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["tend-sealed-backup"]
    version: Literal[1]
    kdf: Literal["PBKDF2-HMAC-SHA256"]
    iterations: Annotated[int, Field(ge=100_000, le=10_000_000)]
    cipher: Literal["AES-256-GCM"]
    salt: Annotated[str, _base64(SALT_BYTES)]
    iv: Annotated[str, _base64(IV_BYTES)]
    ciphertext: Annotated[str, _base64()]


def header(iterations: int = ITERATIONS) -> dict[str, Any]:
    """The sealed file's fields other than salt, IV and ciphertext, which the sealer adds."""
    return {"format": FORMAT, "version": 1, "kdf": "PBKDF2-HMAC-SHA256",
            "iterations": iterations, "cipher": "AES-256-GCM"}


def sealed_form(text: str | bytes) -> Sealed | None:
    """The sealed backup ``text`` is, None when it is not one (a plain backup, say).

    >>> sealed_form('{"format": "tend-backup", "version": 2}') is None
    True
    """
    try:
        data = parse_json(text)
    except JsonError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if isinstance(data.get("version"), int) and data["version"] > 1:
        raise SealingError("this sealed backup was made by a newer version of Tend; "
                           "update Tend to open it")
    try:
        return Sealed.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        raise SealingError(f"the sealed backup is damaged ({where}: {first['msg']})") from None


def passphrase_problem(passphrase: str) -> str:
    """Why a passphrase is too weak to seal with, or "" when it will do."""
    if len(normalised(passphrase)) < MIN_PASSPHRASE:
        return f"use at least {MIN_PASSPHRASE} characters; a short sentence is easy to remember"
    return ""


def normalised(passphrase: str) -> str:
    """The passphrase the key is made from: without surrounding spaces, and in Unicode's
    composed form (NFC), so "é" typed on any system gives the same key."""
    return unicodedata.normalize("NFC", passphrase.strip())


def seal_request(text: str, passphrase: str, field: str) -> dict[str, Any]:
    """What the shell needs to seal ``text`` (WebCrypto): it adds random salt and IV of
    these sizes, derives the key, encrypts, writes the header's fields too, and sends the
    sealed file back in ``field``."""
    return {"text": text, "passphrase": normalised(passphrase), "header": header(),
            "salt_bytes": SALT_BYTES, "iv_bytes": IV_BYTES, "field": field}


def seal(text: str, passphrase: str, salt: bytes, iv: bytes,
         iterations: int = ITERATIONS) -> str:
    """The sealed file for a backup's text (CPython: needs the ``cryptography`` package)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ciphertext = AESGCM(_key(passphrase, salt, iterations)).encrypt(iv, text.encode(), None)
    encoded = {name: base64.b64encode(raw).decode("ascii")
               for name, raw in (("salt", salt), ("iv", iv), ("ciphertext", ciphertext))}
    return json.dumps({**header(iterations), **encoded}, indent=2) + "\n"


def unseal(sealed: Sealed, passphrase: str) -> str:
    """The backup text inside a sealed file (CPython: needs the ``cryptography`` package)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = _key(passphrase, base64.b64decode(sealed.salt), sealed.iterations)
    try:
        plain = AESGCM(key).decrypt(base64.b64decode(sealed.iv),
                                    base64.b64decode(sealed.ciphertext), None)
    except InvalidTag:
        raise SealingError(WRONG_PASSPHRASE) from None
    try:
        return plain.decode("utf-8")
    except UnicodeDecodeError:
        raise SealingError("the sealed backup does not hold text") from None


def _key(passphrase: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", normalised(passphrase).encode(), salt, iterations,
                               KEY_BYTES)
