"""The agenda's calendar as an .ics file, for any calendar app to remind when Tend is closed.

The events come from ``core.rules.reminders``; this module only writes them, with the
icalendar package (imported inside the function, so the app's start does not pay for it:
the browser loads it the first time a calendar is made). Each event is all-day, carries
its reason and a link back to the person in Tend, and, when the user asks, an alarm at
9:00 on the day. Its UID never changes, and its DTSTAMP and SEQUENCE come from the
latest change behind it, so a file imported again updates the events that changed and
nothing else. The same records give the same file, byte for byte.

The wider network's keep-in-touch days are the exception to one event per reminder: an
imported address book puts hundreds of people on the same day half a year on, and a
calendar with hundreds of events on one day reminds nobody of anything. The cadence rule
spreads such people over their interval, a few a day, but days still meet (and people
long overdue all land on today). So each day's wider-network reminders make one event,
"Keep in touch with 3 people of your wider network": the reason once, then each person in
a few words with the link; its UID is the day's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from core.model import Layer
from core.network import Network
from core.routes import person_route
from core.rules.reminders import Reminder, reminders

# SEQUENCE counts seconds since this moment: it grows with every change, and fits the
# 32-bit number some calendars keep for it until 2068.
SEQUENCE_FROM = datetime(2000, 1, 1, tzinfo=UTC)
ALARM_AT = timedelta(hours=9)  # from the start of an all-day event: 9:00 on the day
PAGE_SCHEMES = ("http", "https", "file")
CALENDAR_NAME = "Tend"


def agenda_calendar(network: Network, today: date, page: str = "",
                    alarms: bool = False) -> str:
    """Every coming reminder as an all-day event.

    ``page`` is the address Tend was opened at (the shell sends it; the core cannot know
    it): each event then links to its person there. ``alarms`` adds a 9:00 alarm.
    """
    from icalendar import Calendar  # lazy: see the module docstring

    ical = Calendar()
    ical.add("prodid", "-//Tend//Networking coach//EN")
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", CALENDAR_NAME)
    base = page_address(page)
    found = reminders(network, today)
    wider: dict[date, list[Reminder]] = {}
    for reminder in found:
        if _is_wider_touch(reminder):
            wider.setdefault(reminder.on, []).append(reminder)
        else:
            ical.add_component(_event(reminder, base, alarms))
    for members in wider.values():
        listed = _listed(members, base) if len(members) > 1 else ""
        ical.add_component(_event(_day_of_wider(members), base, alarms, listed))
    text: str = ical.to_ical().decode()
    return text


def page_address(page: str) -> str:
    """Tend's own address without its ``#/…`` part, or "" for anything that is not one.

    >>> page_address("https://me.github.io/tend/index.html#/data")
    'https://me.github.io/tend/index.html'
    >>> page_address("javascript:alert(1)")
    ''
    """
    parts = urlsplit(page.strip())
    if parts.scheme not in PAGE_SCHEMES or any(c.isspace() for c in page.strip()):
        return ""
    return urlunsplit(parts._replace(fragment=""))


def _is_wider_touch(found: Reminder) -> bool:
    return found.uid.startswith("touch-") and found.contact.layer == Layer.WIDER


def _day_of_wider(members: list[Reminder]) -> Reminder:
    """One reminder standing for a day's wider-network keep-in-touch reminders: named
    after the day, dated by the latest change behind any of them."""
    first = members[0]
    what = (f"keep in touch with {len(members)} people of your wider network"
            if len(members) > 1 else first.what)
    return replace(first, uid=f"touch-wider-{first.on.isoformat()}@tend", what=what,
                   changed=max(m.changed for m in members))


# What a day of wider-network reminders is for, said once above the people it lists.
WIDER_DAY_WHY = ("Their keep-in-touch day has come (P8): a short note, or something worth "
                 "sharing, keeps a loose tie warm.")


def _listed(members: list[Reminder], base: str) -> str:
    """A day's wider-network event: why, once, then each person in a few words, with the
    link to them ("Ben Okafor: added 7 Dec 2026, no contact logged since.")."""
    lines = [WIDER_DAY_WHY]
    for found in members:
        link = f" {base}{person_route(found.contact.id)}" if base else ""
        lines.append(f"{found.contact.name}: {found.brief}.{link}")
    return "\n\n".join(lines)


def _event(found: Reminder, base: str, alarms: bool, listed: str = "") -> Any:
    """One all-day event; ``listed`` is a day's wider-network event's list of people,
    which stands for the usual reason and link (and sets no single person's address)."""
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", found.uid)
    event.add("dtstamp", found.changed)
    event.add("last-modified", found.changed)
    event.add("sequence", sequence_of(found.changed))
    event.add("dtstart", found.on)
    event.add("dtend", found.on + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
    link = f"{base}{person_route(found.contact.id)}" if base and not listed else ""
    if listed:
        event.add("summary", found.what[0].upper() + found.what[1:])
        event.add("description", listed)
    else:
        event.add("summary", found.summary)
        event.add("description", _description(found, link))
    if link:
        event.add("url", link)
    if found.yearly:
        month, day = found.yearly
        rule: dict[str, Any] = {"freq": "yearly"}
        if (month, day) == (2, 29):
            rule.update(bymonth=2, bymonthday=-1)  # the 28th in common years, as Tend does
        event.add("rrule", rule)
    if alarms:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event["summary"])
        alarm.add("trigger", ALARM_AT)
        event.add_component(alarm)
    return event


def _description(found: Reminder, link: str) -> str:
    text = f"{found.reason.text} ({found.reason.principle})"
    return f"{text}\n\nOpen {found.contact.name} in Tend: {link}" if link else text


def sequence_of(changed: datetime) -> int:
    """The event's revision number: whole seconds from 2000 to its latest change.

    >>> sequence_of(datetime(2000, 1, 1, 0, 1, 30, tzinfo=UTC))
    90
    """
    return max(int((changed - SEQUENCE_FROM).total_seconds()), 0)
