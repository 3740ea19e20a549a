"""History from files the user already has: a calendar (.ics) and LinkedIn's messages.csv.

A reader turns a file into Occasions: a day on which the user was with, or wrote to, the
people it names (by e-mail, profile address or full name). The preview matches them
against the people in Tend and says who gets how many interactions; the commit makes one
interaction per occasion and person. Ids come from the occasion's own key in the file
(an event's UID and day, a conversation and day), so importing the same file again adds
nothing twice, and an interaction the user deleted is not brought back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.formats import History, Occasion, linkedin_profile
from core.formats.ics import is_calendar, read_calendar
from core.formats.importing import Preview
from core.formats.linkedin_messages import is_messages, read_messages
from core.model import Contact, Interaction, InteractionKind
from core.network import Network
from core.rules.names import folded, name_key
from core.storage.codec import KINDS, LAYOUT


def read_history(text: str, today: date, utc_offset: timedelta = timedelta(0)
                 ) -> History | None:
    """The file's history if it is a calendar or LinkedIn's messages export; None for any
    other file (a contacts file, for the people import). ``utc_offset`` is the user's
    clock, east of UTC, from the shell: a time the file gives in UTC falls on the user's
    day."""
    if is_calendar(text):
        return read_calendar(text, today, utc_offset)
    if is_messages(text):
        return read_messages(text, utc_offset)
    return None


@dataclass(frozen=True)
class Entry:
    """An interaction the import would add: who, which day, why they were matched."""

    record_id: str
    contact: Contact
    on: date
    because: str
    note: str


@dataclass(frozen=True)
class Tally:
    """One person's share of the preview: how many new interactions, and the latest."""

    contact: Contact
    count: int
    latest: date
    because: str


@dataclass(frozen=True)
class HistoryPreview:
    """What the import would add, said per person, with what it leaves out."""

    source: str
    kind: InteractionKind
    entries: tuple[Entry, ...]
    problems: tuple[str, ...]
    skipped: tuple[str, ...]
    unmatched: int  # occasions naming nobody in Tend
    already: int  # interactions imported before (or logged by hand that day)
    keeps_text: bool  # False for messages: their words are never kept

    def occasions(self, count: int) -> str:
        """"3 events", "1 conversation day": what the file's occasions are, counted."""
        what = "event" if self.kind is InteractionKind.MEETING else "conversation day"
        return f"{count} {what}{'' if count == 1 else 's'}"

    @property
    def people(self) -> tuple[Tally, ...]:
        """Who gets how many, the most first."""
        tallies: dict[str, Tally] = {}
        for entry in self.entries:
            seen = tallies.get(entry.contact.id)
            tallies[entry.contact.id] = Tally(
                entry.contact, (seen.count if seen else 0) + 1,
                max(seen.latest, entry.on) if seen else entry.on,
                seen.because if seen else entry.because)
        return tuple(sorted(tallies.values(), key=lambda t: (-t.count, t.contact.name)))


# What the import page may be showing: people from a contacts file, or a history.
AnyPreview = Preview | HistoryPreview


def preview_history(history: History, network: Network,
                    stored: Collection[str] = ()) -> HistoryPreview:
    """Each occasion's people among those here, one new interaction per person and day.

    An interaction already stored under its id (imported before, even if since deleted)
    or one the user logged by hand with that person that day, of the same kind, is not
    proposed again.
    """
    people = network.people
    by_email = {e.casefold(): c for c in people for e in c.emails}
    by_profile = {p: c for c in people for w in c.websites if (p := linkedin_profile(w))}
    by_name = {key: c for c in people if (key := name_key(c.name))}
    titled = [(f" {folded(c.name)} ", c) for c in people if len(folded(c.name).split()) > 1]
    logged = {(i.contact_id, i.on) for i in network.interactions.values()
              if i.kind is history.kind and not i.is_deleted}
    entries: list[Entry] = []
    unmatched = already = 0
    for occasion in history.occasions:
        matched = _people_of(occasion, by_email, by_profile, by_name, titled)
        if not matched:
            unmatched += 1
        for contact, because in matched:
            record_id = occasion_id(history.source, occasion.key, contact.id)
            if (contact.id, occasion.on) in logged or _key(record_id) in stored \
                    or record_id in network.interactions:
                already += 1
                continue
            logged.add((contact.id, occasion.on))
            note = occasion.title if history.keeps_titles else history.note
            entries.append(Entry(record_id, contact, occasion.on, because, note))
    return HistoryPreview(history.source, history.kind, tuple(entries), history.problems,
                          history.skipped, unmatched, already, history.keeps_titles)


def _people_of(occasion: Occasion, by_email: Mapping[str, Contact],
               by_profile: Mapping[str, Contact], by_name: Mapping[str, Contact],
               titled: Iterable[tuple[str, Contact]]) -> list[tuple[Contact, str]]:
    """The people here an occasion names, each once, with the reason: the e-mail or
    profile address first, then the name, then a full name in the title."""
    found: dict[str, tuple[Contact, str]] = {}
    for email in occasion.emails:
        if (contact := by_email.get(email.casefold())) is not None:
            found.setdefault(contact.id, (contact, f"same e-mail ({email})"))
    for profile in occasion.profiles:
        if (contact := by_profile.get(profile)) is not None:
            found.setdefault(contact.id, (contact, "same LinkedIn profile"))
    for name in occasion.names:
        if (contact := by_name.get(name_key(name))) is not None:
            found.setdefault(contact.id, (contact, "same name"))
    if occasion.named_in_title and not found:
        title = f" {folded(occasion.title)} "
        for phrase, contact in titled:
            if phrase in title:
                found.setdefault(contact.id, (contact, "named in the title"))
    return list(found.values())


def commit_history(found: HistoryPreview, now: datetime,
                   stored: Collection[str] = ()) -> list[Interaction]:
    """The interactions the preview proposed, minus any stored since it was made."""
    return [Interaction.model_validate({
        "id": entry.record_id, "contact_id": entry.contact.id, "on": entry.on,
        "kind": found.kind, "note": entry.note[:200], "updated_at": now})
        for entry in found.entries if _key(entry.record_id) not in stored]


def occasion_id(source: str, key: str, contact_id: str) -> str:
    """The same occasion and person give the same id on every import, on every device."""
    digest = hashlib.sha256(f"{source}\n{key}\n{contact_id}".encode()).hexdigest()[:32]
    return f"{'ics' if source == 'calendar' else 'li'}-{digest}"


def _key(record_id: str) -> str:
    """The storage key an interaction with this id has."""
    return f"{LAYOUT}{INTERACTION}/{record_id}"


INTERACTION = next(name for name, model in KINDS.items() if model is Interaction)
