"""vCard 2.1, 3.0 and 4.0 (phones still write 2.1), read with vobject, the field's library.

vobject is loaded lazily: it is imported only when a file is read, so the app's start
pays nothing for it (in the browser, the worker loads it the first time it is needed).
"""

from __future__ import annotations

import re
from typing import Any

from core.formats import Candidate, Parsed, UnreadableFile

CARD = re.compile(r"BEGIN:VCARD.*?END:VCARD", re.S | re.I)
BEGIN = re.compile(r"BEGIN:VCARD", re.I)


def read_vcards(text: str) -> Parsed:
    """Every card in the file; a card that cannot be read is reported by its number."""
    import vobject  # lazy: see the module docstring

    cards = CARD.findall(text)
    begun = len(BEGIN.findall(text))
    if not cards and begun:
        raise UnreadableFile("this vCard file is cut short (it has BEGIN:VCARD but no "
                             "END:VCARD), so no card in it is complete")
    if not cards:
        raise UnreadableFile("no vCard found (a vCard file starts with BEGIN:VCARD)")
    candidates: list[Candidate] = []
    problems: list[str] = []
    if begun > len(cards):
        problems.append(f"card {len(cards) + 1}: cut short (the file ends before its "
                        "END:VCARD), so it was left out")
    for number, card in enumerate(cards, start=1):
        try:
            found = _candidate(vobject.readOne(card, ignoreUnreadable=True))
        except Exception as error:  # vobject raises many kinds; each is one bad card
            problems.append(f"card {number}: could not be read ({_short(error)})")
            continue
        if found is None:
            problems.append(f"card {number}: has no name")
        else:
            candidates.append(found)
    return Parsed("vCard", tuple(candidates), tuple(problems))


def _candidate(card: Any) -> Candidate | None:
    name = _value(card, "fn") or _structured_name(card)
    if not name:
        return None
    return Candidate(
        name=name[:120],
        emails=tuple(_values(card, "email")),
        phones=tuple(_values(card, "tel")),
        work=" · ".join(p for p in (_value(card, "title"), _org(card)) if p)[:200],
        birthday=_birthday(_value(card, "bday")),
    )


def _values(card: Any, name: str) -> list[str]:
    return [str(item.value).strip() for item in card.contents.get(name, []) if item.value]


def _value(card: Any, name: str) -> str:
    values = _values(card, name)
    return values[0] if values else ""


def _structured_name(card: Any) -> str:
    items = card.contents.get("n", [])
    if not items:
        return ""
    parts = items[0].value
    return " ".join(p for p in (parts.given, parts.family) if p).strip()


def _org(card: Any) -> str:
    items = card.contents.get("org", [])
    value = items[0].value if items else ""
    return " ".join(value) if isinstance(value, list) else str(value)


def _birthday(text: str) -> tuple[int, int, int | None] | None:
    """BDAY as 1990-04-12, 19900412, or --0412 (no year, as vCard 4 writes it)."""
    digits = text.replace("-", "")
    if len(digits) == 8 and digits.isdigit():
        year: int | None = int(digits[:4])
        month, day = int(digits[4:6]), int(digits[6:8])
    elif len(digits) == 4 and digits.isdigit():
        year, month, day = None, int(digits[:2]), int(digits[2:])
    else:
        return None
    return (month, day, year) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:80] or type(error).__name__
