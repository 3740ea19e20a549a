"""Writing the network out for other apps: vCards of the people, an ICS calendar.

The calendar holds what Tend would remind you of: every recurring date (yearly) and the
next step of every active plan. Both are written with vobject, loaded lazily like the
vCard reader, and both are deterministic for the same records and time.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from core.model import Contact, DateKind
from core.network import Network
from core.rules.dates import KIND_WORDS, next_occurrence


def vcards(network: Network) -> str:
    """Every person kept in Tend as vCard 3.0, with what Tend knows of them."""
    import vobject  # lazy: loaded only when exporting

    cards = []
    for contact in network.people:
        card = vobject.vCard()
        card.add("fn").value = contact.name
        given, _, family = contact.name.rpartition(" ") if " " in contact.name else ("", "", "")
        card.add("n").value = vobject.vcard.Name(family=family or contact.name, given=given)
        for email in contact.emails:
            card.add("email").value = email
        for phone in contact.phones:
            card.add("tel").value = phone
        if contact.work:
            card.add("title").value = contact.work
        if contact.group:
            card.add("categories").value = [contact.group]
        if contact.how_met:
            card.add("note").value = f"How we met: {contact.how_met}"
        birthday = _birthday(network, contact)
        if birthday:
            card.add("bday").value = birthday
        card.add("uid").value = f"{contact.id}@tend"
        cards.append(card.serialize())
    return "".join(cards)


def _birthday(network: Network, contact: Contact) -> str:
    for important in network.dates_of(contact.id):
        if important.kind is DateKind.BIRTHDAY:
            year = f"{important.year:04d}" if important.year else "-"
            return f"{year}-{important.month:02d}-{important.day:02d}"
    return ""


def calendar(network: Network, today: date, now: datetime) -> str:
    """Yearly dates and planned next steps as all-day events, each with a stable UID."""
    import vobject  # lazy: loaded only when exporting
    from dateutil import tz

    stamp = now.astimezone(tz.UTC)
    ical = vobject.iCalendar()
    ical.add("prodid").value = "-//Tend//Networking coach//EN"
    ical.add("x-wr-calname").value = "Tend"
    for contact in network.people:
        for important in network.dates_of(contact.id):
            on = next_occurrence(important, today)
            if on is None:
                continue
            what = important.label or KIND_WORDS[important.kind]
            event = _event(ical, f"{important.id}@tend", f"{contact.name}: {what}", on, stamp)
            if important.kind.recurs:
                event.add("rrule").value = "FREQ=YEARLY"
        plan = network.plans.get(contact.id)
        if plan and plan.active and plan.next_step and plan.next_on:
            _event(ical, f"plan-{plan.id}@tend", f"{contact.name}: {plan.next_step}",
                   plan.next_on, stamp)
    text: str = ical.serialize()
    return text


def _event(ical: Any, uid: str, summary: str, on: date, stamp: datetime) -> Any:
    event = ical.add("vevent")
    event.add("uid").value = uid
    event.add("summary").value = summary
    event.add("dtstart").value = on
    event.add("dtstamp").value = stamp
    return event
