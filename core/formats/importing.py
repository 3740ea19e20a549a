"""Importing people: read a file, preview it against the network, then commit choices.

Every person found is matched against the people already here (same email, same phone,
or the same name) and the user chooses per row: add, merge into the match, or skip.
Rows that could not be read are listed with their line or card number and never
imported. The commit is one all-or-nothing write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from core.formats import Candidate, Parsed, UnreadableFile
from core.formats.contacts_csv import read_contacts_csv
from core.formats.vcard import read_vcards
from core.model import Contact, DateKind, ImportantDate, Layer, Record
from core.network import Network

LIMIT_ROWS = 10_000
# "Exchange contacts selectively" (P1, P3): a file of a few dozen people is someone's
# own list, worth taking whole; above that it is an address book or a LinkedIn export,
# where most names are not ties. There nobody is preselected: the user picks the people
# who matter (or chooses everyone, knowingly).
PRESELECT_UP_TO = 25


def read_file(text: str) -> Parsed:
    """Recognise the file by its content: vCard or one of the CSV exports.

    A vCard file starts with BEGIN:VCARD (a CSV cell that mentions it does not make the
    file a vCard), and a file that is not text at all is told so, not that its header
    row is unknown.
    """
    if not text.strip():
        raise UnreadableFile("the file is empty")
    if _is_binary(text[:4096]):
        raise UnreadableFile("this file is not text (a picture, an archive or a spreadsheet, "
                             "perhaps), so it is neither a vCard nor a CSV file")
    if text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD":
        return read_vcards(text)
    return read_contacts_csv(text)


def _is_binary(start: str) -> bool:
    """Text never holds NUL, and rarely control characters or undecodable bytes (which
    the browser reads as U+FFFD): more than one in ten means the file is not text."""
    odd = sum(ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f") for ch in start)
    return "\x00" in start or odd * 10 > len(start)


@dataclass(frozen=True)
class Row:
    """One person from the file, and who they seem to be already, if anyone."""

    number: int
    candidate: Candidate
    match: Contact | None = None
    because: str = ""

    @property
    def suggested(self) -> str:
        return "merge" if self.match else "add"


@dataclass(frozen=True)
class Preview:
    source: str
    rows: tuple[Row, ...]
    problems: tuple[str, ...]

    @property
    def preselected(self) -> bool:
        """Small files come with each row's suggestion chosen; large ones with nobody."""
        return len(self.rows) <= PRESELECT_UP_TO


def preview(parsed: Parsed, network: Network) -> Preview:
    """Each candidate with its likely match among the people already here."""
    by_email = {e.casefold(): c for c in network.contacts.values() for e in c.emails}
    by_phone = {_digits(p): c for c in network.contacts.values() for p in c.phones if _digits(p)}
    by_name = {c.name.casefold(): c for c in network.contacts.values()}
    rows = []
    for number, candidate in enumerate(parsed.candidates[:LIMIT_ROWS], start=1):
        match, because = _match(candidate, by_email, by_phone, by_name)
        rows.append(Row(number, candidate, match, because))
    problems = parsed.problems
    if len(parsed.candidates) > LIMIT_ROWS:
        problems += (f"only the first {LIMIT_ROWS:,} people are shown; import the rest next",)
    return Preview(parsed.source, tuple(rows), problems)


def _match(candidate: Candidate, by_email: Mapping[str, Contact],
           by_phone: Mapping[str, Contact],
           by_name: Mapping[str, Contact]) -> tuple[Contact | None, str]:
    for email in candidate.emails:
        if email.casefold() in by_email:
            return by_email[email.casefold()], f"same email ({email})"
    for phone in candidate.phones:
        if _digits(phone) in by_phone:
            return by_phone[_digits(phone)], f"same phone ({phone})"
    if candidate.name.casefold() in by_name:
        return by_name[candidate.name.casefold()], "same name"
    return None, ""


def _digits(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-9:] if len(digits) >= 7 else ""


def choices_from(fields: Mapping[str, str]) -> dict[int, str]:
    """The user's choice per row, from form fields named choice-<row number>."""
    chosen = {}
    for name, value in fields.items():
        number = name.removeprefix("choice-")
        if number.isdigit() and value in ("add", "merge", "skip"):
            chosen[int(number)] = value
    return chosen


def commit(rows: tuple[Row, ...], choices: Mapping[int, str], new_id: str, today: date,
           now: datetime, everyone: bool = False) -> list[Record]:
    """The records for the user's choices: new people, merged details, birthdays.

    A row the user made no choice for takes its suggestion in a small file (or when the
    user chose everyone) and is skipped in a large one (``PRESELECT_UP_TO``).
    """
    records: list[Record] = []
    take_suggestions = everyone or len(rows) <= PRESELECT_UP_TO
    for row in rows:
        choice = choices.get(row.number, row.suggested if take_suggestions else "skip")
        if choice == "merge" and row.match is not None:
            records.append(_merged(row.match, row.candidate, now))
        elif choice == "add":
            records += _added(row.candidate, f"{new_id}-{row.number}", today, now)
    return records


def _added(candidate: Candidate, record_id: str, today: date, now: datetime) -> list[Record]:
    contact = Contact(id=record_id, name=candidate.name, emails=candidate.emails,
                      phones=candidate.phones, work=candidate.work, how_met=candidate.how_met,
                      group=candidate.group, layer=Layer.WIDER, weak_tie=True,
                      added_on=today, updated_at=now)
    if candidate.birthday is None:
        return [contact]
    month, day, year = candidate.birthday
    birthday = ImportantDate(id=f"{record_id}-bday", contact_id=record_id,
                             kind=DateKind.BIRTHDAY, month=month, day=day, year=year,
                             updated_at=now)
    return [contact, birthday]


def _merged(contact: Contact, candidate: Candidate, now: datetime) -> Contact:
    """Add what the file knows and the contact lacks; never overwrite what the user wrote."""
    return contact.model_copy(update={
        "emails": tuple(dict.fromkeys((*contact.emails, *candidate.emails))),
        "phones": tuple(dict.fromkeys((*contact.phones, *candidate.phones))),
        "work": contact.work or candidate.work,
        "how_met": contact.how_met or candidate.how_met,
        "group": contact.group or candidate.group,
        "updated_at": now,
    })
