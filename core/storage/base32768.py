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
    values, tail_bits = _values(text)
    whole = (len(values) - (1 if tail_bits else 0)) // _CHUNK_CHARS * _CHUNK_CHARS
    if whole == len(values) and not tail_bits and whole:
        whole -= _CHUNK_CHARS  # the last chunk may carry padding: decoded with the tail
    out = bytearray()
    for start in range(0, whole, _CHUNK_CHARS):
        number = 0
        for value in values[start:start + _CHUNK_CHARS]:
            number = (number << 15) | value
        out += number.to_bytes(_CHUNK_BYTES, "big")
    return bytes(out + _tail_bytes(values[whole:], tail_bits))


def _tail_bytes(values: list[int], tail_bits: bool) -> bytes:
    """The last few characters' bytes, their padding checked."""
    bits = 15 * len(values) - (8 if tail_bits else 0)
    number = 0
    for value in values[:-1] if tail_bits else values:
        number = (number << 15) | value
    if tail_bits:
        number = (number << 7) | values[-1]
    size, padding = divmod(bits, 8)
    if number & ((1 << padding) - 1) != (1 << padding) - 1:
        raise DenseTextError("the text's last character is not one this encoding writes")
    return (number >> padding).to_bytes(size, "big")


def _values(text: str) -> tuple[list[int], bool]:
    """Each character's value; whether the last one is a 7-bit tail character."""
    values = []
    for position, char in enumerate(text):
        code = ord(char)
        if WHOLE <= code < WHOLE + 0x8000:
            values.append(code - WHOLE)
        elif TAIL <= code < TAIL + 0x80 and position == len(text) - 1:
            values.append(code - TAIL)
            return values, True
        else:
            raise DenseTextError(f"character {position + 1} is not one this encoding writes")
    return values, False
