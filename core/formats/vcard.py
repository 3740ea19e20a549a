"""vCard 2.1, 3.0 and 4.0 (phones still write 2.1), read with vobject, the field's library.

vobject is loaded lazily: it is imported only when a file is read, so the app's start
pays nothing for it (in the browser, the worker loads it the first time it is needed).

What each property becomes: FN the name and N its parts (kept, so an export gives them
back); NICKNAME, TITLE, ORG (company; department), EMAIL, TEL, URL (and Apple's
X-SOCIALPROFILE), ADR, NOTE and CATEGORIES (groups) the person's own fields; BDAY the
birthday; ANNIVERSARY and Apple's labelled dates (``item1.X-ABDATE`` with
``item1.X-ABLabel``) dates with their label; RELATED and Apple's X-ABRELATEDNAMES the
related names, or "introduced by" where the label says so. Tend's own export adds
X-TEND-HOW-MET, X-TEND-KNOWN-SINCE and X-TEND-CALL-THEM, so nothing of Tend's is lost on
the way round. Anything else with a value is named in the preview as not kept.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from core.formats import (
    Candidate,
    LabelledDate,
    Parsed,
    UnreadableFile,
    apple_label,
    parse_month_day,
    related_entry,
    says_introduced,
)

CARD = re.compile(r"BEGIN:VCARD.*?END:VCARD", re.S | re.I)
BEGIN = re.compile(r"BEGIN:VCARD", re.I)
# Properties read into a field, or that only describe the card itself.
READ = {"fn", "n", "nickname", "title", "org", "email", "tel", "url", "x-socialprofile", "adr",
        "note", "categories", "bday", "anniversary", "x-abdate", "x-ablabel", "related",
        "x-abrelatednames", "x-tend-how-met", "x-tend-known-since", "x-tend-call-them",
        "version", "prodid", "uid", "rev", "kind", "x-abuid", "x-abshowas", "x-abadr", "label"}
WORDS = {"gender": "Gender", "role": "Role", "impp": "Chat address", "geo": "Location",
         "tz": "Time zone", "logo": "Logo", "sound": "Sound", "lang": "Language",
         "x-phonetic-first-name": "Phonetic name", "x-phonetic-last-name": "Phonetic name",
         "key": "Public key"}
# A photo is the largest part of a card and Tend keeps none: it is taken out before the
# card is parsed (a damaged one would otherwise lose the whole card) and named as not kept.
PHOTO = re.compile(r"^(?:[\w-]+\.)?PHOTO[;:][^\n]*(?:\n[ \t][^\n]*)*\n?", re.I | re.M)


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
        without_photo = PHOTO.sub("", card.replace("\r\n", "\n"))
        try:
            found = _candidate(vobject.readOne(without_photo, ignoreUnreadable=True),
                               f"card {number}", without_photo != card.replace("\r\n", "\n"))
        except Exception as error:  # vobject raises many kinds; each is one bad card
            problems.append(f"card {number}: could not be read ({_short(error)})")
            continue
        if found is None:
            problems.append(f"card {number}: has no name")
        else:
            candidates.append(found)
    return Parsed("vCard", tuple(candidates), tuple(problems))


def _candidate(card: Any, place: str, had_photo: bool) -> Candidate | None:
    parts = _name_parts(card)
    name = _value(card, "fn") or " ".join(
        parts[k] for k in ("name_prefix", "given_name", "additional_names", "family_name",
                           "name_suffix") if parts[k])
    if not name:
        return None
    labels = {item.group.casefold(): apple_label(str(item.value))
              for item in card.contents.get("x-ablabel", []) if item.group and item.value}
    organisation = _org(card)
    related, introduced_by = [], ""
    for label, who in _related(card, labels):
        if says_introduced(label) and not introduced_by:
            introduced_by = who
        else:
            related.append(related_entry(label, who))
    return Candidate(
        name=name, **parts, nickname=_value(card, "nickname"),
        call_them=_value(card, "x-tend-call-them"), how_met=_value(card, "x-tend-how-met"),
        title=_value(card, "title"), company=organisation[0] if organisation else "",
        department=", ".join(part for part in organisation[1:] if part),
        emails=tuple(_values(card, "email")), phones=tuple(_values(card, "tel")),
        websites=tuple(_values(card, "url") + _values(card, "x-socialprofile")),
        addresses=tuple(_address(item.value) for item in card.contents.get("adr", [])
                        if _address(item.value)),
        notes=_lines(_value(card, "note")), groups=_categories(card),
        known_since=_day(_value(card, "x-tend-known-since")),
        birthday=parse_month_day(_value(card, "bday")), dates=_dates(card, labels),
        related=tuple(related), introduced_by=introduced_by,
        not_kept=("Photo",) * had_photo + _not_kept(card),
        place=place)


def _name_parts(card: Any) -> dict[str, str]:
    items = card.contents.get("n", [])
    parts = items[0].value if items else None

    def part(name: str) -> str:
        value = getattr(parts, name, "") or ""
        return " ".join(v for v in value if v) if isinstance(value, list) else str(value).strip()

    return {"name_prefix": part("prefix"), "given_name": part("given"),
            "additional_names": part("additional"), "family_name": part("family"),
            "name_suffix": part("suffix")}


def _values(card: Any, name: str) -> list[str]:
    return [str(item.value).strip() for item in card.contents.get(name, [])
            if item.value and str(item.value).strip()]


def _value(card: Any, name: str) -> str:
    values = _values(card, name)
    return values[0] if values else ""


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _org(card: Any) -> list[str]:
    items = card.contents.get("org", [])
    value = items[0].value if items else []
    parts = value if isinstance(value, list) else [str(value)]
    return [(p or "").strip() for p in parts]  # by position: ORG:;Research has no company


def _categories(card: Any) -> tuple[str, ...]:
    found: list[str] = []
    for item in card.contents.get("categories", []):
        values = item.value if isinstance(item.value, list) else str(item.value).split(",")
        found += [v.strip() for v in values if v and v.strip()]
    return tuple(dict.fromkeys(found))


def _address(value: Any) -> str:
    """One postal address as lines: street, then town, region and code, then country."""
    def text(name: str) -> str:
        part = getattr(value, name, "") or ""
        return " ".join(p for p in part if p) if isinstance(part, list) else str(part).strip()

    town = " ".join(p for p in (text("city"), text("region"), text("code")) if p)
    lines = (text("box"), text("extended"), text("street"), town, text("country"))
    return _lines("\n".join(line for line in lines if line))


def _dates(card: Any, labels: dict[str, str]) -> tuple[LabelledDate, ...]:
    found = []
    for name, default in (("anniversary", "Anniversary"), ("x-abdate", "Date")):
        for item in card.contents.get(name, []):
            when = parse_month_day(str(item.value))
            if when:
                label = labels.get((item.group or "").casefold(), default)
                found.append(LabelledDate(label, *when))
    return tuple(found)


def _related(card: Any, labels: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    for item in card.contents.get("related", []):
        kinds = [t for t in item.params.get("TYPE", []) if t]
        found.append((kinds[0] if kinds else "", str(item.value).strip()))
    for item in card.contents.get("x-abrelatednames", []):
        found.append((labels.get((item.group or "").casefold(), ""), str(item.value).strip()))
    return [(label, who) for label, who in found if who]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _not_kept(card: Any) -> tuple[str, ...]:
    left = [WORDS.get(name, name.upper()) for name, items in card.contents.items()
            if name not in READ and any(str(item.value).strip() for item in items)]
    return tuple(dict.fromkeys(left))


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:80] or type(error).__name__
