"""LinkedIn's messages.csv (from "Get a copy of your data"), read with the csv module.

Each conversation is an occasion on every day a message went either way, naming its
people by profile address (a Connections.csv import keeps each one) and by name. The
words of the messages are never kept, nor their subjects: only that the user and the
person were in touch on that day. Drafts (never sent) and spam are passed over.

LinkedIn dates its messages in UTC; the day of each is the user's own day, on the clock
the shell gives (``utc_offset``): a message sent at 23:30 in New York is written as the
next day in UTC, and belongs to the day it was written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from core.formats import (
    LIMIT_OCCASIONS,
    History,
    Occasion,
    UnreadableFile,
    linkedin_profile,
)
from core.model import InteractionKind

COLUMNS = {"CONVERSATION ID", "FROM", "TO", "DATE"}
PASSED_OVER = {"DRAFT", "DRAFTS", "SPAM"}
NOTE = "Wrote on LinkedIn"


def is_messages(text: str) -> bool:
    """The header of LinkedIn's messages export, whatever order its columns come in."""
    first = next(iter(text.lstrip("\ufeff").splitlines()), "")
    try:
        header = next(csv.reader([first]), [])
    except csv.Error:  # not a CSV line at all: a binary file, say
        return False
    return {cell.strip().upper() for cell in header} >= COLUMNS


def _rows(reader: Any) -> Iterator[list[str]]:
    """The file's rows; a line that is no CSV at all (a stray carriage return or NUL
    outside quotes: a damaged or binary file) refuses the file, naming the line."""
    try:
        yield from reader
    except csv.Error:
        raise UnreadableFile(f"line {reader.line_num} of this file is not CSV that Tend can "
                             "read (it may be damaged, or not LinkedIn's messages.csv)") from None


def read_messages(text: str, utc_offset: timedelta = timedelta(0)) -> History:
    """One occasion per conversation and day, the user's day (``utc_offset`` east of UTC);
    a row without a date Tend can read is reported by its line and the others still
    count."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().upper() for name in next(reader, [])]
    if not set(header) >= COLUMNS:
        raise UnreadableFile("this CSV is not LinkedIn's messages export (no CONVERSATION "
                             "ID, FROM, TO and DATE columns)")
    occasions: dict[str, Occasion] = {}
    problems: list[str] = []
    passed_over = 0
    ended = reader.line_num
    for values in _rows(reader):
        line, ended = ended + 1, reader.line_num
        if not any(value.strip() for value in values):
            continue
        row = {name: value.strip() for name, value in zip(header, values, strict=False)}
        if row.get("FOLDER", "").upper() in PASSED_OVER:
            passed_over += 1
            continue
        day = _day(row.get("DATE", ""), utc_offset)
        if day is None:
            problems.append(f"line {line}: left out, because its date "
                            f"({row.get('DATE', '')[:30] or 'empty'}) is not one Tend reads")
            continue
        occasion = _occasion(row, day)
        seen = occasions.get(occasion.key)
        occasions[occasion.key] = _joined(seen, occasion) if seen else occasion
        if len(occasions) > LIMIT_OCCASIONS:
            raise UnreadableFile(f"this file has more than {LIMIT_OCCASIONS:,} conversation "
                                 "days; export a shorter span")
    skipped = (f"{passed_over} draft or spam message{'s' if passed_over > 1 else ''}",) \
        if passed_over else ()
    return History("LinkedIn messages", InteractionKind.MESSAGE, tuple(occasions.values()),
                   tuple(problems), skipped, note=NOTE)


def _occasion(row: Mapping[str, str], day: date) -> Occasion:
    """Everyone on the message, sender and recipients: the user is among them, but is
    not a person in their own Tend, so only the others match."""
    conversation = row.get("CONVERSATION ID") or row.get("CONVERSATION TITLE", "")
    names = [row.get("FROM", ""), *row.get("TO", "").split(",")]
    addresses = [row.get("SENDER PROFILE URL", ""),
                 *row.get("RECIPIENT PROFILE URLS", "").replace(",", " ").split()]
    profiles = tuple(p for a in addresses if (p := linkedin_profile(a)))
    return Occasion(f"{conversation}|{day.isoformat()}", day,
                    names=tuple(n.strip() for n in names if n.strip()), profiles=profiles)


def _joined(one: Occasion, other: Occasion) -> Occasion:
    """A conversation's day: the people of all its messages that day, each once."""
    return Occasion(one.key, one.on, names=tuple(dict.fromkeys((*one.names, *other.names))),
                    profiles=tuple(dict.fromkeys((*one.profiles, *other.profiles))))


MOMENTS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p")
DAYS = ("%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y")


def _day(text: str, utc_offset: timedelta) -> date | None:
    """The user's day of a message LinkedIn dated in UTC: "2024-03-12 14:05:33 UTC" (older
    exports "3/12/24, 2:05 PM"); a date without a time Tend reads is taken as it is.

    >>> _day("2024-03-12 23:30:00 UTC", timedelta(hours=2)), _day("3/12/24", timedelta(0))
    (datetime.date(2024, 3, 13), datetime.date(2024, 3, 12))
    """
    words = text.strip().removesuffix("UTC").strip()
    for pattern in MOMENTS:
        try:
            return (datetime.strptime(words, pattern) + utc_offset).date()
        except ValueError:
            continue
    first = words.split(" ")[0].rstrip(",")
    for pattern in DAYS:
        try:
            return datetime.strptime(first, pattern).date()
        except ValueError:
            continue
    return None
