"""A calendar file (.ics) from Google, Apple or Outlook, read with icalendar.

Each event that has happened by ``today`` is an occasion on its day: a weekly series is
one occasion per day it took place (its RRULE expanded with dateutil, with the days its
RDATEs add, less its EXDATEs and the occurrences moved or cancelled by a RECURRENCE-ID),
an all-day event is its first day, and a timed one is the day on the event's own clock
(a time in UTC is put on the calendar's clock, X-WR-TIMEZONE, when the file names one,
else on the user's). Cancelled events, people who declined, events the calendar's owner
declined and events still to come are passed over and counted. The organizer is often
the user, and sometimes the person who invited them: the organizer and the attendees
are the people met, less the calendar's owner (Google names the calendar by the owner's
e-mail); a timed event with nobody on it counts the person its title names in full
("Coffee with Ana Ruiz").

icalendar (and dateutil, tzdata) are loaded lazily: imported only when a calendar is
read, so the app's start does not pay for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from core.formats import LIMIT_OCCASIONS, History, Occasion, UnreadableFile
from core.model import InteractionKind
from core.rules.wording import plural

MAX_PER_SERIES = 5_000  # occurrences expanded per recurring event, ten years of weekdays


# The properties Tend reads (time zones' own included); a calendar's other lines
# (descriptions, stamps, alarms' texts, vendors' X- lines) are most of its parsing time.
READ = frozenset({"BEGIN", "END", "UID", "DTSTART", "RRULE", "RDATE", "EXDATE",
                  "RECURRENCE-ID", "STATUS", "ATTENDEE", "ORGANIZER", "SUMMARY", "TZID",
                  "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "X-WR-TIMEZONE", "X-WR-CALNAME",
                  "VERSION", "PRODID"})


def essentials(text: str) -> str:
    r"""The calendar's lines Tend reads, unfolded (RFC 5545: a line break followed by a
    space or tab continues the line), so icalendar parses only those.

    >>> essentials("SUMMARY:Tea with\r\n  Ana\r\nDESCRIPTION:long\r\n  text\r\n")
    'SUMMARY:Tea with Ana\r\n'
    """
    unfolded = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n ", "").replace(
        "\n\t", "")
    kept = [_slim(line) for line in unfolded.split("\n")
            if line[:_name_end(line)].upper() in READ]
    return "\r\n".join(kept) + "\r\n"


PEOPLE = ("ATTENDEE", "ORGANIZER")
PARAMETER = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')


def _slim(line: str) -> str:
    """An attendee or organizer with only the parameters Tend reads (the name and the
    answer), for the same reason; a line not understood is kept whole.

    >>> _slim('ATTENDEE;ROLE=REQ-PARTICIPANT;CN="Ruiz, Ana";RSVP=TRUE:mailto:a@b.org')
    'ATTENDEE;CN="Ruiz, Ana":mailto:a@b.org'
    """
    end = _name_end(line)
    if line[:end].upper() not in PEOPLE:
        return line
    kept, at = [], end
    while (found := PARAMETER.match(line, at)) is not None:
        if found.group(1).upper() in ("CN", "PARTSTAT"):
            kept.append(found.group(0))
        at = found.end()
    return line[:end] + "".join(kept) + line[at:] if line[at:at + 1] == ":" else line


def _name_end(line: str) -> int:
    """Where a content line's name ends: at its first ';' or ':'."""
    ends = [n for n in (line.find(";"), line.find(":")) if n >= 0]
    return min(ends) if ends else len(line)


def is_calendar(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:15].upper() == "BEGIN:VCALENDAR"


@dataclass(frozen=True)
class _Calendar:
    """What the whole file says about each event: whose calendar it is (Google names it
    by the owner's e-mail), its clock, and the occurrences of a series moved elsewhere."""

    owner: str
    clock: tzinfo | None
    moved: frozenset[tuple[str, date | None]]


@dataclass
class _Count:
    """What was passed over, said once each in the preview."""

    cancelled: int = 0
    to_come: int = 0
    declined: int = 0
    not_going: int = 0
    problems: list[str] = field(default_factory=list)


def read_calendar(text: str, today: date, utc_offset: timedelta = timedelta(0)) -> History:
    """The occasions in a calendar file up to ``today``; a broken event is reported by its
    place and the others still count. A time in UTC falls on the calendar's own day when
    it names its clock, else on the user's (``utc_offset`` east of UTC, from the shell)."""
    import icalendar  # lazy: see the module docstring

    try:
        calendar = icalendar.Calendar.from_ical(essentials(text))
    except (ValueError, KeyError, IndexError) as error:
        raise UnreadableFile(f"this calendar file cannot be read ({_short(error)})") from None
    events = list(calendar.walk("VEVENT"))
    if not events:
        raise UnreadableFile("this calendar file has no events")
    clock = _zone(str(calendar.get("X-WR-TIMEZONE", ""))) or timezone(utc_offset)
    count = _Count()
    whole = _Calendar(_address(calendar.get("X-WR-CALNAME", "")), clock, frozenset(
        (str(e.get("UID", "")), _day(e.get("RECURRENCE-ID"), clock))
        for e in events if e.get("RECURRENCE-ID") is not None))
    occasions: dict[str, Occasion] = {}
    for number, event in enumerate(events, start=1):
        try:
            for occasion in _occasions(event, today, whole, count):
                occasions.setdefault(occasion.key, occasion)
        except (ValueError, TypeError, AttributeError, OverflowError) as error:
            count.problems.append(f"event {number} ({_summary(event)[:60]}): left out, "
                                  f"because {_short(error)}")
        if len(occasions) > LIMIT_OCCASIONS:
            raise UnreadableFile(f"this calendar has more than {LIMIT_OCCASIONS:,} "
                                 "occasions; export a shorter span")
    return History("calendar", InteractionKind.MEETING, tuple(occasions.values()),
                   tuple(count.problems), _skipped(count), keeps_titles=True)


def _occasions(event: Any, today: date, whole: _Calendar,
               count: _Count) -> Iterator[Occasion]:
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        count.cancelled += 1
        return
    if whole.owner and _answer(event, whole.owner) == "DECLINED":
        count.not_going += 1
        return
    uid = str(event.get("UID", "")) or f"{_summary(event)}|{event.get('DTSTART')}"
    start = event.get("DTSTART")
    if start is None:
        raise ValueError("it has no start")
    try:
        moment = start.dt
    except (ValueError, TypeError, AttributeError):  # icalendar keeps a broken value
        raise ValueError("its start is not a date and time Tend can read") from None
    days = _days(event, moment, today, whole.clock)
    if event.get("RECURRENCE-ID") is None:
        days = [d for d in days if (uid, d) not in whole.moved]
    emails, names, declined = _attendees(event, whole.owner)
    count.declined += declined
    past = [d for d in days if d <= today]
    if not past and days:
        count.to_come += 1
    title = _summary(event)
    # A name in the title of an all-day event is most often a birthday or a trip, not a
    # meeting; only a timed one ("Coffee with Ana Ruiz", 8:00) counts.
    timed = isinstance(moment, datetime)
    for day in past:
        yield Occasion(f"{uid}|{day.isoformat()}", day, emails, names, (), title,
                       named_in_title=timed and not (emails or names or declined))


def _days(event: Any, start: date | datetime, today: date, clock: tzinfo | None) -> list[date]:
    """Each day the event takes place, up to ``today`` (and the first one after, so a
    series still to come is told from one that is over): its start, the days its RRULE
    repeats it on and those its RDATEs add (Apple and Outlook write an irregular series
    as a list of dates), less its EXDATEs."""
    first = _on_clock(start, clock)
    rule = event.get("RRULE")
    added = _rdates(event, clock)
    skipped = {_on_clock(d, clock) for d in _exdates(event)}
    if rule is None and not added and not skipped:
        return [first]
    ruled = _series(rule, start, today, clock) if rule is not None else [first]
    days = sorted((set(ruled) | set(added)) - skipped)
    past = [day for day in days if day <= today][:MAX_PER_SERIES]
    return past + [day for day in days if day > today][:1]


def _series(rule: Any, start: date | datetime, today: date, clock: tzinfo | None) -> list[date]:
    """The days an RRULE repeats the event on, up to ``today`` and the first one after."""
    from dateutil.rrule import rrulestr  # lazy, with icalendar

    begin = start if isinstance(start, datetime) else datetime.combine(start, time())
    text = rule.to_ical().decode()
    parts = [p for p in text.split(";") if not p.upper().startswith("UNTIL=")]
    try:
        series = rrulestr(";".join(parts), dtstart=begin)
    except (ValueError, TypeError):
        raise ValueError(f"its repeat rule ({text[:60]}) is not one Tend can read") from None
    until = _until(rule.get("UNTIL"), begin)
    if until is not None:
        series = series.replace(until=until)
    days: list[date] = []
    for n, moment in enumerate(series):
        day = _on_clock(moment, clock)
        if n >= MAX_PER_SERIES or day > today:
            if day > today:
                days.append(day)
            break
        if not days or days[-1] != day:
            days.append(day)
    return days


def _rdates(event: Any, clock: tzinfo | None) -> list[date]:
    """The days an RDATE adds: a date, a date and time, or a period (its start)."""
    days: list[date] = []
    for group in _listed(event.get("RDATE")):
        for value in getattr(group, "dts", [])[:MAX_PER_SERIES]:
            moment = value.dt[0] if isinstance(value.dt, tuple) else value.dt
            days.append(_on_clock(moment, clock))
    return days


def _until(values: list[Any] | None, begin: datetime) -> datetime | None:
    """A series' end on the start's own terms: dateutil wants both aware or both naive."""
    if not values:
        return None
    until = values[0]
    if not isinstance(until, datetime):
        until = datetime.combine(until, time(23, 59, 59))
    if begin.tzinfo is None:
        return until.replace(tzinfo=None)
    return until if until.tzinfo else until.replace(tzinfo=begin.tzinfo)


def _exdates(event: Any) -> Iterator[date | datetime]:
    for group in _listed(event.get("EXDATE")):
        for value in getattr(group, "dts", []):
            yield value.dt


def _attendees(event: Any, owner: str) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """Everyone on the invitation, the organizer included (someone else may have sent
    it), less the calendar's owner and those who declined (counted). A calendar that does
    not say whose it is counts its owner too, harmlessly: nobody is in their own Tend."""
    emails: list[str] = []
    names: list[str] = []
    declined = 0
    for person in [*_listed(event.get("ORGANIZER")), *_listed(event.get("ATTENDEE"))]:
        params = getattr(person, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            declined += 1
            continue
        address = _address(person)
        if owner and address == owner:
            continue
        if address:
            emails.append(address)
        if (name := str(params.get("CN", "")).strip().strip('"')) and "@" not in name:
            names.append(name)
    return tuple(dict.fromkeys(emails)), tuple(dict.fromkeys(names)), declined


def _answer(event: Any, owner: str) -> str:
    """How the calendar's owner answered the invitation, if they are on it."""
    return next((str(getattr(a, "params", {}).get("PARTSTAT", "")).upper()
                 for a in _listed(event.get("ATTENDEE")) if _address(a) == owner), "")


def _listed(found: Any) -> list[Any]:
    return found if isinstance(found, list) else [found] if found is not None else []


def _address(value: Any) -> str:
    """"mailto:Ana@Example.org" → "ana@example.org"; a bare CN-only attendee gives ""."""
    text = str(value).strip()
    address = text[7:] if text[:7].casefold() == "mailto:" else text
    return address.casefold() if "@" in address else ""


def _on_clock(moment: date | datetime, clock: tzinfo | None) -> date:
    """The day an event happened: a floating or zoned time on its own clock, a time in UTC
    on the calendar's clock when it names one."""
    if not isinstance(moment, datetime):
        return moment
    if moment.tzinfo is not None and clock is not None and moment.utcoffset() == timedelta(0):
        return moment.astimezone(clock).date()
    return moment.date()


def _day(value: Any, clock: tzinfo | None) -> date | None:
    return _on_clock(value.dt, clock) if value is not None else None


def _zone(name: str) -> tzinfo | None:
    """The calendar's own clock, if it names one this machine knows."""
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # tzdata ships with icalendar

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _summary(event: Any) -> str:
    return " ".join(str(event.get("SUMMARY", "")).split())


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def _skipped(count: _Count) -> tuple[str, ...]:
    said = [f"{n} {what}" for n, what in (
        (count.cancelled, f"cancelled {plural(count.cancelled, 'event')}"),
        (count.to_come, f"{plural(count.to_come, 'event')} still to come"),
        (count.declined, f"{plural(count.declined, 'invitation')} the other person declined"),
        (count.not_going, f"{plural(count.not_going, 'event')} you declined"))
        if n]
    return tuple(said)

