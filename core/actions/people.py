"""Actions on people: add, edit, let go, log a conversation, note a favour or a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.actions.outcome import Context, Fields, Invalid, Outcome, contact_of, validated
from core.actions.versions import over_stored
from core.forms import FILTERS, FormState, clean, values_of
from core.model import (
    Contact,
    Favour,
    ImportantDate,
    Interaction,
)
from core.network import Network
from core.routes import known_route, person_route, route_to
from core.rules.groups import group_list, normalise
from core.rules.names import name_key, people_named, picker_labels
from core.rules.patience import BIG_STEPS, ask_readiness

CONTACT_FIELDS = ("name", "call_them", "how_met", "title", "company", "department", "notes",
                  "groups", "layer", "sphere", "introduced_by", "interval_days", "known_since")
# Typed one per line; stored as lists.
LIST_FIELDS = ("emails", "phones", "websites")
FLAGS = ("weak_tie", "shortlist")


def _contact_changes(fields: Fields, network: Network, form: str, route: str,
                     own_id: str = "") -> tuple[dict[str, Any], dict[str, str]]:
    typed = clean(fields, CONTACT_FIELDS + LIST_FIELDS + ("introducer",))
    changes: dict[str, Any] = {k: v or None for k, v in typed.items()
                               if k in ("sphere", "interval_days", "known_since")}
    for text in ("name", "call_them", "how_met", "title", "company", "department", "notes"):
        changes[text] = typed[text]
    changes["groups"] = group_list(typed["groups"])
    changes["layer"] = typed["layer"] or "active"
    for name in LIST_FIELDS:
        changes[name] = tuple(dict.fromkeys(line.strip() for line in typed[name].splitlines()
                                            if line.strip()))
    for flag in FLAGS:
        changes[flag] = bool(values_of(fields, flag))
    changes["introduced_by"], problem = introducer_of(fields, network, own_id)
    if problem:
        raise Invalid(Outcome(route=route, forms={form: FormState(
            {**typed, **{flag: "on" if changes[flag] else "" for flag in FLAGS},
             "targets": "\n".join(values_of(fields, "targets"))},
            {"introduced_by": problem})}))
    return changes, typed


def add_contact(fields: Fields, network: Network, context: Context) -> Outcome:
    changes, typed = _contact_changes(fields, network, "add_contact", route_to("people"))
    data = {**changes, "id": context.new_id, "updated_at": context.now,
            "added_on": context.today}
    contact = validated(Contact, data, "add_contact", route_to("people"), typed)
    return Outcome((contact,), person_route(contact.id),
                   f"Added {contact.name}. When did you last speak? Log it below.")


def edit_contact(fields: Fields, network: Network, context: Context) -> Outcome:
    old = contact_of(fields, network)
    route = person_route(old.id)
    changes, typed = _contact_changes(fields, network, "edit_contact", route, old.id)
    changes["targets"] = tuple(values_of(fields, "targets"))
    shown = {**typed, "targets": "\n".join(changes["targets"]),
             **{flag: "on" if changes[flag] else "" for flag in FLAGS}}
    data = {**old.model_dump(), **changes, "updated_at": context.now}
    edited = validated(Contact, data, "edit_contact", route, shown)
    contact = over_stored(edited, old, fields, "contact", "edit_contact", route,
                          f"{old.name}'s details were")
    return Outcome((contact,), route, f"Saved {contact.name}.")


def set_archived(fields: Fields, network: Network, context: Context) -> Outcome:
    """Let someone go (P4), or bring them back: archived, never deleted."""
    old = contact_of(fields, network)
    archived = clean(fields, ("archived",))["archived"] == "yes"
    contact = old.model_copy(update={"archived": archived, "updated_at": context.now})
    notice = (f"Let {contact.name} go. Their history is kept; restore them any time."
              if archived else f"{contact.name} is back in your network.")
    return Outcome((contact,), person_route(contact.id), notice)


def log_interaction(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("on", "kind", "where", "note"))
    named = clean(fields, ("with", "contact_id", "id", "back"))
    if named["with"] and not (named["contact_id"] or named["id"]):
        found, problem = person_named(named["with"], network)
        if found is None:
            errors = {"with": problem}
            return Outcome(route=known_route(named["back"], route_to("log")), forms={
                "log_interaction": FormState({**typed, "with": named["with"]}, errors)})
        fields = {**fields, "contact_id": found.id}
    contact = contact_of(fields, network)
    route = known_route(named["back"], person_route(contact.id))
    data = {**{k: v for k, v in typed.items() if v}, "id": context.new_id,
            "updated_at": context.now, "contact_id": contact.id}
    interaction = validated(Interaction, data, "log_interaction", route, typed)
    if errors := interaction_problems(interaction, context.today):
        return Outcome(route=route, forms={"log_interaction": FormState(typed, errors)})
    notice = f"Logged: {interaction.kind.label.lower()} with {contact.name}."
    if interaction.kind in BIG_STEPS:
        readiness = ask_readiness(network.interactions_with(contact.id), interaction.on,
                                  contact)
        if not readiness.ready:
            notice += f" A word of caution (P12): {readiness.reason.text}"
    return Outcome((interaction,), route, notice)


def person_named(name: str, network: Network) -> tuple[Contact | None, str]:
    """The one person the quick log's "With" names, or why it names nobody, or several."""
    found = people_named(name, network.people)
    if len(found) == 1:
        return found[0], ""
    return None, _not_one(name, found, network, "log it from their page")


def _not_one(name: str, found: list[Contact], network: Network, otherwise: str) -> str:
    """Why a typed name picks no one: nobody has it, or several do (with a label to type)."""
    if not found:
        return (f"No one called {name} is in Tend yet: check the name as Tend has it "
                "(search People), or add them.")
    label = picker_labels(network.people)[found[0].id]
    return (f"{len(found)} people are called {name}: pick the one you mean, for example "
            f"\u201c{label}\u201d, or {otherwise}.")


def introducer_of(fields: Fields, network: Network, own_id: str = "") -> tuple[str | None, str]:
    """Who the form says made the introduction: an id, or why the typed name names no one.

    The form shows the introducer by name (a select of everyone would be the page's
    largest element in a large book) and keeps the id it was rendered with, so an
    unchanged name keeps its person even where several share it.
    """
    typed = clean(fields, ("introducer", "introduced_by"))
    if "introducer" not in fields:  # a page from before the name field
        return typed["introduced_by"] or None, ""
    text, shown = typed["introducer"].strip(), network.contacts.get(typed["introduced_by"])
    if not text:
        return None, ""
    if shown is not None and name_key(shown.name) == name_key(text):
        return shown.id, ""
    found = [c for c in people_named(text, network.people) if c.id != own_id]
    if len(found) == 1:
        return found[0].id, ""
    return None, _not_one(text[:80], found, network, "leave it empty for now")


def add_favour(fields: Fields, network: Network, context: Context) -> Outcome:
    contact = contact_of(fields, network)
    typed = clean(fields, ("direction", "what", "on"))
    data = {**typed, "on": typed["on"] or context.today, "id": context.new_id,
            "updated_at": context.now, "contact_id": contact.id}
    favour = validated(Favour, data, "add_favour", person_route(contact.id), typed)
    return Outcome((favour,), person_route(contact.id), f"Noted: {favour.what}.")


def add_date(fields: Fields, network: Network, context: Context) -> Outcome:
    contact = contact_of(fields, network)
    typed = clean(fields, ("kind", "label", "month", "day", "year"))
    route = person_route(contact.id)
    data = {**{k: v for k, v in typed.items() if v}, "id": context.new_id,
            "updated_at": context.now, "contact_id": contact.id,
            "good_news": bool(values_of(fields, "good_news"))}
    important = validated(ImportantDate, data, "add_date", route, typed)
    if errors := date_problems(important):
        return Outcome(route=route, forms={"add_date": FormState(typed, errors)})
    return Outcome((important,), route, "Date saved. Tend will remind you ahead of it.")


def interaction_problems(interaction: Interaction, today: date) -> dict[str, str]:
    """What the model cannot check: a conversation is logged once it has happened."""
    if interaction.on > today:
        return {"on": "That date is in the future: log conversations that happened."}
    return {}


def date_problems(important: ImportantDate) -> dict[str, str]:
    """What the model cannot check: news needs its year, and the day must exist."""
    if not important.kind.recurs and important.year is None:
        return {"year": "News happens once: give the year, so Tend knows when it was."}
    year = important.year or 2024  # a leap year, so 29 February is a real date
    try:
        date(year, important.month, important.day)
    except ValueError:
        return {"day": "That day does not exist in that month."}
    return {}


def filter_people(fields: Fields, network: Network, context: Context) -> Outcome:
    """Filters live in the route, so a filtered list can be bookmarked and shared."""
    chosen = {k: v for k, v in clean(fields, FILTERS).items() if v}
    return Outcome(route=route_to("people", **chosen))





def bulk(fields: Fields, network: Network, context: Context) -> Outcome:
    """One change to many people at once, written together; Undo takes it all back."""
    chosen = [network.contacts[i] for i in values_of(fields, "ids") if i in network.contacts]
    do, group, layer, target = clean(fields, ("do", "group", "layer", "target")).values()
    route = route_to("people")
    if not chosen:
        return Outcome(route=route, notice="Tick the people to change first.")
    presets: dict[str, dict[str, Any]] = {

        "layer": {"layer": layer},
        "weak": {"weak_tie": True},
        "strong": {"weak_tie": False},
        "let_go": {"archived": True},
        "restore": {"archived": False},
    }
    changes = presets.get(do, {})
    if do == "group" and normalise(group):
        updated = [validated(Contact, {**c.model_dump(), "updated_at": context.now,
                                       "groups": group_list("\n".join((*c.groups, group)))},
                             "bulk", route, {}) for c in chosen]
    elif do == "target" and target in network.targets:
        updated = [c.model_copy(update={"targets": tuple(dict.fromkeys((*c.targets, target))),
                                        "triaged": True, "updated_at": context.now})
                   for c in chosen]
    elif changes:
        updated = [validated(Contact, {**c.model_dump(), **changes, "updated_at": context.now},
                             "bulk", route, {}) for c in chosen]
    else:
        return Outcome(route=route, notice="Choose what to change.")
    count = len(updated)
    return Outcome(tuple(updated), route,
                   f"Changed {count} {'person' if count == 1 else 'people'}. Undo puts it back.")
