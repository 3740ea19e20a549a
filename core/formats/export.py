"""Writing the network out for other apps: vCards of the people.

They are written with vobject, loaded lazily like the vCard reader, and the same records
give the same cards. The calendar is ``core.formats.agenda_calendar``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.formats import split_related
from core.model import Contact, DateKind, ImportantDate
from core.network import Network
from core.rules.dates import KIND_WORDS


def vcards(network: Network) -> str:
    """Every person kept in Tend as vCard 3.0, with what Tend knows of them, written so
    that Tend's own import gives back the same people (see ``core.formats.vcard``)."""
    import vobject  # lazy: loaded only when exporting

    cards = []
    for contact in network.people:
        card = vobject.vCard()
        card.add("fn").value = contact.name
        card.add("n").value = _structured_name(contact)
        _add_all(card, "nickname", [contact.nickname])
        _add_all(card, "x-tend-call-them", [contact.call_them])
        if contact.company or contact.department:
            card.add("org").value = [contact.company, *([contact.department]
                                                        if contact.department else [])]
        _add_all(card, "title", [contact.title])
        _add_all(card, "email", contact.emails)
        _add_all(card, "tel", contact.phones)
        _add_all(card, "url", contact.websites)
        for address in contact.addresses:
            card.add("adr").value = vobject.vcard.Address(street=address)
        _add_all(card, "note", [contact.notes])
        if contact.groups:
            card.add("categories").value = list(contact.groups)
        _add_all(card, "x-tend-how-met", [contact.how_met])
        if contact.known_since:
            card.add("x-tend-known-since").value = contact.known_since.isoformat()
        birthday = _birthday(network, contact)
        if birthday:
            card.add("bday").value = birthday
        labelled = [("x-abdate", important.label or KIND_WORDS[important.kind],
                     _when(important)) for important in network.dates_of(contact.id)
                    if important.kind in (DateKind.CUSTOM, DateKind.WORK_ANNIVERSARY)]
        introducer = network.contacts.get(contact.introduced_by or "")
        labelled += [("x-abrelatednames", *split_related(entry)) for entry in contact.related]
        if introducer:
            labelled.append(("x-abrelatednames", "introduced by", introducer.name))
        for number, (name, label, value) in enumerate(labelled, start=1):
            card.add(name, group=f"item{number}").value = value
            if label:
                card.add("x-ablabel", group=f"item{number}").value = label
        card.add("uid").value = f"{contact.id}@tend"
        cards.append(card.serialize())
    return "".join(cards)


def _structured_name(contact: Contact) -> Any:
    """The name's parts as imported, or, for a name typed in Tend, its last word as the
    family name (a card named after a company has none: only ORG)."""
    import vobject

    if contact.name == contact.company and not (contact.given_name or contact.family_name):
        return vobject.vcard.Name()
    if contact.given_name or contact.family_name:
        return vobject.vcard.Name(
            family=contact.family_name, given=contact.given_name,
            additional=contact.additional_names, prefix=contact.name_prefix,
            suffix=contact.name_suffix)
    given, _, family = contact.name.rpartition(" ") if " " in contact.name else ("", "", "")
    return vobject.vcard.Name(family=family or contact.name, given=given)


def _add_all(card: Any, name: str, values: Iterable[str]) -> None:
    for value in values:
        if value:
            card.add(name).value = value


def _birthday(network: Network, contact: Contact) -> str:
    for important in network.dates_of(contact.id):
        if important.kind is DateKind.BIRTHDAY:
            return _when(important)
    return ""


def _when(important: ImportantDate) -> str:
    """1990-04-12, or --04-12 without a year."""
    year = f"{important.year:04d}" if important.year else "-"
    return f"{year}-{important.month:02d}-{important.day:02d}"
