"""Reading other apps' files: contacts (vCard, LinkedIn and Google Contacts CSV) and
history (a calendar, LinkedIn's messages).

Each contacts reader turns a file's text into Candidates (people as the file describes
them) and Problems (a line or card that could not be read, said for a person); each
history reader into Occasions (a day with the people the file names). Nothing is stored
here: the import preview decides, with the user, what becomes a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from core.model import InteractionKind

LIMIT_OCCASIONS = 200_000  # a lifetime of calendars; past it a history file is refused
# A date as address books keep it: month, day and, when known, the year.
MonthDay = tuple[int, int, int | None]


@dataclass(frozen=True)
class LabelledDate:
    """A date with the label the file gave it: "Anniversary", 20 June 2015."""

    label: str
    month: int
    day: int
    year: int | None = None


@dataclass(frozen=True)
class Candidate:
    """A person found in an imported file, before the user decides what to do with them.

    The fields up to ``known_since`` are the Contact's own (``contact_fields``); the rest
    become other records or are only shown in the preview.
    """

    name: str
    given_name: str = ""
    family_name: str = ""
    call_them: str = ""
    name_prefix: str = ""
    additional_names: str = ""
    name_suffix: str = ""
    nickname: str = ""
    how_met: str = ""
    title: str = ""
    company: str = ""
    department: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    notes: str = ""
    groups: tuple[str, ...] = ()
    known_since: date | None = None
    birthday: MonthDay | None = None
    dates: tuple[LabelledDate, ...] = ()
    introduced_by: str = ""  # a name, as the file gives it; matched to a person on import
    not_kept: tuple[str, ...] = ()  # what the file says that Tend has no place for
    place: str = ""  # where in the file: "line 4", "card 2"

    @property
    def work(self) -> str:
        return " · ".join(part for part in (self.title, self.company) if part)

    def contact_fields(self) -> dict[str, Any]:
        """What becomes the Contact record's own fields."""
        return {f.name: getattr(self, f.name) for f in fields(self)[:CONTACT_FIELD_COUNT]}


CONTACT_FIELD_COUNT = [f.name for f in fields(Candidate)].index("known_since") + 1


@dataclass(frozen=True)
class Parsed:
    """What a file gave: the people it describes, what could not be read, by place, and
    what was passed over on purpose (notes above a header, blank rows), said once."""

    source: str
    candidates: tuple[Candidate, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Occasion:
    """One day with the people a file names: an event's occurrence, a conversation's day."""

    key: str  # stable within the file: "UID|2026-03-02", "conversation-id|2026-03-02"
    on: date
    emails: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()  # LinkedIn profile addresses, normalised
    title: str = ""  # an event's summary: its note, and where people may be named
    named_in_title: bool = False  # an event without attendees: "Coffee with Ana Ruiz"


@dataclass(frozen=True)
class History:
    """What a history file gave: its occasions, and what was passed over and why."""

    source: str  # "calendar", "LinkedIn messages"
    kind: InteractionKind
    occasions: tuple[Occasion, ...]
    problems: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    note: str = ""  # the note each interaction gets when the file gives none
    keeps_titles: bool = False  # an event's title becomes its interaction's note


class UnreadableFile(ValueError):
    """The file as a whole is not one Tend can read; the message says why."""


def split_related(text: str) -> tuple[str, str]:
    """A related entry's label and name: "spouse: Maria Lima" → ("spouse", "Maria Lima")."""
    label, separator, name = text.partition(": ")
    return (label, name) if separator else ("", text)


def related_entry(label: str, name: str) -> str:
    """The stored form of a related name, the inverse of ``split_related``."""
    return f"{label}: {name}" if label else name


INTRODUCED_BY = ("introduced by", "introduced me", "introducer", "referred by", "referrer")


def says_introduced(label: str) -> bool:
    """A relation label that means this person was introduced by the one named."""
    words = " ".join(label.casefold().replace("_", " ").replace("-", " ").split())
    return words in INTRODUCED_BY or words.replace(" ", "") in {
        phrase.replace(" ", "") for phrase in INTRODUCED_BY}


def parse_month_day(text: str) -> MonthDay | None:
    """A date as address books write it: 1990-04-12, 19900412, --0412 or --04-12 (no
    year, as vCard 4 and Google write it).

    >>> parse_month_day("1991-12-24"), parse_month_day("--09-30"), parse_month_day("soon")
    ((12, 24, 1991), (9, 30, None), None)
    """
    digits = text.strip().split("T")[0].replace("-", "")
    if len(digits) == 8 and digits.isdigit():
        year: int | None = int(digits[:4])
        month, day = int(digits[4:6]), int(digits[6:8])
    elif len(digits) == 4 and digits.isdigit():
        year, month, day = None, int(digits[:2]), int(digits[2:])
    else:
        return None
    return (month, day, year) if 1 <= month <= 12 and 1 <= day <= 31 else None


def apple_label(text: str) -> str:
    """Apple's built-in labels are written ``_$!<Anniversary>!$_``; the word inside is the
    label. Other labels are the user's own words."""
    text = text.strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return text[4:-4]
    return text


def linkedin_profile(address: str) -> str:
    """A LinkedIn profile address reduced to its name: "https://www.linkedin.com/in/ana-r/"
    and "linkedin.com/in/Ana-R?trk=x" are both "ana-r"; anything else is ""."""
    text = address.strip().casefold().split("?")[0].split("#")[0].rstrip("/")
    marker = "linkedin.com/in/"
    if marker not in text:
        return ""
    return text.split(marker, 1)[1].split("/")[0]
