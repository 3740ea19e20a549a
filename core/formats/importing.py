"""Importing people: read a file, preview it against the network, then commit choices.

Every person found is matched against the people already here (same email, same phone,
or the same name once case, accents and word order are set aside: the keys that find
duplicates, ``core.rules.duplicates``) and the user chooses
per row: add, merge into the match, or skip. Rows that could not be read, and rows Tend
cannot take (a field longer than Tend keeps), are listed with their place and the reason
and never imported; every other row still is. The commit is one all-or-nothing write,
and it never writes over a record that is already stored: ids come from the caller, and
an id that is taken is refused (``IdTaken``), so an import can only add or merge.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from core.formats import Candidate, LabelledDate, Parsed, UnreadableFile, related_entry
from core.formats.contacts_csv import read_contacts_csv
from core.formats.vcard import read_vcards
from core.model import Contact, DateKind, ImportantDate, Layer, Record
from core.network import NEVER, Network
from core.rules.duplicates import IdentityKey, identity_keys, known_by
from core.rules.merging import union_of
from core.rules.names import name_key
from core.storage.codec import UnstorableRecord, key_for, unstorable_notice

LIMIT_ROWS = 10_000
# "Exchange contacts selectively" (P1, P3): a file of a few dozen people is someone's
# own list, worth taking whole; above that it is an address book or a LinkedIn export,
# where most names are not ties. There nobody is preselected: the user picks the people
# who matter (or chooses everyone, knowingly).
PRESELECT_UP_TO = 25
FIELD_WORDS = {"name": "the name", "emails": "an e-mail", "phones": "a phone number",
               "websites": "a web address", "addresses": "an address", "notes": "the notes",
               "title": "the title", "company": "the company", "department": "the department",
               "related": "a related name", "groups": "a label", "nickname": "the nickname"}


class IdTaken(ValueError):
    """An import was about to write a record under a key already stored; nothing is written."""


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
    known_dates: tuple[ImportantDate, ...] = ()  # the match's dates, so none is added twice
    introducer: Contact | None = None  # the person here the file says introduced them

    @property
    def suggested(self) -> str:
        return "merge" if self.match else "add"


@dataclass(frozen=True)
class Preview:
    source: str
    rows: tuple[Row, ...]
    problems: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    not_kept: tuple[tuple[str, int], ...] = ()  # what no field takes, and for how many people

    @property
    def preselected(self) -> bool:
        """Small files come with each row's suggestion chosen; large ones with nobody."""
        return len(self.rows) <= PRESELECT_UP_TO


def preview(parsed: Parsed, network: Network) -> Preview:
    """Each candidate Tend can take, with its likely match among the people already here;
    the others as problems saying why."""
    people = network.contacts.values()
    holders = known_by(people)
    by_any_name = {key: c for c in people for key in _keys(c)}
    rows: list[Row] = []
    problems = list(parsed.problems)
    not_kept: dict[str, int] = {}
    for candidate in parsed.candidates[:LIMIT_ROWS]:
        taken, refusals = _checked(candidate)
        problems += refusals
        if taken is None:
            continue
        for what in taken.not_kept:
            not_kept[what] = not_kept.get(what, 0) + 1
        match, because = _match(taken, holders)
        known = tuple(network.dates_of(match.id)) if match else ()
        introducer = by_any_name.get(name_key(taken.introduced_by)) if taken.introduced_by \
            else None
        rows.append(Row(len(rows) + 1, taken, match, because, known, introducer))
    if len(parsed.candidates) > LIMIT_ROWS:
        problems.append(f"only the first {LIMIT_ROWS:,} people are shown; import the rest next")
    return Preview(parsed.source, tuple(rows), tuple(problems), parsed.skipped,
                   tuple(not_kept.items()))


def _checked(candidate: Candidate) -> tuple[Candidate | None, list[str]]:
    """The candidate as Tend can store them, or None and why not; a date Tend cannot keep
    is left out alone, with a word."""
    who = f"{candidate.place} ({candidate.name[:60]})" if candidate.place else candidate.name
    try:
        _contact(replace(candidate, introduced_by=""), "preview", date(2000, 1, 1), NEVER)
    except ValidationError as error:
        return None, [f"{who}: not imported, because {_reason(error)}"]
    said = []
    dates = []
    for labelled in _all_dates(candidate):
        try:
            _date(labelled, "preview", "preview", NEVER)
            dates.append(labelled)
        except ValidationError as error:
            said.append(f"{who}: the date {labelled.label.lower()} was left out, because "
                        f"{_reason(error)}")
    if len(dates) == len(_all_dates(candidate)):
        return candidate, said
    birthday = next((d for d in dates if d.label == BIRTHDAY), None)
    return replace(candidate, birthday=(birthday.month, birthday.day, birthday.year)
                   if birthday else None, dates=tuple(d for d in dates if d.label != BIRTHDAY)
                   ), said


def _reason(error: ValidationError) -> str:
    problem = error.errors()[0]
    where = FIELD_WORDS.get(str(problem["loc"][0]), str(problem["loc"][0])) if problem[
        "loc"] else "a value"
    limit = (problem.get("ctx") or {}).get("max_length")
    if problem["type"] == "string_too_long" and limit:
        return f"{where} is longer than the {limit:,} characters Tend keeps"
    if problem["type"] == "string_too_short":
        return f"{where} is empty"
    return f"{where} is not one Tend can keep ({problem['msg'].lower()})"


def what_it_keeps(candidate: Candidate) -> list[str]:
    """The preview's short list of what arrives with a person: "2 e-mails, birthday, notes"."""
    counted = [(len(candidate.emails), "e-mail"), (len(candidate.phones), "phone"),
               (len(candidate.websites), "web address"), (len(candidate.addresses), "address"),
               (len(candidate.dates), "date"), (len(candidate.related), "related name"),
               (len(candidate.groups), "group")]
    said = [f"{n} {what}{'es' if what.endswith('ss') else 's'}" if n > 1 else what
            for n, what in counted if n]
    said += [what for present, what in ((candidate.birthday, "birthday"),
                                        (candidate.notes, "notes"),
                                        (candidate.known_since, "known since"),
                                        (candidate.introduced_by, "introduced by"))
             if present]
    return said


def _match(candidate: Candidate, known: Mapping[str, list[tuple[Contact, IdentityKey]]]
           ) -> tuple[Contact | None, str]:
    """The person here the row seems to be, by the rule that finds duplicates."""
    for identity in identity_keys(candidate):
        if identity.key in known:
            return known[identity.key][0][0], identity.reason
    return None, ""


def choices_from(fields: Mapping[str, str]) -> dict[int, str]:
    """The user's choice per row, from form fields named choice-<row number>."""
    chosen = {}
    for name, value in fields.items():
        number = name.removeprefix("choice-")
        if number.isdigit() and value in ("add", "merge", "skip"):
            chosen[int(number)] = value
    return chosen


def commit(rows: tuple[Row, ...], choices: Mapping[int, str], new_id: str, today: date,
           now: datetime, stored: Collection[str] = (), everyone: bool = False) -> list[Record]:
    """The records for the user's choices: new people, merged details, their dates.

    A row the user made no choice for takes its suggestion in a small file (or when the
    user chose everyone) and is skipped in a large one (``PRESELECT_UP_TO``). ``new_id``
    must be fresh for this import (the shells make it random); ``stored`` are the keys
    already stored, and a new record under one of them raises ``IdTaken``. A merge that
    could not be stored raises ``UnstorableRecord`` (the preview refuses such rows first).
    """
    take_suggestions = everyone or len(rows) <= PRESELECT_UP_TO
    chosen = [(row, choices.get(row.number, row.suggested if take_suggestions else "skip"))
              for row in rows]
    chosen = [(row, "add" if choice == "merge" and row.match is None else choice)
              for row, choice in chosen if choice != "skip"]
    ids = {row.number: row.match.id if choice == "merge" and row.match else
           f"{new_id}-{row.number}" for row, choice in chosen}
    introducers = {key: ids[row.number] for row, _ in chosen for key in _keys(row.candidate)}
    introducers.update({key: row.match.id for row, _ in chosen if row.match
                        for key in _keys(row.match)})
    records: list[Record] = []
    for row, choice in chosen:
        candidate = _introduced(row, introducers, ids[row.number])
        if choice == "merge" and row.match is not None:
            records.append(_merged(row.match, candidate, now))
        else:
            records.append(_contact(candidate, ids[row.number], today, now))
        known = {(d.kind, d.label.casefold(), d.month, d.day) for d in row.known_dates}
        for n, labelled in enumerate(_all_dates(row.candidate), start=1):
            important = _date(labelled, f"{new_id}-{row.number}-d{n}", ids[row.number], now)
            if (important.kind, important.label.casefold(), important.month,
                    important.day) not in known:
                records.append(important)
    merged = {row.match.id for row, choice in chosen if choice == "merge" and row.match}
    taken = [key for record in records if (key := key_for(record)) in stored
             and not (isinstance(record, Contact) and record.id in merged)]
    if taken:
        raise IdTaken(f"this import would write over {len(taken)} record(s) already stored "
                      f"(the first is {taken[0]}); nothing was written")
    return records


def _keys(who: Candidate | Contact) -> set[str]:
    """The ways a file may name someone: in full, or by the name without its title."""
    return {name_key(who.name), name_key(f"{who.given_name} {who.family_name}"),
            name_key(f"{who.given_name} {who.additional_names} {who.family_name}")} - {""}


def _introduced(row: Row, introducers: Mapping[str, str], own_id: str) -> Candidate:
    """The file's "introduced by" name as the person it names, when they are in the file or
    here; otherwise it is kept as a related name, so it is not lost."""
    candidate = row.candidate
    if not candidate.introduced_by:
        return candidate
    found = introducers.get(name_key(candidate.introduced_by)) or (
        row.introducer.id if row.introducer else None)
    if found and found != own_id:
        return replace(candidate, introduced_by=found)
    return replace(candidate, introduced_by="", related=(
        *candidate.related, related_entry("introduced by", candidate.introduced_by)))


BIRTHDAY = "\0birthday"  # the label that stands for the birthday among a row's dates


def _all_dates(candidate: Candidate) -> list[LabelledDate]:
    birthday = [LabelledDate(BIRTHDAY, *candidate.birthday)] if candidate.birthday else []
    return birthday + list(candidate.dates)


def _date(labelled: LabelledDate, record_id: str, contact_id: str,
          now: datetime) -> ImportantDate:
    is_birthday = labelled.label == BIRTHDAY
    return ImportantDate.model_validate({
        "id": record_id, "contact_id": contact_id, "updated_at": now,
        "kind": DateKind.BIRTHDAY if is_birthday else DateKind.CUSTOM,
        "label": "" if is_birthday else labelled.label, "month": labelled.month,
        "day": labelled.day, "year": labelled.year})


def _contact(candidate: Candidate, record_id: str, today: date, now: datetime) -> Contact:
    fields: dict[str, Any] = candidate.contact_fields()
    if candidate.introduced_by:
        fields["introduced_by"] = candidate.introduced_by
    return Contact.model_validate({**fields, "id": record_id, "layer": Layer.WIDER,
                                   "weak_tie": True, "added_on": today, "updated_at": now})


def _merged(contact: Contact, candidate: Candidate, now: datetime) -> Contact:
    """Add what the file knows and the contact lacks; never overwrite what the user wrote.
    The result is validated like any new record."""
    mine: dict[str, Any] = contact.model_dump()
    theirs = candidate.contact_fields()
    for name, value in theirs.items():
        if isinstance(value, tuple):
            mine[name] = union_of(name, mine[name], value)
        elif not mine[name]:
            mine[name] = value
    if candidate.known_since and contact.known_since:
        mine["known_since"] = min(candidate.known_since, contact.known_since)
    if candidate.introduced_by and not contact.introduced_by:
        mine["introduced_by"] = candidate.introduced_by
    try:
        return Contact.model_validate({**mine, "updated_at": now})
    except ValidationError as error:  # named as a save would name it; nothing is written
        raise UnstorableRecord(unstorable_notice(contact, error)) from None
