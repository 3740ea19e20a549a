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
the way round. Android's phones write what vCard 2.1 has no property for as
X-ANDROID-CUSTOM lines (a nickname, a relation, an event, each typed by number); those
are read like their vCard 4.0 cousins. Anything else with a value is named in the
preview as not kept.

vCard 2.1's quoted-printable values break long lines with a "soft" line break, a "=" at
the end of the line, and the next line carries on without the leading space vCard 3.0
folds with; vobject does not join those, so they are joined before the card is read,
or the end of a long note would be lost. And vobject keeps only what comes before the
first comma of a text value ("NOTE:Met in Lisbon, at the summit" is "Met in Lisbon"):
vCard 3.0 asks for "\\," there, but vCard 2.1 (Android) has no such escape and some
exporters forget it, so a bare comma is escaped before the card is read, except in
CATEGORIES and N, where it separates values.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.formats import (
    Candidate,
    LabelledDate,
    MonthDay,
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
        "x-abrelatednames", "x-android-custom", "x-tend-how-met", "x-tend-known-since",
        "x-tend-call-them", "version", "prodid", "uid", "rev", "kind", "x-abuid", "x-abshowas",
        "x-abadr", "label"}
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
    with _skipped_lines() as skipped:
        for number, card in enumerate(cards, start=1):
            without_photo = commas_escaped(joined_soft_breaks(PHOTO.sub("", card.replace(
                "\r\n", "\n"))))
            try:
                found = _candidate(vobject.readOne(without_photo, ignoreUnreadable=True),
                                   f"card {number}", PHOTO.search(card) is not None)
            except Exception as error:  # vobject raises many kinds; each is one bad card
                problems.append(f"card {number}: could not be read ({_short(error)})")
                continue
            finally:
                problems += [f"card {number}: a line Tend cannot read was left out ({line})"
                             for line in skipped]
                skipped.clear()
            if found is None:
                problems.append(f"card {number}: has no name")
            else:
                candidates.append(found)
    return Parsed("vCard", tuple(candidates), tuple(problems))


class _Skipped(logging.Handler):
    """The lines vobject passes over (it only logs them), so the preview can name them."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.ERROR)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        said = record.getMessage()
        self.lines.append(said.rpartition("Failed to parse line: ")[2][:60] or said[:60])


@contextmanager
def _skipped_lines() -> Iterator[list[str]]:
    """While reading, what vobject skips is gathered here instead of logged."""
    log = logging.getLogger("vobject.base")
    lines: list[str] = []
    handlers, propagate = log.handlers[:], log.propagate
    log.handlers, log.propagate = [_Skipped(lines)], False
    try:
        yield lines
    finally:
        log.handlers, log.propagate = handlers, propagate


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
    android = _android(card)
    related, introduced_by = [], ""
    for label, who in [*_related(card, labels), *android.related]:
        if says_introduced(label) and not introduced_by:
            introduced_by = who
        else:
            related.append(related_entry(label, who))
    return Candidate(
        name=name, **parts, nickname=_value(card, "nickname") or android.nickname,
        call_them=_value(card, "x-tend-call-them"), how_met=_value(card, "x-tend-how-met"),
        title=_value(card, "title"), company=organisation[0] if organisation else "",
        department=", ".join(part for part in organisation[1:] if part),
        emails=tuple(_values(card, "email")), phones=tuple(_phone(v) for v in _values(card, "tel")),
        websites=tuple(_values(card, "url") + _values(card, "x-socialprofile")),
        addresses=tuple(_address(item.value) for item in card.contents.get("adr", [])
                        if _address(item.value)),
        notes=_lines(_value(card, "note")), groups=_categories(card),
        known_since=_day(_value(card, "x-tend-known-since")),
        birthday=parse_month_day(_value(card, "bday")) or android.birthday,
        dates=_dates(card, labels) + android.dates,
        related=tuple(related), introduced_by=introduced_by,
        not_kept=("Photo",) * had_photo + _not_kept(card) + android.not_kept
        + _unread_dates(card, labels),
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
    # By position: ORG:;Research has no company. A part vobject split at a comma is joined.
    return [", ".join(p).strip() if isinstance(p, list) else (p or "").strip() for p in parts]


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


def _unread_dates(card: Any, labels: dict[str, str]) -> tuple[str, ...]:
    """Dates written as words ("BDAY;VALUE=text:circa 1980"), which no date field takes:
    named as not kept, by their label."""
    left = []
    for name, default in (("bday", "Birthday"), ("anniversary", "Anniversary"),
                          ("x-abdate", "Date")):
        for item in card.contents.get(name, []):
            if str(item.value).strip() and parse_month_day(str(item.value)) is None:
                label = labels.get((item.group or "").casefold(), default)
                left.append(f"{label} not written as a date")
    return tuple(left)


def _related(card: Any, labels: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    for item in card.contents.get("related", []):
        kinds = [t for t in item.params.get("TYPE", []) if t]
        found.append((kinds[0] if kinds else "", _related_name(str(item.value))))
    for item in card.contents.get("x-abrelatednames", []):
        found.append((labels.get((item.group or "").casefold(), ""), str(item.value).strip()))
    return [(label, who) for label, who in found if who]


def _phone(value: str) -> str:
    """vCard 4.0 writes a number as a URI: "tel:+1-555-0100;ext=102" is "+1-555-0100 ext.
    102", as the user would type it."""
    number = value[4:] if value[:4].casefold() == "tel:" else value
    main, _, extension = number.partition(";ext=")
    return f"{main} ext. {extension}" if extension else main


def _related_name(value: str) -> str:
    """A vCard 4.0 relation may be a link: an e-mail address is kept as the name, a link
    to another card in the same book (urn:uuid:…) names nobody, so it is left out."""
    value = value.strip()
    if value[:7].casefold() == "mailto:":
        return value[7:]
    return "" if value[:4].casefold() == "urn:" else value


SOFT_BREAK_LINE = re.compile(r"^[^:]*QUOTED-PRINTABLE[^:]*:", re.I)


def joined_soft_breaks(card: str) -> str:
    r"""A card with vCard 2.1's quoted-printable soft line breaks joined.

    >>> joined_soft_breaks("NOTE;ENCODING=QUOTED-PRINTABLE:a long=\nline\nTEL:1=\n")
    'NOTE;ENCODING=QUOTED-PRINTABLE:a longline\nTEL:1=\n'
    """
    lines: list[str] = []
    joining = False
    for line in card.split("\n"):
        if joining:
            lines[-1] = lines[-1][:-1] + line
        else:
            lines.append(line)
        joining = lines[-1].endswith("=") and SOFT_BREAK_LINE.match(lines[-1]) is not None
    return "\n".join(lines)


LISTS = {"categories", "n"}  # where a comma separates values


def commas_escaped(card: str) -> str:
    r"""A card (its folded lines unfolded) with every bare comma of a value escaped,
    except where a comma separates values.

    >>> commas_escaped("NOTE:Lisbon, at the summit\\, 2024\nCATEGORIES:a,b")
    'NOTE:Lisbon\\, at the summit\\, 2024\nCATEGORIES:a,b'
    """
    lines = card.replace("\n ", "").replace("\n\t", "").split("\n")
    return "\n".join(_escaped(line) for line in lines)


def _escaped(line: str) -> str:
    start = _value_start(line)
    name = line[:start].split(";")[0].split(".")[-1].casefold()
    if start < 0 or name in LISTS or "," not in line[start:]:
        return line
    out, at = [line[:start + 1]], start + 1
    while at < len(line):
        if line[at] == "\\":
            out.append(line[at:at + 2])
            at += 2
            continue
        out.append("\\," if line[at] == "," else line[at])
        at += 1
    return "".join(out)


def _value_start(line: str) -> int:
    """Where a content line's value begins: its first ':' outside a quoted parameter."""
    quoted = False
    for at, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return at
    return -1


# Android's numbered types (ContactsContract.CommonDataKinds): a relation's and an event's.
ANDROID_RELATIONS = {"1": "assistant", "2": "brother", "3": "child", "4": "domestic partner",
                     "5": "father", "6": "friend", "7": "manager", "8": "mother", "9": "parent",
                     "10": "partner", "11": "referred by", "12": "relative", "13": "sister",
                     "14": "spouse"}
ANDROID_EVENTS = {"1": "Anniversary", "2": "Date", "3": "birthday"}
ANDROID = "vnd.android.cursor.item/"


@dataclass(frozen=True)
class _Android:
    """What a card's X-ANDROID-CUSTOM lines say, in Tend's terms."""

    nickname: str = ""
    related: tuple[tuple[str, str], ...] = ()
    dates: tuple[LabelledDate, ...] = ()
    birthday: MonthDay | None = None
    not_kept: tuple[str, ...] = ()


def _android(card: Any) -> _Android:
    """Android's nickname, relations and events (kind;value;type number;own label)."""
    nicknames: list[str] = []
    related: list[tuple[str, str]] = []
    dates: list[tuple[str, MonthDay]] = []
    birthdays: list[tuple[str, MonthDay]] = []
    left: list[str] = []
    for item in card.contents.get("x-android-custom", []):
        kind, value, number, label = [*str(item.value).split(";"), "", "", ""][:4]
        kind, value = kind.removeprefix(ANDROID), value.strip()
        if not value:
            continue
        if kind == "nickname":
            nicknames.append(value)
        elif kind == "relation":
            related.append((label.strip() or ANDROID_RELATIONS.get(number, ""), value))
        elif kind == "contact_event" and (when := parse_month_day(value)):
            said = label.strip() or ANDROID_EVENTS.get(number, "Date")
            (birthdays if said == "birthday" else dates).append((said, when))
        else:
            left.append(f"Android {kind.replace('_', ' ')}")
    return _Android(", ".join(nicknames), tuple(related),
                    tuple(LabelledDate(label, *when) for label, when in dates),
                    birthdays[0][1] if birthdays else None, tuple(dict.fromkeys(left)))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _not_kept(card: Any) -> tuple[str, ...]:
    left = [WORDS.get(name, name.upper()) for name, items in card.contents.items()
            if name not in READ and any(str(item.value).strip() for item in items)]
    if any(str(item.value).strip() and not _related_name(str(item.value))
           for item in card.contents.get("related", [])):
        left.append("Related (a link to another card)")
    return tuple(dict.fromkeys(left))


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:80] or type(error).__name__
