"""What each user action does to the records: pure functions from input to outcome.

Every action gets the form's fields (each a list of strings, as a form may repeat a
name), the records, and a context with today, now and a fresh id from the shell. It
returns an Outcome: records to store, where to go, what to tell the user, or the form
as typed with a message per field to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol, TypeVar
from urllib.parse import urlencode

from pydantic import ValidationError

from core.agenda import candidates
from core.forms import FormState, clean, field_errors, values_of
from core.model import (
    AgendaDecision,
    Contact,
    Favour,
    ImportantDate,
    Interaction,
    InteractionKind,
    Pitch,
    Plan,
    Record,
    Settings,
    TargetNetwork,
)
from core.patience import BIG_STEPS, ask_readiness
from core.planner import PARTS, missing_parts
from core.store import Network

Fields = Mapping[str, str | Sequence[str]]
R = TypeVar("R", bound=Record)


class Context(Protocol):
    """What every action may use: the day, the time, and a fresh id from the shell."""

    @property
    def today(self) -> date: ...
    @property
    def now(self) -> datetime: ...
    @property
    def new_id(self) -> str: ...


@dataclass(frozen=True)
class Outcome:
    """Records to store, where to go next, what to tell the user, forms left to fix."""

    records: tuple[Record, ...] = ()
    route: str | None = None
    notice: str = ""
    forms: Mapping[str, FormState] = field(default_factory=dict)


class Invalid(Exception):
    """A form the user must fix; carries the outcome that shows it again."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("invalid form")
        self.outcome = outcome


def validated(model: type[R], data: Mapping[str, Any], form: str, route: str,
              typed: Mapping[str, str]) -> R:
    """Build a record, or raise Invalid with the user's input and a message per field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        state = FormState(typed, field_errors(error))
        raise Invalid(Outcome(route=route, forms={form: state})) from None


CONTACT_FIELDS = ("name", "how_met", "group", "layer", "sphere", "introduced_by",
                  "interval_days")
FLAGS = ("weak_tie", "shortlist")


def _contact_changes(fields: Fields) -> tuple[dict[str, Any], dict[str, str]]:
    typed = clean(fields, CONTACT_FIELDS)
    changes: dict[str, Any] = {k: v or None for k, v in typed.items()}
    changes["name"] = typed["name"]
    changes["how_met"] = typed["how_met"]
    changes["group"] = " / ".join(p.strip() for p in typed["group"].split("/") if p.strip())
    changes["layer"] = typed["layer"] or "active"
    for flag in FLAGS:
        changes[flag] = bool(values_of(fields, flag))
    return changes, typed


def add_contact(fields: Fields, network: Network, context: Context) -> Outcome:
    changes, typed = _contact_changes(fields)
    data = {**changes, "id": context.new_id, "updated_at": context.now,
            "added_on": context.today}
    contact = validated(Contact, data, "add_contact", "#/people", typed)
    return Outcome((contact,), f"#/people/{contact.id}",
                   f"Added {contact.name}. When did you last speak? Log it below.")


def edit_contact(fields: Fields, network: Network, context: Context) -> Outcome:
    old = _contact(fields, network)
    changes, typed = _contact_changes(fields)
    changes["targets"] = tuple(values_of(fields, "targets"))
    route = f"#/people/{old.id}"
    data = {**old.model_dump(), **changes, "updated_at": context.now}
    contact = validated(Contact, data, "edit_contact", route, typed)
    return Outcome((contact,), route, f"Saved {contact.name}.")


def set_archived(fields: Fields, network: Network, context: Context) -> Outcome:
    """Let someone go (P4), or bring them back: archived, never deleted."""
    old = _contact(fields, network)
    archived = clean(fields, ("archived",))["archived"] == "yes"
    contact = old.model_copy(update={"archived": archived, "updated_at": context.now})
    notice = (f"Let {contact.name} go. Their history is kept; restore them any time."
              if archived else f"{contact.name} is back in your network.")
    return Outcome((contact,), f"#/people/{contact.id}", notice)


def log_interaction(fields: Fields, network: Network, context: Context) -> Outcome:
    contact = _contact(fields, network)
    typed = clean(fields, ("on", "kind", "where", "note"))
    route = f"#/people/{contact.id}"
    data = {**{k: v for k, v in typed.items() if v}, "id": context.new_id,
            "updated_at": context.now, "contact_id": contact.id}
    interaction = validated(Interaction, data, "log_interaction", route, typed)
    if interaction.on > context.today:
        errors = {"on": "That date is in the future: log conversations that happened."}
        return Outcome(route=route, forms={"log_interaction": FormState(typed, errors)})
    notice = f"Logged: {interaction.kind.label.lower()} with {contact.name}."
    if interaction.kind in BIG_STEPS:
        readiness = ask_readiness(network.interactions_with(contact.id), interaction.on)
        if not readiness.ready:
            notice += f" A word of caution (P12): {readiness.reason.text}"
    return Outcome((interaction,), route, notice)


def add_favour(fields: Fields, network: Network, context: Context) -> Outcome:
    contact = _contact(fields, network)
    typed = clean(fields, ("direction", "what", "on"))
    data = {**typed, "on": typed["on"] or context.today, "id": context.new_id,
            "updated_at": context.now, "contact_id": contact.id}
    favour = validated(Favour, data, "add_favour", f"#/people/{contact.id}", typed)
    return Outcome((favour,), f"#/people/{contact.id}", f"Noted: {favour.what}.")


def add_date(fields: Fields, network: Network, context: Context) -> Outcome:
    contact = _contact(fields, network)
    typed = clean(fields, ("kind", "label", "month", "day", "year"))
    route = f"#/people/{contact.id}"
    data = {**{k: v for k, v in typed.items() if v}, "id": context.new_id,
            "updated_at": context.now, "contact_id": contact.id}
    important = validated(ImportantDate, data, "add_date", route, typed)
    year = important.year or 2024  # a leap year, so 29 February is a real date
    try:
        date(year, important.month, important.day)
    except ValueError:
        errors = {"day": "That day does not exist in that month."}
        return Outcome(route=route, forms={"add_date": FormState(typed, errors)})
    return Outcome((important,), route, "Date saved. Tend will remind you ahead of it.")


def save_target(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("id", "name", "kind", "value_proposition"))
    old = network.targets.get(typed["id"])
    data = {**(old.model_dump() if old else {"id": context.new_id}),
            **{k: v for k, v in typed.items() if k != "id"},
            "kind": typed["kind"] or "other",
            "active": bool(values_of(fields, "active")) if old else True,
            "updated_at": context.now}
    target = validated(TargetNetwork, data, "save_target", "#/networks", typed)
    return Outcome((target,), "#/networks", f"Saved the network {target.name}.")


def triage(fields: Fields, network: Network, context: Context) -> Outcome:
    """Sort one person into target networks, or mark them as in none (P5)."""
    contact = _contact(fields, network)
    chosen = tuple(t for t in values_of(fields, "targets") if t in network.targets)
    updated = contact.model_copy(update={"targets": chosen, "triaged": True,
                                         "updated_at": context.now})
    where = ", ".join(network.targets[t].name for t in chosen) or "no target network"
    return Outcome((updated,), "#/networks", f"{contact.name}: {where}.")


def act_on_item(fields: Fields, network: Network, context: Context) -> Outcome:
    """Done, snooze, skip, keep or let go, from the Today list."""
    key, do, days = clean(fields, ("key", "do", "days")).values()
    item = next((i for i in candidates(network, context.today) if i.key == key), None)
    if item is None:
        return Outcome(route="#/today", notice="That item has already been dealt with.")
    name = item.contact.name if item.contact else "that"
    if do == "done" and item.contact is not None:
        kind = InteractionKind.MESSAGE if item.kind == "follow_up" else InteractionKind.TOUCH
        done = Interaction(id=context.new_id, updated_at=context.now, contact_id=item.contact.id,
                           on=context.today, kind=kind, note=item.action)
        return Outcome((done,), "#/today", f"Done: {item.action.lower()} ({name}).")
    if do == "let_go" and item.contact is not None:
        return set_archived({"id": item.contact.id, "archived": "yes"}, network, context)
    until = None
    if do in ("snooze", "keep"):
        wait = int(days) if days.isdigit() and 1 <= int(days) <= 365 else 7
        until = context.today + timedelta(days=wait if do == "snooze" else 90)
    decision = AgendaDecision(id=key, updated_at=context.now, until=until,
                              skipped=do == "skip")
    notice = {"snooze": f"Snoozed until {until:%d %b}." if until else "",
              "keep": f"Kept {name}. Plan a light touch soon.",
              "skip": "Skipped for this time."}.get(do, "")
    return Outcome((decision,), "#/today", notice)


def save_settings(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("prune_after_days", "date_lead_days"))
    data = {**network.settings.model_dump(), **typed, "updated_at": context.now}
    settings = validated(Settings, data, "settings", "#/health", typed)
    return Outcome((settings,), "#/health", "Settings saved.")


def filter_people(fields: Fields, network: Network, context: Context) -> Outcome:
    """Filters live in the route, so a filtered list can be bookmarked and shared."""
    chosen = {k: v for k, v in clean(fields, FILTERS).items() if v}
    return Outcome(route="#/people" + (f"?{urlencode(chosen)}" if chosen else ""))


FILTERS = ("q", "group", "layer", "target", "due", "show")


PLAN_FIELDS = ("why", "give", "get", "reach_reason", "research", "next_step", "next_kind",
               "next_on")


def save_plan(fields: Fields, network: Network, context: Context) -> Outcome:
    """Write the why / what / what's next for one person (P14, P15)."""
    contact = _contact(fields, network)
    typed = clean(fields, PLAN_FIELDS)
    questions_text = clean(fields, ("questions",))["questions"]
    questions = tuple(q.strip() for q in questions_text.splitlines() if q.strip())
    old = network.plans.get(contact.id)
    base = old.model_dump() if old else {"id": contact.id, "contact_id": contact.id}
    data = {**base, **typed, "next_kind": typed["next_kind"] or "meeting",
            "next_on": typed["next_on"] or None, "questions": questions,
            "active": bool(values_of(fields, "active")) if old else True,
            "updated_at": context.now}
    route = f"#/people/{contact.id}/plan"
    shown = {**typed, "questions": questions_text}
    if old and old.active and old.next_step and data["active"] and not typed["next_step"]:
        errors = {"next_step": "A relationship always has a next step: change it rather "
                               "than clear it, or pause the plan."}
        return Outcome(route=route, forms={"save_plan": FormState(shown, errors)})
    plan = validated(Plan, data, "save_plan", route, shown)
    notice = f"Plan for {contact.name} saved."
    gaps = missing_parts(plan)
    if gaps:
        notice += " Still to answer: " + "; ".join(PARTS[g] for g in gaps) + "."
    return Outcome((plan,), route, notice)


def step_done(fields: Fields, network: Network, context: Context) -> Outcome:
    """The planned step happened: log it, and set the following one (required)."""
    contact = _contact(fields, network)
    plan = network.plans.get(contact.id)
    typed = clean(fields, ("note", "next_step", "next_kind", "next_on"))
    route = clean(fields, ("back",))["back"] or f"#/people/{contact.id}/plan"
    if plan is None:
        return Outcome(route=route, notice="There is no plan for that person yet.")
    errors = {}
    if not typed["next_step"]:
        errors["next_step"] = "What comes next? A relationship always has a next step."
    if not typed["next_on"]:
        errors["next_on"] = "When? Pick a date for the next step."
    if errors:
        return Outcome(route=route, forms={"step_done": FormState(typed, errors)})
    data = {**plan.model_dump(), "next_step": typed["next_step"],
            "next_kind": typed["next_kind"] or "meeting", "next_on": typed["next_on"],
            "updated_at": context.now}
    following = validated(Plan, data, "step_done", route, typed)
    done = Interaction(id=context.new_id, updated_at=context.now, contact_id=contact.id,
                       on=context.today, kind=plan.next_kind,
                       note=typed["note"] or plan.next_step)
    return Outcome((done, following), route,
                   f"Logged. Next with {contact.name}: {following.next_step}.")


def save_pitch(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("one_liner", "distinctive", "how_i_help"))
    data = {**network.pitch.model_dump(), **typed, "updated_at": context.now}
    pitch = validated(Pitch, data, "save_pitch", "#/pitch", typed)
    return Outcome((pitch,), "#/pitch", "Your pitch is saved; it shows before every meeting.")


def _contact(fields: Fields, network: Network) -> Contact:
    """The contact a form is about; a missing one means the page is stale."""
    wanted = clean(fields, ("id", "contact_id"))
    contact = network.contacts.get(wanted["contact_id"] or wanted["id"])
    if contact is None:
        raise Invalid(Outcome(route="#/people",
                              notice="That person is no longer here; nothing was changed."))
    return contact


ACTIONS: dict[str, Callable[[Fields, Network, Context], Outcome]] = {
    "add_contact": add_contact,
    "edit_contact": edit_contact,
    "set_archived": set_archived,
    "log_interaction": log_interaction,
    "add_favour": add_favour,
    "add_date": add_date,
    "save_target": save_target,
    "triage": triage,
    "act_on_item": act_on_item,
    "save_settings": save_settings,
    "filter_people": filter_people,
    "save_plan": save_plan,
    "step_done": step_done,
    "save_pitch": save_pitch,
}


def submit(action: str, fields: Fields, network: Network, context: Context) -> Outcome:
    """Run the action a form names; unknown actions are a bug in the page, not user error."""
    try:
        return ACTIONS[action](fields, network, context)
    except Invalid as invalid:
        return invalid.outcome
