"""Correcting the record: edit or delete what was logged, or delete a person for good.

Nothing is erased: a deletion is a tombstone (``deleted_at``), so it reaches the other
device in a merge and Undo can put it back. Each action here is one change for Undo,
however many records it touches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from core.actions.first_run import ESTIMATED_WHERE
from core.actions.outcome import Context, Fields, Invalid, Outcome, contact_of, validated
from core.actions.people import date_problems, interaction_problems
from core.actions.versions import over_stored
from core.forms import ENTRY_FIELDS, FormState, clean, edit_form
from core.model import Favour, ImportantDate, Interaction, Record
from core.network import Network
from core.routes import person_route, route_to
from core.rules.dates import KIND_WORDS

Entry = TypeVar("Entry", Interaction, Favour, ImportantDate)


def edit_interaction(fields: Fields, network: Network, context: Context) -> Outcome:
    """Correct a logged conversation: its kind, its day, where, what was said."""
    old = _entry(network.interactions, fields)
    typed = clean(fields, ENTRY_FIELDS["interaction"])
    form, route = edit_form("interaction", old.id), _page_of(old)
    interaction = over_stored(validated(Interaction, _corrected(old, typed, context), form,
                                        route, typed), old, fields, "interaction", form, route,
                              "This conversation was")
    return _saved(interaction, interaction_problems(interaction, context.today), form, typed,
                  _conversation(interaction, network))


def _corrected(old: Interaction, typed: Mapping[str, str], context: Context) -> dict[str, Any]:
    """The edited conversation; once the user has corrected it, it is no longer Start's guess.

    The guess's "where" (which only says it is a guess) goes with the flag, unless retyped.
    """
    data = {**_edited(old, typed, context), "estimated": False}
    if old.estimated and data.get("where") == ESTIMATED_WHERE:
        data["where"] = ""
    return data


def delete_interaction(fields: Fields, network: Network, context: Context) -> Outcome:
    old = _entry(network.interactions, fields)
    return _deleted(old, _conversation(old, network), context)


def edit_favour(fields: Fields, network: Network, context: Context) -> Outcome:
    old = _entry(network.favours, fields)
    typed = clean(fields, ENTRY_FIELDS["favour"])
    form, route = edit_form("favour", old.id), _page_of(old)
    # As when noting one, the day is optional: left empty, it stays what it was.
    data = {**_edited(old, typed, context), "on": typed["on"] or old.on}
    favour = over_stored(validated(Favour, data, form, route, typed), old, fields, "favour",
                         form, route, "This favour was")
    return _saved(favour, {}, form, typed, f"the favour: {favour.what}")


def delete_favour(fields: Fields, network: Network, context: Context) -> Outcome:
    old = _entry(network.favours, fields)
    return _deleted(old, f"the favour: {old.what}", context)


def edit_date(fields: Fields, network: Network, context: Context) -> Outcome:
    old = _entry(network.dates, fields)
    typed = clean(fields, ENTRY_FIELDS["date"])
    form, route = edit_form("date", old.id), _page_of(old)
    data = {**_edited(old, typed, context), "year": typed["year"] or None,
            "good_news": bool(typed["good_news"])}
    important = over_stored(validated(ImportantDate, data, form, route, typed), old, fields,
                            "date", form, route, "This date was")
    return _saved(important, date_problems(important), form, typed,
                  _date_of(important, network))


def delete_date(fields: Fields, network: Network, context: Context) -> Outcome:
    old = _entry(network.dates, fields)
    return _deleted(old, _date_of(old, network), context)


def delete_contact(fields: Fields, network: Network, context: Context) -> Outcome:
    """Delete a person for good: them, their timeline, favours, dates and plan, at once."""
    contact = contact_of(fields, network)
    theirs: list[Record] = [contact, *network.interactions_with(contact.id),
                            *network.favours_with(contact.id), *network.dates_of(contact.id)]
    if contact.id in network.plans:
        theirs.append(network.plans[contact.id])
    return Outcome(tuple(r.tombstone(context.now) for r in theirs), route_to("people"),
                   f"Deleted {contact.name} for good, with everything about them. "
                   "Undo brings it all back.")


def _entry(records: Mapping[str, Entry], fields: Fields) -> Entry:
    """The entry a form is about; a missing one means the page is stale."""
    found = records.get(clean(fields, ("id",))["id"])
    if found is None:
        raise Invalid(Outcome(notice="That entry is no longer here; nothing was changed."))
    return found


def _saved(entry: Interaction | Favour | ImportantDate, problems: Mapping[str, str], form: str,
           typed: Mapping[str, str], what: str) -> Outcome:
    """The corrected entry, or its form again with what to fix on its own row."""
    if problems:
        return Outcome(route=_page_of(entry), forms={form: FormState(typed, problems)})
    return Outcome((entry,), _page_of(entry), f"Saved {what}.")


def _deleted(old: Interaction | Favour | ImportantDate, what: str, context: Context) -> Outcome:
    """One entry deleted: a tombstone, back on its person's page."""
    return Outcome((old.tombstone(context.now),), _page_of(old), f"Deleted {what}.")


def _edited(old: Record, typed: Mapping[str, str], context: Context) -> dict[str, Any]:
    return {**old.model_dump(), **typed, "updated_at": context.now}


def _page_of(entry: Interaction | Favour | ImportantDate) -> str:
    return person_route(entry.contact_id)


def _name_of(entry: Interaction | Favour | ImportantDate, network: Network) -> str:
    contact = network.contacts.get(entry.contact_id)
    return contact.name if contact else "someone no longer here"


def _conversation(interaction: Interaction, network: Network) -> str:
    """'the conversation of 3 Dec 2026 with Ana'."""
    on = interaction.on
    return f"the conversation of {on.day} {on:%b %Y} with {_name_of(interaction, network)}"


def _date_of(important: ImportantDate, network: Network) -> str:
    """"Ana's birthday", "Ana's new job at Acme"."""
    return f"{_name_of(important, network)}'s {important.label or KIND_WORDS[important.kind]}"
