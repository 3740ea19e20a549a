"""Bytes as text that localStorage counts at 15 bits a character.

Chromium counts localStorage in UTF-16 code units (measured: 5,242,880 of them per
origin whether each is ``a`` or ``一``), so a packed entry (``core.storage.packs``) is
cheapest written with as many bits per code unit as can be had safely: base64 gives 6,
this gives 15. Each character is one code point of the Basic Multilingual Plane, never a
surrogate, so the text survives every hop it makes (Python ↔ JavaScript through Pyodide,
JSON, the lock's UTF-8 sealing) unchanged.

The scheme is Tend's own, in the spirit of qntm's base32768: every 15 bits become one
character of ``WHOLE`` (U+4000–U+BFFF, 32,768 code points); when the last group holds 7
bits or fewer it becomes one character of ``TAIL`` (U+3400–U+347F, 128 code points).
Unused bits of the last character are ones, and fewer than 8 of them are ever left, so
the byte count needs no header. No PyPI library was worth a dependency for this: the
candidates were unmaintained or native-code, and Pyodide needs pure Python.

>>> encode(b"Tend")
'樲鮙㐟'
>>> decode(encode(b"Tend"))
b'Tend'
"""

from __future__ import annotations

WHOLE = 0x4000  # first of 32,768 code points carrying 15 bits each
TAIL = 0x3400  # first of 128 code points carrying the last 7 bits or fewer
_CHUNK_BYTES = 15  # 120 bits: exactly 8 characters
_CHUNK_CHARS = 8


class DenseTextError(ValueError):
    """Text that this encoding never produces: damaged, or not one of Tend's packs."""


def encode(data: bytes) -> str:
    """``data`` as text, 15 bits per character (see the module's docstring)."""
    whole = len(data) - len(data) % _CHUNK_BYTES
    out = [_chunk_text(data[start:start + _CHUNK_BYTES])
           for start in range(0, whole, _CHUNK_BYTES)]
    out.append(_tail_text(data[whole:]))
    return "".join(out)


def _chunk_text(chunk: bytes) -> str:
    number = int.from_bytes(chunk, "big")
    return "".join(chr(WHOLE + ((number >> shift) & 0x7FFF)) for shift in range(105, -1, -15))


def _tail_text(rest: bytes) -> str:
    """The last bytes (fewer than 15), padded with ones to whole characters."""
    bits = 8 * len(rest)
    number = int.from_bytes(rest, "big")
    chars = []
    while bits > 7:
        take = min(bits, 15)
        group = (number >> (bits - take)) & ((1 << take) - 1)
        chars.append(chr(WHOLE + ((group << (15 - take)) | ((1 << (15 - take)) - 1))))
        bits -= take
    if bits:
        group = number & ((1 << bits) - 1)
        chars.append(chr(TAIL + ((group << (7 - bits)) | ((1 << (7 - bits)) - 1))))
    return "".join(chars)


def decode(text: str) -> bytes:
    """The bytes ``encode`` made ``text`` from; DenseTextError for any other text."""
    tail = text[-1:] if text and TAIL <= ord(text[-1]) < TAIL + 0x80 else ""
    whole = text[:len(text) - len(tail)].encode("utf-16-be", "surrogatepass")
    if len(whole) != 2 * (len(text) - len(tail)) or whole[::2].translate(None, _HIGH_BYTES):
        raise DenseTextError("the text holds characters this encoding never writes")
    chars = len(whole) // 2
    number = _squeezed(int.from_bytes(whole, "big") - int.from_bytes(b"\x40\x00" * chars, "big"),
                       chars)
    bits = 15 * chars
    if tail:
        number, bits = (number << 7) | (ord(tail) - TAIL), bits + 7
    size, padding = divmod(bits, 8)
    if number & ((1 << padding) - 1) != (1 << padding) - 1:
        raise DenseTextError("the text's last character is not one this encoding writes")
    return (number >> padding).to_bytes(size, "big")


# The first byte (big-endian UTF-16) of every character of WHOLE.
_HIGH_BYTES = bytes(range(WHOLE >> 8, (WHOLE + 0x8000) >> 8))


def _squeezed(number: int, fields: int) -> int:
    """15-bit values, one per 16-bit field of ``number``, as one run of 15-bit groups.

    Pairs of fields are joined, then pairs of pairs, and so on (each step a few
    operations on the whole number, done in C), rather than one character at a time in
    Python: unpacking a network's packs at start is most of the reading time otherwise.
    """
    slot, width, slots = 16, 15, 1
    while slots < fields:
        slots *= 2
    while slots > 1:
        half = slot // 8
        low = int.from_bytes((b"\x00" * half + b"\xff" * half) * (slots // 2), "big")
        number = (number & low) | ((number & (low << slot)) >> (slot - width))
        slot, width, slots = 2 * slot, 2 * width, slots // 2
    return number
